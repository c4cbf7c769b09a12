//! `GET /accounts`, `GET /accounts/{id}`, `PUT /accounts/{id}`, `DELETE /accounts/{id}`. The
//! accounts of the test bank (LIST_ACCOUNTS) are listed in `world::bank::accounts`; the Account
//! object is `world::bank::account_json`.
//!
//! Scopes: reads need `accounts_read` (or `transactions_read`), changes `accounts_manage`.
//! Another user's account answers 404, as an unknown one.
//!
//! Docs gap (oxlin-api.md §11): the account update is `PUT /accounts/{id}` with a partial JSON
//! body `{"status": "CLOSED"|"ACTIVE", "name": "…"}` → 204. The body is read as JSON whatever
//! its content type (the docs' curl sends JSON with `-d`, that is as a form). An account waiting
//! for consent cannot be updated (409: answer the consent first); what an update does:
//! `Bank::update_account` (`world::bank::accounts`).
//!
//! Docs gap: `DELETE /accounts/{id}` (P: data-deletion) removes the account and its
//! transactions; what else goes with it: `Bank::delete_account` (`world::bank`).

mod list;

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use serde_json::Value;

use super::AppState;
use super::caller::Caller;
use super::error::{ApiError, ApiResult};

pub use list::ACCOUNT_TYPES;

/// The routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/accounts", get(list::list))
        .route("/accounts/{id}", get(get_one).put(update).delete(delete))
}

async fn get_one(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let user = caller.user(&["accounts_read", "transactions_read"])?;
    let world = state.world();
    match world.bank.accounts.get(&id) {
        Some(account) if account.user_id == user => Ok(Json(account.to_json())),
        _ => Err(ApiError::not_found("account", &id)),
    }
}

async fn update(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<StatusCode> {
    let user = caller.user(&["accounts_manage"])?;
    let change = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|v| v.as_object().cloned())
        .ok_or_else(|| ApiError::bad_request("the body must be a JSON object"))?;
    let status = match change.get("status") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s == "ACTIVE" || s == "CLOSED" => Some(s.clone()),
        Some(_) => {
            return Err(ApiError::invalid_value(
                "`status` must be \"ACTIVE\" or \"CLOSED\"",
            ));
        }
    };
    let name = match change.get("name") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if !s.trim().is_empty() && s.chars().count() <= 200 => {
            Some(s.trim().to_owned())
        }
        Some(_) => {
            return Err(ApiError::invalid_value(
                "`name` must be a text of 1 to 200 characters",
            ));
        }
    };
    state
        .world()
        .bank
        .update_account(&state, user, &id, name, status)?;
    Ok(StatusCode::NO_CONTENT)
}

async fn delete(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let user = caller.user(&["accounts_manage"])?;
    let mut world = state.world();
    match world.bank.accounts.get(&id) {
        Some(account) if account.user_id == user => {}
        _ => return Err(ApiError::not_found("account", &id)),
    }
    world.bank.delete_account(&id);
    Ok(StatusCode::NO_CONTENT)
}
