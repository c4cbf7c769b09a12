//! Reading a list answer, `{"accounts":[…]}` or `{"transactions":[…]}`, item by item: amounts
//! exactly (`oxlin::wire::amounts::quote_amounts`), and one item that cannot be read (an amount
//! no `Decimal` holds, such as `1e30`) left out with a logged warning, so the rest of its page
//! is kept. A body that is no such object fails the whole call.

use serde::de::DeserializeOwned;

use crate::oxlin::wire::amounts::quote_amounts;
use crate::sanitize::clean_line;

/// One page of a list: the items read, and how many the server sent (more when some could not
/// be read), which is what tells a full page from the last one.
#[derive(Debug, Clone, PartialEq)]
pub struct List<T> {
    /// The items read.
    pub items: Vec<T>,
    /// How many items the server sent.
    pub sent: usize,
}

/// Reads `body` as one object whose `key` is a list of `T`; `Err` says what was wrong (never
/// what the body said).
pub fn read<T: DeserializeOwned>(body: &[u8], key: &str, id_key: &str) -> Result<List<T>, String> {
    let mut whole: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(&quote_amounts(body)).map_err(|e| clean_line(&e.to_string()))?;
    let items = match whole.remove(key) {
        Some(serde_json::Value::Array(items)) => items,
        Some(_) => return Err(format!("`{key}` is not a list")),
        None => return Err(format!("no `{key}` list")),
    };
    let sent = items.len();
    let mut read = Vec::with_capacity(sent);
    for (index, item) in items.into_iter().enumerate() {
        let id = item.get(id_key).map(|id| clean_line(&id.to_string()));
        match serde_json::from_value(item) {
            Ok(item) => read.push(item),
            Err(e) => tracing::warn!(
                "finX {key}: item {index} (id {}) left out, it cannot be read: {}",
                id.as_deref().unwrap_or("none"),
                clean_line(&e.to_string())
            ),
        }
    }
    Ok(List { items: read, sent })
}

/// Reads `body` as one `T`, amounts exactly.
pub fn read_one<T: DeserializeOwned>(body: &[u8]) -> Result<T, String> {
    serde_json::from_slice(&quote_amounts(body)).map_err(|e| clean_line(&e.to_string()))
}
