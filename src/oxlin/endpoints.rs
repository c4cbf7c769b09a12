//! Every documented Oxlin call, as methods of [`super::client::Client`], one file per resource.
//! Paths and shapes the docs leave open follow oxlin-api.md §11 (the sandbox's choices): sync is
//! `POST /connections/{id}/sync?type=ALL|LIST_ACCOUNTS`, a queue poll answers a bare array,
//! accounts are updated by `PUT /accounts/{id}` with partial JSON, one credential by
//! `PUT /connections/{id}/credentials/{credential_id}` with `{"value","key_id"}`.
//!
//! Docs gap: the docs print no totals for lists. Sequential lists (providers, connections,
//! accounts) are walked page after page with `page`/`limit` until a page shorter than `limit`.
//!
//! Paging always ends, whatever the server sends: a full page equal to the one before (a server
//! that ignores `page`) fails the list as unreadable, and so does a list longer than
//! [`MAX_PAGES`] pages.

mod accounts;
mod connections;
mod users;
mod widget;

pub use accounts::{AccountFilter, TransactionFilter};
pub use widget::WidgetSession;

use std::future::Future;

use serde::Serialize;

use super::client::{Call, Page};
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

/// The most pages a list may have (providers, connections and accounts come in pages of 100 to
/// 500; a million transactions in pages of 500 is 2,000 pages).
pub const MAX_PAGES: usize = 10_000;

/// Why a list's paging was stopped: `call` named, the page number, and what was wrong.
pub(crate) fn endless(call: &str, page: usize, why: &str) -> OxlinError {
    OxlinError::Malformed {
        call: call.to_owned(),
        reason: format!("paging stopped at page {page}: {why}"),
    }
}

/// Every item of a paged list: asks `fetch(page)` for pages 1, 2, … of `limit` items until a
/// short page (an empty one when the total is a multiple of `limit`). A full page equal to the
/// previous one, or more than [`MAX_PAGES`] pages, fails the list (`call` names it).
pub(crate) async fn every_page<T, F, Fut>(
    call: &str,
    limit: usize,
    mut fetch: F,
) -> Result<Vec<T>, OxlinError>
where
    T: PartialEq,
    F: FnMut(usize) -> Fut,
    Fut: Future<Output = Result<Page<T>, OxlinError>>,
{
    let limit = limit.max(1);
    let mut all: Vec<T> = Vec::new();
    let mut previous = 0..0;
    for page in 1..=MAX_PAGES {
        let Page { items: batch, sent } = fetch(page).await?;
        let full = sent >= limit;
        if page > 1 && full && !batch.is_empty() && all[previous.clone()] == batch[..] {
            return Err(endless(
                call,
                page,
                "the server sent the previous page again",
            ));
        }
        let done = !full;
        previous = all.len()..all.len() + batch.len();
        all.extend(batch);
        if done {
            return Ok(all);
        }
    }
    Err(endless(call, MAX_PAGES, "too many pages"))
}
