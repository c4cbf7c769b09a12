//! `GET /rest/transactions` and `GET /rest/accounts/{id}/transactions` (Bearer): one page of
//! `{"transactions": […]}` (finx-api.md §4.5, §9.5: no paging metadata, the client pages with
//! `offset`/`count` until a page is short). Parameters: `params`; order and filters: the
//! world's `query`; linear paging: the world's `ledger`. `cents=true` writes integer cents.
//!
//! Choice (ours): an unknown id in `accounts` or a path account of another access is 404 /
//! 1002; an unknown transaction id as `since` is 400 / 1000 on `since`.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use serde_json::{Value, json};

use super::client::access_of;
use super::error::{FinxError, FinxResult};
use super::params::{RawQuery, flag, transactions_query};
use super::wire;
use crate::sandbox::finx::world::query::QueryRefusal;
use crate::sandbox::routes::AppState;

/// `GET /rest/transactions`.
pub async fn list(
    State(sandbox): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<RawQuery>,
) -> FinxResult<Json<Value>> {
    answer(&sandbox, &headers, &query, None)
}

/// `GET /rest/accounts/{id}/transactions`.
pub async fn of_account(
    State(sandbox): State<AppState>,
    headers: HeaderMap,
    Path(account_id): Path<String>,
    Query(query): Query<RawQuery>,
) -> FinxResult<Json<Value>> {
    answer(&sandbox, &headers, &query, Some(account_id))
}

fn answer(
    sandbox: &AppState,
    headers: &HeaderMap,
    query: &RawQuery,
    account_id: Option<String>,
) -> FinxResult<Json<Value>> {
    let (mut selection, page) = transactions_query(query)?;
    let in_cents = flag(query, "cents")?.unwrap_or(false);
    let mut finx = sandbox.finx.lock();
    let access_id = access_of(headers, &finx)?;
    finx.transaction_pages_served += 1;
    let ledger = finx
        .ledgers
        .get_mut(&access_id)
        .ok_or_else(FinxError::not_found)?;
    if let Some(account_id) = account_id {
        if ledger.account(&account_id).is_none() {
            return Err(FinxError::not_found());
        }
        selection.accounts = Some([account_id].into());
    }
    let picked = ledger
        .select(&selection, page)
        .map_err(|refusal| match refusal {
            QueryRefusal::UnknownAccount(_) => FinxError::not_found(),
            QueryRefusal::UnknownSince(_) => FinxError::field("since", "Unknown transaction id."),
        })?;
    let transactions: Vec<wire::Transaction<'_>> = picked
        .into_iter()
        .map(|tx| wire::transaction(tx, in_cents))
        .collect();
    Ok(Json(json!({ "transactions": transactions })))
}
