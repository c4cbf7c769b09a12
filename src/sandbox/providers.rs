//! `GET /providers`, `GET /providers/{id}`: the provider catalogue (banks), generated in code by
//! [`catalogue`] (see `providers/catalogue.rs` for the tables).
//!
//! Docs gaps, and what we chose:
//! - `GET /providers` answers a bare JSON array (the v2.1 list style), paginated with `page`
//!   (1-based, default 1) and `limit` (default 100, at most 500: a bigger limit is cut to 500);
//!   filters `q` or `name` (case- and accent-insensitive substring of name and branch name) and
//!   `country_code` (ISO alpha-3, case-insensitive). Sorted by numeric id. A bad `page`/`limit`
//!   is a 400.
//! - Any valid token may read the catalogue (client or user, whatever its scopes).
//! - An unknown provider is a 404 JSON error.
//! - Channel definition ids are numeric strings: `{provider}01` for REDIRECT and `{provider}00`
//!   for EMBEDDED (as provider 1022's `102201`/`102200` in a production fixture), except the
//!   documented ones (test bank `8701`/`13400`, HSBC `redirect1`/`embedded1`). Credential ids
//!   are `{provider}{nn}` (five digits or more), except the documented 300-302 and 3500-3502.
//! - `logo_url` follows the documented pattern `https://static.oxlin.io/common/pictures/providers_logos/{id}.png`.

mod catalogue;
mod text_match;

use std::collections::HashMap;

use axum::extract::{Path, Query};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};

use super::caller::Caller;
use super::error::{ApiError, ApiResult};
use super::state::AppState;

pub use catalogue::{catalogue, find};

/// A provider (a bank), as `GET /providers/{id}` shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ProviderDef {
    pub id: String,
    pub name: String,
    pub branch_name: String,
    pub base_url: String,
    /// ISO 3166 alpha-3 (`FRA`).
    pub country_code: String,
    pub interactive: bool,
    pub unavailable: bool,
    pub channel_definitions: Vec<ChannelDef>,
}

/// One way to connect to a provider: `REDIRECT` (the bank's site) or `EMBEDDED` (a form).
#[derive(Debug, Clone, PartialEq)]
pub struct ChannelDef {
    pub id: String,
    pub mode: &'static str,
    pub account_types: Vec<&'static str>,
    pub interactive: bool,
    pub credentials: Vec<CredentialDef>,
}

/// A field of an EMBEDDED channel's form.
#[derive(Debug, Clone, PartialEq)]
pub struct CredentialDef {
    pub id: String,
    pub label: String,
    pub regexp: String,
    /// `TEXT`, `PWD`, `NUMERIC`, `NUMERIC_PWD`, `DATE`, …
    pub kind: &'static str,
    pub encrypt: bool,
}

impl ProviderDef {
    /// The Provider object (oxlin-api.md §5.2).
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "name": self.name,
            "branch_name": self.branch_name,
            "base_url": self.base_url,
            "logo_url": format!("https://static.oxlin.io/common/pictures/providers_logos/{}.png", self.id),
            "country_code": self.country_code,
            "interactive": self.interactive,
            "unavailable": self.unavailable,
            "channel_definitions": self.channel_definitions.iter().map(ChannelDef::to_json).collect::<Vec<_>>(),
        })
    }

    /// The channel definition with this id.
    #[cfg_attr(not(test), allow(dead_code))] // for the connection engine
    pub fn channel(&self, channel_definition_id: &str) -> Option<&ChannelDef> {
        self.channel_definitions
            .iter()
            .find(|c| c.id == channel_definition_id)
    }
}

impl ChannelDef {
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "mode": self.mode,
            "account_types": self.account_types,
            "interactive": self.interactive,
            "credentials": self.credentials.iter().map(|c| json!({
                "id": c.id,
                "label": c.label,
                "regexp": c.regexp,
                "type": c.kind,
                "encrypt": c.encrypt,
            })).collect::<Vec<_>>(),
        })
    }
}

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

#[cfg(test)]
mod tests;
