//! The rules of a user's connections: whose a connection is, which provider and channel may be
//! connected, how a new connection and its channels look, and how checked credentials are
//! installed on a channel (which starts LIST_ACCOUNTS).
//!
//! Docs gaps, our choices (the routes' `connections` documents the HTTP side): an
//! unavailable provider is refused as an invalid value; connecting a REDIRECT channel through
//! the EMBEDDED form is refused, pointing to `authorize_url`; every channel definition of the
//! provider shows on a new connection, the ones not set up as `NEVER` (REDIRECT) or `EMPTY`
//! (EMBEDDED), as the seed's example does; new connections ask consent per account
//! (`consent_per_account`). Credentials: see [`credentials`].

pub mod actions;
pub mod credentials;

use std::sync::Arc;

use super::bank::{Bank, ChannelRecord, ConnectionRecord};
use super::engine::{self, ChannelKey, JobKind, Trigger};
use super::error::{WorldError, WorldResult};
use super::providers::{self, ChannelDef, ProviderDef};
use super::state::{Sandbox, World, epoch_now};
use credentials::Prepared;

/// The user's connection `id`; unknown and another user's are both "not found".
pub fn owned<'b>(bank: &'b Bank, user_id: &str, id: &str) -> WorldResult<&'b ConnectionRecord> {
    bank.connections
        .get(id)
        .filter(|c| c.user_id == user_id)
        .ok_or_else(|| WorldError::not_found("connection", id))
}

/// The provider, if known; an unavailable one is refused.
pub fn available_provider(id: &str) -> WorldResult<&'static ProviderDef> {
    let provider = providers::find(id).ok_or_else(|| WorldError::not_found("provider", id))?;
    if provider.unavailable {
        return Err(WorldError::Invalid(format!(
            "provider `{id}` ({}) is unavailable at the moment; try again later",
            provider.name
        )));
    }
    Ok(provider)
}

/// The provider's EMBEDDED channel definition `id` (or its first EMBEDDED one).
pub fn embedded_channel<'p>(
    provider: &'p ProviderDef,
    id: Option<&str>,
) -> WorldResult<&'p ChannelDef> {
    let channel = match id {
        Some(id) => provider
            .channel_definitions
            .iter()
            .find(|c| c.id == id)
            .ok_or_else(|| WorldError::not_found("channel definition", id))?,
        None => provider
            .channel_definitions
            .iter()
            .find(|c| c.mode == "EMBEDDED")
            .ok_or_else(|| {
                WorldError::Invalid(format!(
                    "provider `{}` has no EMBEDDED channel: connect it through authorize_url",
                    provider.id
                ))
            })?,
    };
    if channel.mode != "EMBEDDED" {
        return Err(WorldError::Invalid(format!(
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
        strong_auth_at: None,
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
pub fn install(
    sandbox: &Arc<Sandbox>,
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

/// The channels of a connection that can sync (credentials or an authorisation are set up).
pub fn ready_channels(world: &World, connection_id: &str) -> Vec<ChannelKey> {
    world
        .engine
        .banks
        .keys()
        .filter(|(c, _)| c == connection_id)
        .cloned()
        .collect()
}
