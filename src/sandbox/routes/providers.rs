//! `GET /providers`, `GET /providers/{id}`: the provider catalogue (banks) over HTTP. The
//! catalogue itself, its ids and the Provider object: `world::providers`.
//!
//! Docs gaps, and what we chose:
//! - `GET /providers` answers a bare JSON array (the v2.1 list style), paginated with `page`
//!   (1-based, default 1) and `limit` (default 100, at most 500: a bigger limit is cut to 500);
//!   filters `q` or `name` (case- and accent-insensitive substring of name and branch name) and
//!   `country_code` (ISO alpha-3, case-insensitive). Sorted by numeric id. A bad `page`/`limit`
//!   is a 400.
//! - Any valid token may read the catalogue (client or user, whatever its scopes).
//! - An unknown provider is a 404 JSON error.

use std::collections::HashMap;

use axum::extract::{Path, Query};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::Value;

use super::AppState;
use super::caller::Caller;
use super::error::{ApiError, ApiResult};
use crate::sandbox::world::providers::{ProviderDef, catalogue, find, text_match};

/// The routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/providers", get(list))
        .route("/providers/{id}", get(show))
}

async fn list(
    _caller: Caller,
    Query(query): Query<HashMap<String, String>>,
) -> ApiResult<Json<Value>> {
    let number = |name: &str, default: usize| -> ApiResult<usize> {
        match query.get(name).map(|v| v.trim()) {
            None | Some("") => Ok(default),
            Some(v) => v.parse::<usize>().ok().filter(|n| *n >= 1).ok_or_else(|| {
                ApiError::bad_request(format!("`{name}` must be a whole number from 1"))
            }),
        }
    };
    let page = number("page", 1)?;
    let limit = number("limit", 100)?.min(500);
    let needle = query
        .get("q")
        .or_else(|| query.get("name"))
        .map(|q| text_match::fold(q))
        .filter(|q| !q.is_empty());
    let country = query
        .get("country_code")
        .map(|c| c.trim().to_ascii_uppercase());
    let found: Vec<Value> = catalogue()
        .iter()
        .filter(|p| {
            country
                .as_deref()
                .is_none_or(|c| c.is_empty() || p.country_code == c)
        })
        .filter(|p| {
            needle.as_deref().is_none_or(|n| {
                text_match::fold(&format!("{} {}", p.name, p.branch_name)).contains(n)
            })
        })
        .skip((page - 1).saturating_mul(limit))
        .take(limit)
        .map(ProviderDef::to_json)
        .collect();
    Ok(Json(Value::Array(found)))
}

async fn show(_caller: Caller, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    find(&id)
        .map(|p| Json(p.to_json()))
        .ok_or_else(|| ApiError::not_found("provider", &id))
}
