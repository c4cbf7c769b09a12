//! The token manager: gets an access token for one grant (client credentials, or ROPC with
//! `provider=connect`), refreshes it before it expires and once after a 401, rotates the
//! refresh token, and makes concurrent callers share one refresh (everything happens under one
//! `tokio::sync::Mutex`, so a hundred page fetches that find the token stale cause one refresh).
//!
//! A session can also start from a stored refresh token ([`Grant::RefreshToken`], for
//! `coffre sync` from cron): its first token request is a `refresh_token` grant, and the current
//! (rotated) refresh token can be read back after any call ([`TokenManager::refresh_token`]) to
//! be stored again.
//!
//! Docs gaps: how early to refresh is ours (60 s before `expires_in` ends); when the refresh
//! token is refused we fall back to the original grant (the password is kept, as a secret, for
//! the life of the session); an answer without `refresh_token` keeps the previous one. A session
//! started from a refresh token has nothing to fall back to: a refused refresh token (any 400 or
//! 401 to a `refresh_token` grant — the docs name no error code for it) is
//! [`OxlinError::LogInAgain`]. A token answer lost on the network after the server rotated the
//! refresh token leaves such a session with a used token: it is refused the same way.

use std::time::{Duration, Instant};

use secrecy::{ExposeSecret, SecretString};
use tokio::sync::Mutex;

use super::config::OxlinConfig;
use super::error::{OxlinError, SentSecrets};
use super::wire::TokenResponse;

/// Refresh this long before the announced expiry.
pub const REFRESH_MARGIN: Duration = Duration::from_secs(60);

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
    refresh: Option<SecretString>,
    expires_at: Instant,
    generation: u64,
}

/// A current access token and its generation (to invalidate exactly that one after a 401).
#[derive(Debug, Clone)]
pub struct AccessToken {
    pub token: SecretString,
    pub generation: u64,
}

/// Keeps one grant's tokens fresh.
#[derive(Debug)]
pub struct TokenManager {
    grant: Grant,
    session: Mutex<Option<Session>>,
}

impl TokenManager {
    pub fn new(grant: Grant) -> Self {
        Self {
            grant,
            session: Mutex::new(None),
        }
    }

    /// The current refresh token (rotated by every refresh), for widget sessions and to be stored
    /// by `coffre sync`. `None` before the first token request, and for client sessions.
    pub async fn refresh_token(&self) -> Option<SecretString> {
        self.session
            .lock()
            .await
            .as_ref()
            .and_then(|s| s.refresh.clone())
    }

    /// A valid access token, fetching or refreshing one if needed (single flight).
    pub async fn access_token(
        &self,
        http: &reqwest::Client,
        config: &OxlinConfig,
    ) -> Result<AccessToken, OxlinError> {
        let mut guard = self.session.lock().await;
        if let Some(session) = guard.as_ref()
            && Instant::now() + REFRESH_MARGIN < session.expires_at
        {
            return Ok(AccessToken {
                token: session.access.clone(),
                generation: session.generation,
            });
        }
        let generation = guard.as_ref().map_or(1, |s| s.generation + 1);
        let previous_refresh = guard.as_ref().and_then(|s| s.refresh.clone());
        let answer = match &previous_refresh {
            Some(refresh) => match self.request(http, config, Some(refresh)).await {
                Err(OxlinError::LogInAgain(_)) | Err(OxlinError::FixField { .. })
                    if !matches!(self.grant, Grant::RefreshToken { .. }) =>
                {
                    self.request(http, config, None).await?
                }
                other => other?,
            },
            None => self.request(http, config, None).await?,
        };
        let lifetime = Duration::from_secs(answer.expires_in.unwrap_or(3600));
        let session = Session {
            access: answer.access_token,
            refresh: answer.refresh_token.or(previous_refresh),
            expires_at: Instant::now() + lifetime,
            generation,
        };
        let token = AccessToken {
            token: session.access.clone(),
            generation,
        };
        *guard = Some(session);
        Ok(token)
    }

