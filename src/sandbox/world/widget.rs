//! The widget service's world (no HTTP): widget sessions, the flow each session's webviews are
//! in, and the follower that moves a flow on as the connection engine reports (see [`flow`],
//! [`follow`], [`form`]). The pages are the routes' `widget`; their docs-gap choices are there.
//!
//! Docs gaps, our choices (seed 002 "Use the widget", "The webviews"; oxlin-api.md §4.2):
//! - A session lives as long as the access token it was created with; with a `refresh_token`
//!   it lives as long as its user (the webview service refreshes its own token; the sandbox's
//!   pages act inside the world and need none). The refresh token itself is not checked.
//!   Sessions are not saved in the state file: after a restart a session id is unknown, and an
//!   unknown session is treated as an expired one.
//! - One flow per session at a time: opening a webview starts a new flow and leaves the old
//!   one (its follower stops).
//! - The widget sees the engine through a queue of its own, subscribed for the user when a flow
//!   starts a bank operation, as the webview service sees the API. Without `select_accounts` the
//!   widget gives the Oxlin consent itself (every listed account `ACTIVE`, seed 002), which
//!   starts the SYNC_ALL; a flow succeeds when that SYNC_ALL succeeds (or when the bank lists
//!   no account at all), and fails with the status of a `*_FAILED` event.
//! - Terms are accepted per user and remembered (saved with the user); with an agreement they
//!   count as accepted and the terms webview returns `result=success` at once.

pub mod channel;
pub mod flow;
pub mod follow;
pub mod form;
pub mod professional;

use std::collections::BTreeMap;
use std::time::Instant;

pub use flow::{Flow, Params};

use super::state::{Sandbox, World};

/// Every widget session of the sandbox, by id.
#[derive(Debug, Default)]
pub struct WidgetStore {
    pub sessions: BTreeMap<String, WidgetSession>,
}

/// A widget session: whose it is, how long it lives, its defaults and its current flow.
#[derive(Clone)]
pub struct WidgetSession {
    pub id: String,
    pub user_id: String,
    /// The user access token the session was created with (never printed).
    access_token: String,
    /// A `refresh_token` was given: the session lives as long as its user.
    pub refreshable: bool,
    /// The widget parameters given at creation; a page's query overrides them.
    pub defaults: Params,
    /// The redirect URL given at creation, used when a page names none.
    pub redirect_url: Option<url::Url>,
    /// The webview flow under way, if any.
    pub flow: Option<Flow>,
    /// Bumped at every new flow, so that an old flow's follower stops.
    pub generation: u64,
}

impl std::fmt::Debug for WidgetSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WidgetSession")
            .field("id", &self.id)
            .field("user_id", &self.user_id)
            .field("access_token", &"<redacted>")
            .field("refreshable", &self.refreshable)
            .field("flow", &self.flow)
            .finish()
    }
}

/// Why a session cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionProblem {
    /// Unknown id (never created, or created before a restart): treated as expired.
    Unknown,
    /// Its access token expired (no refresh token), or its user is gone.
    Expired,
}

/// Opens a session for `user_id` and answers its id (16 random bytes in hex).
pub fn open_session(
    world: &mut World,
    user_id: &str,
    access_token: &str,
    refreshable: bool,
    defaults: Params,
    redirect_url: Option<url::Url>,
) -> String {
    use rand08::RngCore;
    let mut raw = [0u8; 16];
    rand08::thread_rng().fill_bytes(&mut raw);
    let id: String = raw.iter().map(|b| format!("{b:02x}")).collect();
    world.widget.sessions.insert(
        id.clone(),
        WidgetSession {
            id: id.clone(),
            user_id: user_id.to_owned(),
            access_token: access_token.to_owned(),
            refreshable,
            defaults,
            redirect_url,
            flow: None,
            generation: 0,
        },
    );
    id
}

/// The live session `id`, or why it cannot be used.
pub fn live_session<'w>(
    world: &'w World,
    id: &str,
    now: Instant,
) -> Result<&'w WidgetSession, SessionProblem> {
    let session = world
        .widget
        .sessions
        .get(id)
        .ok_or(SessionProblem::Unknown)?;
    let user_exists = world.users.by_id.contains_key(&session.user_id);
    let token_live = session.refreshable || world.tokens.check(&session.access_token, now).is_ok();
    if user_exists && token_live {
        Ok(session)
    } else {
        Err(SessionProblem::Expired)
    }
}

/// True when the user has accepted the terms, or when the client has an agreement (the terms
/// count as accepted then).
pub fn terms_accepted(sandbox: &Sandbox, world: &World, user_id: &str) -> bool {
    !sandbox.config.without_agreement
        || world
            .users
            .by_id
            .get(user_id)
            .is_some_and(|u| u.terms_accepted)
}

/// Records the user's acceptance of the terms.
pub fn accept_terms(world: &mut World, user_id: &str) {
    if let Some(user) = world.users.by_id.get_mut(user_id) {
        user.terms_accepted = true;
    }
}

/// Starts `flow` on session `id` (replacing any flow under way) and answers its generation.
pub fn start_flow(world: &mut World, id: &str, flow: Flow) -> Option<u64> {
    let session = world.widget.sessions.get_mut(id)?;
    session.generation += 1;
    session.flow = Some(flow);
    Some(session.generation)
}

/// The flow of session `id`, to change it.
pub fn flow_mut<'w>(world: &'w mut World, id: &str) -> Option<&'w mut Flow> {
    world.widget.sessions.get_mut(id)?.flow.as_mut()
}
