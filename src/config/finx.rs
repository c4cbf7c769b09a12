//! The `[finx]` section: where the finX API is and the app's client id and secret (sent as
//! HTTP Basic auth). A configuration may have `[finx]`, `[oxlin]`, or both.
//!
//! ```toml
//! [finx]
//! api_url = "https://api.finx-s.qwist.cloud"
//! client_id = "my-app"
//! client_secret_command = "pass show finx/client-secret"   # or client_secret = "…"
//! ```
//!
//! The secret is a `SecretString` at once; a command runs as `[oxlin]`'s do (`sh -c`, first
//! line, killed after `COMMAND_TIMEOUT`). Docs gap (finx-api.md §9.1): no production host is
//! published, so `api_url` is required (the staging host is `finx::config::STAGING_API_URL`).

use secrecy::SecretString;
use serde::Deserialize;

use super::ConfigError;
use super::command::run_secret_command;
use crate::finx::config::FinxConfig;

/// The `[finx]` section.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FinxSection {
    /// The API's base URL (`https://api.finx-s.qwist.cloud`, or the sandbox's
    /// `http://127.0.0.1:PORT/finx`).
    pub api_url: String,
    /// The app's client id.
    pub client_id: String,
    /// The app's client secret (prefer `client_secret_command`).
    pub client_secret: Option<SecretString>,
    /// A command that prints the client secret.
    pub client_secret_command: Option<String>,
}

impl FinxSection {
    /// True when the API is on a loopback host (the local sandbox).
    pub fn is_sandbox(&self) -> bool {
        url::Url::parse(&self.api_url).is_ok_and(|u| crate::oxlin::config::is_loopback(&u))
    }

    /// The client configuration, running `client_secret_command` if needed.
    pub fn client_config(&self) -> Result<FinxConfig, ConfigError> {
        let secret = match (&self.client_secret, &self.client_secret_command) {
            (Some(_), Some(_)) => {
                return Err(ConfigError::Finx(
                    "set exactly one of `client_secret` and `client_secret_command`".into(),
                ));
            }
            (Some(secret), None) => secret.clone(),
            (None, Some(command)) => {
                run_secret_command("client_secret_command", command).map_err(|e| match e {
                    ConfigError::Command { setting, reason } => {
                        ConfigError::Finx(format!("`{setting}` failed: {reason}"))
                    }
                    other => other,
                })?
            }
            (None, None) => {
                return Err(ConfigError::Finx(
                    "set `client_secret` or `client_secret_command`".into(),
                ));
            }
        };
        let config = FinxConfig::new(&self.api_url, self.client_id.clone(), secret);
        config
            .validate()
            .map_err(|e| ConfigError::Finx(e.to_string()))?;
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use secrecy::ExposeSecret;

    const OXLIN: &str = "[oxlin]\nauth_url = \"https://auth.example\"\napi_url = \"https://api.example/v2.1\"\nclient_id = \"app\"\nclient_secret = \"oxlin-secret\"\n";
    const FINX: &str = "[finx]\napi_url = \"http://127.0.0.1:4000/finx\"\nclient_id = \"coffre\"\nclient_secret = \"finx-s3cret\"\n";

    #[test]
    fn only_finx_only_oxlin_or_both_are_valid() {
        let finx_only = parse(FINX).unwrap();
        assert!(finx_only.oxlin.is_none());
        let section = finx_only.finx.unwrap();
        assert!(section.is_sandbox());
        let client = section.client_config().unwrap();
        assert_eq!(client.api_url, "http://127.0.0.1:4000/finx");
        assert_eq!(client.client_secret.expose_secret(), "finx-s3cret");
        assert!(!format!("{section:?} {client:?}").contains("finx-s3cret"));
        let oxlin_only = parse(OXLIN).unwrap();
        assert!(oxlin_only.oxlin.is_some() && oxlin_only.finx.is_none());
        let both = parse(&format!("{OXLIN}\n{FINX}")).unwrap();
        assert!(both.oxlin.is_some() && both.finx.is_some());
    }

    #[test]
    fn a_finx_secret_command_is_run_and_its_failure_names_the_finx_section() {
        let with_command = "[finx]\napi_url = \"https://api.finx-s.qwist.cloud\"\nclient_id = \"c\"\nclient_secret_command = \"printf 'from-pass\\nrest'\"\n";
        let section = parse(with_command).unwrap().finx.unwrap();
        assert!(!section.is_sandbox());
        let config = section.client_config().unwrap();
        assert_eq!(config.client_secret.expose_secret(), "from-pass");
        let failing = with_command.replace("printf 'from-pass\\nrest'", "exit 3");
        let error = parse(&failing)
            .unwrap()
            .finx
            .unwrap()
            .client_config()
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "[finx] `client_secret_command` failed: it exited with exit status: 3"
        );
    }

    #[test]
    fn a_finx_section_without_a_secret_or_over_plain_http_is_refused_clearly() {
        let none = "[finx]\napi_url = \"https://api.finx-s.qwist.cloud\"\nclient_id = \"c\"\n";
        let error = parse(none)
            .unwrap()
            .finx
            .unwrap()
            .client_config()
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "[finx] set `client_secret` or `client_secret_command`"
        );
        let plain = FINX.replace("127.0.0.1:4000", "finx.example");
        let error = parse(&plain)
            .unwrap()
            .finx
            .unwrap()
            .client_config()
            .unwrap_err();
        assert!(error.to_string().contains("only HTTPS"), "{error}");
        let unknown = format!("{FINX}user = \"x\"\n");
        assert!(
            parse(&unknown).unwrap_err().contains("unknown field"),
            "unknown key accepted"
        );
    }
}
