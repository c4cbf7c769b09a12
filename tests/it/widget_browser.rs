//! The webviews in a real browser: headless Chromium through WebDriver clicks and types as a
//! user would, on the sandbox's pages, and lands on the client's redirect URL (a local
//! listener). Each story starts its own chromedriver, killed at the end even on failure.

use serde_json::Value;

use crate::support::browser::{Browser, Landing};
use crate::support::widget_session::{query_of, widget_world};

/// The add-connection webview of `session`, returning to `landing` with `state=XYZ`.
fn add_connection_url(base: &str, session: &str, landing: &Landing, extra: &str) -> String {
    let callback = format!("{}/callback?state=XYZ", landing.base_url);
    let mut url = url::Url::parse(&format!("{base}/widget/add_connection")).unwrap();
    url.query_pairs_mut()
        .append_pair("session_id", session)
        .append_pair("redirect_url", &callback);
    format!("{url}{extra}")
}

#[tokio::test]
async fn widget_in_a_real_browser_accepts_the_terms_and_adds_the_test_bank_through_a_wrong_then_the_right_code()
 {
    let w = widget_world(true, "browser@example.fr").await;
    let session = w.session(true).await;
    let mut landing = Landing::start().await;
    let browser = Browser::start().await;
    let start = add_connection_url(
        &w.h.sandbox.base_url,
        &session,
        &landing,
        "&select_channel=true",
    );
    browser.open(&start).await;

    // The terms come first, without agreement.
    assert!(browser.text("h1").await.contains("Conditions générales"));
    browser.click("button[value=accept]").await;
    // The bank list, searched.
    browser.fill("#q", "linxo").await;
    browser.click("form[method=get] button[type=submit]").await;
    browser.click("ul.banks a").await;
    assert_eq!(
        browser.text("ul.banks li:first-child a").await,
        "Comptes de paiement (sur le site de la banque)"
    );
    browser.click("ul.banks li:nth-child(2) a").await;
    // The form built from channel 13400.
    browser.fill("#field-300", "dev").await;
    browser.fill("#field-301", "dev").await;
    browser.fill("#field-302", "sms").await;
    browser
        .click("form[action='/widget/flow/credentials'] button[type=submit]")
        .await;
    // The SMS challenge: send the code, a wrong code, then the right one.
    assert!(browser.text("body").await.contains("0606060606"));
    browser.click("button[value=true]").await;
    browser.fill("#field-306", "000000").await;
    browser.click("button[value=true]").await;
    assert_eq!(
        browser.text(".error").await,
        "Code invalide. Encore 2 tentatives"
    );
    browser.fill("#field-306", "123456").await;
    browser.click("button[value=true]").await;

    let landed = landing.next().await;
    let result = query_of(&format!("{}{landed}", landing.base_url));
    assert!(landed.starts_with("/callback?state=XYZ&"), "{landed}");
    assert_eq!(result["status"], "success");
    assert!(!result.contains_key("queue_id"), "captive mode: {landed}");
    assert_eq!(browser.text("#landed").await, "back in the application");
    browser.close().await;

    // The API now lists the connection, its accounts and their transactions.
    let connection_id = &result["connection_id"];
    let (status, connection) = w.api_get(&format!("/connections/{connection_id}")).await;
    assert_eq!(status, 200);
    assert_eq!(connection["provider_id"], "87");
    let (_, accounts) = w.api_get("/accounts").await;
    let ours: Vec<&Value> = accounts
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["connection_id"] == *connection_id && a["status"] == "ACTIVE")
        .collect();
    assert!(!ours.is_empty(), "{accounts}");
    let account_id = ours[0]["id"].as_str().unwrap();
    let (_, transactions) = w
        .api_get(&format!("/transactions?account_id={account_id}"))
        .await;
    assert!(
        !transactions.as_array().unwrap().is_empty(),
        "{transactions}"
    );
}

#[tokio::test]
async fn widget_in_a_real_browser_shows_an_invalid_field_next_to_it_and_keeps_the_others() {
    let w = widget_world(false, "invalid@example.fr").await;
    let session = w.session(true).await;
    let landing = Landing::start().await;
    let browser = Browser::start().await;
    let extra = "&provider_id=87&channel_definition_id=13400&lng=en";
    browser
        .open(&add_connection_url(
            &w.h.sandbox.base_url,
            &session,
            &landing,
            extra,
        ))
        .await;
    browser.fill("#field-300", "dev").await;
    browser.fill("#field-302", "no-such-file").await;
    browser
        .click("form[action='/widget/flow/credentials'] button[type=submit]")
        .await;

    assert_eq!(browser.text("#error-301").await, "This field is required.");
    assert!(
        browser
            .text("#error-302")
            .await
            .starts_with("File refused: unknown test-bank file `no-such-file`")
    );
    let login = browser
        .find("#field-300")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(login.as_deref(), Some("dev"));
    assert!(
        browser
            .text("[role=alert]")
            .await
            .contains("Correct the fields")
    );
    browser.close().await;
}

#[tokio::test]
async fn widget_in_a_real_browser_sends_an_expired_session_back_as_expired() {
    let w = widget_world(true, "expired@example.fr").await;
    let session = w.session(false).await;
    w.h.sandbox.state.world().tokens.expire(&w.token);
    let mut landing = Landing::start().await;
    let browser = Browser::start().await;
    browser
        .open(&add_connection_url(
            &w.h.sandbox.base_url,
            &session,
            &landing,
            "",
        ))
        .await;
    let landed = landing.next().await;
    assert_eq!(landed, "/callback?state=XYZ&status=expired");
    browser.close().await;
}

#[tokio::test]
async fn widget_in_a_real_browser_adds_a_bank_through_its_redirect_page() {
    let w = widget_world(false, "redirect@example.fr").await;
    let session = w.session(true).await;
    let mut landing = Landing::start().await;
    let browser = Browser::start().await;
    browser
        .open(&add_connection_url(
            &w.h.sandbox.base_url,
            &session,
            &landing,
            "&provider_id=87",
        ))
        .await;
    // REDIRECT comes first (seed 002): the sandbox's bank page.
    assert!(browser.url().await.contains("/testbank/authorize"));
    browser.click("#approve").await;
    let landed = landing.next().await;
    let result = query_of(&format!("{}{landed}", landing.base_url));
    assert_eq!(result["status"], "success", "{landed}");
    let (status, _) = w
        .api_get(&format!("/connections/{}", result["connection_id"]))
        .await;
    assert_eq!(status, 200);
    browser.close().await;
}
