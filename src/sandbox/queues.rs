//! `POST /queues/subscribe`, `GET /queues/{id}`: event queues, and [`publish`], which every
//! engine step uses to tell the user's queues what happens.
//!
//! Docs gaps (oxlin-api.md §11), our choices: `GET /queues/{id}` answers 200 with a bare JSON
//! array of the events since the last poll, and drains them (`[]` when none); an unknown or
//! another user's queue is a 404. Every queue of a user gets every event of the user's
//! connections from its subscription on. Queues live as long as the user. A subscribe body may
//! be empty (topics default to `["connections"]`); `connections` is the only known topic.
//!
//! Events follow seed 002 (§5.7): `{"id","event_type","resource_type":"CONNECTION",
//! "creation_date","channel_definition_id","resource":<Connection>}` plus the type's payload under
//! the lower-cased `event_type`. Emulator inventions (no public name exists), besides the
//! documented `*_USER_INPUT_REQUESTED`: `LIST_ACCOUNTS_STARTED`, `LIST_ACCOUNTS_SUCCESS`
//! (`{"account_ids","pending_consent"}`), `LIST_ACCOUNTS_FAILED` (`{"status","message"}`),
//! `SYNC_ALL_STARTED`, `SYNC_ALL_ACCOUNT_SYNCED` (`{"account_id","new_transactions"}`),
//! `SYNC_ALL_SUCCESS` (`{"account_ids","pending_consent","new_transactions"}`), `SYNC_ALL_FAILED`.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header::LOCATION};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Value, json};

use super::bank::QueueRecord;
use super::caller::Caller;
use super::connections::body::parse_json;
use super::error::{ApiError, ApiResult};
use super::state::{AppState, Sandbox, World, epoch_now};

/// The routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/queues/subscribe", post(subscribe_handler))
        .route("/queues/{id}", get(poll))
}

#[derive(Debug, Deserialize)]
struct SubscribeBody {
    #[serde(default)]
    topics: Option<Vec<String>>,
}

async fn subscribe_handler(
    State(sandbox): State<AppState>,
    caller: Caller,
    body: Bytes,
) -> ApiResult<impl IntoResponse> {
    let user_id = caller.user(&["connections_manage"])?.to_owned();
    let topics = if body.iter().all(u8::is_ascii_whitespace) {
        vec!["connections".to_owned()]
    } else {
        parse_json::<SubscribeBody>(&body)?
            .topics
            .unwrap_or_else(|| vec!["connections".to_owned()])
    };
    if let Some(unknown) = topics.iter().find(|t| t.as_str() != "connections") {
        return Err(ApiError::invalid_value(format!(
            "unknown topic `{}` (known: connections)",
            crate::sanitize::clean_line(unknown)
        )));
    }
    let id = subscribe(&sandbox, &mut sandbox.world(), &user_id, topics);
    Ok((StatusCode::CREATED, [(LOCATION, format!("/queues/{id}"))]))
}

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

async fn poll(
    State(sandbox): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<impl IntoResponse> {
    let user_id = caller.user(&["connections_manage"])?;
    let mut world = sandbox.world();
    let queue = world
        .bank
        .queues
        .get_mut(&id)
        .filter(|q| q.user_id == user_id)
        .ok_or_else(|| ApiError::not_found("queue", &id))?;
    let events: Vec<Value> = queue.events.drain(..).collect();
    Ok(axum::Json(Value::Array(events)))
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
        if queue.user_id == user_id && queue.topics.iter().any(|t| t == "connections") {
            queue.events.push_back(event.clone());
        }
    }
}
