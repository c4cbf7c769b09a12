//! `Account`: one bank account, its kind, state, IBAN, balance and owner.
//! Their stable codes (what the store keeps) are in [`super::codes`].

use chrono::{DateTime, Utc};

use super::ids::{AccountId, ConnectionId};
use super::money::Money;

/// What kind of account it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AccountKind {
    /// A current account.
    Checking,
    /// A savings account.
    Savings,
    /// A loan.
    Loan,
    /// A credit card account.
    CreditCard,
    /// A kind this version does not know, as the bank named it.
    Other(String),
}

/// Where the account stands.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AccountState {
    /// Synced.
    Active,
    /// Listed by the bank, waiting for the user to consent before it is synced.
    PendingConsent,
    /// Archived by the user (not synced).
    Closed,
    /// The bank no longer shows it, or the last sync of it failed.
    Error,
    /// A state this version does not know, as the aggregator named it.
    Other(String),
}

/// A bank account.
#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    /// Its id (aggregator and raw id).
    pub id: AccountId,
    /// The connection it came through, when known.
    pub connection_id: Option<ConnectionId>,
    /// Display name (the account number when the bank gave no name).
    pub name: String,
    pub kind: AccountKind,
    pub state: AccountState,
    pub iban: Option<String>,
    pub balance: Option<Money>,
    /// When the bank last reported the balance.
    pub balance_date: Option<DateTime<Utc>>,
    pub owner: Option<String>,
}
