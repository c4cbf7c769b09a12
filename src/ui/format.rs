//! Formatting of money, dates and relative times for the screens. Pure: every function that talks
//! about "now" takes it as a parameter, so a snapshot renders the same on every run.
//!
//! Docs gap: the API gives amounts as JSON numbers with an ISO currency code and dates as epoch
//! seconds at midnight Europe/Paris. We chose: French grouping ("1 234,56 €") as an option, plain
//! ("1234.56 EUR") otherwise; amounts rounded to the currency's usual 2 decimals for display
//! only (the stored value keeps its precision).
//!
//! Dates follow the language, in Europe/Paris ([`date`], [`day`], [`day_time`]). Choice (ours):
//! French reads `20/11/2026`, as French banks and users write it; English reads ISO 8601
//! `2026-11-20`, because an English reader may be American (`11/20`) or British (`20/11`) and
//! only the ISO order is read the same by both; it also sorts as text and is what the
//! dashboard's date filter accepts as typed. Relative times ([`ago`]) are said in the language
//! too ("3 min ago", "il y a 3 min").
//!
//! Epoch seconds come from servers: a value chrono cannot hold, or one whose Paris day lies past
//! the end of chrono's calendar, is shown as `?`, never a panic.
//!
//! Privacy mode (issue 15: `p` on the dashboard, `--privacy`, `[ui] privacy = true`) lives here,
//! in [`NumberStyle::amounts`], so that no screen can forget it: every amount written with
//! [`money`] or [`signed_money`] and every IBAN written with [`masked_iban`] comes out masked.
//! Choices (ours): a masked amount has one fixed shape whatever its value, `•••,•• €` (French) or
//! `•••.•• EUR` (plain): no sign, no magnitude, and about the width of a real amount, so columns
//! do not jump when the mode changes; a masked IBAN keeps only its country letters
//! (`FR•• •••• ••••`). Transaction labels, notes and counts stay visible: they may hold digits
//! that are not amounts (a card number's end, a reference, a date), and hiding them would make
//! the dashboard unusable. What the user types (a search, a filter's bounds) stays visible too.
//! Exports never go through this module's masking.
//!
//! Text cut or padded to a column ([`fit`], [`fit_padded`], [`fit_spans`]) is measured in
//! display columns, in `format/width.rs`.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

use crate::domain::paris_date;
use crate::i18n::Lang;
use rust_i18n::t;

mod width;
pub use width::{fit, fit_padded, fit_spans};

/// How numbers are written: the notation, and whether amounts are shown at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NumberStyle {
    /// Grouping, decimal mark and currency symbol.
    pub notation: Notation,
    /// Amounts and IBANs shown, or masked (privacy mode).
    pub amounts: Amounts,
}

/// Grouping, decimal mark and currency symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Notation {
    /// `-1234.56 EUR`
    #[default]
    Plain,
    /// `-1 234,56 €` (space grouping, decimal comma, symbol after).
    French,
}

/// Whether amounts, balances, totals and IBAN digits are on screen (privacy mode masks them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Amounts {
    /// Written out.
    #[default]
    Shown,
    /// Masked: `•••,•• €`, `FR•• •••• ••••` (a shared screen, a stage).
    Masked,
}

impl NumberStyle {
    /// How amounts are written in `lang` (amounts shown): French `-1 234,56 €`, English
    /// `-1234.56 EUR`.
    pub fn of(lang: Lang) -> NumberStyle {
        match lang {
            Lang::En => NumberStyle::PLAIN,
            Lang::Fr => NumberStyle::FRENCH,
        }
    }

    /// `-1234.56 EUR`, amounts shown.
    pub const PLAIN: NumberStyle = NumberStyle {
        notation: Notation::Plain,
        amounts: Amounts::Shown,
    };
    /// `-1 234,56 €`, amounts shown.
    pub const FRENCH: NumberStyle = NumberStyle {
        notation: Notation::French,
        amounts: Amounts::Shown,
    };

    /// The same notation with amounts masked (`true`) or shown.
    pub fn private(self, masked: bool) -> NumberStyle {
        NumberStyle {
            amounts: if masked {
                Amounts::Masked
            } else {
                Amounts::Shown
            },
            ..self
        }
    }

    /// Whether privacy mode is on.
    pub fn is_private(self) -> bool {
        self.amounts == Amounts::Masked
    }
}

