//! The challenge page (the bank's strong authentication: the test bank's SMS code) built from
//! the `*_USER_INPUT_REQUESTED` challenge array: messages (`INFO_MSG`, `ERROR_MSG` such as
//! "Code invalide. Encore {remaining_attempts} tentatives", `TIMEOUT_MSG`) with their `params`
//! filled in, one field per input, and the `OK_CANCEL` as two buttons. `POST
//! /widget/flow/challenge` checks each field against its `regexp` (the error shows next to the
//! field, nothing is sent to the bank) and hands the answer to the waiting job.

use std::collections::HashMap;

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;
use serde_json::{Value, json};

use super::access;
use super::html::{link, page, see_other};
use super::progress::settle;
use crate::sandbox::routes::AppState;
use crate::sandbox::world::connections::actions::answer_challenge;
use crate::sandbox::world::engine::ExpectedInput;
use crate::sandbox::world::widget;
use crate::sandbox::world::widget::flow::{Flow, Step};

/// The inputs a pending challenge expects, as a challenge array (no messages).
pub fn as_challenge(inputs: &[ExpectedInput]) -> Vec<Value> {
    inputs
        .iter()
        .map(|i| json!({ "id": i.id, "label": i.label, "regexp": i.regexp, "type": i.kind }))
        .collect()
}

/// `label` with each `{name}` replaced by `params.name`.
fn filled(item: &Value) -> String {
    let mut text = item["label"].as_str().unwrap_or_default().to_owned();
    if let Some(params) = item["params"].as_object() {
        for (name, value) in params {
            let value = value
                .as_str()
                .map(str::to_owned)
                .unwrap_or_else(|| value.to_string());
            text = text.replace(&format!("{{{name}}}"), &value);
        }
    }
    text
}

fn kind(item: &Value) -> &str {
    item["type"].as_str().unwrap_or_default()
}

/// The challenge page; `error` (a field id and its text) shows next to that field.
pub fn render(
    flow: &Flow,
    session_id: &str,
    inputs: &[Value],
    error: Option<(&str, &str)>,
) -> Response {
    let lang = flow.lang;
    let mut response = page(
        lang,
        lang.pick("Authentification forte", "Strong authentication"),
        None,
        html! {
            form method="post" action="/widget/flow/challenge" {
                input type="hidden" name="session_id" value=(session_id);
                @for item in inputs {
                    @let id = item["id"].as_str().unwrap_or_default();
                    @match kind(item) {
                        "ERROR_MSG" => { p.error role="alert" { (filled(item)) } }
                        "INFO_MSG" | "TIMEOUT_MSG" => { p { (filled(item)) } }
                        "OK_CANCEL" => {
                            button type="submit" name="ok_cancel" value="true" { (filled(item)) }
                            " "
                            button type="submit" name="ok_cancel" value="false" { (lang.pick("Annuler", "Cancel")) }
                        }
                        _ => {
                            div.field {
                                label for=(format!("field-{id}")) { (filled(item)) }
                                input type="text" id=(format!("field-{id}")) name=(id) autocomplete="one-time-code" inputmode="numeric";
                                @if let Some((field, text)) = error.filter(|(f, _)| *f == id) {
                                    p.field-error id=(format!("error-{field}")) { (text) }
                                }
                            }
                        }
                    }
                }
                @if let Some((field, text)) = error.filter(|(f, _)| f.is_empty()) {
                    p.field-error id=(format!("error-{field}")) { (text) }
                }
            }
        },
    );
    if error.is_some() {
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    response
}

/// `POST /widget/flow/challenge`.
pub async fn answer(
    State(sandbox): State<AppState>,
    Form(fields): Form<HashMap<String, String>>,
) -> Response {
    let loaded = match access::load(&sandbox, &fields) {
        Ok(loaded) => loaded,
        Err(page) => return *page,
    };
    let flow = &loaded.flow;
    let Step::Challenge(inputs) = &flow.step else {
        return see_other(&link("flow", &loaded.session_id, &[]));
    };
    let lang = flow.lang;
    let confirmed = fields.get("ok_cancel").map(String::as_str) != Some("false");
    let mut given = Vec::new();
    for item in inputs {
        let id = item["id"].as_str().unwrap_or_default();
        match kind(item) {
            "OK_CANCEL" => given.push((id.to_owned(), confirmed.to_string())),
            "INFO_MSG" | "TIMEOUT_MSG" | "ERROR_MSG" => {}
            _ if !confirmed => {}
            _ => {
                let value = fields
                    .get(id)
                    .map(|v| v.trim().to_owned())
                    .unwrap_or_default();
                let rule = item["regexp"]
                    .as_str()
                    .and_then(|r| regex::Regex::new(r).ok());
                if rule.is_some_and(|re| !re.is_match(&value)) {
                    let text = lang.pick(
                        "Code refusé : vérifiez le format demandé (par exemple 6 chiffres) et réessayez.",
                        "Code refused: check the format asked for (for example 6 digits) and try again.",
                    );
                    return render(flow, &loaded.session_id, inputs, Some((id, text)));
                }
                given.push((id.to_owned(), value));
            }
        }
    }
    let (Some(connection_id), Some(channel_id)) =
        (&flow.connection_id, &flow.channel_definition_id)
    else {
        return see_other(&link("flow", &loaded.session_id, &[]));
    };
    let answered = {
        let mut world = sandbox.world();
        let answered = answer_challenge(
            &mut world,
            &loaded.user_id,
            connection_id,
            channel_id,
            &given,
        );
        if answered.is_ok()
            && let Some(current) = widget::flow_mut(&mut world, &loaded.session_id)
        {
            current.step = Step::Working;
        }
        answered
    };
    if let Err(refusal) = answered {
        return render(
            flow,
            &loaded.session_id,
            inputs,
            Some(("", &refusal.to_string())),
        );
    }
    settle(&sandbox, &loaded.session_id).await;
    see_other(&link("flow", &loaded.session_id, &[]))
}
