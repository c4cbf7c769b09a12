//! `POST /queues/subscribe`, `GET /queues/{id}`: the HTTP side of the event queues (what a
//! queue receives, and the events' shape: `world::queues`).
//!
//! Docs gaps (oxlin-api.md §11), our choices: `GET /queues/{id}` answers 200 with a bare JSON
//! array of the events since the last poll, and drains them (`[]` when none); an unknown or
//! another user's queue is a 404. A subscribe body may be empty (topics default to
//! `["connections"]`); another topic is a 422.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header::LOCATION};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::Value;

use super::AppState;
use super::body::parse_json;
use super::caller::Caller;
use super::error::{ApiError, ApiResult};
use crate::sandbox::world::queues::{CONNECTIONS_TOPIC, subscribe};

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
        vec![CONNECTIONS_TOPIC.to_owned()]
    } else {
        parse_json::<SubscribeBody>(&body)?
            .topics
            .unwrap_or_else(|| vec![CONNECTIONS_TOPIC.to_owned()])
    };
    if let Some(unknown) = topics.iter().find(|t| t.as_str() != CONNECTIONS_TOPIC) {
        return Err(ApiError::invalid_value(format!(
            "unknown topic `{}` (known: connections)",
            crate::sanitize::clean_line(unknown)
        )));
    }
    let id = subscribe(&sandbox, &mut sandbox.world(), &user_id, topics);
    Ok((StatusCode::CREATED, [(LOCATION, format!("/queues/{id}"))]))
}

async fn poll(
    State(sandbox): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<impl IntoResponse> {
    let user_id = caller.user(&["connections_manage"])?;
    // Draining a queue changes nothing the state file keeps: the saver is not woken.
    let mut world = sandbox.world_unkept();
    let queue = world
        .bank
        .queues
        .get_mut(&id)
        .filter(|q| q.user_id == user_id)
        .ok_or_else(|| ApiError::not_found("queue", &id))?;
    let events: Vec<Value> = queue.events.drain(..).collect();
    Ok(axum::Json(Value::Array(events)))
}
