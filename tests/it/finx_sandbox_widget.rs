//! The finX widget's paths, posted as a browser without JavaScript does: the IBAN shortcut,
//! a wrong PIN, a wrong OTP, three wrong PINs, cancel, an expired or finished link.

use chrono::Duration;
use serde_json::json;

use crate::support::finx_sandbox::{CALLBACK, finx_harness, query_of};

#[tokio::test]
async fn the_docs_iban_skips_the_bank_choice_and_shares_that_account_only() {
    let h = finx_harness().await;
    let token = h
        .link(json!({ "accounts": [{ "id": "DE82 9009 4815 0000 0028 81" }] }))
        .await;
    let (_, html) = h.page(&token, "").await;
    assert!(
        html.contains("Anmelden bei Musterbank Hamburg"),
        "no bank list"
    );
    let callback = h.through_login(&token, None).await;
    let result = query_of(&callback);
    assert_eq!(result["success"], "true", "no account page: {callback}");
    let tokens = h.exchange(&result["code"]).await;
    let (_, accounts) = h.get("/rest/accounts", &tokens.access_token).await;
    let accounts = accounts["accounts"].as_array().unwrap();
    assert_eq!(accounts.len(), 1);
    assert_eq!(accounts[0]["iban"], "DE82900948150000002881");
}

#[tokio::test]
async fn an_iban_of_no_test_bank_shows_the_bank_list() {
    let h = finx_harness().await;
    let token = h
        .link(json!({ "accounts": [{ "id": "DE00123456780000000001" }] }))
        .await;
    assert!(h.page(&token, "").await.1.contains("Wählen Sie Ihre Bank"));
}

#[tokio::test]
async fn a_wrong_pin_says_so_and_the_right_one_goes_on() {
    let h = finx_harness().await;
    let token = h.link(json!({})).await;
    h.post(&token, "bank", &[("bank_id", "demobank")]).await;
    let back = h
        .post(&token, "login", &[("login", "figo01"), ("pin", "111111")])
        .await;
    assert_eq!(back, format!("/finx/widget/?token={token}"));
    let (_, html) = h.page(&token, "").await;
    assert!(html.contains("Anmeldename oder PIN ist falsch. Noch 2 Versuch(e)."));
    assert!(!html.contains("111111"), "a PIN is never written back");
    let (_, html) = h.page(&token, "").await;
    assert!(!html.contains("falsch"), "the message is shown once");
    h.post(&token, "login", &[("login", "figo01"), ("pin", "654321")])
        .await;
    assert!(h.page(&token, "").await.1.contains("TAN eingeben"));
}

#[tokio::test]
async fn three_wrong_pins_end_the_flow_as_a_failure_without_code() {
    let h = finx_harness().await;
    let token = h.link(json!({})).await;
    h.post(&token, "bank", &[("bank_id", "demobank")]).await;
    let wrong = [("login", "figo01"), ("pin", "0")];
    h.post(&token, "login", &wrong).await;
    h.post(&token, "login", &wrong).await;
    let callback = h.post(&token, "login", &wrong).await;
    assert_eq!(callback, format!("{CALLBACK}&state=S1&success=false"));
    let (status, html) = h.page(&token, "").await;
    assert_eq!(status, 410);
    assert!(html.contains("Vorgang beendet"));
}

#[tokio::test]
async fn a_wrong_otp_says_so_and_the_right_one_finishes() {
    let h = finx_harness().await;
    let token = h
        .link(json!({ "accounts": [{ "id": "DE89370400440532013000" }] }))
        .await;
    h.post(&token, "login", &[("login", "figo01"), ("pin", "654321")])
        .await;
    h.post(&token, "otp", &[("otp", "000000")]).await;
    assert!(
        h.page(&token, "")
            .await
            .1
            .contains("Die TAN ist falsch. Noch 2 Versuch(e).")
    );
    let callback = h.post(&token, "otp", &[("otp", "123456")]).await;
    assert_eq!(query_of(&callback)["success"], "true");
}

#[tokio::test]
async fn cancel_at_any_step_returns_state_success_false_and_cancel_true() {
    let h = finx_harness().await;
    for steps in 0..3 {
        let token = h.link(json!({})).await;
        if steps >= 1 {
            h.post(&token, "bank", &[("bank_id", "demobank")]).await;
        }
        if steps >= 2 {
            h.post(&token, "login", &[("login", "figo01"), ("pin", "654321")])
                .await;
        }
        let callback = h.post(&token, "cancel", &[]).await;
        assert_eq!(
            callback,
            format!("{CALLBACK}&state=S1&success=false&cancel=true")
        );
    }
}

#[tokio::test]
async fn an_expired_or_unknown_link_shows_a_page_saying_to_start_again() {
    let h = finx_harness().await;
    let token = h.link(json!({})).await;
    h.sandbox
        .state
        .finx
        .lock()
        .advance_clock(Duration::minutes(61));
    let (status, html) = h.page(&token, "").await;
    assert_eq!(status, 410);
    assert!(html.contains("Link abgelaufen"));
    let (status, _) = h.page("no-such-token", "").await;
    assert_eq!(status, 404);
}
