//! A scripted finX server for the finX client's stories (the real sandbox is built elsewhere):
//! an axum fallback handler on 127.0.0.1 that speaks the documented endpoints (client Basic
//! auth on `/onetime/access` and `/auth/token`, Bearer on `/rest/*`), single-use codes,
//! rotating refresh tokens, offset paging, and whatever faults the test queues. Every request
//! and every token it issues is written to a shared log, which a test keeper writes to too, so
//! a story can check what happened first.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use coffre::finx::{Client, FinxConfig};
use coffre::oxlin::secret::secret;
use serde_json::{Value, json};

use super::finx_sample::{account, transaction};

/// The client id and secret the server takes.
pub const CLIENT_ID: &str = "coffre-app";
pub const CLIENT_SECRET: &str = "finx-client-s3cret";
/// The code a test's widget "returned".
pub const CODE: &str = "code-eyJhbGciO-4711";
/// Where the widget sends the browser back.
pub const REDIRECT_URI: &str = "http://127.0.0.1:9/callback";

/// One answer the server gives instead of the normal one, to the next request on `path`.
pub struct Fault {
    pub path: &'static str,
    pub status: u16,
    pub body: String,
    pub retry_after: Option<u64>,
}

/// What the server knows and does.
#[derive(Default)]
pub struct World {
    pub codes: Vec<String>,
    pub refresh_tokens: Vec<String>,
    pub access_tokens: Vec<String>,
    pub issued: usize,
    pub expires_in: u64,
    pub accounts: Vec<Value>,
    pub transactions: Vec<Value>,
    /// Answer every transaction page with this body, as written (numbers serde_json cannot
    /// write: `1e30`, `12345678901234567.89`).
    pub raw_page: Option<String>,
    /// Answer every transaction page from offset 0 (a broken server).
    pub ignore_offset: bool,
    /// Answer every error with the request echoed (headers and body).
    pub echo: bool,
    pub faults: VecDeque<Fault>,
    /// Bodies of the requests received, by `METHOD /path?query`.
    pub bodies: Vec<(String, String)>,
}

/// A running scripted server.
pub struct FinxServer {
    pub base_url: String,
    pub world: Arc<Mutex<World>>,
    pub log: Arc<Mutex<Vec<String>>>,
}

type Shared = (Arc<Mutex<World>>, Arc<Mutex<Vec<String>>>);

