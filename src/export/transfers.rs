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
//!
//! Memory: the pairing needs every line's amount, account, status and day at once, so it keeps
//! a `Side` per line, its place in an amount's candidate list and its partner (about 50 bytes
//! a line: `coffre export` of a million lines peaks at 95 MB in ledger, 47 MB in CSV), not the
//! lines themselves; the writers read the lines again for their text. The later sides of the
//! transfers are kept as text ([`later_sides`]) until their entry is written.

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::ExportData;
use super::source::ExportSource;
use crate::domain::Transaction;

/// How many days apart the two sides of a transfer may be filed (banks book the credit a day or
/// two after the debit, more over a weekend).
pub const WINDOW_DAYS: i64 = 3;

/// What the pairing needs of one line.
struct Side {
    /// The line's currency, as a number ([`Sides::currencies`]).
    currency: u32,
    /// Its amount, normalised (`-10.50` and `-10.5` are one amount).
    amount: Decimal,
    /// Its account, as a number; `u32::MAX`: not an exported account.
    account: u32,
    pending: bool,
    day: NaiveDate,
}

/// The sides of every line, in the export's order.
#[derive(Default)]
struct Sides {
    sides: Vec<Side>,
    currencies: HashMap<String, u32>,
}

impl Sides {
    fn push(&mut self, data: &dyn ExportSource, t: &Transaction) {
        let next = self.currencies.len() as u32;
        let currency = match self.currencies.get(&t.amount.currency) {
            Some(c) => *c,
            None => *self
                .currencies
                .entry(t.amount.currency.clone())
                .or_insert(next),
        };
        let account = data
            .accounts()
            .iter()
            .position(|a| a.id == t.account_id)
            .map_or(u32::MAX, |a| a as u32);
        self.sides.push(Side {
            currency,
            amount: t.amount.amount.normalize(),
            account,
            pending: t.is_pending(),
            day: t.filing_date(),
        });
    }
}

/// For each transaction of `data` (same order), the index of the other side of its transfer.
pub fn partners(data: &ExportData) -> Vec<Option<usize>> {
    partners_in(data, &mut |_| {}).unwrap_or_default()
}

/// [`partners`] of any source: one pass over its transactions, each also shown to `also`
/// (a writer's other sums, made in the same pass).
pub fn partners_in(
    data: &dyn ExportSource,
    also: &mut dyn FnMut(&Transaction),
) -> std::io::Result<Vec<Option<usize>>> {
    let mut all = Sides::default();
    data.each(None, &mut |t| {
        all.push(data, t);
        also(t);
        Ok(())
    })?;
    let txs = &all.sides;
    let own = |i: usize| txs[i].account != u32::MAX;
    let mut by_amount: HashMap<(u32, Decimal), Vec<usize>> = HashMap::new();
    for (i, t) in txs.iter().enumerate() {
        if !t.amount.is_zero() && own(i) {
            by_amount.entry((t.currency, t.amount)).or_default().push(i);
        }
    }
    let mut partner = vec![None; txs.len()];
    for (i, t) in txs.iter().enumerate() {
        if partner[i].is_some() || t.amount.is_zero() || !own(i) {
            continue;
        }
        let Some(candidates) = by_amount.get(&(t.currency, (-t.amount).normalize())) else {
            continue;
        };
        let day = t.day;
        let best = candidates
            .iter()
            .copied()
            .filter(|&j| {
                let u = &txs[j];
                partner[j].is_none()
                    && u.account != t.account
                    && u.pending == t.pending
                    && (u.day - day).num_days().abs() <= WINDOW_DAYS
            })
            .min_by_key(|&j| ((txs[j].day - day).num_days().abs(), j));
        if let Some(j) = best {
            partner[i] = Some(j);
            partner[j] = Some(i);
        }
    }
    Ok(partner)
}

/// What `describe` makes of each transfer's later side (`j` whose partner comes before it),
/// by its index: what the writer needs of it when it writes the earlier side. One pass, each
/// transaction also shown to `also` with its index.
pub fn later_sides<T>(
    data: &dyn ExportSource,
    partner: &[Option<usize>],
    describe: &dyn Fn(&Transaction) -> T,
    also: &mut dyn FnMut(usize, &Transaction),
) -> std::io::Result<HashMap<usize, T>> {
    let mut later = HashMap::new();
    let mut i = 0;
    data.each(None, &mut |t| {
        if partner.get(i).copied().flatten().is_some_and(|p| p < i) {
            later.insert(i, describe(t));
        }
        also(i, t);
        i += 1;
        Ok(())
    })?;
    Ok(later)
}

/// The writers' last pass: each transaction that opens an entry, in order, with the later side
/// of its transfer when it has one (its text from [`later_sides`]); a transfer's later side
/// itself is skipped, its entry already written with the earlier one.
pub fn entries<T>(
    data: &dyn ExportSource,
    partner: &[Option<usize>],
    later: &HashMap<usize, T>,
    write: &mut dyn FnMut(&Transaction, Option<&T>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut i = 0;
    data.each(None, &mut |t| {
        let at = i;
        i += 1;
        match partner.get(at).copied().flatten() {
            Some(j) if j < at => Ok(()),
            other => write(t, other.and_then(|j| later.get(&j))),
        }
    })
}
