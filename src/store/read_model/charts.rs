//! What the dashboard's charts show, as the store computes it ([`crate::store::dashboard::
//! load_charts`]): each account's daily balance over the last [`DAYS`] days and the debits of
//! the last [`MONTHS`] calendar months per category and currency.
//!
//! Docs gap (ours), like the sparkline's weekly history ([`super::history`]): the API gives
//! only the current balance, so a day's balance is the current balance minus every move dated
//! after that day; pending lines count (banks' own balances usually include them). Spending is
//! the debits (negative amounts, pending included), by the transaction's category code; credits
//! are not netted against them.

use chrono::{Datelike, Duration, NaiveDate};
use rust_decimal::Decimal;

use crate::domain::AccountId;

/// How many daily points a balance series has (a year, today included).
pub const DAYS: usize = 365;
/// How many calendar months the spending covers (this month included).
pub const MONTHS: usize = 12;

/// Everything the charts view shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChartData {
    /// The last day of every series.
    pub today: NaiveDate,
    /// Each account's daily balances (accounts without a known balance have none).
    pub balances: Vec<BalanceSeries>,
    /// The first day of each month of the spending, oldest first ([`MONTHS`] of them).
    pub months: Vec<NaiveDate>,
    /// Debits per month, category and currency (no line for a month with no debit).
    pub spending: Vec<Spending>,
}

/// One account's balance, day by day.
#[derive(Debug, Clone, PartialEq)]
pub struct BalanceSeries {
    /// The account.
    pub account: AccountId,
    /// Its currency.
    pub currency: String,
    /// One balance per day, oldest first, the last one `today` ([`DAYS`] of them).
    pub points: Vec<Decimal>,
}

/// What was spent in one month, in one category and currency.
#[derive(Debug, Clone, PartialEq)]
pub struct Spending {
    /// Index into [`ChartData::months`].
    pub month: usize,
    /// The category code as stored (`None`: the transaction has none).
    pub category: Option<String>,
    /// The currency.
    pub currency: String,
    /// How much was spent (positive: the debits' sum with its sign flipped).
    pub spent: Decimal,
}

impl ChartData {
    /// The first day of the balance series ending `today`.
    pub fn first_day(today: NaiveDate) -> NaiveDate {
        today
            .checked_sub_signed(Duration::days(DAYS as i64 - 1))
            .unwrap_or(NaiveDate::MIN)
    }

    /// The day of point `i` of a balance series.
    pub fn day(&self, i: usize) -> NaiveDate {
        Self::first_day(self.today)
            .checked_add_signed(Duration::days(i as i64))
            .unwrap_or(self.today)
    }

    /// The balance series of `account`, if it has one.
    pub fn balance_of(&self, account: &AccountId) -> Option<&BalanceSeries> {
        self.balances.iter().find(|b| &b.account == account)
    }
}

/// The first days of the [`MONTHS`] calendar months ending with `today`'s, oldest first.
pub fn months_ending(today: NaiveDate) -> Vec<NaiveDate> {
    let first = today.with_day(1).unwrap_or(today);
    (0..MONTHS as u32)
        .rev()
        .map(|back| {
            first
                .checked_sub_months(chrono::Months::new(back))
                .unwrap_or(first)
        })
        .collect()
}

/// Walks back from `balance`: `daily_sums` are (day, sum of that day's moves), newest first,
/// at least every day after the first point; returns [`DAYS`] balances, oldest first, the last
/// one at `today` (moves dated after `today` are taken off it too).
pub fn daily_points(
    balance: Decimal,
    today: NaiveDate,
    daily_sums: &[(NaiveDate, Decimal)],
) -> Vec<Decimal> {
    let mut points = Vec::with_capacity(DAYS);
    let mut running = balance;
    let mut next = 0;
    let mut day = today;
    for _ in 0..DAYS {
        while let Some((date, sum)) = daily_sums.get(next) {
            if *date <= day {
                break;
            }
            running -= *sum;
            next += 1;
        }
        points.push(running);
        day = day.pred_opt().unwrap_or(day);
    }
    points.reverse();
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, m, d).unwrap_or_default()
    }

    #[test]
    fn a_day_balance_is_the_balance_minus_what_moved_after_it() {
        let sums = [
            (day(3, 25), Decimal::from(-5)),
            (day(3, 20), Decimal::from(-30)),
            (day(3, 10), Decimal::from(100)),
        ];
        let points = daily_points(Decimal::from(500), day(3, 21), &sums);
        assert_eq!(points.len(), DAYS);
        assert_eq!(
            points[DAYS - 1],
            Decimal::from(505),
            "the future line is off"
        );
        assert_eq!(points[DAYS - 2], Decimal::from(505), "20 March, its -30 in");
        assert_eq!(
            points[DAYS - 3],
            Decimal::from(535),
            "19 March: before the -30"
        );
        assert_eq!(
            points[DAYS - 12],
            Decimal::from(535),
            "10 March, its +100 in"
        );
        assert_eq!(
            points[DAYS - 13],
            Decimal::from(435),
            "9 March, before the +100"
        );
        assert_eq!(points[0], Decimal::from(435));
    }

    #[test]
    fn twelve_months_end_with_this_month() {
        let months = months_ending(day(1, 31));
        assert_eq!(months.len(), MONTHS);
        assert_eq!(months[0], NaiveDate::from_ymd_opt(2023, 2, 1).unwrap());
        assert_eq!(months[MONTHS - 1], day(1, 1));
    }
}
