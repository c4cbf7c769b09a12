//! SYNC_ALL against the test bank for one consented account: its transactions into the `Bank`.
//!
//! Matching across syncs: a bank transaction is the same as a stored one when account, date,
//! amount and label agree (the n-th such bank transaction matches the n-th stored one), so a
//! second sync adds only what is new and keeps ids stable; a stored PENDING transaction that the
//! bank now books becomes BOOKED (its `booking_date` set), keeping its id and `import_date`.
//! What `COFFRE_ON_SYNC` scripts happens the same way: a revised line keeps its id and
//! `import_date` and takes the new amount or label; a dropped line is removed (it 404s since);
//! a line that appears on a later sync is imported then, with that sync's `import_date`.
//! Each account's transactions are kept in the API's order (`import_date` asc, then `id` desc),
//! so `GET /transactions` merges them without sorting ([`Merge`]), and a page deep in the list
//! is found by binary searches ([`skip_merged`]) instead of walking the pages before it.

use std::cmp::Ordering;
use std::collections::HashMap;

use chrono::{NaiveDate, TimeZone};
use chrono_tz::Europe::Paris;
use rust_decimal::Decimal;

use super::super::bank::{Bank, TransactionRecord};
use super::super::state::Sandbox;
use super::super::testbank::TestBank;
use super::accounts::id_order;

impl Bank {
    /// Imports the transactions of the consented account `account_id` from `bank`, updates its
    /// balance (and `balance_date` to `now`), and returns how many transactions are new.
    /// Accounts waiting for consent, closed or unknown get nothing (0).
    pub fn sync_account(
        &mut self,
        sandbox: &Sandbox,
        account_id: &str,
        bank: &TestBank,
        now: i64,
    ) -> usize {
        let Some(account) = self.accounts.get_mut(account_id) else {
            return 0;
        };
        if account.status == "PENDING_CONSENT" || account.status == "CLOSED" {
            return 0;
        }
        let Some(held) = bank.accounts.iter().find(|a| a.uid == account.bank_uid) else {
            return 0;
        };
        // The engine counts a sync once it has listed the accounts (`sync_count += 1` after
        // LIST_ACCOUNTS), so the sync running now is number `sync_count - 1`.
        let sync_number = self
            .connections
            .get(&account.connection_id)
            .map_or(0, |c| c.sync_count.saturating_sub(1));
        account.balance = held.balance;
        account.balance_date = now;
        let currency = account.currency.clone();
        let stored = self.transactions.entry(account_id.to_owned()).or_default();
        let mut by_key: HashMap<(i64, Decimal, &str), Vec<usize>> = HashMap::new();
        for (i, tx) in stored.iter().enumerate() {
            by_key
                .entry((tx.date, tx.amount, tx.label.as_str()))
                .or_default()
                .push(i);
        }
        for list in by_key.values_mut() {
            list.reverse(); // pop() then yields the oldest first
        }
        let mut to_book = Vec::new();
        let mut to_revise: Vec<(usize, Decimal, String)> = Vec::new();
        let mut to_drop = Vec::new();
        let mut fresh = Vec::new();
        for tx in &held.transactions {
            let date = paris_midnight(tx.date);
            let listed = tx.listed_at(sync_number);
            // The stored line reads as the bank lists it now, or as it first listed it, or as
            // its revision (when the bank dropped it after revising it).
            let mut keys = vec![(tx.amount, tx.label.as_str())];
            if let Some(l) = &listed {
                keys.insert(0, (l.amount, l.label));
            }
            if let Some(r) = &tx.later.revised {
                keys.push((
                    r.amount.unwrap_or(tx.amount),
                    r.label.as_deref().unwrap_or(&tx.label),
                ));
            }
            let found = keys
                .into_iter()
                .find_map(|(amount, label)| by_key.get_mut(&(date, amount, label))?.pop());
            match (found, listed) {
                (Some(i), None) => to_drop.push(i),
                (Some(i), Some(l)) => {
                    if !l.pending && stored[i].status == "PENDING" {
                        to_book.push(i);
                    }
                    if stored[i].amount != l.amount || stored[i].label != l.label {
                        to_revise.push((i, l.amount, l.label.to_owned()));
                    }
                }
                (None, None) => {}
                (None, Some(l)) => fresh.push(TransactionRecord {
                    id: sandbox.next_id(),
                    account_id: account_id.to_owned(),
                    currency: currency.clone(),
                    amount: l.amount,
                    label: l.label.to_owned(),
                    notes: tx.notes.clone(),
                    date,
                    value_date: date,
                    booking_date: (!l.pending).then_some(date),
                    import_date: now,
                    status: if l.pending { "PENDING" } else { "BOOKED" }.to_owned(),
                    transaction_type: tx.transaction_type.clone(),
                    category_id: tx.category_id.clone(),
                    origin: "TRANSACTION".to_owned(),
                }),
            }
        }
        drop(by_key);
        for i in to_book {
            stored[i].status = "BOOKED".to_owned();
            stored[i].booking_date = Some(stored[i].date);
        }
        for (i, amount, label) in to_revise {
            stored[i].amount = amount;
            stored[i].label = label;
        }
        to_drop.sort_unstable();
        for i in to_drop.into_iter().rev() {
            let gone = stored.remove(i);
            self.transaction_index.remove(&gone.id);
        }
        let new = fresh.len();
        for tx in &fresh {
            self.transaction_index
                .insert(tx.id.clone(), account_id.to_owned());
        }
        stored.extend(fresh);
        // Nearly sorted already (a new batch goes last): the stable sort runs in about O(n).
        stored.sort_by(api_order);
        new
    }
}

