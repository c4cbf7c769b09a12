//! Both worlds of seed 002's "Regulatory reminders", over HTTP without a browser: without an
//! agreement every user call answers 401 until the terms are accepted in the terms webview,
//! and the calls that add or change connections answer 403; with an agreement nothing changed
//! and the terms count as accepted.

use serde_json::{Value, json};

use crate::support::widget_session::{WidgetWorld, location, no_redirects, query_of, widget_world};

const CALLBACK: &str = "http://127.0.0.1:9/callback?state=XYZ";

/// Every call a user token makes, as (method, path, JSON body).
fn user_calls() -> Vec<(&'static str, &'static str, Option<Value>)> {
    vec![
        ("GET", "/users/me", None),
        ("GET", "/connections", None),
        ("GET", "/accounts", None),
        ("GET", "/transactions", None),
        ("GET", "/providers", None),
        ("POST", "/queues/subscribe", Some(json!({}))),
        ("POST", "/keys", Some(json!({}))),
        ("POST", "/connections", Some(json!({ "provider_id": "87" }))),
        (
            "PUT",
            "/connections/1/consents",
            Some(json!({ "consents": [] })),
        ),
    ]
}

async fn call(w: &WidgetWorld, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let mut request =
        w.h.http
            .request(method, w.h.api(path))
            .bearer_auth(&w.token);
    if let Some(body) = body {
        request = request
            .header("content-type", "application/json")
            .body(body.to_string());
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// Accepts (or refuses) the terms through the terms webview; answers the redirect's query.
async fn decide_terms(w: &WidgetWorld, accept: bool) -> std::collections::HashMap<String, String> {
    let session = w.session(true).await;
    let browser = no_redirects();
    let start = browser
        .get(w.h.url("/widget/terms"))
        .query(&[("session_id", session.as_str()), ("redirect_url", CALLBACK)])
        .send()
        .await
        .unwrap();
    assert_eq!(
        location(&start),
        format!("/widget/flow?session_id={session}")
    );
    let page = browser
        .get(w.h.url(&location(&start)))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("J’accepte"));
    let decision = if accept { "accept" } else { "refuse" };
    let end = browser
        .post(w.h.url("/widget/flow/terms"))
        .form(&[("session_id", session.as_str()), ("decision", decision)])
        .send()
        .await
        .unwrap();
    let back = location(&end);
    assert!(
        back.starts_with("http://127.0.0.1:9/callback?state=XYZ&"),
        "{back}"
    );
    query_of(&back)
}

#[tokio::test]
async fn without_agreement_every_user_call_answers_401_until_the_terms_are_accepted() {
    let w = widget_world(true, "terms@example.fr").await;
    for (method, path, body) in user_calls() {
        let (status, answer) = call(&w, method, path, body).await;
        assert_eq!(status, 401, "{method} {path}: {answer}");
        assert_eq!(answer["error"], "user_action_required", "{method} {path}");
        assert_eq!(answer["action"], "ACCEPT_TERMS", "{method} {path}");
        assert!(
            answer["error_description"]
                .as_str()
                .unwrap()
                .contains("GET /widget/terms"),
            "{answer}"
        );
    }
    // The widget session (and the token endpoint, which gave the token) still answer.
    assert!(w.session_answer(false).await["session_id"].is_string());

    let refused = decide_terms(&w, false).await;
    assert_eq!(refused["result"], "error");
    assert_eq!(w.api_get("/connections").await.0, 401);

    let accepted = decide_terms(&w, true).await;
    assert_eq!(accepted["result"], "success");
    assert_eq!(w.api_get("/connections").await, (200, json!([])));
    assert_eq!(w.api_get("/users/me").await.0, 200);
}

#[tokio::test]
async fn without_agreement_adding_or_changing_a_connection_through_the_api_is_refused_with_403() {
    let w = widget_world(true, "no-agreement@example.fr").await;
    decide_terms(&w, true).await;
    for (method, path, body) in [
        ("POST", "/connections", json!({ "provider_id": "87" })),
        (
            "PUT",
            "/connections/1/channels/13400",
            json!({ "credentials": [] }),
        ),
        (
            "PUT",
            "/connections/1/credentials/300",
            json!({ "value": "dev" }),
        ),
        ("PUT", "/connections/1/consents", json!({ "consents": [] })),
    ] {
        let (status, answer) = call(&w, method, path, Some(body)).await;
        assert_eq!(status, 403, "{method} {path}: {answer}");
        assert_eq!(answer["error"], "agreement_required", "{method} {path}");
        assert!(
            answer["error_description"]
                .as_str()
                .unwrap()
                .contains("POST /widget/widget_session"),
            "{answer}"
        );
    }
}

#[tokio::test]
async fn with_agreement_the_api_is_unchanged_and_the_terms_count_as_accepted() {
    let w = widget_world(false, "agreement@example.fr").await;
    assert_eq!(w.api_get("/connections").await, (200, json!([])));
    // POST /connections is not refused: it checks the credentials as it always did.
    let (status, answer) = call(
        &w,
        "POST",
        "/connections",
        Some(json!({ "provider_id": "87" })),
    )
    .await;
    assert_eq!(status, 422, "{answer}");
    assert!(
        answer["error_description"]
            .as_str()
            .unwrap()
            .contains("missing")
    );
    // The terms webview goes back at once: nothing to accept.
    let session = w.session(false).await;
    let response = no_redirects()
        .get(w.h.url("/widget/terms"))
        .query(&[("session_id", session.as_str()), ("redirect_url", CALLBACK)])
        .send()
        .await
        .unwrap();
    assert_eq!(query_of(&location(&response))["result"], "success");
}

#[tokio::test]
async fn a_widget_session_links_every_webview() {
    let w = widget_world(true, "links@example.fr").await;
    let answer = w.session_answer(false).await;
    let session = answer["session_id"].as_str().unwrap();
    for (key, path) in [
        ("add_connection", "add_connection"),
        ("edit_credentials", "edit_credentials"),
        ("user_input", "user_input"),
        ("terms", "terms"),
        ("manage_accounts", "manage_accounts"),
        ("professional_account", "professional-account"),
    ] {
        assert_eq!(
            answer["_links"][key],
            format!(
                "{}/widget/{path}?session_id={session}",
                w.h.sandbox.base_url
            ),
            "{key}"
        );
    }
}
