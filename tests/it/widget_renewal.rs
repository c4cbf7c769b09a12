//! The webviews that come after a connection exists, hop by hop over HTTP: user input (the
//! challenge a connection waits on) and edit credentials (a refused password, try again, the
//! right one), both back on the redirect URL with the same connection.

use std::time::Duration;

use serde_json::Value;

use crate::support::widget_session::{WidgetWorld, location, no_redirects, query_of, widget_world};

const CALLBACK: &str = "http://127.0.0.1:9/callback?state=XYZ";

async fn get(w: &WidgetWorld, path: &str, query: &[(&str, &str)]) -> reqwest::Response {
    no_redirects()
        .get(w.h.url(path))
        .query(query)
        .send()
        .await
        .unwrap()
}

async fn post(w: &WidgetWorld, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
    no_redirects()
        .post(w.h.url(path))
        .form(form)
        .send()
        .await
        .unwrap()
}

/// Adds the test bank with `file` through the webview, `captive_mode=false`: (connection id,
/// the client's queue id).
async fn add_test_bank(w: &WidgetWorld, session: &str, file: &str) -> (String, String) {
    let query = [
        ("session_id", session),
        ("redirect_url", CALLBACK),
        ("provider_id", "87"),
        ("channel_definition_id", "13400"),
        ("captive_mode", "false"),
    ];
    get(w, "/widget/add_connection", &query).await;
    let form = [
        ("session_id", session),
        ("300", "dev"),
        ("301", "dev"),
        ("302", file),
    ];
    let back = query_of(&location(&post(w, "/widget/flow/credentials", &form).await));
    (back["connection_id"].clone(), back["queue_id"].clone())
}

/// Polls the queue until an event of `event_type` comes.
async fn wait_event(w: &WidgetWorld, queue: &str, event_type: &str) {
    let mut seen = Vec::new();
    for _ in 0..400 {
        let (_, events) = w.api_get(&format!("/queues/{queue}")).await;
        seen.extend(
            events
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["event_type"].clone()),
        );
        if seen.iter().any(|t| t == event_type) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("no {event_type} in {seen:?}");
}

/// The flow page until it sends the browser back to the callback: the callback's query.
async fn wait_for_return(
    w: &WidgetWorld,
    session: &str,
) -> std::collections::HashMap<String, String> {
    for _ in 0..200 {
        let response = get(w, "/widget/flow", &[("session_id", session)]).await;
        if response.status() == 303 && location(&response).starts_with("http://127.0.0.1:9/") {
            return query_of(&location(&response));
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("the flow never went back to the callback");
}

async fn flow_page(w: &WidgetWorld, session: &str) -> String {
    get(w, "/widget/flow", &[("session_id", session)])
        .await
        .text()
        .await
        .unwrap()
}

#[tokio::test]
async fn user_input_answers_the_challenge_a_connection_waits_on_and_goes_back_when_synced() {
    let w = widget_world(false, "user-input@example.fr").await;
    let session = w.session(true).await;
    let (connection_id, queue) = add_test_bank(&w, &session, "sms").await;
    wait_event(&w, &queue, "LIST_ACCOUNTS_USER_INPUT_REQUESTED").await;

    let query = [
        ("session_id", session.as_str()),
        ("connection_id", connection_id.as_str()),
        ("redirect_url", CALLBACK),
    ];
    let start = get(&w, "/widget/user_input", &query).await;
    assert_eq!(
        location(&start),
        format!("/widget/flow?session_id={session}")
    );
    let offer = flow_page(&w, &session).await;
    assert!(offer.contains("Envoyer le SMS"), "{offer}");
    post(
        &w,
        "/widget/flow/challenge",
        &[("session_id", &session), ("ok_cancel", "true")],
    )
    .await;
    let code_form = flow_page(&w, &session).await;
    assert!(code_form.contains("id=\"field-306\""), "{code_form}");
    // A code that breaks the rule is refused on the page, next to its field.
    let refused = post(
        &w,
        "/widget/flow/challenge",
        &[
            ("session_id", &session),
            ("306", "12"),
            ("ok_cancel", "true"),
        ],
    )
    .await;
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains("id=\"error-306\""));
    post(
        &w,
        "/widget/flow/challenge",
        &[
            ("session_id", &session),
            ("306", "123456"),
            ("ok_cancel", "true"),
        ],
    )
    .await;

    let back = wait_for_return(&w, &session).await;
    assert_eq!(
        (back["status"].as_str(), back["connection_id"].as_str()),
        ("success", connection_id.as_str())
    );
    let (_, accounts) = w.api_get("/accounts").await;
    assert!(
        accounts
            .as_array()
            .unwrap()
            .iter()
            .any(|a: &Value| a["connection_id"] == *connection_id.as_str()
                && a["status"] == "ACTIVE")
    );
}

#[tokio::test]
async fn user_input_without_a_pending_challenge_goes_back_with_an_error() {
    let w = widget_world(false, "nothing-pending@example.fr").await;
    let session = w.session(true).await;
    let (connection_id, queue) = add_test_bank(&w, &session, "").await;
    wait_event(&w, &queue, "SYNC_ALL_SUCCESS").await;
    let query = [
        ("session_id", session.as_str()),
        ("connection_id", &connection_id),
        ("redirect_url", CALLBACK),
    ];
    let back = query_of(&location(&get(&w, "/widget/user_input", &query).await));
    assert_eq!(
        (back["status"].as_str(), back["error"].as_str()),
        ("error", "NO_PENDING_CHALLENGE")
    );
}

#[tokio::test]
async fn edit_credentials_shows_the_banks_refusal_then_takes_the_right_password_on_the_same_connection()
 {
    let w = widget_world(false, "edit@example.fr").await;
    let session = w.session(true).await;
    let (connection_id, queue) = add_test_bank(&w, &session, "").await;
    wait_event(&w, &queue, "SYNC_ALL_SUCCESS").await;

    let query = [
        ("session_id", session.as_str()),
        ("connection_id", &connection_id),
        ("redirect_url", CALLBACK),
    ];
    get(&w, "/widget/edit_credentials", &query).await;
    assert!(flow_page(&w, &session).await.contains("name=\"301\""));
    let wrong = [
        ("session_id", session.as_str()),
        ("300", "dev"),
        ("301", "wrong"),
        ("302", ""),
    ];
    post(&w, "/widget/flow/credentials", &wrong).await;
    let mut failed = String::new();
    for _ in 0..100 {
        failed = flow_page(&w, &session).await;
        if failed.contains("AUTH_FAILED") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert!(
        failed.contains("La banque a refusé l’identifiant ou le mot de passe."),
        "{failed}"
    );
    get(&w, "/widget/flow/retry", &[("session_id", &session)]).await;
    let right = [
        ("session_id", session.as_str()),
        ("300", "dev"),
        ("301", "dev"),
        ("302", ""),
    ];
    post(&w, "/widget/flow/credentials", &right).await;

    let back = wait_for_return(&w, &session).await;
    assert_eq!(
        (back["status"].as_str(), back["connection_id"].as_str()),
        ("success", connection_id.as_str())
    );
    let (_, connections) = w.api_get("/connections").await;
    assert_eq!(connections.as_array().unwrap().len(), 1, "{connections}");
}