/// The order of `GET /transactions`: `import_date` ascending, then `id` descending.
pub fn api_order(a: &TransactionRecord, b: &TransactionRecord) -> Ordering {
    a.import_date
        .cmp(&b.import_date)
        .then_with(|| id_order(&b.id, &a.id))
}

/// Midnight Europe/Paris of `date`, in epoch seconds (as the API writes transaction dates).
pub fn paris_midnight(date: NaiveDate) -> i64 {
    let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    // Paris never skips or repeats midnight (changes happen at 02:00/03:00); fall back to UTC.
    Paris
        .from_local_datetime(&midnight)
        .earliest()
        .map_or_else(|| midnight.and_utc().timestamp(), |t| t.timestamp())
}

/// The transactions of several accounts in the API's order, each account's list being sorted:
/// a lazy merge, so a page stops after its last transaction without copying or sorting.
pub struct Merge<'a> {
    /// What is left of each account's list, each in the API's order.
    pub heads: Vec<&'a [TransactionRecord]>,
}

impl<'a> Iterator for Merge<'a> {
    type Item = &'a TransactionRecord;

    fn next(&mut self) -> Option<Self::Item> {
        let mut best: Option<usize> = None;
        for (i, head) in self.heads.iter().enumerate() {
            let Some(candidate) = head.first() else {
                continue;
            };
            let better = best.is_none_or(|b| {
                self.heads[b]
                    .first()
                    .is_none_or(|current| api_order(candidate, current).is_lt())
            });
            if better {
                best = Some(i);
            }
        }
        let i = best?;
        let (first, rest) = self.heads[i].split_first()?;
        self.heads[i] = rest;
        Some(first)
    }
}

/// Drops the first `skip` transactions of the merge of `heads` (each in the API's order) in
/// O(m² log² n) for m accounts of n lines, instead of walking them: a page deep in a large
/// account costs what the first one does.
///
/// How: the `skip`-th line of the merge is the one line that has exactly `skip` lines before
/// it in all the lists together; that count grows along each list, so a binary search in each
/// list finds it, and every list is then cut where that line would go.
pub fn skip_merged(heads: &mut [&[TransactionRecord]], skip: usize) {
    let before = |list: &[TransactionRecord], line: &TransactionRecord| {
        list.partition_point(|other| api_order(other, line).is_lt())
    };
    let rank = |heads: &[&[TransactionRecord]], line: &TransactionRecord| -> usize {
        heads.iter().map(|list| before(list, line)).sum()
    };
    for i in 0..heads.len() {
        let list = heads[i];
        let (mut low, mut high) = (0, list.len());
        while low < high {
            let mid = low + (high - low) / 2;
            if rank(heads, &list[mid]) < skip {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        if let Some(line) = list.get(low)
            && rank(heads, line) == skip
        {
            for head in heads.iter_mut() {
                *head = &head[before(head, line)..];
            }
            return;
        }
    }
    // `skip` is past the end of every list.
    for head in heads.iter_mut() {
        *head = &[];
    }
}

#[cfg(test)]
mod tests;
