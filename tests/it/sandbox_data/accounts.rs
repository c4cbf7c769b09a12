//! Accounts: listing, filters, paging, other users, scopes, bad parameters, updates, deletes.

use reqwest::StatusCode;

use super::{MANAGE, READ, array, get, ids, sandbox, seeded};
use coffre::sandbox::RunningSandbox;

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
