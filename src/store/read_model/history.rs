//! An account's balance history, walked back from its known balance: the balance at the end of
//! a week is the current balance minus everything dated after that week. The store's loader
//! computes it from the last weeks' rows; the dashboard from its loaded rows when no loader did.
//!
//! Docs gap: the API gives only the current balance. We chose: [`WEEKS`] weekly points ending
//! at the balance date (or the last transaction when there is none); pending transactions count,
//! as the banks' own balances usually include them.

use chrono::{Duration, NaiveDate};
use rust_decimal::Decimal;

/// How many weekly points a history has.
pub const WEEKS: usize = 12;

/// `moves` newest first (at least every move after the oldest point); returns [`WEEKS`] points
/// oldest first, the last one at `end`.
pub fn weekly_points(
    balance: Decimal,
    end: NaiveDate,
    moves: &[(NaiveDate, Decimal)],
) -> Vec<Decimal> {
    let mut points = Vec::with_capacity(WEEKS);
    let mut running = balance;
    let mut next = 0;
    for week in 0..WEEKS {
        // A server-chosen balance date near the calendar's start has no earlier weeks.
        let cut = end
            .checked_sub_signed(Duration::weeks(week as i64))
            .unwrap_or(NaiveDate::MIN);
        while let Some((date, amount)) = moves.get(next) {
            if *date <= cut {
                break;
            }
            running -= *amount;
            next += 1;
        }
        points.push(running);
    }
    points.reverse();
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_walks_back_from_the_balance() {
        let day = |d: u32| NaiveDate::from_ymd_opt(2024, 3, d).unwrap_or_default();
        let moves = [(day(20), Decimal::from(-30)), (day(10), Decimal::from(100))];
        let points = weekly_points(Decimal::from(500), day(21), &moves);
        assert_eq!(points.len(), WEEKS);
        // Weeks ending 21 Mar, 14 Mar, 7 Mar, …
        assert_eq!(points[WEEKS - 1], Decimal::from(500));
        assert_eq!(points[WEEKS - 2], Decimal::from(530));
        assert_eq!(points[WEEKS - 3], Decimal::from(430));
        assert_eq!(points[0], Decimal::from(430));
    }
}
