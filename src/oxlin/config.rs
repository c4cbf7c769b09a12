//! Where the client talks to and who it is: `OxlinConfig`, with the documented hosts as
//! defaults (oxlin-api.md §1), the rule that only HTTPS is allowed, except to loopback, and the
//! one set of scopes a coffre user session asks for ([`SCOPES`]).

use std::time::Duration;

use secrecy::SecretString;
use url::{Host, Url};

use super::error::OxlinError;

pub const SANDBOX_AUTH_URL: &str = "https://sandbox-auth.oxlin.io";
pub const SANDBOX_API_URL: &str = "https://sandbox-api.oxlin.io/v2.1";
pub const SANDBOX_EMBED_URL: &str = "https://sandbox-embed.oxlin.io";
pub const PRODUCTION_AUTH_URL: &str = "https://auth.oxlin.io";
pub const PRODUCTION_API_URL: &str = "https://api.oxlin.io/v2.1";
pub const PRODUCTION_EMBED_URL: &str = "https://embed.oxlin.io";

/// The scopes every coffre user session asks for, the TUI's and `coffre sync`'s alike: a
/// refresh token keeps the scopes of its first grant, and whichever of the two stored it, the
/// other resumes from it, so both need the union (read and manage connections, accounts,
/// transactions; the profile for the login screen's email).
pub const SCOPES: &str = "openid profile profile_edit accounts_read accounts_manage connections_manage connections_sync transactions_read";

/// The client's configuration. `Debug` never shows the secret.
#[derive(Debug, Clone)]
pub struct OxlinConfig {
    pub auth_url: String,
    pub api_url: String,
    pub embed_url: String,
    pub client_id: String,
    pub client_secret: SecretString,
    /// Limit on every request, connection to last byte.
    pub timeout: Duration,
    /// Extra attempts for idempotent calls on 5xx, 429 and dropped connections.
    pub max_retries: u32,
    /// First backoff delay (doubled each attempt, jittered).
    pub backoff: Duration,
}

impl OxlinConfig {
    /// The documented sandbox hosts.
    pub fn sandbox(client_id: impl Into<String>, client_secret: SecretString) -> Self {
        Self::with_hosts(
            SANDBOX_AUTH_URL,
            SANDBOX_API_URL,
            SANDBOX_EMBED_URL,
            client_id,
            client_secret,
        )
    }

    /// The documented production hosts.
    pub fn production(client_id: impl Into<String>, client_secret: SecretString) -> Self {
        Self::with_hosts(
            PRODUCTION_AUTH_URL,
            PRODUCTION_API_URL,
            PRODUCTION_EMBED_URL,
            client_id,
            client_secret,
        )
    }

    /// Any hosts (e.g. the local sandbox: auth at its root, API under `/v2.1`).
    pub fn with_hosts(
        auth_url: &str,
        api_url: &str,
        embed_url: &str,
        client_id: impl Into<String>,
        client_secret: SecretString,
    ) -> Self {
        Self {
            auth_url: auth_url.trim_end_matches('/').to_owned(),
            api_url: api_url.trim_end_matches('/').to_owned(),
            embed_url: embed_url.trim_end_matches('/').to_owned(),
            client_id: client_id.into(),
            client_secret,
            timeout: Duration::from_secs(30),
            max_retries: 4,
            backoff: Duration::from_millis(200),
        }
    }

    /// Checks the three hosts: HTTPS, or plain HTTP to loopback only.
    pub fn validate(&self) -> Result<(), OxlinError> {
        for url in [&self.auth_url, &self.api_url, &self.embed_url] {
            check_url(url)?;
        }
        Ok(())
    }
}

/// Accepts `https://…`, and `http://…` only to 127.0.0.0/8, ::1 or localhost.
pub fn check_url(text: &str) -> Result<Url, OxlinError> {
    let url =
        Url::parse(text).map_err(|e| OxlinError::Config(format!("`{text}` is not a URL: {e}")))?;
    match url.scheme() {
        "https" => Ok(url),
        "http" if is_loopback(&url) => Ok(url),
        "http" => Err(OxlinError::Config(format!(
            "`{text}` uses plain HTTP; only HTTPS is allowed except to loopback (127.0.0.1, ::1, localhost)"
        ))),
        other => Err(OxlinError::Config(format!(
            "`{text}`: unsupported scheme `{other}`"
        ))),
    }
}

/// True for a URL whose host is 127.0.0.0/8, ::1 or localhost.
pub(crate) fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_is_refused_except_to_loopback() {
        assert!(check_url("http://127.0.0.1:8080/v2.1").is_ok());
        assert!(check_url("http://127.8.9.10").is_ok());
        assert!(check_url("http://[::1]:3000").is_ok());
        assert!(check_url("http://localhost:1").is_ok());
        assert!(check_url("https://api.oxlin.io/v2.1").is_ok());
        let err = check_url("http://api.oxlin.io/v2.1").unwrap_err();
        assert!(err.to_string().contains("only HTTPS"), "{err}");
        assert!(check_url("http://127.0.0.1.evil.com").is_err());
        assert!(check_url("ftp://localhost").is_err());
    }
}
