//! How `coffre sync` logs in: with the saved session ([`super::session`]: the refresh token the
//! previous sync or the TUI stored), else with `username` plus the password
//! (`COFFRE_OXLIN_PASSWORD`, else the config's `password_command`). It asks for the same
//! [`SCOPES`] as the TUI, so the TUI can resume the session a sync leaves.
//!
//! Either way the client gets the store as its token keeper ([`session::StoreKeeper`]), so
//! every rotated refresh token is on disk before the sync uses the access token that came with
//! it: a sync killed or failing halfway leaves a token the next run resumes from.
//!
//! Docs gaps (ours): a stored token that the server refuses (expired, unknown, already used)
//! falls back to the password, with a one-line note on stderr; without a password the sync
//! fails with "log in again".

use std::sync::Arc;

use crate::config::{self, OxlinSection};
use crate::oxlin::client::Client;
use crate::oxlin::config::SCOPES;
use crate::oxlin::error::OxlinError;
use crate::store::Store;

use super::session::{self, StoreKeeper, TokenOwner};

/// A user session: from the stored refresh token when the server still takes it, else from
/// the password.
pub async fn log_in(oxlin: &OxlinSection, store: &Store) -> Result<Client, String> {
    let config = oxlin.client_config().map_err(|e| e.to_string())?;
    let owner = TokenOwner::of(oxlin);
    let keeper = StoreKeeper::new(store.path(), owner.clone());
    let stored = session::stored_token(store, &owner).map_err(|e| e.to_string())?;
    let had_token = stored.is_some();
    if let Some(token) = stored {
        match session::resume(config.clone(), token, Some(keeper.clone())).await {
            Ok(client) => return Ok(client),
            Err(OxlinError::LogInAgain(_) | OxlinError::SessionExpired(_)) => {
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
    let client =
        Client::with_password(config, username, password, SCOPES).map_err(|e| e.to_string())?;
    client.keep_tokens_with(Arc::new(keeper));
    Ok(client)
}