/// An amount with its currency, e.g. `1 234,56 €` or `-12.00 USD`.
/// Masked in privacy mode (`•••,•• €`).
pub fn money(amount: Decimal, currency: &str, style: NumberStyle) -> String {
    if style.is_private() {
        return masked(currency, style.notation);
    }
    let amount = amount.round_dp(2);
    let sign = if amount.is_sign_negative() && !amount.is_zero() {
        "-"
    } else {
        ""
    };
    format!("{sign}{}", unsigned(amount, currency, style))
}

/// An amount that always shows its sign: `+50.00 EUR`, `-12.30 EUR` (transactions).
/// Masked in privacy mode, sign included (`•••,•• €`).
pub fn signed_money(amount: Decimal, currency: &str, style: NumberStyle) -> String {
    if style.is_private() {
        return masked(currency, style.notation);
    }
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
    match style.notation {
        Notation::Plain => format!("{int}.{frac} {currency}"),
        Notation::French => format!("{},{frac} {}", group_thousands(int, ' '), symbol(currency)),
    }
}

/// The currency as the notation writes it after an amount (`€` in French, `EUR` plain).
fn symbol(currency: &str) -> &str {
    match currency {
        "EUR" => "€",
        "USD" => "$",
        "GBP" => "£",
        other => other,
    }
}

/// The one shape of every masked amount: no sign, no magnitude.
fn masked(currency: &str, notation: Notation) -> String {
    match notation {
        Notation::Plain => format!("•••.•• {currency}"),
        Notation::French => format!("•••,•• {}", symbol(currency)),
    }
}

/// A count for people: `1 000 000` (French style) or `1,000,000`.
/// Counts are not amounts: privacy mode shows them.
pub fn count(n: usize, style: NumberStyle) -> String {
    let sep = match style.notation {
        Notation::French => ' ',
        Notation::Plain => ',',
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

/// An API date (epoch seconds) as its Europe/Paris day in `lang` ([`day`]); `?` when out of
/// range.
pub fn date(epoch_seconds: i64, lang: Lang) -> String {
    match paris_date(epoch_seconds) {
        Some(d) => day(d, lang),
        None => "?".to_string(),
    }
}

/// A calendar day in `lang`: `2026-11-20` (English, ISO 8601) or `20/11/2026` (French).
pub fn day(d: NaiveDate, lang: Lang) -> String {
    d.format(day_pattern(lang)).to_string()
}

/// A moment in `lang`, to the minute, in UTC: `2026-11-20 14:03 UTC` or `20/11/2026 14:03 UTC`.
pub fn day_time(at: DateTime<Utc>, lang: Lang) -> String {
    format!("{} {}", day(at.date_naive(), lang), at.format("%H:%M UTC"))
}

/// The `chrono` pattern of a day in `lang`.
fn day_pattern(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "%Y-%m-%d",
        Lang::Fr => "%d/%m/%Y",
    }
}

/// How long ago `then` was, seen from `now`, in `lang`: `just now`, `3 min ago`, `2 h ago`,
/// `5 days ago` (`il y a 3 min`…). A `then` in the future (clock skew) reads `just now`.
pub fn ago(then: DateTime<Utc>, now: DateTime<Utc>, lang: Lang) -> String {
    let code = lang.code();
    let secs = (now - then).num_seconds();
    match secs {
        s if s < 60 => t!("ago.just_now", locale = code),
        s if s < 3600 => t!("ago.minutes", locale = code, n = s / 60),
        s if s < 86_400 => t!("ago.hours", locale = code, n = s / 3600),
        s if s < 2 * 86_400 => t!("ago.yesterday", locale = code),
        s => t!("ago.days", locale = code, n = s / 86_400),
    }
    .into_owned()
}

/// A countdown in seconds as `m:ss` (challenge timeouts); negative counts as `0:00`.
pub fn countdown(seconds_left: i64) -> String {
    let s = seconds_left.max(0);
    format!("{}:{:02}", s / 60, s % 60)
}

/// An IBAN masked for display: the country and check digits, then `••••`, then the last 4; in
/// privacy mode only the country letters (`FR•• •••• ••••`).
pub fn masked_iban(iban: &str, style: NumberStyle) -> String {
    let compact: String = iban.chars().filter(|c| !c.is_whitespace()).collect();
    let n = compact.chars().count();
    if style.is_private() {
        let country: String = compact
            .chars()
            .take(2)
            .filter(char::is_ascii_alphabetic)
            .collect();
        return format!("{country:•<4} •••• ••••");
    }
    if n <= 8 {
        return "•".repeat(n);
    }
    let head: String = compact.chars().take(4).collect();
    let tail: String = compact.chars().skip(n - 4).collect();
    format!("{head} •••• {tail}")
}

#[cfg(test)]
mod tests;
