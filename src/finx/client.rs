//! The finX client: one `reqwest` client with a timeout on every request, HTTP Basic auth
//! (client id and secret) for the flow endpoints (`/onetime/access`, `/auth/token`), a Bearer
//! access token for the data (`/rest/*`), one refresh after a 401, and jittered exponential
//! backoff on 5xx, 429 (honouring `Retry-After`) and dropped connections.
//!
//! Which calls are retried: every `GET`, and `POST /onetime/access` (a second widget link is
//! harmless: the first is never used). A `POST /auth/token` spends a single-use code or refresh
//! token, so it is retried only when the server cannot have spent it: a connection that was
//! never made, or a 5xx/429 answer (docs gap, ours: we take a 5xx to mean nothing was spent).
//!
//! Bounds against a slow or hostile server, as the Oxlin client's: each attempt within
//! `config.timeout`, a whole call (waits and a token refresh included) within
//! [`Client::call_deadline`], a successful body within `oxlin::client::MAX_BODY_BYTES`, an error
//! body read up to `MAX_ERROR_BODY_BYTES` only. No secret (client secret, code, tokens) is in
//! `Debug` output or in an error: what the server echoes has them cut out.
//!
//! The endpoints are in [`data`] (accounts, balance, transactions with offset paging) and
//! [`session`] (widget link, code exchange, refresh).

mod call;
pub mod data;
pub mod session;

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use secrecy::SecretString;

pub use data::{MAX_TRANSACTIONS, SinceType, TransactionFilter};

use super::config::FinxConfig;
use super::error::FinxError;
use super::tokens::{TokenKeeper, Tokens};

/// The finX client for one bank access (or none yet: create a link, exchange its code). Cheap
/// to clone; clones share the tokens.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    pub(crate) config: FinxConfig,
    pub(crate) tokens: Tokens,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("finx::Client")
            .field("api_url", &self.inner.config.api_url)
            .field("client_id", &self.inner.config.client_id)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client without an access yet: [`Client::create_access`], then
    /// [`Client::exchange_code`].
    pub fn new(config: FinxConfig) -> Result<Self, FinxError> {
        Self::build(config, None)
    }

    /// A client for an access whose refresh token was kept: the first data call refreshes it
    /// (a refused one fails with [`FinxError::AccessLost`]).
    pub fn with_refresh_token(
        config: FinxConfig,
        refresh_token: SecretString,
    ) -> Result<Self, FinxError> {
        Self::build(config, Some(refresh_token))
    }

    fn build(config: FinxConfig, refresh: Option<SecretString>) -> Result<Self, FinxError> {
        config.validate()?;
        // An error only means a provider is already installed, which is what we want.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.timeout.min(Duration::from_secs(10)))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| FinxError::Config(format!("cannot build the HTTP client: {e}")))?;
        Ok(Self {
            inner: Arc::new(Inner {
                http,
                config,
                tokens: Tokens::new(refresh),
            }),
        })
    }

    /// The configuration.
    pub fn config(&self) -> &FinxConfig {
        &self.inner.config
    }

    /// Hands every new refresh token to `keeper` before it is used (see `finx::tokens`).
    pub fn keep_tokens_with(&self, keeper: Arc<dyn TokenKeeper>) {
        self.inner.tokens.keep_with(keeper);
    }

    /// The current refresh token (it rotates on every refresh); `None` before an exchange.
    pub async fn refresh_token(&self) -> Option<SecretString> {
        self.inner.tokens.refresh_token().await
    }

    /// The current refresh token when no keeper holds it yet (none set, or its write failed).
    pub async fn unsaved_refresh_token(&self) -> Option<SecretString> {
        self.inner.tokens.unsaved_refresh_token().await
    }

    /// When the last token answer arrived: the access ends
    /// [`super::tokens::ACCESS_LIFETIME_DAYS`] days later ([`super::tokens::access_ends`]).
    pub async fn refreshed_at(&self) -> Option<DateTime<Utc>> {
        self.inner.tokens.refreshed_at().await
    }

    /// The longest one call may take, every attempt and wait included.
    pub fn call_deadline(&self) -> Duration {
        self.inner.config.timeout.saturating_mul(2)
    }
}
