//! Strong customer authentication in the sandbox, as PSD2 banks do it: the `sms` bank asks for
//! its code on the first sync, then not again for 90 days (`COFFRE_CHALLENGE_EVERY`, default
//! `90d`); the `sms_every_sync` file asks at every sync the user starts.
//!
//! The challenge timeout is short (3 s), so a challenge asked when none is due ends the sync in
//! `CHALLENGE_TIMED_OUT` and the wait for its success fails fast, naming the events it saw.

use std::time::Duration;

use crate::sandbox_flows::user::User;
use coffre::sandbox::SandboxConfig;
use serde_json::{Value, json};

fn config() -> SandboxConfig {
    SandboxConfig {
        challenge_timeout: Duration::from_secs(3),
        ..SandboxConfig::default()
    }
}

/// Connects to `file`, answers the SMS offer and the right code, shares every account and waits
/// for the first sync's end.
async fn connected_after_one_right_code(user: &User, file: &str) -> String {
    let connection = user.connect(file, "dev").await;
    user.wait_for("LIST_ACCOUNTS_USER_INPUT_REQUESTED").await;
    assert_eq!(user.answer(&connection, &[("304", "true")]).await, 204);
    user.wait_for("LIST_ACCOUNTS_USER_INPUT_REQUESTED").await;
    assert_eq!(user.answer(&connection, &[("306", "123456")]).await, 204);
    let listed = user.wait_for("LIST_ACCOUNTS_SUCCESS").await;
    let consents: Vec<Value> = listed["list_accounts_success"]["pending_consent"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| json!({"account_id": id, "consent": true}))
        .collect();
    let path = format!("/connections/{connection}/consents");
    let body = json!({ "consents": consents });
    assert_eq!(user.send(reqwest::Method::PUT, &path, body).await, 204);
    user.wait_for("SYNC_ALL_SUCCESS").await;
    connection
}

async fn sync_again(user: &User, connection: &str) {
    let path = format!("/connections/{connection}/sync");
    assert_eq!(
        user.send(reqwest::Method::POST, &path, json!({})).await,
        204
    );
}

#[tokio::test]
async fn after_one_right_code_the_next_sync_of_the_sms_bank_asks_nothing() {
    let user = User::new(config()).await;
    let connection = connected_after_one_right_code(&user, "sms").await;
    sync_again(&user, &connection).await;
    let synced = user.wait_for("SYNC_ALL_SUCCESS").await;
    assert_eq!(synced["resource"]["id"], connection.as_str());
}

#[tokio::test]
async fn the_sms_bank_asks_again_once_its_last_code_is_90_days_old() {
    let user = User::new(config()).await;
    let connection = connected_after_one_right_code(&user, "sms").await;
    {
        let mut world = user.h.sandbox.state.world();
        let record = world.bank.connections.get_mut(&connection).unwrap();
        let embedded = record
            .channels
            .iter_mut()
            .find(|c| c.channel_definition_id == "13400")
            .unwrap();
        let at = embedded.strong_auth_at.expect("the right code is kept");
        embedded.strong_auth_at = Some(at - 90 * 86_400);
    }
    sync_again(&user, &connection).await;
    let asked = user.wait_for("SYNC_ALL_USER_INPUT_REQUESTED").await;
    assert_eq!(asked["resource"]["id"], connection.as_str());
}

#[tokio::test]
async fn a_file_that_asks_at_every_sync_asks_again_at_once() {
    let user = User::new(config()).await;
    let connection = connected_after_one_right_code(&user, "sms_every_sync").await;
    sync_again(&user, &connection).await;
    let asked = user.wait_for("SYNC_ALL_USER_INPUT_REQUESTED").await;
    assert_eq!(asked["resource"]["id"], connection.as_str());
}
