//! `coffre sync`'s retry budget, against a proxy in front of the sandbox that refuses calls
//! deterministically (a 429 with `Retry-After: 0`, so nothing waits): a server that answers
//! each call only at its sixth attempt is synced in one run (headless `coffre sync` retries a
//! call 8 times; the TUI's 4 retries gave up after the fifth attempt: exit 75), and a page
//! fetched ahead past the end of an account's list that keeps failing does not fail a read
//! that is complete.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::support::sync_bank::{Bank, bank_with_user, stored, sync, sync_command};
use coffre::store::TransactionQuery;

/// Which calls the proxy refuses.
#[derive(Clone, Copy)]
enum Refuse {
    /// Every call (same method, path and query) at its first `n` attempts of every `n + 1`.
    FirstAttempts(usize),
    /// Every `GET /transactions` for page 2 on, at every attempt.
    PagesFrom2,
}

struct Proxy {
    upstream: String,
    refuse: Refuse,
    attempts: Mutex<HashMap<String, usize>>,
    http: reqwest::Client,
}

impl Proxy {
    fn refuses(&self, call: &str) -> bool {
        match self.refuse {
            Refuse::FirstAttempts(n) => {
                let mut attempts = self.attempts.lock().unwrap();
                let count = attempts.entry(call.to_owned()).or_default();
                *count += 1;
                !(*count).is_multiple_of(n + 1)
            }
            Refuse::PagesFrom2 => {
                call.starts_with("GET /v2.1/transactions?")
                    && call
                        .split(['?', '&'])
                        .filter_map(|pair| pair.strip_prefix("page="))
                        .any(|page| page.parse::<u32>().is_ok_and(|page| page >= 2))
            }
        }
    }
}

async fn forward(State(proxy): State<Arc<Proxy>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let target = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    if proxy.refuses(&format!("{} {target}", parts.method)) {
        let refused = [(header::RETRY_AFTER, "0")];
        return (StatusCode::TOO_MANY_REQUESTS, refused, "{}").into_response();
    }
    let body = axum::body::to_bytes(body, usize::MAX).await.unwrap();
    let mut upstream = proxy
        .http
        .request(parts.method.clone(), format!("{}{target}", proxy.upstream));
    for (name, value) in &parts.headers {
        if name != header::HOST {
            upstream = upstream.header(name, value);
        }
    }
    let answer = upstream.body(body).send().await.unwrap();
    let status = answer.status();
    let mut headers = answer.headers().clone();
    headers.remove(header::TRANSFER_ENCODING);
    headers.remove(header::CONNECTION);
    let mut response = Response::new(Body::from(answer.bytes().await.unwrap()));
    *response.status_mut() = status;
    *response.headers_mut() = headers;
    response
}

/// Starts a proxy to `upstream` refusing as `refuse` says; returns its base URL.
async fn proxy(upstream: &str, refuse: Refuse) -> String {
    let proxy = Arc::new(Proxy {
        upstream: upstream.to_owned(),
        refuse,
        attempts: Mutex::default(),
        http: reqwest::Client::new(),
    });
    let app = axum::Router::new().fallback(forward).with_state(proxy);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    base
}

/// Points `dir/config.toml` (written for the sandbox) at `base` instead.
fn use_server(dir: &Path, bank: &Bank, base: &str) {
    let config = dir.join("config.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, text.replace(&bank.sandbox.base_url, base)).unwrap();
}

/// The transactions a healthy sync of `bank` stores.
async fn healthy_count(bank: &Bank) -> usize {
    let (code, output) = sync(bank).await;
    assert_eq!(code, 0, "{output}");
    stored(bank)
        .transaction_count(&TransactionQuery::default())
        .unwrap()
}

/// `coffre sync` of `bank` through a proxy refusing as `refuse` says, in a fresh directory:
/// (exit code, stderr, transactions stored).
async fn sync_through(bank: &Bank, refuse: Refuse) -> (i32, String, usize) {
    let base = proxy(&bank.sandbox.base_url, refuse).await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        bank.dir.path().join("config.toml"),
        dir.path().join("config.toml"),
    )
    .unwrap();
    use_server(dir.path(), bank, &base);
    let out = sync_command(dir.path(), &[]).output().await.unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let store = coffre::store::Store::open(&dir.path().join("data/sandbox.sqlite")).unwrap();
    let count = store
        .transaction_count(&TransactionQuery::default())
        .unwrap();
    (out.status.code().unwrap_or(-1), stderr, count)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_answering_each_call_at_its_sixth_attempt_is_synced_in_one_run() {
    let bank = bank_with_user("sixth@example.com", &["default"]).await;
    let expected = healthy_count(&bank).await;
    let (code, stderr, count) = sync_through(&bank, Refuse::FirstAttempts(5)).await;
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(count, expected, "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_fetched_ahead_past_the_end_that_keeps_failing_does_not_fail_the_sync() {
    // Every account of `default` holds fewer than 500 lines: page 1 ends each list, and the
    // pages fetched with it (2 to 4) fail at every attempt.
    let bank = bank_with_user("ahead@example.com", &["default"]).await;
    let expected = healthy_count(&bank).await;
    let (code, stderr, count) = sync_through(&bank, Refuse::PagesFrom2).await;
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(count, expected, "{stderr}");
}
