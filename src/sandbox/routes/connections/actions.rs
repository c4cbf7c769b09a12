//! Actions on a connection: trigger a sync (one connection or all of them), answer a challenge
//! (`user_input`), give or refuse consent per account.
//!
//! Docs gaps (oxlin-api.md §11), our choices: `POST /connections/{id}/sync?type=ALL|LIST_ACCOUNTS`
//! (default `ALL`) → 204, 409 while a job already runs on the connection; `POST
//! /connections/sync` → 200 `[{"href":"/connections/{id}"}]` for every connection a sync
//! started on. `user_input` with no challenge pending is a 409; an answer that does not fit the
//! pending challenge is a 422 and the challenge stays pending. A consent for an account of
//! another connection is a 404; `true` makes the account `ACTIVE`, `false` deletes it and its
//! transactions, then a SYNC_ALL runs on each channel that has `ACTIVE` accounts.

use std::collections::{BTreeSet, HashMap};

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::sandbox::routes::AppState;
use crate::sandbox::routes::body::parse_json;
use crate::sandbox::routes::caller::Caller;
use crate::sandbox::routes::error::{ApiError, ApiResult};
use crate::sandbox::world::connections::credentials::CredentialInput;
use crate::sandbox::world::connections::{owned, ready_channels};
use crate::sandbox::world::engine::{self, AnswerProblem, JobKind, Trigger};

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
    let mut world = sandbox.world();
    owned(&world.bank, &user_id, &id)?;
    let channels = ready_channels(&world, &id);
    if channels.is_empty() {
        return Err(ApiError::conflict(format!(
            "connection `{id}` has no channel set up to sync"
        )));
    }
    if channels.iter().any(|key| world.engine.is_running(key)) {
        return Err(ApiError::conflict(format!(
            "a sync already runs on connection `{id}`"
        )));
    }
    for key in channels {
        engine::start(&sandbox, &mut world, key, kind, Trigger::User);
    }
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /connections/sync`: a SYNC_ALL on every connection of the user that is not syncing.
pub async fn sync_all_connections(
    State(sandbox): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<Value>> {
    let user_id = caller.user(&["connections_sync"])?.to_owned();
    let mut world = sandbox.world();
    let mine: Vec<String> = world
        .bank
        .connections
        .values()
        .filter(|c| c.user_id == user_id)
        .map(|c| c.id.clone())
        .collect();
    let mut links = Vec::new();
    for id in mine {
        let channels = ready_channels(&world, &id);
        if channels.is_empty() || channels.iter().any(|k| world.engine.is_running(k)) {
            continue;
        }
        for key in channels {
            engine::start(&sandbox, &mut world, key, JobKind::SyncAll, Trigger::User);
        }
        links.push(json!({ "href": format!("/connections/{id}") }));
    }
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
    let mut world = sandbox.world();
    let connection = owned(&world.bank, &user_id, &id)?;
    if !connection
        .channels
        .iter()
        .any(|c| c.channel_definition_id == channel_definition_id)
    {
        return Err(ApiError::not_found("channel", &channel_definition_id));
    }
    let given: Vec<(String, String)> = body
        .credentials
        .into_iter()
        .map(|c| (c.id, c.value))
        .collect();
    match world
        .engine
        .answer(&(id.clone(), channel_definition_id.clone()), &given)
    {
        Ok(()) => Ok(StatusCode::NO_CONTENT),
        Err(AnswerProblem::NothingPending) => Err(ApiError::conflict(format!(
            "no challenge waits for an answer on channel `{channel_definition_id}` of connection `{id}`"
        ))),
        Err(AnswerProblem::Invalid(problem)) => Err(ApiError::invalid_value(problem)),
    }
}

/// `PUT /connections/{id}/consents`.
pub async fn consents(
    State(sandbox): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<StatusCode> {
    let user_id = caller.user(&["connections_manage"])?.to_owned();
    let body: ConsentsBody = parse_json(&body)?;
    let mut world = sandbox.world();
    owned(&world.bank, &user_id, &id)?;
    for consent in &body.consents {
        if world
            .bank
            .accounts
            .get(&consent.account_id)
            .is_none_or(|a| a.connection_id != id)
        {
            return Err(ApiError::not_found("account", &consent.account_id));
        }
    }
    let mut touched = BTreeSet::new();
    for consent in body.consents {
        if consent.consent {
            if let Some(account) = world.bank.accounts.get_mut(&consent.account_id) {
                account.status = "ACTIVE".to_owned();
                touched.insert((id.clone(), account.channel_definition_id.clone()));
            }
        } else {
            world.bank.remove_account_data(&consent.account_id);
        }
    }
    for key in touched {
        engine::start(
            &sandbox,
            &mut world,
            key,
            JobKind::SyncAll,
            Trigger::Chained,
        );
    }
    Ok(StatusCode::NO_CONTENT)
}
