//! The account choice of `select_accounts=true` and of the manage-accounts webview (agreement
//! only): the accounts the bank listed for the flow's connection (manage accounts: all of them,
//! the consented ones ticked), to tick; `POST /widget/flow/consent` consents to the ticked ones
//! and refuses the others (as `PUT /connections/{id}/consents`: a refused account is removed
//! with its transactions), then the SYNC_ALL runs.
//! Ticking none is refused with a message (the connection would have nothing to show).

use std::collections::HashMap;

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;

use super::access;
use super::html::{link, page, see_other};
use super::progress::settle;
use crate::sandbox::routes::AppState;
use crate::sandbox::world::connections::actions::give_consents;
use crate::sandbox::world::widget;
use crate::sandbox::world::widget::flow::{Flow, FlowKind, Outcome, Step};

/// An account the page lists: id, name, number, ticked at first.
type Listed = (String, String, String, bool);

/// The accounts the page lists: those waiting for consent (all ticked), or for manage
/// accounts every account of the connection (the consented ones ticked).
fn listed(sandbox: &AppState, flow: &Flow) -> Vec<Listed> {
    let managing = flow.kind == FlowKind::ManageAccounts;
    let world = sandbox.world();
    world
        .bank
        .accounts
        .values()
        .filter(|a| Some(&a.connection_id) == flow.connection_id.as_ref())
        .filter(|a| managing || a.status == "PENDING_CONSENT")
        .map(|a| {
            let name = a.name.clone().unwrap_or_default();
            let number = a.account_number.clone().unwrap_or_default();
            (
                a.id.clone(),
                name,
                number,
                !managing || a.status == "ACTIVE",
            )
        })
        .collect()
}

/// The account choice; `error` shows above the list.
pub fn render(sandbox: &AppState, flow: &Flow, session_id: &str) -> Response {
    render_with(sandbox, flow, session_id, false)
}

fn render_with(sandbox: &AppState, flow: &Flow, session_id: &str, none_ticked: bool) -> Response {
    let lang = flow.lang;
    let accounts = listed(sandbox, flow);
    let mut response = page(
        lang,
        lang.pick("Quels comptes partager ?", "Which accounts to share?"),
        None,
        html! {
            @if none_ticked {
                p.error role="alert" { (lang.pick("Cochez au moins un compte, ou annulez.", "Tick at least one account, or cancel.")) }
            }
            form method="post" action="/widget/flow/consent" {
                input type="hidden" name="session_id" value=(session_id);
                @for (id, name, number, ticked) in &accounts {
                    label {
                        input type="checkbox" name=(format!("account_{id}")) value="on" checked[*ticked];
                        " " (name) " " span.hint { (number) }
                    }
                }
                button type="submit" { (lang.pick("Partager ces comptes", "Share these accounts")) }
            }
            p { a href=(link("flow/cancel", session_id, &[])) { (lang.pick("Annuler", "Cancel")) } }
        },
    );
    if none_ticked {
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    response
}

/// `POST /widget/flow/consent`.
pub async fn decide(
    State(sandbox): State<AppState>,
    Form(fields): Form<HashMap<String, String>>,
) -> Response {
    let loaded = match access::load(&sandbox, &fields) {
        Ok(loaded) => loaded,
        Err(page) => return *page,
    };
    let flow = &loaded.flow;
    let (Step::Consent, Some(connection_id)) = (&flow.step, &flow.connection_id) else {
        return see_other(&link("flow", &loaded.session_id, &[]));
    };
    let consents: Vec<(String, bool)> = listed(&sandbox, flow)
        .into_iter()
        .map(|(id, ..)| {
            let ticked = fields.contains_key(&format!("account_{id}"));
            (id, ticked)
        })
        .collect();
    if !consents.iter().any(|(_, ticked)| *ticked) {
        return render_with(&sandbox, flow, &loaded.session_id, true);
    }
    {
        let mut world = sandbox.world();
        let world = &mut *world;
        let step = match give_consents(&sandbox, world, &loaded.user_id, connection_id, &consents) {
            Ok(()) => Step::Working,
            Err(refusal) => Step::Done(Outcome::Failed {
                status: "FAILED".to_owned(),
                message: refusal.to_string(),
            }),
        };
        if let Some(current) = widget::flow_mut(world, &loaded.session_id) {
            current.step = step;
        }
    }
    settle(&sandbox, &loaded.session_id).await;
    see_other(&link("flow", &loaded.session_id, &[]))
}
