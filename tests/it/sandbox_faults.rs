//! Fault-injection stories, and the widget session.

use crate::support::sandbox_client as support;

use std::str::FromStr;
use std::time::{Duration, Instant};

use coffre::sandbox::{Faults, SandboxConfig};
use serde_json::Value;
use support::{CLIENT_ID, CLIENT_SECRET, harness};

fn with_faults(spec: &str) -> SandboxConfig {
    SandboxConfig {
        faults: Faults::from_str(spec).unwrap(),
        ..SandboxConfig::default()
    }
}

#[tokio::test]
async fn with_errors_at_one_every_call_answers_5xx() {
    let h = harness(with_faults("errors=1")).await;
    for path in [
        "/token",
        "/v2.1/providers",
        "/v2.1/users/me",
        "/widget/widget_session",
    ] {
        let response = h.http.post(h.url(path)).send().await.unwrap();
        assert!(
            response.status().is_server_error(),
            "{path}: {}",
            response.status()
        );
        let body: Value = response.json().await.unwrap();
        assert!(body["error"].is_string());
    }
}

#[tokio::test]
async fn with_429_at_one_every_call_is_rate_limited_with_retry_after() {
    let h = harness(with_faults("429=1,retry-after=7")).await;
    let response = h.http.get(h.url("/v2.1/providers")).send().await.unwrap();
    assert_eq!(response.status(), 429);
    assert_eq!(response.headers()["retry-after"], "7");
}

#[tokio::test]
async fn with_drop_at_one_the_client_sees_a_broken_transfer() {
    let h = harness(with_faults("drop=1")).await;
    let result = async {
        let response = h.http.get(h.url("/v2.1/providers")).send().await?;
        response.bytes().await
    }
    .await;
    assert!(
        result.is_err(),
        "a dropped connection must not read as an answer"
    );
}

#[tokio::test]
async fn with_early_expiry_a_token_dies_before_its_announced_ttl() {
    let h = harness(with_faults("expire=1s")).await;
    h.create_user("jane@example.fr", "pw").await;
    let login = h.user_login("jane@example.fr", "pw").await;
    assert_eq!(login["expires_in"], 3600);
    let token = login["access_token"].as_str().unwrap().to_owned();
    let status = || async {
        let me = h.http.get(h.api("/users/me")).bearer_auth(&token);
        me.send().await.unwrap().status()
    };
    assert_eq!(status().await, 200);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if status().await == 401 {
            break;
        }
        assert!(Instant::now() < deadline, "the token never died");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn widget_session_is_opened_for_a_user_token_and_refused_to_a_wrong_client() {
    let h = harness(SandboxConfig::default()).await;
    let token = h.new_user_token("jane@example.fr").await;
    let response = h
        .http
        .post(h.url("/widget/widget_session"))
        .form(&[
            ("client_id", CLIENT_ID),
            ("client_secret", CLIENT_SECRET),
            ("access_token", token.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let session: Value = response.json().await.unwrap();
    let id = session["session_id"].as_str().unwrap();
    assert!(
        session["_links"]["add_connection"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/widget/add_connection?session_id={id}"))
    );
    let wrong = h
        .http
        .post(h.url("/widget/widget_session"))
        .form(&[
            ("client_id", CLIENT_ID),
            ("client_secret", "wrong"),
            ("access_token", token.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);
    let client_token = h.client_token("users_create").await;
    let not_a_user = h
        .http
        .post(h.url("/widget/widget_session"))
        .form(&[
            ("client_id", CLIENT_ID),
            ("client_secret", CLIENT_SECRET),
            ("access_token", client_token.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(not_a_user.status(), 401);
}
