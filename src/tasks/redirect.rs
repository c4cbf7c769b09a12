//! REDIRECT channels: ask Oxlin for the bank's authorisation URL with a `redirect_uri` on a
//! listener bound to 127.0.0.1 only (RFC 8252 §7.3: loopback, random port, never 0.0.0.0), show
//! it (the screen draws the URL and a QR code), try to open the browser, and wait for the bank to
//! send the browser back — until the timeout, or until `CancelRedirect` aborts the task (which
//! drops the listener).
//!
//! Docs gaps, our choices: the callback path is `/callback`; its query carries
//! `connection_id` and `status=success` (the sandbox's and the widget's documented shape), any
//! other status is a refusal at the bank with the `error` parameter as the reason; other paths
//! (a browser's `/favicon.ico`) get a 404 and the wait goes on. The browser is opened with
//! `xdg-open` (`open` on macOS), never when `CI` is set or, on Linux, without a display, and
//! without coffre's own `COFFRE_*` variables in its environment (the password is one).

use std::ffi::{OsStr, OsString};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::app::ApiEvent;
use crate::config::PASSWORD_ENV;
use crate::domain::{CallFailure, ConnectionId};
use crate::oxlin::client::Client;
use crate::oxlin::to_domain;
use crate::oxlin::wire::AuthorizeUrlRequest;
use crate::sanitize::clean_line;
use crate::tasks::RunnerOptions;
use crate::tasks::sender::MsgSender;

/// Longest request head read from the browser.
const MAX_HEAD: usize = 8 * 1024;

/// One REDIRECT in progress.
pub(super) struct RedirectWait {
    pub client: Client,
    pub sender: MsgSender,
    pub request: u64,
    pub options: RunnerOptions,
    /// The connection being renewed (`None`: a new connection).
    pub renew: Option<ConnectionId>,
}

impl RedirectWait {
    pub(super) async fn run(self, provider: &str, channel: &str) {
        let request = self.request;
        match self.wait(provider, channel).await {
            Err(Stage::BeforeUrl(e)) => self.sender.api(ApiEvent::AuthorizeUrlReady {
                request,
                result: Err(e),
            }),
            Err(Stage::AtBank(e)) => self.sender.api(ApiEvent::RedirectCompleted {
                request,
                result: Err(e),
            }),
            Ok(connection) => self.sender.api(ApiEvent::RedirectCompleted {
                request,
                result: Ok(ConnectionId::oxlin(&connection)),
            }),
        }
    }

    async fn wait(&self, provider: &str, channel: &str) -> Result<String, Stage> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await.map_err(|e| {
            Stage::BeforeUrl(CallFailure::Rejected(format!("no loopback port: {e}")))
        })?;
        let port = listener
            .local_addr()
            .map_err(|e| Stage::BeforeUrl(CallFailure::Rejected(e.to_string())))?
            .port();
        let body = AuthorizeUrlRequest {
            redirect_uri: Some(format!("http://127.0.0.1:{port}/callback")),
            connection_id: self.renew.as_ref().map(|c| c.raw().to_owned()),
            ..AuthorizeUrlRequest::default()
        };
        let url = self
            .client
            .authorize_url(provider, channel, &body)
            .await
            .map_err(|e| Stage::BeforeUrl(to_domain::call_failure(&e)))?;
        self.sender.api(ApiEvent::AuthorizeUrlReady {
            request: self.request,
            result: Ok(url.clone()),
        });
        if self.options.open_browser {
            open_browser(&url);
        }
        match tokio::time::timeout(self.options.redirect_timeout, wait_for_callback(&listener))
            .await
        {
            Ok(result) => result.map_err(Stage::AtBank),
            Err(_) => Err(Stage::AtBank(CallFailure::Rejected(
                "the bank did not send you back in time; Esc and try again".into(),
            ))),
        }
    }
}

/// Where a REDIRECT failed: before the URL was shown, or at the bank.
#[derive(Debug, Clone)]
enum Stage {
    BeforeUrl(CallFailure),
    AtBank(CallFailure),
}

/// Accepts browser requests until one reaches `/callback`; returns its connection id.
pub async fn wait_for_callback(listener: &TcpListener) -> Result<String, CallFailure> {
    loop {
        let Ok((mut stream, _)) = listener.accept().await else {
            continue;
        };
        let Some(target) = read_target(&mut stream).await else {
            continue;
        };
        let Ok(url) = url::Url::parse(&format!("http://127.0.0.1{target}")) else {
            respond(&mut stream, "400 Bad Request", "Unreadable request.").await;
            continue;
        };
        if url.path() != "/callback" {
            respond(&mut stream, "404 Not Found", "Nothing here.").await;
            continue;
        }
        let param = |name: &str| {
            url.query_pairs()
                .find(|(k, _)| k == name)
                .map(|(_, v)| clean_line(&v))
        };
        let outcome = match (param("status").as_deref(), param("connection_id")) {
            (Some("success"), Some(id)) if !id.is_empty() => Ok(id),
            _ => Err(CallFailure::Rejected(format!(
                "the bank did not authorise the connection ({})",
                param("error").unwrap_or_else(|| "no reason given".into())
            ))),
        };
        let page = match &outcome {
            Ok(_) => "Connected. You can close this tab and go back to coffre.",
            Err(_) => "The bank did not authorise the connection. Go back to coffre.",
        };
        respond(&mut stream, "200 OK", page).await;
        return outcome;
    }
}

