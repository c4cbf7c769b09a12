//! EMBEDDED connection stories over loopback HTTP, with the test bank: the real `gpg` encrypts
//! the password to the key served by `GET /keys/{id}`, the queue tells what happens, the user
//! answers the SMS challenge and gives consent per account.

#[path = "sandbox_flows/user.rs"]
pub(crate) mod user;

use std::sync::Arc;
use std::time::{Duration, Instant};

use coffre::sandbox::SandboxConfig;
use serde_json::{Value, json};
use user::{DEADLINE, User};

fn challenge_ids(event: &Value, key: &str) -> Vec<String> {
    event[key]["challenge"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect()
}

const LIST_INPUT: &str = "LIST_ACCOUNTS_USER_INPUT_REQUESTED";
const LIST_INPUT_KEY: &str = "list_accounts_user_input_requested";

/// Answers the SMS offer with OK and checks the code form that follows.
async fn accept_sms_offer(user: &User, connection: &str) {
    let offer = user.wait_for(LIST_INPUT).await;
    assert_eq!(challenge_ids(&offer, LIST_INPUT_KEY), ["303", "304"]);
    let info = &offer[LIST_INPUT_KEY]["challenge"][0];
    assert_eq!(info["type"], "INFO_MSG");
    assert_eq!(info["params"]["phone"], "0606060606");
    assert_eq!(offer["resource"]["id"], connection);
    assert_eq!(offer["channel_definition_id"], "13400");
    assert_eq!(user.answer(connection, &[("304", "true")]).await, 204);
}

async fn consent_and_sync(user: &User, connection: &str, listed: &Value) -> Vec<String> {
    let pending: Vec<String> = listed["list_accounts_success"]["pending_consent"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(pending.len(), 3, "{listed}");
    let consents = json!({"consents": [
        {"account_id": pending[0], "consent": true},
        {"account_id": pending[1], "consent": true},
        {"account_id": pending[2], "consent": false}]});
    let path = format!("/connections/{connection}/consents");
    assert_eq!(user.send(reqwest::Method::PUT, &path, consents).await, 204);
    let synced = user.wait_for("SYNC_ALL_SUCCESS").await;
    assert_eq!(
        synced["sync_all_success"]["account_ids"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert!(
        synced["sync_all_success"]["new_transactions"]
            .as_u64()
            .unwrap()
            > 0
    );
    pending
}

#[tokio::test]
async fn sms_challenge_then_consent_with_one_account_refused_syncs_the_others() {
    let user = User::new(SandboxConfig::default()).await;
    let connection = user.connect("sms", "dev").await;
    accept_sms_offer(&user, &connection).await;
    let form = user.wait_for(LIST_INPUT).await;
    assert_eq!(
        challenge_ids(&form, LIST_INPUT_KEY),
        ["305", "306", "308", "307"]
    );
    assert_eq!(form[LIST_INPUT_KEY]["challenge"][1]["regexp"], "^[0-9]{6}$");
    assert_eq!(
        form[LIST_INPUT_KEY]["challenge"][2]["params"]["timeout"],
        "120"
    );
    let answer = [("306", "123456"), ("307", "true")];
    assert_eq!(user.answer(&connection, &answer).await, 204);
    let listed = user.wait_for("LIST_ACCOUNTS_SUCCESS").await;
    let accounts = user
        .get(&format!("/accounts?connection_id={connection}"))
        .await;
    assert!(
        accounts
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["status"] == "PENDING_CONSENT"),
        "{accounts}"
    );
    let pending = consent_and_sync(&user, &connection, &listed).await;

    let shown = user.get(&format!("/connections/{connection}")).await;
    assert_eq!(shown["status"], "SUCCESS");
    let channel = shown["channels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["channel_definition_id"] == "13400")
        .unwrap();
    assert_eq!(channel["status"], "SUCCESS");
    assert!(channel["last_success_date"].as_i64().is_some());
    assert_eq!(
        channel["credentials"][0],
        json!({"id": "300", "masked_value": "**v"})
    );
    assert!(!shown.to_string().contains("BEGIN PGP"));

    let accounts = user
        .get(&format!("/accounts?connection_id={connection}"))
        .await;
    let statuses: Vec<&str> = accounts
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["ACTIVE", "ACTIVE"]);
    let transactions = user
        .get(&format!("/transactions?account_id={}", pending[0]))
        .await;
    assert!(!transactions.as_array().unwrap().is_empty());
}

#[tokio::test]
async fn wrong_code_then_right_code_lists_the_accounts() {
    let user = User::new(SandboxConfig::default()).await;
    let connection = user.connect("sms", "dev").await;
    accept_sms_offer(&user, &connection).await;
    user.wait_for(LIST_INPUT).await;
    assert_eq!(
        user.answer(&connection, &[("306", "000000"), ("307", "true")])
            .await,
        204
    );
    let retry = user.wait_for(LIST_INPUT).await;
    assert_eq!(
        challenge_ids(&retry, LIST_INPUT_KEY),
        ["305", "309", "306", "308", "307"]
    );
    let error = &retry[LIST_INPUT_KEY]["challenge"][1];
    assert_eq!(error["type"], "ERROR_MSG");
    assert_eq!(error["params"]["remaining_attempts"], "2");
    assert_eq!(
        user.answer(&connection, &[("306", "123456"), ("307", "true")])
            .await,
        204
    );
    let listed = user.wait_for("LIST_ACCOUNTS_SUCCESS").await;
    assert_eq!(listed["resource"]["status"], "SUCCESS");
}

#[tokio::test]
async fn three_wrong_codes_end_in_too_many_attempts() {
    let user = User::new(SandboxConfig::default()).await;
    let connection = user.connect("sms", "dev").await;
    accept_sms_offer(&user, &connection).await;
    for _ in 0..3 {
        user.wait_for(LIST_INPUT).await;
        assert_eq!(user.answer(&connection, &[("306", "111111")]).await, 204);
    }
    let failed = user.wait_for("LIST_ACCOUNTS_FAILED").await;
    assert_eq!(
        failed["list_accounts_failed"]["status"],
        "TOO_MANY_ATTEMPTS"
    );
}

#[tokio::test]
async fn unanswered_challenge_times_out() {
    let config = SandboxConfig {
        challenge_timeout: Duration::from_secs(1),
        ..SandboxConfig::default()
    };
    let user = User::new(config).await;
    let connection = user.connect("sms", "dev").await;
    let offer = user.wait_for(LIST_INPUT).await;
    assert_eq!(challenge_ids(&offer, LIST_INPUT_KEY), ["303", "304"]);
    let failed = user.wait_for("LIST_ACCOUNTS_FAILED").await;
    assert_eq!(
        failed["list_accounts_failed"]["status"],
        "CHALLENGE_TIMED_OUT"
    );
    assert_eq!(failed["resource"]["status"], "FAILED");
    // Too late: nothing waits for an answer any more.
    assert_eq!(user.answer(&connection, &[("304", "true")]).await, 409);
}

#[tokio::test]
async fn cancelled_challenge_stops_the_sync() {
    let user = User::new(SandboxConfig::default()).await;
    let connection = user.connect("sms", "dev").await;
    user.wait_for(LIST_INPUT).await;
    assert_eq!(user.answer(&connection, &[("304", "false")]).await, 204);
    let failed = user.wait_for("LIST_ACCOUNTS_FAILED").await;
    assert_eq!(
        failed["list_accounts_failed"]["status"],
        "CHALLENGE_CANCELLED"
    );
    let shown = user.get(&format!("/connections/{connection}")).await;
    assert_eq!(shown["status"], "FAILED");
}

#[tokio::test]
async fn wrong_password_fails_auth_then_new_credentials_connect() {
    let user = User::new(SandboxConfig::default()).await;
    let connection = user.connect("sms", "not-the-password").await;
    let failed = user.wait_for("LIST_ACCOUNTS_FAILED").await;
    assert_eq!(failed["list_accounts_failed"]["status"], "AUTH_FAILED");
    let shown = user.get(&format!("/connections/{connection}")).await;
    assert_eq!(shown["status"], "FAILED");

    let (key_id, armored) = user.encrypted("dev").await;
    let body = json!({"id": "13400", "key_id": key_id, "credentials": [
        {"id": "300", "value": "dev"}, {"id": "301", "value": armored},
        {"id": "302", "value": "sanity"}]});
    let path = format!("/connections/{connection}/channels/13400");
    assert_eq!(user.send(reqwest::Method::PUT, &path, body).await, 204);
    let listed = user.wait_for("LIST_ACCOUNTS_SUCCESS").await;
    assert!(
        !listed["list_accounts_success"]["pending_consent"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn a_later_sync_lists_the_account_opened_since() {
    let user = User::new(SandboxConfig::default()).await;
    let connection = user.connect("new_accounts", "dev").await;
    let listed = user.wait_for("LIST_ACCOUNTS_SUCCESS").await;
    let first: Vec<Value> = listed["list_accounts_success"]["pending_consent"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(first.len(), 1);
    let consents = json!({"consents": [{"account_id": first[0], "consent": true}]});
    let path = format!("/connections/{connection}/consents");
    assert_eq!(user.send(reqwest::Method::PUT, &path, consents).await, 204);
    user.wait_for("SYNC_ALL_SUCCESS").await;

    let path = format!("/connections/{connection}/sync?type=ALL");
    assert_eq!(
        user.send(reqwest::Method::POST, &path, json!({})).await,
        204
    );
    let synced = user.wait_for("SYNC_ALL_SUCCESS").await;
    let pending = synced["sync_all_success"]["pending_consent"]
        .as_array()
        .unwrap();
    assert_eq!(pending.len(), 1, "{synced}");
    let account = user
        .get(&format!("/accounts/{}", pending[0].as_str().unwrap()))
        .await;
    assert_eq!(account["status"], "PENDING_CONSENT");
}

#[tokio::test]
async fn dropped_sandbox_ends_a_job_waiting_for_a_challenge() {
    let user = User::new(SandboxConfig::default()).await;
    user.connect("sms", "dev").await;
    user.wait_for(LIST_INPUT).await;
    let weak = Arc::downgrade(&user.h.sandbox.state);
    drop(user);
    let start = Instant::now();
    while weak.upgrade().is_some() {
        assert!(start.elapsed() < DEADLINE, "the sandbox is still alive");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn deleting_the_user_forgets_the_stored_password() {
    let user = User::new(SandboxConfig::default()).await;
    user.connect("default", "dev").await;
    user.wait_for("LIST_ACCOUNTS_SUCCESS").await;
    assert_eq!(user.h.sandbox.state.world().engine.credentials.len(), 1);
    assert_eq!(
        user.send(reqwest::Method::DELETE, "/users/me", json!({}))
            .await,
        204
    );
    // The next engine call of anyone forgets what belonged to the deleted connections.
    let other = user.h.new_user_token("next@example.com").await;
    let listed = user
        .h
        .http
        .get(user.h.api("/connections"))
        .bearer_auth(other)
        .send()
        .await;
    assert_eq!(listed.unwrap().status(), 200);
    assert!(user.h.sandbox.state.world().engine.credentials.is_empty());
}

#[tokio::test]
async fn a_sync_the_user_starts_asks_the_sms_again_as_sync_all_input() {
    let user = User::new(SandboxConfig::default()).await;
    // The file that asks at every sync (`sms` asks again only after 90 days).
    let connection = user.connect("sms_every_sync", "dev").await;
    accept_sms_offer(&user, &connection).await;
    user.wait_for(LIST_INPUT).await;
    assert_eq!(user.answer(&connection, &[("306", "123456")]).await, 204);
    let listed = user.wait_for("LIST_ACCOUNTS_SUCCESS").await;
    consent_and_sync(&user, &connection, &listed).await;

    let started = user
        .h
        .http
        .post(user.h.api("/connections/sync"))
        .bearer_auth(&user.token);
    let links: Value = started.send().await.unwrap().json().await.unwrap();
    assert_eq!(
        links,
        json!([{ "href": format!("/connections/{connection}") }])
    );
    let offer = user.wait_for("SYNC_ALL_USER_INPUT_REQUESTED").await;
    assert_eq!(
        challenge_ids(&offer, "sync_all_user_input_requested"),
        ["303", "304"]
    );
    let again = format!("/connections/{connection}/sync");
    assert_eq!(
        user.send(reqwest::Method::POST, &again, json!({})).await,
        409
    );
    assert_eq!(user.answer(&connection, &[("304", "false")]).await, 204);
    let failed = user.wait_for("SYNC_ALL_FAILED").await;
    assert_eq!(failed["sync_all_failed"]["status"], "CHALLENGE_CANCELLED");
    // The data synced before stays.
    let accounts = user
        .get(&format!("/accounts?connection_id={connection}"))
        .await;
    assert_eq!(accounts.as_array().unwrap().len(), 2);
}
