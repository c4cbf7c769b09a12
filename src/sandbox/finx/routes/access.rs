//! `POST /onetime/access` (client Basic auth, JSON body, finx-api.md §4.2): creates a widget
//! link and answers 201 `{"location", "id"}`, `location` being the sandbox's own widget page
//! (`http://127.0.0.1:PORT/finx/widget/?token=…`).
//!
//! Choices (ours): the body is read as JSON (a form body is read too, by the sandbox's common
//! body reader, but cannot carry `accounts`); `redirect_uri` must be an absolute `http(s)` URL;
//! every field is checked and all problems are answered at once as 400 / 1000 with `data`
//! field → messages; unknown fields are ignored. `sync_period` must be a whole number of days
//! ≥ 1; above the bank's history it is cut without error (§4.2).

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use super::client::check_client;
use super::error::{FinxError, FinxResult};
use crate::sandbox::finx::world::link::{ACCOUNT_TYPES, LANGUAGES, Lang, LinkRequest};
use crate::sandbox::finx::world::widget::create_link;
use crate::sandbox::routes::{AppState, request_body};

/// `POST /onetime/access`.
pub async fn create(State(sandbox): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    match link_request(&headers, &body) {
        Ok(request) => {
            let (id, token) = create_link(&mut sandbox.finx.lock(), request);
            let location = format!("{}/finx/widget/?token={token}", sandbox.base_url);
            (
                StatusCode::CREATED,
                Json(json!({ "location": location, "id": id })),
            )
                .into_response()
        }
        Err(error) => error.into_response(),
    }
}

fn link_request(headers: &HeaderMap, body: &[u8]) -> FinxResult<LinkRequest> {
    check_client(headers)?;
    let fields = request_body::fields(body).map_err(|e| FinxError::invalid(e.description))?;
    let mut problems = Map::new();
    let mut problem = |field: &str, message: &str| {
        problems.insert(field.to_owned(), json!([message]));
    };
    let redirect_uri = match fields.get("redirect_uri") {
        None | Some(Value::Null) => {
            problem("redirect_uri", "Missing data for required field.");
            String::new()
        }
        Some(Value::String(uri)) if is_web_url(uri) => uri.clone(),
        Some(_) => {
            problem("redirect_uri", "Not a valid URL.");
            String::new()
        }
    };
    let state = match fields.get("state") {
        None | Some(Value::Null) => None,
        Some(Value::String(state)) => Some(state.clone()),
        Some(_) => {
            problem("state", "Not a valid string.");
            None
        }
    };
    let language = match fields.get("language") {
        None | Some(Value::Null) => None,
        Some(Value::String(code)) if LANGUAGES.contains(&code.as_str()) => Some(code.clone()),
        Some(_) => {
            problem("language", "Must be one of: de, en, es, fr, ar.");
            None
        }
    };
    let account_ids = match fields.get("accounts") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => {
            let ids: Option<Vec<String>> = items
                .iter()
                .map(|item| item.get("id").and_then(Value::as_str).map(str::to_owned))
                .collect();
            ids.unwrap_or_else(|| {
                problem(
                    "accounts",
                    "Each account must be an object with a string `id`.",
                );
                Vec::new()
            })
        }
        Some(_) => {
            problem("accounts", "Not a valid list.");
            Vec::new()
        }
    };
    let account_types = match fields.get("account_types") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items))
            if items
                .iter()
                .all(|t| t.as_str().is_some_and(|t| ACCOUNT_TYPES.contains(&t))) =>
        {
            items
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        }
        Some(_) => {
            problem(
                "account_types",
                &format!("Must be a list of: {}.", ACCOUNT_TYPES.join(", ")),
            );
            Vec::new()
        }
    };
    let allow_multi_selection = match fields.get("allow_multi_selection") {
        None | Some(Value::Null) => true,
        Some(Value::Bool(allow)) => *allow,
        Some(_) => {
            problem("allow_multi_selection", "Not a valid boolean.");
            true
        }
    };
    let sync_period = match fields.get("sync_period") {
        None | Some(Value::Null) => 90,
        Some(value) => match value.as_u64().filter(|days| *days >= 1) {
            Some(days) => u32::try_from(days).unwrap_or(u32::MAX),
            None => {
                problem("sync_period", "Must be a whole number of days, at least 1.");
                90
            }
        },
    };
    if !problems.is_empty() {
        return Err(FinxError::schema(problems));
    }
    Ok(LinkRequest {
        redirect_uri,
        state,
        lang: Lang::from_code(language.as_deref()),
        account_ids,
        account_types,
        allow_multi_selection,
        sync_period,
    })
}

/// An absolute `http` or `https` URL with a host.
fn is_web_url(text: &str) -> bool {
    url::Url::parse(text)
        .is_ok_and(|url| matches!(url.scheme(), "http" | "https") && url.has_host())
}