/// The request target of the first line (`GET /callback?… HTTP/1.1`).
async fn read_target(stream: &mut TcpStream) -> Option<String> {
    let mut head = Vec::new();
    let mut chunk = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < MAX_HEAD {
        let n = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut chunk))
            .await
            .ok()?
            .ok()?;
        if n == 0 {
            break;
        }
        head.extend_from_slice(&chunk[..n]);
    }
    let text = String::from_utf8_lossy(&head);
    let mut parts = text.lines().next()?.split_whitespace();
    let (_method, target) = (parts.next()?, parts.next()?);
    target.starts_with('/').then(|| target.to_owned())
}

async fn respond(stream: &mut TcpStream, status: &str, text: &str) {
    let body = format!("<!doctype html><title>coffre</title><p>{text}</p>");
    let answer = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(answer.as_bytes()).await;
    let _ = stream.shutdown().await;
}

/// Whether a browser can be opened here.
fn can_open_browser() -> bool {
    if std::env::var_os("CI").is_some() {
        return false;
    }
    if cfg!(target_os = "linux") {
        return std::env::var_os("DISPLAY").is_some()
            || std::env::var_os("WAYLAND_DISPLAY").is_some();
    }
    true
}

fn open_browser(url: &str) {
    if !can_open_browser() {
        return;
    }
    let program = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let child = browser_command(program, url, std::env::vars_os())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match child {
        Ok(mut child) => {
            tokio::spawn(async move { child.wait().await });
        }
        Err(e) => tracing::debug!("cannot open a browser: {e}"),
    }
}

/// The command that opens `url` in a browser, with the environment `parent` minus every
/// `COFFRE_*` variable: the browser (and whatever it starts) gets none of coffre's secrets, such
/// as `COFFRE_OXLIN_PASSWORD`.
fn browser_command(
    program: &str,
    url: &str,
    parent: impl Iterator<Item = (OsString, OsString)>,
) -> tokio::process::Command {
    let mut command = tokio::process::Command::new(program);
    command
        .arg(url)
        .env_clear()
        .envs(parent.filter(|(name, _)| !is_coffre_variable(name)));
    command
}

/// Whether an environment variable is coffre's own (`COFFRE_…`, the password among them).
fn is_coffre_variable(name: &OsStr) -> bool {
    name == PASSWORD_ENV || name.to_string_lossy().starts_with("COFFRE_")
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn get(port: u16, target: &str) -> String {
        let mut s = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
        let req = format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        s.write_all(req.as_bytes()).await.unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).await.unwrap();
        out
    }

    #[tokio::test]
    async fn the_bank_sends_the_browser_back_with_the_connection() {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let waiting = tokio::spawn(async move { wait_for_callback(&listener).await });
        assert!(get(port, "/favicon.ico").await.starts_with("HTTP/1.1 404"));
        let page = get(port, "/callback?connection_id=42&status=success").await;
        assert!(page.contains("Connected"));
        assert_eq!(waiting.await.unwrap(), Ok("42".to_string()));
    }

    #[tokio::test]
    async fn a_refusal_at_the_bank_says_why() {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let waiting = tokio::spawn(async move { wait_for_callback(&listener).await });
        get(port, "/callback?status=error&error=access_denied").await;
        let Err(CallFailure::Rejected(why)) = waiting.await.unwrap() else {
            panic!("a refusal is an error");
        };
        assert!(why.contains("access_denied"), "{why}");
    }

    #[test]
    fn the_browser_never_inherits_the_password_or_other_coffre_variables() {
        let parent = [
            ("PATH", "/usr/bin"),
            ("DISPLAY", ":0"),
            (PASSWORD_ENV, "hunter2"),
            ("COFFRE_CLIENT_SECRET", "s3cr3t"),
        ]
        .map(|(k, v)| (OsString::from(k), OsString::from(v)));
        let command = browser_command("xdg-open", "https://bank.example/", parent.into_iter());
        let envs: Vec<_> = command.as_std().get_envs().collect();
        let passed = |name: &str| envs.iter().any(|(k, v)| *k == name && v.is_some());
        assert!(passed("PATH") && passed("DISPLAY"), "{envs:?}");
        assert!(
            !passed(PASSWORD_ENV) && !passed("COFFRE_CLIENT_SECRET"),
            "{envs:?}"
        );
        for (_, value) in &envs {
            let value = value.map(|v| v.to_string_lossy()).unwrap_or_default();
            assert!(!value.contains("hunter2") && !value.contains("s3cr3t"));
        }
    }
}
