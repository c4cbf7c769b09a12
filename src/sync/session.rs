//! The saved session: the one path that keeps, reads and resumes the user's refresh token, for
//! the TUI (after a login, a resume and each sync) and for `coffre sync` alike. Whichever ran
//! last stored the current token; the other resumes from it without a password. Both log in
//! with the same [`SCOPES`](crate::oxlin::config::SCOPES), so a token stored by one carries
//! every scope the other needs.
//!
//! The token is a secret, never printed. Beside it the store keeps whose it is
//! ([`TokenOwner`]: auth URL, client id and username, which are not secrets), so that a
//! configuration that now names another user or another server logs in with the password
//! instead of showing or syncing someone else's accounts.
//!
//! A refresh token is single-use and rotates, so every new one is stored the moment it arrives,
//! in its own committed write, by a [`StoreKeeper`] set on the client (see
//! `crate::oxlin::tokens`): a run killed, suspended or failing after a refresh leaves the
//! current token behind. The keeper also re-reads the saved token before each refresh, under a
//! lock shared by the TUI and `coffre sync`, so that one never spends a token the other rotated.
//!
//! ## Where the token lives (`[session] store`, a choice of ours)
//! - `"file"`: in the store's `secrets` table, in the data dir, which is `0700` with every file
//!   `0600` (`crate::store::private`). Every process of the user can read it, cron included.
//! - `"keyring"`: in the OS keyring ([`os_keyring`]: the Secret Service of the desktop session,
//!   the macOS Keychain, the Windows Credential Manager), entry `coffre` / `"OWNER STORE_PATH"`.
//!   A process that cannot reach it (a cron job has no session bus) says so, with what to do,
//!   and changes nothing.
//! - `"auto"` (the default): the keyring when it answers at the first save of a session (a
//!   login in the TUI, in a desktop session), else the store. A loopback server (the sandbox) is
//!   always kept in the store.
//!
//! Where the current session lives is recorded in the store ([`REFRESH_TOKEN_PLACE`], a
//! [`Place`]), beside its owner, and every read and every rotation follows that record: the
//! TUI and `coffre sync` never look in two places, so neither reads a stale token. The place is
//! chosen once per session and kept while the configuration allows it ([`Place::decide`]): a
//! cron job that cannot reach the keyring never moves the TUI's session into the store, it logs
//! in with the password for its own run (nothing kept) or, without one, exits 1 saying to set
//! `store = "file"` and open coffre once in the desktop session (which then moves the session
//! into the store at its next rotation). When the token lives in the keyring, the store's copy
//! is emptied in the same transaction that records the place: no copy stays in the store.
//! Moving back to the store removes the keyring entry.
//!
//! finX links' refresh tokens follow the same setting with the same [`Place`], [`OsKeyring`]
//! and [`OwnStore`] (`crate::sync::finx::token_place`), their place recorded in each link's
//! `finx_links` row.

mod keeper;
mod os_keyring;
mod own_store;
mod owner;
mod place;

use std::sync::Arc;

use secrecy::{ExposeSecret, SecretString};

pub use keeper::StoreKeeper;
pub use os_keyring::{KEYRING_WAIT, OsKeyring};
pub use own_store::{HOLD_WAIT, OwnStore};
pub use owner::TokenOwner;
pub use place::{Place, SessionSection, SessionStore};

use crate::oxlin::client::Client;
use crate::oxlin::config::OxlinConfig;
use crate::oxlin::error::OxlinError;
use crate::store::{Store, StoreError};

/// The store secret holding the refresh token.
pub const REFRESH_TOKEN: &str = "oxlin.refresh_token";
/// The store entry naming the server, client and user the refresh token belongs to.
pub const REFRESH_TOKEN_OWNER: &str = "oxlin.refresh_token_owner";
/// The store entry saying where the refresh token lives ([`Place`]; not a secret).
pub const REFRESH_TOKEN_PLACE: &str = "oxlin.refresh_token_place";

