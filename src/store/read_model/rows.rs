//! The transactions of a window (`store::window`), compact: each row is one fixed-size record
//! (dates as day numbers, small indexes for the account, currency, category and type, offsets
//! into shared text); the texts of every row (id, label, notes) live one after the other in one
//! `String`.
//!
//! And the search rule's text ([`search_text`]: lowercased label and notes, accents folded,
//! then the amount as stored and as shown), which the store's search checks rows against.
//!
//! Text is sanitised as it is added ([`crate::sanitize`]: one line for the label, category,
//! type and currency, several lines for the notes); plain ASCII text, the usual case, is copied
//! as is without building a cleaned copy.
//!
//! Docs gap (ours): a date or an instant out of the ranges below is shown as missing; a text
//! arena beyond 4 GiB is out of reach (the rows would not fit in memory long before).

use std::fmt::Write as _;

use chrono::{DateTime, Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::intern::Interner;
pub use super::tx_ref::TxRef;
use crate::domain::BookingStatus;
use crate::sanitize::{clean_line, clean_multiline};

/// "No date" in a day-number column.
const NO_DAY: i32 = i32::MIN;
/// "No instant" in the import column.
const NO_INSTANT: i64 = i64::MIN;
/// "No notes".
const NO_NOTES: u32 = u32::MAX;

/// One row's fixed-size record.
#[derive(Debug, Clone, Copy)]
struct Record {
    amount: Decimal,
    imported_at: i64,
    /// Where its id, label and notes start in `text`.
    text_start: u32,
    id_len: u32,
    label_len: u32,
    notes_len: u32,
    date: i32,
    value_date: i32,
    booking_date: i32,
    account: u32,
    currency: u32,
    category: u32,
    kind: u32,
    status: BookingStatus,
}

/// Every transaction, compact. Row numbers are `u32`, in the order the rows were added.
#[derive(Clone, Default)]
pub struct Transactions {
    records: Vec<Record>,
    text: String,
    /// Boxed: keeps the value small to move around in messages.
    names: Box<Names>,
}

/// The distinct short texts the records point at.
#[derive(Clone, Default)]
struct Names {
    accounts: Interner,
    currencies: Interner,
    categories: Interner,
    kinds: Interner,
}

impl std::fmt::Debug for Transactions {
    /// A count, not a million rows.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Transactions({} rows)", self.records.len())
    }
}

impl PartialEq for Transactions {
    /// Same rows, same order.
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && (0..self.len() as u32).all(|i| self.get(i) == other.get(i))
    }
}

