//! Actions on a connection over HTTP: trigger a sync (one connection or all of them), answer a
//! challenge (`user_input`), give or refuse consent per account. The rules (when a sync or an
//! answer is refused, what a consent does) are `world::connections::actions`.
//!
//! Docs gaps (oxlin-api.md §11), our choices: `POST /connections/{id}/sync?type=ALL|LIST_ACCOUNTS`
//! (default `ALL`) → 204, 409 while a job already runs on the connection; `POST
//! /connections/sync` → 200 `[{"href":"/connections/{id}"}]` for every connection a sync
//! started on. `user_input` with no challenge pending is a 409; an answer that does not fit the
//! pending challenge is a 422 and the challenge stays pending. A consent for an account of
//! another connection is a 404. Without agreement consents answer 403 `agreement_required`:
//! there is no consent per account then (the widget gives the Oxlin consent).

use std::collections::HashMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::sandbox::routes::AppState;
use crate::sandbox::routes::body::parse_json;
use crate::sandbox::routes::caller::{Caller, require_agreement};
use crate::sandbox::routes::error::{ApiError, ApiResult};
use crate::sandbox::world::connections::actions;
use crate::sandbox::world::connections::credentials::CredentialInput;
use crate::sandbox::world::engine::JobKind;

#[derive(Debug, Deserialize)]
struct UserInputBody {
    credentials: Vec<CredentialInput>,
}

#[derive(Debug, Deserialize)]
struct ConsentsBody {
    consents: Vec<Consent>,
}

#[derive(Debug, Deserialize)]
struct Consent {
    account_id: String,
    consent: bool,
}

/// `POST /connections/{id}/sync?type=ALL|LIST_ACCOUNTS`.
pub async fn sync(
    State(sandbox): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> ApiResult<StatusCode> {
    let user_id = caller.user(&["connections_sync"])?.to_owned();
    let kind = match query.get("type").map(String::as_str) {
        None | Some("ALL") => JobKind::SyncAll,
        Some("LIST_ACCOUNTS") => JobKind::ListAccounts,
        Some(_) => {
            return Err(ApiError::bad_request("`type` must be ALL or LIST_ACCOUNTS"));
        }
    };
    actions::sync(&sandbox, &mut sandbox.world(), &user_id, &id, kind)?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /connections/sync`: a SYNC_ALL on every connection of the user that is not syncing.
pub async fn sync_all_connections(
    State(sandbox): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<Value>> {
    let user_id = caller.user(&["connections_sync"])?.to_owned();
    let started = actions::sync_every_connection(&sandbox, &mut sandbox.world(), &user_id);
    let links = started
        .iter()
        .map(|id| json!({ "href": format!("/connections/{id}") }))
        .collect();
    Ok(Json(Value::Array(links)))
}

/// `POST /connections/{id}/channels/{channel_definition_id}/user_input`.
pub async fn user_input(
    State(sandbox): State<AppState>,
    caller: Caller,
    Path((id, channel_definition_id)): Path<(String, String)>,
    body: Bytes,
) -> ApiResult<StatusCode> {
    let user_id = caller.user(&["connections_manage"])?.to_owned();
    let body: UserInputBody = parse_json(&body)?;
    let given: Vec<(String, String)> = body
        .credentials
        .into_iter()
        .map(|c| (c.id, c.value))
        .collect();
    actions::answer_challenge(
        &mut sandbox.world(),
        &user_id,
        &id,
        &channel_definition_id,
        &given,
    )?;
    Ok(StatusCode::NO_CONTENT)
}

/// `PUT /connections/{id}/consents`.
pub async fn consents(
    State(sandbox): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<StatusCode> {
    let user_id = caller.user(&["connections_manage"])?.to_owned();
    require_agreement(&sandbox)?;
    let body: ConsentsBody = parse_json(&body)?;
    let consents: Vec<(String, bool)> = body
        .consents
        .into_iter()
        .map(|c| (c.account_id, c.consent))
        .collect();
    actions::give_consents(&sandbox, &mut sandbox.world(), &user_id, &id, &consents)?;
    Ok(StatusCode::NO_CONTENT)
}
