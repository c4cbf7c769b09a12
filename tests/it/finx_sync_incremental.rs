//! Incremental finX syncs, against the in-process sandbox over loopback: the first sync of a
//! German bank reads every line (pages of 1,000), the next one only the reconcile window
//! (`since`, two weeks and a day before the latest line stored) and every pending line, so it
//! reads far fewer pages; a pending line the bank booked between the two syncs (under a new
//! id, `POST /finx/sandbox/next_sync`) is stored booked, and its pending self is gone.

use coffre::store::Store;
use coffre::sync::finx::sync_links;
use coffre::sync::session::SessionStore::Auto;

use crate::support::finx_link::{config, link, listed_ids, stored_lines};
use crate::support::finx_sandbox::finx_harness;

#[tokio::test]
async fn a_second_finx_sync_reads_only_the_window_and_books_the_pending_lines() {
    let h = finx_harness().await;
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("sandbox.sqlite")).unwrap();
    let owner = link(&h, store.path(), "vielbuch").await;
    let pages_served = || h.sandbox.state.finx.lock().transaction_pages_served;

    let before = pages_served();
    let lines = sync_links(&config(&h), Auto, &mut store, chrono::Utc::now())
        .await
        .unwrap();
    assert!(lines[0].synced, "{}", lines[0]);
    let first_pages = pages_served() - before;
    let accounts = lines[0].accounts;
    let (first, pending_before) = stored_lines(store.path());
    assert!(first.len() > 2_000 && pending_before > 0, "{}", first.len());
    assert!(
        first_pages > accounts + 1,
        "the first read is whole: {first_pages} pages"
    );

    let access = store.finx_links(&owner.api_url, &owner.client_id).unwrap()[0]
        .access_id
        .clone()
        .unwrap();
    let moved = h.sandbox.state.finx.lock().next_sync(&access).unwrap();
    assert!(moved.booked > 0, "{moved:?}");

    let before = pages_served();
    let lines = sync_links(&config(&h), Auto, &mut store, chrono::Utc::now())
        .await
        .unwrap();
    assert!(lines[0].synced, "{}", lines[0]);
    let second_pages = pages_served() - before;
    assert_eq!(
        second_pages, accounts,
        "one short page per account (the first read took {first_pages})"
    );
    assert_eq!(lines[0].new_transactions, moved.booked + moved.arrived);

    let (second, pending_after) = stored_lines(store.path());
    let stored: std::collections::HashSet<String> = second.iter().cloned().collect();
    assert_eq!(stored.len(), second.len(), "a line stored twice");
    let listed = listed_ids(&h, &store, &owner).await;
    let differ: Vec<_> = stored.symmetric_difference(&listed).collect();
    assert!(
        differ.is_empty(),
        "the incremental read leaves exactly what the bank lists (the booked lines once, no \
         stale pending one); these differ: {differ:?}"
    );
    assert!(
        pending_after < pending_before + moved.arrived,
        "pending lines were booked"
    );
}
