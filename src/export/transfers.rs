//! Transfers between the user's own accounts: a debit on one exported account and a credit of
//! the same amount and currency on another, filed within [`WINDOW_DAYS`] days of each other, are
//! one movement of money, not an expense and an income. Ledger and beancount then post it once,
//! between the two bank accounts, with both API ids kept, so income and expense totals only
//! count money that came in or went out.
//!
//! Choices (ours; the API does not link the two sides of a transfer): both sides must have the
//! same booking status (two booked or two pending lines), so a journal's booked totals still
//! equal the banks' balances; each line is matched once, to the candidate closest in date (the
//! earlier-listed one on a tie); only accounts in the export count as the user's own.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::ExportData;

/// How many days apart the two sides of a transfer may be filed (banks book the credit a day or
/// two after the debit, more over a weekend).
pub const WINDOW_DAYS: i64 = 3;

/// For each transaction of `data` (same order), the index of the other side of its transfer.
pub fn partners(data: &ExportData) -> Vec<Option<usize>> {
    let txs = &data.transactions;
    let own = |i: usize| data.account(&txs[i].account_id).is_some();
    let mut by_amount: HashMap<(&str, Decimal), Vec<usize>> = HashMap::new();
    for (i, t) in txs.iter().enumerate() {
        if !t.amount.amount.is_zero() && own(i) {
            by_amount
                .entry((t.amount.currency.as_str(), t.amount.amount.normalize()))
                .or_default()
                .push(i);
        }
    }
    let mut partner = vec![None; txs.len()];
    for (i, t) in txs.iter().enumerate() {
        if partner[i].is_some() || t.amount.amount.is_zero() || !own(i) {
            continue;
        }
        let key = (t.amount.currency.as_str(), (-t.amount.amount).normalize());
        let Some(candidates) = by_amount.get(&key) else {
            continue;
        };
        let day = t.filing_date();
        let best = candidates
            .iter()
            .copied()
            .filter(|&j| {
                let u = &txs[j];
                partner[j].is_none()
                    && u.account_id != t.account_id
                    && u.is_pending() == t.is_pending()
                    && (u.filing_date() - day).num_days().abs() <= WINDOW_DAYS
            })
            .min_by_key(|&j| ((txs[j].filing_date() - day).num_days().abs(), j));
        if let Some(j) = best {
            partner[i] = Some(j);
            partner[j] = Some(i);
        }
    }
    partner
}
