//! Where a finX link's refresh token lives, chosen and followed as the Oxlin session's is
//! (`sync::session`, whose [`Place`], [`Place::decide`] and [`OsKeyring`] this reuses): in the
//! link's `finx_links` row (the store file, `0600`), or in the OS keyring when `[session] store`
//! says so. The place is recorded in the row (`place`, NULL for the row itself), so the TUI, a
//! cron `coffre sync` and `coffre connect finx` all look in the same place; when the token is in
//! the keyring the row's token is empty, written in the same committed transaction.
//!
//! - `"file"`: the row. An explicit `file` moves a keyring token into the row at its next
//!   rotation and removes the keyring entry.
//! - `"keyring"`: the keyring; a process that cannot reach it keeps nothing and says what to do.
//! - `"auto"`: the keyring when it answers at the link's first token (a desktop session), else
//!   the row; a link on a loopback server (the sandbox) always stays in the row, so tests and
//!   demos never fill the user's keyring. Once chosen, `auto` never moves a link.
//!
//! Each link has its own keyring entry: service `coffre`, account `"finx API_URL CLIENT_ID
//! LINK_ID STORE_PATH"` ([`keyring_account`], not a secret), so two data dirs never share one.
//! A link's token is read before it is spent: a process that cannot reach the keyring stops
//! there ([`FinxTokenError::KeyringUnreachable`], saying what to do) and the token stays where
//! it is. Deleting a link ([`forget_link`]) removes its keyring entry first, then its row.

use std::path::Path;

use chrono::{DateTime, Utc};
use secrecy::{ExposeSecret, SecretString};

use crate::store::finx_links::{FinxLink, FinxLinkOwner};
use crate::store::{Store, StoreError};
use crate::sync::session::{OsKeyring, Place, SessionStore};

/// Why a finX link's token could not be read, kept or removed. Never holds the token.
#[derive(Debug, thiserror::Error)]
pub enum FinxTokenError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The token lives in the OS keyring and this process cannot reach it.
    #[error(
        "this German bank's finX token is in the OS keyring, which this process cannot reach \
         ({why}); nothing was changed. Run coffre in your desktop session, or set `store = \
         \"file\"` under [session] in the configuration and sync once in your desktop session: \
         the token then moves to the data dir, where cron can read it"
    )]
    KeyringUnreachable {
        /// What the keyring said.
        why: String,
    },
    /// The configuration asks for the keyring and the token could not be kept there.
    #[error(
        "the finX token could not be kept in the OS keyring ([session] store = \"keyring\"): \
         {why}. Unlock the keyring, or set `store = \"file\"` or `\"auto\"` under [session]"
    )]
    KeyringRefused {
        /// What the keyring said.
        why: String,
    },
}

/// The keyring account of `owner`'s link in the store file at `store`.
pub fn keyring_account(store: &Path, owner: &FinxLinkOwner) -> String {
    format!(
        "finx {} {} {} {}",
        owner.api_url,
        owner.client_id,
        owner.link_id,
        store.display()
    )
}

/// Where `link`'s token lives, as recorded in its row.
pub fn place_of(link: &FinxLink) -> Place {
    Place::parse(link.place.as_deref())
}

/// `link`'s current refresh token, read where it lives; `None` when none is kept.
pub fn link_token(link: &FinxLink) -> Result<Option<SecretString>, FinxTokenError> {
    match place_of(link) {
        Place::Store => {
            Ok(Some(link.refresh_token.clone()).filter(|token| !token.expose_secret().is_empty()))
        }
        Place::Keyring(account) => OsKeyring::new(&account)
            .get()
            .map_err(|why| FinxTokenError::KeyringUnreachable { why }),
    }
}

