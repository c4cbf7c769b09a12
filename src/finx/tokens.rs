//! The tokens of one finX access: the access token (1 h) and the refresh token (90 days),
//! which **rotates**: every refresh answers a new one that replaces the old, and an access
//! whose new refresh token is not kept is lost (seed 004). The state lives here under one
//! `tokio::sync::Mutex` (so a hundred page fetches that find the token stale cause one
//! refresh); the token requests themselves are the client's (`client::session`).
//!
//! **Every new refresh token is kept before it is used.** With a [`TokenKeeper`] (the Oxlin
//! client's trait, shared: the same store or keyring keeps both) set on the client, each new
//! refresh token is handed to it the moment it arrives, and no call goes on (the access token
//! that came with it included) until the keeper said it is kept; a keeper that fails is tried
//! again at the next call, and [`Tokens::unsaved_refresh_token`] gives what it could not keep.
//!
//! Docs gaps (ours): refresh [`REFRESH_MARGIN`] before `expires_in` ends, or halfway through a
//! shorter lifetime (an announced lifetime above [`MAX_LIFETIME`] is clamped to it, one hour
//! when none is announced); an answer without
//! `refresh_token` keeps the previous one; the access ends [`ACCESS_LIFETIME_DAYS`] days after
//! the last refresh (seed 004: "without activity for 90 days").

use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeDelta, Utc};
use secrecy::SecretString;
use tokio::sync::Mutex;

pub use crate::oxlin::tokens::TokenKeeper;

/// Refresh this long before the announced expiry.
pub const REFRESH_MARGIN: Duration = Duration::from_secs(60);

/// The longest access-token lifetime believed.
pub const MAX_LIFETIME: Duration = Duration::from_secs(24 * 3600);

/// Days a refresh token lives without a refresh (seed 004).
pub const ACCESS_LIFETIME_DAYS: i64 = 90;

/// When an access whose token was last refreshed at `refreshed_at` ends (`None` past the end
/// of chrono's calendar).
pub fn access_ends(refreshed_at: DateTime<Utc>) -> Option<DateTime<Utc>> {
    refreshed_at.checked_add_signed(TimeDelta::days(ACCESS_LIFETIME_DAYS))
}

/// When an access token announced to live `expires_in` seconds from `now` is to be refreshed:
/// [`REFRESH_MARGIN`] before it expires, or halfway through a lifetime shorter than twice that
/// (so a token of 30 s is not refreshed before every call).
pub fn refresh_at(now: Instant, expires_in: Option<u64>) -> Instant {
    let lifetime = Duration::from_secs(expires_in.unwrap_or(3600)).min(MAX_LIFETIME);
    let early = REFRESH_MARGIN.min(lifetime / 2);
    now.checked_add(lifetime - early).unwrap_or(now)
}

/// A current access token and its generation (to invalidate exactly that one after a 401).
#[derive(Debug, Clone)]
pub struct AccessToken {
    /// The Bearer token.
    pub token: SecretString,
    /// Which token answer it came from.
    pub generation: u64,
}

/// Everything known about the access, under the one lock.
#[derive(Debug, Default)]
pub(crate) struct State {
    /// The access token and when to refresh it.
    pub access: Option<(SecretString, Instant)>,
    pub generation: u64,
    /// The newest refresh token.
    pub refresh: Option<SecretString>,
    /// `refresh` is not with the keeper yet.
    pub unsaved: bool,
    /// When the last token answer arrived (wall clock).
    pub refreshed_at: Option<DateTime<Utc>>,
}

impl State {
    /// The access token, when it is not yet time to refresh it.
    pub fn fresh_access(&self) -> Option<AccessToken> {
        let (_, refresh_at) = self.access.as_ref()?;
        (Instant::now() < *refresh_at)
            .then(|| self.access_token())
            .flatten()
    }

    /// The access token held, fresh or not.
    pub fn access_token(&self) -> Option<AccessToken> {
        let (token, _) = self.access.as_ref()?;
        Some(AccessToken {
            token: token.clone(),
            generation: self.generation,
        })
    }
}

