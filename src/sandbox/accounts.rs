//! `GET /accounts`, `GET /accounts/{id}`, account updates.

mod import;

use axum::Router;

use super::state::AppState;

pub use import::id_order;

/// The routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new()
}