fn day(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

fn from_day(n: i32) -> Option<NaiveDate> {
    (n != NO_DAY).then(|| NaiveDate::from_num_days_from_ce_opt(n))?
}

/// Printable ASCII without leading, trailing or doubled spaces: what cleaning (and the
/// search's fold) leaves unchanged, so such text is copied or compared as it is.
pub(in crate::store) fn is_plain(text: &str) -> bool {
    let b = text.as_bytes();
    b.iter().all(|c| (0x20..0x7f).contains(c))
        && b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && !b.windows(2).any(|w| w == b"  ")
}

/// Appends `text` cleaned (one line, or several with `multiline`); returns the length added.
fn push_clean(out: &mut String, text: &str, multiline: bool) -> u32 {
    let before = out.len();
    if is_plain(text) {
        out.push_str(text);
    } else if multiline {
        out.push_str(&clean_multiline(text));
    } else {
        out.push_str(&clean_line(text));
    }
    (out.len() - before) as u32
}

/// Search text: lowercased, accents folded (`Prêt` → `pret`).
fn push_lower(out: &mut String, text: &str) {
    if text.is_ascii() {
        out.extend(text.chars().map(|c| c.to_ascii_lowercase()));
    } else {
        crate::fold::push_folded(out, &text.to_lowercase());
    }
}

/// The amount's search text: as stored with at least two decimals (`42.10`), then, when it
/// differs, as the screen shows it, rounded to two (`42.105 42.11`).
fn push_amount(out: &mut String, amount: Decimal) {
    let mut stored = amount;
    if stored.scale() < 2 {
        stored.rescale(2);
    }
    // Infallible: writing to a String.
    let _ = write!(out, "\t{stored}");
    let shown = amount.round_dp(2);
    if shown != amount {
        let _ = write!(out, " {shown:.2}");
    }
}

/// The search text of one row: label and notes cleaned, lowercased and folded, then the amount
/// as stored and as shown (what the store's search checks a row against).
pub fn search_text(label: &str, notes: Option<&str>, amount: Decimal) -> String {
    let mut clean = String::new();
    let mut hay = String::new();
    push_clean(&mut clean, label, false);
    push_lower(&mut hay, &clean);
    hay.push('\t');
    if let Some(notes) = notes {
        clean.clear();
        push_clean(&mut clean, notes, true);
        push_lower(&mut hay, &clean);
    }
    push_amount(&mut hay, amount);
    hay
}

fn intern_clean(interner: &mut Interner, text: &str) -> u32 {
    if is_plain(text) {
        interner.intern(text)
    } else {
        interner.intern(&clean_line(text))
    }
}

impl Transactions {
    /// No rows; room for `rows` of them.
    pub fn with_capacity(rows: usize) -> Self {
        Transactions {
            records: Vec::with_capacity(rows),
            text: String::with_capacity(rows * 32),
            ..Default::default()
        }
    }

    /// Adds a row (its text sanitised).
    pub fn push(&mut self, row: TxRef<'_>) {
        let text_start = self.text.len() as u32;
        let id_len = push_clean(&mut self.text, row.id, false);
        let label_len = push_clean(&mut self.text, row.label, false);
        let notes_len = match row.notes {
            Some(n) => push_clean(&mut self.text, n, true),
            None => NO_NOTES,
        };
        let record = Record {
            amount: row.amount,
            imported_at: row.imported_at.map_or(NO_INSTANT, |t| t.timestamp()),
            text_start,
            id_len,
            label_len,
            notes_len,
            date: day(row.date),
            value_date: row.value_date.map_or(NO_DAY, day),
            booking_date: row.booking_date.map_or(NO_DAY, day),
            account: self.names.accounts.intern(row.account_id),
            currency: intern_clean(&mut self.names.currencies, row.currency),
            category: row
                .category
                .map_or(0, |c| 1 + intern_clean(&mut self.names.categories, c)),
            kind: row
                .kind
                .map_or(0, |k| 1 + intern_clean(&mut self.names.kinds, k)),
            status: row.status,
        };
        self.records.push(record);
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// No rows at all.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Row `i` (which must be below [`Self::len`]).
    pub fn get(&self, i: u32) -> TxRef<'_> {
        let r = &self.records[i as usize];
        let id_start = r.text_start as usize;
        let label_start = id_start + r.id_len as usize;
        let notes_start = label_start + r.label_len as usize;
        let notes = (r.notes_len != NO_NOTES)
            .then(|| &self.text[notes_start..notes_start + r.notes_len as usize]);
        TxRef {
            id: &self.text[id_start..label_start],
            account_id: self.names.accounts.get(r.account),
            date: from_day(r.date).unwrap_or_default(),
            value_date: from_day(r.value_date),
            booking_date: from_day(r.booking_date),
            amount: r.amount,
            currency: self.names.currencies.get(r.currency),
            label: &self.text[label_start..notes_start],
            notes,
            category: r
                .category
                .checked_sub(1)
                .map(|c| self.names.categories.get(c)),
            kind: r.kind.checked_sub(1).map(|k| self.names.kinds.get(k)),
            status: r.status,
            imported_at: (r.imported_at != NO_INSTANT)
                .then(|| DateTime::from_timestamp(r.imported_at, 0))
                .flatten(),
        }
    }

    /// Row `i`'s amount.
    pub fn amount(&self, i: u32) -> Decimal {
        self.records[i as usize].amount
    }

    /// Row `i`'s status.
    pub fn status(&self, i: u32) -> BookingStatus {
        self.records[i as usize].status
    }
}
