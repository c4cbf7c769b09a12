//! Opening balances for ledger and beancount: a bank gives its current balance but only part of
//! the history, so a journal of the exported transactions alone would end at the wrong total.
//! Each account with a known balance gets one opening entry against `Equity:Opening-Balances`,
//! dated the day of its first exported transaction (or its balance date when none is
//! exported), so that the account's BOOKED total in the journal equals the bank's balance.
//!
//! Choice (ours): pending transactions are left out of that sum, as banks leave them out of the
//! balance they report; a journal read with its pending (`!`) entries shows balance + pending.

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::names::{account_name, commodity};
use super::source::ExportSource;
use crate::domain::AccountId;

/// The equity account opening balances are taken from.
pub const OPENING_ACCOUNT: &str = "Equity:Opening-Balances";

/// One opening entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opening {
    /// The ledger/beancount account of the bank account.
    pub account: String,
    pub date: NaiveDate,
    pub amount: Decimal,
    pub commodity: String,
}

/// The opening entries of `data`, in the order of its accounts. Accounts without a balance or
/// currency get none; a zero opening is still written (it documents the starting point). One
/// pass over the transactions, keeping one sum per account.
pub fn openings(data: &dyn ExportSource) -> std::io::Result<Vec<Opening>> {
    let mut booked: HashMap<AccountId, (Decimal, Option<NaiveDate>)> = HashMap::new();
    data.each(None, &mut |t| {
        let entry = booked.entry(t.account_id.clone()).or_default();
        if !t.is_pending() {
            entry.0 += t.amount.amount;
        }
        let date = t.filing_date();
        entry.1 = Some(entry.1.map_or(date, |d| d.min(date)));
        Ok(())
    })?;
    Ok(data
        .accounts()
        .iter()
        .filter_map(|a| {
            let balance = a.balance.as_ref()?;
            let currency = balance.currency.as_str();
            let (sum, first) = booked.get(&a.id).copied().unwrap_or_default();
            let date = first.or_else(|| a.balance_date.map(|d| d.date_naive()))?;
            Some(Opening {
                account: account_name(Some(a), a.id.raw()),
                date,
                amount: balance.amount - sum,
                commodity: commodity(currency),
            })
        })
        .collect())
}
