//! The professional-account webview over plain HTTP: the accounts listed with their usage, one
//! saved as professional (then `GET /accounts` shows it), an expired session, no account yet.

use std::time::Duration;

use serde_json::Value;

use crate::support::widget_session::{WidgetWorld, location, no_redirects, query_of, widget_world};

const CALLBACK: &str = "http://127.0.0.1:9/callback?state=XYZ";

/// Connects the test bank (provider 87, channel 13400, `dev`/`dev`) and waits for its accounts.
async fn connect_test_bank(w: &WidgetWorld) -> Vec<Value> {
    let session = w.session(true).await;
    let start = no_redirects()
        .get(w.h.url("/widget/add_connection"))
        .query(&[
            ("session_id", session.as_str()),
            ("redirect_url", CALLBACK),
            ("provider_id", "87"),
            ("channel_definition_id", "13400"),
            ("captive_mode", "false"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(start.status(), 303);
    let posted = w.post_test_bank_login(&session, "").await;
    assert_eq!(query_of(&location(&posted))["status"], "success");
    for _ in 0..200 {
        let (_, accounts) = w.api_get("/accounts").await;
        let accounts = accounts.as_array().cloned().unwrap_or_default();
        if !accounts.is_empty() && accounts.iter().all(|a| a["status"] == "ACTIVE") {
            return accounts;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("the test bank's accounts never became ACTIVE");
}

async fn open(w: &WidgetWorld, session: &str, lng: &str) -> reqwest::Response {
    no_redirects()
        .get(w.h.url("/widget/professional-account"))
        .query(&[
            ("session_id", session),
            ("redirect_url", CALLBACK),
            ("lng", lng),
        ])
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_account_saved_as_professional_shows_so_in_the_api_and_the_others_stay() {
    let w = widget_world(false, "pro@example.fr").await;
    let before = connect_test_bank(&w).await;
    assert!(before.len() >= 2, "{before:?}");
    let session = w.session(true).await;

    let page = open(&w, &session, "en").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Professional accounts"), "{html}");
    for account in &before {
        let id = account["id"].as_str().unwrap();
        assert!(html.contains(&format!("name=\"usage_{id}\"")), "{html}");
        if let Some(name) = account["name"].as_str() {
            assert!(html.contains(name), "{name} in {html}");
        }
        if let Some(iban) = account["iban"].as_str() {
            assert!(!html.contains(iban), "the IBAN is masked: {html}");
        }
    }
    assert!(html.contains("value=\"PERSONAL\" checked"), "{html}");
    // French by default.
    let french = open(&w, &session, "").await.text().await.unwrap();
    assert!(french.contains("Comptes professionnels"), "{french}");

    let chosen = before[0]["id"].as_str().unwrap();
    let key = format!("usage_{chosen}");
    let saved = no_redirects()
        .post(w.h.url("/widget/professional-account"))
        .form(&[
            ("session_id", session.as_str()),
            ("redirect_url", CALLBACK),
            (key.as_str(), "PROFESSIONAL"),
            ("decision", "save"),
        ])
        .send()
        .await
        .unwrap();
    let back = location(&saved);
    assert!(back.starts_with("http://127.0.0.1:9/callback?"), "{back}");
    let result = query_of(&back);
    assert_eq!(result["result"], "success");
    assert_eq!(result["state"], "XYZ");

    let (_, after) = w.api_get("/accounts").await;
    for account in after.as_array().unwrap() {
        let expected = if account["id"] == chosen {
            "PROFESSIONAL"
        } else {
            before.iter().find(|b| b["id"] == account["id"]).unwrap()["usage"]
                .as_str()
                .unwrap()
        };
        assert_eq!(account["usage"], expected, "{account}");
    }
    // The page now preselects it; leaving without saving is `cancelled`.
    let again = open(&w, &session, "en").await.text().await.unwrap();
    assert!(
        again.contains(&format!(
            "name=\"usage_{chosen}\" value=\"PROFESSIONAL\" checked"
        )),
        "{again}"
    );
    let left = no_redirects()
        .post(w.h.url("/widget/professional-account"))
        .form(&[
            ("session_id", session.as_str()),
            ("redirect_url", CALLBACK),
            (key.as_str(), "PERSONAL"),
            ("decision", "cancel"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(query_of(&location(&left))["result"], "cancelled");
    let (_, still) = w.api_get(&format!("/accounts/{chosen}")).await;
    assert_eq!(still["usage"], "PROFESSIONAL", "{still}");
}

#[tokio::test]
async fn an_expired_session_goes_back_with_expired_or_gets_a_page() {
    let w = widget_world(false, "pro-expired@example.fr").await;
    let session = w.session(false).await;
    w.h.sandbox.state.world().tokens.expire(&w.token);
    let back = query_of(&location(&open(&w, &session, "en").await));
    assert_eq!(back["result"], "error");
    assert_eq!(back["status"], "expired");
    assert_eq!(back["state"], "XYZ");
    let page = no_redirects()
        .get(w.h.url("/widget/professional-account"))
        .query(&[("session_id", "0123456789abcdef"), ("lng", "en")])
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 401);
    assert!(page.text().await.unwrap().contains("start again"));
}

#[tokio::test]
async fn a_user_without_accounts_is_told_so_with_a_link_back() {
    let w = widget_world(false, "pro-none@example.fr").await;
    let session = w.session(true).await;
    let page = open(&w, &session, "en").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("no account yet"), "{html}");
    assert!(
        html.contains("href=\"http://127.0.0.1:9/callback?state=XYZ&amp;result=cancelled\""),
        "{html}"
    );
    assert!(!html.contains("<form"), "{html}");
}
