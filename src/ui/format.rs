//! Formatting of money, dates and relative times for the screens. Pure: every function that talks
//! about "now" takes it as a parameter, so a snapshot renders the same on every run.
//!
//! Docs gap: the API gives amounts as JSON numbers with an ISO currency code and dates as epoch
//! seconds at midnight Europe/Paris. We chose: French grouping ("1 234,56 €") as an option, plain
//! ("1234.56 EUR") otherwise; dates shown as `dd/mm/yyyy` in Europe/Paris; amounts rounded to the
//! currency's usual 2 decimals for display only (the stored value keeps its precision).
//!
//! Epoch seconds come from servers: a value chrono cannot hold, or one whose Paris day lies past
//! the end of chrono's calendar, is shown as `?`, never a panic.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use crate::domain::paris_date;

/// How numbers are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NumberStyle {
    /// `-1234.56 EUR`
    #[default]
    Plain,
    /// `-1 234,56 €` (space grouping, decimal comma, symbol after).
    French,
}

/// An amount with its currency, e.g. `1 234,56 €` or `-12.00 USD`.
pub fn money(amount: Decimal, currency: &str, style: NumberStyle) -> String {
    let amount = amount.round_dp(2);
    let sign = if amount.is_sign_negative() && !amount.is_zero() {
        "-"
    } else {
        ""
    };
    format!("{sign}{}", unsigned(amount, currency, style))
}

/// An amount that always shows its sign: `+50.00 EUR`, `-12.30 EUR` (transactions).
pub fn signed_money(amount: Decimal, currency: &str, style: NumberStyle) -> String {
    let amount = amount.round_dp(2);
    let sign = if amount.is_sign_negative() && !amount.is_zero() {
        "-"
    } else {
        "+"
    };
    format!("{sign}{}", unsigned(amount, currency, style))
}

fn unsigned(amount: Decimal, currency: &str, style: NumberStyle) -> String {
    let rounded = amount.abs().round_dp(2);
    let text = format!("{rounded:.2}");
    let (int, frac) = text.split_once('.').unwrap_or((text.as_str(), "00"));
    match style {
        NumberStyle::Plain => format!("{int}.{frac} {currency}"),
        NumberStyle::French => {
            let symbol = match currency {
                "EUR" => "€",
                "USD" => "$",
                "GBP" => "£",
                other => other,
            };
            format!("{},{frac} {symbol}", group_thousands(int, ' '))
        }
    }
}

/// A count for people: `1 000 000` (French style) or `1,000,000`.
pub fn count(n: usize, style: NumberStyle) -> String {
    let sep = match style {
        NumberStyle::French => ' ',
        NumberStyle::Plain => ',',
    };
    group_thousands(&n.to_string(), sep)
}

/// `1234567` → `1 234 567`.
fn group_thousands(digits: &str, sep: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// An API date (epoch seconds) as `dd/mm/yyyy` in Europe/Paris; `?` when out of range.
pub fn date(epoch_seconds: i64) -> String {
    match paris_date(epoch_seconds) {
        Some(day) => day.format("%d/%m/%Y").to_string(),
        None => "?".to_string(),
    }
}

/// How long ago `then` was, seen from `now`: `just now`, `3 min ago`, `2 h ago`, `5 days ago`.
/// A `then` in the future (clock skew) reads `just now`.
pub fn ago(then: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let secs = (now - then).num_seconds();
    match secs {
        s if s < 60 => "just now".to_string(),
        s if s < 3600 => format!("{} min ago", s / 60),
        s if s < 86_400 => format!("{} h ago", s / 3600),
        s if s < 2 * 86_400 => "yesterday".to_string(),
        s => format!("{} days ago", s / 86_400),
    }
}

/// `text` cut to `width` characters, ending with `…` when something was cut.
pub fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut out: String = text.chars().take(width.saturating_sub(1)).collect();
    if width > 0 {
        out.push('…');
    }
    out
}

/// A countdown in seconds as `m:ss` (challenge timeouts); negative counts as `0:00`.
pub fn countdown(seconds_left: i64) -> String {
    let s = seconds_left.max(0);
    format!("{}:{:02}", s / 60, s % 60)
}

/// An IBAN masked for display: the country and check digits, then `••••`, then the last 4.
pub fn masked_iban(iban: &str) -> String {
    let compact: String = iban.chars().filter(|c| !c.is_whitespace()).collect();
    let n = compact.chars().count();
    if n <= 8 {
        return "•".repeat(n);
    }
    let head: String = compact.chars().take(4).collect();
    let tail: String = compact.chars().skip(n - 4).collect();
    format!("{head} •••• {tail}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn money_in_both_styles() {
        assert_eq!(
            money(d("2441.46"), "EUR", NumberStyle::Plain),
            "2441.46 EUR"
        );
        assert_eq!(
            money(d("-1234567.5"), "EUR", NumberStyle::French),
            "-1 234 567,50 €"
        );
        assert_eq!(money(d("999"), "CHF", NumberStyle::French), "999,00 CHF");
        assert_eq!(
            signed_money(d("50"), "EUR", NumberStyle::Plain),
            "+50.00 EUR"
        );
        assert_eq!(
            signed_money(d("-79.99"), "EUR", NumberStyle::Plain),
            "-79.99 EUR"
        );
        assert_eq!(money(d("-0.001"), "EUR", NumberStyle::Plain), "0.00 EUR");
    }

    #[test]
    fn dates_are_paris_days() {
        // 1639954800 = 2021-12-20 00:00 Europe/Paris (23:00 UTC the day before).
        assert_eq!(date(1_639_954_800), "20/12/2021");
        assert_eq!(date(i64::MAX), "?");
        assert_eq!(date(i64::MIN), "?");
        assert_eq!(date(DateTime::<Utc>::MAX_UTC.timestamp()), "?");
        assert_eq!(date(DateTime::<Utc>::MIN_UTC.timestamp()), "01/01/-262143");
    }

    #[test]
    fn ago_reads_like_a_person() {
        let now = Utc.timestamp_opt(1_700_000_000, 0).unwrap();
        let at = |s: i64| Utc.timestamp_opt(1_700_000_000 - s, 0).unwrap();
        assert_eq!(ago(at(10), now), "just now");
        assert_eq!(ago(at(-10), now), "just now");
        assert_eq!(ago(at(180), now), "3 min ago");
        assert_eq!(ago(at(7200), now), "2 h ago");
        assert_eq!(ago(at(90_000), now), "yesterday");
        assert_eq!(ago(at(5 * 86_400), now), "5 days ago");
    }

    #[test]
    fn countdown_and_iban_masking() {
        assert_eq!(countdown(125), "2:05");
        assert_eq!(countdown(-3), "0:00");
        assert_eq!(
            masked_iban("FR62 3000 3000 5023 7684 3574 B66"),
            "FR62 •••• 4B66"
        );
        assert_eq!(masked_iban("FR12"), "••••");
    }
}
