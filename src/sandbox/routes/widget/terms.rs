//! The terms webview's page (also the first page of any webview while the user has not
//! accepted the terms) and `POST /widget/flow/terms`: accept (remembered for the user; the
//! flow goes on, or the terms webview returns `result=success`) or refuse (`result=error`, or
//! `status=error&error=TERMS_REFUSED` for another webview).

use std::collections::HashMap;

use axum::Form;
use axum::extract::State;
use axum::response::Response;
use maud::html;

use super::access::{self, finish};
use super::html::{link, page, see_other};
use crate::sandbox::routes::AppState;
use crate::sandbox::world::widget::flow::{Flow, Outcome, Step};
use crate::sandbox::world::widget::{self, channel};

/// The terms page.
pub fn render(flow: &Flow, session_id: &str) -> Response {
    let lang = flow.lang;
    page(
        lang,
        lang.pick("Conditions générales d’utilisation", "Terms and conditions"),
        None,
        html! {
            p { (lang.pick(
                "Oxlin est un établissement de paiement agréé par l’ACPR pour les services d’information sur les comptes.",
                "Oxlin is a payment institution approved by the ACPR for account information services.",
            )) }
            p { (lang.pick(
                "En acceptant, vous autorisez Oxlin à transmettre les données de vos comptes à l’application qui vous a envoyé ici.",
                "By accepting, you allow Oxlin to pass your accounts' data on to the application that sent you here.",
            )) }
            form method="post" action="/widget/flow/terms" {
                input type="hidden" name="session_id" value=(session_id);
                button type="submit" name="decision" value="accept" { (lang.pick("J’accepte", "I accept")) }
                " "
                button type="submit" name="decision" value="refuse" { (lang.pick("Je refuse", "I refuse")) }
            }
        },
    )
}

/// `POST /widget/flow/terms` (`session_id`, `decision=accept|refuse`).
pub async fn decide(
    State(sandbox): State<AppState>,
    Form(fields): Form<HashMap<String, String>>,
) -> Response {
    let loaded = match access::load(&sandbox, &fields) {
        Ok(loaded) => loaded,
        Err(page) => return *page,
    };
    if loaded.flow.step != Step::Terms {
        return see_other(&link("flow", &loaded.session_id, &[]));
    }
    let accepted = fields.get("decision").map(String::as_str) == Some("accept");
    let mut world = sandbox.world();
    let world = &mut *world;
    let mut flow = loaded.flow.clone();
    if accepted {
        widget::accept_terms(world, &loaded.user_id);
        channel::begin(
            &sandbox,
            world,
            &loaded.session_id,
            &loaded.user_id,
            &mut flow,
        );
    } else {
        flow.step = Step::Done(Outcome::Failed {
            status: "TERMS_REFUSED".to_owned(),
            message: "the user refused the terms and conditions".to_owned(),
        });
    }
    if let Some(current) = widget::flow_mut(world, &loaded.session_id) {
        *current = flow.clone();
    }
    match &flow.step {
        Step::Done(outcome) => finish(&flow, outcome),
        _ => see_other(&link("flow", &loaded.session_id, &[])),
    }
}
