//! The HTTP side of the finX sandbox, mounted under `/finx` by the sandbox's router: the flow
//! endpoints (client Basic auth), the data endpoints (Bearer), the widget pages, the banks'
//! icons and one sandbox-only hook; any other path under `/finx` is a 404 in finX's error
//! envelope. Handlers lock the finX world (`super::world`), never the reverse.

mod access;
mod accounts;
mod client;
pub(crate) mod error;
mod hooks;
mod params;
mod token;
mod transactions;
mod widget;
mod wire;

use axum::Router;
use axum::routing::{get, post};

use crate::sandbox::routes::AppState;
use error::FinxError;

/// Every finX route, relative to `/finx`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/onetime/access", post(access::create))
        .route("/auth/token", post(token::token))
        .route("/rest/accounts", get(accounts::list))
        .route("/rest/accounts/", get(accounts::list))
        .route("/rest/accounts/{account_id}", get(accounts::one))
        .route(
            "/rest/accounts/{account_id}/balance",
            get(accounts::balance),
        )
        .route(
            "/rest/accounts/{account_id}/transactions",
            get(transactions::of_account),
        )
        .route("/rest/transactions", get(transactions::list))
        .route("/rest/transactions/", get(transactions::list))
        .route("/widget/", get(widget::show))
        .route("/widget", get(widget::show))
        .route("/widget/bank", post(widget::bank))
        .route("/widget/login", post(widget::login))
        .route("/widget/otp", post(widget::otp))
        .route("/widget/accounts", post(widget::accounts))
        .route("/widget/cancel", post(widget::cancel))
        .route("/icons/{file}", get(accounts::icon))
        .route("/sandbox/next_sync", post(hooks::next_sync))
        .fallback(|| async { FinxError::no_route() })
}
