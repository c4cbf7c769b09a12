//! [`push_row`]: one stored transaction added to the compact [`Transactions`] of a window
//! (`store::window`), each cell borrowed from SQLite — no `String` per cell.
//!
//! [`tx_facts`]: what the transactions view needs of the store as a whole — how many rows, and
//! which categories the `c` key steps through — without reading the rows.

use std::str::FromStr;

use chrono::{DateTime, NaiveDate};
use rusqlite::types::{FromSqlError, Type, ValueRef};
use rust_decimal::Decimal;

use crate::domain::BookingStatus;
use crate::store::read_model::{Transactions, TxRef};
use crate::store::{Store, StoreError};

/// Adds the row `r` holds from column `at` on (`id, account_id, amount, currency, date,
/// value_date, booking_date, imported_at, booking, label, notes, category, kind`, in that
/// order) to `all`, borrowing its text from SQLite.
pub fn push_row(all: &mut Transactions, r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<()> {
    let text = |i: usize| -> rusqlite::Result<Option<&str>> {
        match r.get_ref(at + i)? {
            ValueRef::Null => Ok(None),
            v => v.as_str().map(Some).map_err(|e| bad(at + i, e)),
        }
    };
    let needed = |i: usize| text(i).map(Option::unwrap_or_default);
    let amount = needed(2)?;
    let amount = Decimal::from_str(amount).map_err(|e| {
        bad(
            at + 2,
            FromSqlError::Other(format!("amount `{amount}`: {e}").into()),
        )
    })?;
    let date = |i: usize| -> rusqlite::Result<Option<NaiveDate>> {
        text(i)?
            .map(|t| parse_day(t).ok_or_else(|| bad_date(at + i, t)))
            .transpose()
    };
    all.push(TxRef {
        id: needed(0)?,
        account_id: needed(1)?,
        amount,
        currency: needed(3)?,
        date: date(4)?.unwrap_or_default(),
        value_date: date(5)?,
        booking_date: date(6)?,
        imported_at: r
            .get::<_, Option<i64>>(at + 7)?
            .and_then(|t| DateTime::from_timestamp(t, 0)),
        status: BookingStatus::from_code(needed(8)?),
        label: needed(9)?,
        notes: text(10)?,
        category: text(11)?,
        kind: text(12)?,
    });
    Ok(())
}

/// The store's transactions as a whole, for the transactions view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TxFacts {
    /// How many transactions the store holds.
    pub total: usize,
    /// Every category code stored, in byte order (as stored, not sanitised: a filter matches
    /// it exactly; the screen cleans it when drawn).
    pub categories: Vec<String>,
}

/// How many transactions, which categories: a count and a skip scan of the category index
/// (one lookup per distinct category, not one per row).
pub fn tx_facts(store: &Store) -> Result<TxFacts, StoreError> {
    let total: i64 = store
        .conn
        .prepare_cached("SELECT count(*) FROM transactions")?
        .query_row([], |r| r.get(0))?;
    let mut stmt = store.conn.prepare_cached(
        "WITH RECURSIVE v(x) AS (
             SELECT MIN(category) FROM transactions
             UNION ALL
             SELECT (SELECT MIN(category) FROM transactions WHERE category > v.x)
             FROM v WHERE v.x IS NOT NULL
         )
         SELECT x FROM v WHERE x IS NOT NULL",
    )?;
    let categories = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(TxFacts {
        total: total.max(0) as usize,
        categories,
    })
}

fn bad(column: usize, e: FromSqlError) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, Type::Text, Box::new(e))
}

fn bad_date(column: usize, text: &str) -> rusqlite::Error {
    bad(column, FromSqlError::Other(format!("date `{text}`").into()))
}

/// A stored day: `YYYY-MM-DD` read digit by digit (the common case), else by chrono.
pub(super) fn parse_day(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
        return NaiveDate::from_ymd_opt(y as i32, m, d);
    }
    NaiveDate::from_str(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_days_parse_and_bad_ones_do_not() {
        assert_eq!(
            parse_day("2024-02-29"),
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
        assert_eq!(parse_day("2023-02-29"), None);
        assert_eq!(parse_day("2024-1a-01"), None);
        assert_eq!(
            parse_day("+12024-01-01"),
            NaiveDate::from_ymd_opt(12024, 1, 1)
        );
        assert_eq!(parse_day(""), None);
    }
}
