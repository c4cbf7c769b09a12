//! The finX token endpoint and bearer checks over HTTP: single-use and expiring codes, the
//! redirect URI check, form bodies, wrong client credentials, expired access and refresh
//! tokens.

use chrono::Duration;
use serde_json::{Value, json};

use crate::support::finx_sandbox::{CALLBACK, finx_harness};

#[tokio::test]
async fn a_used_code_is_refused_with_the_finx_envelope() {
    let h = finx_harness().await;
    let callback = h.linked("demobank", json!({})).await;
    h.exchange(&callback["code"]).await;
    let (status, error) = h
        .token_call(json!({ "grant_type": "authorization_code", "code": callback["code"] }))
        .await;
    assert_eq!(status, 400);
    assert_eq!(
        error,
        json!({"error": {"code": 1000, "group": "client", "description": "Invalid authorization code: already used.", "data": {}}})
    );
}

#[tokio::test]
async fn a_code_older_than_one_hour_is_refused_as_expired() {
    let h = finx_harness().await;
    let callback = h.linked("demobank", json!({})).await;
    h.sandbox
        .state
        .finx
        .lock()
        .advance_clock(Duration::minutes(61));
    let (status, error) = h
        .token_call(json!({ "grant_type": "authorization_code", "code": callback["code"] }))
        .await;
    assert_eq!(status, 400);
    assert_eq!(
        error["error"]["description"],
        "Invalid authorization code: expired."
    );
}

#[tokio::test]
async fn a_code_lifetime_set_shorter_for_a_test_applies() {
    let h = finx_harness().await;
    h.sandbox.state.finx.lock().settings.code_ttl = Duration::seconds(5);
    let callback = h.linked("demobank", json!({})).await;
    h.sandbox
        .state
        .finx
        .lock()
        .advance_clock(Duration::seconds(6));
    let (status, _) = h
        .token_call(json!({ "grant_type": "authorization_code", "code": callback["code"] }))
        .await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn another_redirect_uri_is_refused_and_the_code_still_works_with_the_right_one() {
    let h = finx_harness().await;
    let callback = h.linked("demobank", json!({})).await;
    let (status, error) = h
        .token_call(json!({ "grant_type": "authorization_code", "code": callback["code"], "redirect_uri": "http://127.0.0.1:9/other" }))
        .await;
    assert_eq!(status, 400);
    assert_eq!(
        error["error"]["data"]["redirect_uri"][0],
        "Does not match the redirect_uri of the access link."
    );
    h.exchange(&callback["code"]).await;
}

#[tokio::test]
async fn a_form_encoded_token_request_is_accepted_like_json() {
    let h = finx_harness().await;
    let callback = h.linked("demobank", json!({})).await;
    let answer: Value = h
        .http
        .post(h.url("/auth/token"))
        .basic_auth(
            coffre::sandbox::SANDBOX_FINX_CLIENT_ID,
            Some(coffre::sandbox::SANDBOX_FINX_CLIENT_SECRET),
        )
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", &callback["code"]),
            ("redirect_uri", CALLBACK),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(answer["access_token"].is_string(), "{answer}");
}

#[tokio::test]
async fn wrong_or_missing_client_credentials_are_401_with_a_basic_challenge() {
    let h = finx_harness().await;
    for path in ["/onetime/access", "/auth/token"] {
        for auth in [
            Some(("coffre-finx-sandbox", "wrong")),
            Some(("someone", "finx-sandbox-secret")),
            None,
        ] {
            let mut request = h.http.post(h.url(path)).json(&json!({ "redirect_uri": CALLBACK, "grant_type": "refresh_token", "refresh_token": "x" }));
            if let Some((id, secret)) = auth {
                request = request.basic_auth(id, Some(secret));
            }
            let response = request.send().await.unwrap();
            assert_eq!(response.status(), 401, "{path} {auth:?}");
            assert_eq!(
                response.headers()["www-authenticate"],
                "Basic realm=\"finX\""
            );
            let body: Value = response.json().await.unwrap();
            assert_eq!(body["error"]["code"], 1004);
            assert_eq!(body["error"]["description"], "Invalid client authorization");
        }
    }
}

#[tokio::test]
async fn an_expired_or_unknown_access_token_is_401_with_a_bearer_challenge() {
    let h = finx_harness().await;
    let tokens = h.access("demobank").await;
    let (status, _) = h.get("/rest/accounts", &tokens.access_token).await;
    assert_eq!(status, 200);
    h.sandbox
        .state
        .finx
        .lock()
        .advance_clock(Duration::minutes(61));
    let response = h
        .http
        .get(h.url("/rest/transactions"))
        .bearer_auth(&tokens.access_token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    let challenge = response.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        challenge.starts_with("Bearer realm=\"finX\", error=\"invalid_token\""),
        "{challenge}"
    );
    assert!(challenge.contains("expired"), "{challenge}");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], 1003);
    // The refresh token still renews access after the access token expired.
    let (status, _) = h
        .token_call(json!({ "grant_type": "refresh_token", "refresh_token": tokens.refresh_token }))
        .await;
    assert_eq!(status, 200);
    let (status, _) = h.get("/rest/accounts", "not-a-token").await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn a_refresh_token_unused_for_90_days_no_longer_works() {
    let h = finx_harness().await;
    let tokens = h.access("demobank").await;
    h.sandbox
        .state
        .finx
        .lock()
        .advance_clock(Duration::days(90) + Duration::minutes(1));
    let (status, error) = h
        .token_call(json!({ "grant_type": "refresh_token", "refresh_token": tokens.refresh_token }))
        .await;
    assert_eq!(status, 400);
    assert_eq!(
        error["error"]["description"],
        "Invalid refresh token: expired."
    );
}

#[tokio::test]
async fn an_unsupported_or_missing_grant_names_the_field() {
    let h = finx_harness().await;
    let (status, error) = h
        .token_call(json!({ "grant_type": "password", "username": "u", "password": "p" }))
        .await;
    assert_eq!(status, 400);
    assert_eq!(
        error["error"]["data"]["grant_type"][0],
        "Must be one of: authorization_code, refresh_token."
    );
    let (status, error) = h.token_call(json!({ "code": "x" })).await;
    assert_eq!(status, 400);
    assert_eq!(
        error["error"]["data"]["grant_type"][0],
        "Missing data for required field."
    );
}
