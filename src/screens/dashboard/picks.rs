//! What the cursor of the accounts view can stand on: every account, and the heading of every
//! bank that has no account on screen (a connection whose first sync failed, whose accounts
//! were all refused, or that waits for consent), so that each bank can be acted on (`r`, `D`,
//! `i`) whatever its state.
//!
//! Choice of ours: a bank with accounts is acted on from any of its accounts (as before), so
//! its heading is not a stop of its own and the cursor still starts on the first account.

use super::Dashboard;
use crate::domain::KnownConnection;
use crate::store::read_model::ConnectionSummary;

/// One stop of the accounts view's cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pick {
    /// An account (index into the accounts).
    Account(u32),
    /// The heading of a bank without accounts on screen (index into the connections).
    Bank(usize),
}

impl Dashboard {
    /// The cursor's stops, in display order: each bank's accounts, or its heading when it has
    /// none; then the accounts of no known bank.
    pub(super) fn build_picks(&self) -> Vec<Pick> {
        let mut picks = Vec::with_capacity(self.order.len() + self.connections.len());
        for c in 0..self.connections.len() {
            let before = picks.len();
            picks.extend(
                self.order
                    .iter()
                    .filter(|a| self.connection_of[**a as usize] == Some(c))
                    .map(|a| Pick::Account(*a)),
            );
            if picks.len() == before {
                picks.push(Pick::Bank(c));
            }
        }
        picks.extend(
            self.order
                .iter()
                .filter(|a| self.connection_of[**a as usize].is_none())
                .map(|a| Pick::Account(*a)),
        );
        picks
    }

    /// The stop under the cursor.
    pub(super) fn selected(&self) -> Option<Pick> {
        self.picks.get(self.account_cursor).copied()
    }

    /// The account under the cursor (none on a bank's heading).
    pub(super) fn selected_account(&self) -> Option<u32> {
        match self.selected()? {
            Pick::Account(a) => Some(a),
            Pick::Bank(_) => None,
        }
    }

    /// The bank under the cursor: the heading's, or the selected account's.
    pub(super) fn selected_connection(&self) -> Option<&ConnectionSummary> {
        let c = match self.selected()? {
            Pick::Account(a) => self.connection_of[a as usize]?,
            Pick::Bank(c) => c,
        };
        self.connections.get(c)
    }

    /// The id of the bank under the cursor (`r` on a German bank renews its finX access even
    /// when it needs nothing yet).
    pub fn selected_bank(&self) -> Option<&crate::domain::ConnectionId> {
        self.selected_connection().map(|c| c.id())
    }

    /// Every connection shown, as the duplicate check of the credential form needs it.
    pub fn known_connections(&self) -> Vec<KnownConnection> {
        self.connections
            .iter()
            .map(|c| KnownConnection {
                id: c.id().clone(),
                provider_id: c.connection.provider_id.clone(),
                bank: c.bank().to_string(),
                login: c.login.clone(),
            })
            .collect()
    }

    /// How many accounts of connection `c` are on screen.
    pub(super) fn accounts_of(&self, c: usize) -> usize {
        self.connection_of.iter().filter(|g| **g == Some(c)).count()
    }
}
