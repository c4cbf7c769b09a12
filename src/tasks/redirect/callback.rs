//! The loopback listener: `http://127.0.0.1:PORT/callback` on a random port bound to 127.0.0.1
//! only (RFC 8252 §7.3, never 0.0.0.0), waiting for the browser that a bank's website, an
//! Oxlin webview or the finX widget sends back (the TUI and `coffre connect finx` alike). Each accepted connection is served by its own task, so a slow or
//! silent client (a browser's speculative pre-connection, a local process holding a socket open)
//! never holds up the real callback behind it. What a request means is
//! [`ReturnAddress::check_target`]'s (the same reader as a pasted address): the answer with this
//! flow's state is handed to [`LoopbackReturn::next`]; anything else gets a page saying it was
//! ignored, and the wait goes on.
//!
//! Docs gaps, our choices: other paths (a browser's `/favicon.ico`) get a 404; each request head
//! is read within 5 s and 8 KiB; the page the browser shows says only whether coffre got the
//! answer (what it means is said in coffre). The browser's pages (`Done`, the 403 of a refused
//! state, worded by `crate::wording::page_failure`) are plain English text on purpose: the
//! listener answers before anything knows the UI's language, and the wait screen says the same
//! refusal in the user's language.

use std::time::Duration;

use rand08::RngCore;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::browser_return::{BrowserReturn, Refused, ReturnAddress};
use crate::i18n::Lang;

/// Longest request head read from the browser.
const MAX_HEAD: usize = 8 * 1024;
/// How long one connection may take to send its request head.
const HEAD_TIMEOUT: Duration = Duration::from_secs(5);

/// A fresh state: 128 random bits from the OS, as 32 hex digits (no `|`, which Oxlin reserves
/// in `redirect_state`).
pub fn new_state() -> String {
    let mut bytes = [0u8; 16];
    rand08::rngs::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A listening loopback callback; dropping it stops listening.
#[derive(Debug)]
pub struct LoopbackReturn {
    address: ReturnAddress,
    answers: mpsc::UnboundedReceiver<BrowserReturn>,
    accept: JoinHandle<()>,
}

impl Drop for LoopbackReturn {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

impl LoopbackReturn {
    /// Binds a random port on 127.0.0.1 with a fresh state and starts accepting.
    pub async fn bind() -> std::io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let address = ReturnAddress::new(listener.local_addr()?.port(), new_state());
        Ok(Self::serve(listener, address))
    }

    /// Serves `listener` for `address` (tests give their own state).
    pub fn serve(listener: TcpListener, address: ReturnAddress) -> Self {
        let (tx, answers) = mpsc::unbounded_channel();
        let flow = address.clone();
        let accept = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let (flow, tx) = (flow.clone(), tx.clone());
                tokio::spawn(async move {
                    if let Some(answer) = serve_one(stream, &flow).await {
                        let _ = tx.send(answer);
                    }
                });
            }
        });
        LoopbackReturn {
            address,
            answers,
            accept,
        }
    }

    /// Where this flow is sent back to.
    pub fn address(&self) -> &ReturnAddress {
        &self.address
    }

    /// The next answer with this flow's state (waits as long as none comes).
    pub async fn next(&mut self) -> BrowserReturn {
        match self.answers.recv().await {
            Some(answer) => answer,
            None => std::future::pending().await,
        }
    }
}

/// Serves one connection: its answer when it is this flow's callback.
async fn serve_one(mut stream: TcpStream, flow: &ReturnAddress) -> Option<BrowserReturn> {
    let target = read_target(&mut stream).await?;
    match flow.check_target(&target) {
        Ok(answer) => {
            let finx_done = answer.finx.as_ref().is_some_and(|f| f.success);
            let page = if finx_done
                || [&answer.status, &answer.result]
                    .iter()
                    .any(|v| v.as_deref() == Some("success"))
            {
                "Done. You can close this tab and go back to coffre."
            } else {
                "coffre got the answer. Go back to coffre to see what to do next."
            };
            respond(&mut stream, "200 OK", page).await;
            Some(answer)
        }
        Err(Refused::NotTheRedirect(_)) => {
            respond(&mut stream, "404 Not Found", "Nothing here.").await;
            None
        }
        Err(Refused::WrongState(why)) => {
            tracing::warn!("a callback without this flow's state was ignored");
            let why = crate::wording::page_failure::page_failure(&why, Lang::En);
            respond(&mut stream, "403 Forbidden", &format!("coffre: {why}")).await;
            None
        }
    }
}

/// Reads a request head (up to [`MAX_HEAD`] bytes, [`HEAD_TIMEOUT`] in all) and returns its
/// target.
async fn read_target(stream: &mut TcpStream) -> Option<String> {
    let mut head = Vec::new();
    let mut chunk = [0u8; 1024];
    let read = async {
        while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < MAX_HEAD {
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => break,
                Ok(n) => head.extend_from_slice(&chunk[..n]),
            }
        }
    };
    tokio::time::timeout(HEAD_TIMEOUT, read).await.ok()?;
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
    let text = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
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
