//! The finX widget in a real browser: headless Chromium through WebDriver searches the bank,
//! types a wrong then the right PIN, the OTP, chooses accounts, and lands on the client's
//! redirect URI (a local listener) with the code, which the client exchanges; the IBAN
//! shortcut skips the bank choice and its code is exchanged and synced as `coffre connect
//! finx` does; cancelling lands on the redirect URI with `cancel=true` and no code.

use std::sync::Arc;

use coffre::finx::Client;
use coffre::finx::wire::Callback;
use coffre::store::Store;
use coffre::store::finx_links::FinxLinkOwner;
use coffre::sync::finx::keeper::FinxLinkKeeper;
use coffre::sync::finx::sync_links;
use coffre::sync::session::SessionStore::Auto;
use serde_json::{Value, json};

use crate::support::browser::{Browser, Landing};
use crate::support::finx_link::config;
use crate::support::finx_sandbox::{FinxHarness, finx_harness, query_of};

#[tokio::test]
async fn finx_widget_in_a_real_browser_links_a_bank_through_a_wrong_then_the_right_pin() {
    let h = finx_harness().await;
    let mut landing = Landing::start().await;
    let redirect_uri = format!("{}/finx-callback", landing.base_url);
    let (status, link) = h
        .create_link(json!({ "redirect_uri": redirect_uri, "state": "browser-1" }))
        .await;
    assert_eq!(status, 201);
    let browser = Browser::start().await;
    browser.open(link["location"].as_str().unwrap()).await;

    assert_eq!(browser.text("h1").await, "Wählen Sie Ihre Bank");
    browser.fill("#q", "Süddeutsche").await;
    browser.click("#search").await;
    browser.click("button[value=suedbank]").await;
    assert_eq!(
        browser.text("h1").await,
        "Anmelden bei Süddeutsche Testbank München"
    );
    browser.fill("#login", "figo01").await;
    browser.fill("#pin", "999999").await;
    browser.click("#submit").await;
    assert_eq!(
        browser.text("[role=alert]").await,
        "Anmeldename oder PIN ist falsch. Noch 2 Versuch(e)."
    );
    browser.fill("#login", "figo01").await;
    browser.fill("#pin", "654321").await;
    browser.click("#submit").await;
    browser.fill("#otp", "123456").await;
    browser.click("#submit").await;
    assert_eq!(
        browser.text("h1").await,
        "Welche Konten möchten Sie teilen?"
    );
    // Untick the credit card, share the other two.
    browser
        .click_in_place("input[value='A998944684550000001.3']")
        .await;
    browser.click("#submit").await;

    let landed = landing.next().await;
    assert!(landed.starts_with("/finx-callback?code="), "{landed}");
    let result = query_of(&landed);
    assert_eq!(result["state"], "browser-1");
    assert_eq!(result["success"], "true");
    browser.close().await;

    let tokens = h.exchange_to(&result["code"], &redirect_uri).await;
    let (_, accounts) = h.get("/rest/accounts", &tokens.access_token).await;
    let types: Vec<&str> = accounts["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["type"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["Giro account", "Savings account"]);
}

/// A link to `landing`'s `/finx-callback` (with `extra` fields) opened in a new browser.
async fn opened(h: &FinxHarness, landing: &Landing, extra: Value) -> (Browser, String) {
    let redirect_uri = format!("{}/finx-callback", landing.base_url);
    let mut body = json!({ "redirect_uri": redirect_uri, "state": "browser-2" });
    body.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    let (status, link) = h.create_link(body).await;
    assert_eq!(status, 201, "{link}");
    let browser = Browser::start().await;
    browser.open(link["location"].as_str().unwrap()).await;
    (browser, redirect_uri)
}

#[tokio::test]
async fn finx_iban_shortcut_in_a_real_browser_skips_the_bank_choice_and_coffre_exchanges_and_syncs()
{
    let h = finx_harness().await;
    let mut landing = Landing::start().await;
    let iban = json!({ "accounts": [{ "id": "DE89370400440532013000" }] });
    let (browser, redirect_uri) = opened(&h, &landing, iban).await;
    assert!(
        browser.text("h1").await.starts_with("Anmelden bei "),
        "the IBAN chose the bank: no bank choice"
    );
    browser.fill("#login", "figo01").await;
    browser.fill("#pin", "654321").await;
    browser.click("#submit").await;
    browser.fill("#otp", "123456").await;
    browser.click("#submit").await;
    let landed = landing.next().await;
    browser.close().await;
    let callback = Callback::from_query(landed.split_once('?').unwrap().1);
    assert_eq!(callback.state.as_deref(), Some("browser-2"));

    // What `coffre connect finx` does with the callback: the client exchanges the code, the
    // keeper stores the link, the new link is synced.
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("sandbox.sqlite")).unwrap();
    let client = Client::new(config(&h)).unwrap();
    let owner = FinxLinkOwner {
        link_id: "browser-link".into(),
        api_url: client.config().api_url.clone(),
        client_id: client.config().client_id.clone(),
    };
    client.keep_tokens_with(Arc::new(FinxLinkKeeper::new(store.path(), owner)));
    client
        .exchange_code(callback.code.expect("a code"), &redirect_uri)
        .await
        .unwrap();
    let lines = sync_links(&config(&h), Auto, &mut store, chrono::Utc::now())
        .await
        .unwrap();
    assert_eq!(lines.len(), 1);
    assert!(
        lines[0].synced && lines[0].new_transactions > 0,
        "{}",
        lines[0]
    );
}

#[tokio::test]
async fn cancelling_the_finx_widget_in_a_real_browser_lands_with_cancel_and_no_code() {
    let h = finx_harness().await;
    let mut landing = Landing::start().await;
    let (browser, _) = opened(&h, &landing, json!({})).await;
    browser.click("button[value=demobank]").await;
    browser.click("#cancel").await;
    let landed = landing.next().await;
    browser.close().await;
    let result = query_of(&landed);
    assert_eq!(result["state"], "browser-2");
    assert_eq!(result["success"], "false");
    assert_eq!(result["cancel"], "true");
    assert!(!result.contains_key("code"), "{landed}");
}
