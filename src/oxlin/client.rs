//! The HTTP core of the Oxlin client: one `reqwest` client with a timeout on every request,
//! bearer tokens from the [`TokenManager`], one retry after a 401 (with a refreshed token), and
//! jittered exponential backoff on 5xx, 429 (honouring `Retry-After`) and dropped connections
//! for idempotent calls only — a `POST /connections` is never sent twice. The deadline and the
//! waits are `crate::http_retry`'s, shared with the finX client; which failures are retried and
//! the refresh after each 401 are Oxlin's own (that module's doc says how the two differ).
//!
//! Docs gap: no rate limits are published. We cap a `Retry-After` wait at 60 s and make at most
//! `max_retries` extra attempts, waiting [`OxlinConfig::retry_wait`] between them (headless
//! `coffre sync` makes more: `OxlinConfig::for_headless_sync`).
//!
//! Bounds against a slow or hostile server: each attempt is limited by `config.timeout`
//! (connection to last byte), and a whole call, every attempt and wait included, by
//! [`Client::call_deadline`] (twice `config.timeout`: 60 s by default); a wait that would end
//! past the deadline is not started, the call fails at once. Bodies are read within a size cap
//! ([`call::MAX_BODY_BYTES`]).

use std::sync::Arc;
use std::time::Duration;

use reqwest::{Method, StatusCode};
use secrecy::{ExposeSecret, SecretString};

mod call;

pub(crate) use call::{Answer, Call, Page, network_error};
pub use call::{MAX_BODY_BYTES, MAX_ERROR_BODY_BYTES};

pub(crate) use call::{BodyLimit, read_body};

use super::config::OxlinConfig;
use super::error::{OxlinError, SentSecrets};
use super::tokens::{Grant, TokenKeeper, TokenManager};
use crate::http_retry::CallDeadline;

/// The Oxlin client for one session (client credentials or one user). Cheap to clone.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    pub(crate) config: OxlinConfig,
    pub(crate) tokens: TokenManager,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("api_url", &self.inner.config.api_url)
            .field("client_id", &self.inner.config.client_id)
            .finish_non_exhaustive()
    }
}

/// Installs the ring TLS provider as the process default (once; reqwest is built without one).
fn install_tls_provider() {
    // An error only means a provider is already installed, which is what we want.
    let _ = rustls::crypto::ring::default_provider().install_default();
}

impl Client {
    /// A client-credentials session (e.g. scope `users_create`).
    pub fn with_client_credentials(config: OxlinConfig, scope: &str) -> Result<Self, OxlinError> {
        Self::new(
            config,
            Grant::Client {
                scope: scope.to_owned(),
            },
        )
    }

    /// A user's session (ROPC, `provider=connect`).
    pub fn with_password(
        config: OxlinConfig,
        username: &str,
        password: SecretString,
        scope: &str,
    ) -> Result<Self, OxlinError> {
        Self::new(
            config,
            Grant::Password {
                username: username.to_owned(),
                password,
                scope: scope.to_owned(),
            },
        )
    }

    /// A user's session resumed from a stored refresh token (see [`Grant::RefreshToken`]): the
    /// first call exchanges it; if it is refused the call fails with `OxlinError::LogInAgain`.
    /// Read the rotated token back with [`Client::refresh_token`] to store it again.
    pub fn with_refresh_token(
        config: OxlinConfig,
        refresh_token: SecretString,
    ) -> Result<Self, OxlinError> {
        Self::new(config, Grant::RefreshToken { refresh_token })
    }

