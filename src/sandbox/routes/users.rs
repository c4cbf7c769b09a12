//! `POST /users`, `GET /users/me`, `GET /users/{id}`, `DELETE /users/me`: the sandbox's users.
//!
//! Docs gaps, and what we chose:
//! - `POST /users` takes `email` and `password` as a form (the quickstarts) or JSON (a production
//!   connector), whatever the content type; it needs a token with `users_create` (a client
//!   token). It answers 201 with `Location: /users/{id}` and the User object as body.
//! - A duplicate e-mail (compared case-insensitively) is a 409; a missing or malformed e-mail
//!   (not `something@domain`) or a missing password is a 400.
//! - `GET /users/me` and `GET /users/{id}` need `profile` (or `profile_edit`); `{id}` must be the
//!   caller's own id, anything else is a 404. The User object is
//!   `{"id","email","creation_date","status":"ACTIVE"}` (oxlin-api.md §5.1).
//! - `DELETE /users/me` needs `profile_edit`, answers 204, and removes everything of the user:
//!   connections, accounts, transactions, queues, keys and tokens. The e-mail becomes reusable.
//!   `DELETE /users/{id}` does the same for the caller's own id, or for any user with a client
//!   token carrying `users_create` (the admin mode of the client-credentials flow).
//!
//! The records, the e-mail rule and what a deletion removes: `world::users`.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::header::LOCATION;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::Value;

use super::AppState;
use super::caller::Caller;
use super::error::{ApiError, ApiResult};
use super::request_body;
use crate::sandbox::world::state::World;
use crate::sandbox::world::users::{create, delete_everything_of, looks_like_email};

/// The routes of the users.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/users", post(create_user))
        .route("/users/me", get(show_me).delete(delete_me))
        .route("/users/{id}", get(show_user).delete(delete_user))
}

async fn create_user(
    State(sandbox): State<AppState>,
    caller: Caller,
    body: Bytes,
) -> ApiResult<impl IntoResponse> {
    caller.require(&["users_create"])?;
    let fields = request_body::fields(&body)?;
    let email = request_body::text(&fields, "email")
        .map(|e| e.trim().to_owned())
        .ok_or_else(|| ApiError::bad_request("missing `email`"))?;
    if !looks_like_email(&email) {
        return Err(ApiError::bad_request(
            "`email` is not a valid e-mail address",
        ));
    }
    let password = request_body::text(&fields, "password")
        .ok_or_else(|| ApiError::bad_request("missing `password`"))?;
    let mut world = sandbox.world();
    let user = create(&sandbox, &mut world, email, password)?;
    let (id, body) = (user.id.clone(), user.to_json());
    Ok((
        StatusCode::CREATED,
        [(LOCATION, format!("/users/{id}"))],
        Json(body),
    ))
}

async fn show_me(State(sandbox): State<AppState>, caller: Caller) -> ApiResult<Json<Value>> {
    let user_id = caller.user(&["profile"])?;
    show(&sandbox.world(), user_id, "me")
}

async fn show_user(
    State(sandbox): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let user_id = caller.user(&["profile"])?;
    if user_id != id {
        return Err(ApiError::not_found("user", &id));
    }
    show(&sandbox.world(), user_id, &id)
}

fn show(world: &World, user_id: &str, asked: &str) -> ApiResult<Json<Value>> {
    world
        .users
        .by_id
        .get(user_id)
        .map(|u| Json(u.to_json()))
        .ok_or_else(|| ApiError::not_found("user", asked))
}

async fn delete_me(State(sandbox): State<AppState>, caller: Caller) -> ApiResult<StatusCode> {
    let user_id = caller.user(&["profile_edit"])?.to_owned();
    delete_everything_of(&mut sandbox.world(), &user_id);
    Ok(StatusCode::NO_CONTENT)
}

async fn delete_user(
    State(sandbox): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let allowed = match caller.grant.user_id.as_deref() {
        Some(own) => own == id && caller.has("profile_edit"),
        None => caller.has("users_create"),
    };
    let mut world = sandbox.world();
    if !allowed || !world.users.by_id.contains_key(&id) {
        return Err(ApiError::not_found("user", &id));
    }
    delete_everything_of(&mut world, &id);
    Ok(StatusCode::NO_CONTENT)
}
