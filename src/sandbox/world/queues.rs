//! Event queues: [`subscribe`] makes one for a user, [`publish`] (which every engine step uses)
//! tells every queue of the user what happens. Polling and draining is the routes' part
//! (the routes' `queues`).
//!
//! Docs gaps (oxlin-api.md §11), our choices: every queue of a user gets every event of the
//! user's connections from its subscription on. Queues live as long as the user;
//! `connections` is the only known topic.
//!
//! Events follow seed 002 (§5.7): `{"id","event_type","resource_type":"CONNECTION",
//! "creation_date","channel_definition_id","resource":<Connection>}` plus the type's payload under
//! the lower-cased `event_type`. Emulator inventions (no public name exists), besides the
//! documented `*_USER_INPUT_REQUESTED`: `LIST_ACCOUNTS_STARTED`, `LIST_ACCOUNTS_SUCCESS`
//! (`{"account_ids","pending_consent"}`), `LIST_ACCOUNTS_FAILED` (`{"status","message"}`),
//! `SYNC_ALL_STARTED`, `SYNC_ALL_ACCOUNT_SYNCED` (`{"account_id","new_transactions"}`),
//! `SYNC_ALL_SUCCESS` (`{"account_ids","pending_consent","new_transactions"}`), `SYNC_ALL_FAILED`.

use serde_json::{Value, json};

use super::bank::QueueRecord;
use super::state::{Sandbox, World, epoch_now};

/// The only topic a queue can follow.
pub const CONNECTIONS_TOPIC: &str = "connections";

/// Creates a queue for the user and answers its id.
pub fn subscribe(
    sandbox: &Sandbox,
    world: &mut World,
    user_id: &str,
    topics: Vec<String>,
) -> String {
    let id = sandbox.next_id();
    world.bank.queues.insert(
        id.clone(),
        QueueRecord {
            id: id.clone(),
            user_id: user_id.to_owned(),
            topics,
            events: Default::default(),
        },
    );
    id
}

/// Publishes an event about a connection's channel to every queue of the connection's user.
/// `payload` goes under the lower-cased `event_type` (nothing when it is null).
pub fn publish(
    sandbox: &Sandbox,
    world: &mut World,
    connection_id: &str,
    channel_definition_id: &str,
    event_type: &str,
    payload: Value,
) {
    let Some(connection) = world.bank.connections.get(connection_id) else {
        return;
    };
    let mut event = json!({
        "id": sandbox.next_id(),
        "event_type": event_type,
        "resource_type": "CONNECTION",
        "creation_date": epoch_now(),
        "channel_definition_id": channel_definition_id,
        "resource": connection.to_json(),
    });
    if !payload.is_null() {
        event[event_type.to_lowercase()] = payload;
    }
    let user_id = connection.user_id.clone();
    for queue in world.bank.queues.values_mut() {
        if queue.user_id == user_id && queue.topics.iter().any(|t| t == CONNECTIONS_TOPIC) {
            queue.events.push_back(event.clone());
        }
    }
}
