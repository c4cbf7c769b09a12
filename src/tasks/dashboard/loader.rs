//! A minimal reader of the dashboard's data from the store, standing in until the store's own
//! `load_dashboard` (branch `perf`) lands; same signature, so the swap is one `use` line.
//!
//! Docs gaps, our choices: a connection's status comes from its stored next action (refused
//! credentials → AUTH_FAILED, an action at the bank → action required); accounts waiting for
//! consent are counted on their connection, not listed; an account stored `CLOSED` is archived.

use chrono::{DateTime, NaiveDate, Utc};

use crate::screens::dashboard::DashboardData;
use crate::screens::dashboard::data::{
    AccountKind, AccountSummary, BookingStatus, ConnectionStatus, ConnectionSummary, TransactionRow,
};
use crate::store::{Store, StoreError, StoredAccount, StoredConnection, TransactionQuery};

/// Everything the dashboard shows, read from `store` as of `now`.
pub fn load_dashboard(store: &Store, _now: DateTime<Utc>) -> Result<DashboardData, StoreError> {
    let stored_accounts = store.accounts()?;
    let connections = store
        .connections()?
        .iter()
        .map(|c| connection(c, &stored_accounts))
        .collect();
    let accounts = stored_accounts
        .iter()
        .filter(|a| a.state != "PENDING_CONSENT")
        .map(account)
        .collect();
    let transactions = store
        .transactions(&TransactionQuery::default())?
        .into_iter()
        .map(|t| TransactionRow {
            status: if t.is_pending() {
                BookingStatus::Pending
            } else {
                BookingStatus::Booked
            },
            id: t.id,
            account_id: t.account_id,
            date: t.date,
            value_date: t.value_date,
            booking_date: t.booking_date,
            amount: t.amount,
            currency: t.currency,
            label: t.label,
            notes: t.notes,
            category: t.category,
            kind: t.kind,
            imported_at: t.imported_at.and_then(instant),
        })
        .collect();
    Ok(DashboardData {
        connections,
        accounts,
        transactions,
    })
}

fn instant(epoch: i64) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(epoch, 0)
}

fn connection(c: &StoredConnection, accounts: &[StoredAccount]) -> ConnectionSummary {
    let status = if c.next_action.starts_with("update the credentials") {
        ConnectionStatus::AuthFailed
    } else if c.next_action.starts_with("log in at the bank") {
        ConnectionStatus::ActionRequired
    } else if c.state == "CLOSED" {
        ConnectionStatus::Closed
    } else {
        ConnectionStatus::Ok
    };
    let credentials_expire = c
        .next_action
        .strip_prefix("renew the authorisation before ")
        .and_then(|day| day.parse::<NaiveDate>().ok())
        .and_then(|day| day.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc());
    ConnectionSummary {
        id: c.id.clone(),
        bank: c.name.clone(),
        status,
        credentials_expire,
        accounts_pending_consent: accounts
            .iter()
            .filter(|a| a.connection_id.as_deref() == Some(&c.id) && a.state == "PENDING_CONSENT")
            .count(),
        synced_at: c.last_success.and_then(instant),
    }
}

fn account(a: &StoredAccount) -> AccountSummary {
    AccountSummary {
        id: a.id.clone(),
        connection_id: a.connection_id.clone().unwrap_or_default(),
        name: a.name.clone(),
        kind: match a.kind.as_str() {
            "CHECKING" => AccountKind::Checking,
            "SAVINGS" => AccountKind::Savings,
            "CREDIT_CARD" => AccountKind::CreditCard,
            "LOAN" => AccountKind::Loan,
            other => AccountKind::Other(other.to_owned()),
        },
        iban: a.iban.clone(),
        balance: a.balance,
        currency: a.currency.clone().unwrap_or_default(),
        balance_date: a.balance_date.and_then(instant).map(|t| t.date_naive()),
        owner: a.owner.clone(),
        archived: a.state == "CLOSED",
        synced_at: instant(a.synced_at),
    }
}
