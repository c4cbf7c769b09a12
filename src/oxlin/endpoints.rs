//! Every documented Oxlin call, as methods of [`super::client::Client`], one file per resource.
//! Paths and shapes the docs leave open follow oxlin-api.md §11 (the sandbox's choices): sync is
//! `POST /connections/{id}/sync?type=ALL|LIST_ACCOUNTS`, a queue poll answers a bare array,
//! accounts are updated by `PUT /accounts/{id}` with partial JSON, one credential by
//! `PUT /connections/{id}/credentials/{credential_id}` with `{"value","key_id"}`.
//!
//! Docs gap: the docs print no totals for lists. Sequential lists (providers, connections,
//! accounts) are walked page after page with `page`/`limit` until a page shorter than `limit`.

mod accounts;
mod connections;
mod users;

pub use accounts::{AccountFilter, TransactionFilter};
pub use users::WidgetSession;

use std::future::Future;

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

/// Every item of a paged list: asks `fetch(page)` for pages 1, 2, … of `limit` items until a
/// short page (an empty one when the total is a multiple of `limit`).
pub(crate) async fn every_page<T, F, Fut>(limit: usize, mut fetch: F) -> Result<Vec<T>, OxlinError>
where
    F: FnMut(usize) -> Fut,
    Fut: Future<Output = Result<Vec<T>, OxlinError>>,
{
    let mut all = Vec::new();
    for page in 1.. {
        let batch = fetch(page).await?;
        let done = batch.len() < limit.max(1);
        all.extend(batch);
        if done {
            break;
        }
    }
    Ok(all)
}
