//! `/connections`: create (EMBEDDED), list, get, delete, channels, credentials, consents, user input, sync.

use axum::Router;

use super::state::AppState;

/// The routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new()
}
