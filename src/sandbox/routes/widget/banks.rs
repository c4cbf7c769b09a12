//! The bank list with its search field (`GET /widget/flow?q=…`, matched like `GET /providers`'
//! `name` filter: accents and case folded), `GET /widget/flow/bank?provider_id=…` (the choice),
//! the channel choice of `select_channel` and `GET /widget/flow/channel?channel_definition_id=…`.

use axum::extract::{Query as QueryOf, State};
use axum::response::Response;
use maud::html;

use super::access::{self, Query};
use super::html::{link, page, see_other};
use crate::sandbox::routes::AppState;
use crate::sandbox::world::providers::{catalogue, find, text_match};
use crate::sandbox::world::widget::flow::{Flow, Step};
use crate::sandbox::world::widget::{self, channel};

/// The bank list, filtered by `search`.
pub fn render_list(flow: &Flow, session_id: &str, search: Option<&str>) -> Response {
    let lang = flow.lang;
    let needle = search.map(text_match::fold).unwrap_or_default();
    let banks: Vec<_> = catalogue()
        .iter()
        .filter(|p| text_match::fold(&format!("{} {}", p.name, p.branch_name)).contains(&needle))
        .collect();
    page(
        lang,
        lang.pick("Choisissez votre banque", "Choose your bank"),
        None,
        html! {
            form method="get" action="/widget/flow" {
                input type="hidden" name="session_id" value=(session_id);
                div.field {
                    label for="q" { (lang.pick("Rechercher une banque", "Search for a bank")) }
                    input type="search" id="q" name="q" value=(search.unwrap_or(""));
                }
                button type="submit" { (lang.pick("Rechercher", "Search")) }
            }
            @if banks.is_empty() {
                p.error { (lang.pick(
                    "Aucune banque ne correspond à cette recherche. Essayez un autre nom.",
                    "No bank matches this search. Try another name.",
                )) }
            }
            ul.banks {
                @for bank in &banks {
                    li {
                        a href=(link("flow/bank", session_id, &[("provider_id", &bank.id)])) { (bank.name) }
                        @if !bank.branch_name.is_empty() { " — " (bank.branch_name) }
                        @if bank.unavailable { " " span.hint { (lang.pick("(indisponible)", "(unavailable)")) } }
                    }
                }
            }
            p { a href=(link("flow/cancel", session_id, &[])) { (lang.pick("Annuler et revenir à l’application", "Cancel and go back to the application")) } }
        },
    )
}

/// The channel choice (`select_channel`): accounts for payments (REDIRECT) or savings and
/// others (EMBEDDED).
pub fn render_channels(flow: &Flow, session_id: &str) -> Response {
    let lang = flow.lang;
    let Some(provider) = flow.provider_id.as_deref().and_then(find) else {
        return see_other(&link("flow/cancel", session_id, &[]));
    };
    page(
        lang,
        lang.pick("Quels comptes ajouter ?", "Which accounts to add?"),
        None,
        html! {
            p { (provider.name) }
            ul.banks {
                @for def in &provider.channel_definitions {
                    li {
                        a href=(link("flow/channel", session_id, &[("channel_definition_id", &def.id)])) {
                            @if def.mode == "REDIRECT" {
                                (lang.pick("Comptes de paiement (sur le site de la banque)", "Payment accounts (on the bank's website)"))
                            } @else {
                                (lang.pick("Épargne et autres comptes (identifiants de la banque)", "Savings and other accounts (bank login)"))
                            }
                        }
                        " " span.hint { (def.account_types.join(", ")) }
                    }
                }
            }
            p { a href=(link("flow/cancel", session_id, &[])) { (lang.pick("Annuler", "Cancel")) } }
        },
    )
}

/// `GET /widget/flow/bank?provider_id=…`.
pub async fn choose_bank(
    State(sandbox): State<AppState>,
    QueryOf(query): QueryOf<Query>,
) -> Response {
    choose(&sandbox, &query, Step::ChooseBank)
}

/// `GET /widget/flow/channel?channel_definition_id=…`.
pub async fn choose_channel(
    State(sandbox): State<AppState>,
    QueryOf(query): QueryOf<Query>,
) -> Response {
    choose(&sandbox, &query, Step::ChooseChannel)
}

fn choose(sandbox: &AppState, query: &Query, expected: Step) -> Response {
    let loaded = match access::load(sandbox, query) {
        Ok(loaded) => loaded,
        Err(page) => return *page,
    };
    if loaded.flow.step != expected {
        return see_other(&link("flow", &loaded.session_id, &[]));
    }
    let mut flow = loaded.flow.clone();
    let mut world = sandbox.world();
    let world = &mut *world;
    let (session_id, user_id) = (&loaded.session_id, &loaded.user_id);
    if expected == Step::ChooseBank {
        let provider_id = query.get("provider_id").cloned().unwrap_or_default();
        channel::enter_provider(sandbox, world, session_id, user_id, &mut flow, &provider_id);
    } else {
        flow.channel_definition_id = query.get("channel_definition_id").cloned();
        let provider_id = flow.provider_id.clone().unwrap_or_default();
        channel::enter_provider(sandbox, world, session_id, user_id, &mut flow, &provider_id);
    }
    if let Some(current) = widget::flow_mut(world, session_id) {
        *current = flow.clone();
    }
    see_other(&link("flow", session_id, &[]))
}
