//! Every documented Oxlin call, as methods of [`super::client::Client`], one file per resource.
//! Paths and shapes the docs leave open follow oxlin-api.md §11 (the sandbox's choices): sync is
//! `POST /connections/{id}/sync?type=ALL|LIST_ACCOUNTS`, a queue poll answers a bare array,
//! accounts are updated by `PUT /accounts/{id}` with partial JSON, one credential by
//! `PUT /connections/{id}/credentials/{credential_id}` with `{"value","key_id"}`.

mod accounts;
mod connections;
mod users;

pub use accounts::{AccountFilter, TransactionFilter};
pub use users::WidgetSession;

use serde::Serialize;

use super::client::Call;
use super::error::OxlinError;

/// Serialises a request body into a buffer wiped after the call.
pub(crate) fn with_json<T: Serialize>(mut call: Call, body: &T) -> Result<Call, OxlinError> {
    let bytes = serde_json::to_vec(body)
        .map_err(|e| OxlinError::Config(format!("cannot write the body of {}: {e}", call.name)))?;
    call.body = Some(zeroize::Zeroizing::new(bytes));
    Ok(call)
}

/// Percent-encodes one path segment (ids come from servers and users).
pub(crate) fn seg(id: &str) -> String {
    url::form_urlencoded::byte_serialize(id.as_bytes()).collect()
}
