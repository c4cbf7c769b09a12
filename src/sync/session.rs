//! The saved session: the one path that keeps, reads and resumes the user's refresh token, for
//! the TUI (after a login, a resume and each sync) and for `coffre sync` alike. Whichever ran
//! last stored the current token; the other resumes from it without a password. Both log in
//! with the same [`SCOPES`](crate::oxlin::config::SCOPES), so a token stored by one carries
//! every scope the other needs.
//!
//! The token is a secret of the store (`Store::secret`), never printed. Beside it we keep whose
//! it is ([`TokenOwner`]: auth URL, client id and username, which are not secrets), so that a
//! configuration that now names another user or another server logs in with the password
//! instead of showing or syncing someone else's accounts.
//!
//! A refresh token is single-use and rotates, so every new one is stored the moment it arrives,
//! in its own committed write, by a [`StoreKeeper`] set on the client (see
//! `crate::oxlin::tokens`): a run killed, suspended or failing after a refresh leaves the
//! current token behind. The keeper also re-reads the store before each refresh, under a lock
//! shared by the TUI and `coffre sync`, so that one never spends a token the other rotated.
//!
//! Where the token lives (a choice): in the store's `secrets` table, in the data dir, which is
//! `0700` with every file `0600` (`crate::store::private`). The OS keyring is not used: it
//! needs a running secret service, which cron jobs, SSH sessions and CI do not have, and one
//! place for everyone keeps the TUI and `coffre sync` on the same token.
//!
//! Choices (ours; the docs are silent): the owner is stored as one line `"AUTH_URL CLIENT_ID
//! USERNAME"` (the format of the stores already written); a configuration without `username`
//! takes the token of whichever user it was stored for on the same server and client.

mod keeper;

use std::sync::Arc;

use secrecy::{ExposeSecret, SecretString};

pub use keeper::StoreKeeper;

use crate::config::OxlinSection;
use crate::oxlin::client::Client;
use crate::oxlin::config::OxlinConfig;
use crate::oxlin::error::OxlinError;
use crate::store::{Store, StoreError};

/// The store secret holding the refresh token.
pub const REFRESH_TOKEN: &str = "oxlin.refresh_token";
/// The store entry naming the server, client and user the refresh token belongs to.
pub const REFRESH_TOKEN_OWNER: &str = "oxlin.refresh_token_owner";

/// Who a refresh token belongs to: the server, the client and the user (when configured).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenOwner {
    auth_url: String,
    client_id: String,
    username: Option<String>,
}

impl TokenOwner {
    /// The owner under this configuration's `[oxlin]` section.
    pub fn of(section: &OxlinSection) -> Self {
        Self::new(
            &section.auth_url,
            &section.client_id,
            section.username.as_deref(),
        )
    }

    /// The owner for this server, client and user.
    pub fn new(auth_url: &str, client_id: &str, username: Option<&str>) -> Self {
        TokenOwner {
            auth_url: auth_url.to_owned(),
            client_id: client_id.to_owned(),
            username: username.map(str::to_owned),
        }
    }

    /// The stored form: `"AUTH_URL CLIENT_ID USERNAME"` (username empty when unknown).
    fn line(&self) -> String {
        format!(
            "{} {} {}",
            self.auth_url,
            self.client_id,
            self.username.as_deref().unwrap_or("")
        )
    }

    /// True when a token stored for `stored` (its line) may be used by this owner.
    fn accepts(&self, stored: &str) -> bool {
        match &self.username {
            Some(_) => stored == self.line(),
            None => stored.starts_with(&self.line()),
        }
    }
}

/// The stored refresh token, when it belongs to `owner`.
pub fn stored_token(store: &Store, owner: &TokenOwner) -> Result<Option<SecretString>, StoreError> {
    let Some(token) = store.secret(REFRESH_TOKEN)? else {
        return Ok(None);
    };
    let Some(stored_owner) = store.secret(REFRESH_TOKEN_OWNER)? else {
        return Ok(None);
    };
    Ok(owner.accepts(stored_owner.expose_secret()).then_some(token))
}

/// Stores `token` as `owner`'s refresh token, replacing the previous one.
pub fn save_token(
    store: &Store,
    owner: &TokenOwner,
    token: &SecretString,
) -> Result<(), StoreError> {
    let owner = SecretString::from(owner.line());
    store.set_secrets(&[(REFRESH_TOKEN, token), (REFRESH_TOKEN_OWNER, &owner)])
}

/// Stores `client`'s current refresh token for `owner` when its keeper has not (no keeper, or
/// the keeper's last write failed); nothing otherwise. Never writes an older token over one
/// another process kept since.
pub async fn keep_token(
    store: &Store,
    owner: &TokenOwner,
    client: &Client,
) -> Result<(), StoreError> {
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

    fn empty_store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("store.sqlite")).unwrap();
        (dir, store)
    }

    #[test]
    fn a_token_is_read_back_only_by_its_owner() {
        let (_dir, store) = empty_store();
        let claire = TokenOwner::new("https://auth", "coffre", Some("claire@example.com"));
        save_token(&store, &claire, &token("t-1")).unwrap();
        let read = stored_token(&store, &claire).unwrap().unwrap();
        assert_eq!(read.expose_secret(), "t-1");

        let other_user = TokenOwner::new("https://auth", "coffre", Some("paul@example.com"));
        assert!(stored_token(&store, &other_user).unwrap().is_none());
        let other_server = TokenOwner::new("https://other", "coffre", Some("claire@example.com"));
        assert!(stored_token(&store, &other_server).unwrap().is_none());
        let no_username = TokenOwner::new("https://auth", "coffre", None);
        assert!(stored_token(&store, &no_username).unwrap().is_some());
    }

    #[test]
    fn a_saved_token_replaces_the_previous_one() {
        let (_dir, store) = empty_store();
        let owner = TokenOwner::new("https://auth", "coffre", Some("claire@example.com"));
        save_token(&store, &owner, &token("t-1")).unwrap();
        save_token(&store, &owner, &token("t-2")).unwrap();
        let read = stored_token(&store, &owner).unwrap().unwrap();
        assert_eq!(read.expose_secret(), "t-2");
    }
}
