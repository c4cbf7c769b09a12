//! The dashboard's view data: plain records the store (or a test) fills, with everything the API
//! gave that a screen may show. No behaviour beyond small lookups; the dashboard derives its
//! indexes (rows per account, balance history, search text) from it once, on load.
//!
//! Docs gap: the API has no "offline" or "stale" notion. We chose: an account whose last
//! successful sync is older than [`STALE_AFTER_HOURS`] is stale; "offline" is a flag the runner
//! sets when the API cannot be reached (the store is shown as it is).

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

pub use super::rows::{Transactions, TxRef};

/// An account not synced for this long gets a "stale" badge.
pub const STALE_AFTER_HOURS: i64 = 24;

/// Everything the dashboard shows, as loaded from the store.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DashboardData {
    /// The bank connections, in display order.
    pub connections: Vec<ConnectionSummary>,
    /// Every account, each pointing at its connection.
    pub accounts: Vec<AccountSummary>,
    /// Every transaction of every account, in any order, compact (`Vec<TransactionRow>`
    /// converts with `.into()`).
    pub transactions: Transactions,
    /// Each account's weekly balances (same order as `accounts`), oldest first, when the loader
    /// computed them; `None`: the dashboard derives them from `transactions`.
    pub histories: Option<Vec<Vec<Decimal>>>,
    /// The transactions come later, in `ApiEvent::TransactionsLoaded` (`transactions` is empty
    /// and the dashboard keeps the rows it had until they arrive).
    pub transactions_to_come: bool,
}

/// A connection's state, as the API reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConnectionStatus {
    /// Synced without trouble.
    Ok,
    /// The bank refused the credentials (AUTH_FAILED): the password must be updated.
    AuthFailed,
    /// The bank wants something done on its website (USER_ACTION_REQUIRED, password change).
    ActionRequired,
    /// The connection is closed on the API side.
    Closed,
    /// Any other state, as the API named it.
    Other(String),
}

/// One bank connection.
#[derive(Debug, Clone, PartialEq)]
pub struct ConnectionSummary {
    /// The API's connection id.
    pub id: String,
    /// The bank's name.
    pub bank: String,
    /// The connection's state.
    pub status: ConnectionStatus,
    /// When the credentials expire (90 days after they were given).
    pub credentials_expire: Option<DateTime<Utc>>,
    /// Accounts the bank listed that wait for the user's consent.
    pub accounts_pending_consent: usize,
    /// The last successful sync.
    pub synced_at: Option<DateTime<Utc>>,
}

/// An account's kind, as the API names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountKind {
    /// CHECKINGS
    Checking,
    /// SAVINGS
    Savings,
    /// CREDIT_CARD
    CreditCard,
    /// LOAN
    Loan,
    /// Anything else, as named.
    Other(String),
}

impl AccountKind {
    /// A short name for a column.
    pub fn short(&self) -> &str {
        match self {
            AccountKind::Checking => "Checking",
            AccountKind::Savings => "Savings",
            AccountKind::CreditCard => "Card",
            AccountKind::Loan => "Loan",
            AccountKind::Other(name) => name,
        }
    }
}

/// One account.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountSummary {
    /// The API's account id.
    pub id: String,
    /// The connection it belongs to.
    pub connection_id: String,
    /// Its name at the bank.
    pub name: String,
    /// Checking, savings…
    pub kind: AccountKind,
    /// The IBAN, when the bank gave one (shown masked).
    pub iban: Option<String>,
    /// The balance, when known.
    pub balance: Option<Decimal>,
    /// ISO currency code.
    pub currency: String,
    /// The date of the balance.
    pub balance_date: Option<NaiveDate>,
    /// The account holder, when given.
    pub owner: Option<String>,
    /// The user archived it (hidden from totals).
    pub archived: bool,
    /// The last successful sync of this account.
    pub synced_at: Option<DateTime<Utc>>,
}

/// Booked by the bank, or not yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BookingStatus {
    /// Booked.
    Booked,
    /// Pending (may still change or disappear).
    Pending,
}

impl BookingStatus {
    /// The word shown in the status column.
    pub fn word(self) -> &'static str {
        match self {
            BookingStatus::Booked => "booked",
            BookingStatus::Pending => "pending",
        }
    }
}

/// One transaction, with everything the API gave.
#[derive(Debug, Clone, PartialEq)]
pub struct TransactionRow {
    /// The API's transaction id.
    pub id: String,
    /// The account it belongs to.
    pub account_id: String,
    /// The operation date.
    pub date: NaiveDate,
    /// The value date, when given.
    pub value_date: Option<NaiveDate>,
    /// The booking date, when given.
    pub booking_date: Option<NaiveDate>,
    /// Signed amount (negative: money out).
    pub amount: Decimal,
    /// ISO currency code.
    pub currency: String,
    /// The bank's label.
    pub label: String,
    /// The bank's notes (may be several lines).
    pub notes: Option<String>,
    /// The aggregator's category.
    pub category: Option<String>,
    /// The bank's transaction type (`DIRECT_DEBIT`, `ATM`…).
    pub kind: Option<String>,
    /// Pending or booked.
    pub status: BookingStatus,
    /// When the aggregator imported it.
    pub imported_at: Option<DateTime<Utc>>,
}

impl FromIterator<TransactionRow> for Transactions {
    fn from_iter<I: IntoIterator<Item = TransactionRow>>(rows: I) -> Self {
        let mut all = Transactions::default();
        for r in rows {
            all.push(r.as_ref());
        }
        all
    }
}

impl From<Vec<TransactionRow>> for Transactions {
    fn from(rows: Vec<TransactionRow>) -> Self {
        rows.into_iter().collect()
    }
}

impl TransactionRow {
    /// This row, borrowed.
    pub fn as_ref(&self) -> TxRef<'_> {
        TxRef {
            id: &self.id,
            account_id: &self.account_id,
            date: self.date,
            value_date: self.value_date,
            booking_date: self.booking_date,
            amount: self.amount,
            currency: &self.currency,
            label: &self.label,
            notes: self.notes.as_deref(),
            category: self.category.as_deref(),
            kind: self.kind.as_deref(),
            status: self.status,
            imported_at: self.imported_at,
        }
    }
}
