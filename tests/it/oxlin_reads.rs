//! Reading through the client against the in-process sandbox: every provider across pages,
//! accounts filtered by type, and transactions filtered by account, dates and status, fetched
//! one page at a time or concurrently, and incrementally since the last import.

use crate::support::oxlin_sandbox as support;

use std::collections::{BTreeSet, HashSet};

use coffre::oxlin::client::Client;
use coffre::oxlin::endpoints::{AccountFilter, TransactionFilter};
use coffre::oxlin::wire::{AccountType, Transaction, TransactionStatus};
use coffre::sandbox::RunningSandbox;
use support::sandbox_and_user;

/// A user whose test-bank `default` connection is consented and synced.
async fn user_with_default_bank(email: &str) -> (RunningSandbox, Client) {
    let (sandbox, client) = sandbox_and_user(email).await;
    let me = client.me().await.unwrap();
    coffre::sandbox::testbank::seed(&sandbox.state, &me.id, "default", &["transactions_read"])
        .unwrap();
    (sandbox, client)
}

fn ids(transactions: &[Transaction]) -> BTreeSet<&str> {
    transactions.iter().map(|t| t.id.as_str()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_provider_is_listed_once_across_pages() {
    let (sandbox, client) = sandbox_and_user("ugo@example.com").await;
    let providers = client.providers().await.unwrap();
    let first_page = client.providers_page(1, 100).await.unwrap();
    assert_eq!(first_page.len(), 100);
    assert!(providers.len() > 100, "{}", providers.len());
    let unique: HashSet<&str> = providers.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(unique.len(), providers.len());
    let hsbc = client.provider("119").await.unwrap();
    assert!(
        providers
            .iter()
            .any(|p| p.id == "119" && p.name == hsbc.name)
    );
    sandbox.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accounts_filtered_by_type_are_of_that_type_only() {
    let (sandbox, client) = user_with_default_bank("vera@example.com").await;
    let all = client.accounts(&AccountFilter::default()).await.unwrap();
    let savings = AccountFilter {
        kind: Some(AccountType::Savings),
        ..AccountFilter::default()
    };
    let savings = client.accounts(&savings).await.unwrap();
    assert!(!savings.is_empty());
    assert!(savings.len() < all.len());
    assert!(savings.iter().all(|a| a.kind == Some(AccountType::Savings)));
    sandbox.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transactions_filtered_by_account_dates_and_status_match_the_filter() {
    let (sandbox, client) = user_with_default_bank("willy@example.com").await;
    let everything = TransactionFilter::default();
    let all = client.transactions(&everything, 100, 1).await.unwrap();
    let concurrent = client.transactions(&everything, 100, 4).await.unwrap();
    assert_eq!(ids(&all), ids(&concurrent));
    assert_eq!(all.len(), ids(&all).len(), "no transaction twice");

    let account_id = all[0].account_id.clone().unwrap();
    let by_account = TransactionFilter {
        account_id: Some(account_id.clone()),
        ..TransactionFilter::default()
    };
    let of_account = client.transactions(&by_account, 100, 2).await.unwrap();
    assert!(!of_account.is_empty() && of_account.len() < all.len());
    assert!(
        of_account
            .iter()
            .all(|t| t.account_id == Some(account_id.clone()))
    );

    let mut dates: Vec<i64> = all.iter().filter_map(|t| t.date).collect();
    dates.sort_unstable();
    let (start, end) = (dates[dates.len() / 4], dates[dates.len() / 2]);
    let window = TransactionFilter {
        start_date: Some(start),
        end_date: Some(end),
        ..TransactionFilter::default()
    };
    let in_window = client.transactions(&window, 100, 2).await.unwrap();
    assert!(!in_window.is_empty() && in_window.len() < all.len());
    assert!(
        in_window
            .iter()
            .all(|t| (start..=end).contains(&t.date.unwrap()))
    );

    let pending_only = TransactionFilter {
        included_statuses: vec!["PENDING".into()],
        ..TransactionFilter::default()
    };
    let pending = client.transactions(&pending_only, 100, 2).await.unwrap();
    assert!(!pending.is_empty() && pending.len() < all.len());
    assert!(
        pending
            .iter()
            .all(|t| t.status == Some(TransactionStatus::Pending))
    );
    sandbox.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_incremental_import_asks_only_for_what_came_since_the_last_import() {
    let (sandbox, client) = user_with_default_bank("xavier@example.com").await;
    let all = client
        .transactions(&TransactionFilter::default(), 500, 2)
        .await
        .unwrap();
    let last_import = all.iter().filter_map(|t| t.import_date).max().unwrap();
    let latest: BTreeSet<&str> = all
        .iter()
        .filter(|t| t.import_date == Some(last_import))
        .map(|t| t.id.as_str())
        .collect();
    let since = client.transactions_since(last_import).await.unwrap();
    assert_eq!(ids(&since), latest);
    let nothing_new = client.transactions_since(last_import + 1).await.unwrap();
    assert!(nothing_new.is_empty());
    sandbox.stop().await;
}
