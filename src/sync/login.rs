//! How `coffre sync` logs in: with the refresh token a previous sync stored, else with
//! `username` plus the password (`COFFRE_OXLIN_PASSWORD`, else the config's `password_command`);
//! and, once the sync is over, keeping the current (rotated) refresh token for the next run.
//!
//! The token is a secret of the store (`Store::secret`), never printed. Beside it we keep whose
//! it is (auth URL, client id and username, which are not secrets), so that a configuration
//! that now names another user or another server logs in with the password instead of syncing
//! someone else's accounts.
//!
//! Docs gaps (ours): a stored token that the server refuses (expired, unknown, already used)
//! falls back to the password, with a one-line note on stderr; without a password the sync
//! fails with "log in again". The current refresh token is stored after every run that got one,
//! even a failed one: the stored token was rotated, so it is already used and worthless.

use secrecy::SecretString;

use crate::config::{self, OxlinSection};
use crate::oxlin::client::Client;
use crate::oxlin::error::OxlinError;
use crate::store::{Store, StoreError};

use super::SCOPES;

/// The store secret holding the refresh token.
pub const REFRESH_TOKEN: &str = "oxlin.refresh_token";
/// The store entry naming the server, client and user the refresh token belongs to.
pub const REFRESH_TOKEN_OWNER: &str = "oxlin.refresh_token_owner";

/// Who a refresh token belongs to under this configuration (server, client, user).
pub fn owner(oxlin: &OxlinSection) -> String {
    format!(
        "{} {} {}",
        oxlin.auth_url,
        oxlin.client_id,
        oxlin.username.as_deref().unwrap_or("")
    )
}

/// The stored refresh token, when it belongs to this configuration's server, client and user.
/// A configuration without `username` takes the token of whichever user it was stored for on
/// the same server and client.
pub fn stored_token(
    oxlin: &OxlinSection,
    store: &Store,
) -> Result<Option<SecretString>, StoreError> {
    let Some(token) = store.secret(REFRESH_TOKEN)? else {
        return Ok(None);
    };
    let Some(stored_owner) = store.secret(REFRESH_TOKEN_OWNER)? else {
        return Ok(None);
    };
    use secrecy::ExposeSecret;
    let stored_owner = stored_owner.expose_secret();
    let matches = match &oxlin.username {
        Some(_) => stored_owner == owner(oxlin),
        None => stored_owner.starts_with(&owner(oxlin)),
    };
    Ok(matches.then_some(token))
}

/// A user session: from the stored refresh token when the server still takes it, else from
/// the password.
pub async fn log_in(oxlin: &OxlinSection, store: &Store) -> Result<Client, String> {
    let config = oxlin.client_config().map_err(|e| e.to_string())?;
    let stored = stored_token(oxlin, store).map_err(|e| e.to_string())?;
    let had_token = stored.is_some();
    if let Some(token) = stored {
        let client =
            Client::with_refresh_token(config.clone(), token).map_err(|e| e.to_string())?;
        // Exchange it now, so a refused token can still fall back to the password.
        match client.access_token().await {
            Ok(_) => return Ok(client),
            Err(OxlinError::LogInAgain(_)) => {
                eprintln!(
                    "coffre sync: the saved session was refused; logging in with the password"
                )
            }
            Err(e) => return Err(e.to_string()),
        }
    }
    let username = oxlin.username.as_deref().ok_or(if had_token {
        "please log in again: the saved session was refused and [oxlin] `username` is missing"
    } else {
        "[oxlin] `username` is missing"
    })?;
    let password = oxlin
        .password()
        .map_err(|e| e.to_string())?
        .ok_or_else(|| {
            let why = if had_token {
                "please log in again: the saved session was refused and there is no password"
            } else {
                "no saved session and no password"
            };
            format!(
                "{why}: set {} or [oxlin] `password_command`",
                config::PASSWORD_ENV
            )
        })?;
    Client::with_password(config, username, password, SCOPES).map_err(|e| e.to_string())
}

/// Stores `client`'s current refresh token for the next sync (nothing when it has none).
pub async fn keep_refresh_token(
    oxlin: &OxlinSection,
    store: &Store,
    client: &Client,
) -> Result<(), StoreError> {
    let Some(token) = client.refresh_token().await else {
        return Ok(());
    };
    save_refresh_token(store, &owner(oxlin), &token)
}

/// Stores `token` as the refresh token of `owner` (see [`owner`]), replacing the previous one.
pub fn save_refresh_token(
    store: &Store,
    owner: &str,
    token: &SecretString,
) -> Result<(), StoreError> {
    store.set_secret(REFRESH_TOKEN, token)?;
    store.set_secret(REFRESH_TOKEN_OWNER, &SecretString::from(owner.to_owned()))
}
