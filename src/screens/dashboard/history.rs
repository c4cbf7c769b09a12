//! Balance history per account from the loaded rows, for the accounts view's sparklines when
//! the store's loader did not compute them (the walk itself, and its choices:
//! [`crate::store::read_model::history`]).

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::query::TxTable;
use crate::store::read_model::AccountSummary;
use crate::store::read_model::history::{WEEKS, weekly_points};

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
            a.balance_day()
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
            let Some(balance) = account.balance() else {
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
