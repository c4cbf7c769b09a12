//! The Transaction object as the API writes it (oxlin-api.md §5.6), and money as a JSON number.
//!
//! A transaction is serialised straight from its record ([`TransactionJson`], a borrowing
//! `Serialize` view), never through a `serde_json::Value`: a page of 500 lines is written
//! into the response body without a map, a key or a string allocated per line (the `Value`
//! built per line was most of the sandbox's cost when serving a million transactions).

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::ser::{Serialize, SerializeStruct, Serializer};
use serde_json::{Number, Value};

use super::super::bank::TransactionRecord;

/// One transaction as the API writes it, borrowed from its record. `notes` and
/// `booking_date` are left out when absent (a pending transaction has no booking date).
pub struct TransactionJson<'a>(pub &'a TransactionRecord);

impl Serialize for TransactionJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let tx = self.0;
        let mut out = serializer.serialize_struct("Transaction", 14)?;
        out.serialize_field("id", &tx.id)?;
        out.serialize_field("account_id", &tx.account_id)?;
        out.serialize_field("currency", &tx.currency)?;
        out.serialize_field("origin", &tx.origin)?;
        out.serialize_field("label", &tx.label)?;
        match &tx.notes {
            Some(notes) => out.serialize_field("notes", notes)?,
            None => out.skip_field("notes")?,
        }
        out.serialize_field("amount", &Money(tx.amount))?;
        out.serialize_field("type", &tx.transaction_type)?;
        out.serialize_field("category_id", &tx.category_id)?;
        out.serialize_field("date", &tx.date)?;
        out.serialize_field("value_date", &tx.value_date)?;
        match tx.booking_date {
            Some(booking_date) => out.serialize_field("booking_date", &booking_date)?,
            None => out.skip_field("booking_date")?,
        }
        out.serialize_field("import_date", &tx.import_date)?;
        out.serialize_field("status", &tx.status)?;
        out.end()
    }
}

impl TransactionRecord {
    /// The Transaction JSON object, as a value (one transaction: `GET /transactions/{id}`).
    pub fn to_json(&self) -> Value {
        serde_json::to_value(TransactionJson(self)).unwrap_or(Value::Null)
    }
}

/// A signed decimal written as [`money`] writes it, without building a `Value`.
struct Money(Decimal);

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match as_number(self.0) {
            Some(Whole::Integer(whole)) => serializer.serialize_i64(whole),
            Some(Whole::Float(value)) => serializer.serialize_f64(value),
            None => serializer.serialize_unit(),
        }
    }
}

/// A JSON number for an amount: whole, or through f64.
enum Whole {
    Integer(i64),
    Float(f64),
}

/// How `amount` is written as a JSON number (`None`: not a finite number, written `null`).
fn as_number(amount: Decimal) -> Option<Whole> {
    let amount = amount.normalize();
    if amount.scale() == 0
        && let Some(whole) = amount.to_i64()
    {
        return Some(Whole::Integer(whole));
    }
    amount.to_f64().filter(|f| f.is_finite()).map(Whole::Float)
}

/// A signed decimal as a JSON number, as v2.1 writes amounts and balances: whole amounts as
/// integers (`-4`), others through f64 only at this boundary (`-79.99`).
pub fn money(amount: Decimal) -> Value {
    match as_number(amount) {
        Some(Whole::Integer(whole)) => Value::Number(whole.into()),
        Some(Whole::Float(value)) => Number::from_f64(value).map_or(Value::Null, Value::Number),
        None => Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use chrono::NaiveDate;

    use super::super::transactions::paris_midnight;
    use super::*;

    #[test]
    fn money_is_a_json_number_whole_when_it_can_be() {
        let text = |s: &str| money(Decimal::from_str(s).unwrap_or_default()).to_string();
        assert_eq!(text("-79.99"), "-79.99");
        assert_eq!(text("-4.00"), "-4");
        assert_eq!(text("2441.460"), "2441.46");
        assert_eq!(text("0"), "0");
    }

    #[test]
    fn dates_are_midnight_in_paris_winter_and_summer() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        // The docs' example: 1639954800 = 2021-12-20 00:00 CET.
        assert_eq!(paris_midnight(day(2021, 12, 20)), 1_639_954_800);
        // Summer time: 2026-07-20 00:00 CEST = 2026-07-19 22:00 UTC.
        assert_eq!(paris_midnight(day(2026, 7, 20)), 1_784_498_400);
    }

    fn record(notes: Option<&str>, booked: bool, amount: &str) -> TransactionRecord {
        TransactionRecord {
            id: "7".into(),
            account_id: "3".into(),
            currency: "EUR".into(),
            amount: Decimal::from_str(amount).unwrap_or_default(),
            label: "CB PHARMACIE \"du\" port".into(),
            notes: notes.map(str::to_owned),
            date: 1_639_954_800,
            value_date: 1_639_954_800,
            booking_date: booked.then_some(1_639_954_800),
            import_date: 1_640_000_000,
            status: if booked { "BOOKED" } else { "PENDING" }.into(),
            transaction_type: "CREDIT_CARD".into(),
            category_id: "12".into(),
            origin: "TRANSACTION".into(),
        }
    }

    #[test]
    fn a_served_transaction_reads_back_as_the_documented_object() {
        let text = serde_json::to_string(&TransactionJson(&record(Some("n"), true, "-79.990")))
            .unwrap_or_default();
        assert!(text.contains(r#""amount":-79.99,"#), "{text}");
        let value: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        assert_eq!(value["label"], "CB PHARMACIE \"du\" port");
        assert_eq!(value["notes"], "n");
        assert_eq!(value["booking_date"], 1_639_954_800);
        assert_eq!(value["type"], "CREDIT_CARD");
        assert_eq!(value["status"], "BOOKED");
    }

    #[test]
    fn a_pending_transaction_has_no_booking_date_and_no_empty_notes() {
        let value = record(None, false, "-4.00").to_json();
        let object = value.as_object().cloned().unwrap_or_default();
        assert!(!object.contains_key("booking_date"));
        assert!(!object.contains_key("notes"));
        assert_eq!(value["amount"], -4);
        assert_eq!(object.len(), 12);
    }
}
