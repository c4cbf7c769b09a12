//! Recording the connections the API lists, whatever their state: the TUI calls
//! [`Store::record_listed`] with `GET /connections` (and the accounts waiting for consent) each
//! time the dashboard is read while logged in, so a connection whose first sync failed (refused
//! password, unanswered code, every account refused, a bank-website approval that never came
//! back) has its heading, its status and the action it needs, even without a single account.
//!
//! Choices of ours (the docs are silent):
//! - a connection the API no longer lists is NOT removed here: the built-in sandbox forgets
//!   everything on restart, and a store must never lose a bank silently (`D` deletes it);
//! - accounts are written only when they wait for consent (the dashboard counts them on their
//!   bank: "accept the accounts"); the others are a sync's business;
//! - the login shown for a connection is the first `masked_value` of its EMBEDDED channels
//!   (the API masks it, `**ev`); a REDIRECT-only connection has none.

use chrono::{DateTime, Utc};
use rusqlite::{TransactionBehavior, params};

use super::write::{upsert_account, upsert_connection};
use super::{Store, StoreError};
use crate::domain::{Account, AccountState, Connection};

/// A connection as the API lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    /// The connection (with its channels: its next action is derived from them).
    pub connection: Connection,
    /// The login the API shows for it, masked (`**ev`).
    pub login: Option<String>,
}

/// One connection row as the dashboard sees it (to tell whether a recording changed anything).
type Seen = (String, String, String, String, Option<String>, i64);

impl Store {
    /// Writes every `listed` connection (state, name, login, next action as of `now`) and the
    /// `pending` accounts that wait for consent, in one transaction. Returns `true` when the
    /// dashboard would show something different.
    pub fn record_listed(
        &mut self,
        listed: &[Listed],
        pending: &[Account],
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let at = now.timestamp();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let before = seen(&tx)?;
        for l in listed {
            let action = l.connection.next_action(now, 0);
            upsert_connection(&tx, &l.connection, &action, at)?;
            tx.execute(
                "UPDATE connections SET login = ?2 WHERE id = ?1",
                params![l.connection.id.key(), l.login],
            )?;
        }
        for account in pending
            .iter()
            .filter(|a| a.state == AccountState::PendingConsent)
        {
            upsert_account(&tx, account, at)?;
        }
        let changed = seen(&tx)? != before;
        tx.commit()?;
        Ok(changed)
    }
}

/// What the dashboard shows of every stored connection.
fn seen(tx: &rusqlite::Transaction<'_>) -> Result<Vec<Seen>, StoreError> {
    let mut stmt = tx.prepare_cached(
        "SELECT c.id, c.name, c.state, c.next_action, c.login,
           (SELECT COUNT(*) FROM accounts a WHERE a.connection_id = c.id
            AND a.state = 'pending_consent')
         FROM connections c ORDER BY c.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{
        AccountId, AccountKind, ChannelHealth, ChannelState, ConnectionId, ConnectionState,
        NextAction,
    };
    use crate::store::load_dashboard_summary;

    fn at(epoch: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(epoch, 0).unwrap()
    }

    fn refused(id: &str, login: &str) -> Listed {
        Listed {
            connection: Connection {
                id: ConnectionId::oxlin(id),
                provider_id: Some("87".into()),
                name: "Linxo Test Bank".into(),
                state: ConnectionState::Failed,
                channels: vec![ChannelState {
                    definition_id: "13400".into(),
                    redirect: false,
                    health: ChannelHealth::CredentialsRejected,
                    expires: None,
                    last_success: None,
                }],
                last_success: None,
            },
            login: Some(login.into()),
        }
    }

    #[test]
    fn a_refused_connection_without_accounts_is_on_the_dashboard_with_its_login() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("s.sqlite")).unwrap();
        let changed = store
            .record_listed(&[refused("10003", "**ev")], &[], at(1_700_000_000))
            .unwrap();
        assert!(changed);
        let data = load_dashboard_summary(&store, at(1_700_000_000)).unwrap();
        assert_eq!(data.connections.len(), 1);
        let c = &data.connections[0];
        assert_eq!(c.next_action, NextAction::UpdateCredentials);
        assert_eq!(c.login.as_deref(), Some("**ev"));
        assert!(data.accounts.is_empty());
        let again = store
            .record_listed(&[refused("10003", "**ev")], &[], at(1_700_000_100))
            .unwrap();
        assert!(
            !again,
            "the same listing changes nothing the dashboard shows"
        );
    }

    #[test]
    fn a_version_5_store_gains_the_login_column_and_keeps_its_banks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite");
        {
            let db = rusqlite::Connection::open(&path).unwrap();
            for sql in &crate::store::schema::MIGRATIONS[..5] {
                db.execute_batch(sql).unwrap();
            }
            db.pragma_update(None, "user_version", 5).unwrap();
            db.execute_batch(
                "INSERT INTO connections (id, provider_id, name, state, next_action, synced_at)
                 VALUES ('oxlin:7', '87', 'Banque', 'failed', 'update_credentials', 0);",
            )
            .unwrap();
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(
            crate::store::schema::version(&store.conn).unwrap(),
            crate::store::schema::VERSION
        );
        let connections = store.connections().unwrap();
        assert_eq!(connections.len(), 1);
        assert_eq!(connections[0].login, None);
        assert_eq!(connections[0].next_action, NextAction::UpdateCredentials);
    }

    #[test]
    fn accounts_waiting_for_consent_are_counted_on_their_bank() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("s.sqlite")).unwrap();
        let waiting = Account {
            id: AccountId::oxlin("a1"),
            connection_id: Some(ConnectionId::oxlin("10003")),
            name: "Compte".into(),
            kind: AccountKind::Checking,
            state: AccountState::PendingConsent,
            iban: None,
            balance: None,
            balance_date: None,
            owner: None,
        };
        store
            .record_listed(&[refused("10003", "**ev")], &[waiting], at(0))
            .unwrap();
        let data = load_dashboard_summary(&store, at(0)).unwrap();
        assert_eq!(data.connections[0].accounts_pending_consent, 1);
    }
}
