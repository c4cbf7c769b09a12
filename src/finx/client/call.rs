//! One request as the client makes it ([`Call`]) and how it is sent: its authentication, its
//! retries, its deadline, its body read within the caps, and its failure told without a secret
//! (the rules are in the parent module's doc). The deadline and the waits are
//! `crate::http_retry`'s, shared with the Oxlin client; which failures are retried and the one
//! refresh per call are finX's own (that module's doc says how the two differ).

use std::time::Duration;

use reqwest::{Method, StatusCode};
use secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroizing;

use super::Client;
use crate::finx::error::{FinxError, SentSecrets};
use crate::http_retry::{CallDeadline, retry_wait};
use crate::oxlin::client::{BodyLimit, MAX_BODY_BYTES, MAX_ERROR_BODY_BYTES, read_body};

/// How a call authenticates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Auth {
    /// HTTP Basic with the client id and secret (flow endpoints).
    Client,
    /// The access token (data endpoints).
    Bearer,
}

/// Which failures a call may be sent again after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Retry {
    /// Any transient failure (the call changes nothing a second one would break).
    Transient,
    /// Only when the server cannot have acted on it (a connection never made, a 5xx or 429).
    Unspent,
}

/// One API call to make.
pub(crate) struct Call {
    pub method: Method,
    /// Path under the base URL (`/rest/accounts`).
    pub path: String,
    /// `METHOD /path` for messages (no ids of secrets, no query).
    pub name: String,
    pub query: Vec<(String, String)>,
    /// JSON body, wiped when the call is done.
    pub body: Option<Zeroizing<Vec<u8>>>,
    pub auth: Auth,
    pub retry: Retry,
    /// Secrets the body carries beyond its secret keys (a code), hidden from any echo.
    pub hidden: Vec<SecretString>,
}

impl Call {
    /// A call of `method` to `path` (the name leaves out the ids after `/rest/accounts/`).
    pub fn new(method: Method, path: &str, auth: Auth, retry: Retry) -> Self {
        let shown = match path.strip_prefix("/rest/accounts/") {
            Some(rest) => match rest.split_once('/') {
                Some((_, tail)) => format!("/rest/accounts/{{id}}/{tail}"),
                None => "/rest/accounts/{id}".to_owned(),
            },
            None => path.to_owned(),
        };
        Call {
            name: format!("{method} {shown}"),
            method,
            path: path.to_owned(),
            query: Vec::new(),
            body: None,
            auth,
            retry,
            hidden: Vec::new(),
        }
    }

    /// The call with `body` as its JSON body.
    pub fn json<T: serde::Serialize>(mut self, body: &T) -> Result<Self, FinxError> {
        let bytes = serde_json::to_vec(body).map_err(|e| {
            FinxError::Config(format!("cannot write the body of {}: {e}", self.name))
        })?;
        self.body = Some(Zeroizing::new(bytes));
        Ok(self)
    }
}

/// A failed attempt: the error, the server's `Retry-After`, and whether it reached the server.
struct Failure {
    error: FinxError,
    retry_after: Option<Duration>,
    reached: bool,
    unauthorized: bool,
}

impl Client {
    /// Makes `call`, retrying and refreshing as the module doc says, within the deadline;
    /// answers the successful body.
    pub(crate) async fn send(&self, call: Call) -> Result<Vec<u8>, FinxError> {
        let deadline = CallDeadline::start(self.call_deadline());
        let late = |reason| FinxError::Network {
            call: call.name.clone(),
            reason,
        };
        let answer = deadline
            .bound(self.send_until(&call, &deadline), late)
            .await;
        if let Err(error) = &answer {
            // The name and the error only: both sanitised, no secret.
            tracing::warn!("finx call {} failed: {error}", call.name);
        }
        answer
    }

    async fn send_until(&self, call: &Call, deadline: &CallDeadline) -> Result<Vec<u8>, FinxError> {
        let config = &self.inner.config;
        let (mut attempt, mut refreshed) = (0, false);
        loop {
            let token = match call.auth {
                Auth::Bearer => Some(self.access_token().await?),
                Auth::Client => None,
            };
            let failure = match self.send_once(call, token.as_ref().map(|t| &t.token)).await {
                Ok(body) => return Ok(body),
                Err(failure) => failure,
            };
            if let (true, Some(token)) = (failure.unauthorized, &token) {
                // One refresh per call: a token refused twice means the access is gone.
                if refreshed {
                    return Err(failure.error);
                }
                refreshed = true;
                self.inner.tokens.invalidate(token.generation).await;
                continue;
            }
            let may_retry = failure.error.is_transient()
                && attempt < config.max_retries
                && (call.retry == Retry::Transient
                    || !failure.reached
                    || !matches!(failure.error, FinxError::Network { .. }));
            if !may_retry {
                return Err(failure.error);
            }
            attempt += 1;
            // The backoff doubles at most six times (64 × `config.backoff`).
            let most = config.backoff.saturating_mul(64);
            let wait = retry_wait(config.backoff, most, attempt, failure.retry_after);
            if !deadline.wait(wait).await {
                return Err(failure.error);
            }
        }
    }

    async fn send_once(
        &self,
        call: &Call,
        token: Option<&SecretString>,
    ) -> Result<Vec<u8>, Failure> {
        let config = &self.inner.config;
        let secret = config.client_secret.expose_secret();
        let mut request = self
            .inner
            .http
            .request(
                call.method.clone(),
                format!("{}{}", config.api_url, call.path),
            )
            .header("Accept", "application/json");
        request = match token {
            Some(token) => request.bearer_auth(token.expose_secret()),
            None => request.basic_auth(&config.client_id, Some(secret)),
        };
        if !call.query.is_empty() {
            request = request.query(&call.query);
        }
        if let Some(body) = &call.body {
            request = request
                .header("Content-Type", "application/json")
                .body(body.to_vec());
        }
        let transport = |error: crate::oxlin::error::OxlinError, reached| Failure {
            error: FinxError::from_transport(error),
            retry_after: None,
            reached,
            unauthorized: false,
        };
        let response = request.send().await.map_err(|e| {
            transport(
                crate::oxlin::client::network_error(&call.name, &e),
                !e.is_connect(),
            )
        })?;
        let status = response.status();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        if status.is_success() {
            return read_body(response, &call.name, BodyLimit::FailAbove(MAX_BODY_BYTES))
                .await
                .map_err(|e| transport(e, true));
        }
        let body = read_body(response, &call.name, BodyLimit::CutAt(MAX_ERROR_BODY_BYTES))
            .await
            .map_err(|e| transport(e, true))?;
        let mut sent = SentSecrets::new()
            .with_basic_auth(&config.client_id, secret)
            .with_json_body(call.body.as_deref().map_or(&[], |b| b.as_slice()));
        for hidden in token.into_iter().chain(&call.hidden) {
            sent = sent.with(hidden.expose_secret());
        }
        let error =
            FinxError::from_response(&call.name, status.as_u16(), retry_after, &body, &sent);
        // A 401 to client Basic auth is the app refused, never a lost access.
        let error = match (call.auth, error) {
            (Auth::Client, FinxError::AccessLost(said)) => FinxError::ClientRefused(said),
            (_, error) => error,
        };
        Err(Failure {
            error,
            retry_after: retry_after.map(Duration::from_secs),
            reached: true,
            unauthorized: status == StatusCode::UNAUTHORIZED,
        })
    }
}
