//! The sandbox's accounts and transactions over loopback HTTP, seeded straight from test-bank
//! files (the connection flow is tested elsewhere): filters, paging, scopes, other users' ids,
//! bad parameters, updates and deletes, and what a second sync changes.

use coffre::sandbox::testbank::{Seeded, load, seed};
use coffre::sandbox::{RunningSandbox, SandboxConfig, start};
use reqwest::StatusCode;
use serde_json::Value;

const READ: &[&str] = &["accounts_read", "transactions_read"];
const MANAGE: &[&str] = &["accounts_read", "transactions_read", "accounts_manage"];

async fn sandbox() -> RunningSandbox {
    let _ = rustls::crypto::ring::default_provider().install_default();
    match start(SandboxConfig::default()).await {
        Ok(sandbox) => sandbox,
        Err(e) => panic!("cannot start the sandbox: {e}"),
    }
}

fn seeded(sandbox: &RunningSandbox, user: &str, file: &str, scopes: &[&str]) -> Seeded {
    seed(&sandbox.state, user, file, scopes).unwrap_or_else(|e| panic!("{e}"))
}

/// GET `path` (relative to `/v2.1`) with `token`: the status and the JSON body.
async fn get(sandbox: &RunningSandbox, token: &str, path: &str) -> (StatusCode, Value) {
    let answer = reqwest::Client::new()
        .get(format!("{}{path}", sandbox.api_url()))
        .bearer_auth(token)
        .send()
        .await
        .unwrap_or_else(|e| panic!("GET {path}: {e}"));
    let status = answer.status();
    (status, answer.json().await.unwrap_or(Value::Null))
}

fn array(body: &Value) -> &Vec<Value> {
    body.as_array()
        .unwrap_or_else(|| panic!("not an array: {body}"))
}

