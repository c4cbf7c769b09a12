//! Transactions: paging order, dates and amounts, filters, and what a second sync changes.

use reqwest::StatusCode;
use serde_json::Value;

use super::{READ, array, get, ids, sandbox, seeded};
use coffre::sandbox::testbank::load;

#[tokio::test]
async fn transactions_page_through_everything_in_the_documented_order() {
    let sandbox = sandbox().await;
    let me = seeded(&sandbox, "u1", "default", READ);
    let mut all = Vec::new();
    for page in 1.. {
        let path = format!("/transactions?limit=50&page={page}");
        let (status, body) = get(&sandbox, &me.access_token, &path).await;
        assert_eq!(status, StatusCode::OK);
        let items = array(&body).clone();
        let short = items.len() < 50;
        all.extend(items);
        if short {
            break;
        }
    }
    assert_eq!(all.len(), me.transactions);
    // import_date ascending, then id descending (ids are digit strings: compare as numbers)
    let keys: Vec<(i64, u64)> = all
        .iter()
        .map(|t| {
            let id = t["id"].as_str().and_then(|s| s.parse().ok()).unwrap_or(0);
            (t["import_date"].as_i64().unwrap_or(0), id)
        })
        .collect();
    assert!(
        keys.windows(2)
            .all(|w| w[0].0 < w[1].0 || (w[0].0 == w[1].0 && w[0].1 > w[1].1))
    );
    let (_, default_page) = get(&sandbox, &me.access_token, "/transactions").await;
    assert_eq!(array(&default_page).len(), 100);
}

#[tokio::test]
async fn transaction_dates_are_paris_midnight_and_amounts_signed_numbers() {
    let sandbox = sandbox().await;
    let me = seeded(&sandbox, "u1", "default", READ);
    // 02/01/26 VIR SEPA MAMIE ETRENNES +150.00, 2026-01-02 00:00 CET = 1767308400.
    let path = "/transactions?start_date=1767308400&end_date=1767308400&min_amount=100";
    let (_, body) = get(&sandbox, &me.access_token, path).await;
    let gift = array(&body)
        .iter()
        .find(|t| t["label"] == "VIR SEPA MAMIE ETRENNES")
        .unwrap_or_else(|| panic!("not found in {body}"));
    assert_eq!(gift["date"], 1767308400);
    assert_eq!(gift["amount"], 150);
    assert_eq!(gift["notes"], "Bonne annee !");
    assert_eq!(gift["status"], "BOOKED");
    assert_eq!(gift["origin"], "TRANSACTION");
    let id = gift["id"].as_str().unwrap_or_default();
    let (status, one) = get(&sandbox, &me.access_token, &format!("/transactions/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(&one, gift);
    let (_, debits) = get(&sandbox, &me.access_token, "/transactions?max_amount=-1000").await;
    assert!(!array(&debits).is_empty());
    assert!(
        array(&debits)
            .iter()
            .all(|t| t["amount"].as_f64() <= Some(-1000.0))
    );
}

#[tokio::test]
async fn transactions_filter_by_status_account_type_and_account() {
    let sandbox = sandbox().await;
    let me = seeded(&sandbox, "u1", "default", READ);
    let t = &me.access_token;
    let (_, pending) = get(
        &sandbox,
        t,
        "/transactions?included_statuses=PENDING&limit=500",
    )
    .await;
    assert!(!array(&pending).is_empty());
    assert!(
        array(&pending)
            .iter()
            .all(|t| t["status"] == "PENDING" && t["booking_date"].is_null())
    );
    let (_, booked) = get(
        &sandbox,
        t,
        "/transactions?excluded_statuses=PENDING&limit=500",
    )
    .await;
    assert!(array(&booked).iter().all(|t| t["status"] == "BOOKED"));
    let (_, cards) = get(
        &sandbox,
        t,
        "/transactions?account_type=CREDIT_CARD&limit=500",
    )
    .await;
    let (_, accounts) = get(&sandbox, t, "/accounts?type=CREDIT_CARD").await;
    let card = accounts[0]["id"].as_str().unwrap_or_default();
    assert!(!array(&cards).is_empty());
    assert!(array(&cards).iter().all(|t| t["account_id"] == card));
    let (_, by_account) = get(
        &sandbox,
        t,
        &format!("/transactions?account_id={card}&limit=500"),
    )
    .await;
    assert_eq!(ids(&by_account), ids(&cards));
}

#[tokio::test]
async fn a_second_sync_adds_the_new_account_and_books_the_pending_payment() {
    let sandbox = sandbox().await;
    let me = seeded(&sandbox, "u1", "new_accounts", READ);
    assert_eq!(
        me.account_ids.len(),
        1,
        "the savings account appears on sync 1"
    );
    let bank = load("new_accounts").unwrap_or_else(|e| panic!("{e}"));
    let (_, before) = get(&sandbox, &me.access_token, "/transactions").await;
    let pending: Vec<&Value> = array(&before)
        .iter()
        .filter(|t| t["status"] == "PENDING")
        .collect();
    assert_eq!(pending.len(), 1);
    let pending_id = pending[0]["id"].clone();
    let state = &sandbox.state;
    let (listed, again) = {
        let mut world = state.world();
        // The engine's second sync: list at sync number 1, count it, then sync the accounts.
        let listed = world.bank.list_accounts(
            state,
            &me.connection_id,
            "13400",
            &[],
            &bank,
            1,
            2_000_000_000,
        );
        if let Some(connection) = world.bank.connections.get_mut(&me.connection_id) {
            connection.sync_count += 1;
        }
        let again = world
            .bank
            .sync_account(state, &me.account_ids[0], &bank, 2_000_000_000);
        (listed, again)
    };
    assert_eq!(listed.len(), 1, "only the new account waits for consent");
    assert_eq!(again, 0, "a second sync adds nothing already there");
    let (_, accounts) = get(
        &sandbox,
        &me.access_token,
        "/accounts?status=PENDING_CONSENT",
    )
    .await;
    assert_eq!(ids(&accounts), listed);
    let (_, none) = get(
        &sandbox,
        &me.access_token,
        &format!("/transactions?account_id={}", listed[0]),
    )
    .await;
    assert!(array(&none).is_empty(), "no transactions before consent");
    let (_, after) = get(&sandbox, &me.access_token, "/transactions").await;
    assert_eq!(array(&after).len(), array(&before).len());
    let booked = array(&after).iter().find(|t| t["id"] == pending_id);
    assert_eq!(
        booked.map(|t| t["status"].clone()),
        Some(Value::from("BOOKED"))
    );
}
