//! `GET /transactions`, `GET /transactions/{id}`. The transactions of the test bank (SYNC_ALL
//! for one account) are imported in `world::bank::transactions`; the Transaction object is
//! `world::bank::transaction_json`.
//!
//! `GET /transactions` (oxlin-api.md §4.1) takes `account_id`, `page`, `limit` (default 100, at
//! most 500), `start_date` and `end_date` (epoch seconds, inclusive, on `date`), `origin`,
//! `included_statuses` and `excluded_statuses` (comma-separated), `amount`, `min_amount`,
//! `max_amount` (inclusive), `account_type` and `category_id` (a value or a comma-separated
//! list), `start_import_date` (epoch seconds, inclusive); it answers a bare JSON array sorted by
//! `import_date` ascending then `id` descending. A bad parameter is a 400 naming it; an
//! `account_id` of another user is a 404.
//!
//! Scope: `transactions_read` (the scope table gives it "transactions information";
//! `accounts_read` alone covers accounts only). Another user's transaction is a 404.
//!
//! Paging is linear overall: each account's transactions are stored in the API's order, so
//! `start_import_date` is a binary search in each account, the page's first line is found by
//! binary searches too ([`skip_merged`]: page 2,000 costs what page 1 does), and a page is a
//! merge of the user's accounts ([`Merge`]) that stops after the page, without copying or
//! sorting, and written straight into the response body (`TransactionJson`, no `Value` per
//! line). Only the filters on the lines' contents (dates, amounts, statuses, origins,
//! categories) walk the lines before the page, as they must to count what they keep.
//!
//! Docs gap: PENDING_CONSENT accounts are listed by `/accounts` but have no transactions until
//! consented (SYNC_ALL imports them).

use axum::Json;
use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use rust_decimal::Decimal;
use serde_json::Value;

use super::AppState;
use super::accounts::ACCOUNT_TYPES;
use super::caller::Caller;
use super::error::{ApiError, ApiResult};
use super::params::Params;
use crate::sandbox::world::bank::TransactionRecord;
use crate::sandbox::world::bank::transaction_json::TransactionJson;
use crate::sandbox::world::bank::transactions::{Merge, skip_merged};

const ORIGINS: &[&str] = &[
    "ORIGINAL",
    "UPCOMING",
    "TRANSACTION",
    "RECURRING",
    "SCHEDULED",
];
const STATUSES: &[&str] = &[
    "BOOKED",
    "PENDING",
    "OTHER",
    "EXPIRED",
    "REJECTED",
    "CANCELLED",
    "REFUNDED",
];

/// The routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/transactions", get(list))
        .route("/transactions/{id}", get(get_one))
}

async fn get_one(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let user = caller.user(&["transactions_read"])?;
    let world = state.world();
    let bank = &world.bank;
    let found = bank
        .transaction_index
        .get(&id)
        .filter(|account_id| {
            bank.accounts
                .get(*account_id)
                .is_some_and(|a| a.user_id == user)
        })
        .and_then(|account_id| bank.transactions.get(account_id))
        .and_then(|txs| txs.iter().find(|tx| tx.id == id));
    found
        .map(|tx| Json(tx.to_json()))
        .ok_or_else(|| ApiError::not_found("transaction", &id))
}

/// The checked filters of one `GET /transactions`.
struct Filter {
    start_date: Option<i64>,
    end_date: Option<i64>,
    origins: Option<Vec<String>>,
    included: Option<Vec<String>>,
    excluded: Option<Vec<String>>,
    amount: Option<Decimal>,
    min_amount: Option<Decimal>,
    max_amount: Option<Decimal>,
    categories: Option<Vec<String>>,
    start_import_date: Option<i64>,
}

