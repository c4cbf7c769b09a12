//! The token manager: gets an access token for one grant (client credentials, or ROPC with
//! `provider=connect`), refreshes it before it expires and once after a 401, rotates the
//! refresh token, and makes concurrent callers share one refresh (everything happens under one
//! `tokio::sync::Mutex`, so a hundred page fetches that find the token stale cause one refresh).
//!
//! A session can also start from a stored refresh token ([`Grant::RefreshToken`], for
//! `coffre sync` from cron and the TUI's resume): its first token request is a `refresh_token`
//! grant.
//!
//! **Every new refresh token is kept the moment it arrives.** A refresh token is single-use, so
//! the one in memory is the only one that works: with a [`TokenKeeper`] set on the client, each
//! new one is handed to it (its own committed store write) before the access token that came
//! with it is used by anyone. A keeper that fails (say, "database is locked") is tried again
//! before the next call; [`TokenManager::unsaved_refresh_token`] gives what it could not keep.
//!
//! **Two processes share one session** (the TUI and a cron `coffre sync`): before refreshing,
//! the manager takes the keeper's hold (a file lock, so two processes never spend the same
//! token) and re-reads the kept token, which wins over its own when another process rotated it.
//! A refused refresh token is remembered as dead and the other candidate (kept or own, at most
//! two requests) is tried once. When none is left, a password session logs in again with its
//! password; a session resumed from a refresh token fails with [`OxlinError::SessionExpired`]
//! ("your saved session expired", never "wrong password"), and stays failed without asking the
//! server again until the keeper holds a token not yet refused (nothing retries a dead refresh
//! in a loop).
//!
//! Docs gaps (ours): refresh [`REFRESH_MARGIN`] before `expires_in` ends; an answer without
//! `refresh_token` keeps the previous one; no error code is documented for a refused refresh
//! token, so any 400 or 401 to a `refresh_token` grant is a refusal. `expires_in` is whatever
//! the server chose: a lifetime above [`MAX_LIFETIME`] (up to `u64::MAX` seconds, which would
//! overflow `Instant`) is clamped to it, so such a token is refreshed once a day at least.

mod keeper;
mod request;

use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use secrecy::{ExposeSecret, SecretString};
use tokio::sync::Mutex;

pub use keeper::TokenKeeper;

use super::config::OxlinConfig;
use super::error::OxlinError;
use super::wire::TokenResponse;
use keeper::blocking;

/// Refresh this long before the announced expiry.
pub const REFRESH_MARGIN: Duration = Duration::from_secs(60);

/// The longest access-token lifetime believed: longer announced ones are clamped to it.
pub const MAX_LIFETIME: Duration = Duration::from_secs(24 * 3600);

/// Refused refresh tokens remembered (the oldest is forgotten beyond this).
const REMEMBERED_REFUSALS: usize = 8;

/// How the session authenticates.
#[derive(Debug, Clone)]
pub enum Grant {
    /// Client credentials (admin calls such as creating users).
    Client { scope: String },
    /// Resource owner password credentials: a user's session.
    Password {
        username: String,
        password: SecretString,
        scope: String,
    },
    /// A session resumed from a stored refresh token (it keeps the scopes it was issued with).
    RefreshToken { refresh_token: SecretString },
}

#[derive(Debug)]
struct Session {
    access: SecretString,
    expires_at: Instant,
}

/// Everything the manager knows, under its one lock.
#[derive(Debug, Default)]
struct State {
    session: Option<Session>,
    generation: u64,
    /// The newest refresh token the server gave this session.
    refresh: Option<SecretString>,
    /// `refresh` is not with the keeper yet.
    unsaved: bool,
    /// Refresh tokens the server refused.
    refused: Vec<SecretString>,
}

/// A current access token and its generation (to invalidate exactly that one after a 401).
#[derive(Debug, Clone)]
pub struct AccessToken {
    pub token: SecretString,
    pub generation: u64,
}

/// Keeps one grant's tokens fresh.
pub struct TokenManager {
    grant: Grant,
    keeper: OnceLock<Arc<dyn TokenKeeper>>,
    state: Mutex<State>,
}

impl std::fmt::Debug for TokenManager {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenManager")
            .field("grant", &self.grant)
            .field("keeper", &self.keeper.get().is_some())
            .finish_non_exhaustive()
    }
}

/// When a token announced to live `expires_in` seconds from `now` expires (clamped, see the
/// module doc; one hour when the server did not say).
pub fn expires_at(now: Instant, expires_in: Option<u64>) -> Instant {
    let lifetime = Duration::from_secs(expires_in.unwrap_or(3600)).min(MAX_LIFETIME);
    now.checked_add(lifetime).unwrap_or(now)
}

fn same(a: &SecretString, b: &SecretString) -> bool {
    a.expose_secret() == b.expose_secret()
}

impl TokenManager {
    /// A manager for `grant`, keeping its tokens in memory until a keeper is set.
    pub fn new(grant: Grant) -> Self {
        Self {
            grant,
            keeper: OnceLock::new(),
            state: Mutex::new(State::default()),
        }
    }

    /// Hands every new refresh token to `keeper` from now on (the first keeper set stays).
    pub fn keep_with(&self, keeper: Arc<dyn TokenKeeper>) {
        let _ = self.keeper.set(keeper);
    }

