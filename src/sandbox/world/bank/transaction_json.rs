//! The Transaction object as the API writes it (oxlin-api.md §5.6), and money as a JSON number.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::{Map, Number, Value, json};

use super::super::bank::TransactionRecord;

impl TransactionRecord {
    /// The Transaction JSON object. `notes` and `booking_date` are left out when absent (a
    /// pending transaction has no booking date).
    pub fn to_json(&self) -> Value {
        let mut object = Map::with_capacity(14);
        let mut put = |key: &str, value: Value| {
            object.insert(key.to_owned(), value);
        };
        put("id", json!(self.id));
        put("account_id", json!(self.account_id));
        put("currency", json!(self.currency));
        put("origin", json!(self.origin));
        put("label", json!(self.label));
        if let Some(notes) = &self.notes {
            put("notes", json!(notes));
        }
        put("amount", money(self.amount));
        put("type", json!(self.transaction_type));
        put("category_id", json!(self.category_id));
        put("date", json!(self.date));
        put("value_date", json!(self.value_date));
        if let Some(booking_date) = self.booking_date {
            put("booking_date", json!(booking_date));
        }
        put("import_date", json!(self.import_date));
        put("status", json!(self.status));
        Value::Object(object)
    }
}

/// A signed decimal as a JSON number, as v2.1 writes amounts and balances: whole amounts as
/// integers (`-4`), others through f64 only at this boundary (`-79.99`).
pub fn money(amount: Decimal) -> Value {
    let amount = amount.normalize();
    if amount.scale() == 0
        && let Some(whole) = amount.to_i64()
    {
        return Value::Number(whole.into());
    }
    amount
        .to_f64()
        .and_then(Number::from_f64)
        .map_or(Value::Null, Value::Number)
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
}
