//! What a test-bank transaction becomes on a later sync of its connection
//! (`COFFRE_ON_SYNC|<n>|<change>|…`, on the TRANSACTION just above): the bank lists it from sync
//! `n` on (`appear`), books it (`book`), stops listing it (`drop`, pending lines only: a bank
//! drops a pre-authorisation, never a booked line), or revises it under the same id
//! (`amount=<amount>`, `label=<label>`, as a card payment settles at its final amount).
//!
//! Choice (ours): one change per sync number and kind; a later `COFFRE_ON_SYNC` of the same kind
//! replaces the earlier one.

use rust_decimal::Decimal;

use super::BankTransaction;
use super::fields::{amount, clip, number};

/// The later life of one transaction (default: listed from the first sync, never changed).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Later {
    /// The connection sync from which the bank lists it (0: the first).
    pub appears_on_sync: u32,
    /// The connection sync from which the bank no longer lists it.
    pub dropped_on_sync: Option<u32>,
    /// From this sync on, it reads with this amount and/or label (same id).
    pub revised: Option<Revision>,
}

/// A revision of a transaction's amount or label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// The sync from which the revision shows.
    pub on_sync: u32,
    /// The new amount, when it changes.
    pub amount: Option<Decimal>,
    /// The new label, when it changes.
    pub label: Option<String>,
}

/// How the bank lists a transaction at one sync.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed<'a> {
    pub amount: Decimal,
    pub label: &'a str,
    pub pending: bool,
}

impl BankTransaction {
    /// How the bank lists this transaction at sync `sync_number`; `None` when it does not (not
    /// yet appeared, or dropped).
    pub fn listed_at(&self, sync_number: u32) -> Option<Listed<'_>> {
        let later = &self.later;
        if sync_number < later.appears_on_sync
            || later.dropped_on_sync.is_some_and(|n| sync_number >= n)
        {
            return None;
        }
        let revision = later.revised.as_ref().filter(|r| sync_number >= r.on_sync);
        Some(Listed {
            amount: revision.and_then(|r| r.amount).unwrap_or(self.amount),
            label: revision
                .and_then(|r| r.label.as_deref())
                .unwrap_or(&self.label),
            pending: self.is_pending_at(sync_number),
        })
    }
}

/// Applies `COFFRE_ON_SYNC|<n>|<change>|…` (the fields after the tag) to `tx`.
pub fn on_sync(tx: &mut BankTransaction, fields: &[&str]) -> Result<(), String> {
    let [n, changes @ ..] = fields else {
        return Err("COFFRE_ON_SYNC needs a sync number and a change".into());
    };
    let n = number(n, "sync number")?;
    if changes.is_empty() {
        return Err("COFFRE_ON_SYNC needs a change: appear, book, drop, amount=…, label=…".into());
    }
    for change in changes {
        let (key, value) = change.split_once('=').unwrap_or((change, ""));
        match key.trim() {
            "appear" => tx.later.appears_on_sync = n,
            "book" => {
                tx.pending = true;
                tx.booked_on_sync = Some(n);
            }
            "drop" if tx.pending => tx.later.dropped_on_sync = Some(n),
            "drop" => return Err("COFFRE_ON_SYNC: only a pending transaction can drop".into()),
            "amount" => revision(tx, n).amount = Some(amount(value)?),
            "label" if !value.is_empty() => revision(tx, n).label = Some(value.to_owned()),
            other => {
                return Err(format!(
                    "unknown change `{}` (known: appear, book, drop, amount=…, label=…)",
                    clip(other)
                ));
            }
        }
    }
    Ok(())
}

/// The revision of `tx` at sync `n` (made when absent).
fn revision(tx: &mut BankTransaction, n: u32) -> &mut Revision {
    let revision = tx.later.revised.get_or_insert(Revision {
        on_sync: n,
        amount: None,
        label: None,
    });
    revision.on_sync = n;
    revision
}
