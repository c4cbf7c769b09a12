//! The webviews over plain HTTP (each hop checked, no browser): expired sessions, the
//! non-captive return with the queue to poll, the languages, escaping, and what the docs refuse
//! without an agreement.

use std::time::Duration;

use serde_json::Value;

use crate::support::widget_session::{WidgetWorld, location, no_redirects, query_of, widget_world};

const CALLBACK: &str = "http://127.0.0.1:9/callback?state=XYZ";

/// `GET /widget/add_connection` with `extra` query pairs: the 303 or the page.
async fn open(w: &WidgetWorld, session: &str, extra: &[(&str, &str)]) -> reqwest::Response {
    let mut query = vec![("session_id", session), ("redirect_url", CALLBACK)];
    query.extend_from_slice(extra);
    no_redirects()
        .get(w.h.url("/widget/add_connection"))
        .query(&query)
        .send()
        .await
        .unwrap()
}

async fn page_text(w: &WidgetWorld, path_and_query: &str) -> (u16, String) {
    let response = no_redirects()
        .get(w.h.url(path_and_query))
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

#[tokio::test]
async fn a_session_expires_with_its_access_token_unless_it_has_a_refresh_token() {
    let w = widget_world(false, "expiry@example.fr").await;
    let short = w.session(false).await;
    let long = w.session(true).await;
    w.h.sandbox.state.world().tokens.expire(&w.token);

    let back = location(&open(&w, &short, &[]).await);
    let result = query_of(&back);
    assert_eq!(result["status"], "expired");
    assert_eq!(result["state"], "XYZ");
    // Without a redirect URL, a page says what happened and what to do.
    let (status, html) = page_text(
        &w,
        &format!("/widget/add_connection?session_id={short}&lng=en"),
    )
    .await;
    assert_eq!(status, 401);
    assert!(
        html.contains("Session expired") && html.contains("start again"),
        "{html}"
    );
    // An unknown session is an expired one (sessions do not survive a restart).
    let unknown = location(&open(&w, "0123456789abcdef", &[]).await);
    assert_eq!(query_of(&unknown)["status"], "expired");

    assert_eq!(
        location(&open(&w, &long, &[]).await),
        format!("/widget/flow?session_id={long}")
    );
}

#[tokio::test]
async fn captive_mode_false_returns_at_once_with_the_queue_that_then_reports_the_synced_accounts() {
    let w = widget_world(false, "noncaptive@example.fr").await;
    let session = w.session(true).await;
    let start = open(
        &w,
        &session,
        &[
            ("provider_id", "87"),
            ("channel_definition_id", "13400"),
            ("captive_mode", "false"),
        ],
    )
    .await;
    assert_eq!(
        location(&start),
        format!("/widget/flow?session_id={session}")
    );
    let (status, form) = page_text(&w, &location(&start)).await;
    assert_eq!(status, 200);
    assert!(
        form.contains("name=\"300\"") && form.contains("type=\"password\""),
        "{form}"
    );
    let posted = w.post_test_bank_login(&session, "").await;
    let back = query_of(&location(&posted));
    assert_eq!(back["status"], "success");
    let (connection_id, queue_id) = (&back["connection_id"], &back["queue_id"]);

    // The widget gives the Oxlin consent after the browser left: the client's queue reports the
    // SYNC_ALL and the accounts are ACTIVE with their transactions.
    let mut seen = Vec::new();
    for _ in 0..200 {
        let (_, events) = w.api_get(&format!("/queues/{queue_id}")).await;
        seen.extend(
            events
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["event_type"].clone()),
        );
        if seen.iter().any(|t| t == "SYNC_ALL_SUCCESS") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert!(seen.iter().any(|t| t == "SYNC_ALL_SUCCESS"), "{seen:?}");
    let (_, accounts) = w.api_get("/accounts").await;
    let ours: Vec<&Value> = accounts
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["connection_id"] == **connection_id)
        .collect();
    assert!(!ours.is_empty());
    assert!(ours.iter().all(|a| a["status"] == "ACTIVE"), "{ours:?}");
    let (_, transactions) = w.api_get("/transactions").await;
    assert!(!transactions.as_array().unwrap().is_empty());
}

#[tokio::test]
async fn pages_are_french_by_default_english_with_lng_en_and_escape_what_they_echo() {
    let w = widget_world(false, "pages@example.fr").await;
    let session = w.session(true).await;
    open(&w, &session, &[]).await;
    let (_, french) = page_text(&w, &format!("/widget/flow?session_id={session}")).await;
    assert!(french.contains("Choisissez votre banque"), "{french}");
    assert!(french.contains("lang=\"fr\""));
    open(&w, &session, &[("lng", "en")]).await;
    let hostile = "\"><script>alert(1)</script>";
    let url = reqwest::Url::parse_with_params(
        &w.h.url("/widget/flow"),
        &[("session_id", session.as_str()), ("q", hostile)],
    )
    .unwrap();
    let (status, english) = page_text(&w, &url[url::Position::BeforePath..]).await;
    assert_eq!(status, 200);
    assert!(english.contains("Choose your bank"), "{english}");
    assert!(english.contains("No bank matches this search"), "{english}");
    assert!(!english.contains("<script>alert"), "{english}");
    assert!(
        english.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{english}"
    );
}

#[tokio::test]
async fn without_agreement_select_accounts_goes_back_with_an_error() {
    let w = widget_world(true, "select@example.fr").await;
    let session = w.session(true).await;
    let back = query_of(&location(
        &open(&w, &session, &[("select_accounts", "true")]).await,
    ));
    assert_eq!(back["status"], "error");
    assert_eq!(back["error"], "AGREEMENT_REQUIRED");
}

#[tokio::test]
async fn an_unknown_provider_goes_back_with_an_error_and_a_bad_redirect_url_is_a_page() {
    let w = widget_world(false, "unknown@example.fr").await;
    let session = w.session(true).await;
    let back = query_of(&location(
        &open(&w, &session, &[("provider_id", "999999")]).await,
    ));
    assert_eq!(
        (back["status"].as_str(), back["error"].as_str()),
        ("error", "INVALID_PROVIDER")
    );
    let (status, html) = page_text(
        &w,
        &format!("/widget/add_connection?session_id={session}&redirect_url=nowhere"),
    )
    .await;
    assert_eq!(status, 400);
    assert!(html.contains("redirect_url"), "{html}");
}
