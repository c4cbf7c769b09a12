//! A store written by the previous coffre (schema 3: English sentences for next actions and
//! sync outcomes, upper-case statuses, bare Oxlin ids) opens with this one and reads back as
//! codes and `oxlin:` id keys, its amounts found by the search (schema 9 indexes them).

use coffre::domain::{
    AccountId, AccountKind, AccountState, Booking, ConnectionId, ConnectionState, NextAction,
    TransactionId,
};
use coffre::store::window::{Anchor, TxQuery};
use coffre::store::{Store, TransactionQuery, schema};
use rusqlite::Connection;

use crate::support::store_sample::day;

/// A schema-3 store at `path` holding what the previous coffre wrote.
fn previous_store(path: &std::path::Path) {
    let conn = Connection::open(path).unwrap();
    for sql in &schema::MIGRATIONS[..3] {
        conn.execute_batch(sql).unwrap();
    }
    conn.pragma_update(None, "user_version", 3).unwrap();
    conn.execute_batch(
        "INSERT INTO connections VALUES
           ('c1', '87', 'Linxo Test Bank', 'OK', 'renew the authorisation before 2024-03-15',
            1700000000, 1700000100),
           ('c2', '88', 'HSBC', 'FAILED', 'update the credentials (the bank refused them)',
            NULL, 1700000100),
           ('c3', NULL, 'Old Bank', 'CLOSED', 'log in at the bank''s website and do what it asks',
            NULL, 1700000100),
           ('c4', NULL, 'New Bank', 'MIGRATING', 'none', NULL, 1700000100);
         INSERT INTO accounts VALUES
           ('a1', 'c1', 'Compte courant', 'CHECKING', 'ACTIVE', NULL, '1234.56', 'EUR',
            1700000000, NULL, 1700000100),
           ('a2', 'c1', 'Carte', 'CREDIT_CARD', 'PENDING_CONSENT', NULL, NULL, NULL, NULL, NULL,
            1700000100),
           ('a3', 'c2', 'PEA', 'PEA', 'CLOSED', NULL, '10.00', 'EUR', NULL, NULL, 1700000100);
         INSERT INTO transactions (id, account_id, amount, currency, date, booking, label,
           first_seen, updated_at) VALUES
           ('t1', 'a1', '-12.30', 'EUR', '2024-01-05', 'BOOKED', 'CARTE BOULANGERIE', 1, 1),
           ('t2', 'a1', '-79.99', 'EUR', '2024-01-09', 'PENDING', 'PRLV SEPA EDF', 1, 1),
           ('t3', 'a1', '-5.00', 'EUR', '2024-01-10', 'REJECTED', 'CB REFUSEE', 1, 1);
         INSERT INTO booking_changes VALUES ('t1', 'PENDING', 'BOOKED', 1700000050);
         INSERT INTO sync_state VALUES
           ('c1', 1700000100, 1700000100, 'ok'),
           ('c2', 1700000100, NULL, 'update the credentials (the bank refused them)'),
           ('c3', 1700000100, NULL, 'sync again later (network: connection refused)'),
           ('c4', 1700000100, NULL, 'answer the bank''s challenge');",
    )
    .unwrap();
}

#[test]
fn a_store_of_the_previous_version_reads_back_as_codes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coffre.sqlite");
    previous_store(&path);

    let store = Store::open(&path).unwrap();
    assert_eq!(
        schema::version(&Connection::open(&path).unwrap()).unwrap(),
        schema::VERSION
    );

    let connections = store.connections().unwrap();
    let by_id = |id: &str| {
        let id = ConnectionId::oxlin(id);
        connections.iter().find(|c| *c.id() == id).unwrap()
    };
    assert_eq!(
        by_id("c1").next_action,
        NextAction::RenewBefore(day("2024-03-15"))
    );
    assert_eq!(by_id("c1").connection.state, ConnectionState::Ok);
    assert_eq!(by_id("c1").accounts_pending_consent, 1);
    assert_eq!(by_id("c2").next_action, NextAction::UpdateCredentials);
    assert_eq!(by_id("c2").connection.state, ConnectionState::Failed);
    assert_eq!(by_id("c3").next_action, NextAction::ActAtBank);
    assert!(by_id("c3").is_closed());
    assert_eq!(by_id("c4").next_action, NextAction::None);
    assert_eq!(
        by_id("c4").connection.state,
        ConnectionState::Other("MIGRATING".into())
    );

    let accounts = store.accounts().unwrap();
    let summary = |id: &str| {
        let id = AccountId::oxlin(id);
        accounts.iter().find(|a| *a.id() == id).unwrap()
    };
    let account = |id: &str| &summary(id).account;
    assert_eq!(account("a1").kind, AccountKind::Checking);
    assert_eq!(account("a1").state, AccountState::Active);
    assert_eq!(account("a2").kind, AccountKind::CreditCard);
    assert_eq!(account("a2").state, AccountState::PendingConsent);
    assert_eq!(account("a3").kind, AccountKind::Other("PEA".into()));
    assert!(summary("a3").archived());
    assert_eq!(
        account("a1").connection_id.as_ref().map(|c| c.key()),
        Some("oxlin:c1")
    );

    let bookings: Vec<(String, Booking)> = store
        .transactions(&TransactionQuery {
            oldest_first: true,
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .map(|t| (format!("{}@{}", t.id.key(), t.account_id.key()), t.booking))
        .collect();
    assert_eq!(
        bookings,
        [
            ("oxlin:t1@oxlin:a1".to_string(), Booking::Booked),
            ("oxlin:t2@oxlin:a1".to_string(), Booking::Pending),
            (
                "oxlin:t3@oxlin:a1".to_string(),
                Booking::Other("REJECTED".into())
            ),
        ]
    );
    assert_eq!(
        store.booking_changes(&TransactionId::oxlin("t1")).unwrap(),
        [(Booking::Pending, Booking::Booked, 1_700_000_050)]
    );
    // The text index still finds the lines (the migration left its triggers alone).
    let found = store
        .transactions(&TransactionQuery {
            search: Some("boulangerie".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found.len(), 1);

    let outcomes: Vec<_> = store
        .sync_states()
        .unwrap()
        .into_iter()
        .map(|s| (s.connection_id.key().to_owned(), s.outcome))
        .collect();
    assert_eq!(
        outcomes,
        [
            ("oxlin:c1".to_string(), None),
            ("oxlin:c2".to_string(), Some(NextAction::UpdateCredentials)),
            ("oxlin:c3".to_string(), Some(NextAction::RetryLater)),
            ("oxlin:c4".to_string(), Some(NextAction::AnswerChallenge)),
        ]
    );
}

#[test]
fn amounts_stored_before_the_amount_index_are_found_by_the_search() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coffre.sqlite");
    previous_store(&path);
    let store = Store::open(&path).unwrap();
    let found = |typed: &str| {
        let mut query = TxQuery::default();
        query.selection.search = typed.into();
        let window = store.tx_window(&query, &Anchor::First, 10).unwrap();
        let ids: Vec<String> = (0..window.rows.len() as u32)
            .map(|i| window.rows.get(i).id.to_string())
            .collect();
        assert_eq!(store.tx_count(&query).unwrap(), ids.len(), "{typed}");
        ids
    };
    assert_eq!(found("79,99"), ["oxlin:t2"]);
    assert_eq!(found("-5,00"), ["oxlin:t3"]);
    assert_eq!(found("12,3"), ["oxlin:t1"]);
}
