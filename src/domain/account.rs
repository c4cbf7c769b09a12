//! `Account`: one bank account, its kind, state, IBAN, balance and owner.
//!
//! [`AccountKind`] and [`AccountState`] are stored as stable codes ([`AccountKind::code`]):
//! lower-case words of ours; a variant `Other` keeps the aggregator's own word (upper-case for
//! Oxlin, so it never meets one of ours), and an unknown code reads back as `Other`.

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

impl AccountKind {
    /// The stable code the store keeps (`checking`, `savings`, `loan`, `credit_card`, or the
    /// aggregator's own word).
    pub fn code(&self) -> &str {
        match self {
            AccountKind::Checking => "checking",
            AccountKind::Savings => "savings",
            AccountKind::Loan => "loan",
            AccountKind::CreditCard => "credit_card",
            AccountKind::Other(other) => other,
        }
    }

    /// The kind a code written by [`Self::code`] stands for (unknown codes: `Other`).
    pub fn from_code(code: &str) -> Self {
        match code {
            "checking" => AccountKind::Checking,
            "savings" => AccountKind::Savings,
            "loan" => AccountKind::Loan,
            "credit_card" => AccountKind::CreditCard,
            other => AccountKind::Other(other.to_owned()),
        }
    }
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

impl AccountState {
    /// The stable code the store keeps (`active`, `pending_consent`, `closed`, `error`, or the
    /// aggregator's own word).
    pub fn code(&self) -> &str {
        match self {
            AccountState::Active => "active",
            AccountState::PendingConsent => "pending_consent",
            AccountState::Closed => "closed",
            AccountState::Error => "error",
            AccountState::Other(other) => other,
        }
    }

    /// The state a code written by [`Self::code`] stands for (unknown codes: `Other`).
    pub fn from_code(code: &str) -> Self {
        match code {
            "active" => AccountState::Active,
            "pending_consent" => AccountState::PendingConsent,
            "closed" => AccountState::Closed,
            "error" => AccountState::Error,
            other => AccountState::Other(other.to_owned()),
        }
    }
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
