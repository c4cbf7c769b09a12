//! `POST /token`: client credentials, ROPC and rotating refresh tokens.

pub mod request_body;

use axum::Router;

use super::state::AppState;

/// The routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new()
}
