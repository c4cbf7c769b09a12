//! The shell of every finX widget page, built with `maud` (every interpolated text escaped),
//! German or English; pages work without JavaScript (plain forms posted with
//! `method="post"`, answered by a 303 to the next page).

use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, LOCATION};
use axum::response::{IntoResponse, Response};
use maud::{DOCTYPE, Markup, html};

use crate::sandbox::finx::world::link::Lang;

const STYLE: &str = "body{font-family:sans-serif;max-width:32em;margin:2em auto;padding:0 1em;color:#1b1b1b}\
h1{font-size:1.35em}.field{margin-top:1em}label{display:block;font-weight:bold}\
input[type=text],input[type=password],input[type=search]{width:100%;padding:.4em;font-size:1em}\
.error{color:#a40000}.hint{color:#555;font-size:.9em}ul.banks{list-style:none;padding:0}\
button{margin-top:1em;margin-right:.5em;padding:.5em 1em;font-size:1em}footer{margin-top:2em;font-size:.9em;color:#555}";

/// A whole page: `title`, `body`, the widget's banner and footer.
pub fn page(lang: Lang, title: &str, body: Markup) -> Response {
    page_with_status(lang, StatusCode::OK, title, body)
}

/// A whole page with `status`.
pub fn page_with_status(lang: Lang, status: StatusCode, title: &str, body: Markup) -> Response {
    let markup = html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · finX" }
                style { (STYLE) }
            }
            body {
                p.hint { "finX · " (lang.pick("Sandbox von coffre", "coffre's sandbox")) }
                h1 { (title) }
                (body)
                footer {
                    (lang.pick(
                        "Testseite der Sandbox von coffre: keine echte Bank wird kontaktiert.",
                        "Test page served by coffre's sandbox: no real bank is contacted.",
                    ))
                }
            }
        }
    };
    (
        status,
        [
            (CONTENT_TYPE, "text/html; charset=utf-8"),
            (CACHE_CONTROL, "no-store"),
        ],
        markup.into_string(),
    )
        .into_response()
}

/// A 303 to `url`.
pub fn see_other(url: &str) -> Response {
    (StatusCode::SEE_OTHER, [(LOCATION, url.to_owned())]).into_response()
}

/// The widget page of `token` (where every form answer leads).
pub fn widget_url(token: &str) -> String {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    query.append_pair("token", token);
    format!("/finx/widget/?{}", query.finish())
}

/// The cancel button every step shows.
pub fn cancel_form(lang: Lang, token: &str) -> Markup {
    html! {
        form method="post" action="/finx/widget/cancel" {
            input type="hidden" name="token" value=(token);
            button type="submit" id="cancel" { (lang.pick("Abbrechen", "Cancel")) }
        }
    }
}
