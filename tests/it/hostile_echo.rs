//! A server that echoes the request in its error description (some proxies and debug builds do)
//! must not get coffre to print a secret: the password, the client secret, the basic-auth header,
//! a refresh or access token, or a credential value. The message still names the error.

use axum::Router;
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::post;

use coffre::oxlin::client::Client;
use coffre::oxlin::config::OxlinConfig;
use coffre::oxlin::secret::secret;
use coffre::oxlin::wire::{CredentialValue, UserInputRequest};

const CLIENT_SECRET: &str = "client-secret-c0ffee";
const PASSWORD: &str = "hunter2 p@ssword";
const ACCESS_TOKEN: &str = "access-tok-5ecret";
const OTP: &str = "otp-991177";

/// 400 with the request's headers and body in `error_description`.
async fn echo(headers: HeaderMap, body: Bytes) -> impl IntoResponse {
    let headers: Vec<String> = headers
        .iter()
        .map(|(k, v)| format!("{k}: {}", v.to_str().unwrap_or_default()))
        .collect();
    let description = format!(
        "bad request; you sent {} {}",
        headers.join(", "),
        String::from_utf8_lossy(&body)
    );
    let body = serde_json::json!({"error": "invalid_request", "error_description": description});
    (StatusCode::BAD_REQUEST, axum::Json(body))
}

async fn grant() -> impl IntoResponse {
    axum::Json(serde_json::json!({
        "access_token": ACCESS_TOKEN, "refresh_token": "refresh-tok-5ecret",
        "token_type": "bearer", "expires_in": 3600
    }))
}

/// An echoing server on loopback: `/refuse/token` echoes, `/grant/token` grants, the API echoes.
async fn echo_server() -> String {
    let app = Router::new()
        .route("/refuse/token", post(echo))
        .route("/grant/token", post(grant))
        .fallback(echo);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    url
}

fn config(url: &str, auth: &str) -> OxlinConfig {
    let mut config = OxlinConfig::with_hosts(
        &format!("{url}/{auth}"),
        &format!("{url}/v2.1"),
        url,
        "app-id",
        secret(CLIENT_SECRET),
    );
    config.max_retries = 0;
    config
}

fn assert_no_secret(message: &str) {
    use base64::Engine;
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("app-id:{CLIENT_SECRET}"));
    for secret in [
        CLIENT_SECRET,
        "hunter2",
        "p%40ssword",
        ACCESS_TOKEN,
        OTP,
        &basic,
    ] {
        assert!(!message.contains(secret), "{secret} printed in: {message}");
    }
    assert!(message.contains("bad request; you sent"), "{message}");
}

#[tokio::test]
async fn a_token_endpoint_echoing_the_form_does_not_get_the_password_printed() {
    let url = echo_server().await;
    let user = Client::with_password(
        config(&url, "refuse"),
        "me@example.org",
        secret(PASSWORD),
        "openid",
    )
    .unwrap();
    let error = user.access_token().await.unwrap_err();
    assert_no_secret(&error.to_string());
    let app = Client::with_client_credentials(config(&url, "refuse"), "users_create").unwrap();
    let error = app.access_token().await.unwrap_err();
    assert_no_secret(&error.to_string());
}

#[tokio::test]
async fn an_api_echoing_the_request_does_not_get_the_token_or_an_answer_printed() {
    let url = echo_server().await;
    let user = Client::with_password(
        config(&url, "grant"),
        "me@example.org",
        secret(PASSWORD),
        "openid",
    )
    .unwrap();
    let answers = UserInputRequest {
        credentials: vec![CredentialValue {
            id: "306".into(),
            value: secret(OTP),
        }],
    };
    let error = user.user_input("c1", "d1", &answers).await.unwrap_err();
    assert_no_secret(&error.to_string());
}