/// Keeps `token` as `owner`'s refresh token, refreshed at `at`, where the configuration's
/// `choice` and the link's recorded place say ([`Place::decide`]), and records the place. The
/// token is kept (the keyring entry written and read back, or the row committed) before this
/// returns; a keyring entry the link moved away from is removed.
pub fn keep_link_token(
    store: &Store,
    owner: &FinxLinkOwner,
    choice: SessionStore,
    token: &SecretString,
    at: DateTime<Utc>,
) -> Result<(), FinxTokenError> {
    let current = store.finx_link(owner)?.map(|link| place_of(&link));
    let account = keyring_account(store.path(), owner);
    let loopback =
        url::Url::parse(&owner.api_url).is_ok_and(|url| crate::oxlin::config::is_loopback(&url));
    let mut kept_in_keyring = false;
    let place = Place::decide(current.as_ref(), choice, loopback, &account, || {
        OsKeyring::new(&account).set(token)?;
        kept_in_keyring = true;
        Ok(())
    })
    .map_err(|why| FinxTokenError::KeyringRefused { why })?;
    match &place {
        Place::Store => store.keep_finx_token(owner, token, at)?,
        Place::Keyring(entry) => {
            if !kept_in_keyring {
                OsKeyring::new(entry)
                    .set(token)
                    .map_err(|why| FinxTokenError::KeyringRefused { why })?;
            }
            store.keep_finx_token_elsewhere(owner, &place.line(), at)?;
        }
    }
    if let Some(Place::Keyring(old)) = current
        && place != Place::Keyring(old.clone())
        && let Err(e) = OsKeyring::new(&old).delete()
    {
        tracing::warn!("a finX link's previous keyring entry was left: {e}");
    }
    Ok(())
}

/// Removes `owner`'s link: its keyring entry (when its token lives there), then its row. A
/// keyring that cannot be reached stops it before anything is removed. `false` when the link
/// was not stored.
pub fn forget_link(store: &Store, owner: &FinxLinkOwner) -> Result<bool, FinxTokenError> {
    let Some(link) = store.finx_link(owner)? else {
        return Ok(false);
    };
    if let Place::Keyring(account) = place_of(&link) {
        OsKeyring::new(&account)
            .delete()
            .map_err(|why| FinxTokenError::KeyringUnreachable { why })?;
    }
    Ok(store.delete_finx_link(owner)?.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owner(api_url: &str) -> FinxLinkOwner {
        FinxLinkOwner {
            link_id: "L1".into(),
            api_url: api_url.into(),
            client_id: "coffre".into(),
        }
    }

    fn token(text: &str) -> SecretString {
        SecretString::from(text.to_owned())
    }

    #[test]
    fn auto_keeps_a_sandbox_link_in_its_row_and_file_keeps_any_link_there() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s.sqlite")).unwrap();
        let sandbox = owner("http://127.0.0.1:4000/finx");
        keep_link_token(
            &store,
            &sandbox,
            SessionStore::Auto,
            &token("rt-1"),
            Utc::now(),
        )
        .unwrap();
        let real = owner("https://api.finx-s.qwist.cloud");
        let real = FinxLinkOwner {
            link_id: "L2".into(),
            ..real
        };
        keep_link_token(
            &store,
            &real,
            SessionStore::File,
            &token("rt-2"),
            Utc::now(),
        )
        .unwrap();
        for (link, expected) in [(&sandbox, "rt-1"), (&real, "rt-2")] {
            let row = store.finx_link(link).unwrap().unwrap();
            assert_eq!(place_of(&row), Place::Store);
            assert_eq!(link_token(&row).unwrap().unwrap().expose_secret(), expected);
        }
        assert!(forget_link(&store, &sandbox).unwrap());
        assert!(!forget_link(&store, &sandbox).unwrap());
        assert!(store.finx_link(&real).unwrap().is_some());
    }

    #[test]
    fn a_link_recorded_in_an_unreachable_keyring_is_never_read_from_its_row() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s.sqlite")).unwrap();
        let link = owner("http://127.0.0.1:4000/finx");
        store
            .keep_finx_token(&link, &token("rt-stale"), Utc::now())
            .unwrap();
        let nowhere = Place::Keyring("coffre-test-finx-entry-that-does-not-exist".into());
        let mut row = store.finx_link(&link).unwrap().unwrap();
        row.place = Some(nowhere.line());
        // Where no keyring answers (CI) this is the clear error; where one does, the entry is
        // absent: either way the row's stale token is never handed out.
        match link_token(&row) {
            Err(e @ FinxTokenError::KeyringUnreachable { .. }) => {
                let message = e.to_string();
                assert!(message.contains("store = \"file\""), "{message}");
                assert!(!message.contains("rt-stale"), "{message}");
            }
            Ok(found) => assert!(found.is_none(), "the row's copy was read"),
            Err(e) => panic!("unexpected: {e}"),
        }
    }
}