    /// A session for `grant` against the configured hosts.
    pub fn new(config: OxlinConfig, grant: Grant) -> Result<Self, OxlinError> {
        config.validate()?;
        install_tls_provider();
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.timeout.min(Duration::from_secs(10)))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| OxlinError::Config(format!("cannot build the HTTP client: {e}")))?;
        Ok(Self {
            inner: Arc::new(Inner {
                http,
                config,
                tokens: TokenManager::new(grant),
            }),
        })
    }

    /// Another session (e.g. a user's, after creating them) sharing this one's connections.
    pub fn session(&self, grant: Grant) -> Self {
        Self {
            inner: Arc::new(Inner {
                http: self.inner.http.clone(),
                config: self.inner.config.clone(),
                tokens: TokenManager::new(grant),
            }),
        }
    }

    pub fn config(&self) -> &OxlinConfig {
        &self.inner.config
    }

    /// A current access token (for a widget session or an `authorize_url` body).
    pub async fn access_token(&self) -> Result<SecretString, OxlinError> {
        let inner = &self.inner;
        Ok(inner
            .tokens
            .access_token(&inner.http, &inner.config)
            .await?
            .token)
    }

    /// The current refresh token of this session (it rotates on every refresh), if the server
    /// gave one; `None` before the first call.
    pub async fn refresh_token(&self) -> Option<SecretString> {
        self.inner.tokens.refresh_token().await
    }

    /// Hands every new refresh token of this session to `keeper` the moment it arrives, and
    /// coordinates refreshes with other processes through it (see `super::tokens`).
    pub fn keep_tokens_with(&self, keeper: Arc<dyn TokenKeeper>) {
        self.inner.tokens.keep_with(keeper);
    }

    /// The current refresh token when no keeper holds it yet (none set, or its write failed).
    pub async fn unsaved_refresh_token(&self) -> Option<SecretString> {
        self.inner.tokens.unsaved_refresh_token().await
    }

    pub(crate) fn api(&self, method: Method, path: &str, idempotent: bool) -> Call {
        let name = format!("{method} {}", path.split('?').next().unwrap_or(path));
        Call {
            url: format!("{}{path}", self.inner.config.api_url),
            method,
            name,
            query: Vec::new(),
            body: None,
            idempotent,
        }
    }

    /// The longest one call may take, every attempt and wait included.
    pub fn call_deadline(&self) -> Duration {
        self.inner.config.timeout.saturating_mul(2)
    }

    /// Makes `call` with a bearer token, retrying as the module doc says, within
    /// [`Client::call_deadline`].
    pub(crate) async fn send(&self, call: Call) -> Result<Answer, OxlinError> {
        let deadline = CallDeadline::start(self.call_deadline());
        let late = |reason| OxlinError::Network {
            call: call.name.clone(),
            reason,
        };
        let answer = deadline
            .bound(self.send_until(&call, &deadline), late)
            .await;
        if let Err(error) = &answer {
            // The log keeps each failed call: its name and the error, both sanitised, no secret.
            tracing::warn!("oxlin call {} failed: {error}", call.name);
        }
        answer
    }

    async fn send_until(&self, call: &Call, deadline: &CallDeadline) -> Result<Answer, OxlinError> {
        let inner = &self.inner;
        let mut attempt = 0;
        let mut refreshes = 0;
        loop {
            let token = inner
                .tokens
                .access_token(&inner.http, &inner.config)
                .await?;
            match self.send_once(call, &token.token).await {
                Ok(answer) => return Ok(answer),
                Err(Failure::Unauthorized(error)) => {
                    // One refresh per 401; a token that dies again (e.g. while this call
                    // waited out a Retry-After) earns another, up to `max_retries`.
                    if refreshes > inner.config.max_retries {
                        return Err(error);
                    }
                    refreshes += 1;
                    inner.tokens.invalidate(token.generation).await;
                }
                Err(Failure::Other(error, retry_after)) => {
                    let may_retry = error.is_transient()
                        && attempt < inner.config.max_retries
                        && (call.idempotent || matches!(error, OxlinError::RetryLater { .. }));
                    if !may_retry {
                        return Err(error);
                    }
                    attempt += 1;
                    let wait = inner.config.retry_wait(attempt, retry_after);
                    if !deadline.wait(wait).await {
                        return Err(error);
                    }
                }
            }
        }
    }

    async fn send_once(&self, call: &Call, token: &SecretString) -> Result<Answer, Failure> {
        let mut request = self
            .inner
            .http
            .request(call.method.clone(), &call.url)
            .bearer_auth(token.expose_secret())
            .header("Accept", "application/json");
        if !call.query.is_empty() {
            request = request.query(&call.query);
        }
        if let Some(body) = &call.body {
            request = request
                .header("Content-Type", "application/json")
                .body(body.to_vec());
        }
        let response = request
            .send()
            .await
            .map_err(|e| Failure::Other(network_error(&call.name, &e), None))?;
        let status = response.status();
        let location = response
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        if status.is_success() {
            let body = read_body(response, &call.name, BodyLimit::FailAbove(MAX_BODY_BYTES))
                .await
                .map_err(|e| Failure::Other(e, None))?;
            return Ok(Answer {
                status,
                location,
                body,
                name: call.name.clone(),
            });
        }
        let body = read_body(response, &call.name, BodyLimit::CutAt(MAX_ERROR_BODY_BYTES))
            .await
            .map_err(|e| Failure::Other(e, None))?;
        let sent = SentSecrets::new()
            .with(token.expose_secret())
            .with_json_body(call.body.as_deref().map_or(&[], |b| b.as_slice()));
        let error = OxlinError::from_response_hiding(
            &call.name,
            status.as_u16(),
            retry_after,
            &String::from_utf8_lossy(&body),
            &sent,
        );
        // A user action to perform (the terms) is not a dead token: no refresh loop.
        if status == StatusCode::UNAUTHORIZED
            && !matches!(error, OxlinError::UserActionRequired { .. })
        {
            return Err(Failure::Unauthorized(error));
        }
        Err(Failure::Other(error, retry_after.map(Duration::from_secs)))
    }
}

enum Failure {
    Unauthorized(OxlinError),
    Other(OxlinError, Option<Duration>),
}
