//! The widget service under `/widget`: `POST /widget/widget_session` ([`session`]) and the
//! webviews, real HTML pages that work without JavaScript (a text browser such as w3m over SSH
//! works too), French by default and English with `lng=en`:
//!
//! - `GET /widget/add_connection?session_id=S&redirect_url=U` (+ `provider_id`,
//!   `channel_definition_id`, `captive_mode`, `select_accounts`, `multiple_channels`,
//!   `select_channel`, `lng`; `redirect_uri` is accepted for `redirect_url`): the terms first
//!   when the user has not accepted them, the bank list with search, the channel, the form or
//!   the bank page, the challenges, the account choice, the waiting page, the redirect;
//! - `GET /widget/edit_credentials?session_id=S&connection_id=C&redirect_url=U`: the
//!   connection's form again (or its bank page) and the same path;
//! - `GET /widget/user_input?session_id=S&connection_id=C&redirect_url=U`: the challenge the
//!   connection waits on;
//! - `GET /widget/terms?session_id=S&redirect_url=U`;
//! - `GET /widget/manage_accounts?session_id=S&connection_id=C&redirect_url=U` (agreement
//!   only): tick the accounts to share.
//!
//! - `GET /widget/professional-account?session_id=S&redirect_url=U` ([`professional`]): the
//!   user's accounts, each marked personal or professional, saved as the accounts' `usage`.
//!
//! Each entry starts a flow (`world::widget`) and sends the browser to `GET /widget/flow`, the
//! page of the flow's current step; forms post to `/widget/flow/…`. The pages use the same
//! world as the API: the provider catalogue, the credential rules, the test-bank files, the
//! engine and its challenges (the `sms` file's code `123456`).
//!
//! Docs gaps, our choices (more in `world::widget` and its `flow`, `form` and `channel`):
//! - The end of every webview is a 303 to the redirect URL, its own query kept, with
//!   `connection_id`, `status` (`success`, `error`, `cancelled`, `expired`) and `queue_id`
//!   (`captive_mode=false` only); terms append `result=success|error`. Without a redirect URL
//!   the last page shows the result instead.
//! - `captive_mode=true` (the default) keeps the user on a waiting page that reloads itself
//!   (`<meta http-equiv="refresh">`) until the SYNC_ALL after the consent is done; `false`
//!   returns as soon as the connection exists, with a queue subscribed for the client.
//! - Form values are posted in clear to the sandbox's own page over HTTP (loopback): no PGP is
//!   involved, since page and server are the same process; secret fields are never written
//!   back into a page.
//! - Without agreement `select_accounts=true` ends the webview with `status=error` and
//!   `error=AGREEMENT_REQUIRED`; `multiple_channels=true` offers the provider's other channel
//!   on the same connection after the first one succeeded ("add" or "finish"); a refused terms page with `error=TERMS_REFUSED`; a bank
//!   failure shows what the bank said with "try again" and "go back" (`status=error` and
//!   `error` = the channel's status, e.g. `AUTH_FAILED`); a denial at the bank page is
//!   `cancelled`.
//! - Professional account (seed 002 says only "provide information regarding any professional
//!   account"): one page, no flow and no terms; every account of the user but `CLOSED` ones
//!   (bank = the connection's name, IBAN or else account number masked to its first and last 4
//!   characters), a personal/professional radio per account; Save sets each `usage` and returns
//!   `result=success`, Cancel returns `result=cancelled`; with no account, a page saying so and
//!   a link back with `result=cancelled`. An expired session returns as the terms webview's.
//! - An expired or unknown session goes back to the redirect URL with `status=expired` (terms:
//!   `result=error&status=expired`), or shows a page saying to start again from the
//!   application when no redirect URL is known.

mod access;
mod banks;
mod challenge;
mod consent;
mod form;
mod html;
mod page;
mod professional;
mod progress;
mod session;
mod start;
mod terms;

use axum::Router;
use axum::routing::{get, post};

use super::AppState;

/// The routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/widget_session", post(session::create))
        .route("/add_connection", get(start::add_connection))
        .route("/terms", get(start::terms))
        .route("/edit_credentials", get(start::edit_credentials))
        .route("/user_input", get(start::user_input))
        .route("/manage_accounts", get(start::manage_accounts))
        .route(
            "/professional-account",
            get(professional::show).post(professional::save),
        )
        .route("/flow/next_channel", get(progress::next_channel))
        .route("/flow", get(page::show))
        .route("/flow/cancel", get(page::cancel))
        .route("/flow/bank_return", get(page::bank_return))
        .route("/flow/terms", post(terms::decide))
        .route("/flow/bank", get(banks::choose_bank))
        .route("/flow/channel", get(banks::choose_channel))
        .route("/flow/credentials", post(form::submit))
        .route("/flow/challenge", post(challenge::answer))
        .route("/flow/consent", post(consent::decide))
        .route("/flow/retry", get(progress::retry))
        .route("/flow/give_up", get(progress::give_up))
}
