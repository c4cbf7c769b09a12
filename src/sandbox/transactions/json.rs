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
