//! The widget service under `/widget` (`widget_session`).

use axum::Router;

use super::state::AppState;

/// The routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new()
}
