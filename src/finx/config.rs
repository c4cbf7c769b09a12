//! Where the finX client talks to and who it is: [`FinxConfig`]. One base URL serves every
//! endpoint (`/onetime/access`, `/auth/token`, `/rest/*`); the client id and secret are sent as
//! HTTP Basic auth. Only HTTPS is allowed, except to loopback (the built-in sandbox serves finX
//! under `http://127.0.0.1:PORT/finx`).
//!
//! Docs gap (finx-api.md §9.1): no production host is published, so the base URL is always
//! configured; [`STAGING_API_URL`] is the documented Qwist staging host.

use std::time::Duration;

use secrecy::SecretString;

use super::error::FinxError;
use crate::oxlin::config::{check_url, is_loopback};

/// The documented Qwist staging ("nrich Staging") host.
pub const STAGING_API_URL: &str = "https://api.finx-s.qwist.cloud";

/// The client's configuration. `Debug` never shows the secret.
#[derive(Debug, Clone)]
pub struct FinxConfig {
    /// The base URL, without a trailing slash (`https://api.finx-s.qwist.cloud`).
    pub api_url: String,
    /// The client id (the Basic auth user name).
    pub client_id: String,
    /// The client secret (the Basic auth password).
    pub client_secret: SecretString,
    /// Limit on every request, connection to last byte.
    pub timeout: Duration,
    /// Extra attempts on 5xx, 429 and dropped connections (see `client` for which calls).
    pub max_retries: u32,
    /// First backoff delay (doubled each attempt, jittered).
    pub backoff: Duration,
    /// Most transactions asked for per page (`count`; finX's default and ours: 1000).
    pub page_size: usize,
}

impl FinxConfig {
    /// A configuration for the API at `api_url` with the default limits (30 s per request,
    /// 4 retries from 200 ms, pages of 1000).
    pub fn new(api_url: &str, client_id: impl Into<String>, client_secret: SecretString) -> Self {
        Self {
            api_url: api_url.trim_end_matches('/').to_owned(),
            client_id: client_id.into(),
            client_secret,
            timeout: Duration::from_secs(30),
            max_retries: 4,
            backoff: Duration::from_millis(200),
            page_size: 1000,
        }
    }

    /// Checks the base URL: HTTPS, or plain HTTP to loopback only.
    pub fn validate(&self) -> Result<(), FinxError> {
        check_url(&self.api_url)
            .map(drop)
            .map_err(|e| FinxError::Config(e.to_string()))
    }

    /// True when the API is on a loopback host (the local sandbox).
    pub fn is_sandbox(&self) -> bool {
        url::Url::parse(&self.api_url).is_ok_and(|u| is_loopback(&u))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_to_a_remote_finx_host_is_refused() {
        let config = |url: &str| FinxConfig::new(url, "app", SecretString::from("s3cret"));
        assert!(config("http://127.0.0.1:4000/finx/").validate().is_ok());
        assert_eq!(
            config("http://127.0.0.1:4000/finx/").api_url,
            "http://127.0.0.1:4000/finx"
        );
        assert!(config(STAGING_API_URL).validate().is_ok());
        let refused = config("http://api.finx-s.qwist.cloud")
            .validate()
            .unwrap_err();
        assert!(refused.to_string().contains("only HTTPS"), "{refused}");
        assert!(config("http://localhost:1/finx").is_sandbox());
        assert!(!config(STAGING_API_URL).is_sandbox());
    }
}
