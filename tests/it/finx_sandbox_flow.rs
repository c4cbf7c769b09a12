//! The finX sandbox's whole one-time flow over real HTTP, as a client and a browser without
//! JavaScript go through it: link → widget pages → callback → code exchange → data → refresh
//! rotation.

use serde_json::json;

use crate::support::finx_sandbox::{CALLBACK, finx_harness, query_of};

#[tokio::test]
async fn a_user_links_a_german_bank_and_the_client_reads_its_accounts_and_rotates_the_refresh_token()
 {
    let h = finx_harness().await;
    // 1. The link: 201 with the sandbox's own widget page and a UUID.
    let (status, link) = h
        .create_link(json!({ "redirect_uri": CALLBACK, "state": "7fe78733", "language": "de" }))
        .await;
    assert_eq!(status, 201);
    let location = link["location"].as_str().unwrap();
    assert!(
        location.starts_with(&format!("{}/widget/?token=", h.sandbox.finx_url())),
        "{location}"
    );
    assert_eq!(link["id"].as_str().unwrap().len(), 36);
    let token = query_of(location)["token"].clone();

    // 2. The widget, in German: the bank list, searched, then the bank's login.
    let (status, html) = h.page(&token, "&q=k%C3%B6ln").await;
    assert_eq!(status, 200);
    assert!(html.contains("<html lang=\"de\">") && html.contains("Wählen Sie Ihre Bank"));
    assert!(html.contains("Kreisbank Köln (Test)"));
    assert!(!html.contains("Musterbank Hamburg"), "the search filters");
    let next = h.post(&token, "bank", &[("bank_id", "kreisbank")]).await;
    assert_eq!(next, format!("/finx/widget/?token={token}"));
    assert!(
        h.page(&token, "")
            .await
            .1
            .contains("Anmelden bei Kreisbank Köln (Test)")
    );
    h.through_login(&token, None).await;

    // 3. The account choice: all three accounts offered; the user shares two.
    let (_, html) = h.page(&token, "").await;
    assert!(html.contains("Welche Konten möchten Sie teilen?"));
    for name in ["Girokonto", "Tagesgeldkonto", "Kreditkarte Gold"] {
        assert!(html.contains(name), "{name} offered");
    }
    let callback = h
        .post(
            &token,
            "accounts",
            &[
                ("account", "A998944684550000001.1"),
                ("account", "A998944684550000001.3"),
            ],
        )
        .await;

    // 4. The callback keeps the redirect URI's own query and adds code, state, success.
    assert!(
        callback.starts_with(&format!("{CALLBACK}&code=")),
        "{callback}"
    );
    let result = query_of(&callback);
    assert_eq!(result["state"], "7fe78733");
    assert_eq!(result["success"], "true");
    assert!(!result.contains_key("cancel"));

    // 5. The exchange answers seed 004's object.
    let (status, answer) = h
        .token_call(json!({ "grant_type": "authorization_code", "code": result["code"], "redirect_uri": CALLBACK }))
        .await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["expires_in"], 3600);
    assert_eq!(answer["token_type"], "Bearer");
    assert_eq!(
        answer["scope"],
        "accounts=ro balance=ro transactions=ro offline"
    );
    let access = answer["access_token"].as_str().unwrap().to_owned();
    let refresh = answer["refresh_token"].as_str().unwrap().to_owned();

    // 6. The data: the two shared accounts, their balances and transactions.
    let (status, accounts) = h.get("/rest/accounts", &access).await;
    assert_eq!(status, 200);
    let accounts = accounts["accounts"].as_array().unwrap();
    let types: Vec<&str> = accounts
        .iter()
        .map(|a| a["type"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["Giro account", "Credit card"]);
    let giro = &accounts[0];
    assert_eq!(giro["iban"], "DE89370400440532013000");
    assert_eq!(giro["bank_code"], "37040044");
    assert_eq!(giro["currency"], "EUR");
    assert!(
        accounts[1].get("iban").is_none(),
        "the credit card has no IBAN"
    );
    let (status, balance) = h
        .get("/rest/accounts/A998944684550000001.1/balance", &access)
        .await;
    assert_eq!(status, 200);
    assert_eq!(balance["balance"], giro["balance"]["balance"]);
    assert!(balance["balance"].is_number() && balance["balance_date"].is_string());
    let all = h.transactions(&access, "include_pending=true").await;
    assert!(all.len() > 100, "three months of history: {}", all.len());
    assert!(
        all.iter()
            .all(|tx| tx["account_id"] != "A998944684550000001.2"),
        "savings not shared"
    );

    // 7. Refresh rotation: a new pair, the old refresh token refused, the new one works.
    let (status, rotated) = h
        .token_call(json!({ "grant_type": "refresh_token", "refresh_token": refresh }))
        .await;
    assert_eq!(status, 200, "{rotated}");
    let new_refresh = rotated["refresh_token"].as_str().unwrap();
    assert_ne!(new_refresh, refresh);
    assert_ne!(rotated["access_token"].as_str().unwrap(), access);
    let (status, error) = h
        .token_call(json!({ "grant_type": "refresh_token", "refresh_token": refresh }))
        .await;
    assert_eq!(status, 400);
    assert_eq!(error["error"]["code"], 1000);
    assert_eq!(
        error["error"]["description"],
        "Invalid refresh token: already used."
    );
    let (status, _) = h
        .get("/rest/accounts", rotated["access_token"].as_str().unwrap())
        .await;
    assert_eq!(status, 200);
    let (status, _) = h
        .token_call(json!({ "grant_type": "refresh_token", "refresh_token": new_refresh }))
        .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn transactions_are_spelled_as_finx_spells_them_with_sepa_purposes_and_umlauts() {
    let h = finx_harness().await;
    let tokens = h.access("demobank").await;
    let all = h
        .transactions(&tokens.access_token, "include_pending=true")
        .await;
    let salary = all
        .iter()
        .find(|tx| tx["sepa_purpose_code"] == "SALA")
        .expect("a salary in three months");
    assert_eq!(salary["type"], "Salary or rent");
    assert_eq!(salary["booked"], true);
    assert!(salary["amount"].as_f64().unwrap() > 0.0);
    assert!(salary["purpose"].as_str().unwrap().starts_with("EREF+LOHN"));
    assert!(
        salary["purpose"]
            .as_str()
            .unwrap()
            .contains(" SVWZ+Gehalt ")
    );
    let booked_at = salary["booked_at"].as_str().unwrap();
    assert!(booked_at.ends_with("T00:00:00.000Z"), "{booked_at}");
    let debit = all
        .iter()
        .find(|tx| tx["booking_text"] == "Lastschrift" && tx["mandate_reference"].is_string())
        .expect("a direct debit");
    let purpose = debit["purpose"].as_str().unwrap();
    assert!(
        purpose.contains("MREF+") && purpose.contains("CRED+"),
        "{purpose}"
    );
    assert!(
        all.iter()
            .any(|tx| tx["booking_text"] == "Dauer-Euro-Überweisung")
    );
    assert!(
        all.iter()
            .any(|tx| tx["name"].as_str().unwrap().contains('ä'))
    );
    let pending = all
        .iter()
        .find(|tx| tx["booked"] == false)
        .expect("pending lines");
    assert!(pending["booked_at"].is_null() && pending["settled_at"].is_null());
    // Amounts are JSON numbers with two decimals at most.
    for tx in &all {
        let text = tx["amount"].to_string();
        let decimals = text.split('.').nth(1).map_or(0, str::len);
        assert!(tx["amount"].is_number() && decimals <= 2, "{text}");
    }
}

#[tokio::test]
async fn the_same_bank_and_login_give_the_same_data_set() {
    let h = finx_harness().await;
    let first = h.access("suedbank").await;
    let second = h.access("suedbank").await;
    let strip = |txs: Vec<serde_json::Value>| -> Vec<(String, String, String)> {
        txs.iter()
            .map(|tx| {
                (
                    tx["amount"].to_string(),
                    tx["name"].to_string(),
                    tx["purpose"].to_string(),
                )
            })
            .collect()
    };
    let a = strip(
        h.transactions(&first.access_token, "include_pending=true")
            .await,
    );
    let b = strip(
        h.transactions(&second.access_token, "include_pending=true")
            .await,
    );
    assert!(!a.is_empty());
    assert_eq!(a, b);
}

#[tokio::test]
async fn the_widget_speaks_english_when_asked_and_single_selection_offers_one_account() {
    let h = finx_harness().await;
    let token = h
        .link(json!({ "language": "en", "allow_multi_selection": false, "account_types": ["Giro account", "Savings account"] }))
        .await;
    let (_, html) = h.page(&token, "").await;
    assert!(html.contains("<html lang=\"en\">") && html.contains("Choose your bank"));
    h.through_login(&token, Some("demobank")).await;
    let (_, html) = h.page(&token, "").await;
    assert!(html.contains("Which account do you want to share?"));
    assert_eq!(
        html.matches("type=\"radio\"").count(),
        2,
        "only the requested types"
    );
    assert!(!html.contains("Kreditkarte"));
    // Two accounts where one is allowed: asked again.
    let again = h
        .post(
            &token,
            "accounts",
            &[
                ("account", "A998944684550000001.1"),
                ("account", "A998944684550000001.2"),
            ],
        )
        .await;
    assert!(again.starts_with("/finx/widget/"), "{again}");
    assert!(
        h.page(&token, "")
            .await
            .1
            .contains("Please choose an account.")
    );
    let callback = h
        .post(&token, "accounts", &[("account", "A998944684550000001.2")])
        .await;
    let tokens = h.exchange(&query_of(&callback)["code"]).await;
    let (_, accounts) = h.get("/rest/accounts", &tokens.access_token).await;
    assert_eq!(accounts["accounts"].as_array().unwrap().len(), 1);
    assert_eq!(accounts["accounts"][0]["type"], "Savings account");
}
