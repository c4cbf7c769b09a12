//! `coffre sync` when the server fails, is slow or the bank's authorisation has expired:
//! a server that answers 5xx to everything (fault injection `errors=1.0`) gives exit 75 "try
//! again later", never 2, and leaves the store as the last good sync wrote it; a sync past its
//! deadline (`--deadline`, a slow sandbox) stops with 75 and stores nothing; a connection whose
//! REDIRECT authorisation expired is still fetched and stored, and its line (exit 2) says to
//! renew it.

use std::time::{Duration, Instant};

use crate::support::sync_bank::{
    bank_on, refresh_token, stored, sync, sync_command, sync_with, write_config,
};

use coffre::oxlin::secret::secret;
use coffre::sandbox::RunningSandbox;
use coffre::sync::session::{TokenOwner, save_token};

use coffre::sandbox::{SandboxConfig, start};
use coffre::store::{Store, TransactionQuery};

/// What a store holds, as text: transactions, accounts and sync states.
fn snapshot(store: &Store) -> String {
    format!(
        "{} transactions; {:?}; {:?}",
        store
            .transaction_count(&TransactionQuery::default())
            .unwrap(),
        store.accounts_by_connection().unwrap(),
        store.sync_states().unwrap()
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_server_says_try_again_later_and_keeps_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("world.json");
    let healthy = SandboxConfig {
        state_file: Some(state.clone()),
        ..SandboxConfig::default()
    };
    let email = "flaky@example.com";
    let bank = bank_on(healthy, email, &["default"]).await;
    let (code, output) = sync(&bank).await;
    assert_eq!(code, 0, "{output}");
    let before = snapshot(&stored(&bank));
    assert!(!before.starts_with("0 transactions"), "{before}");

    // The same world, now behind a server that fails every call.
    bank.sandbox.stop().await;
    let failing = SandboxConfig {
        state_file: Some(state),
        faults: "errors=1.0".parse().unwrap(),
        ..SandboxConfig::default()
    };
    let sandbox = start(failing.clone()).await.unwrap();
    write_config(bank.dir.path(), &sandbox, &failing, email);
    let out = sync_command(bank.dir.path(), &[]).output().await.unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(75), "{stderr}");
    let store = Store::open(&bank.dir.path().join("data/sandbox.sqlite")).unwrap();
    assert_eq!(snapshot(&store), before, "the store is unchanged");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_failing_the_saved_sessions_exchange_says_try_again_later_and_keeps_it() {
    let email = "resume-5xx@example.com";
    let bank = bank_on(SandboxConfig::default(), email, &["default"]).await;
    let (code, output) = sync(&bank).await;
    assert_eq!(code, 0, "{output}");
    let saved = refresh_token(&bank).expect("the first sync saves the session");

    // The server now fails every call, the resume exchange included (a 5xx). The sandbox keeps
    // no token over a restart, so the failing server is a second one, and the saved session is
    // handed to it as its own; the healthy one keeps the session alive for the end.
    let failing = SandboxConfig {
        faults: "errors=1.0".parse().unwrap(),
        ..SandboxConfig::default()
    };
    let down = start(failing.clone()).await.unwrap();
    let healthy_config = SandboxConfig::default();
    let point_at = |sandbox: &RunningSandbox, config: &SandboxConfig| {
        write_config(bank.dir.path(), sandbox, config, email);
        let owner = TokenOwner::new(&sandbox.base_url, &config.client_id, Some(email));
        save_token(&stored(&bank), &owner, &secret(saved.clone())).unwrap();
    };
    point_at(&down, &failing);
    let (code, output) = sync_with(&bank, None).await;
    assert_eq!(
        code, 75,
        "a failing server is not a login the user must fix: {output}"
    );
    assert!(output.contains("try again later"), "{output}");
    assert_eq!(
        refresh_token(&bank).as_ref(),
        Some(&saved),
        "the saved session is kept"
    );

    // The server answers again: the next run resumes the same session, with no password.
    point_at(&bank.sandbox, &healthy_config);
    let (code, output) = sync_with(&bank, None).await;
    assert_eq!(code, 0, "{output}");
    assert!(!output.contains("refused"), "{output}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_server_is_given_up_at_the_deadline_with_nothing_stored() {
    let slow = SandboxConfig {
        faults: "latency=700ms".parse().unwrap(),
        ..SandboxConfig::default()
    };
    let bank = bank_on(slow, "slow@example.com", &["default"]).await;
    let started = Instant::now();
    let out = sync_command(bank.dir.path(), &["--deadline", "1"])
        .output()
        .await
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(75), "{stderr}");
    assert!(stderr.contains("too slow"), "{stderr}");
    assert!(started.elapsed() < Duration::from_secs(20), "it waited");
    let store = stored(&bank);
    assert_eq!(
        store
            .transaction_count(&TransactionQuery::default())
            .unwrap(),
        0
    );
    assert!(store.accounts_by_connection().unwrap().is_empty());

    // Given the time, the same sync completes.
    let out = sync_command(bank.dir.path(), &[]).output().await.unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_bank_authorisation_still_syncs_what_the_aggregator_holds() {
    let bank = bank_on(
        SandboxConfig::default(),
        "expired@example.com",
        &["default"],
    )
    .await;
    // As the docs' example: a REDIRECT channel whose authorisation ended in 2022, still SUCCESS.
    let expired_on = 1_647_300_580; // 2022-03-14 23:29 UTC, 2022-03-15 in Paris
    {
        let mut world = bank.sandbox.state.world();
        let connection = world
            .bank
            .connections
            .values_mut()
            .find(|c| c.user_id == bank.user_id)
            .unwrap();
        let channel = &mut connection.channels[0];
        channel.mode = "REDIRECT".into();
        channel.status = "SUCCESS".into();
        channel.expires = Some(expired_on);
    }
    let (code, output) = sync(&bank).await;
    assert_eq!(code, 2, "{output}");
    assert!(output.contains(": synced"), "{output}");
    assert!(
        output.contains("authorisation expired on 2022-03-15"),
        "{output}"
    );
    let store = stored(&bank);
    assert!(
        store
            .transaction_count(&TransactionQuery::default())
            .unwrap()
            > 0
    );
    assert!(!store.accounts_by_connection().unwrap().is_empty());
}
