//! Stories of the sandbox's auth server and users: tokens of the three grants, RFC 6749 errors,
//! refresh rotation, expiry, user creation, profile and deletion.

use crate::support::sandbox_client as support;

use std::time::Duration;

use coffre::sandbox::SandboxConfig;
use serde_json::Value;
use support::{CLIENT_ID, CLIENT_SECRET, harness};

#[tokio::test]
async fn client_credentials_with_basic_auth_give_a_bearer_token_without_refresh() {
    let h = harness(SandboxConfig::default()).await;
    let answer: Value = h
        .http
        .post(h.url("/token"))
        .basic_auth(CLIENT_ID, Some(CLIENT_SECRET))
        .form(&[
            ("grant_type", "client_credentials"),
            ("scope", "users_create"),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(answer["access_token"].as_str().unwrap().starts_with("eyJ"));
    assert_eq!(answer["token_type"], "Bearer");
    assert_eq!(answer["expires_in"], 3600);
    assert!(answer.get("refresh_token").is_none());
}

#[tokio::test]
async fn json_body_sent_with_the_form_content_type_is_accepted() {
    let h = harness(SandboxConfig::default()).await;
    let body = format!(
        r#"{{"grant_type":"client_credentials","client_id":"{CLIENT_ID}","client_secret":"{CLIENT_SECRET}","scope":"users_create"}}"#
    );
    let response = h
        .http
        .post(h.url("/token"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn wrong_client_secret_is_invalid_client_and_bad_grants_are_explained() {
    let h = harness(SandboxConfig::default()).await;
    let post =
        |form: Vec<(&'static str, &'static str)>| h.http.post(h.url("/token")).form(&form).send();
    let wrong = post(vec![
        ("grant_type", "client_credentials"),
        ("client_id", CLIENT_ID),
        ("client_secret", "nope"),
    ])
    .await
    .unwrap();
    assert_eq!(wrong.status(), 401);
    let body: Value = wrong.json().await.unwrap();
    assert_eq!(body["error"], "invalid_client");

    let missing = post(vec![("client_id", CLIENT_ID)]).await.unwrap();
    assert_eq!(missing.status(), 400);
    assert_eq!(
        missing.json::<Value>().await.unwrap()["error"],
        "invalid_request"
    );

    let unknown = post(vec![
        ("grant_type", "implicit"),
        ("client_id", CLIENT_ID),
        ("client_secret", CLIENT_SECRET),
    ])
    .await
    .unwrap();
    assert_eq!(unknown.status(), 400);
    assert_eq!(
        unknown.json::<Value>().await.unwrap()["error"],
        "unsupported_grant_type"
    );

    let bad_password = post(vec![
        ("grant_type", "password"),
        ("username", "nobody@example.fr"),
        ("password", "x"),
        ("client_id", CLIENT_ID),
        ("client_secret", CLIENT_SECRET),
    ])
    .await
    .unwrap();
    assert_eq!(bad_password.status(), 400);
    assert_eq!(
        bad_password.json::<Value>().await.unwrap()["error"],
        "invalid_grant"
    );
}

#[tokio::test]
async fn refresh_token_gives_a_new_pair_and_works_only_once() {
    let h = harness(SandboxConfig::default()).await;
    h.create_user("jane@example.fr", "pw").await;
    let login = h.user_login("jane@example.fr", "pw").await;
    assert!(login["id_token"].as_str().unwrap().starts_with("eyJ"));
    let refresh = login["refresh_token"].as_str().unwrap().to_owned();
    let use_refresh = || {
        h.http
            .post(h.url("/token"))
            .header("accept", "application/json")
            .form(&[
                ("grant_type", "refresh_token"),
                ("refresh_token", refresh.as_str()),
                ("client_id", CLIENT_ID),
                ("client_secret", CLIENT_SECRET),
            ])
            .send()
    };
    let first = use_refresh().await.unwrap();
    assert_eq!(first.status(), 200);
    let renewed: Value = first.json().await.unwrap();
    assert_ne!(renewed["refresh_token"], login["refresh_token"]);
    let second = use_refresh().await.unwrap();
    assert_eq!(second.status(), 400);
    // The old access token died with its refresh token; the new one works.
    let me = |token: String| h.http.get(h.api("/users/me")).bearer_auth(token).send();
    let old = me(login["access_token"].as_str().unwrap().to_owned())
        .await
        .unwrap();
    assert_eq!(old.status(), 401);
    let new = me(renewed["access_token"].as_str().unwrap().to_owned())
        .await
        .unwrap();
    assert_eq!(new.status(), 200);
}

#[tokio::test]
async fn token_past_its_ttl_is_refused_as_expired() {
    let config = SandboxConfig {
        token_ttl: Duration::ZERO,
        ..SandboxConfig::default()
    };
    let h = harness(config).await;
    let token = h.client_token("users_create").await;
    let response = h
        .http
        .post(h.api("/users"))
        .bearer_auth(token)
        .form(&[("email", "a@example.fr"), ("password", "pw")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    let body: Value = response.json().await.unwrap();
    assert!(
        body["error_description"]
            .as_str()
            .unwrap()
            .contains("expired")
    );
}

#[tokio::test]
async fn new_user_is_created_shown_and_duplicate_email_is_a_conflict() {
    let h = harness(SandboxConfig::default()).await;
    let id = h.create_user("Jane@Example.fr", "pw").await;
    let token = h.client_token("users_create").await;
    let again = h
        .http
        .post(h.api("/users"))
        .bearer_auth(&token)
        .body(r#"{"email":"jane@example.fr","password":"other"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 409);
    for body in [
        "email=not-an-email&password=pw",
        "email=b%40example.fr",
        "{\"email\":",
    ] {
        let bad = h
            .http
            .post(h.api("/users"))
            .bearer_auth(&token)
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(bad.status(), 400, "{body}");
    }
    let login = h.user_login("Jane@Example.fr", "pw").await;
    let user_token = login["access_token"].as_str().unwrap();
    let me: Value = h
        .http
        .get(h.api("/users/me"))
        .bearer_auth(user_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["id"], id.as_str());
    assert_eq!(me["email"], "Jane@Example.fr");
    assert!(me["creation_date"].is_i64());
    let by_id = h
        .http
        .get(h.api(&format!("/users/{id}")))
        .bearer_auth(user_token);
    assert_eq!(by_id.send().await.unwrap().status(), 200);
    let other = h.http.get(h.api("/users/1")).bearer_auth(user_token);
    assert_eq!(other.send().await.unwrap().status(), 404);
}

#[tokio::test]
async fn user_token_cannot_create_users() {
    let h = harness(SandboxConfig::default()).await;
    let token = h.new_user_token("jane@example.fr").await;
    let response = h
        .http
        .post(h.api("/users"))
        .bearer_auth(token)
        .form(&[("email", "b@example.fr"), ("password", "pw")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
}

#[tokio::test]
async fn deleted_user_loses_tokens_and_keys_and_the_email_is_reusable() {
    let h = harness(SandboxConfig::default()).await;
    let token = h.new_user_token("jane@example.fr").await;
    let key = h
        .http
        .post(h.api("/keys"))
        .bearer_auth(&token)
        .body(r#"{"type":"PGP"}"#);
    assert_eq!(key.send().await.unwrap().status(), 201);
    assert_eq!(h.sandbox.state.world().keys.by_id.len(), 1);
    let delete = h.http.delete(h.api("/users/me")).bearer_auth(&token);
    assert_eq!(delete.send().await.unwrap().status(), 204);
    assert!(h.sandbox.state.world().keys.by_id.is_empty());
    let me = h.http.get(h.api("/users/me")).bearer_auth(&token);
    assert_eq!(me.send().await.unwrap().status(), 401);
    h.create_user("jane@example.fr", "pw2").await;
}
