//! The loopback listener of a REDIRECT: waits for the browser that the bank sends back to
//! `http://127.0.0.1:PORT/callback`, and takes only the callback that carries this flow's
//! `state` (RFC 6749 §10.12, RFC 8252 §8.9). coffre sends an unguessable `redirect_state` with
//! the `authorize_url` request ([`new_state`]); Oxlin gives it back as the `state` query
//! parameter (seed 002). Any other request to the port (a forged `curl` from another local
//! process, a stale tab of an earlier flow) gets a page saying it was ignored, and the wait goes
//! on: the real bank answer is never lost.
//!
//! Docs gaps, our choices: the callback path is `/callback`; its query carries `connection_id`
//! and `status=success` (the sandbox's and the widget's documented shape), any other status is a
//! refusal at the bank with the `error` parameter as the reason; other paths (a browser's
//! `/favicon.ico`) get a 404. Requests are read one at a time, each head within 5 s and 8 KiB.

use std::time::Duration;

use rand08::RngCore;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::domain::CallFailure;
use crate::sanitize::clean_line;

/// Longest request head read from the browser.
const MAX_HEAD: usize = 8 * 1024;
/// The page shown for a callback without this flow's `state`.
const IGNORED: &str = "This is not the bank's answer to the connection coffre is waiting for, so it was ignored. Go back to coffre.";

/// A fresh `redirect_state`: 128 random bits from the OS, as 32 hex digits (no `|`, which
/// Oxlin reserves).
pub fn new_state() -> String {
    let mut bytes = [0u8; 16];
    rand08::rngs::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Accepts browser requests until one reaches `/callback` with `state`; returns its
/// connection id, or the bank's refusal.
pub async fn wait_for_callback(listener: &TcpListener, state: &str) -> Result<String, CallFailure> {
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
                .map(|(_, v)| v.into_owned())
        };
        if param("state").as_deref() != Some(state) {
            tracing::warn!("a REDIRECT callback without this flow's state was ignored");
            respond(&mut stream, "403 Forbidden", IGNORED).await;
            continue;
        }
        let param = |name: &str| param(name).map(|v| clean_line(&v));
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

/// Reads a request head (up to [`MAX_HEAD`] bytes, 5 s a read) and returns its target.
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
    parse_target(&head)
}

/// The origin-form target of a request head's first line (`GET /callback?… HTTP/1.1`), or
/// `None` when the head is not one.
fn parse_target(head: &[u8]) -> Option<String> {
    let head = &head[..head.len().min(MAX_HEAD)];
    let text = String::from_utf8_lossy(head);
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

#[cfg(test)]
mod tests;
