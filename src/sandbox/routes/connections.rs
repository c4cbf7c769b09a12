//! `/connections`: create (EMBEDDED), list, get, delete, channels, credentials, consents, user
//! input, sync.
//!
//! Scopes (oxlin-api.md §4): reading needs `transactions_read` (or `accounts_read` /
//! `connections_manage`, enforced loosely); changing needs `connections_manage`; triggering a
//! sync needs `connections_sync`. Another user's connection is a 404, like an unknown one.
//!
//! Docs gaps, our choices: `GET /connections` filters on `provider_id` and `status` and pages
//! with `page`/`limit` (default 100, at most 500). How a new connection looks, and which
//! providers and channels may be connected: `world::connections`; the Connection object and its
//! derived status: `world::bank::connection_json`.

mod actions;
mod create;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use serde_json::Value;
use std::collections::HashMap;

use super::AppState;
use super::body;
use super::caller::Caller;
use super::error::ApiResult;
use crate::sandbox::world::bank::ConnectionRecord;
use crate::sandbox::world::connections::owned;

/// Scopes that may read connections.
const READ: &[&str] = &["transactions_read", "accounts_read", "connections_manage"];

/// The routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/connections", get(list).post(create::create))
        .route("/connections/sync", post(actions::sync_all_connections))
        .route("/connections/{id}", get(show).delete(delete))
        .route("/connections/{id}/sync", post(actions::sync))
        .route("/connections/{id}/consents", put(actions::consents))
        .route(
            "/connections/{id}/channels/{channel_definition_id}",
            put(create::put_channel),
        )
        .route(
            "/connections/{id}/channels/{channel_definition_id}/user_input",
            post(actions::user_input),
        )
        .route(
            "/connections/{id}/credentials/{credential_id}",
            put(create::put_credential),
        )
}

async fn list(
    State(sandbox): State<AppState>,
    caller: Caller,
    Query(query): Query<HashMap<String, String>>,
) -> ApiResult<axum::Json<Value>> {
    let user_id = caller.user(READ)?;
    let (skip, limit) = body::page_range(
        query.get("page").map(String::as_str),
        query.get("limit").map(String::as_str),
    )?;
    let mut world = sandbox.world();
    let world = &mut *world;
    world.engine.prune(&world.bank);
    let page: Vec<Value> = world
        .bank
        .connections
        .values()
        .filter(|c| c.user_id == user_id)
        .filter(|c| query.get("provider_id").is_none_or(|p| *p == c.provider_id))
        .filter(|c| query.get("status").is_none_or(|s| s == c.status()))
        .skip(skip)
        .take(limit)
        .map(ConnectionRecord::to_json)
        .collect();
    Ok(axum::Json(Value::Array(page)))
}

async fn show(
    State(sandbox): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<axum::Json<Value>> {
    let user_id = caller.user(READ)?;
    let world = sandbox.world();
    Ok(axum::Json(owned(&world.bank, user_id, &id)?.to_json()))
}

async fn delete(
    State(sandbox): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let user_id = caller.user(&["connections_manage"])?;
    let mut world = sandbox.world();
    owned(&world.bank, user_id, &id)?;
    world.engine.forget_connection(&id);
    world.bank.remove_connection(&id);
    Ok(StatusCode::NO_CONTENT)
}