/// The access's tokens and their keeper.
pub struct Tokens {
    keeper: OnceLock<Arc<dyn TokenKeeper>>,
    pub(crate) state: Mutex<State>,
}

impl std::fmt::Debug for Tokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokens")
            .field("keeper", &self.keeper.get().is_some())
            .finish_non_exhaustive()
    }
}

impl Tokens {
    /// Tokens starting from a stored refresh token (or none: a code exchange comes first).
    pub fn new(refresh: Option<SecretString>) -> Self {
        Tokens {
            keeper: OnceLock::new(),
            state: Mutex::new(State {
                refresh,
                ..State::default()
            }),
        }
    }

    /// Hands every new refresh token to `keeper` from now on (the first keeper set stays).
    pub fn keep_with(&self, keeper: Arc<dyn TokenKeeper>) {
        let _ = self.keeper.set(keeper);
    }

    /// The keeper, if one is set.
    pub(crate) fn keeper(&self) -> Option<&Arc<dyn TokenKeeper>> {
        self.keeper.get()
    }

    /// The current refresh token (`None` before a code exchange).
    pub async fn refresh_token(&self) -> Option<SecretString> {
        self.state.lock().await.refresh.clone()
    }

    /// The current refresh token when the keeper does not hold it yet.
    pub async fn unsaved_refresh_token(&self) -> Option<SecretString> {
        let state = self.state.lock().await;
        state.refresh.clone().filter(|_| state.unsaved)
    }

    /// When the last token answer arrived.
    pub async fn refreshed_at(&self) -> Option<DateTime<Utc>> {
        self.state.lock().await.refreshed_at
    }

    /// Marks the access token of `generation` as refused, so the next call refreshes; one
    /// already replaced by another caller is left alone.
    pub async fn invalidate(&self, generation: u64) {
        let mut state = self.state.lock().await;
        if state.generation == generation {
            state.access = None;
        }
    }

    /// Hands an unsaved refresh token to the keeper; `Err` (the keeper's reason) when it
    /// failed, the token then staying unsaved for the next try.
    pub(crate) async fn keep(&self, state: &mut State) -> Result<(), String> {
        let (Some(keeper), Some(token), true) = (self.keeper.get(), &state.refresh, state.unsaved)
        else {
            return Ok(());
        };
        let token = token.clone();
        blocking(keeper, move |k| k.keep(&token)).await??;
        state.unsaved = false;
        Ok(())
    }
}

/// Runs `work` with `keeper` on the blocking pool (a store write, a file lock).
pub(crate) async fn blocking<T: Send + 'static>(
    keeper: &Arc<dyn TokenKeeper>,
    work: impl FnOnce(&dyn TokenKeeper) -> T + Send + 'static,
) -> Result<T, String> {
    let keeper = Arc::clone(keeper);
    tokio::task::spawn_blocking(move || work(keeper.as_ref()))
        .await
        .map_err(|e| format!("the token keeper stopped: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_refreshed_a_minute_early_or_halfway_through_a_short_life() {
        let now = Instant::now();
        assert_eq!(refresh_at(now, Some(3600)), now + Duration::from_secs(3540));
        assert_eq!(refresh_at(now, Some(30)), now + Duration::from_secs(15));
        assert_eq!(refresh_at(now, None), now + Duration::from_secs(3540));
        assert_eq!(
            refresh_at(now, Some(u64::MAX)),
            now + MAX_LIFETIME - REFRESH_MARGIN
        );
        assert_eq!(refresh_at(now, Some(0)), now);
    }

    #[test]
    fn an_access_ends_ninety_days_after_its_last_refresh() {
        let refreshed = DateTime::from_timestamp(1_709_294_400, 0).unwrap();
        assert_eq!(
            access_ends(refreshed).unwrap().to_rfc3339(),
            "2024-05-30T12:00:00+00:00"
        );
        assert_eq!(access_ends(DateTime::<Utc>::MAX_UTC), None);
    }
}
