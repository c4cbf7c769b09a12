//! The sandbox's state file: a user who connected a bank, stopped the sandbox and started it
//! again logs in with the same password, finds the same transactions and syncs the same
//! connection; a corrupt file is kept aside as `.bad` and the sandbox starts empty.

use crate::support::oxlin_sandbox as support;

use std::collections::BTreeMap;
use std::path::Path;

use coffre::oxlin::client::Client;
use coffre::oxlin::endpoints::TransactionFilter;
use coffre::oxlin::secret::secret;
use coffre::oxlin::wire::{AccountStatus, ConsentDecision, SyncType};
use coffre::sandbox::{SandboxConfig, start};
use support::{PASSWORD, SCOPES, config_for, connect_test_bank, new_user, wait_for};

fn persistent(file: &Path) -> SandboxConfig {
    SandboxConfig {
        state_file: Some(file.to_owned()),
        ..SandboxConfig::default()
    }
}

/// Every transaction the user sees, by id, as debug text (so any change of a field shows).
async fn transactions(client: &Client) -> BTreeMap<String, String> {
    client
        .transactions(&TransactionFilter::default(), 500, 4)
        .await
        .unwrap()
        .into_iter()
        .map(|t| (t.id.clone(), format!("{t:?}")))
        .collect()
}

/// Connects the `default` test bank (dev / dev), consents every account and waits for the sync.
async fn connect_default_bank(client: &Client) -> String {
    let queue = client.subscribe(&["connections"]).await.unwrap();
    let connection = connect_test_bank(client, "default").await;
    wait_for(client, &queue, |e| {
        e.event_type.as_str() == "LIST_ACCOUNTS_SUCCESS"
    })
    .await;
    let consents: Vec<ConsentDecision> = client
        .accounts(&Default::default())
        .await
        .unwrap()
        .into_iter()
        .filter(|a| a.status == Some(AccountStatus::PendingConsent))
        .map(|a| ConsentDecision {
            account_id: a.id,
            consent: true,
        })
        .collect();
    client.consents(&connection, &consents).await.unwrap();
    wait_for(client, &queue, |e| {
        e.event_type.as_str() == "SYNC_ALL_SUCCESS"
    })
    .await;
    connection
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn state_survives_a_restart_and_the_same_user_syncs_the_same_connection_again() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sandbox-state.json");
    let config = persistent(&file);
    let email = "restart@example.com";

    let sandbox = start(config.clone()).await.unwrap();
    let client = new_user(config_for(&sandbox, &config), email).await;
    let connection = connect_default_bank(&client).await;
    let before = transactions(&client).await;
    assert!(!before.is_empty());
    sandbox.stop().await;
    let saved = std::fs::read_to_string(&file).expect("stop saves the state file");
    assert!(
        !saved.contains("\"dev\",\"password\""),
        "no test-bank password"
    );

    let sandbox = start(config.clone()).await.unwrap();
    let oxlin = config_for(&sandbox, &config);
    let client = Client::with_password(oxlin.clone(), email, secret(PASSWORD), SCOPES).unwrap();
    assert_eq!(
        transactions(&client).await,
        before,
        "GET /transactions unchanged"
    );
    let connections = client.connections().await.unwrap();
    assert_eq!(connections.len(), 1);
    assert_eq!(connections[0].id, connection);

    let queue = client.subscribe(&["connections"]).await.unwrap();
    client.sync(&connection, SyncType::All).await.unwrap();
    let end = wait_for(&client, &queue, |e| {
        ["SYNC_ALL_SUCCESS", "SYNC_ALL_FAILED"].contains(&e.event_type.as_str())
    })
    .await;
    assert_eq!(end.event_type.as_str(), "SYNC_ALL_SUCCESS", "{end:?}");
    let after = transactions(&client).await;
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>(),
        "the sync matches the reloaded transactions: none added twice"
    );

    let highest = before
        .keys()
        .chain([&connection])
        .map(|id| id.parse::<u64>().unwrap())
        .max();
    let admin = support::admin(oxlin);
    let newcomer = admin
        .create_user("newcomer@example.com", &secret("pw"))
        .await
        .unwrap();
    assert!(
        newcomer.parse::<u64>().unwrap() > highest.unwrap(),
        "ids never collide"
    );
    sandbox.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sandbox_that_loads_its_state_in_the_background_serves_the_restored_world() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sandbox-state.json");
    let config = persistent(&file);
    let email = "background@example.com";

    let sandbox = start(config.clone()).await.unwrap();
    let client = new_user(config_for(&sandbox, &config), email).await;
    connect_default_bank(&client).await;
    let before = transactions(&client).await;
    sandbox.stop().await;

    // The TUI's way: the port is bound at once, the file is read before the first answer.
    let sandbox = coffre::sandbox::start_loading_in_background(config.clone())
        .await
        .unwrap();
    let oxlin = config_for(&sandbox, &config);
    let client = Client::with_password(oxlin, email, secret(PASSWORD), SCOPES).unwrap();
    assert_eq!(transactions(&client).await, before);
    sandbox.stop().await;
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.contains(email), "the restored world is still on disk");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_corrupt_state_file_starts_empty_and_keeps_a_bad_copy() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sandbox-state.json");
    std::fs::write(&file, "{\"format\": 1, \"users\": [tru").unwrap();
    let config = persistent(&file);

    let sandbox = start(config.clone()).await.unwrap();
    let bad = dir.path().join("sandbox-state.json.bad");
    assert_eq!(
        std::fs::read_to_string(&bad).unwrap(),
        "{\"format\": 1, \"users\": [tru"
    );
    let client = new_user(config_for(&sandbox, &config), "fresh@example.com").await;
    assert!(client.connections().await.unwrap().is_empty());
    sandbox.stop().await;
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(
        saved.contains("fresh@example.com"),
        "a new, valid state file"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn polling_the_queue_and_reading_transactions_do_not_make_the_world_be_saved_again() {
    // No state file: no saver racing the test for the change flag.
    let config = SandboxConfig::default();
    let sandbox = start(config.clone()).await.unwrap();
    let client = new_user(config_for(&sandbox, &config), "poll@example.com").await;
    connect_default_bank(&client).await;
    let queue = client.subscribe(&["connections"]).await.unwrap();
    sandbox.state.take_changed();
    for _ in 0..5 {
        client.poll(&queue).await.unwrap();
    }
    assert!(!transactions(&client).await.is_empty());
    assert!(
        !sandbox.state.take_changed(),
        "a poll or a read marked the world changed: the saver would rewrite it every second"
    );
    sandbox.stop().await;
}
