//! `coffre sync` over a flaky link (the sandbox's fault injection: 5xx, 429 and dropped
//! connections) of a bank of 10,000 transactions: each run keeps what it downloaded (whole pages,
//! `store::pages`), the next resumes, and a few runs converge on every transaction exactly once.

use std::collections::BTreeSet;
use std::str::FromStr;

use coffre::sandbox::testbank::{seed, seed_user};
use coffre::sandbox::{Faults, SandboxConfig, start};
use coffre::store::{Store, TransactionQuery};

use crate::support::sync_bank::write_config;

const PASSWORD: &str = "correct horse battery";
/// The runs allowed to converge. The faults are random (unseeded) and CI machines are loaded, so
/// the bound is generous: what the test holds to is that no run loses or doubles anything and
/// that the runs converge; the goal (3 runs for `large`) is measured by hand.
const RUNS: usize = 25;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeated_syncs_over_a_flaky_link_converge_on_every_transaction_once() {
    let config = SandboxConfig {
        faults: Faults::from_str("errors=0.4,429=0.15,retry-after=0,drop=0.05").unwrap(),
        ..SandboxConfig::default()
    };
    let sandbox = start(config.clone()).await.unwrap();
    let email = "flaky@example.com";
    let user = seed_user(&sandbox.state, email, PASSWORD).unwrap();
    let seeded = seed(&sandbox.state, &user, "medium", &["accounts_read"]).unwrap();
    let bank_ids: BTreeSet<String> = {
        let world = sandbox.state.world();
        let lists = seeded.account_ids.iter();
        lists
            .flat_map(|a| world.bank.transactions[a].iter().map(|t| t.id.clone()))
            .collect()
    };
    assert_eq!(bank_ids.len(), 10_000);
    let dir = tempfile::tempdir().unwrap();
    // The same config file as every `coffre sync` test (0600: it holds a client_secret).
    write_config(dir.path(), &sandbox, &config, email);
    let config_file = dir.path().join("config.toml");
    let data = dir.path().join("data");

    let mut counts = Vec::new();
    for _ in 0..RUNS {
        let status = tokio::process::Command::new(env!("CARGO_BIN_EXE_coffre"))
            .arg("sync")
            .arg("--config")
            .arg(&config_file)
            .arg("--data-dir")
            .arg(&data)
            .env("COFFRE_OXLIN_PASSWORD", PASSWORD)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .await
            .unwrap();
        let store = Store::open(&data.join("sandbox.sqlite")).unwrap();
        let count = store
            .transaction_count(&TransactionQuery::default())
            .unwrap();
        counts.push((status.code(), count));
        if status.success() {
            break;
        }
    }
    eprintln!("runs (exit code, transactions stored): {counts:?}");
    let (code, _) = counts.last().copied().unwrap();
    assert_eq!(code, Some(0), "no convergence in {RUNS} runs: {counts:?}");
    assert!(
        counts.windows(2).all(|w| w[0].1 <= w[1].1),
        "a run lost what an earlier one stored: {counts:?}"
    );
    let store = Store::open(&data.join("sandbox.sqlite")).unwrap();
    let stored = store.transactions(&TransactionQuery::default()).unwrap();
    let ids: Vec<String> = stored.iter().map(|t| t.id.raw().to_owned()).collect();
    let unique: BTreeSet<String> = ids.iter().cloned().collect();
    assert_eq!(ids.len(), unique.len(), "a transaction stored twice");
    assert_eq!(
        unique, bank_ids,
        "every transaction of the bank, and only those"
    );
}

/// How many transactions of `account` (its store key) the store holds.
fn stored_lines(store: &std::path::Path, account: &str) -> i64 {
    let db = rusqlite::Connection::open(store).unwrap();
    db.query_row(
        "SELECT COUNT(*) FROM transactions WHERE account_id = ?1",
        [account],
        |r| r.get(0),
    )
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_spread_over_runs_does_not_read_again_an_account_an_earlier_run_finished() {
    let bank = crate::support::sync_bank::bank_with_user("spread@example.com", &["default"]).await;
    let (code, output) = crate::support::sync_bank::sync(&bank).await;
    assert_eq!(code, 0, "{output}");
    let store = bank.dir.path().join("data/sandbox.sqlite");
    // The state a failed run leaves in a sync of several runs: the first account's read finished
    // after the last complete sync, the next account's read not begun (no progress row: the run
    // failed before its first page was written). The first account's lines are taken away, as
    // a probe: reading it again would bring them back.
    let db = rusqlite::Connection::open(&store).unwrap();
    // The store's delete trigger calls coffre's SQL function (schema 14).
    coffre::store::schema::register_functions(&db).unwrap();
    let (first, last_success): (String, i64) = db
        .query_row(
            "SELECT t.account_id, s.last_success FROM transactions t, sync_state s
             ORDER BY t.account_id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    db.execute("DELETE FROM sync_progress", []).unwrap();
    db.execute(
        "INSERT INTO sync_progress VALUES (?1, NULL, 1, ?2, ?2)",
        rusqlite::params![first, last_success + 1],
    )
    .unwrap();
    db.execute("DELETE FROM transactions WHERE account_id = ?1", [&first])
        .unwrap();
    drop(db);
    // Store times are in seconds: the completing run starts after the marked read finished.
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;

    let (code, output) = crate::support::sync_bank::sync(&bank).await;
    assert_eq!(code, 0, "{output}");
    assert_eq!(
        stored_lines(&store, &first),
        0,
        "the run that completes the sync read the finished account again"
    );
    // The sync is complete: the next one reads every account again.
    let (code, output) = crate::support::sync_bank::sync(&bank).await;
    assert_eq!(code, 0, "{output}");
    assert!(stored_lines(&store, &first) > 0, "{output}");
}
