//! A `coffre sync` killed (SIGKILL) while it writes a large first sync leaves a store that opens
//! and holds what it had committed: whole groups of pages (a multiple of the page size per
//! account), each line once; the next sync resumes and completes it, each line exactly once.

use coffre::oxlin::client::Client;
use coffre::oxlin::config::OxlinConfig;
use coffre::oxlin::secret::secret;
use coffre::sandbox::testbank::seed;
use coffre::sandbox::{SandboxConfig, start};
use coffre::store::{Store, TransactionQuery};

use crate::support::sync_bank::kill_while_writing;

const PASSWORD: &str = "correct horse battery";
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_killed_while_writing_leaves_the_previous_store() {
    let config = SandboxConfig::default();
    let sandbox = start(config.clone()).await.unwrap();
    let oxlin = OxlinConfig::with_hosts(
        &sandbox.base_url,
        &sandbox.api_url(),
        &sandbox.base_url,
        config.client_id.clone(),
        secret(config.client_secret.clone()),
    );
    let admin = Client::with_client_credentials(oxlin, "users_create").unwrap();
    let email = "killed@example.com";
    let user = admin.create_user(email, &secret(PASSWORD)).await.unwrap();
    let seeded = seed(&sandbox.state, &user, "large", &["accounts_read"]).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let toml = format!(
        "[oxlin]\nauth_url = \"{b}\"\napi_url = \"{a}\"\nclient_id = \"{i}\"\n\
         client_secret = \"{s}\"\nusername = \"{email}\"\n",
        b = sandbox.base_url,
        a = sandbox.api_url(),
        i = config.client_id,
        s = config.client_secret,
    );
    let config_file = dir.path().join("config.toml");
    std::fs::write(&config_file, toml).unwrap();
    let data = dir.path().join("data");
    let sync = || {
        let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_coffre"));
        command
            .arg("sync")
            .arg("--config")
            .arg(&config_file)
            .arg("--data-dir")
            .arg(&data)
            .env("COFFRE_OXLIN_PASSWORD", PASSWORD)
            .stdout(std::process::Stdio::null());
        command
    };

    // Kill the first sync once its write has spilled megabytes into the WAL.
    let mut child = sync().spawn().unwrap();
    kill_while_writing(&mut child, &data).await;

    let store = Store::open(&data.join("sandbox.sqlite")).unwrap();
    let count = store
        .transaction_count(&TransactionQuery::default())
        .unwrap();
    assert!(
        count <= seeded.transactions,
        "a killed sync left {count} of {} transactions",
        seeded.transactions
    );
    for account in store.accounts().unwrap() {
        let query = TransactionQuery {
            account_id: Some(account.id().clone()),
            ..TransactionQuery::default()
        };
        let held = store.transaction_count(&query).unwrap();
        let done = store.progress(account.id()).unwrap();
        // An unfinished read holds whole pages only (it resumes at its last one).
        if let Some(progress) = done {
            assert_eq!(held, progress.pages_done * 500, "whole pages only");
        }
    }
    drop(store);
    // The lock of the killed sync is stale and taken over.
    let status = sync().status().await.unwrap();
    assert!(status.success(), "{status}");
    let store = Store::open(&data.join("sandbox.sqlite")).unwrap();
    let count = store
        .transaction_count(&TransactionQuery::default())
        .unwrap();
    assert_eq!(count, seeded.transactions);
}
