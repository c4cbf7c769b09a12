//! Stage three of the dashboard's load: what the charts view draws ([`ChartData`]), summed by
//! SQLite, never row by row in Rust: each account's moves per day over the last year (through
//! the `(account_id, date, amount)` index, at most [`DAYS`] rows back per account), and the
//! debits per month, category and currency of the last [`MONTHS`] months (through the
//! `(date, category, currency, amount)` index). The cost depends on a year's lines, not on the
//! whole history.
//!
//! Amounts are stored as decimal text; SQLite's `SUM` of text would go through floating point,
//! so [`MICROS`] turns each into an exact integer of millionths first (a seventh decimal and
//! beyond is dropped; a sum beyond ±9.2 trillion is an error, not a wrong number).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::transactions::parse_day;
use crate::domain::AccountState;
use crate::store::read_model::charts::{
    BalanceSeries, ChartData, DAYS, MONTHS, Spending, daily_points, months_ending,
};
use crate::store::{Store, StoreError};

/// The SQL of `amount` (decimal text: `-12.5`, `300`, `0.001`) in exact millionths: the
/// integer part times a million, plus the first six decimals padded with zeros, signed.
pub const MICROS: &str = "(CASE WHEN instr(amount, '.') = 0 THEN CAST(amount AS INTEGER) * 1000000
    ELSE CAST(substr(amount, 1, instr(amount, '.') - 1) AS INTEGER) * 1000000
      + (CASE WHEN amount LIKE '-%' THEN -1 ELSE 1 END)
        * CAST(substr(substr(amount, instr(amount, '.') + 1) || '000000', 1, 6) AS INTEGER)
    END)";

/// The balances and the spending the charts show, as of `today`.
pub fn load_charts(store: &Store, today: NaiveDate) -> Result<ChartData, StoreError> {
    let mut balances = Vec::new();
    for a in store.accounts()? {
        if a.account.state == AccountState::PendingConsent {
            continue;
        }
        let Some(balance) = &a.account.balance else {
            continue;
        };
        let sums = daily_sums(store, a.id().key(), ChartData::first_day(today))?;
        balances.push(BalanceSeries {
            account: a.id().clone(),
            currency: balance.currency.clone(),
            points: daily_points(balance.amount, today, &sums),
        });
    }
    let months = months_ending(today);
    let spending = spending(store, &months)?;
    Ok(ChartData {
        today,
        balances,
        months,
        spending,
    })
}

/// The account's moves summed per day, after `first`, newest first.
fn daily_sums(
    store: &Store,
    account: &str,
    first: NaiveDate,
) -> Result<Vec<(NaiveDate, Decimal)>, StoreError> {
    let sql = format!(
        "SELECT date, SUM({MICROS}) FROM transactions WHERE account_id = ?1 AND date > ?2
         GROUP BY date ORDER BY date DESC"
    );
    let mut stmt = store.conn.prepare_cached(&sql)?;
    let rows = stmt.query_map((account, first.to_string()), |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
    })?;
    let mut sums = Vec::with_capacity(DAYS);
    for row in rows {
        let (date, micros) = row?;
        let date = parse_day(&date).ok_or_else(|| unreadable("date"))?;
        sums.push((date, from_micros(micros)));
    }
    Ok(sums)
}

/// The debits of each month of `months` (first days, oldest first), per category and currency.
fn spending(store: &Store, months: &[NaiveDate]) -> Result<Vec<Spending>, StoreError> {
    let (Some(first), Some(last)) = (months.first(), months.last()) else {
        return Ok(Vec::new());
    };
    let end = last
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(*last);
    let sql = format!(
        "SELECT substr(date, 1, 7), category, currency, SUM({MICROS}) FROM transactions
         WHERE date >= ?1 AND date < ?2 AND amount LIKE '-%'
         GROUP BY 1, 2, 3"
    );
    let mut stmt = store.conn.prepare_cached(&sql)?;
    let rows = stmt.query_map((first.to_string(), end.to_string()), |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, i64>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (month, category, currency, micros) = row?;
        let month = parse_day(&format!("{month}-01")).ok_or_else(|| unreadable("date"))?;
        let Some(month) = months.iter().position(|m| *m == month) else {
            continue;
        };
        out.push(Spending {
            month,
            category,
            currency,
            spent: -from_micros(micros),
        });
    }
    debug_assert!(out.iter().all(|s| s.month < MONTHS));
    Ok(out)
}

fn from_micros(micros: i64) -> Decimal {
    Decimal::new(micros, 6).normalize()
}

fn unreadable(what: &str) -> StoreError {
    StoreError::Invalid(format!("a stored {what} is unreadable"))
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use proptest::prelude::*;

    use super::*;

    fn micros_of(store: &Store, amount: &str) -> i64 {
        store
            .conn
            .query_row(
                &format!("SELECT {MICROS} FROM (SELECT ?1 AS amount)"),
                [amount],
                |r| r.get(0),
            )
            .unwrap()
    }

    proptest! {
        #[test]
        fn stored_amounts_sum_exactly_in_sql(units in -9_000_000_000_000i64..9_000_000_000_000,
                                            scale in 0u32..=6) {
            let dir = tempfile::tempdir().unwrap();
            let store = Store::open(&dir.path().join("s.sqlite")).unwrap();
            let amount = Decimal::new(units, scale);
            let micros = micros_of(&store, &amount.to_string());
            prop_assert_eq!(from_micros(micros), amount.normalize());
        }
    }

    #[test]
    fn small_negative_amounts_keep_their_sign() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s.sqlite")).unwrap();
        for text in ["-0.5", "-0.05", "-12", "0.001", "-7.1234567"] {
            let expected = Decimal::from_str(text).unwrap().trunc_with_scale(6);
            assert_eq!(from_micros(micros_of(&store, text)), expected.normalize());
        }
    }
}
