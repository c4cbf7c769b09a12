//! Changes the user makes from the dashboard, mirrored in the store once the API accepted them:
//! a deleted connection leaves with its accounts, their transactions and its sync state (one
//! transaction); an archived account is stored `closed` (the API archives by `status: CLOSED`,
//! oxlin-api.md, "update account"), an unarchived one `active`.

use rusqlite::TransactionBehavior;

use super::{Store, StoreError};
use crate::domain::{AccountId, AccountState, ConnectionId};

impl Store {
    /// Removes a connection and everything under it; `false` when it was not stored.
    pub fn delete_connection(&mut self, id: &ConnectionId) -> Result<bool, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "DELETE FROM booking_changes WHERE transaction_id IN (SELECT t.id FROM transactions t
             JOIN accounts a ON a.id = t.account_id WHERE a.connection_id = ?1)",
            [id.key()],
        )?;
        tx.execute(
            "DELETE FROM transactions WHERE account_id IN
             (SELECT id FROM accounts WHERE connection_id = ?1)",
            [id.key()],
        )?;
        tx.execute("DELETE FROM accounts WHERE connection_id = ?1", [id.key()])?;
        tx.execute(
            "DELETE FROM sync_state WHERE connection_id = ?1",
            [id.key()],
        )?;
        let gone = tx.execute("DELETE FROM connections WHERE id = ?1", [id.key()])?;
        tx.commit()?;
        Ok(gone > 0)
    }

    /// Stores an account archived (`closed`) or not (`active`); `false` when it was not stored.
    pub fn set_account_archived(&self, id: &AccountId, archived: bool) -> Result<bool, StoreError> {
        let state = if archived {
            AccountState::Closed
        } else {
            AccountState::Active
        };
        let changed = self.conn.execute(
            "UPDATE accounts SET state = ?2 WHERE id = ?1",
            (id.key(), state.code()),
        )?;
        Ok(changed > 0)
    }

    /// True when the store holds at least one connection or account.
    pub fn has_data(&self) -> Result<bool, StoreError> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM connections) OR EXISTS (SELECT 1 FROM accounts)",
            [],
            |r| r.get(0),
        )?)
    }
}
