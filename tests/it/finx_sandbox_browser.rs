//! The finX widget in a real browser: headless Chromium through WebDriver searches the bank,
//! types a wrong then the right PIN, the OTP, chooses accounts, and lands on the client's
//! redirect URI (a local listener) with the code, which the client exchanges.

use serde_json::json;

use crate::support::browser::{Browser, Landing};
use crate::support::finx_sandbox::{finx_harness, query_of};

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
