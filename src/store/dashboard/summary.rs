//! The dashboard's load: connections, accounts and each account's weekly balance history —
//! what the first frame (the accounts view) shows, in a few small queries whatever the number
//! of transactions. Status mapping: see the parent module's doc.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rust_decimal::Decimal;

use super::WEEKS;
use super::transactions::parse_day;
use crate::domain::AccountState;
use crate::store::read_model::history::weekly_points;
use crate::store::{AccountSummary, DashboardData, Store, StoreError};

/// Connections, accounts and balance histories (the transactions view reads its rows a window
/// at a time: `store::window`).
pub fn load_dashboard_summary(
    store: &Store,
    _now: DateTime<Utc>,
) -> Result<DashboardData, StoreError> {
    let connections = store.connections()?;
    let accounts: Vec<AccountSummary> = store
        .accounts()?
        .into_iter()
        .filter(|a| a.account.state != AccountState::PendingConsent)
        .collect();
    let histories = account_histories(store, &accounts)?;
    Ok(DashboardData {
        connections,
        accounts,
        histories,
    })
}

/// Each account's weekly balances (same order), from the rows of its last [`WEEKS`] weeks.
pub fn account_histories(
    store: &Store,
    accounts: &[AccountSummary],
) -> Result<Vec<Vec<Decimal>>, StoreError> {
    accounts.iter().map(|a| history(store, a)).collect()
}

/// The account's weekly balances, from the rows of its last [`WEEKS`] weeks only.
fn history(store: &Store, a: &AccountSummary) -> Result<Vec<Decimal>, StoreError> {
    let Some(balance) = a.balance() else {
        return Ok(Vec::new());
    };
    let end = match a.balance_day() {
        Some(end) => Some(end),
        None => store
            .conn
            .prepare_cached("SELECT MAX(date) FROM transactions WHERE account_id = ?1")?
            .query_row([a.id().key()], |r| r.get::<_, Option<String>>(0))?
            .and_then(|d| parse_day(&d)),
    };
    let Some(end) = end else {
        return Ok(vec![balance]);
    };
    // A server-chosen date near the calendar's start has no earlier weeks.
    let first = end
        .checked_sub_signed(Duration::weeks(WEEKS as i64 - 1))
        .unwrap_or(NaiveDate::MIN);
    let mut stmt = store.conn.prepare_cached(
        "SELECT date, amount FROM transactions WHERE account_id = ?1 AND date > ?2
         ORDER BY date DESC",
    )?;
    let rows = stmt.query_map((a.id().key(), first.to_string()), |r| {
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
