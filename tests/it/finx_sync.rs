//! `coffre sync` with finX (issue 12), against the in-process sandbox over loopback: a German
//! bank linked through the finX widget (its code exchanged by the client, the refresh token
//! kept in the store's `finx_links`), synced past 1,000 transactions; the bank moves on
//! (`next_sync`: pending lines booked under new ids or dropped, new lines arrive) and the next
//! sync leaves every line once, none pending that the bank no longer lists; a refused refresh
//! token says to link the bank again, exits 2 and loses nothing; a configuration with only
//! `[finx]` syncs from the command line.

use std::collections::HashSet;

use coffre::sandbox::{SANDBOX_FINX_CLIENT_ID, SANDBOX_FINX_CLIENT_SECRET};
use coffre::store::Store;
use coffre::sync::finx::sync_links;
use coffre::sync::outcome::Outcome;
use coffre::sync::session::SessionStore::Auto;
use coffre::wording::actions::FINX_ACCESS_LOST;
use secrecy::ExposeSecret;

use crate::support::finx_link::{config, link, listed_ids, stored_lines};
use crate::support::finx_sandbox::finx_harness;

#[tokio::test]
async fn a_linked_finx_bank_syncs_whole_then_books_its_pending_lines_each_once() {
    let h = finx_harness().await;
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("sandbox.sqlite")).unwrap();
    let owner = link(&h, store.path(), "vielbuch").await;
    let linked_token = store.finx_refresh_token(&owner).unwrap().unwrap();

    let lines = sync_links(&config(&h), Auto, &mut store, chrono::Utc::now())
        .await
        .unwrap();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].synced && lines[0].problem.is_none(),
        "{}",
        lines[0]
    );
    let (first, pending) = stored_lines(store.path());
    assert!(first.len() > 2_000, "paged past 1,000: {}", first.len());
    assert_eq!(lines[0].new_transactions, first.len(), "{}", lines[0]);
    assert!(pending > 0, "the pending lines are stored");
    let rotated = store.finx_refresh_token(&owner).unwrap().unwrap();
    assert_ne!(
        rotated.expose_secret(),
        linked_token.expose_secret(),
        "the sync refreshed the access and kept the new token"
    );
    let link_row = &store.finx_links(&owner.api_url, &owner.client_id).unwrap()[0];
    let access = link_row
        .access_id
        .clone()
        .expect("the access id is recorded");
    assert!(link_row.access_ends.is_some());

    let report = h.sandbox.state.finx.lock().next_sync(&access).unwrap();
    assert!(report.booked > 0 && report.dropped > 0 && report.arrived > 0);
    let lines = sync_links(&config(&h), Auto, &mut store, chrono::Utc::now())
        .await
        .unwrap();
    assert!(lines[0].synced, "{}", lines[0]);
    assert_eq!(
        lines[0].new_transactions,
        report.booked + report.arrived,
        "{}",
        lines[0]
    );
    let (second, pending) = stored_lines(store.path());
    let stored: HashSet<String> = second.iter().cloned().collect();
    assert_eq!(stored.len(), second.len(), "a line stored twice");
    let listed = listed_ids(&h, &store, &owner).await;
    let differ: Vec<_> = stored.symmetric_difference(&listed).collect();
    assert!(
        differ.is_empty(),
        "the store holds exactly what the bank lists (booked lines once, no stale pending); \
         these differ: {differ:?}"
    );
    assert_eq!(pending, 2, "only the bank's new pending lines");
    assert_eq!(second.len(), first.len() + report.arrived - report.dropped);
}

#[tokio::test]
async fn a_refused_finx_refresh_token_says_link_again_and_keeps_the_stored_bank() {
    let h = finx_harness().await;
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("sandbox.sqlite")).unwrap();
    let owner = link(&h, store.path(), "demobank").await;
    let spent = store.finx_refresh_token(&owner).unwrap().unwrap();
    sync_links(&config(&h), Auto, &mut store, chrono::Utc::now())
        .await
        .unwrap();
    let (before, _) = stored_lines(store.path());
    assert!(!before.is_empty());
    // A restored backup, or a token another client spent: the server refuses it.
    store
        .keep_finx_token(&owner, &spent, chrono::Utc::now())
        .unwrap();

    let lines = sync_links(&config(&h), Auto, &mut store, chrono::Utc::now())
        .await
        .unwrap();
    assert!(!lines[0].synced);
    let printed = lines[0].to_string();
    assert!(printed.contains(FINX_ACCESS_LOST), "{printed}");
    assert!(!printed.contains(spent.expose_secret()), "{printed}");
    assert_eq!(Outcome::of_lines(&lines), Outcome::BankNeedsYou);
    assert_eq!(Outcome::BankNeedsYou.code(), 2);
    let (after, _) = stored_lines(store.path());
    assert_eq!(after, before, "nothing stored is lost");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn coffre_sync_with_only_a_finx_section_syncs_every_finx_link() {
    let h = finx_harness().await;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    {
        let store = Store::open(&data.join("sandbox.sqlite")).unwrap();
        link(&h, store.path(), "demobank").await;
    }
    let config_file = dir.path().join("config.toml");
    std::fs::write(
        &config_file,
        format!(
            "[finx]\napi_url = \"{}\"\nclient_id = \"{SANDBOX_FINX_CLIENT_ID}\"\nclient_secret = \"{SANDBOX_FINX_CLIENT_SECRET}\"\n",
            h.sandbox.finx_url()
        ),
    )
    .unwrap();
    std::fs::set_permissions(
        &config_file,
        std::os::unix::fs::PermissionsExt::from_mode(0o600),
    )
    .unwrap();
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_coffre"))
        .arg("sync")
        .arg("--config")
        .arg(&config_file)
        .arg("--data-dir")
        .arg(&data)
        .env("NO_COLOR", "1")
        .env_remove("COFFRE_SYNC_DEADLINE")
        .output()
        .await
        .unwrap();
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(0), "{printed}");
    assert_eq!(printed.lines().count(), 1, "{printed}");
    assert!(printed.contains("synced, "), "{printed}");
    assert!(!printed.contains(SANDBOX_FINX_CLIENT_SECRET), "{printed}");
}