impl Filter {
    fn from(params: &Params) -> ApiResult<Self> {
        let epoch = "a date in epoch seconds";
        Ok(Self {
            start_date: params.parse("start_date", epoch)?,
            end_date: params.parse("end_date", epoch)?,
            origins: params.list_of("origin", ORIGINS)?,
            included: params.list_of("included_statuses", STATUSES)?,
            excluded: params.list_of("excluded_statuses", STATUSES)?,
            amount: params.amount("amount")?,
            min_amount: params.amount("min_amount")?,
            max_amount: params.amount("max_amount")?,
            categories: params
                .get("category_id")
                .map(|c| c.split(',').map(|v| v.trim().to_owned()).collect()),
            start_import_date: params.parse("start_import_date", epoch)?,
        })
    }

    /// Whether no filter but `start_import_date` is set (so every line from there is kept).
    fn only_import_date(&self) -> bool {
        self.start_date.is_none()
            && self.end_date.is_none()
            && self.origins.is_none()
            && self.included.is_none()
            && self.excluded.is_none()
            && self.amount.is_none()
            && self.min_amount.is_none()
            && self.max_amount.is_none()
            && self.categories.is_none()
    }

    fn keeps(&self, tx: &TransactionRecord) -> bool {
        let within = |list: &Option<Vec<String>>, value: &str| {
            list.as_ref().is_none_or(|l| l.iter().any(|v| v == value))
        };
        self.start_date.is_none_or(|d| tx.date >= d)
            && self.end_date.is_none_or(|d| tx.date <= d)
            && within(&self.origins, &tx.origin)
            && within(&self.included, &tx.status)
            && self
                .excluded
                .as_ref()
                .is_none_or(|l| !l.contains(&tx.status))
            && self.amount.is_none_or(|a| tx.amount == a)
            && self.min_amount.is_none_or(|a| tx.amount >= a)
            && self.max_amount.is_none_or(|a| tx.amount <= a)
            && within(&self.categories, &tx.category_id)
            && self.start_import_date.is_none_or(|d| tx.import_date >= d)
    }
}

async fn list(
    State(state): State<AppState>,
    caller: Caller,
    query: RawQuery,
) -> ApiResult<Response> {
    let user = caller.user(&["transactions_read"])?;
    let params = Params::decode(query)?;
    let (skip, limit) = params.page()?;
    let filter = Filter::from(&params)?;
    let account_types = params.list_of("account_type", ACCOUNT_TYPES)?;
    let account_id = params.get("account_id");
    let world = state.world();
    let bank = &world.bank;
    if let Some(id) = account_id
        && bank.accounts.get(id).is_none_or(|a| a.user_id != user)
    {
        return Err(ApiError::not_found("account", id));
    }
    let heads: Vec<&[TransactionRecord]> = bank
        .accounts
        .values()
        .filter(|a| a.user_id == user)
        .filter(|a| account_id.is_none_or(|id| a.id == id))
        .filter(|a| {
            account_types
                .as_ref()
                .is_none_or(|l| l.contains(&a.account_type))
        })
        .filter_map(|a| bank.transactions.get(&a.id).map(Vec::as_slice))
        .collect();
    let mut heads = heads;
    if let Some(from) = filter.start_import_date {
        // Each list is in `import_date` order: what is older starts a binary search away.
        for head in &mut heads {
            *head = &head[head.partition_point(|tx| tx.import_date < from)..];
        }
    }
    // With no other filter, the page starts a few binary searches away; a filter on the
    // lines' contents (dates, amounts, statuses…) has to look at the lines before the page.
    let skip_after_filter = if filter.only_import_date() {
        skip_merged(&mut heads, skip);
        0
    } else {
        skip
    };
    // Written straight into the body, line by line, while the world is read (no `Value`).
    let page: Vec<TransactionJson<'_>> = Merge { heads }
        .filter(|tx| filter.keeps(tx))
        .skip(skip_after_filter)
        .take(limit)
        .map(TransactionJson)
        .collect();
    let body = serde_json::to_vec(&page).map_err(|e| {
        ApiError::new(
            axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            e.to_string(),
        )
    })?;
    Ok(([(CONTENT_TYPE, "application/json")], body).into_response())
}
