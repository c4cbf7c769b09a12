//! The professional-account webview: `GET /widget/professional-account?session_id=S&redirect_url=U`
//! lists the user's accounts (bank, name, masked IBAN) with a choice per account, personal or
//! professional (the current `usage` preselected), and `POST /widget/professional-account`
//! saves (each account's `usage` set, `result=success`) or leaves without saving
//! (`result=cancelled`). A user with no account gets a page saying so, with a link back
//! (`result=cancelled`). No flow is started: the page is a single form, its redirect URL and
//! language carried in hidden fields. An expired or unknown session goes back as the terms
//! webview's does (`result=error&status=expired`), or gets the page saying to start again.

use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

use axum::Form;
use axum::extract::{Query as QueryOf, State};
use axum::response::Response;
use maud::html;

use super::access::{self, Query, expired_at_start};
use super::html::{page, see_other};
use crate::sandbox::routes::AppState;
use crate::sandbox::world::widget::flow::{FlowKind, Lang, with_pairs};
use crate::sandbox::world::widget::professional::{self, Listed};
use crate::sandbox::world::widget::{self, SessionProblem};

/// The live session's user and the redirect URL (the query's, else the session's); or the
/// answer an invalid redirect URL or an expired session gets.
fn check(sandbox: &AppState, query: &Query) -> Result<(String, Option<url::Url>), Box<Response>> {
    let lang = access::lang(query);
    let redirect = access::redirect_url(query, lang)?;
    let session_id = query.get("session_id").cloned().unwrap_or_default();
    let world = sandbox.world();
    match widget::live_session(&world, &session_id, Instant::now()) {
        Ok(session) => Ok((
            session.user_id.clone(),
            redirect.or(session.redirect_url.clone()),
        )),
        Err(problem) => {
            let redirect = redirect.or_else(|| {
                world
                    .widget
                    .sessions
                    .get(&session_id)
                    .and_then(|s| s.redirect_url.clone())
            });
            Err(Box::new(expired(problem, redirect, lang)))
        }
    }
}

fn expired(problem: SessionProblem, redirect: Option<url::Url>, lang: Lang) -> Response {
    expired_at_start(problem, FlowKind::Terms, redirect, lang)
}

/// The end: a 303 to the redirect URL with `result`, or a page saying the result.
fn finish(redirect: Option<&url::Url>, lang: Lang, result: &'static str) -> Response {
    if let Some(url) = redirect {
        return see_other(with_pairs(url, &[("result", result.to_owned())]).as_str());
    }
    let title = if result == "success" {
        lang.pick("C’est enregistré", "Saved")
    } else {
        lang.pick("Rien n’a changé", "Nothing changed")
    };
    page(
        lang,
        title,
        None,
        html! { p { (lang.pick(
            "Vous pouvez fermer cette page et revenir à votre application.",
            "You can close this page and go back to your application.",
        )) " " code { "result=" (result) } } },
    )
}

/// `GET /widget/professional-account`.
pub async fn show(State(sandbox): State<AppState>, QueryOf(query): QueryOf<Query>) -> Response {
    let (user_id, redirect) = match check(&sandbox, &query) {
        Ok(found) => found,
        Err(page) => return *page,
    };
    let lang = access::lang(&query);
    let accounts = professional::accounts(&sandbox.world(), &user_id);
    let session_id = query.get("session_id").cloned().unwrap_or_default();
    render(lang, &session_id, redirect.as_ref(), &accounts)
}

fn render(
    lang: Lang,
    session_id: &str,
    redirect: Option<&url::Url>,
    accounts: &[Listed],
) -> Response {
    let title = lang.pick("Comptes professionnels", "Professional accounts");
    if accounts.is_empty() {
        let back = redirect.map(|u| with_pairs(u, &[("result", "cancelled".to_owned())]));
        return page(
            lang,
            title,
            None,
            html! {
                p { (lang.pick(
                    "Vous n’avez encore aucun compte : connectez d’abord votre banque.",
                    "You have no account yet: connect your bank first.",
                )) }
                @if let Some(back) = back {
                    p { a href=(back.as_str()) { (lang.pick("Revenir à l’application", "Back to the application")) } }
                }
            },
        );
    }
    let (personal, professional) = (
        lang.pick("Personnel", "Personal"),
        lang.pick("Professionnel", "Professional"),
    );
    page(
        lang,
        title,
        None,
        html! {
            p { (lang.pick(
                "Indiquez pour chaque compte s’il est personnel ou professionnel.",
                "Tell for each account whether it is personal or professional.",
            )) }
            form method="post" action="/widget/professional-account" {
                input type="hidden" name="session_id" value=(session_id);
                input type="hidden" name="lng" value=(lang.code());
                @if let Some(url) = redirect {
                    input type="hidden" name="redirect_url" value=(url.as_str());
                }
                @for account in accounts {
                    fieldset.field {
                        legend { (account.bank) " · " (account.name) " " span.hint { (account.masked_iban) } }
                        @for (value, label) in [("PERSONAL", personal), ("PROFESSIONAL", professional)] {
                            label {
                                input type="radio" name=(format!("usage_{}", account.id)) value=(value)
                                    checked[account.usage == value];
                                " " (label)
                            }
                        }
                    }
                }
                button type="submit" name="decision" value="save" { (lang.pick("Enregistrer", "Save")) }
                button type="submit" name="decision" value="cancel" { (lang.pick("Annuler", "Cancel")) }
            }
        },
    )
}

/// `POST /widget/professional-account` (`session_id`, `redirect_url`, `lng`,
/// `usage_<account id>=PERSONAL|PROFESSIONAL`, `decision=save|cancel`).
pub async fn save(
    State(sandbox): State<AppState>,
    Form(fields): Form<HashMap<String, String>>,
) -> Response {
    let (user_id, redirect) = match check(&sandbox, &fields) {
        Ok(found) => found,
        Err(page) => return *page,
    };
    let lang = access::lang(&fields);
    if fields.get("decision").map(String::as_str) != Some("save") {
        return finish(redirect.as_ref(), lang, "cancelled");
    }
    let chosen: BTreeMap<String, String> = fields
        .iter()
        .filter_map(|(k, v)| Some((k.strip_prefix("usage_")?.to_owned(), v.clone())))
        .collect();
    professional::set_usages(&mut sandbox.world(), &user_id, &chosen);
    finish(redirect.as_ref(), lang, "success")
}
