//! A browser without JavaScript for the sandbox's widget pages, as a person on a text browser
//! (or a phone) goes through them: plain GETs and form POSTs, redirects looked at one by one,
//! and it stops at the redirect to coffre's loopback return without visiting it (a phone cannot
//! reach 127.0.0.1): that address is what the person copies and pastes into coffre.
//!
//! Its choices: accept the terms, pick the Linxo Test Bank (87), approve at the test bank,
//! wait on the waiting page (its `meta refresh`). Hand-written (a few string searches) rather
//! than an HTML parser crate: the pages are the sandbox's own, well-formed, and these tests need
//! four attributes.

use std::time::{Duration, Instant};

/// Goes through `page` (an add-connection or terms address) and returns the address the
/// browser is finally sent to: coffre's return address, with the page's results.
pub async fn go_through(page: &str) -> String {
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let base = origin(page);
    let return_to = redirect_url(page);
    let mut next = Request::Get(page.to_owned());
    let started = Instant::now();
    loop {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the pages never end"
        );
        let answer = match &next {
            Request::Get(url) => http.get(url).send().await.unwrap(),
            Request::Post(url, form) => http.post(url).form(form).send().await.unwrap(),
        };
        if let Some(location) = answer.headers().get("location") {
            let location = absolute(&base, location.to_str().unwrap());
            if location.starts_with(&return_to) {
                return location;
            }
            next = Request::Get(location);
            continue;
        }
        let html = answer.text().await.unwrap().replace("&amp;", "&");
        next = decide(&base, &html);
        if matches!(next, Request::Get(_)) && html.contains("http-equiv=\"refresh\"") {
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
}

enum Request {
    Get(String),
    Post(String, Vec<(String, String)>),
}

/// What a person does on this page.
fn decide(base: &str, html: &str) -> Request {
    if html.contains("action=\"/widget/flow/terms\"") {
        let session = value_of(html, "name=\"session_id\"");
        return Request::Post(
            format!("{base}/widget/flow/terms"),
            vec![
                ("session_id".into(), session),
                ("decision".into(), "accept".into()),
            ],
        );
    }
    for needle in ["provider_id=87\"", "id=\"approve\""] {
        if let Some(href) = href_with(html, needle) {
            return Request::Get(absolute(base, &href));
        }
    }
    if let Some(at) = html.find("http-equiv=\"refresh\"") {
        let tag = &html[at..at + html[at..].find('>').unwrap()];
        let refresh = tag.split("url=").nth(1).unwrap().split('"').next().unwrap();
        return Request::Get(absolute(base, refresh));
    }
    panic!("a page this browser does not know what to do with:\n{html}");
}

/// The `href` of the link whose tag holds `needle`.
fn href_with(html: &str, needle: &str) -> Option<String> {
    let at = html.find(needle)?;
    let tag = &html[html[..at].rfind('<')?..];
    let href = tag.split("href=\"").nth(1)?;
    Some(href.split('"').next()?.to_owned())
}

/// The `value` of the input whose tag holds `needle`.
fn value_of(html: &str, needle: &str) -> String {
    let at = html.find(needle).expect(needle);
    let tag = &html[html[..at].rfind('<').unwrap()..];
    let tag = &tag[..tag.find('>').unwrap()];
    let value = tag.split("value=\"").nth(1).unwrap();
    value.split('"').next().unwrap().to_owned()
}

fn origin(url: &str) -> String {
    let url = url::Url::parse(url).unwrap();
    url.origin().ascii_serialization()
}

fn absolute(base: &str, location: &str) -> String {
    if location.starts_with('/') {
        format!("{base}{location}")
    } else {
        location.to_owned()
    }
}

/// The page's `redirect_url` (coffre's return address), without its query.
pub fn redirect_url(page: &str) -> String {
    let url = url::Url::parse(page).unwrap();
    let back = url
        .query_pairs()
        .find(|(k, _)| k == "redirect_url")
        .map(|(_, v)| v.into_owned())
        .expect("the page has a redirect_url");
    back.split('?').next().unwrap().to_owned()
}

/// The page's whole `redirect_url` (with coffre's state in it).
pub fn redirect_url_with_state(page: &str) -> String {
    let url = url::Url::parse(page).unwrap();
    url.query_pairs()
        .find(|(k, _)| k == "redirect_url")
        .map(|(_, v)| v.into_owned())
        .unwrap()
}
