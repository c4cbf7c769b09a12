//! The shell every webview page shares, built with `maud`: its templates escape every
//! interpolated text by default (bank labels, provider names, challenge texts, user input), so
//! no page can forget to; a hand-written escape helper would have to be called at every spot.
//! Pages work without JavaScript: plain links, forms posted with `method="post"`, and a
//! `<meta http-equiv="refresh">` on waiting pages, so a text browser (w3m, lynx) works too.

use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, LOCATION};
use axum::response::{IntoResponse, Response};
use maud::{DOCTYPE, Markup, html};

use crate::sandbox::world::widget::flow::Lang;

const STYLE: &str = "body{font-family:sans-serif;max-width:34em;margin:2em auto;padding:0 1em;color:#1b1b1b}\
h1{font-size:1.4em}.field{margin-top:1em}label{display:block;font-weight:bold}\
input[type=text],input[type=password],input[type=search]{width:100%;padding:.4em;font-size:1em}\
.field-error,.error{color:#a40000}.hint{color:#555;font-size:.9em}\
button{margin-top:1em;margin-right:.5em;padding:.5em 1em;font-size:1em}\
ul.banks li{margin:.4em 0}footer{margin-top:2em;font-size:.9em;color:#555}";

/// A whole page: title, the Oxlin banner, `body`, and a footer naming the sandbox.
/// `refresh_to` adds a `<meta http-equiv="refresh">` that reloads that URL after a second.
pub fn page(lang: Lang, title: &str, refresh_to: Option<&str>, body: Markup) -> Response {
    let markup = html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                @if let Some(url) = refresh_to {
                    meta http-equiv="refresh" content=(format!("1; url={url}"));
                }
                title { (title) " · Oxlin" }
                style { (STYLE) }
            }
            body {
                p.hint { "Oxlin · " (lang.pick("sandbox de coffre", "coffre's sandbox")) }
                h1 { (title) }
                (body)
                footer {
                    (lang.pick(
                        "Page de démonstration servie par le sandbox de coffre : aucune vraie banque n’est contactée.",
                        "Demo page served by coffre's sandbox: no real bank is contacted.",
                    ))
                }
            }
        }
    };
    let mut response = (
        StatusCode::OK,
        [(CONTENT_TYPE, "text/html; charset=utf-8")],
        markup.into_string(),
    )
        .into_response();
    response
        .headers_mut()
        .insert(CACHE_CONTROL, "no-store".parse().expect("a valid header"));
    response
}

/// An error page with `status` (the session is unknown, a parameter is wrong…): what happened
/// and what to do next.
pub fn error_page(lang: Lang, status: StatusCode, title: &str, what_next: &str) -> Response {
    let mut response = page(lang, title, None, html! { p.error { (what_next) } });
    *response.status_mut() = status;
    response
}

/// A 303 to `url` (the end of a webview, or the next page of a flow).
pub fn see_other(url: &str) -> Response {
    (StatusCode::SEE_OTHER, [(LOCATION, url.to_owned())]).into_response()
}

/// `path?session_id=…` plus `extra` pairs, percent-encoded: a link inside the widget.
pub fn link(path: &str, session_id: &str, extra: &[(&str, &str)]) -> String {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    query.append_pair("session_id", session_id);
    for (key, value) in extra {
        query.append_pair(key, value);
    }
    format!("/widget/{path}?{}", query.finish())
}
