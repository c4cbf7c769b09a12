//! No `Debug` or error text of the client, its config, its tokens or its request bodies ever
//! contains a secret.

use coffre::oxlin::client::Client;
use coffre::oxlin::config::OxlinConfig;
use coffre::oxlin::error::OxlinError;
use coffre::oxlin::secret::secret;
use coffre::oxlin::tokens::{Grant, TokenManager};
use coffre::oxlin::wire::{CredentialValue, TokenResponse, UserInputRequest, WidgetParams};

const CLIENT_SECRET: &str = "client-secret-c0ffee";
const PASSWORD: &str = "hunter2-password";

fn config() -> OxlinConfig {
    OxlinConfig::with_hosts(
        "http://127.0.0.1:9",
        "http://127.0.0.1:9/v2.1",
        "http://127.0.0.1:9",
        "id",
        secret(CLIENT_SECRET),
    )
}

#[test]
fn debug_of_config_client_tokens_and_bodies_hides_every_secret() {
    let client =
        Client::with_password(config(), "me@example.org", secret(PASSWORD), "openid").unwrap();
    let token: TokenResponse = serde_json::from_str(
        r#"{"access_token":"access-tok-123","refresh_token":"refresh-tok-456","expires_in":3600}"#,
    )
    .unwrap();
    let manager = TokenManager::new(Grant::Password {
        username: "me".into(),
        password: secret(PASSWORD),
        scope: "x".into(),
    });
    let body = UserInputRequest {
        credentials: vec![CredentialValue {
            id: "306".into(),
            value: secret("otp-999111"),
        }],
    };
    let widget = WidgetParams {
        client_secret: Some(secret(CLIENT_SECRET)),
        access_token: Some(secret("access-tok-123")),
        ..WidgetParams::default()
    };
    let printed = format!(
        "{:?} {:?} {:?} {:?} {:?} {:?}",
        config(),
        client,
        token,
        manager,
        body,
        widget
    );
    for secret in [
        CLIENT_SECRET,
        PASSWORD,
        "access-tok-123",
        "refresh-tok-456",
        "otp-999111",
    ] {
        assert!(!printed.contains(secret), "{secret} leaked in {printed}");
    }
    // …but the wire body does carry the answer.
    assert!(serde_json::to_string(&body).unwrap().contains("otp-999111"));
}

#[test]
fn plain_http_to_a_remote_host_is_refused_with_a_clear_error() {
    let mut config = config();
    config.api_url = "http://api.oxlin.io/v2.1".into();
    let err = Client::with_client_credentials(config, "users_create").unwrap_err();
    assert!(matches!(err, OxlinError::Config(_)));
    assert!(err.to_string().contains("only HTTPS"), "{err}");
}

#[tokio::test]
async fn unreachable_server_error_names_the_call_and_no_secret() {
    let mut config = config();
    config.max_retries = 0;
    let client = Client::with_password(config, "me", secret(PASSWORD), "openid").unwrap();
    let err = client.me().await.unwrap_err();
    let text = format!("{err} {err:?}");
    assert!(text.contains("POST /token"), "{text}");
    assert!(
        !text.contains(PASSWORD) && !text.contains(CLIENT_SECRET),
        "{text}"
    );
}
