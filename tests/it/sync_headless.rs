//! `coffre sync` as cron runs it, against the in-process sandbox over loopback HTTP: the first
//! run stores every account and transaction, the second only what is new; a connection whose
//! credentials were refused is named, the exit code is 2 and the other connection is still
//! synced while the refused one keeps its data; `coffre export` then writes a journal hledger
//! reads. Secrets never reach the output.

use crate::support::sync_bank as support;
use crate::support::tools::tool;

use coffre::domain::NextAction;
use coffre::store::TransactionQuery;
use support::{bank_with_user, coffre, stored, sync};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_sync_stores_everything_and_the_second_only_what_is_new() {
    let bank = bank_with_user("cron@example.com", &["default"]).await;
    let (code, output) = sync(&bank).await;
    assert_eq!(code, 0, "{output}");
    assert_eq!(output.lines().count(), 1, "{output}");
    assert!(
        output.contains("Linxo Test Bank") && output.contains("synced"),
        "{output}"
    );
    let total = stored(&bank)
        .transaction_count(&TransactionQuery::default())
        .unwrap();
    assert!(total > 0);
    assert!(
        output.contains(&format!("{total} new transaction(s)")),
        "{output}"
    );
    assert!(!stored(&bank).accounts_by_connection().unwrap().is_empty());

    let (code, output) = sync(&bank).await;
    assert_eq!(code, 0, "{output}");
    assert!(output.contains(" 0 new transaction(s)"), "{output}");
    let again = stored(&bank)
        .transaction_count(&TransactionQuery::default())
        .unwrap();
    assert_eq!(again, total);

    let journal = bank.dir.path().join("export.journal");
    let config = bank.dir.path().join("config.toml");
    let out = coffre(
        bank.dir.path(),
        &[
            "export",
            "--format",
            "ledger",
            "--config",
            config.to_str().unwrap(),
            "--output",
            journal.to_str().unwrap(),
        ],
    )
    .await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let hledger = tool("hledger", "hledger")
        .args(["bal", "-f"])
        .arg(&journal)
        .output()
        .expect("hledger starts");
    assert!(
        hledger.status.success(),
        "{}",
        String::from_utf8_lossy(&hledger.stderr)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_credentials_are_named_and_the_other_bank_still_syncs() {
    let bank = bank_with_user("two-banks@example.com", &["default", "sanity"]).await;
    let (code, output) = sync(&bank).await;
    assert_eq!(code, 0, "{output}");
    let before = stored(&bank)
        .transaction_count(&TransactionQuery::default())
        .unwrap();

    // The bank refuses the second connection's password from now on.
    let refused = {
        let mut world = bank.sandbox.state.world();
        let mine: Vec<_> = world
            .bank
            .connections
            .values_mut()
            .filter(|c| c.user_id == bank.user_id)
            .collect();
        let last = mine.into_iter().last().unwrap();
        last.channels[0].status = "AUTH_FAILED".into();
        last.id.clone()
    };
    let (code, output) = sync(&bank).await;
    assert_eq!(code, 2, "{output}");
    let refused_line = output.lines().find(|l| l.contains(&refused)).unwrap();
    assert!(refused_line.contains("NOT synced"), "{output}");
    assert!(refused_line.contains("update the credentials"), "{output}");
    let other = output.lines().find(|l| !l.contains(&refused)).unwrap();
    assert!(other.contains(": synced"), "{output}");
    let after = stored(&bank)
        .transaction_count(&TransactionQuery::default())
        .unwrap();
    assert_eq!(after, before, "the refused bank keeps what it had");
    let states = stored(&bank).sync_states().unwrap();
    let state = states
        .iter()
        .find(|s| s.connection_id.raw() == refused)
        .unwrap();
    assert_eq!(state.outcome, Some(NextAction::UpdateCredentials));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_password_sync_says_how_to_give_one() {
    let bank = bank_with_user("nopass@example.com", &["default"]).await;
    let config = bank.dir.path().join("config.toml");
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_coffre"))
        .args(["sync", "--config", config.to_str().unwrap(), "--data-dir"])
        .arg(bank.dir.path().join("data"))
        .env_remove("COFFRE_OXLIN_PASSWORD")
        .output()
        .await
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("COFFRE_OXLIN_PASSWORD"), "{stderr}");
}
