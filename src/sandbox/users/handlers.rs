//! The HTTP side of the users: create, show, delete (with everything the user owns).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::header::LOCATION;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::Value;

use super::{UserRecord, looks_like_email};
use crate::sandbox::auth::request_body;
use crate::sandbox::caller::Caller;
use crate::sandbox::error::{ApiError, ApiResult};
use crate::sandbox::state::{AppState, World, epoch_now};

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
    if world.users.by_email(&email).is_some() {
        return Err(ApiError::conflict("a user with this e-mail already exists"));
    }
    let id = sandbox.next_id();
    let user = UserRecord {
        id: id.clone(),
        email,
        password,
        creation_date: epoch_now(),
    };
    let body = user.to_json();
    world.users.by_id.insert(id.clone(), user);
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

/// Removes a user and everything they own: connections, accounts, transactions, queues, keys
/// and tokens.
pub fn delete_everything_of(world: &mut World, user_id: &str) {
    world.users.by_id.remove(user_id);
    world.tokens.revoke_user(user_id);
    world.keys.remove_user(user_id);
    let bank = &mut world.bank;
    bank.connections.retain(|_, c| c.user_id != user_id);
    let gone: Vec<String> = bank
        .accounts
        .iter()
        .filter(|(_, a)| a.user_id == user_id)
        .map(|(id, _)| id.clone())
        .collect();
    for account_id in &gone {
        bank.accounts.remove(account_id);
        bank.transactions.remove(account_id);
    }
    bank.transaction_index
        .retain(|_, account_id| !gone.contains(account_id));
    bank.queues.retain(|_, q| q.user_id != user_id);
}