/// Why the saved session could not be read or kept. Never holds the token.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The session lives in the OS keyring and this process cannot reach it.
    #[error(
        "the saved session is in the OS keyring, which this process cannot reach ({why}). Run \
         coffre in your desktop session, or set `store = \"file\"` under [session] in the \
         configuration and open coffre once in your desktop session: it moves the session to \
         the data dir, where cron can read it"
    )]
    KeyringUnreachable { why: String },
    /// The configuration asks for the keyring and the session could not be kept there.
    #[error(
        "the session could not be kept in the OS keyring ([session] store = \"keyring\"): \
         {why}. Unlock the keyring, or set `store = \"file\"` or `\"auto\"` under [session]"
    )]
    KeyringRefused { why: String },
}

/// Where `owner`'s current session lives, `None` when the store holds no session of theirs.
pub fn current_place(store: &Store, owner: &TokenOwner) -> Result<Option<Place>, StoreError> {
    let Some(stored_owner) = store.secret(REFRESH_TOKEN_OWNER)? else {
        return Ok(None);
    };
    if !owner.accepts(stored_owner.expose_secret()) {
        return Ok(None);
    }
    recorded_place(store).map(Some)
}

/// The place recorded in the store, whoever owns it (the store when none is recorded).
fn recorded_place(store: &Store) -> Result<Place, StoreError> {
    let line = store.secret(REFRESH_TOKEN_PLACE)?;
    Ok(Place::parse(line.as_ref().map(|l| l.expose_secret())))
}

/// The stored refresh token, when it belongs to `owner`, read where it lives.
pub fn stored_token(
    store: &Store,
    owner: &TokenOwner,
) -> Result<Option<SecretString>, SessionError> {
    match current_place(store, owner)? {
        None => Ok(None),
        Some(Place::Store) => Ok(store
            .secret(REFRESH_TOKEN)?
            .filter(|token| !token.expose_secret().is_empty())),
        Some(Place::Keyring(account)) => OsKeyring::new(&account)
            .get()
            .map_err(|why| SessionError::KeyringUnreachable { why }),
    }
}

/// The keyring account of `owner`'s sessions in this store.
fn keyring_account(store: &Store, owner: &TokenOwner) -> String {
    format!("{} {}", owner.line().trim_end(), store.path().display())
}

/// Stores `token` as `owner`'s refresh token, replacing the previous one, where the session
/// lives (chosen by [`Place::decide`] for a new session), and records the place.
pub fn save_token(
    store: &Store,
    owner: &TokenOwner,
    token: &SecretString,
) -> Result<(), SessionError> {
    let previous = recorded_place(store)?;
    let current = current_place(store, owner)?;
    let account = keyring_account(store, owner);
    let mut kept_in_keyring = false;
    let place = Place::decide(
        current.as_ref(),
        owner.store_choice(),
        owner.is_loopback(),
        &account,
        || {
            OsKeyring::new(&account).set(token)?;
            kept_in_keyring = true;
            Ok(())
        },
    )
    .map_err(|why| SessionError::KeyringRefused { why })?;
    let owner_line = SecretString::from(owner.line());
    let place_line = SecretString::from(place.line());
    match &place {
        Place::Store => store.set_secrets(&[
            (REFRESH_TOKEN, token),
            (REFRESH_TOKEN_OWNER, &owner_line),
            (REFRESH_TOKEN_PLACE, &place_line),
        ])?,
        Place::Keyring(account) => {
            if !kept_in_keyring {
                OsKeyring::new(account)
                    .set(token)
                    .map_err(|why| SessionError::KeyringRefused { why })?;
            }
            let none = SecretString::from(String::new());
            store.set_secrets(&[
                (REFRESH_TOKEN, &none),
                (REFRESH_TOKEN_OWNER, &owner_line),
                (REFRESH_TOKEN_PLACE, &place_line),
            ])?
        }
    }
    if let Place::Keyring(old) = previous
        && previous_differs(&place, &old)
        && let Err(e) = OsKeyring::new(&old).delete()
    {
        tracing::warn!("the previous session's keyring entry was left: {e}");
    }
    Ok(())
}

