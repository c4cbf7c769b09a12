//! The token endpoint itself: one `POST /token` for a grant or a refresh token, retried on
//! transient failures. The body holds tokens: an unreadable one is reported by where it is
//! broken, never by what it says.

use secrecy::{ExposeSecret, SecretString};

use super::{Grant, TokenManager};
use crate::oxlin::config::OxlinConfig;
use crate::oxlin::error::{OxlinError, SentSecrets};
use crate::oxlin::wire::TokenResponse;

impl TokenManager {
    /// `request`, retried on transient failures as every call is ([`OxlinConfig::retry_wait`]:
    /// a token request changes nothing a second one would break, a lost rotated refresh token
    /// falls back to the original grant).
    pub(super) async fn request(
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
                    let after = match &error {
                        OxlinError::RetryLater { after } => *after,
                        _ => None,
                    };
                    tokio::time::sleep(config.retry_wait(attempt, after)).await;
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
            .map_err(|e| crate::oxlin::client::network_error(call, &e))?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        let body = response
            .bytes()
            .await
            .map_err(|e| crate::oxlin::client::network_error(call, &e))?;
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
