//! Stage one of the dashboard's load: connections, accounts and each account's weekly balance
//! history — what the first frame (the accounts view) shows, in a few small queries whatever
//! the number of transactions. Status mapping: see the parent module's doc.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rust_decimal::Decimal;

use super::transactions::parse_day;
use super::{WEEKS, instant};
use crate::screens::dashboard::DashboardData;
use crate::screens::dashboard::data::{
    AccountKind, AccountSummary, ConnectionStatus, ConnectionSummary,
};
use crate::screens::dashboard::history::weekly_points;
use crate::store::{Store, StoreError, StoredAccount, StoredConnection, SyncState};

/// Connections, accounts and balance histories; the transactions are left to
/// [`super::load_transactions`] (`transactions_to_come` is set).
pub fn load_dashboard_summary(
    store: &Store,
    _now: DateTime<Utc>,
) -> Result<DashboardData, StoreError> {
    let stored_accounts = store.accounts()?;
    let states = store.sync_states()?;
    let connections = store
        .connections()?
        .iter()
        .map(|c| connection(c, &stored_accounts, &states))
        .collect();
    let accounts: Vec<AccountSummary> = stored_accounts
        .iter()
        .filter(|a| a.state != "PENDING_CONSENT")
        .map(account)
        .collect();
    let histories = accounts
        .iter()
        .map(|a| history(store, a))
        .collect::<Result<_, _>>()?;
    Ok(DashboardData {
        connections,
        accounts,
        histories: Some(histories),
        transactions_to_come: true,
        ..DashboardData::default()
    })
}

/// The account's weekly balances, from the rows of its last [`WEEKS`] weeks only.
fn history(store: &Store, a: &AccountSummary) -> Result<Vec<Decimal>, StoreError> {
    let Some(balance) = a.balance else {
        return Ok(Vec::new());
    };
    let end = match a.balance_date {
        Some(end) => Some(end),
        None => store
            .conn
            .prepare_cached("SELECT MAX(date) FROM transactions WHERE account_id = ?1")?
            .query_row([&a.id], |r| r.get::<_, Option<String>>(0))?
            .and_then(|d| parse_day(&d)),
    };
    let Some(end) = end else {
        return Ok(vec![balance]);
    };
    let first = end - Duration::weeks(WEEKS as i64 - 1);
    let mut stmt = store.conn.prepare_cached(
        "SELECT date, amount FROM transactions WHERE account_id = ?1 AND date > ?2
         ORDER BY date DESC",
    )?;
    let rows = stmt.query_map((&a.id, first.to_string()), |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut moves: Vec<(NaiveDate, Decimal)> = Vec::new();
    for row in rows {
        let (date, amount) = row?;
        let bad = |what: &str| StoreError::Invalid(format!("a stored {what} is unreadable"));
        let date = parse_day(&date).ok_or_else(|| bad("date"))?;
        let amount = amount.parse().map_err(|_| bad("amount"))?;
        moves.push((date, amount));
    }
    Ok(weekly_points(balance, end, &moves))
}

fn connection(
    c: &StoredConnection,
    accounts: &[StoredAccount],
    states: &[SyncState],
) -> ConnectionSummary {
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
        .and_then(parse_day)
        .and_then(|day| day.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc());
    let ours = states
        .iter()
        .find(|s| s.connection_id == c.id)
        .and_then(|s| s.last_success);
    ConnectionSummary {
        id: c.id.clone(),
        bank: c.name.clone(),
        status,
        credentials_expire,
        accounts_pending_consent: accounts
            .iter()
            .filter(|a| a.connection_id.as_deref() == Some(&c.id) && a.state == "PENDING_CONSENT")
            .count(),
        synced_at: ours.or(c.last_success).and_then(instant),
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
