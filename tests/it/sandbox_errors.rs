//! Error stories of the connection endpoints over loopback HTTP: every bad request gets the
//! right status and a JSON error, never echoes a secret, and the server keeps answering.

use crate::support::sandbox_client as support;

use coffre::sandbox::SandboxConfig;
use reqwest::Method;
use serde_json::{Value, json};
use support::{Harness, harness};

/// Sends `body` (raw text) and answers (status, JSON body); fails when the body is not an error.
async fn call(h: &Harness, token: &str, method: Method, path: &str, body: &str) -> (u16, Value) {
    let response = h
        .http
        .request(method, h.api(path))
        .bearer_auth(token)
        .body(body.to_owned())
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    let json: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    if status >= 400 {
        assert!(json["error"].is_string(), "{status} {path}: {text}");
        assert!(
            json["error_description"].is_string(),
            "{status} {path}: {text}"
        );
    }
    (status, json)
}

async fn still_answers(h: &Harness, token: &str) {
    let (status, body) = call(h, token, Method::GET, "/connections", "").await;
    assert_eq!(status, 200);
    assert!(body.is_array());
}

fn connection_body(password: &str, file: &str) -> String {
    json!({"provider_id": "87", "credentials": [
        {"id": "300", "value": "dev"}, {"id": "301", "value": password},
        {"id": "302", "value": file}]})
    .to_string()
}

#[tokio::test]
async fn unknown_ids_are_404_json_errors() {
    let h = harness(SandboxConfig::default()).await;
    let token = h.new_user_token("ann@example.com").await;
    for (method, path) in [
        (Method::GET, "/connections/424242"),
        (Method::DELETE, "/connections/424242"),
        (Method::POST, "/connections/424242/sync"),
        (Method::PUT, "/connections/424242/consents"),
        (
            Method::POST,
            "/connections/424242/channels/13400/user_input",
        ),
        (Method::GET, "/queues/424242"),
    ] {
        let body = r#"{"consents":[],"credentials":[]}"#;
        let (status, error) = call(&h, &token, method.clone(), path, body).await;
        assert_eq!(status, 404, "{method} {path}: {error}");
        assert_eq!(error["error"], "not_found");
    }
    let (status, _) = call(
        &h,
        &token,
        Method::POST,
        "/connections",
        &connection_body("x", "").replace("\"87\"", "\"999999\""),
    )
    .await;
    assert_eq!(status, 404);
    still_answers(&h, &token).await;
}

