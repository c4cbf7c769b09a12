//! The finX client against the built-in sandbox over loopback (issue 12): the widget link made
//! by the client, the widget passed as a browser without JavaScript does, the callback read and
//! its `state` checked, the code exchanged, and a German bank's accounts and every transaction
//! read past 1,000 and mapped into the dashboard's domain; then a refresh rotates the token.

use std::collections::HashSet;

use coffre::domain::{Aggregator, Booking};
use coffre::finx::client::TransactionFilter;
use coffre::finx::wire::Callback;
use coffre::finx::{Client, FinxConfig, FinxError, to_domain};
use coffre::oxlin::secret::secret;
use coffre::sandbox::{SANDBOX_FINX_CLIENT_ID, SANDBOX_FINX_CLIENT_SECRET};
use secrecy::ExposeSecret;

use crate::support::finx_sandbox::{CALLBACK, FinxHarness, finx_harness, query_of};

fn client(h: &FinxHarness) -> Client {
    let config = FinxConfig::new(
        &h.sandbox.finx_url(),
        SANDBOX_FINX_CLIENT_ID,
        secret(SANDBOX_FINX_CLIENT_SECRET),
    );
    Client::new(config).unwrap()
}

/// The widget link made by `client`, passed with the test login for `bank`, every account
/// shared: the callback.
async fn link(h: &FinxHarness, client: &Client, bank: &str) -> Callback {
    let link = client
        .create_access(CALLBACK, "S-4711", Some("de"), None, Some(90))
        .await
        .unwrap();
    let token = query_of(&link.location)["token"].clone();
    let address = h.through_widget(&token, bank).await;
    let url = url::Url::parse(&address).unwrap();
    Callback::from_query(url.query().unwrap_or(""))
}

#[tokio::test]
async fn a_german_bank_is_linked_and_read_whole_through_the_sandbox() {
    let h = finx_harness().await;
    let client = client(&h);
    let callback = link(&h, &client, "vielbuch").await;
    assert_eq!(callback.state.as_deref(), Some("S-4711"));
    assert!(callback.success && !callback.cancel);
    client
        .exchange_code(callback.code.unwrap(), CALLBACK)
        .await
        .unwrap();

    let accounts = client.accounts().await.unwrap();
    assert!(!accounts.is_empty());
    let balance = client.balance(&accounts[0].account_id).await.unwrap();
    assert_eq!(
        balance.balance,
        accounts[0].balance.as_ref().unwrap().balance
    );
    let connections = to_domain::connections(&accounts, client.refreshed_at().await);
    assert_eq!(connections.len(), 1, "one access, one connection");
    assert!(connections[0].channels[0].expires.is_some());

    // Pending lines come only when asked for (the sandbox follows the SDK's `include_pending`).
    let filter = TransactionFilter {
        include_pending: Some(true),
        ..TransactionFilter::default()
    };
    let all = client.transactions(&filter).await.unwrap();
    assert!(all.len() > 2_000, "only {} transactions", all.len());
    let ids: HashSet<&str> = all.iter().map(|t| t.transaction_id.as_str()).collect();
    assert_eq!(ids.len(), all.len(), "a transaction read twice");
    let shown: Vec<_> = all.iter().map(to_domain::transaction).collect();
    assert!(shown.iter().all(|t| t.id.aggregator() == Aggregator::Finx));
    assert!(
        shown.iter().all(|t| !t.label.is_empty()),
        "a transaction without label"
    );
    assert!(
        shown.iter().any(|t| t.booking == Booking::Pending),
        "no pending line"
    );
    assert!(
        shown.iter().all(|t| !t.label.contains("SVWZ+")),
        "a raw SEPA purpose as label"
    );

    let before = client.refresh_token().await.unwrap();
    client.refresh().await.unwrap();
    let after = client.refresh_token().await.unwrap();
    assert_ne!(
        before.expose_secret(),
        after.expose_secret(),
        "the refresh token rotates"
    );
    assert_eq!(client.accounts().await.unwrap().len(), accounts.len());
}

#[tokio::test]
async fn a_code_used_twice_and_a_spent_refresh_token_say_link_again() {
    let h = finx_harness().await;
    let client = client(&h);
    let callback = link(&h, &client, "demobank").await;
    let code = callback.code.unwrap();
    client.exchange_code(code.clone(), CALLBACK).await.unwrap();
    let again = client.exchange_code(code, CALLBACK).await.unwrap_err();
    assert!(matches!(again, FinxError::AccessLost(_)), "{again}");

    let spent = client.refresh_token().await.unwrap();
    client.refresh().await.unwrap();
    let stale = Client::with_refresh_token(client.config().clone(), spent).unwrap();
    let lost = stale.accounts().await.unwrap_err();
    assert!(matches!(lost, FinxError::AccessLost(_)), "{lost}");
}
