//! `GET /widget/flow?session_id=…`: the page of the flow's current step (terms, bank list,
//! channel choice, form, waiting page, challenge, account choice), or its end (a 303 to the
//! redirect URL). Also the links every page offers: `GET /widget/flow/cancel` (back to the
//! application with `status=cancelled`) and `GET /widget/flow/bank_return` (where the
//! sandbox's bank page sends the browser back after a REDIRECT channel).

use std::collections::BTreeMap;

use axum::extract::{Query as QueryOf, State};
use axum::response::Response;

use super::access::{self, Query, finish};
use super::html::{link, see_other};
use super::{banks, challenge, consent, form, progress, terms};
use crate::sandbox::routes::AppState;
use crate::sandbox::world::widget;
use crate::sandbox::world::widget::flow::{Outcome, Step};

/// `GET /widget/flow`.
pub async fn show(State(sandbox): State<AppState>, QueryOf(query): QueryOf<Query>) -> Response {
    let loaded = match access::load(&sandbox, &query) {
        Ok(loaded) => loaded,
        Err(page) => return *page,
    };
    let flow = &loaded.flow;
    let session_id = &loaded.session_id;
    match &flow.step {
        Step::Terms => terms::render(flow, session_id),
        Step::ChooseBank => {
            banks::render_list(flow, session_id, query.get("q").map(String::as_str))
        }
        Step::ChooseChannel => banks::render_channels(flow, session_id),
        Step::Form => form::render(flow, session_id, &BTreeMap::new(), &BTreeMap::new()),
        Step::AtBank(url) => see_other(url),
        Step::Working => progress::render_waiting(flow, session_id),
        Step::Challenge(inputs) => challenge::render(flow, session_id, inputs, None),
        Step::Consent => consent::render(&sandbox, flow, session_id),
        Step::Done(Outcome::Failed { status, message })
            if flow.params.captive() && flow.connection_id.is_some() =>
        {
            progress::render_failed(flow, session_id, status, message)
        }
        Step::Done(Outcome::Success) => {
            let next = widget::channel::next_channel(&sandbox.world(), flow);
            match next {
                Some(channel) => progress::render_next_channel(flow, session_id, channel),
                None => finish(flow, &Outcome::Success),
            }
        }
        Step::Done(outcome) => finish(flow, outcome),
    }
}

/// `GET /widget/flow/cancel`: the flow ends `cancelled` (the connection made so far stays).
pub async fn cancel(State(sandbox): State<AppState>, QueryOf(query): QueryOf<Query>) -> Response {
    let loaded = match access::load(&sandbox, &query) {
        Ok(loaded) => loaded,
        Err(page) => return *page,
    };
    let mut world = sandbox.world();
    if let Some(flow) = widget::flow_mut(&mut world, &loaded.session_id) {
        flow.step = Step::Done(Outcome::Cancelled);
    }
    drop(world);
    finish(&loaded.flow, &Outcome::Cancelled)
}

/// `GET /widget/flow/bank_return?session_id=…&connection_id=…&status=…&queue_id=…`: back from
/// the bank page. Approved: the connection exists and LIST_ACCOUNTS runs (followed on the
/// approval's queue); denied: the flow ends `cancelled` (the user said no at the bank).
pub async fn bank_return(
    State(sandbox): State<AppState>,
    QueryOf(query): QueryOf<Query>,
) -> Response {
    let loaded = match access::load(&sandbox, &query) {
        Ok(loaded) => loaded,
        Err(page) => return *page,
    };
    let approved = query.get("status").map(String::as_str) == Some("success");
    let mut world = sandbox.world();
    let world = &mut *world;
    let Some(flow) = widget::flow_mut(world, &loaded.session_id) else {
        return see_other(&link("flow", &loaded.session_id, &[]));
    };
    if !approved || !matches!(flow.step, Step::AtBank(_)) {
        if !matches!(flow.step, Step::Done(_)) {
            flow.step = Step::Done(Outcome::Cancelled);
        }
        return see_other(&link("flow", &loaded.session_id, &[]));
    }
    let mut flow = flow.clone();
    flow.connection_id = query.get("connection_id").cloned();
    flow.queue_id = query.get("queue_id").cloned();
    widget::form::subscribe_queues(&sandbox, world, &loaded.user_id, &mut flow);
    // The follower moves the flow on from here, also after a non-captive browser has left
    // (it gives the Oxlin consent).
    flow.step = Step::Working;
    if let Some(current) = widget::flow_mut(world, &loaded.session_id) {
        *current = flow.clone();
    }
    if flow.params.captive() {
        see_other(&link("flow", &loaded.session_id, &[]))
    } else {
        finish(&flow, &Outcome::Success)
    }
}
