//! REDIRECT stories over loopback HTTP: `authorize_url`, the bank page the sandbox serves, the
//! user approving or denying, and the browser sent back to the caller's `redirect_uri`.

use crate::support::sandbox_client as support;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use coffre::sandbox::SandboxConfig;
use serde_json::{Value, json};
use support::{Harness, harness};

const CALLBACK: &str = "https://client.example/callback";
const NINETY_DAYS: i64 = 90 * 24 * 3600;

/// A browser that does not follow redirects, so each hop can be checked.
fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn authorize_url(h: &Harness, token: &str, path: &str, body: Value) -> String {
    let response = h
        .http
        .post(h.api(path))
        .bearer_auth(token)
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    response.headers()["location"].to_str().unwrap().to_owned()
}

/// Opens the bank page, follows the approve or deny link; answers the callback's query.
async fn decide(h: &Harness, bank_url: &str, approve: bool) -> HashMap<String, String> {
    let browser = browser();
    let page = browser.get(bank_url).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    let id = if approve {
        "id=\"approve\""
    } else {
        "id=\"deny\""
    };
    let link = html
        .split(id)
        .nth(1)
        .and_then(|rest| rest.split("href=\"").nth(1))
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .replace("&amp;", "&");
    let back = browser.get(h.url(&link)).send().await.unwrap();
    assert_eq!(back.status(), 303);
    let location = back.headers()["location"].to_str().unwrap();
    assert!(location.starts_with(CALLBACK), "{location}");
    let url = url::Url::parse(location).unwrap();
    url.query_pairs().into_owned().collect()
}

async fn get(h: &Harness, token: &str, path: &str) -> Value {
    let response = h
        .http
        .get(h.api(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "GET {path}");
    response.json().await.unwrap()
}

async fn wait_for(h: &Harness, token: &str, queue: &str, event_type: &str) -> Value {
    let start = Instant::now();
    loop {
        let events = get(h, token, &format!("/queues/{queue}")).await;
        if let Some(event) = events
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["event_type"] == event_type)
        {
            return event.clone();
        }
        assert!(start.elapsed() < Duration::from_secs(20), "no {event_type}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn redirect_channel(connection: &Value) -> Value {
    connection["channels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["channel_definition_id"] == "8701")
        .unwrap()
        .clone()
}

#[tokio::test]
async fn approving_at_the_bank_creates_a_connection_with_checkings_and_cards_only() {
    let h = harness(SandboxConfig::default()).await;
    let token = h.new_user_token("paul@example.com").await;
    let body = json!({"redirect_uri": CALLBACK, "redirect_state": "opaque-42"});
    let path = "/providers/87/channel_definitions/8701/authorize_url";
    let bank_url = authorize_url(&h, &token, path, body).await;
    assert!(
        bank_url.starts_with(&h.url("/testbank/authorize?create=true")),
        "{bank_url}"
    );

    let back = decide(&h, &bank_url, true).await;
    assert_eq!(back["status"], "success");
    assert_eq!(back["state"], "opaque-42");
    let connection_id = &back["connection_id"];
    let listed = wait_for(&h, &token, &back["queue_id"], "LIST_ACCOUNTS_SUCCESS").await;
    let pending = listed["list_accounts_success"]["pending_consent"]
        .as_array()
        .unwrap();
    assert!(!pending.is_empty());
    for id in pending {
        let account = get(&h, &token, &format!("/accounts/{}", id.as_str().unwrap())).await;
        let kind = account["type"].as_str().unwrap();
        assert!(["CHECKINGS", "CREDIT_CARD"].contains(&kind), "{account}");
    }
    let connection = get(&h, &token, &format!("/connections/{connection_id}")).await;
    let channel = redirect_channel(&connection);
    assert_eq!(channel["mode"], "REDIRECT");
    let expires = channel["expires"].as_i64().unwrap();
    let now = chrono::Utc::now().timestamp();
    assert!((expires - now - NINETY_DAYS).abs() < 60, "{channel}");

    // Renewing the same connection: a new authorisation, the same connection.
    let renew = json!({"redirect_uri": CALLBACK, "connection_id": connection_id});
    let bank_url = authorize_url(&h, &token, path, renew).await;
    assert!(bank_url.contains("create=false"), "{bank_url}");
    let again = decide(&h, &bank_url, true).await;
    assert_eq!(&again["connection_id"], connection_id);
    assert!(!again.contains_key("state"));
    let connections = get(&h, &token, "/connections").await;
    assert_eq!(connections.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn denying_at_the_bank_creates_nothing_and_the_session_is_single_use() {
    let h = harness(SandboxConfig::default()).await;
    let token = h.new_user_token("rita@example.com").await;
    let body = json!({"redirect_uri": CALLBACK});
    let bank_url = authorize_url(
        &h,
        &token,
        "/providers/87/channels/8701/authorize_url",
        body,
    )
    .await;
    let back = decide(&h, &bank_url, false).await;
    assert_eq!(back["status"], "error");
    assert_eq!(back["error"], "access_denied");
    assert!(!back.contains_key("connection_id"));
    assert_eq!(get(&h, &token, "/connections").await, json!([]));
    let reused = browser().get(&bank_url).send().await.unwrap();
    assert_eq!(reused.status(), 404);
}
