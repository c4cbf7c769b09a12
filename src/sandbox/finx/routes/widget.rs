//! The finX widget under `/finx/widget`: `GET /finx/widget/?token=…` shows the page of the
//! link's current step (the bank list takes `q` to search); each step's form posts to
//! `/finx/widget/{bank,login,otp,accounts,cancel}` with the token in a hidden field, and is
//! answered by a 303: to the page again, or, once the flow has ended, to the client's
//! `redirect_uri` with the callback parameters (rules: the world's `link` module doc).
//!
//! A message (wrong PIN, wrong OTP…) is kept with the link and shown once by the next page.
//! PIN and OTP are compared and forgotten: they are never written into a page or a log.

mod html;
mod pages;

use std::collections::BTreeMap;

use axum::extract::{Form, Query, State};
use axum::response::Response;

use crate::sandbox::finx::world::FinxState;
use crate::sandbox::finx::world::link::{Outcome, Step};
use crate::sandbox::finx::world::widget::{self, LinkProblem, link_mut, offered_accounts};
use crate::sandbox::routes::AppState;
use html::{see_other, widget_url};

/// A posted form's fields (a field may repeat: `account`).
type Fields = Vec<(String, String)>;

fn field<'a>(fields: &'a Fields, name: &str) -> &'a str {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

/// `GET /finx/widget/?token=…[&q=…]`.
pub async fn show(
    State(sandbox): State<AppState>,
    Query(query): Query<BTreeMap<String, String>>,
) -> Response {
    let token = query.get("token").map_or("", String::as_str);
    let mut finx = sandbox.finx.lock();
    let link = match link_mut(&mut finx, token) {
        Ok(link) => link,
        Err(problem) => return pages::unusable(problem == LinkProblem::Expired),
    };
    let notice = link.notice.take();
    let link = link.clone();
    match &link.step {
        Step::ChooseBank => pages::choose_bank(
            &link,
            token,
            query.get("q").map_or("", String::as_str),
            notice,
        ),
        Step::Login => pages::login(&link, token, notice),
        Step::Otp => pages::otp(&link, token, notice),
        Step::SelectAccounts => {
            let offered = offered_accounts(&finx, &link);
            pages::select_accounts(&link, token, &offered, notice)
        }
        Step::Done(_) => pages::finished(link.request.lang),
    }
}

/// Runs `action` on the posted link, then answers with the next page or the callback.
fn after(
    sandbox: &AppState,
    fields: &Fields,
    action: impl FnOnce(&mut FinxState, &str),
) -> Response {
    let token = field(fields, "token");
    let mut finx = sandbox.finx.lock();
    if let Err(problem) = link_mut(&mut finx, token) {
        return pages::unusable(problem == LinkProblem::Expired);
    }
    action(&mut finx, token);
    let Ok(link) = link_mut(&mut finx, token) else {
        return pages::unusable(true);
    };
    match &link.step {
        Step::Done(outcome) => {
            let url = link.return_url(outcome);
            if matches!(outcome, Outcome::Success { .. }) {
                tracing::info!(link = %link.id, "finX widget flow succeeded");
            }
            see_other(&url)
        }
        _ => see_other(&widget_url(token)),
    }
}

/// `POST /finx/widget/bank` (`bank_id`).
pub async fn bank(State(sandbox): State<AppState>, Form(fields): Form<Fields>) -> Response {
    let bank_id = field(&fields, "bank_id").to_owned();
    after(&sandbox, &fields, |finx, token| {
        if let Ok(link) = link_mut(finx, token) {
            widget::choose_bank(link, &bank_id);
        }
    })
}

/// `POST /finx/widget/login` (`login`, `pin`).
pub async fn login(State(sandbox): State<AppState>, Form(fields): Form<Fields>) -> Response {
    let (login, pin) = (
        field(&fields, "login").to_owned(),
        field(&fields, "pin").to_owned(),
    );
    after(&sandbox, &fields, |finx, token| {
        if let Ok(link) = link_mut(finx, token) {
            widget::log_in(link, &login, &pin);
        }
    })
}

/// `POST /finx/widget/otp` (`otp`).
pub async fn otp(State(sandbox): State<AppState>, Form(fields): Form<Fields>) -> Response {
    let otp = field(&fields, "otp").to_owned();
    after(&sandbox, &fields, |finx, token| {
        widget::answer_otp(finx, token, &otp)
    })
}

/// `POST /finx/widget/accounts` (`account`, repeated).
pub async fn accounts(State(sandbox): State<AppState>, Form(fields): Form<Fields>) -> Response {
    let chosen: Vec<String> = fields
        .iter()
        .filter(|(k, _)| k == "account")
        .map(|(_, v)| v.clone())
        .collect();
    after(&sandbox, &fields, |finx, token| {
        widget::select_accounts(finx, token, &chosen)
    })
}

/// `POST /finx/widget/cancel`.
pub async fn cancel(State(sandbox): State<AppState>, Form(fields): Form<Fields>) -> Response {
    after(&sandbox, &fields, widget::cancel)
}
