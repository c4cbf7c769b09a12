//! `POST /connections` (EMBEDDED), `PUT /connections/{id}/channels/{cd}` (new credentials for a
//! channel, or a new channel) and `PUT /connections/{id}/credentials/{credential_id}` (one new
//! value). Each checks the credentials, loads the test-bank file they select, and starts a
//! LIST_ACCOUNTS job.
//!
//! Docs gaps, our choices: the body of `POST /connections` may name `channel_definition_id`
//! (default: the provider's EMBEDDED channel) and `auto_sync` (default true); an unavailable
//! provider is a 422; a REDIRECT channel is a 422 pointing to `authorize_url`. The single
//! credential body is `{"value","key_id"}` and answers 204.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::header::LOCATION;
use axum::response::IntoResponse;
use serde::Deserialize;

use super::body::parse_json;
use super::credentials::{self, CredentialInput, Prepared};
use super::owned;
use crate::sandbox::bank::{ChannelRecord, ConnectionRecord};
use crate::sandbox::caller::Caller;
use crate::sandbox::engine::{self, JobKind, Trigger};
use crate::sandbox::error::{ApiError, ApiResult};
use crate::sandbox::providers::{self, ChannelDef, ProviderDef};
use crate::sandbox::state::{AppState, World, epoch_now};

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

/// The provider, or a 404; an unavailable one is a 422.
pub fn available_provider(id: &str) -> ApiResult<&'static ProviderDef> {
    let provider = providers::find(id).ok_or_else(|| ApiError::not_found("provider", id))?;
    if provider.unavailable {
        return Err(ApiError::invalid_value(format!(
            "provider `{id}` ({}) is unavailable at the moment; try again later",
            provider.name
        )));
    }
    Ok(provider)
}

/// The provider's EMBEDDED channel definition `id` (or its first EMBEDDED one).
fn embedded_channel<'p>(provider: &'p ProviderDef, id: Option<&str>) -> ApiResult<&'p ChannelDef> {
    let channel = match id {
        Some(id) => provider
            .channel_definitions
            .iter()
            .find(|c| c.id == id)
            .ok_or_else(|| ApiError::not_found("channel definition", id))?,
        None => provider
            .channel_definitions
            .iter()
            .find(|c| c.mode == "EMBEDDED")
            .ok_or_else(|| {
                ApiError::invalid_value(format!(
                    "provider `{}` has no EMBEDDED channel: connect it through authorize_url",
                    provider.id
                ))
            })?,
    };
    if channel.mode != "EMBEDDED" {
        return Err(ApiError::invalid_value(format!(
            "channel definition `{}` is a {} channel: connect it through authorize_url",
            channel.id, channel.mode
        )));
    }
    Ok(channel)
}

/// A channel record for a definition, in `status`.
pub fn channel_record(def: &ChannelDef, status: &str) -> ChannelRecord {
    ChannelRecord {
        channel_definition_id: def.id.clone(),
        mode: def.mode.to_owned(),
        status: status.to_owned(),
        expires: None,
        last_success_date: None,
        last_end_date: None,
        credentials: Vec::new(),
        account_types: def.account_types.iter().map(|t| (*t).to_owned()).collect(),
    }
}

/// A new connection to `provider` with every channel definition shown idle.
pub fn new_connection(provider: &ProviderDef, id: String, user_id: &str) -> ConnectionRecord {
    ConnectionRecord {
        id,
        user_id: user_id.to_owned(),
        provider_id: provider.id.clone(),
        name: provider.name.clone(),
        creation_date: epoch_now(),
        auto_sync: true,
        consent_per_account: true,
        owner_name: None,
        channels: provider
            .channel_definitions
            .iter()
            .map(|d| {
                channel_record(
                    d,
                    if d.mode == "REDIRECT" {
                        "NEVER"
                    } else {
                        "EMPTY"
                    },
                )
            })
            .collect(),
        test_bank: None,
        sync_count: 0,
    }
}

/// Installs prepared credentials on a channel of a connection and starts LIST_ACCOUNTS.
fn install(
    sandbox: &AppState,
    world: &mut World,
    connection_id: &str,
    def: &ChannelDef,
    prepared: Prepared,
) {
    let key = (connection_id.to_owned(), def.id.clone());
    if let Some(connection) = world.bank.connections.get_mut(connection_id) {
        connection.owner_name = prepared.bank.owner.clone().or(connection.owner_name.take());
        connection.test_bank = Some(prepared.bank.clone());
        let index = match connection
            .channels
            .iter()
            .position(|c| c.channel_definition_id == def.id)
        {
            Some(index) => index,
            None => {
                connection.channels.push(channel_record(def, "EMPTY"));
                connection.channels.len() - 1
            }
        };
        let channel = &mut connection.channels[index];
        channel.credentials = prepared.masked;
        if channel.status == "EMPTY" {
            channel.status = "NEVER".to_owned();
        }
    }
    world
        .engine
        .credentials
        .insert(key.clone(), prepared.stored);
    world.engine.banks.insert(key.clone(), prepared.bank);
    engine::start(sandbox, world, key, JobKind::ListAccounts, Trigger::User);
}

/// `POST /connections`.
pub async fn create(
    State(sandbox): State<AppState>,
    caller: Caller,
    body: Bytes,
) -> ApiResult<impl IntoResponse> {
    let user_id = caller.user(&["connections_manage"])?.to_owned();
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
