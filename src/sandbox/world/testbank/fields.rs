//! The fields of test-bank records: dates, amounts, numbers, booleans, and the `key=value`
//! transaction details of `COFFRE_TX` / `COFFRE_RECURRING`.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::BankTransaction;

/// Transaction.type values (oxlin-api.md §6).
const TRANSACTION_TYPES: &[&str] = &[
    "CREDIT",
    "DEBIT",
    "INTEREST",
    "DIVIDEND",
    "BANK_FEE",
    "DEPOSIT",
    "ATM",
    "POINT_OF_SALE",
    "CREDIT_CARD_PAYMENT",
    "INTERNAL_TRANSFER",
    "POTENTIAL_TRANSFER",
    "CHECK",
    "ELECTRONIC_PAYMENT",
    "CASH",
    "DIRECT_DEPOSIT",
    "DIRECT_DEBIT",
    "REPEATING_PAYMENT",
    "OTHER",
];

/// One `key=value` field of COFFRE_TX / COFFRE_RECURRING.
pub fn extra(tx: &mut BankTransaction, field: &str) -> Result<(), String> {
    let (key, value) = field.split_once('=').unwrap_or((field, ""));
    match key.trim() {
        "notes" => tx.notes = Some(value.replace("\\n", "\n")),
        "pending" => tx.pending = value.is_empty() || boolean(value)?,
        "booked_on_sync" => {
            tx.pending = true;
            tx.booked_on_sync = Some(number(value, "booked_on_sync")?);
        }
        "type" if TRANSACTION_TYPES.contains(&value) => tx.transaction_type = value.to_owned(),
        "type" => return Err(format!("unknown transaction type `{}`", clip(value))),
        "category" if !value.is_empty() => tx.category_id = value.to_owned(),
        other => {
            return Err(format!(
                "unknown transaction detail `{}` (known: notes, pending, booked_on_sync, type, category)",
                clip(other)
            ));
        }
    }
    Ok(())
}

/// `DD/MM/YY` (20YY) or `DD/MM/YYYY`.
pub fn date(text: &str) -> Result<NaiveDate, String> {
    let bad = || format!("`{}` is not a date DD/MM/YY", clip(text));
    let parts: Vec<&str> = text.split('/').collect();
    let [d, m, y] = parts[..] else {
        return Err(bad());
    };
    let (d, m, y): (u32, u32, i32) = (
        d.parse().map_err(|_| bad())?,
        m.parse().map_err(|_| bad())?,
        y.parse().map_err(|_| bad())?,
    );
    let year = if y < 100 { 2000 + y } else { y };
    NaiveDate::from_ymd_opt(year, m, d).ok_or_else(bad)
}

pub fn amount(text: &str) -> Result<Decimal, String> {
    Decimal::from_str(&text.replace(',', "."))
        .map_err(|_| format!("`{}` is not an amount", clip(text)))
}

pub fn number(text: &str, what: &str) -> Result<u32, String> {
    text.parse()
        .map_err(|_| format!("{what} `{}` is not a whole number", clip(text)))
}

pub fn boolean(text: &str) -> Result<bool, String> {
    match text.to_ascii_lowercase().as_str() {
        "" | "false" | "0" | "no" => Ok(false),
        "true" | "1" | "yes" => Ok(true),
        _ => Err(format!("`{}` is not true or false", clip(text))),
    }
}

/// Hostile text is quoted at most 40 characters long, without control characters, in errors.
pub fn clip(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).take(40).collect()
}
