//! The timing both API clients share (`oxlin::client`, `finx::client::call`): one call's
//! deadline, every attempt and wait within it ([`CallDeadline`]), and the wait before a retry
//! ([`retry_wait`]: the server's `Retry-After`, at most [`MAX_RETRY_AFTER`], else a jittered
//! exponential backoff). A wait that would end past the deadline is not started.
//!
//! What stays in each client, on purpose: which failures are retried and how a 401 is met.
//! Oxlin refreshes its access token after each 401 (up to `max_retries` times: a token may die
//! again while a call waits out a `Retry-After`) and retries only idempotent calls (and any call
//! the server asked to retry later); finX refreshes once per call (its refresh tokens rotate and
//! are spent, so a token refused twice means the access is gone) and retries a call that spends
//! a code or token only when the server cannot have spent it. Each client also keeps its own
//! error type and wording.

use std::future::Future;
use std::time::Duration;

use rand08::Rng;
use tokio::time::Instant;

/// The longest `Retry-After` honoured (docs gap, ours: no rate limits are published).
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// How long to wait before retry number `attempt` (1 for the first retry): the server's
/// `retry_after` when it gave one (at most [`MAX_RETRY_AFTER`]), else `backoff` doubled per
/// attempt up to `max_backoff`, times a jitter in [0.5, 1.5) so that clients failed together
/// do not come back together.
pub fn retry_wait(
    backoff: Duration,
    max_backoff: Duration,
    attempt: u32,
    retry_after: Option<Duration>,
) -> Duration {
    if let Some(wait) = retry_after {
        return wait.min(MAX_RETRY_AFTER);
    }
    let doubled = backoff.saturating_mul(1 << attempt.min(16));
    let jitter = rand08::thread_rng().gen_range(0.5..1.5);
    doubled.min(max_backoff).mul_f64(jitter)
}

/// When one call must be over, every attempt and wait included.
#[derive(Debug, Clone, Copy)]
pub struct CallDeadline {
    at: Instant,
    limit: Duration,
}

impl CallDeadline {
    /// A call starting now that may take at most `limit`.
    pub fn start(limit: Duration) -> Self {
        Self {
            at: Instant::now() + limit,
            limit,
        }
    }

    /// Runs `attempts` (a client's loop of attempts and waits) until the deadline: its answer,
    /// or the error `late` makes of "no complete answer within N s" when the deadline passes
    /// first.
    pub async fn bound<T, E>(
        &self,
        attempts: impl Future<Output = Result<T, E>>,
        late: impl FnOnce(String) -> E,
    ) -> Result<T, E> {
        match tokio::time::timeout_at(self.at, attempts).await {
            Ok(answer) => answer,
            Err(_) => Err(late(format!(
                "no complete answer within {} s",
                self.limit.as_secs()
            ))),
        }
    }

    /// Waits `wait` before another attempt, and says so; `false` at once, without waiting,
    /// when the wait would end past the deadline (the caller then gives up with its error).
    pub async fn wait(&self, wait: Duration) -> bool {
        if Instant::now() + wait >= self.at {
            return false;
        }
        tokio::time::sleep(wait).await;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_retry_after_is_honoured_up_to_a_minute_and_the_backoff_doubles_up_to_its_cap() {
        let (base, cap) = (Duration::from_millis(100), Duration::from_secs(2));
        let asked = Some(Duration::from_secs(5));
        assert_eq!(retry_wait(base, cap, 1, asked), Duration::from_secs(5));
        let asked = Some(Duration::from_secs(3600));
        assert_eq!(retry_wait(base, cap, 1, asked), MAX_RETRY_AFTER);
        for attempt in 1..40 {
            let wait = retry_wait(base, cap, attempt, None);
            let doubled = base.saturating_mul(1 << attempt.min(16)).min(cap);
            assert!(
                wait >= doubled / 2 && wait < doubled.mul_f64(1.5),
                "{wait:?}"
            );
        }
    }

    #[tokio::test]
    async fn a_wait_past_the_deadline_is_not_started_and_a_late_call_says_how_long_it_had() {
        let deadline = CallDeadline::start(Duration::from_millis(100));
        // Refused at once: sleeping an hour would hang the test.
        assert!(!deadline.wait(Duration::from_secs(3600)).await);
        assert!(deadline.wait(Duration::from_millis(1)).await);
        let never = std::future::pending::<Result<(), String>>();
        let late = deadline.bound(never, |reason| reason).await;
        assert_eq!(late, Err("no complete answer within 0 s".to_owned()));
    }
}
