//! `Account`: one bank account, its kind, state, IBAN, balance and owner.

use chrono::{DateTime, Utc};

use super::money::Money;

/// What kind of account it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AccountKind {
    Checking,
    Savings,
    Loan,
    CreditCard,
    /// A kind this version does not know, as the bank named it.
    Other(String),
}

/// Where the account stands.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AccountState {
    Active,
    /// Listed by the bank, waiting for the user to consent before it is synced.
    PendingConsent,
    /// Archived by the user (not synced).
    Closed,
    /// The bank no longer shows it, or the last sync of it failed.
    Error,
    Other(String),
}

/// A bank account.
#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    pub id: String,
    pub connection_id: Option<String>,
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