    /// The current refresh token (rotated by every refresh), for widget sessions. `None`
    /// before the first token answer, and for client sessions.
    pub async fn refresh_token(&self) -> Option<SecretString> {
        self.state.lock().await.refresh.clone()
    }

    /// The current refresh token when the keeper does not hold it yet (no keeper, or its last
    /// write failed), for a last try at the end of a run.
    pub async fn unsaved_refresh_token(&self) -> Option<SecretString> {
        let state = self.state.lock().await;
        state.refresh.clone().filter(|_| state.unsaved)
    }

    /// A valid access token, fetching or refreshing one if needed (single flight).
    pub async fn access_token(
        &self,
        http: &reqwest::Client,
        config: &OxlinConfig,
    ) -> Result<AccessToken, OxlinError> {
        let mut state = self.state.lock().await;
        self.keep(&mut state).await;
        if let Some(session) = state.session.as_ref()
            && Instant::now() + REFRESH_MARGIN < session.expires_at
        {
            return Ok(AccessToken {
                token: session.access.clone(),
                generation: state.generation,
            });
        }
        let answer = self.renew(http, config, &mut state).await?;
        state.generation += 1;
        let token = AccessToken {
            token: answer.access_token.clone(),
            generation: state.generation,
        };
        state.session = Some(Session {
            access: answer.access_token,
            expires_at: expires_at(Instant::now(), answer.expires_in),
        });
        Ok(token)
    }

    /// Marks the token of `generation` as refused, so the next call refreshes. A token already
    /// replaced by another caller is left alone (no second refresh).
    pub async fn invalidate(&self, generation: u64) {
        let mut state = self.state.lock().await;
        if state.generation == generation
            && let Some(session) = state.session.as_mut()
        {
            session.expires_at = Instant::now();
        }
    }

    /// A new token answer, under the keeper's hold, kept before it is returned.
    async fn renew(
        &self,
        http: &reqwest::Client,
        config: &OxlinConfig,
        state: &mut State,
    ) -> Result<TokenResponse, OxlinError> {
        let keeper = self.keeper.get();
        let _hold = match keeper {
            Some(keeper) => blocking(keeper, |k| k.hold()).await.ok().flatten(),
            None => None,
        };
        for token in self.candidates(state).await {
            match self.request(http, config, Some(&token)).await {
                Ok(answer) => {
                    let rotated = answer.refresh_token.clone().unwrap_or(token);
                    self.rotated(state, rotated).await;
                    return Ok(answer);
                }
                Err(OxlinError::LogInAgain(why)) => {
                    tracing::info!("a refresh token was refused ({why})");
                    state.refused.push(token);
                    let excess = state.refused.len().saturating_sub(REMEMBERED_REFUSALS);
                    state.refused.drain(..excess);
                }
                Err(other) => return Err(other),
            }
        }
        if let Grant::RefreshToken { .. } = self.grant {
            state.refresh = None;
            state.unsaved = false;
            return Err(OxlinError::SessionExpired(
                "the server no longer takes its refresh token".into(),
            ));
        }
        let answer = self.request(http, config, None).await?;
        if let Some(token) = answer.refresh_token.clone() {
            self.rotated(state, token).await;
        }
        Ok(answer)
    }

    /// The refresh tokens to try, best first, none already refused, at most two: the kept one
    /// when another process rotated ours (unless ours is newer: not kept yet), then ours.
    async fn candidates(&self, state: &State) -> Vec<SecretString> {
        let own = state.refresh.clone().or(match &self.grant {
            Grant::RefreshToken { refresh_token } => Some(refresh_token.clone()),
            _ => None,
        });
        let Some(own) = own else {
            return Vec::new();
        };
        let kept = match self.keeper.get() {
            Some(keeper) => match blocking(keeper, |k| k.stored()).await {
                Ok(Ok(kept)) => kept,
                Ok(Err(e)) | Err(e) => {
                    tracing::warn!("the saved session could not be read: {e}");
                    None
                }
            },
            None => None,
        };
        let mut candidates = match kept {
            Some(kept) if state.unsaved => vec![own, kept],
            Some(kept) => vec![kept, own],
            None => vec![own],
        };
        candidates.dedup_by(|a, b| same(a, b));
        candidates.retain(|c| !state.refused.iter().any(|r| same(r, c)));
        candidates
    }

    /// Takes `token` as the session's refresh token and keeps it at once.
    async fn rotated(&self, state: &mut State, token: SecretString) {
        state.refresh = Some(token);
        state.unsaved = true;
        self.keep(state).await;
    }

    /// Hands an unsaved refresh token to the keeper; a failure leaves it unsaved for next time.
    async fn keep(&self, state: &mut State) {
        let (Some(keeper), Some(token), true) = (self.keeper.get(), &state.refresh, state.unsaved)
        else {
            return;
        };
        let token = token.clone();
        match blocking(keeper, move |k| k.keep(&token)).await {
            Ok(Ok(())) => state.unsaved = false,
            Ok(Err(e)) | Err(e) => {
                tracing::warn!("the new session token is not saved yet (tried again soon): {e}")
            }
        }
    }
}

#[cfg(test)]
mod tests;
