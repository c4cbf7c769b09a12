//! The Account object as the API writes it (oxlin-api.md §5.5).

use serde_json::{Map, Value, json};

use super::super::bank::AccountRecord;
use super::transaction_json::money;

impl AccountRecord {
    /// The Account JSON object. `name`, `iban`, `account_number` and `owner` are left out when
    /// absent (the docs: `name` can be absent, `iban` is optional).
    pub fn to_json(&self) -> Value {
        let mut object = Map::with_capacity(14);
        let mut put = |key: &str, value: Value| {
            object.insert(key.to_owned(), value);
        };
        put("id", json!(self.id));
        put("connection_id", json!(self.connection_id));
        if let Some(name) = &self.name {
            put("name", json!(name));
        }
        put("currency", json!(self.currency));
        put("balance", money(self.balance));
        put("balance_date", json!(self.balance_date));
        if let Some(iban) = &self.iban {
            put("iban", json!(iban));
        }
        put("status", json!(self.status));
        put("type", json!(self.account_type));
        put("creation_date", json!(self.creation_date));
        if let Some(number) = &self.account_number {
            put("account_number", json!(number));
        }
        if let Some(owner) = &self.owner_name {
            put("owner", json!({ "name": owner }));
        }
        put("usage", json!(self.usage));
        put(
            "last_channel_definition_id",
            json!(self.channel_definition_id),
        );
        Value::Object(object)
    }
}
