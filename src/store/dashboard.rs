//! The dashboard's loader: everything [`DashboardData`](super::read_model::DashboardData)
//! holds, read from the store, no network.
//!
//! - [`load_dashboard_summary`]: connections, accounts (balances, statuses, needed actions,
//!   sync times) and each account's weekly balance history for its sparkline — a few small
//!   queries (the histories read only the last [`WEEKS`] weeks of each account through the
//!   `(account_id, date)` index), so the first frame never waits for a million rows; the
//!   transactions view then reads its rows a window at a time (`store::window`), and
//!   [`tx_facts`] how many there are and which categories;
//! - [`load_charts`] reads what the charts view draws, summed in SQL (`charts.rs`).
//!
//! Tests, the demo and the TUI load the same way.
//!
//! Docs gaps, our choices: a connection's status is its stored next action (a code, see
//! `domain::NextAction`; its words are `crate::wording::actions`'); accounts waiting for consent
//! are counted on their connection, not listed; an account stored `closed` is archived; a
//! connection's "synced at" is our last successful sync of it (`sync_state`), else the API's
//! last success.

mod charts;
mod summary;
mod transactions;

use super::read_model::history::WEEKS;
pub use charts::{MICROS, load_charts};
pub use summary::{account_histories, load_dashboard_summary};
pub(super) use transactions::push_row;
pub use transactions::{TxFacts, tx_facts};

#[cfg(test)]
#[path = "dashboard/search_tests.rs"]
mod search_tests;

#[cfg(test)]
mod tests {
    use chrono::{DateTime, NaiveDate, Utc};
    use rust_decimal::Decimal;

    use super::*;
    use crate::domain::{
        Account, AccountKind, AccountState, Booking, BookingStatus, Connection, ConnectionId,
        ConnectionState, Money, NextAction, Transaction,
    };
    use crate::store::window::{Anchor, TxQuery};
    use crate::store::{Store, SyncBatch, test_bank};

    fn at(epoch: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(epoch, 0).unwrap()
    }

    fn line(id: &str, account: &str, day: u32, amount: i64, label: &str) -> Transaction {
        let date = NaiveDate::from_ymd_opt(2023, 11, day);
        Transaction {
            imported_at: Some(at(1_700_000_000)),
            booking: if id == "t3" {
                Booking::Pending
            } else {
                Booking::Booked
            },
            notes: (id == "t2").then(|| "Réf.\r\nligne 2".into()),
            category: Some("Food".into()),
            ..test_bank::line(id, account, Decimal::new(amount, 2), date, label)
        }
    }

    fn account(id: &str, state: AccountState) -> Account {
        Account {
            kind: AccountKind::Savings,
            state,
            balance: Some(Money::new(Decimal::new(100_000, 2), "EUR")),
            ..test_bank::account(id, &format!("Compte {id}"))
        }
    }

    #[test]
    fn a_synced_store_loads_its_accounts_and_then_windows_of_sanitised_transactions() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("s.sqlite")).unwrap();
        let batch = test_bank::sync_of(
            vec![
                account("a1", AccountState::Active),
                account("a2", AccountState::PendingConsent),
            ],
            vec![
                line("t1", "a1", 20, -1_050, "CB CAFE"),
                line("t2", "a1", 21, 250_000, "VIR\x1b[31m SALAIRE"),
                line("t3", "a1", 22, -999, "PRLV EDF"),
            ],
        );
        store.apply(&batch, at(1_700_600_000)).unwrap();

        let first = load_dashboard_summary(&store, at(1_700_600_000)).unwrap();
        assert_eq!(
            first.accounts.len(),
            1,
            "the account waiting for consent is not listed"
        );
        assert_eq!(first.connections[0].accounts_pending_consent, 1);
        assert_eq!(first.connections[0].next_action, NextAction::None);
        let history = &first.histories[0];
        assert_eq!(history.last(), Some(&Decimal::new(100_000, 2)));
        // Before the three lines (all in the last week): 1000 + 10.50 - 2500 + 9.99.
        assert_eq!(history[0], Decimal::new(-147_951, 2));

        // Newest first, as the transactions view reads them.
        let all = store
            .tx_window(&TxQuery::default(), &Anchor::First, 10)
            .unwrap()
            .rows;
        assert_eq!(all.len(), 3);
        let t2 = all.get(1);
        assert_eq!(t2.label, "VIR SALAIRE");
        assert_eq!(t2.notes, Some("Réf.\nligne 2"));
        assert_eq!(t2.amount, Decimal::new(250_000, 2));
        assert_eq!(t2.date, NaiveDate::from_ymd_opt(2023, 11, 21).unwrap());
        assert_eq!(all.get(0).status, BookingStatus::Pending);
        assert_eq!(all.get(2).category, Some("Food"));
        assert_eq!(tx_facts(&store).unwrap().total, 3);
    }

    #[test]
    fn a_bank_a_sync_skipped_is_on_the_dashboard_with_what_it_needs() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("s.sqlite")).unwrap();
        let never_synced = Connection {
            id: ConnectionId::oxlin("c9"),
            provider_id: Some("87".into()),
            state: ConnectionState::Failed,
            ..test_bank::bank()
        };
        let batch = SyncBatch {
            synced: Vec::new(),
            skipped: vec![(never_synced, NextAction::ActAtBank)],
        };
        store.apply(&batch, at(1_700_600_000)).unwrap();
        let data = load_dashboard_summary(&store, at(1_700_600_000)).unwrap();
        assert_eq!(
            data.connections.len(),
            1,
            "the skipped bank has its heading"
        );
        assert_eq!(data.connections[0].next_action, NextAction::ActAtBank);
        assert!(data.accounts.is_empty());
    }
}
