//! Fault injection (`--faults`): latency, 500/503 answers, 429 with `Retry-After`, dropped
//! connections, early token expiry. Off by default; the spec is parsed in `config.rs`.
//!
//! Choices (the docs publish no rate limits or error pages, so these are ours):
//! - Faults hit every request, `/token` included, each one drawn independently with the
//!   thread RNG: first the latency is added, then a dropped connection, then a 429, then a
//!   500/503 (half each), each with its configured share.
//! - A dropped connection answers a 200 header whose body stream fails at once: hyper aborts
//!   the connection, so the client sees a broken transfer rather than a clean answer.
//! - 429 answers carry `Retry-After: <seconds>` and `{"error":"rate_limited",…}`; 5xx answers
//!   `{"error":"server_error"|"temporarily_unavailable",…}`.
//! - Early expiry is applied when tokens are issued (`auth`): the token dies after
//!   `early_expiry` while `expires_in` still announces the configured ttl.

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::http::header::RETRY_AFTER;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use rand08::Rng;

use super::error::ApiError;
use super::state::AppState;

/// Wraps the whole router with the faults the configuration switches on.
pub fn wrap(router: Router<AppState>, state: &AppState) -> Router<AppState> {
    if state.config.faults.is_off() {
        return router;
    }
    router.layer(middleware::from_fn_with_state(state.clone(), inject))
}

/// What the dice decided for one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Serve,
    Drop,
    RateLimit,
    ServerError(StatusCode),
}

async fn inject(State(sandbox): State<AppState>, request: Request, next: Next) -> Response {
    let faults = &sandbox.config.faults;
    if !faults.latency.is_zero() {
        tokio::time::sleep(faults.latency).await;
    }
    let outcome = {
        let mut rng = rand08::thread_rng();
        let mut hit = |share: f64| share > 0.0 && rng.r#gen::<f64>() < share;
        if hit(faults.dropped) {
            Outcome::Drop
        } else if hit(faults.rate_limited) {
            Outcome::RateLimit
        } else if hit(faults.server_errors) {
            if rng.r#gen::<bool>() {
                Outcome::ServerError(StatusCode::INTERNAL_SERVER_ERROR)
            } else {
                Outcome::ServerError(StatusCode::SERVICE_UNAVAILABLE)
            }
        } else {
            Outcome::Serve
        }
    };
    match outcome {
        Outcome::Serve => next.run(request).await,
        Outcome::Drop => {
            let broken = futures_util::stream::once(async {
                Err::<Bytes, std::io::Error>(std::io::Error::other("fault injection: dropped"))
            });
            Response::new(Body::from_stream(broken))
        }
        Outcome::RateLimit => (
            [(RETRY_AFTER, faults.retry_after_secs.to_string())],
            ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                "too many requests (fault injection); retry after the delay in Retry-After",
            ),
        )
            .into_response(),
        Outcome::ServerError(status) => {
            let code = if status == StatusCode::SERVICE_UNAVAILABLE {
                "temporarily_unavailable"
            } else {
                "server_error"
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
