//! The finX sandbox's world, with no HTTP: access links and their widget sessions
//! ([`link`], [`widget`]), codes and tokens ([`tokens`]), the test banks ([`banks`]), and per
//! access its data ([`ledger`], made by [`generate`] from [`texts`], queried with [`query`]).
//!
//! It lives beside the Oxlin world, behind its own lock ([`FinxWorld::lock`]), and has its own
//! clock: [`FinxState::now`] is the real time plus an offset tests move forward
//! ([`FinxState::advance_clock`]) to let codes and tokens expire without waiting.
//!
//! Not saved in the sandbox's state file (`--state`): finX keeps one-time data for one hour
//! anyway (finx-api.md §6.2); after a restart the client's refresh token is refused and it
//! links again, as it would after 90 days.

pub mod banks;
pub mod generate;
pub mod ledger;
pub mod link;
pub mod query;
pub mod records;
pub mod texts;
pub mod tokens;
pub mod widget;

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, Duration, NaiveDate, Utc};

use ledger::{Ledger, SyncReport};
use link::AccessLink;
use tokens::Tokens;

/// Lifetimes, changeable by tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Authorization codes (1 h, seed 004; §9.2).
    pub code_ttl: Duration,
    /// Access tokens (`expires_in: 3600`).
    pub access_ttl: Duration,
    /// Refresh tokens (90 days).
    pub refresh_ttl: Duration,
    /// Widget links (1 h, ours).
    pub link_ttl: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            code_ttl: Duration::hours(1),
            access_ttl: Duration::hours(1),
            refresh_ttl: Duration::days(90),
            link_ttl: Duration::hours(1),
        }
    }
}

/// The finX world behind its lock.
#[derive(Debug, Default)]
pub struct FinxWorld {
    state: Mutex<FinxState>,
}

impl FinxWorld {
    /// Locks the finX world (never held across an `.await`). A panic elsewhere does not poison
    /// it for good: the state is plain data.
    pub fn lock(&self) -> MutexGuard<'_, FinxState> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Everything the finX sandbox knows.
#[derive(Default)]
pub struct FinxState {
    pub settings: Settings,
    clock_offset: Duration,
    /// By widget token.
    pub links: HashMap<String, AccessLink>,
    /// By access id (`X…`).
    pub ledgers: HashMap<String, Ledger>,
    pub tokens: Tokens,
    /// How many pages of transactions were answered (tests count a sync's reads with it).
    pub transaction_pages_served: usize,
    next_serial: u64,
}

impl std::fmt::Debug for FinxState {
    /// Counts only: widget tokens (the links' keys), codes and tokens never reach a log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FinxState")
            .field("settings", &self.settings)
            .field("links", &self.links.len())
            .field("accesses", &self.ledgers.len())
            .field("tokens", &self.tokens)
            .finish_non_exhaustive()
    }
}

impl FinxState {
    /// The sandbox's finX time.
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + self.clock_offset
    }

    /// Today's date in the sandbox's finX time (UTC).
    pub fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }

    /// Moves the finX clock forward (codes, tokens and links expire as if that time passed).
    pub fn advance_clock(&mut self, by: Duration) {
        self.clock_offset += by;
    }

    /// A new number for an access and its ids (`X<n>.1`, `A<n>.k`, `T<n>.k`).
    pub fn next_serial(&mut self) -> u64 {
        self.next_serial += 1;
        // Ids look like finX's long numeric ones (`X998944684550094849.1`).
        998_944_684_550_000_000 + self.next_serial
    }

    /// The bank's next sync for `access_id`: pending lines book or drop, new ones arrive
    /// (`ledger`'s module doc). `None` for an unknown access.
    pub fn next_sync(&mut self, access_id: &str) -> Option<SyncReport> {
        let (today, now) = (self.today(), self.now());
        Some(self.ledgers.get_mut(access_id)?.next_sync(today, now))
    }

    /// Every transaction id `access_id` lists now, pending ones included (what one complete
    /// read gives); `None` for an unknown access.
    pub fn transaction_ids(&mut self, access_id: &str) -> Option<Vec<String>> {
        let every = query::Selection {
            include_pending: true,
            ..query::Selection::default()
        };
        let all = query::Page {
            offset: 0,
            count: usize::MAX,
        };
        let ledger = self.ledgers.get_mut(access_id)?;
        let listed = ledger.select(&every, all).ok()?;
        Some(listed.iter().map(|t| t.transaction_id.clone()).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::link::{Lang, LinkRequest, Step};
    use super::*;

    #[test]
    fn debug_output_shows_no_widget_token_and_no_code() {
        let mut state = FinxState::default();
        let request = LinkRequest {
            redirect_uri: "http://127.0.0.1:9/cb".into(),
            state: None,
            lang: Lang::German,
            account_ids: vec!["DE89370400440532013000".into()],
            account_types: vec![],
            allow_multi_selection: true,
            sync_period: 90,
        };
        let (_, token) = widget::create_link(&mut state, request);
        if let Ok(link) = widget::link_mut(&mut state, &token) {
            widget::log_in(link, banks::TEST_LOGIN, banks::TEST_PIN);
        }
        widget::answer_otp(&mut state, &token, banks::TEST_OTP);
        let Step::Done(link::Outcome::Success { code }) = state.links[&token].step.clone() else {
            panic!("the IBAN shortcut ends after the OTP");
        };
        let debug = format!("{state:?} {:?}", state.links[&token]);
        assert!(!debug.contains(&token), "{debug}");
        assert!(!debug.contains(&code), "{debug}");
    }
}
