//! The REDIRECT flow: `authorize_url` and the bank authorisation page the sandbox serves itself.

use axum::Router;

use super::state::AppState;

/// The routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new()
}

/// The API half of the REDIRECT flow (`authorize_url`), mounted under `/v2.1`.
pub fn api_routes() -> Router<AppState> {
    Router::new()
}
