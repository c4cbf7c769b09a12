//! Fault injection (`--faults`): latency, 500/503 answers, 429 with `Retry-After`, dropped
//! connections, early token expiry. Off by default; the spec is parsed in `config.rs`, the dice
//! are drawn in `world::faults`.
//!
//! Choices (the docs publish no rate limits or error pages, so these are ours):
//! - Faults hit every request, `/token` included: first the latency is added, then the dice
//!   decide (order and shares: `world::faults`).
//! - A dropped connection answers a 200 header whose body stream fails at once: hyper aborts
//!   the connection, so the client sees a broken transfer rather than a clean answer.
//! - 429 answers carry `Retry-After: <seconds>` and `{"error":"rate_limited",…}`; 5xx answers
//!   `{"error":"server_error"|"temporarily_unavailable",…}`. Under `/finx` they answer finX's
//!   envelope instead (`{"error": {"code", "group", "description", "data"}}`, the codes in
//!   `finx::routes::error`), as finX itself would.
//! - Early expiry is applied when tokens are issued (`auth`): the token dies after
//!   `early_expiry` while `expires_in` still announces the configured ttl.

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::http::header::RETRY_AFTER;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};

use super::AppState;
use super::error::ApiError;
use crate::sandbox::finx::routes::error::FinxError;
use crate::sandbox::world::faults::{FaultOutcome, draw};

/// Wraps the whole router with the faults the configuration switches on.
pub fn wrap(router: Router<AppState>, state: &AppState) -> Router<AppState> {
    if state.config.faults.is_off() {
        return router;
    }
    router.layer(middleware::from_fn_with_state(state.clone(), inject))
}

async fn inject(State(sandbox): State<AppState>, request: Request, next: Next) -> Response {
    let faults = &sandbox.config.faults;
    if !faults.latency.is_zero() {
        tokio::time::sleep(faults.latency).await;
    }
    let outcome = draw(faults);
    match outcome {
        FaultOutcome::Serve => next.run(request).await,
        FaultOutcome::Drop => {
            let broken = futures_util::stream::once(async {
                Err::<Bytes, std::io::Error>(std::io::Error::other("fault injection: dropped"))
            });
            Response::new(Body::from_stream(broken))
        }
        FaultOutcome::RateLimit if is_finx(&request) => {
            let retry_after = [(RETRY_AFTER, faults.retry_after_secs.to_string())];
            (retry_after, FinxError::rate_limited()).into_response()
        }
        FaultOutcome::ServerError { unavailable } if is_finx(&request) => {
            FinxError::server_failure(unavailable).into_response()
        }
        FaultOutcome::RateLimit => (
            [(RETRY_AFTER, faults.retry_after_secs.to_string())],
            ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                "too many requests (fault injection); retry after the delay in Retry-After",
            ),
        )
            .into_response(),
        FaultOutcome::ServerError { unavailable } => {
            let (status, code) = if unavailable {
                (StatusCode::SERVICE_UNAVAILABLE, "temporarily_unavailable")
            } else {
                (StatusCode::INTERNAL_SERVER_ERROR, "server_error")
            };
            ApiError::new(
                status,
                code,
                "the sandbox failed on purpose (fault injection)",
            )
            .into_response()
        }
    }
}

/// Whether `request` is a finX route (answered in finX's error envelope).
fn is_finx(request: &Request) -> bool {
    let path = request.uri().path();
    path == "/finx" || path.starts_with("/finx/")
}