/// True when the session moved away from the keyring entry `old`.
fn previous_differs(place: &Place, old: &str) -> bool {
    !matches!(place, Place::Keyring(account) if account == old)
}

/// Stores `client`'s current refresh token for `owner` when its keeper has not (no keeper, or
/// the keeper's last write failed); nothing otherwise. Never writes an older token over one
/// another process kept since.
pub async fn keep_token(
    store: &Store,
    owner: &TokenOwner,
    client: &Client,
) -> Result<(), SessionError> {
    match client.unsaved_refresh_token().await {
        Some(token) => save_token(store, owner, &token),
        None => Ok(()),
    }
}

/// A session resumed from a stored refresh token, exchanged at once so that a refused token is
/// known before anything else is asked (`OxlinError::SessionExpired` then). With `keeper`,
/// every rotated token is kept from the first exchange on.
pub async fn resume(
    config: OxlinConfig,
    token: SecretString,
    keeper: Option<StoreKeeper>,
) -> Result<Client, OxlinError> {
    let client = Client::with_refresh_token(config, token)?;
    if let Some(keeper) = keeper {
        client.keep_tokens_with(Arc::new(keeper));
    }
    client.access_token().await?;
    Ok(client)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(text: &str) -> SecretString {
        SecretString::from(text.to_owned())
    }

    /// An owner on a real (non-loopback) server whose configuration keeps the session in the
    /// store: unit tests never touch the developer's keyring.
    fn file_owner(username: Option<&str>) -> TokenOwner {
        TokenOwner::new("https://auth", "coffre", username).keeping_in(SessionStore::File)
    }

    fn empty_store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("store.sqlite")).unwrap();
        (dir, store)
    }

    #[test]
    fn a_token_is_read_back_only_by_its_owner() {
        let (_dir, store) = empty_store();
        let claire = file_owner(Some("claire@example.com"));
        save_token(&store, &claire, &token("t-1")).unwrap();
        let read = stored_token(&store, &claire).unwrap().unwrap();
        assert_eq!(read.expose_secret(), "t-1");

        let other_user = file_owner(Some("paul@example.com"));
        assert!(stored_token(&store, &other_user).unwrap().is_none());
        let other_server = TokenOwner::new("https://other", "coffre", Some("claire@example.com"))
            .keeping_in(SessionStore::File);
        assert!(stored_token(&store, &other_server).unwrap().is_none());
        let no_username = file_owner(None);
        assert!(stored_token(&store, &no_username).unwrap().is_some());
    }

    #[test]
    fn a_session_recorded_in_the_keyring_is_never_read_from_the_store_copy() {
        let (_dir, store) = empty_store();
        let owner = file_owner(Some("claire@example.com"));
        save_token(&store, &owner, &token("t-1")).unwrap();
        let unreachable = Place::Keyring("coffre-test-entry-that-does-not-exist".into());
        store
            .set_secret(REFRESH_TOKEN_PLACE, &token(&unreachable.line()))
            .unwrap();
        // Where no keyring answers (CI) this is the clear error; where one does, the entry is
        // absent: either way the stale store copy is never handed out.
        match stored_token(&store, &owner) {
            Err(e @ SessionError::KeyringUnreachable { .. }) => {
                let message = e.to_string();
                assert!(message.contains("store = \"file\""), "{message}");
                assert!(!message.contains("t-1"), "{message}");
            }
            Ok(found) => assert!(found.is_none(), "the store copy was read"),
            Err(e) => panic!("unexpected: {e}"),
        }
    }

    #[test]
    fn a_saved_token_replaces_the_previous_one() {
        let (_dir, store) = empty_store();
        let owner = file_owner(Some("claire@example.com"));
        save_token(&store, &owner, &token("t-1")).unwrap();
        save_token(&store, &owner, &token("t-2")).unwrap();
        let read = stored_token(&store, &owner).unwrap().unwrap();
        assert_eq!(read.expose_secret(), "t-2");
    }
}
