//! `GET /accounts`: the user's accounts, filtered, sorted and paged.
//!
//! Filters (AL `AccountArgs`): `connection_id`, `type`, `status`, `usage` (each a value or a
//! comma-separated list), `q` (case-insensitive, in name, number or IBAN). Docs gap: `sort` takes
//! `name` and/or `creation_date`, comma-separated, each optionally prefixed by `-` for
//! descending; without it accounts come in creation order (by id).

use std::cmp::Ordering;

use axum::Json;
use axum::extract::{RawQuery, State};
use serde_json::Value;

use crate::sandbox::routes::AppState;
use crate::sandbox::routes::caller::Caller;
use crate::sandbox::routes::error::{ApiError, ApiResult};
use crate::sandbox::routes::params::Params;
use crate::sandbox::world::bank::AccountRecord;
use crate::sandbox::world::bank::accounts::id_order;

/// Account.type, Account.status and usage values (oxlin-api.md §6).
pub const ACCOUNT_TYPES: &[&str] = &["CHECKINGS", "SAVINGS", "LOAN", "CREDIT_CARD"];
const STATUSES: &[&str] = &[
    "MANUAL",
    "ACTIVE",
    "ERROR",
    "NOT_FOUND",
    "CLOSED",
    "SUSPENDED",
    "PENDING_CONSENT",
];
const USAGES: &[&str] = &["PERSONAL", "PROFESSIONAL"];

pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    query: RawQuery,
) -> ApiResult<Json<Value>> {
    let user = caller.user(&["accounts_read", "transactions_read"])?;
    let params = Params::decode(query)?;
    let connection = params.get("connection_id");
    let types = params.list_of("type", ACCOUNT_TYPES)?;
    let statuses = params.list_of("status", STATUSES)?;
    let usages = params.list_of("usage", USAGES)?;
    let needle = params.get("q").map(str::to_lowercase);
    let sort = sort_keys(params.get("sort"))?;
    let (skip, limit) = params.page()?;
    let in_list = |list: &Option<Vec<String>>, value: &str| {
        list.as_ref().is_none_or(|l| l.iter().any(|v| v == value))
    };
    let world = state.world();
    let mut accounts: Vec<&AccountRecord> = world
        .bank
        .accounts
        .values()
        .filter(|a| a.user_id == user)
        .filter(|a| connection.is_none_or(|c| a.connection_id == c))
        .filter(|a| in_list(&types, &a.account_type))
        .filter(|a| in_list(&statuses, &a.status))
        .filter(|a| in_list(&usages, &a.usage))
        .filter(|a| needle.as_deref().is_none_or(|n| matches(a, n)))
        .collect();
    accounts.sort_by(|a, b| {
        sort.iter()
            .map(|(key, descending)| {
                let order = match *key {
                    "name" => display_name(a).cmp(&display_name(b)),
                    _ => a.creation_date.cmp(&b.creation_date),
                };
                if *descending { order.reverse() } else { order }
            })
            .find(|o| *o != Ordering::Equal)
            .unwrap_or_else(|| id_order(&a.id, &b.id))
    });
    let page = accounts
        .into_iter()
        .skip(skip)
        .take(limit)
        .map(AccountRecord::to_json);
    Ok(Json(Value::Array(page.collect())))
}

fn sort_keys(sort: Option<&str>) -> ApiResult<Vec<(&'static str, bool)>> {
    let Some(sort) = sort else {
        return Ok(Vec::new());
    };
    sort.split(',')
        .map(|key| {
            let key = key.trim();
            let (descending, key) = match key.strip_prefix('-') {
                Some(rest) => (true, rest),
                None => (false, key),
            };
            match key {
                "name" => Ok(("name", descending)),
                "creation_date" => Ok(("creation_date", descending)),
                _ => Err(ApiError::bad_request(
                    "`sort` takes `name` and/or `creation_date` (comma-separated, `-` for descending)",
                )),
            }
        })
        .collect()
}

fn display_name(account: &AccountRecord) -> String {
    account
        .name
        .as_deref()
        .or(account.account_number.as_deref())
        .unwrap_or("")
        .to_lowercase()
}

fn matches(account: &AccountRecord, needle: &str) -> bool {
    [&account.name, &account.account_number, &account.iban]
        .into_iter()
        .flatten()
        .any(|text| text.to_lowercase().contains(needle))
}