    /// Marks the token of `generation` as refused, so the next call refreshes. A token already
    /// replaced by another caller is left alone (no second refresh).
    pub async fn invalidate(&self, generation: u64) {
        let mut guard = self.session.lock().await;
        if let Some(session) = guard.as_mut()
            && session.generation == generation
        {
            session.expires_at = Instant::now();
        }
    }

    /// `request`, retried on transient failures (a token request changes nothing a second
    /// one would break: a lost rotated refresh token falls back to the original grant).
    async fn request(
        &self,
        http: &reqwest::Client,
        config: &OxlinConfig,
        refresh: Option<&SecretString>,
    ) -> Result<TokenResponse, OxlinError> {
        let mut attempt = 0;
        loop {
            match self.request_once(http, config, refresh).await {
                Err(error) if error.is_transient() && attempt < config.max_retries => {
                    attempt += 1;
                    let wait = match &error {
                        OxlinError::RetryLater { after: Some(after) } => *after,
                        _ => config.backoff.saturating_mul(1 << attempt.min(6)),
                    };
                    tokio::time::sleep(wait.min(Duration::from_secs(60))).await;
                }
                other => return other,
            }
        }
    }

    async fn request_once(
        &self,
        http: &reqwest::Client,
        config: &OxlinConfig,
        refresh: Option<&SecretString>,
    ) -> Result<TokenResponse, OxlinError> {
        let call = "POST /token";
        let secret = config.client_secret.expose_secret();
        let mut form: Vec<(&str, &str)> =
            vec![("client_id", &config.client_id), ("client_secret", secret)];
        let request = http.post(format!("{}/token", config.auth_url));
        // A session resumed from a refresh token starts with a refresh grant (the second
        // pattern below only keeps the match exhaustive).
        let refresh = match (refresh, &self.grant) {
            (None, Grant::RefreshToken { refresh_token }) => Some(refresh_token),
            (refresh, _) => refresh,
        };
        let request = match (refresh, &self.grant) {
            (Some(refresh), _)
            | (
                None,
                Grant::RefreshToken {
                    refresh_token: refresh,
                },
            ) => {
                form.push(("grant_type", "refresh_token"));
                form.push(("refresh_token", refresh.expose_secret()));
                request
            }
            (None, Grant::Client { scope }) => {
                form.retain(|(k, _)| *k != "client_secret" && *k != "client_id");
                form.push(("grant_type", "client_credentials"));
                form.push(("scope", scope));
                request.basic_auth(&config.client_id, Some(secret))
            }
            (
                None,
                Grant::Password {
                    username,
                    password,
                    scope,
                },
            ) => {
                form.push(("grant_type", "password"));
                form.push(("username", username));
                form.push(("password", password.expose_secret()));
                form.push(("scope", scope));
                form.push(("provider", "connect"));
                request
            }
        };
        let response = request
            .header("Accept", "application/json")
            .form(&form)
            .send()
            .await
            .map_err(|e| super::client::network_error(call, &e))?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        let body = response
            .bytes()
            .await
            .map_err(|e| super::client::network_error(call, &e))?;
        if !(200..300).contains(&status) {
            let text = String::from_utf8_lossy(&body);
            // Every secret the form or the basic-auth header carried, hidden from the echo.
            let sent = form
                .iter()
                .filter(|(key, _)| matches!(*key, "client_secret" | "password" | "refresh_token"))
                .fold(
                    SentSecrets::new().with_basic_auth(&config.client_id, secret),
                    |sent, (_, value)| sent.with(value),
                );
            let error = OxlinError::from_response_hiding(call, status, retry_after, &text, &sent);
            return Err(match error {
                OxlinError::FixField { message, .. } if refresh.is_some() => {
                    OxlinError::LogInAgain(format!("the refresh token was refused: {message}"))
                }
                other => other,
            });
        }
        // The body holds tokens: report where it is broken, never what it says.
        serde_json::from_slice(&body).map_err(|e| OxlinError::Malformed {
            call: call.to_owned(),
            reason: format!(
                "{:?} error at line {} column {}",
                e.classify(),
                e.line(),
                e.column()
            ),
        })
    }
}
