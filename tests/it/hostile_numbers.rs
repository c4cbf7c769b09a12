//! Numbers a hostile or broken server chooses (issue 9, "Panics on server-chosen numbers"):
//! epoch seconds at `i64::MAX`, at chrono's first and last instants and in the last hour of its
//! range go through `to_domain`, the connection's next action, the store write and the
//! dashboard's read and formatting without a panic. An instant chrono cannot hold is a missing
//! date; a Paris day past the end of the calendar is a missing day.

use chrono::{DateTime, Utc};
use coffre::domain::NextAction;
use coffre::oxlin::{to_domain, wire};
use coffre::store::window::{Anchor, TxQuery};
use coffre::store::{ConnectionSync, Store, SyncBatch, TransactionQuery, load_dashboard_summary};
use coffre::ui::format;
use proptest::prelude::*;
use serde_json::json;

/// The epoch seconds a server may send that sit at or beyond the edges of chrono's range.
fn edge_epochs() -> Vec<i64> {
    let max = DateTime::<Utc>::MAX_UTC.timestamp();
    let min = DateTime::<Utc>::MIN_UTC.timestamp();
    vec![
        i64::MAX,
        i64::MIN,
        max,
        max - 1,
        max - 1800,
        max - 3599,
        min,
        min + 1,
        max + 1,
        min - 1,
    ]
}

fn wire_transaction(epoch: i64) -> wire::Transaction {
    serde_json::from_value(json!({
        "id": "t1", "account_id": "a1", "amount": -12.3, "currency": "EUR", "label": "CB",
        "date": epoch, "value_date": epoch, "booking_date": epoch, "import_date": epoch,
        "transaction_date": epoch, "status": "BOOKED"
    }))
    .unwrap()
}

fn wire_account(epoch: i64) -> wire::Account {
    serde_json::from_value(json!({
        "id": "a1", "connection_id": "c1", "name": "Compte", "balance": 10.5,
        "balance_date": epoch, "creation_date": epoch, "currency": "EUR", "status": "ACTIVE"
    }))
    .unwrap()
}

fn wire_connection(epoch: i64) -> wire::Connection {
    serde_json::from_value(json!({
        "id": "c1", "name": "Bank", "status": "SUCCESS", "last_success_date": epoch,
        "channels": [{"channel_definition_id": "8701", "mode": "REDIRECT", "status": "SUCCESS",
                      "expires": epoch, "last_success_date": epoch}]
    }))
    .unwrap()
}

fn instant(epoch: i64) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(epoch, 0)
}

#[test]
fn a_date_at_the_edge_of_the_calendar_is_stored_and_shown_without_a_crash() {
    for epoch in edge_epochs() {
        let transaction = to_domain::transaction(&wire_transaction(epoch));
        let account = to_domain::account(&wire_account(epoch));
        let connection = to_domain::connection(&wire_connection(epoch));
        for now in [
            instant(epoch),
            Some(DateTime::<Utc>::MIN_UTC),
            Some(Utc::now()),
        ]
        .into_iter()
        .flatten()
        {
            let _ = connection.next_action(now, 0);
        }
        let _ = format::date(epoch, coffre::i18n::Lang::Fr);

        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("coffre.sqlite")).unwrap();
        let batch = SyncBatch {
            synced: vec![ConnectionSync {
                connection,
                accounts: vec![account],
                transactions: vec![transaction.clone()],
            }],
            skipped: Vec::new(),
        };
        let now = instant(epoch).unwrap_or(DateTime::<Utc>::MAX_UTC);
        store.apply(&batch, now).unwrap();
        let stored = store.transactions(&TransactionQuery::default()).unwrap();
        assert_eq!(stored.len(), 1, "epoch {epoch}");
        assert_eq!(stored[0].amount, transaction.amount);
        load_dashboard_summary(&store, now).unwrap();
        store
            .tx_window(&TxQuery::default(), &Anchor::First, 200)
            .unwrap();
    }
}

#[test]
fn a_date_in_the_last_hour_of_the_calendar_is_a_missing_day_not_a_crash() {
    let last = DateTime::<Utc>::MAX_UTC.timestamp();
    let t = to_domain::transaction(&wire_transaction(last));
    assert_eq!(
        t.date, None,
        "no Paris day exists after the calendar's last UTC hour"
    );
    assert_eq!(format::date(last, coffre::i18n::Lang::Fr), "?");
    assert!(t.imported_at.is_some());
}

#[test]
fn a_channel_expiring_at_the_end_of_time_asks_for_renewal_when_that_time_comes() {
    let last = DateTime::<Utc>::MAX_UTC;
    let connection = to_domain::connection(&wire_connection(last.timestamp()));
    assert!(matches!(
        connection.next_action(last, 0),
        NextAction::RenewBefore(_)
    ));
    assert_eq!(connection.next_action(Utc::now(), 0), NextAction::None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_epoch_seconds_go_through_to_domain_and_next_action(epoch in any::<i64>(), now in any::<i64>()) {
        let _ = to_domain::transaction(&wire_transaction(epoch));
        let _ = to_domain::account(&wire_account(epoch));
        let connection = to_domain::connection(&wire_connection(epoch));
        let now = instant(now).unwrap_or(DateTime::<Utc>::MAX_UTC);
        let _ = connection.next_action(now, 0);
        let _ = format::date(epoch, coffre::i18n::Lang::Fr);
    }

    #[test]
    fn epoch_seconds_near_the_calendar_edges_never_panic(
        back in 0i64..200_000, forward in 0i64..200_000, now_back in 0i64..200_000
    ) {
        let max = DateTime::<Utc>::MAX_UTC.timestamp();
        let min = DateTime::<Utc>::MIN_UTC.timestamp();
        for epoch in [max - back, min + forward] {
            let _ = to_domain::transaction(&wire_transaction(epoch));
            let connection = to_domain::connection(&wire_connection(epoch));
            let _ = connection.next_action(instant(max - now_back).unwrap(), 0);
            let _ = format::date(epoch, coffre::i18n::Lang::Fr);
        }
    }
}
