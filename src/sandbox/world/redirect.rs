//! REDIRECT sessions: what `authorize_url` opened and the bank page is asked about, and what an
//! approval does to the world. The HTTP side (the `authorize_url` endpoint, the bank page and
//! the browser's redirect back) is the routes' `redirect`.
//!
//! Docs gaps, our choices: on approval the connection is created for the user whose token
//! called `authorize_url` (REDIRECT channel, `expires` = now + 90 days, test-bank `default` data
//! limited to the channel's account types), a queue is subscribed for that user and
//! LIST_ACCOUNTS runs. With `connection_id` the same approval renews that connection's REDIRECT
//! channel (new `expires`); that connection must be the user's, to the session's provider.
//! Sessions are single-use; their token is 16 random bytes in hex.

use std::sync::Arc;

use rand08::RngCore;

use super::connections::{channel_record, new_connection, owned};
use super::engine::{self, JobKind, Trigger};
use super::error::{WorldError, WorldResult};
use super::providers;
use super::queues::{self, CONNECTIONS_TOPIC};
use super::state::{Sandbox, World, epoch_now};
use super::testbank;

/// How long a REDIRECT channel's authorisation lasts (PSD2: 90 days).
const AUTHORISATION_SECS: i64 = 90 * 24 * 3600;

/// A REDIRECT session waiting for the user's decision at the bank.
#[derive(Debug, Clone)]
pub struct RedirectSession {
    /// The user whose token called `authorize_url`.
    pub user_id: String,
    /// The provider the user is sent to.
    pub provider_id: String,
    /// The provider's REDIRECT channel definition.
    pub channel_definition_id: String,
    /// Where the browser goes back after the decision.
    pub redirect_uri: url::Url,
    /// Given back to the caller as `state` (not containing `|`).
    pub redirect_state: Option<String>,
    /// Set when the session renews an existing connection.
    pub connection_id: Option<String>,
}

/// What an approved session made: the connection (created or renewed) and a new queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approved {
    /// The connection created or renewed.
    pub connection_id: String,
    /// The queue subscribed for the user, where LIST_ACCOUNTS reports.
    pub queue_id: String,
}

/// An unguessable session token (the `state` of the bank URL).
fn session_token() -> String {
    let mut bytes = [0u8; 16];
    rand08::thread_rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Keeps `session` until the user decides at the bank, and answers its token (the `state` of
/// the bank URL). A session that renews a connection needs the user's connection to the same
/// provider.
pub fn open_session(world: &mut World, session: RedirectSession) -> WorldResult<String> {
    if let Some(connection_id) = &session.connection_id {
        let connection = owned(&world.bank, &session.user_id, connection_id)?;
        if connection.provider_id != session.provider_id {
            return Err(WorldError::Invalid(format!(
                "connection `{connection_id}` is not a connection to provider `{}`",
                session.provider_id
            )));
        }
    }
    let state = session_token();
    world
        .engine
        .redirect_sessions
        .insert(state.clone(), session);
    Ok(state)
}

/// Creates or renews the connection of an approved session, subscribes a queue and starts
/// LIST_ACCOUNTS. On failure answers the error code the browser is sent back with
/// (`server_error`, `connection_not_found`).
pub fn approve(
    sandbox: &Arc<Sandbox>,
    session: &RedirectSession,
) -> Result<Approved, &'static str> {
    let (Some(provider), Ok(bank)) = (
        providers::find(&session.provider_id),
        testbank::load("default"),
    ) else {
        return Err("server_error");
    };
    let Some(def) = provider
        .channel_definitions
        .iter()
        .find(|d| d.id == session.channel_definition_id)
    else {
        return Err("server_error");
    };
    let mut world = sandbox.world();
    let connection_id = match &session.connection_id {
        Some(id) if world.bank.connections.contains_key(id) => id.clone(),
        Some(_) => return Err("connection_not_found"),
        None => {
            let id = sandbox.next_id();
            let connection = new_connection(provider, id.clone(), &session.user_id);
            world.bank.connections.insert(id.clone(), connection);
            id
        }
    };
    if let Some(connection) = world.bank.connections.get_mut(&connection_id) {
        if !connection
            .channels
            .iter()
            .any(|c| c.channel_definition_id == def.id)
        {
            connection.channels.push(channel_record(def, "NEVER"));
        }
        for channel in connection
            .channels
            .iter_mut()
            .filter(|c| c.channel_definition_id == def.id)
        {
            channel.expires = Some(epoch_now() + AUTHORISATION_SECS);
        }
        connection.owner_name = connection.owner_name.take().or(bank.owner.clone());
        if connection.test_bank.is_none() {
            connection.test_bank = Some(bank.clone());
        }
    }
    let key = (connection_id.clone(), def.id.clone());
    world.engine.banks.insert(key.clone(), bank);
    let queue_id = queues::subscribe(
        sandbox,
        &mut world,
        &session.user_id,
        vec![CONNECTIONS_TOPIC.to_owned()],
    );
    engine::start(
        sandbox,
        &mut world,
        key,
        JobKind::ListAccounts,
        Trigger::User,
    );
    Ok(Approved {
        connection_id,
        queue_id,
    })
}
