//! `Money` (a `Decimal` amount and its ISO 4217 currency) and Paris calendar dates.
//!
//! Oxlin dates are epoch seconds at midnight Europe/Paris, so a date is read in that zone, never
//! in UTC (1639954800 is 2021-12-20, not 2021-12-19).
//!
//! A server chooses these numbers, so reading them never panics: an instant chrono cannot hold,
//! or one in the last hour of its range whose Paris wall-clock day lies past the end of chrono's
//! calendar, is no day (`None`), not a crash (chrono's `with_timezone(..).date_naive()` panics
//! there; [`paris_day`] uses the checked offset arithmetic instead).

use chrono::{DateTime, NaiveDate, Offset, TimeZone, Utc};
use chrono_tz::Europe::Paris;
use rust_decimal::Decimal;

/// An amount of money in one currency. Debits are negative.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Money {
    pub amount: Decimal,
    /// ISO 4217 code, e.g. `EUR`.
    pub currency: String,
}

impl Money {
    pub fn new(amount: Decimal, currency: impl Into<String>) -> Self {
        Self {
            amount,
            currency: currency.into(),
        }
    }

    /// True for money going out.
    pub fn is_debit(&self) -> bool {
        self.amount.is_sign_negative() && !self.amount.is_zero()
    }
}

impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.amount, self.currency)
    }
}

/// The Paris calendar date of an epoch-seconds instant; `None` when out of range.
pub fn paris_date(epoch_seconds: i64) -> Option<NaiveDate> {
    DateTime::from_timestamp(epoch_seconds, 0).and_then(paris_day)
}

/// The Paris calendar day of an instant; `None` when that day lies past the end of chrono's
/// calendar (the last hour or two of its range), never a panic.
pub fn paris_day(instant: DateTime<Utc>) -> Option<NaiveDate> {
    let utc = instant.naive_utc();
    let offset = Paris.offset_from_utc_datetime(&utc).fix();
    utc.checked_add_offset(offset).map(|local| local.date())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paris_midnight_is_read_as_that_day_not_the_utc_day_before() {
        assert_eq!(
            paris_date(1639954800),
            NaiveDate::from_ymd_opt(2021, 12, 20)
        );
    }

    #[test]
    fn the_last_hour_of_the_calendar_has_no_paris_day_instead_of_a_panic() {
        let last = DateTime::<Utc>::MAX_UTC;
        assert_eq!(paris_day(last), None);
        assert_eq!(paris_date(last.timestamp()), None);
        assert_eq!(paris_date(i64::MAX), None);
        assert_eq!(paris_date(i64::MIN), None);
        let first = DateTime::<Utc>::MIN_UTC;
        assert_eq!(paris_day(first), Some(first.date_naive()));
    }

    #[test]
    fn money_prints_amount_then_currency() {
        let m = Money::new(Decimal::new(-7999, 2), "EUR");
        assert_eq!(m.to_string(), "-79.99 EUR");
        assert!(m.is_debit());
    }
}
