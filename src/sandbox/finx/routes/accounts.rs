//! `GET /rest/accounts` (also with the trailing slash the docs write), `/rest/accounts/{id}`,
//! `/rest/accounts/{id}/balance` (Bearer), and the banks' icons `GET /icons/{bank}.svg`.
//!
//! Choice (ours): an account id of another access is 404 / 1002, like an unknown one; `cents`
//! applies to the balance endpoint as to transactions.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::client::access_of;
use super::error::{FinxError, FinxResult};
use super::params::flag;
use super::wire;
use crate::sandbox::finx::world::banks;
use crate::sandbox::routes::AppState;

/// `GET /rest/accounts`.
pub async fn list(State(sandbox): State<AppState>, headers: HeaderMap) -> FinxResult<Json<Value>> {
    let finx = sandbox.finx.lock();
    let access_id = access_of(&headers, &finx)?;
    let ledger = finx
        .ledgers
        .get(&access_id)
        .ok_or_else(FinxError::not_found)?;
    let accounts: Vec<wire::Account> = ledger
        .accounts
        .iter()
        .map(|account| wire::account(ledger, account, &sandbox.base_url))
        .collect();
    Ok(Json(json!({ "accounts": accounts })))
}

/// `GET /rest/accounts/{id}`.
pub async fn one(
    State(sandbox): State<AppState>,
    headers: HeaderMap,
    Path(account_id): Path<String>,
) -> FinxResult<Json<wire::Account>> {
    let finx = sandbox.finx.lock();
    let access_id = access_of(&headers, &finx)?;
    let ledger = finx
        .ledgers
        .get(&access_id)
        .ok_or_else(FinxError::not_found)?;
    let account = ledger
        .account(&account_id)
        .ok_or_else(FinxError::not_found)?;
    Ok(Json(wire::account(ledger, account, &sandbox.base_url)))
}

/// `GET /rest/accounts/{id}/balance`.
pub async fn balance(
    State(sandbox): State<AppState>,
    headers: HeaderMap,
    Path(account_id): Path<String>,
    Query(query): Query<BTreeMap<String, String>>,
) -> FinxResult<Json<wire::Balance>> {
    let in_cents = flag(&query, "cents")?.unwrap_or(false);
    let finx = sandbox.finx.lock();
    let access_id = access_of(&headers, &finx)?;
    let ledger = finx
        .ledgers
        .get(&access_id)
        .ok_or_else(FinxError::not_found)?;
    let account = ledger
        .account(&account_id)
        .ok_or_else(FinxError::not_found)?;
    Ok(Json(wire::balance(ledger, account, in_cents)))
}

/// `GET /icons/{bank}.svg`: the bank's initials on a coloured square.
pub async fn icon(Path(file): Path<String>) -> Response {
    let Some(bank) = file.strip_suffix(".svg").and_then(banks::by_id) else {
        return FinxError::not_found().into_response();
    };
    let initials: String = bank
        .name
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(2)
        .collect();
    let svg = maud::html! {
        svg xmlns="http://www.w3.org/2000/svg" width="48" height="48" viewBox="0 0 48 48" {
            rect width="48" height="48" rx="8" fill="#1d4f91" {}
            text x="24" y="31" font-family="sans-serif" font-size="18" fill="#fff" text-anchor="middle" { (initials) }
        }
    };
    ([(CONTENT_TYPE, "image/svg+xml")], svg.into_string()).into_response()
}
