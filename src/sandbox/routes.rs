//! The HTTP side of the sandbox: axum handlers, request parsing, the HTTP error answer
//! ([`error::ApiError`]), the caller's bearer token, the faults middleware, and the server
//! ([`server::start`]). Handlers parse a request, lock the world (`super::world`), ask it or
//! change it, and write the answer; the world's refusals become HTTP errors through
//! `From<WorldError> for ApiError`. Nothing under `world` knows this module.
//!
//! One port serves everything: the auth server's `/token` at the root, the bank's
//! authorisation pages under `/testbank`, the API under `/v2.1`, the widget under `/widget`,
//! the finX emulator under `/finx` (`crate::sandbox::finx`) ([`router`]); any other path is a
//! 404 JSON error.

mod accounts;
mod auth;
mod body;
mod caller;
mod connections;
pub mod error;
mod faults;
mod keys;
mod params;
mod providers;
mod queues;
mod redirect;
pub(in crate::sandbox) mod request_body;
pub mod server;
mod transactions;
mod users;
mod widget;

use std::sync::Arc;

use axum::Router;
use axum::http::Uri;

use super::world::state::Sandbox;
use error::ApiError;

/// What every axum handler receives: the running emulator, whose world it locks.
pub type AppState = Arc<Sandbox>;

/// Every route of the emulator, with the faults layer around them.
fn router(state: &AppState) -> Router {
    let api = Router::new()
        .merge(users::routes())
        .merge(providers::routes())
        .merge(keys::routes())
        .merge(connections::routes())
        .merge(queues::routes())
        .merge(accounts::routes())
        .merge(transactions::routes())
        .merge(redirect::api_routes());
    let app = Router::new()
        .merge(auth::routes())
        .merge(redirect::routes())
        .nest("/v2.1", api)
        .nest("/widget", widget::routes())
        .nest("/finx", crate::sandbox::finx::routes::router())
        .fallback(not_found);
    faults::wrap(app, state).with_state(Arc::clone(state))
}

async fn not_found(uri: Uri) -> ApiError {
    ApiError::not_found("path", uri.path())
}
