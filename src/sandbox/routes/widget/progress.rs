//! The waiting page of `captive_mode=true` (it reloads itself every second through
//! `<meta http-equiv="refresh">` until the last bank operation is done, and offers a link for
//! browsers that do not follow it, and a way out), the failure page (what the bank said, try
//! again or go back), `GET /widget/flow/retry`, the offer of `multiple_channels` (the
//! provider's other channel on the same connection), and [`settle`]: a form post waits a moment for
//! the engine, so that the next page is usually already the right one.

use std::time::Duration;

use axum::extract::{Query as QueryOf, State};
use axum::response::Response;
use maud::html;

use super::access::{self, Query};
use super::html::{link, page, see_other};
use crate::sandbox::routes::AppState;
use crate::sandbox::world::providers::{ChannelDef, find};
use crate::sandbox::world::widget;
use crate::sandbox::world::widget::flow::{Flow, Outcome, Step};

/// The longest a form post waits for the engine before showing the waiting page.
const SETTLE_AT_MOST: Duration = Duration::from_secs(2);

/// The waiting page.
pub fn render_waiting(flow: &Flow, session_id: &str) -> Response {
    let lang = flow.lang;
    let here = link("flow", session_id, &[]);
    page(
        lang,
        lang.pick("Connexion à votre banque…", "Connecting to your bank…"),
        Some(&here),
        html! {
            p { (lang.pick(
                "Nous récupérons vos comptes et vos opérations. Cette page se met à jour toute seule.",
                "We are fetching your accounts and transactions. This page updates by itself.",
            )) }
            p { a href=(here) { (lang.pick("Mettre à jour maintenant", "Update now")) } }
            p { a href=(link("flow/cancel", session_id, &[])) { (lang.pick("Arrêter d’attendre et revenir à l’application", "Stop waiting and go back to the application")) } }
        },
    )
}

/// The failure page of a bank operation: the channel's status and the engine's message, "try
/// again" (the form again, or the bank page) and "go back" (the redirect with `status=error`).
pub fn render_failed(flow: &Flow, session_id: &str, status: &str, message: &str) -> Response {
    let lang = flow.lang;
    let explanation = match status {
        "AUTH_FAILED" => lang.pick(
            "La banque a refusé l’identifiant ou le mot de passe.",
            "The bank refused the login or the password.",
        ),
        "TOO_MANY_ATTEMPTS" => lang.pick("Trop de codes erronés.", "Too many wrong codes."),
        "CHALLENGE_TIMED_OUT" => lang.pick(
            "Le code n’a pas été saisi à temps.",
            "The code was not entered in time.",
        ),
        "CHALLENGE_CANCELLED" => lang.pick(
            "Vous avez annulé la saisie du code.",
            "You cancelled the code.",
        ),
        _ => lang.pick(
            "La banque a répondu une erreur.",
            "The bank answered an error.",
        ),
    };
    page(
        lang,
        lang.pick("La connexion a échoué", "The connection failed"),
        None,
        html! {
            p.error role="alert" { (explanation) }
            p.hint { (status) " — " (message) }
            p { a href=(link("flow/retry", session_id, &[])) { (lang.pick("Réessayer", "Try again")) } }
            p { a href=(link("flow/give_up", session_id, &[])) { (lang.pick("Revenir à l’application", "Go back to the application")) } }
        },
    )
}

/// `multiple_channels`: the first channel is done; add the provider's other one to the same
/// connection, or finish.
pub fn render_next_channel(flow: &Flow, session_id: &str, channel: &ChannelDef) -> Response {
    let lang = flow.lang;
    page(
        lang,
        lang.pick(
            "Ajouter vos autres comptes ?",
            "Add your other accounts too?",
        ),
        None,
        html! {
            p { (lang.pick(
                "Vos premiers comptes sont ajoutés. Cette banque propose aussi ces comptes :",
                "Your first accounts are added. This bank also offers these accounts:",
            )) " " (channel.account_types.join(", ")) }
            p { a href=(link("flow/next_channel", session_id, &[("channel_definition_id", &channel.id)])) { (lang.pick("Les ajouter", "Add them")) } }
            p { a href=(link("flow/give_up", session_id, &[])) { (lang.pick("Terminer", "Finish")) } }
        },
    )
}

/// `GET /widget/flow/next_channel?channel_definition_id=…`: the other channel's form (or bank
/// page), on the same connection.
pub async fn next_channel(
    State(sandbox): State<AppState>,
    QueryOf(query): QueryOf<Query>,
) -> Response {
    let loaded = match access::load(&sandbox, &query) {
        Ok(loaded) => loaded,
        Err(page) => return *page,
    };
    let mut world = sandbox.world();
    let world = &mut *world;
    let offered = widget::channel::next_channel(world, &loaded.flow)
        .filter(|c| query.get("channel_definition_id") == Some(&c.id));
    if let (Some(channel), Some(provider)) =
        (offered, loaded.flow.provider_id.as_deref().and_then(find))
    {
        let mut flow = loaded.flow.clone();
        let (session_id, user_id) = (&loaded.session_id, &loaded.user_id);
        widget::channel::enter_channel(
            &sandbox, world, session_id, user_id, &mut flow, provider, channel,
        );
        if let Some(current) = widget::flow_mut(world, session_id) {
            *current = flow;
        }
    }
    see_other(&link("flow", &loaded.session_id, &[]))
}

/// `GET /widget/flow/retry`: after a failure, the channel's form (or bank page) again.
pub async fn retry(State(sandbox): State<AppState>, QueryOf(query): QueryOf<Query>) -> Response {
    let loaded = match access::load(&sandbox, &query) {
        Ok(loaded) => loaded,
        Err(page) => return *page,
    };
    if matches!(loaded.flow.step, Step::Done(Outcome::Failed { .. })) {
        let mut world = sandbox.world();
        let world = &mut *world;
        let mut flow = loaded.flow.clone();
        let provider_id = flow.provider_id.clone().unwrap_or_default();
        widget::channel::enter_provider(
            &sandbox,
            world,
            &loaded.session_id,
            &loaded.user_id,
            &mut flow,
            &provider_id,
        );
        if let Some(current) = widget::flow_mut(world, &loaded.session_id) {
            *current = flow;
        }
    }
    see_other(&link("flow", &loaded.session_id, &[]))
}

/// `GET /widget/flow/give_up`: after a failure, back to the application with `status=error`.
pub async fn give_up(State(sandbox): State<AppState>, QueryOf(query): QueryOf<Query>) -> Response {
    let loaded = match access::load(&sandbox, &query) {
        Ok(loaded) => loaded,
        Err(page) => return *page,
    };
    match &loaded.flow.step {
        Step::Done(outcome) => access::finish(&loaded.flow, outcome),
        _ => see_other(&link("flow", &loaded.session_id, &[])),
    }
}

/// Waits (at most [`SETTLE_AT_MOST`]) while the flow of `session_id` is [`Step::Working`].
pub async fn settle(sandbox: &AppState, session_id: &str) {
    let started = tokio::time::Instant::now();
    while started.elapsed() < SETTLE_AT_MOST {
        let working = sandbox
            .world()
            .widget
            .sessions
            .get(session_id)
            .and_then(|s| s.flow.as_ref())
            .is_some_and(|f| f.step == Step::Working);
        if !working {
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}
