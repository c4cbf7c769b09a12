//! `POST /keys`, `GET /keys/{id}`: the HTTP side of the PGP keys (the key pairs and the
//! decryption of credentials: `world::keys`).
//!
//! Docs gaps, and what we chose:
//! - `POST /keys` body: `{"type":"PGP"}`; an empty body or a missing `type` also means PGP, any
//!   other type is a 400. JSON or form alike (see `routes::request_body`).
//! - Scope: `connections_manage`, and a user token (keys belong to a user). Another user's key
//!   is a 404, as an unknown one.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::header::LOCATION;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};

use super::AppState;
use super::caller::Caller;
use super::error::{ApiError, ApiResult};
use super::request_body;
use crate::sandbox::world::state::epoch_now;

/// The routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/keys", post(create_key))
        .route("/keys/{id}", get(show_key))
}

async fn create_key(
    State(sandbox): State<AppState>,
    caller: Caller,
    body: Bytes,
) -> ApiResult<impl IntoResponse> {
    let user_id = caller.user(&["connections_manage"])?.to_owned();
    let fields = request_body::fields(&body)?;
    if let Some(kind) = request_body::text(&fields, "type")
        && !kind.eq_ignore_ascii_case("PGP")
    {
        return Err(ApiError::bad_request(format!(
            "unsupported key type `{}` (only `PGP` exists)",
            crate::sanitize::clean_line(&kind)
        )));
    }
    let id = sandbox.next_id();
    let now = epoch_now();
    sandbox
        .world()
        .keys
        .create(id.clone(), &user_id, now)
        .map_err(|e| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "server_error",
                e.to_string(),
            )
        })?;
    Ok((StatusCode::CREATED, [(LOCATION, format!("/keys/{id}"))]))
}

async fn show_key(
    State(sandbox): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<serde_json::Value>> {
    let user_id = caller.user(&["connections_manage"])?;
    let world = sandbox.world();
    match world.keys.by_id.get(&id) {
        Some(key) if key.user_id == user_id => Ok(Json(key.to_json())),
        _ => Err(ApiError::not_found("key", &id)),
    }
}
