//! What the fault dice decide for one request (`--faults`; the spec is parsed in `config.rs`,
//! the HTTP answers are made by the routes' `faults`).
//!
//! Choice (the docs publish no rate limits or error pages, so this is ours): each request is
//! drawn independently with the thread RNG: first a dropped connection, then a 429, then a
//! 500/503 (half each), each with its configured share. The latency is added before the draw,
//! by the routes.

use rand08::Rng;

use crate::sandbox::config::Faults;

/// What the dice decided for one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultOutcome {
    /// Serve the request as usual.
    Serve,
    /// Break the connection instead of answering.
    Drop,
    /// Refuse with "too many requests".
    RateLimit,
    /// Fail on purpose: an internal error, or (`unavailable`) a temporary unavailability.
    ServerError {
        /// True for "temporarily unavailable" (503), false for an internal error (500).
        unavailable: bool,
    },
}

/// Draws the fate of one request.
pub fn draw(faults: &Faults) -> FaultOutcome {
    let mut rng = rand08::thread_rng();
    let mut hit = |share: f64| share > 0.0 && rng.r#gen::<f64>() < share;
    if hit(faults.dropped) {
        FaultOutcome::Drop
    } else if hit(faults.rate_limited) {
        FaultOutcome::RateLimit
    } else if hit(faults.server_errors) {
        FaultOutcome::ServerError {
            unavailable: !rng.r#gen::<bool>(),
        }
    } else {
        FaultOutcome::Serve
    }
}