fn ids(body: &Value) -> Vec<String> {
    array(body)
        .iter()
        .map(|v| v["id"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn default_bank_lists_every_account_in_the_documented_shape() {
    let sandbox = sandbox().await;
    let me = seeded(&sandbox, "u1", "", READ);
    let (status, body) = get(&sandbox, &me.access_token, "/accounts").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ids(&body), me.account_ids);
    let current = array(&body)
        .iter()
        .find(|a| a["name"] == "Compte Courant")
        .unwrap_or_else(|| panic!("no Compte Courant in {body}"));
    assert_eq!(current["balance"], serde_json::json!(2441.46));
    assert_eq!(current["type"], "CHECKINGS");
    assert_eq!(current["status"], "ACTIVE");
    assert_eq!(current["currency"], "EUR");
    assert_eq!(current["iban"], "FR7630006000011234567890189");
    assert_eq!(current["owner"]["name"], "Camille Durand");
    assert_eq!(current["connection_id"], me.connection_id.as_str());
    assert_eq!(current["last_channel_definition_id"], "13400");
    assert!(current["balance_date"].is_i64() && current["creation_date"].is_i64());
}

#[tokio::test]
async fn accounts_filter_by_type_status_text_and_sort_and_page() {
    let sandbox = sandbox().await;
    let me = seeded(&sandbox, "u1", "default", READ);
    let t = &me.access_token;
    let (_, savings) = get(&sandbox, t, "/accounts?type=SAVINGS").await;
    assert_eq!(array(&savings).len(), 2);
    assert!(array(&savings).iter().all(|a| a["type"] == "SAVINGS"));
    let (_, found) = get(&sandbox, t, "/accounts?q=livret").await;
    assert_eq!(array(&found).len(), 1);
    assert_eq!(found[0]["name"], "Livret A");
    let (_, closed) = get(&sandbox, t, "/accounts?status=CLOSED").await;
    assert!(array(&closed).is_empty());
    let (_, sorted) = get(&sandbox, t, "/accounts?sort=-name").await;
    let names: Vec<String> = array(&sorted)
        .iter()
        .map(|a| a["name"].as_str().unwrap_or_default().to_lowercase())
        .collect();
    let mut expected = names.clone();
    expected.sort_by(|a, b| b.cmp(a));
    assert_eq!(names, expected);
    let (_, first) = get(&sandbox, t, "/accounts?limit=3&page=1").await;
    let (_, third) = get(&sandbox, t, "/accounts?limit=3&page=3").await;
    assert_eq!(ids(&first), me.account_ids[..3]);
    assert_eq!(ids(&third), me.account_ids[6..]);
    let other = format!("/accounts?connection_id={}0", me.connection_id);
    assert!(array(&get(&sandbox, t, &other).await.1).is_empty());
}

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
async fn another_users_ids_answer_404() {
    let sandbox = sandbox().await;
    let me = seeded(&sandbox, "u1", "sanity", READ);
    let other = seeded(&sandbox, "u2", "sanity", READ);
    let account = &other.account_ids[0];
    let (_, theirs) = get(&sandbox, &other.access_token, "/transactions?limit=1").await;
    let tx = theirs[0]["id"].as_str().unwrap_or_default().to_owned();
    for path in [
        format!("/accounts/{account}"),
        format!("/transactions?account_id={account}"),
        format!("/transactions/{tx}"),
        "/accounts/999999999".to_owned(),
    ] {
        let (status, body) = get(&sandbox, &me.access_token, &path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(body["error"], "not_found", "{path}");
    }
    let (_, mine) = get(&sandbox, &me.access_token, "/accounts").await;
    assert_eq!(ids(&mine), me.account_ids);
}

#[tokio::test]
async fn bad_parameters_answer_400_naming_them() {
    let sandbox = sandbox().await;
    let me = seeded(&sandbox, "u1", "sanity", READ);
    for (path, name) in [
        ("/transactions?limit=501", "limit"),
        ("/transactions?limit=0", "limit"),
        ("/transactions?limit=ten", "limit"),
        ("/transactions?page=0", "page"),
        ("/transactions?start_date=yesterday", "start_date"),
        ("/transactions?min_amount=lots", "min_amount"),
        (
            "/transactions?included_statuses=BOOKED,LOST",
            "included_statuses",
        ),
        ("/transactions?account_type=PIGGY_BANK", "account_type"),
        ("/accounts?limit=1000", "limit"),
        ("/accounts?sort=balance", "sort"),
        ("/accounts?type=checkings", "type"),
    ] {
        let (status, body) = get(&sandbox, &me.access_token, path).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}");
        let text = body["error_description"].as_str().unwrap_or_default();
        assert!(text.contains(&format!("`{name}`")), "{path}: {body}");
    }
}

#[tokio::test]
async fn a_token_without_the_scope_is_refused() {
    let sandbox = sandbox().await;
    let me = seeded(&sandbox, "u1", "sanity", &["profile"]);
    let (status, body) = get(&sandbox, &me.access_token, "/transactions").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["error"], "insufficient_scope");
    let (status, _) = get(&sandbox, "not-a-token", "/accounts").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

/// PUT `/accounts/{id}` with `body` sent as curl's `-d` sends it (form content type).
async fn put(sandbox: &RunningSandbox, token: &str, id: &str, body: &str) -> StatusCode {
    reqwest::Client::new()
        .put(format!("{}/accounts/{id}", sandbox.api_url()))
        .bearer_auth(token)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.to_owned())
        .send()
        .await
        .map_or_else(|e| panic!("PUT: {e}"), |r| r.status())
}

#[tokio::test]
async fn closing_renaming_and_reopening_an_account() {
    let sandbox = sandbox().await;
    let me = seeded(&sandbox, "u1", "sanity", MANAGE);
    let reader = seeded(&sandbox, "u2", "sanity", READ);
    let id = &me.account_ids[0];
    let t = &me.access_token;
    let close = r#"{"status":"CLOSED","name":"Vieux compte"}"#;
    assert_eq!(put(&sandbox, t, id, close).await, StatusCode::NO_CONTENT);
    let (_, account) = get(&sandbox, t, &format!("/accounts/{id}")).await;
    assert_eq!(
        (account["status"].as_str(), account["name"].as_str()),
        (Some("CLOSED"), Some("Vieux compte"))
    );
    assert_eq!(
        put(&sandbox, t, id, r#"{"status":"ACTIVE"}"#).await,
        StatusCode::NO_CONTENT
    );
    let (_, account) = get(&sandbox, t, &format!("/accounts/{id}")).await;
    assert_eq!(account["status"], "ACTIVE");
    assert_eq!(
        put(&sandbox, t, id, "{not json").await,
        StatusCode::BAD_REQUEST
    );
    let wrong = r#"{"status":"DELETED"}"#;
    assert_eq!(
        put(&sandbox, t, id, wrong).await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let theirs = &reader.account_ids[0];
    assert_eq!(put(&sandbox, t, theirs, close).await, StatusCode::NOT_FOUND);
    assert_eq!(
        put(&sandbox, &reader.access_token, theirs, close).await,
        StatusCode::FORBIDDEN
    );
}

async fn delete(sandbox: &RunningSandbox, token: &str, id: &str) -> StatusCode {
    reqwest::Client::new()
        .delete(format!("{}/accounts/{id}", sandbox.api_url()))
        .bearer_auth(token)
        .send()
        .await
        .map_or_else(|e| panic!("DELETE: {e}"), |r| r.status())
}

#[tokio::test]
async fn deleting_the_last_account_deletes_the_connection() {
    let sandbox = sandbox().await;
    let me = seeded(&sandbox, "u1", "sanity", MANAGE);
    let [first, last] = &me.account_ids[..] else {
        panic!("sanity should hold two accounts: {:?}", me.account_ids);
    };
    assert_eq!(
        delete(&sandbox, &me.access_token, first).await,
        StatusCode::NO_CONTENT
    );
    let (status, _) = get(
        &sandbox,
        &me.access_token,
        &format!("/transactions?account_id={first}"),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        sandbox
            .state
            .world()
            .bank
            .connections
            .contains_key(&me.connection_id)
    );
    assert_eq!(
        delete(&sandbox, &me.access_token, last).await,
        StatusCode::NO_CONTENT
    );
    assert!(
        !sandbox
            .state
            .world()
            .bank
            .connections
            .contains_key(&me.connection_id)
    );
    assert!(array(&get(&sandbox, &me.access_token, "/transactions").await.1).is_empty());
    assert_eq!(
        delete(&sandbox, &me.access_token, last).await,
        StatusCode::NOT_FOUND
    );
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
        if let Some(connection) = world.bank.connections.get_mut(&me.connection_id) {
            connection.sync_count = 1;
        }
        let listed = world.bank.list_accounts(
            state,
            &me.connection_id,
            "13400",
            &[],
            &bank,
            1,
            2_000_000_000,
        );
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
