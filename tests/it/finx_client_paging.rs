//! finX transactions come in pages of `count` from `offset` with no total (finx-api.md §9.5):
//! the client reads past 1,000 transactions with each one exactly once, stops at the short
//! page, cannot be kept paging by a server that ignores `offset`, and keeps a page whose one
//! amount no decimal holds.

use coffre::finx::Client;
use coffre::finx::client::{SinceType, TransactionFilter};
use coffre::finx::error::FinxError;
use coffre::oxlin::secret::secret;
use std::collections::HashSet;

use crate::support::finx_server::FinxServer;

async fn linked(server: &FinxServer) -> Client {
    Client::with_refresh_token(server.config(), secret(server.grant_refresh_token())).unwrap()
}

fn pages_asked(server: &FinxServer) -> Vec<String> {
    server
        .log()
        .into_iter()
        .filter(|l| l.starts_with("GET /rest/transactions"))
        .collect()
}

#[tokio::test]
async fn paging_past_one_thousand_reads_each_transaction_exactly_once() {
    let server = FinxServer::start(2_345).await;
    let client = linked(&server).await;
    let all = client
        .transactions(&TransactionFilter::default())
        .await
        .unwrap();
    assert_eq!(all.len(), 2_345);
    let ids: HashSet<&str> = all.iter().map(|t| t.transaction_id.as_str()).collect();
    assert_eq!(ids.len(), 2_345);
    let pages = pages_asked(&server);
    assert_eq!(pages.len(), 3, "{pages:#?}");
    for (page, offset) in pages.iter().zip([0, 1000, 2000]) {
        assert!(
            page.contains("count=1000") && page.contains(&format!("offset={offset} ")),
            "{page}"
        );
    }
}

#[tokio::test]
async fn a_total_that_is_a_multiple_of_the_page_ends_on_an_empty_page() {
    let server = FinxServer::start(2_000).await;
    let client = linked(&server).await;
    let all = client
        .transactions(&TransactionFilter::default())
        .await
        .unwrap();
    assert_eq!(all.len(), 2_000);
    assert_eq!(pages_asked(&server).len(), 3);
}

#[tokio::test]
async fn the_filter_is_sent_as_finx_names_it() {
    let server = FinxServer::start(1).await;
    let client = linked(&server).await;
    let filter = TransactionFilter {
        accounts: vec!["A1.1".into(), "A1.2".into()],
        since: Some("2024-01-01".into()),
        since_type: Some(SinceType::Created),
        until: Some("2024-03-31".into()),
        include_pending: Some(true),
    };
    client.transactions(&filter).await.unwrap();
    let page = &pages_asked(&server)[0];
    for part in [
        "accounts=A1.1%2CA1.2",
        "since=2024-01-01",
        "since_type=created",
        "until=2024-03-31",
        "include_pending=true",
    ] {
        assert!(page.contains(part), "{part} not in {page}");
    }
}

#[tokio::test]
async fn a_server_ignoring_offset_cannot_keep_the_list_going() {
    let server = FinxServer::start(1_500).await;
    server.world.lock().unwrap().ignore_offset = true;
    let client = linked(&server).await;
    let error = client
        .transactions(&TransactionFilter::default())
        .await
        .unwrap_err();
    assert!(
        matches!(&error, FinxError::Malformed { reason, .. } if reason.contains("already seen")),
        "{error}"
    );
    assert_eq!(pages_asked(&server).len(), 2);
}

#[tokio::test]
async fn one_unrepresentable_amount_leaves_out_its_transaction_only_and_others_stay_exact() {
    let server = FinxServer::start(3).await;
    let row = |id: &str, amount: &str| {
        format!(
            r#"{{"transaction_id":"{id}","account_id":"A1.1","amount":{amount},"booked":true}}"#
        )
    };
    server.world.lock().unwrap().raw_page = Some(format!(
        r#"{{"transactions":[{},{},{}]}}"#,
        row("T0", "-1.5"),
        row("T1", "1e30"),
        row("T2", "12345678901234567.89")
    ));
    let client = linked(&server).await;
    let all = client
        .transactions(&TransactionFilter::default())
        .await
        .unwrap();
    let ids: Vec<&str> = all.iter().map(|t| t.transaction_id.as_str()).collect();
    assert_eq!(ids, ["T0", "T2"]);
    assert_eq!(all[1].amount.to_string(), "12345678901234567.89");
}
