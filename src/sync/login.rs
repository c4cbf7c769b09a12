//! How `coffre sync` logs in: with the saved session ([`super::session`]: the refresh token the
//! previous sync or the TUI stored, read where it lives), else with `username` plus the
//! password (`COFFRE_OXLIN_PASSWORD`, else the config's `password_command`). It asks for the
//! same [`SCOPES`] as the TUI, so the TUI can resume the session a sync leaves. Its client has
//! the headless retry budget (`OxlinConfig::for_headless_sync`: more retries than the TUI's).
//!
//! The client gets the store as its token keeper ([`session::StoreKeeper`]), so every rotated
//! refresh token is kept before the sync uses the access token that came with it: a sync
//! killed or failing halfway leaves a token the next run resumes from.
//!
//! Docs gaps (ours): a stored token that the server refuses (expired, unknown, already used)
//! falls back to the password, with a one-line note on stderr; without a password the sync
//! fails with "log in again". A failure of the exchange itself (server or network) is not a
//! refusal: it is reported as such ([`LoginError::Api`]), and the saved session is left as it
//! was for the next run. A saved session in an OS keyring this process cannot reach (cron) is
//! left alone: with a password the run logs in with it and keeps nothing
//! ([`LoggedIn::keeps_session`] false), unless the configuration says `store = "file"`, when
//! the new session is kept in the store and becomes the saved one; without a password the run
//! fails saying what to do.

use std::sync::Arc;

use crate::config::{self, OxlinSection};
use crate::oxlin::client::Client;
use crate::oxlin::config::SCOPES;
use crate::oxlin::error::OxlinError;
use crate::store::Store;

use super::session::{self, SessionError, SessionStore, StoreKeeper, TokenOwner};

/// A logged-in client, and whether its session is the saved one (kept for the next run).
pub struct LoggedIn {
    /// The user's client.
    pub client: Client,
    /// False when the saved session is out of this process's reach (a keyring): this run's
    /// session is not kept, the saved one is left as it was.
    pub keeps_session: bool,
}

/// Why `coffre sync` could not log in.
#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    /// The server or the network failed (a 5xx, a timeout…): a later run may succeed.
    #[error(
        "cannot log in, the server or the network failed: {0}. Nothing was changed; try again \
         later"
    )]
    Api(OxlinError),
    /// Only the user can fix it (configuration, password, keyring, store).
    #[error("{0}")]
    Fatal(String),
}

impl LoginError {
    fn of(error: OxlinError) -> Self {
        if error.is_transient() {
            LoginError::Api(error)
        } else {
            LoginError::Fatal(error.to_string())
        }
    }
}

/// A user session: from the stored refresh token when the server still takes it, else from
/// the password.
pub async fn log_in(
    oxlin: &OxlinSection,
    owner: &TokenOwner,
    store: &Store,
) -> Result<LoggedIn, LoginError> {
    let fatal = |e: &dyn std::fmt::Display| LoginError::Fatal(e.to_string());
    // Nobody watches a cron run and a failed one costs a whole run again: more retries.
    let config = oxlin
        .client_config()
        .map_err(|e| fatal(&e))?
        .for_headless_sync();
    let keeper = StoreKeeper::new(store.path(), owner.clone());
    let mut password = None;
    let (stored, keeps_session) = match session::stored_token(store, owner) {
        Ok(stored) => (stored, true),
        Err(unreachable @ SessionError::KeyringUnreachable { .. }) => {
            password = oxlin.password().ok().flatten();
            if oxlin.username.is_none() || password.is_none() {
                return Err(fatal(&unreachable));
            }
            // `store = "file"` asks for the session where this process can read it: take it
            // over from the password; otherwise the keyring's session stays the saved one.
            let take_over = owner.store_choice() == SessionStore::File;
            if !take_over {
                tracing::info!("logging in with the password for this run only: {unreachable}");
            }
            (None, take_over)
        }
        Err(e) => return Err(fatal(&e)),
    };
    let had_token = stored.is_some();
    if let Some(token) = stored {
        match session::resume(config.clone(), token, Some(keeper.clone())).await {
            Ok(client) => {
                return Ok(LoggedIn {
                    client,
                    keeps_session,
                });
            }
            Err(OxlinError::LogInAgain(_) | OxlinError::SessionExpired(_)) => {
                eprintln!(
                    "coffre sync: the saved session was refused; logging in with the password"
                )
            }
            Err(e) => return Err(LoginError::of(e)),
        }
    }
    let username = oxlin.username.as_deref().ok_or_else(|| {
        fatal(&if had_token {
            "please log in again: the saved session was refused and [oxlin] `username` is missing"
        } else {
            "[oxlin] `username` is missing"
        })
    })?;
    let password = match password {
        Some(password) => Some(password),
        None => oxlin.password().map_err(|e| fatal(&e))?,
    };
    let password = password.ok_or_else(|| {
        let why = if had_token {
            "please log in again: the saved session was refused and there is no password"
        } else {
            "no saved session and no password"
        };
        LoginError::Fatal(format!(
            "{why}: set {} or [oxlin] `password_command`",
            config::PASSWORD_ENV
        ))
    })?;
    let client =
        Client::with_password(config, username, password, SCOPES).map_err(|e| fatal(&e))?;
    if keeps_session {
        client.keep_tokens_with(Arc::new(keeper));
    }
    Ok(LoggedIn {
        client,
        keeps_session,
    })
}