impl FinxServer {
    /// Starts a server with one valid code, two accounts and `transactions` transactions.
    pub async fn start(transactions: usize) -> FinxServer {
        let world = World {
            codes: vec![CODE.to_owned()],
            expires_in: 3600,
            accounts: vec![account("A1.1", "Girokonto"), account("A1.2", "Tagesgeld")],
            transactions: (0..transactions).map(transaction).collect(),
            ..World::default()
        };
        let world = Arc::new(Mutex::new(world));
        let log = Arc::new(Mutex::new(Vec::new()));
        let app = axum::Router::new()
            .fallback(handle)
            .with_state((world.clone(), log.clone()));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base_url = format!("http://{}/finx", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        FinxServer {
            base_url,
            world,
            log,
        }
    }

    /// The configuration of a client of this server (short timeouts and backoff).
    pub fn config(&self) -> FinxConfig {
        let mut config = FinxConfig::new(&self.base_url, CLIENT_ID, secret(CLIENT_SECRET));
        config.timeout = Duration::from_secs(5);
        config.backoff = Duration::from_millis(10);
        config
    }

    /// A client without an access yet.
    pub fn client(&self) -> Client {
        Client::new(self.config()).unwrap()
    }

    /// A valid refresh token `rt-0`, as a kept one would be.
    pub fn grant_refresh_token(&self) -> String {
        let token = "rt-0".to_owned();
        self.world
            .lock()
            .unwrap()
            .refresh_tokens
            .push(token.clone());
        token
    }

    /// What happened, in order.
    pub fn log(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }

    /// How many logged lines start with `prefix`.
    pub fn count(&self, prefix: &str) -> usize {
        self.log().iter().filter(|l| l.starts_with(prefix)).count()
    }

    /// Queues one fault.
    pub fn fail_next(&self, path: &'static str, status: u16, body: &str) {
        self.world.lock().unwrap().faults.push_back(Fault {
            path,
            status,
            body: body.to_owned(),
            retry_after: None,
        });
    }
}

fn envelope(code: u32, description: &str) -> String {
    json!({"error": {"code": code, "group": "client", "description": description, "data": {}}})
        .to_string()
}

fn answer(status: u16, body: String) -> Response {
    let status = StatusCode::from_u16(status).unwrap();
    (status, [("content-type", "application/json")], body).into_response()
}

async fn handle(
    State((world, log)): State<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().trim_start_matches("/finx").to_owned();
    let auth = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let text = String::from_utf8_lossy(&body).into_owned();
    let mut world = world.lock().unwrap();
    let mut log = log.lock().unwrap();
    let call = format!(
        "{method} {path}{}",
        uri.query().map(|q| format!("?{q}")).unwrap_or_default()
    );
    world.bodies.push((call.clone(), text.clone()));
    if let Some(at) = world.faults.iter().position(|f| path.starts_with(f.path)) {
        let fault = world.faults.remove(at).unwrap();
        log.push(format!("fault {} on {call}", fault.status));
        let mut response = answer(fault.status, fault.body);
        if let Some(after) = fault.retry_after {
            response
                .headers_mut()
                .insert("retry-after", after.to_string().parse().unwrap());
        }
        return response;
    }
    let refuse = |status: u16, code: u32, description: &str, world: &World| {
        if world.echo {
            answer(
                status,
                json!({"error": {"code": code, "description":
                format!("{description}: you sent {auth} with {text} to {call}")}})
                .to_string(),
            )
        } else {
            answer(status, envelope(code, description))
        }
    };
    if path.starts_with("/rest/") {
        let token = auth.strip_prefix("Bearer ").unwrap_or("");
        if !world.access_tokens.iter().any(|t| t == token) {
            log.push(format!("refused {call} with {token}"));
            return refuse(401, 1003, "Invalid or expired access token", &world);
        }
        log.push(format!("{call} with {token}"));
        return data(&world, &path, uri.query().unwrap_or(""));
    }
    let basic =
        base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"));
    if auth != format!("Basic {basic}") {
        log.push(format!("refused client on {call}"));
        return refuse(401, 1004, "Invalid client authorization", &world);
    }
    let request: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    match (method.as_str(), path.as_str()) {
        ("POST", "/onetime/access") => {
            log.push(format!("access link for {}", request["redirect_uri"]));
            answer(
                201,
                json!({"location": "https://widget.example/?token=w1", "id": "3ca31c37"})
                    .to_string(),
            )
        }
        ("POST", "/auth/token") => {
            let spent = match request["grant_type"].as_str() {
                Some("authorization_code") => request["code"].as_str(),
                Some("refresh_token") => request["refresh_token"].as_str(),
                _ => None,
            }
            .unwrap_or("")
            .to_owned();
            let pool = if request["grant_type"] == "authorization_code" {
                &mut world.codes
            } else {
                &mut world.refresh_tokens
            };
            let Some(at) = pool.iter().position(|t| *t == spent) else {
                log.push(format!("refused grant {spent}"));
                return refuse(
                    400,
                    1000,
                    "Invalid authorization code or refresh token",
                    &world,
                );
            };
            pool.remove(at);
            world.issued += 1;
            let (access, refresh) = (
                format!("at-{}", world.issued),
                format!("rt-{}", world.issued),
            );
            world.access_tokens.push(access.clone());
            world.refresh_tokens.push(refresh.clone());
            log.push(format!("issued {refresh} for {spent}"));
            answer(
                200,
                json!({"access_token": access, "expires_in": world.expires_in,
                "scope": "accounts=ro balance=ro transactions=ro offline",
                "token_type": "Bearer", "refresh_token": refresh})
                .to_string(),
            )
        }
        _ => answer(404, envelope(1002, "Not Found")),
    }
}

fn data(world: &World, path: &str, query: &str) -> Response {
    let param = |key: &str| {
        url::form_urlencoded::parse(query.as_bytes())
            .find(|(k, _)| k == key)
            .and_then(|(_, v)| v.parse::<usize>().ok())
    };
    match path {
        "/rest/accounts" => answer(200, json!({"accounts": world.accounts}).to_string()),
        "/rest/transactions" if world.raw_page.is_some() => {
            answer(200, world.raw_page.clone().unwrap_or_default())
        }
        "/rest/transactions" => {
            let count = param("count").unwrap_or(1000);
            let offset = if world.ignore_offset {
                0
            } else {
                param("offset").unwrap_or(0)
            };
            let page: Vec<&Value> = world.transactions.iter().skip(offset).take(count).collect();
            answer(200, json!({"transactions": page}).to_string())
        }
        other => match other.strip_prefix("/rest/accounts/") {
            Some(rest) => {
                let (id, balance) = match rest.strip_suffix("/balance") {
                    Some(id) => (id, true),
                    None => (rest, false),
                };
                match world.accounts.iter().find(|a| a["account_id"] == id) {
                    Some(a) if balance => answer(200, a["balance"].to_string()),
                    Some(a) => answer(200, a.to_string()),
                    None => answer(404, envelope(1002, "Not Found")),
                }
            }
            None => answer(404, envelope(1002, "Not Found")),
        },
    }
}
