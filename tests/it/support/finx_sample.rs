//! Sample finX data for the scripted server (`finx_server`): accounts as finx-api.md §5.1 prints
//! them, and numbered transactions with a SEPA purpose.

use serde_json::{Value, json};

/// A finX account as §5.1 prints it.
pub fn account(id: &str, name: &str) -> Value {
    json!({"account_id": id, "access_id": "X1", "iban": "DE93300308800013441006",
           "bank_name": "Sparkasse Köln", "currency": "EUR", "type": "Giro account",
           "name": name, "owner": "Jürgen Müller",
           "balance": {"balance": 1234.56, "balance_date": "2024-03-01T00:00:00.000Z"}})
}

/// Transaction number `i`, newest first.
pub fn transaction(i: usize) -> Value {
    json!({"transaction_id": format!("T{i}"), "account_id": "A1.1", "amount": -1.5,
           "currency": "EUR", "name": "REWE", "booked": true,
           "booked_at": "2024-03-01T00:00:00.000Z", "purpose": format!("SVWZ+Einkauf {i}")})
}
