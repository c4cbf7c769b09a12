//! The credential form of the flow's EMBEDDED channel, built from the channel definition (one
//! field per credential: its label, a password field for `PWD` or `encrypt: true` ones, the
//! bank's `regexp` as a hint) and `POST /widget/flow/credentials`. A field that fails its rule
//! is shown again with its error next to it; the other values stay filled in, except secret
//! ones, which are never written back into a page.

use std::collections::{BTreeMap, HashMap};

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;

use super::access::{self, finish};
use super::html::{link, page, see_other};
use super::progress::settle;
use crate::sandbox::routes::AppState;
use crate::sandbox::world::providers::{ChannelDef, ProviderDef, find};
use crate::sandbox::world::widget;
use crate::sandbox::world::widget::flow::{Flow, Lang, Outcome, Step};
use crate::sandbox::world::widget::form::{self as world_form, FieldProblem};

/// The flow's provider and channel.
fn channel_of(flow: &Flow) -> Option<(&'static ProviderDef, &'static ChannelDef)> {
    let provider = find(flow.provider_id.as_deref()?)?;
    let channel = provider.channel(flow.channel_definition_id.as_deref()?)?;
    Some((provider, channel))
}

fn secret(def: &crate::sandbox::world::providers::CredentialDef) -> bool {
    def.encrypt || def.kind.contains("PWD")
}

/// The words of a field's problem.
fn problem_text(lang: Lang, problem: &FieldProblem) -> String {
    match problem {
        FieldProblem::Missing => lang
            .pick("Ce champ est obligatoire.", "This field is required.")
            .to_owned(),
        FieldProblem::NoMatch { regexp } => format!(
            "{} {regexp}",
            lang.pick(
                "Valeur refusée par la banque : le format attendu est",
                "The bank refuses this value: the expected format is"
            )
        ),
        FieldProblem::UnknownFile(why) => {
            format!("{} {why}", lang.pick("Fichier refusé :", "File refused:"))
        }
    }
}

/// The form, with `values` filled in (secret fields stay empty) and `problems` by field.
pub fn render(
    flow: &Flow,
    session_id: &str,
    values: &BTreeMap<String, String>,
    problems: &BTreeMap<String, FieldProblem>,
) -> Response {
    let lang = flow.lang;
    let Some((provider, channel)) = channel_of(flow) else {
        return see_other(&link("flow/cancel", session_id, &[]));
    };
    let mut response = page(
        lang,
        provider.name.as_str(),
        None,
        html! {
            p { (lang.pick("Saisissez vos identifiants de banque.", "Enter your bank login.")) }
            @if !problems.is_empty() {
                p.error role="alert" { (lang.pick("Corrigez les champs signalés.", "Correct the fields marked below.")) }
            }
            form method="post" action="/widget/flow/credentials" {
                input type="hidden" name="session_id" value=(session_id);
                @for def in &channel.credentials {
                    @let id = format!("field-{}", def.id);
                    @let error_id = format!("error-{}", def.id);
                    div.field {
                        label for=(id) { (def.label) }
                        @if secret(def) {
                            input type="password" id=(id) name=(def.id) autocomplete="off" aria-describedby=(error_id);
                        } @else {
                            input type="text" id=(id) name=(def.id) value=(values.get(&def.id).map(String::as_str).unwrap_or("")) aria-describedby=(error_id);
                        }
                        @if let Some(problem) = problems.get(&def.id) {
                            p.field-error id=(error_id) { (problem_text(lang, problem)) }
                        }
                    }
                }
                button type="submit" { (lang.pick("Se connecter", "Connect")) }
            }
            p { a href=(link("flow/cancel", session_id, &[])) { (lang.pick("Annuler", "Cancel")) } }
        },
    );
    if !problems.is_empty() {
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    response
}

/// `POST /widget/flow/credentials`: checks every field; on success makes (or updates) the
/// connection and starts LIST_ACCOUNTS: the waiting page (captive) or the redirect at once.
pub async fn submit(
    State(sandbox): State<AppState>,
    Form(fields): Form<HashMap<String, String>>,
) -> Response {
    let loaded = match access::load(&sandbox, &fields) {
        Ok(loaded) => loaded,
        Err(page) => return *page,
    };
    let mut flow = loaded.flow.clone();
    let Some((provider, channel)) = channel_of(&flow).filter(|_| flow.step == Step::Form) else {
        return see_other(&link("flow", &loaded.session_id, &[]));
    };
    let given: BTreeMap<String, String> = channel
        .credentials
        .iter()
        .filter_map(|d| Some((d.id.clone(), fields.get(&d.id)?.clone())))
        .collect();
    let prepared = match world_form::prepare(channel, &given) {
        Ok(prepared) => prepared,
        Err(problems) => {
            let shown = given
                .into_iter()
                .filter(|(id, _)| {
                    channel
                        .credentials
                        .iter()
                        .any(|d| d.id == *id && !secret(d))
                })
                .collect();
            return render(&flow, &loaded.session_id, &shown, &problems);
        }
    };
    {
        let mut world = sandbox.world();
        let world = &mut *world;
        world_form::connect(
            &sandbox,
            world,
            &loaded.user_id,
            &mut flow,
            provider,
            channel,
            prepared,
        );
        if let Some(current) = widget::flow_mut(world, &loaded.session_id) {
            *current = flow.clone();
        }
    }
    if flow.params.captive() {
        settle(&sandbox, &loaded.session_id).await;
        see_other(&link("flow", &loaded.session_id, &[]))
    } else {
        finish(&flow, &Outcome::Success)
    }
}
