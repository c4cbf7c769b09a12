//! Reading a page's query and finding its live session and flow; what an expired or unknown
//! session gets (a 303 with `status=expired` when a redirect URL is known, a page saying so
//! otherwise); how a flow ends (a 303 to the redirect URL, or a page with the result).

use std::collections::HashMap;
use std::time::Instant;

use axum::http::StatusCode;
use axum::response::Response;
use maud::html;

use super::html::{error_page, page, see_other};
use crate::sandbox::routes::AppState;
use crate::sandbox::world::widget::flow::{Flow, FlowKind, Lang, Outcome, Params};
use crate::sandbox::world::widget::{self, SessionProblem};

/// A page's query string, by name.
pub type Query = HashMap<String, String>;

/// The page's language (`lng`, or the older `locale`).
pub fn lang(query: &Query) -> Lang {
    Lang::from_query(query.get("lng").or(query.get("locale")).map(String::as_str))
}

/// `true`/`1`/`yes` or `false`/`0`/`no`; anything else is "not given".
fn flag(query: &Query, key: &str) -> Option<bool> {
    match query.get(key)?.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" => Some(true),
        "false" | "0" | "no" => Some(false),
        _ => None,
    }
}

/// The widget parameters a query (or a session body) gives.
pub fn params(query: &Query) -> Params {
    let text = |key: &str| query.get(key).filter(|v| !v.trim().is_empty()).cloned();
    Params {
        provider_id: text("provider_id"),
        channel_definition_id: text("channel_definition_id"),
        captive_mode: flag(query, "captive_mode"),
        select_accounts: flag(query, "select_accounts"),
        multiple_channels: flag(query, "multiple_channels"),
        select_channel: flag(query, "select_channel"),
    }
}

/// The redirect URL of a query (`redirect_url`, or the older `redirect_uri`): `Ok(None)` when
/// absent, `Err` with a page when it is not an absolute http(s) URL.
pub fn redirect_url(query: &Query, lang: Lang) -> Result<Option<url::Url>, Box<Response>> {
    let Some(given) = query.get("redirect_url").or(query.get("redirect_uri")) else {
        return Ok(None);
    };
    url::Url::parse(given)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .map(Some)
        .ok_or_else(|| {
            Box::new(error_page(
                lang,
                StatusCode::BAD_REQUEST,
                lang.pick("Adresse de retour invalide", "Invalid return address"),
                lang.pick(
                    "L’adresse de retour (redirect_url) doit être une URL http(s) complète. Revenez à votre application et recommencez.",
                    "The return address (redirect_url) must be a full http(s) URL. Go back to your application and start again.",
                ),
            ))
        })
}

/// A live session and its flow, read from the world.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub session_id: String,
    pub user_id: String,
    pub flow: Flow,
}

/// The live session `session_id` with its flow, or the page an expired, unknown or flowless
/// session gets.
pub fn load(sandbox: &AppState, query: &Query) -> Result<Loaded, Box<Response>> {
    let lang = lang(query);
    let session_id = query.get("session_id").cloned().unwrap_or_default();
    let world = sandbox.world();
    match widget::live_session(&world, &session_id, Instant::now()) {
        Ok(session) => match &session.flow {
            Some(flow) => Ok(Loaded {
                session_id,
                user_id: session.user_id.clone(),
                flow: flow.clone(),
            }),
            None => Err(Box::new(no_flow(lang))),
        },
        Err(problem) => {
            let flow = world
                .widget
                .sessions
                .get(&session_id)
                .and_then(|s| s.flow.clone());
            Err(Box::new(expired(problem, flow.as_ref(), lang)))
        }
    }
}

/// What an expired or unknown session gets: the flow's redirect with `status=expired`, or a
/// page saying what to do.
pub fn expired(problem: SessionProblem, flow: Option<&Flow>, lang: Lang) -> Response {
    if let Some(url) = flow.and_then(|f| f.return_url(&Outcome::Expired)) {
        return see_other(url.as_str());
    }
    let title = match problem {
        SessionProblem::Expired => lang.pick("Session expirée", "Session expired"),
        SessionProblem::Unknown => {
            lang.pick("Session inconnue ou expirée", "Unknown or expired session")
        }
    };
    error_page(
        lang,
        StatusCode::UNAUTHORIZED,
        title,
        lang.pick(
            "Cette session du widget n’est plus valable. Revenez à votre application et recommencez : elle ouvrira une nouvelle session.",
            "This widget session is no longer valid. Go back to your application and start again: it will open a new session.",
        ),
    )
}

/// An expired session at the start of a webview: its redirect (from the query) with the
/// expired result of that webview, or the page.
pub fn expired_at_start(
    problem: SessionProblem,
    kind: FlowKind,
    redirect: Option<url::Url>,
    lang: Lang,
) -> Response {
    let flow = Flow::new(kind, lang, redirect, Params::default());
    expired(problem, Some(&flow), lang)
}

fn no_flow(lang: Lang) -> Response {
    error_page(
        lang,
        StatusCode::NOT_FOUND,
        lang.pick("Aucune démarche en cours", "Nothing under way"),
        lang.pick(
            "Aucun écran du widget n’est ouvert pour cette session. Revenez à votre application et recommencez.",
            "No widget screen is open for this session. Go back to your application and start again.",
        ),
    )
}

/// The end of a flow: a 303 to the redirect URL with the result, or (without one) a page
/// saying the result and to go back to the application.
pub fn finish(flow: &Flow, outcome: &Outcome) -> Response {
    if let Some(url) = flow.return_url(outcome) {
        return see_other(url.as_str());
    }
    let lang = flow.lang;
    let title = match outcome {
        Outcome::Success => lang.pick("C’est fait", "Done"),
        Outcome::Failed { .. } => lang.pick("Échec", "Failed"),
        Outcome::Cancelled => lang.pick("Annulé", "Cancelled"),
        Outcome::Expired => lang.pick("Session expirée", "Session expired"),
    };
    let pairs = flow.result_pairs(outcome);
    page(
        lang,
        title,
        None,
        html! {
            p { (lang.pick(
                "Vous pouvez fermer cette page et revenir à votre application. Résultat :",
                "You can close this page and go back to your application. Result:",
            )) }
            ul { @for (key, value) in &pairs { li { code { (key) "=" (value) } } } }
        },
    )
}
