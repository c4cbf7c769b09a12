//! `POST /connections` (EMBEDDED), `PUT /connections/{id}/channels/{cd}` (new credentials for a
//! channel, or a new channel) and `PUT /connections/{id}/credentials/{credential_id}` (one new
//! value). Each checks the credentials (`world::connections::credentials`), loads the test-bank
//! file they select, and starts a LIST_ACCOUNTS job (`world::connections::install`).
//!
//! Docs gaps, our choices: the body of `POST /connections` may name `channel_definition_id`
//! (default: the provider's EMBEDDED channel) and `auto_sync` (default true); an unavailable
//! provider is a 422; a REDIRECT channel is a 422 pointing to `authorize_url`. The single
//! credential body is `{"value","key_id"}` and answers 204. Without agreement all three answer
//! 403 `agreement_required` (after the caller's checks): the widget adds connections then.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::header::LOCATION;
use axum::response::IntoResponse;
use serde::Deserialize;

use crate::sandbox::routes::AppState;
use crate::sandbox::routes::body::parse_json;
use crate::sandbox::routes::caller::{Caller, require_agreement};
use crate::sandbox::routes::error::{ApiError, ApiResult};
use crate::sandbox::world::connections::credentials::{self, CredentialInput};
use crate::sandbox::world::connections::{
    available_provider, embedded_channel, install, new_connection, owned,
};

#[derive(Debug, Deserialize)]
struct CreateBody {
    provider_id: String,
    key_id: Option<String>,
    #[serde(default)]
    credentials: Vec<CredentialInput>,
    channel_definition_id: Option<String>,
    auto_sync: Option<bool>,
}

#[derive(Debug, Deserialize)]
struct ChannelBody {
    id: Option<String>,
    key_id: Option<String>,
    #[serde(default)]
    credentials: Vec<CredentialInput>,
}

#[derive(Debug, Deserialize)]
struct CredentialBody {
    value: String,
    key_id: Option<String>,
}

/// `POST /connections`.
pub async fn create(
    State(sandbox): State<AppState>,
    caller: Caller,
    body: Bytes,
) -> ApiResult<impl IntoResponse> {
    let user_id = caller.user(&["connections_manage"])?.to_owned();
    require_agreement(&sandbox)?;
    let body: CreateBody = parse_json(&body)?;
    let provider = available_provider(&body.provider_id)?;
    let def = embedded_channel(provider, body.channel_definition_id.as_deref())?;
    let mut world = sandbox.world();
    let values = credentials::check(
        &world,
        &user_id,
        def,
        body.key_id.as_deref(),
        &body.credentials,
        false,
    )?;
    let prepared = credentials::prepare(def, &values)?;
    let id = sandbox.next_id();
    let mut connection = new_connection(provider, id.clone(), &user_id);
    connection.auto_sync = body.auto_sync.unwrap_or(true);
    world.bank.connections.insert(id.clone(), connection);
    install(&sandbox, &mut world, &id, def, prepared);
    Ok((
        StatusCode::CREATED,
        [(LOCATION, format!("/connections/{id}"))],
    ))
}

/// `PUT /connections/{id}/channels/{channel_definition_id}`.
pub async fn put_channel(
    State(sandbox): State<AppState>,
    caller: Caller,
    Path((id, channel_definition_id)): Path<(String, String)>,
    body: Bytes,
) -> ApiResult<StatusCode> {
    let user_id = caller.user(&["connections_manage"])?.to_owned();
    require_agreement(&sandbox)?;
    let body: ChannelBody = parse_json(&body)?;
    if body
        .id
        .as_ref()
        .is_some_and(|given| *given != channel_definition_id)
    {
        return Err(ApiError::bad_request(
            "the body's `id` is not the channel definition id of the path",
        ));
    }
    let mut world = sandbox.world();
    let provider_id = owned(&world.bank, &user_id, &id)?.provider_id.clone();
    let provider = available_provider(&provider_id)?;
    let def = embedded_channel(provider, Some(&channel_definition_id))?;
    let values = credentials::check(
        &world,
        &user_id,
        def,
        body.key_id.as_deref(),
        &body.credentials,
        false,
    )?;
    let prepared = credentials::prepare(def, &values)?;
    install(&sandbox, &mut world, &id, def, prepared);
    Ok(StatusCode::NO_CONTENT)
}

/// `PUT /connections/{id}/credentials/{credential_id}`.
pub async fn put_credential(
    State(sandbox): State<AppState>,
    caller: Caller,
    Path((id, credential_id)): Path<(String, String)>,
    body: Bytes,
) -> ApiResult<StatusCode> {
    let user_id = caller.user(&["connections_manage"])?.to_owned();
    require_agreement(&sandbox)?;
    let body: CredentialBody = parse_json(&body)?;
    let mut world = sandbox.world();
    let provider_id = owned(&world.bank, &user_id, &id)?.provider_id.clone();
    let provider = available_provider(&provider_id)?;
    let (def, stored, bank) = provider
        .channel_definitions
        .iter()
        .filter(|d| d.credentials.iter().any(|c| c.id == credential_id))
        .find_map(|d| {
            let key = (id.clone(), d.id.clone());
            Some((
                d,
                world.engine.credentials.get(&key)?.clone(),
                world.engine.banks.get(&key)?.clone(),
            ))
        })
        .ok_or_else(|| ApiError::not_found("credential", &credential_id))?;
    let given = [CredentialInput {
        id: credential_id,
        value: body.value,
    }];
    let mut values = credentials::current_values(def, &stored, &bank);
    values.extend(credentials::check(
        &world,
        &user_id,
        def,
        body.key_id.as_deref(),
        &given,
        true,
    )?);
    let prepared = credentials::prepare(def, &values)?;
    install(&sandbox, &mut world, &id, def, prepared);
    Ok(StatusCode::NO_CONTENT)
}