#[tokio::test]
async fn another_users_connection_and_queue_are_not_found() {
    let h = harness(SandboxConfig::default()).await;
    let owner = h.new_user_token("owner@example.com").await;
    let other = h.new_user_token("other@example.com").await;
    let response = h
        .http
        .post(h.api("/providers/87/channel_definitions/8701/authorize_url"))
        .bearer_auth(&owner)
        .body(json!({"redirect_uri": "https://client.example/cb"}).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let bank_url = response.headers()["location"].to_str().unwrap().to_owned();
    let approve = bank_url.replace(
        "/testbank/authorize?",
        "/testbank/authorize/decision?approve=true&",
    );
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let back = browser.get(approve).send().await.unwrap();
    let location = url::Url::parse(back.headers()["location"].to_str().unwrap()).unwrap();
    let query: std::collections::HashMap<String, String> =
        location.query_pairs().into_owned().collect();
    let (connection, queue) = (&query["connection_id"], &query["queue_id"]);

    for (method, path) in [
        (Method::GET, format!("/connections/{connection}")),
        (Method::DELETE, format!("/connections/{connection}")),
        (Method::POST, format!("/connections/{connection}/sync")),
        (Method::GET, format!("/queues/{queue}")),
    ] {
        let (status, _) = call(&h, &other, method.clone(), &path, "").await;
        assert_eq!(status, 404, "{method} {path}");
    }
    let (status, mine) = call(
        &h,
        &owner,
        Method::GET,
        &format!("/connections/{connection}"),
        "",
    )
    .await;
    assert_eq!(
        (status, mine["id"].as_str()),
        (200, Some(connection.as_str()))
    );
    let (_, others) = call(&h, &other, Method::GET, "/connections", "").await;
    assert_eq!(others, json!([]));
}

#[tokio::test]
async fn missing_scope_and_expired_token_are_refused() {
    let h = harness(SandboxConfig::default()).await;
    h.create_user("sam@example.com", "pw").await;
    let response = h
        .http
        .post(h.url("/token"))
        .form(&[
            ("grant_type", "password"),
            ("username", "sam@example.com"),
            ("password", "pw"),
            ("client_id", support::CLIENT_ID),
            ("client_secret", support::CLIENT_SECRET),
            ("scope", "openid profile"),
        ])
        .send()
        .await
        .unwrap();
    let narrow: Value = response.json().await.unwrap();
    let narrow = narrow["access_token"].as_str().unwrap();
    for (method, path) in [
        (Method::GET, "/connections"),
        (Method::POST, "/connections"),
        (Method::POST, "/connections/sync"),
        (Method::POST, "/queues/subscribe"),
    ] {
        let (status, error) = call(&h, narrow, method, path, "{}").await;
        assert_eq!(status, 403, "{path}");
        assert_eq!(error["error"], "insufficient_scope");
    }
    let client = h.client_token("users_create").await;
    assert_eq!(
        call(&h, &client, Method::GET, "/connections", "").await.0,
        403
    );

    let token = h.new_user_token("expired@example.com").await;
    h.sandbox.state.world().tokens.expire(&token);
    let (status, error) = call(&h, &token, Method::GET, "/connections", "").await;
    assert_eq!(status, 401);
    assert!(
        error["error_description"]
            .as_str()
            .unwrap()
            .contains("expired")
    );
    assert_eq!(call(&h, "", Method::GET, "/connections", "").await.0, 401);
}

#[tokio::test]
async fn malformed_and_wrong_bodies_are_400_or_422_and_never_echo_the_password() {
    let h = harness(SandboxConfig::default()).await;
    let token = h.new_user_token("bob@example.com").await;
    let post = |body: String| {
        let (h, token) = (&h, &token);
        async move { call(h, token, Method::POST, "/connections", &body).await }
    };
    assert_eq!(post("{not json".into()).await.0, 400);
    assert_eq!(post("provider_id=87&key_id=1".into()).await.0, 400);
    assert_eq!(
        post(r#"{"provider_id":"87","credentials":"dev"}"#.into())
            .await
            .0,
        400
    );

    // A password sent in clear: refused, and the answer does not repeat it.
    let (status, error) = post(connection_body("hunter2-secret", "sms")).await;
    assert!([400, 422].contains(&status), "{status} {error}");
    assert!(!error.to_string().contains("hunter2-secret"), "{error}");

    let key = h
        .http
        .post(h.api("/keys"))
        .bearer_auth(&token)
        .body(r#"{"type":"PGP"}"#)
        .send()
        .await
        .unwrap();
    let key_id = key.headers()["location"]
        .to_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    let with_key = |password: &str, file: &str| {
        let mut body: Value = serde_json::from_str(&connection_body(password, file)).unwrap();
        body["key_id"] = json!(key_id);
        body.to_string()
    };
    let (status, error) = post(with_key("hunter2-secret", "sms")).await;
    assert_eq!(status, 422, "{error}");
    assert!(error["error_description"].as_str().unwrap().contains("301"));
    assert!(!error.to_string().contains("hunter2-secret"));
    let not_for_this_key = "-----BEGIN PGP MESSAGE-----\n\nhQEMA0xzYWZlAAAAAQf/garbage\n=abcd\n-----END PGP MESSAGE-----\n";
    assert_eq!(post(with_key(not_for_this_key, "sms")).await.0, 422);
    let (status, _) =
        post(with_key("x", "sms").replace(&format!("\"{key_id}\""), "\"424242\"")).await;
    assert_eq!(status, 404);

    // Each credential is named by its id and label when it fails its rule.
    let hsbc = json!({"provider_id": "119", "channel_definition_id": "embedded1",
        "credentials": [{"id": "3500", "value": "abc"}]});
    let (status, error) = post(hsbc.to_string()).await;
    assert_eq!(status, 422);
    let description = error["error_description"].as_str().unwrap();
    assert!(
        description.contains("3500") && description.contains("Identifiant"),
        "{description}"
    );
    let (status, error) =
        post(r#"{"provider_id":"87","credentials":[{"id":"300","value":"dev"}]}"#.into()).await;
    assert_eq!(status, 422);
    assert!(error["error_description"].as_str().unwrap().contains("301"));
    let unknown = r#"{"provider_id":"87","credentials":[{"id":"999","value":"x"}]}"#;
    assert_eq!(post(unknown.into()).await.0, 422);
    let redirect = r#"{"provider_id":"87","channel_definition_id":"8701","credentials":[]}"#;
    assert_eq!(post(redirect.into()).await.0, 422);
    still_answers(&h, &token).await;
}

#[tokio::test]
async fn unavailable_provider_and_bad_actions_get_clear_errors() {
    let h = harness(SandboxConfig::default()).await;
    let token = h.new_user_token("eve@example.com").await;
    let (_, providers) = call(&h, &token, Method::GET, "/providers?limit=500", "").await;
    let unavailable = providers
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["unavailable"] == true)
        .unwrap();
    let body = json!({"provider_id": unavailable["id"], "credentials": []}).to_string();
    let (status, error) = call(&h, &token, Method::POST, "/connections", &body).await;
    assert_eq!(status, 422);
    assert!(
        error["error_description"]
            .as_str()
            .unwrap()
            .contains("unavailable")
    );

    let queue = r#"{"topics":["weather"]}"#;
    assert_eq!(
        call(&h, &token, Method::POST, "/queues/subscribe", queue)
            .await
            .0,
        422
    );
    let bad_uri = json!({"redirect_uri": "not a url"}).to_string();
    let path = "/providers/87/channel_definitions/8701/authorize_url";
    assert_eq!(call(&h, &token, Method::POST, path, &bad_uri).await.0, 422);
    let embedded = "/providers/87/channel_definitions/13400/authorize_url";
    let good_uri = json!({"redirect_uri": "https://client.example/cb"}).to_string();
    assert_eq!(
        call(&h, &token, Method::POST, embedded, &good_uri).await.0,
        422
    );
    still_answers(&h, &token).await;
}
