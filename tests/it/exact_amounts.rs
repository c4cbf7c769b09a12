//! Money read exactly (issue 9, "Money through f64"): an amount beyond `f64`'s precision goes
//! from the server's JSON to the store to the cent, and one amount no `Decimal` holds (`1e30`)
//! leaves out its own row only, never its page.

use crate::support::hostile_server::{Hostile, Reply};

use std::time::Duration;

use coffre::domain::ConnectionId;
use coffre::oxlin::endpoints::{AccountFilter, TransactionFilter};
use coffre::oxlin::to_domain;
use coffre::store::{ConnectionSync, Store, SyncBatch, TransactionQuery};

const PAGE: &str = r#"[
  {"id":"t1","account_id":"a1","amount":12345678901234567.89,"currency":"EUR","label":"big"},
  {"id":"t2","account_id":"a1","amount":1e30,"currency":"EUR","label":"impossible"},
  {"id":"t3","account_id":"a1","amount":-0.10,"currency":"EUR","label":"small"}
]"#;
const ACCOUNTS: &str = r#"[{"id":"a1","connection_id":"c1","balance":98765432109876543.21}]"#;

#[tokio::test]
async fn an_amount_beyond_f64_reaches_the_store_to_the_cent_and_1e30_loses_only_its_row() {
    let server = Hostile::start(|target| {
        Reply::Json(
            if target.contains("/accounts") {
                ACCOUNTS
            } else {
                PAGE
            }
            .into(),
        )
    })
    .await;
    let client = server.client(Duration::from_secs(30));
    let wire = client
        .transactions(&TransactionFilter::default(), 500, 1)
        .await
        .unwrap();
    let ids: Vec<&str> = wire.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["t1", "t3"]);
    let accounts = client.accounts(&AccountFilter::default()).await.unwrap();
    let account = to_domain::account(&accounts[0]);
    assert_eq!(
        account.balance.as_ref().unwrap().amount.to_string(),
        "98765432109876543.21"
    );

    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("coffre.sqlite")).unwrap();
    let mut connection =
        to_domain::connection(&serde_json::from_str(r#"{"id":"c1","name":"Bank"}"#).unwrap());
    connection.id = ConnectionId::oxlin("c1");
    let batch = SyncBatch {
        synced: vec![ConnectionSync {
            connection,
            accounts: vec![account],
            transactions: wire.iter().map(to_domain::transaction).collect(),
        }],
        skipped: Vec::new(),
    };
    store.apply(&batch, chrono::Utc::now()).unwrap();
    let mut stored: Vec<String> = store
        .transactions(&TransactionQuery::default())
        .unwrap()
        .iter()
        .map(|t| t.amount.amount.to_string())
        .collect();
    stored.sort();
    assert_eq!(stored, ["-0.10", "12345678901234567.89"]);
    let balance = store.accounts().unwrap()[0].balance().unwrap();
    assert_eq!(balance.to_string(), "98765432109876543.21");
}
