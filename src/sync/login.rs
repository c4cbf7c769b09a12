//! How `coffre sync` logs in: with the saved session ([`super::session`]: the refresh token the
//! previous sync or the TUI stored), else with `username` plus the password
//! (`COFFRE_OXLIN_PASSWORD`, else the config's `password_command`). It asks for the same
//! [`SCOPES`] as the TUI, so the TUI can resume the session a sync leaves.
//!
//! Docs gaps (ours): a stored token that the server refuses (expired, unknown, already used)
//! falls back to the password, with a one-line note on stderr; without a password the sync
//! fails with "log in again".

use crate::config::{self, OxlinSection};
use crate::oxlin::client::Client;
use crate::oxlin::config::SCOPES;
use crate::oxlin::error::OxlinError;
use crate::store::Store;

use super::session::{self, TokenOwner};

/// A user session: from the stored refresh token when the server still takes it, else from
/// the password.
pub async fn log_in(oxlin: &OxlinSection, store: &Store) -> Result<Client, String> {
    let config = oxlin.client_config().map_err(|e| e.to_string())?;
    let stored = session::stored_token(store, &TokenOwner::of(oxlin)).map_err(|e| e.to_string())?;
    let had_token = stored.is_some();
    if let Some(token) = stored {
        match session::resume(config.clone(), token).await {
            Ok(client) => return Ok(client),
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
