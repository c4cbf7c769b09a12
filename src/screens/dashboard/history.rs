//! Balance history per account, rebuilt from the transactions: walking back from the known
//! balance, the balance at the end of a week is the current balance minus everything dated
//! after that week. Computed once per load, for the accounts view's sparklines — by the store's
//! loader from the last weeks' rows only, or here from the loaded rows.
//!
//! Docs gap: the API gives only the current balance. We chose: [`WEEKS`] weekly points ending
//! at the balance date (or the last transaction when there is none); pending transactions count,
//! as the banks' own balances usually include them.

use chrono::{Datelike, Duration, NaiveDate};
use rust_decimal::Decimal;

use super::data::AccountSummary;
use super::query::TxTable;

/// How many weekly points a history has.
pub const WEEKS: usize = 12;

/// For each account (same order), its end-of-week balances, oldest first; empty when the
/// balance is unknown.
pub fn balance_histories(accounts: &[AccountSummary], table: &TxTable) -> Vec<Vec<Decimal>> {
    let n = table.len() as u32;
    let mut last_day: Vec<Option<i32>> = vec![None; accounts.len()];
    for i in 0..n {
        if let Some(last) = last_day.get_mut(table.account_of(i) as usize) {
            *last = (*last).max(Some(table.rows.day(i)));
        }
    }
    let ends: Vec<Option<NaiveDate>> = accounts
        .iter()
        .zip(&last_day)
        .map(|(a, last)| {
            a.balance_date
                .or_else(|| NaiveDate::from_num_days_from_ce_opt((*last)?))
        })
        .collect();
    // Only what moved within the window counts; older rows cannot change a point.
    let window = (WEEKS as i32 - 1) * 7;
    let firsts: Vec<i32> = ends
        .iter()
        .map(|e| e.map_or(i32::MAX, |e| e.num_days_from_ce().saturating_sub(window)))
        .collect();
    let mut moves: Vec<Vec<(NaiveDate, Decimal)>> = vec![Vec::new(); accounts.len()];
    for i in 0..n {
        let a = table.account_of(i) as usize;
        if firsts.get(a).is_some_and(|f| table.rows.day(i) > *f) {
            moves[a].push((table.rows.get(i).date, table.rows.amount(i)));
        }
    }
    accounts
        .iter()
        .zip(ends)
        .zip(moves)
        .map(|((account, end), mut moves)| {
            let Some(balance) = account.balance else {
                return Vec::new();
            };
            let Some(end) = end else {
                return vec![balance];
            };
            moves.sort_unstable_by_key(|m| std::cmp::Reverse(m.0));
            weekly_points(balance, end, &moves)
        })
        .collect()
}

/// `moves` newest first (at least every move after the oldest point); returns [`WEEKS`] points
/// oldest first, the last one at `end`.
pub fn weekly_points(
    balance: Decimal,
    end: NaiveDate,
    moves: &[(NaiveDate, Decimal)],
) -> Vec<Decimal> {
    let mut points = Vec::with_capacity(WEEKS);
    let mut running = balance;
    let mut next = 0;
    for week in 0..WEEKS {
        let cut = end - Duration::weeks(week as i64);
        while let Some((date, amount)) = moves.get(next) {
            if *date <= cut {
                break;
            }
            running -= *amount;
            next += 1;
        }
        points.push(running);
    }
    points.reverse();
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_walks_back_from_the_balance() {
        let day = |d: u32| NaiveDate::from_ymd_opt(2024, 3, d).unwrap_or_default();
        let moves = [(day(20), Decimal::from(-30)), (day(10), Decimal::from(100))];
        let points = weekly_points(Decimal::from(500), day(21), &moves);
        assert_eq!(points.len(), WEEKS);
        // Weeks ending 21 Mar, 14 Mar, 7 Mar, …
        assert_eq!(points[WEEKS - 1], Decimal::from(500));
        assert_eq!(points[WEEKS - 2], Decimal::from(530));
        assert_eq!(points[WEEKS - 3], Decimal::from(430));
        assert_eq!(points[0], Decimal::from(430));
    }
}
