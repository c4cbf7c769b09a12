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
use crate::domain::{Account, AccountId, Transaction};

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
    let mut sums = BookedSums::default();
    data.each(None, &mut |t| {
        sums.add(t);
        Ok(())
    })?;
    Ok(sums.openings(data.accounts()))
}

/// Each account's booked sum and first day, added up one transaction at a time (so a writer
/// can add them up during a pass it makes anyway).
#[derive(Debug, Default)]
pub struct BookedSums {
    booked: HashMap<AccountId, (Decimal, Option<NaiveDate>)>,
}

impl BookedSums {
    /// Counts `t`.
    pub fn add(&mut self, t: &Transaction) {
        let entry = match self.booked.get_mut(&t.account_id) {
            Some(entry) => entry,
            None => self.booked.entry(t.account_id.clone()).or_default(),
        };
        if !t.is_pending() {
            entry.0 += t.amount.amount;
        }
        let date = t.filing_date();
        entry.1 = Some(entry.1.map_or(date, |d| d.min(date)));
    }

    /// The opening entries of `accounts`, in their order.
    pub fn openings(&self, accounts: &[Account]) -> Vec<Opening> {
        accounts
            .iter()
            .filter_map(|a| {
                let balance = a.balance.as_ref()?;
                let currency = balance.currency.as_str();
                let (sum, first) = self.booked.get(&a.id).copied().unwrap_or_default();
                let date = first.or_else(|| a.balance_date.map(|d| d.date_naive()))?;
                Some(Opening {
                    account: account_name(Some(a), a.id.raw()),
                    date,
                    amount: balance.amount - sum,
                    commodity: commodity(currency),
                })
            })
            .collect()
    }
}
