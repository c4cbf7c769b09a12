//! The Oxlin client against a hostile server (issue 9, "Unbounded"): an answer larger than
//! the body cap fails its call without being read whole, a server that ignores `page` cannot
//! keep the client paging, and a server that trickles bytes is cut at the call's deadline.

use crate::support::hostile_server::{Hostile, Reply};

use std::time::{Duration, Instant};

use coffre::oxlin::client::MAX_BODY_BYTES;
use coffre::oxlin::endpoints::{AccountFilter, TransactionFilter};
use coffre::oxlin::error::OxlinError;

fn transaction_page(ids: &[&str]) -> String {
    let rows: Vec<String> = ids
        .iter()
        .map(|id| format!(r#"{{"id":"{id}","account_id":"a1","amount":-1.5,"label":"x"}}"#))
        .collect();
    format!("[{}]", rows.join(","))
}

fn is_unreadable(error: &OxlinError, words: &str) -> bool {
    matches!(error, OxlinError::Malformed { reason, .. } if reason.contains(words))
}

#[tokio::test]
async fn an_endless_answer_fails_at_the_body_cap_without_being_read_whole() {
    let server = Hostile::start(|_| Reply::Endless { up_to: 256 << 20 }).await;
    let client = server.client(Duration::from_secs(30));
    let error = client
        .transactions_page(&TransactionFilter::default(), 1, 500)
        .await
        .unwrap_err();
    assert!(is_unreadable(&error, "larger than"), "{error}");
    tokio::time::sleep(Duration::from_millis(200)).await;
    let written = server.written();
    assert!(
        written < MAX_BODY_BYTES + (32 << 20),
        "the server wrote {written} bytes"
    );
    assert_eq!(
        server.requests(),
        1,
        "an oversized answer is not asked again"
    );
}

#[tokio::test]
async fn an_answer_announcing_more_than_the_cap_fails_before_its_body_is_read() {
    let server = Hostile::start(|_| Reply::Announced {
        length: 1_500_000_000,
        then: 1 << 20,
    })
    .await;
    let client = server.client(Duration::from_secs(30));
    let error = client
        .accounts(&AccountFilter::default())
        .await
        .unwrap_err();
    assert!(is_unreadable(&error, "larger than"), "{error}");
}

#[tokio::test]
async fn a_server_ignoring_page_cannot_keep_the_transaction_list_going() {
    let server = Hostile::start(|_| Reply::Json(transaction_page(&["t1", "t2"]))).await;
    let client = server.client(Duration::from_secs(30));
    let one_by_one = client
        .transactions(&TransactionFilter::default(), 2, 1)
        .await
        .unwrap_err();
    assert!(is_unreadable(&one_by_one, "already seen"), "{one_by_one}");
    assert_eq!(server.requests(), 2);
    let in_waves = client
        .transactions(&TransactionFilter::default(), 2, 4)
        .await
        .unwrap_err();
    assert!(is_unreadable(&in_waves, "already seen"), "{in_waves}");
    assert_eq!(server.requests(), 2 + 4);
}

#[tokio::test]
async fn a_server_ignoring_page_cannot_keep_the_account_list_going() {
    let accounts: Vec<String> = (0..500).map(|i| format!(r#"{{"id":"a{i}"}}"#)).collect();
    let page = format!("[{}]", accounts.join(","));
    let server = Hostile::start(move |_| Reply::Json(page.clone())).await;
    let client = server.client(Duration::from_secs(30));
    let error = client
        .accounts(&AccountFilter::default())
        .await
        .unwrap_err();
    assert!(is_unreadable(&error, "previous page again"), "{error}");
    assert_eq!(server.requests(), 2);
}

#[tokio::test]
async fn a_server_trickling_bytes_is_cut_at_the_call_deadline() {
    let server = Hostile::start(|_| Reply::Trickle {
        every: Duration::from_millis(100),
    })
    .await;
    let client = server.client(Duration::from_secs(1));
    assert_eq!(client.call_deadline(), Duration::from_secs(2));
    let started = Instant::now();
    let error = client
        .accounts(&AccountFilter::default())
        .await
        .unwrap_err();
    let took = started.elapsed();
    assert!(matches!(error, OxlinError::Network { .. }), "{error}");
    assert!(took < Duration::from_secs(4), "the call took {took:?}");
}
