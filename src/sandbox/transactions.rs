//! `GET /transactions`, `GET /transactions/{id}`.

mod import;

use axum::Router;

use super::state::AppState;

/// The routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new()
}
