//! A tiny hostile HTTP server for the "hostile or broken servers" stories: a tokio
//! `TcpListener` on 127.0.0.1 that answers `/token` with a token and every other request with
//! what the test's handler says (fixed bytes, an endless body, a trickle), one request per
//! connection (`Connection: close`), counting the requests it got and the body bytes it wrote.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use coffre::oxlin::client::Client;
use coffre::oxlin::config::OxlinConfig;
use coffre::oxlin::secret::secret;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the server answers to one API request.
pub enum Reply {
    /// `200 OK` with this JSON body and its `Content-Length`.
    Json(String),
    /// `200 OK` with this `Content-Length` announced, and then this many bytes of spaces.
    Announced { length: u64, then: usize },
    /// `200 OK` without a length: `[` then spaces, in 64 KiB chunks, until the client hangs up
    /// or `up_to` bytes.
    Endless { up_to: usize },
    /// `200 OK` with a length of 1 MiB, then one byte every `every`.
    Trickle { every: Duration },
}

/// A running hostile server.
pub struct Hostile {
    pub base_url: String,
    /// API requests answered so far (the `/token` ones not counted).
    pub requests: Arc<AtomicUsize>,
    /// Body bytes written so far.
    pub written: Arc<AtomicUsize>,
}

impl Hostile {
    /// Starts a server answering API requests (path and query) with `handler`.
    pub async fn start(handler: impl Fn(&str) -> Reply + Send + Sync + 'static) -> Hostile {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(AtomicUsize::new(0));
        let written = Arc::new(AtomicUsize::new(0));
        let handler = Arc::new(handler);
        let (count, bytes) = (requests.clone(), written.clone());
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (handler, count, bytes) = (handler.clone(), count.clone(), bytes.clone());
                tokio::spawn(async move {
                    let _ = serve(stream, handler.as_ref(), &count, &bytes).await;
                });
            }
        });
        Hostile {
            base_url,
            requests,
            written,
        }
    }

    /// A client logged in (client credentials) on this server, each attempt limited to
    /// `timeout`.
    pub fn client(&self, timeout: Duration) -> Client {
        let mut config = OxlinConfig::with_hosts(
            &self.base_url,
            &format!("{}/v2.1", self.base_url),
            &self.base_url,
            "client",
            secret("secret"),
        );
        config.timeout = timeout;
        config.backoff = Duration::from_millis(20);
        Client::with_client_credentials(config, "accounts_read").unwrap()
    }

    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }

    pub fn written(&self) -> usize {
        self.written.load(Ordering::SeqCst)
    }
}

async fn serve(
    mut stream: TcpStream,
    handler: &(dyn Fn(&str) -> Reply + Send + Sync),
    count: &AtomicUsize,
    bytes: &AtomicUsize,
) -> std::io::Result<()> {
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf).await?;
        if n == 0 {
            return Ok(());
        }
        head.extend_from_slice(&buf[..n]);
    }
    let head = String::from_utf8_lossy(&head);
    let target = head.split(' ').nth(1).unwrap_or("/").to_owned();
    let reply = if target.starts_with("/token") {
        Reply::Json(r#"{"access_token":"at","token_type":"Bearer","expires_in":3600}"#.into())
    } else {
        count.fetch_add(1, Ordering::SeqCst);
        handler(&target)
    };
    let ok = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n";
    match reply {
        Reply::Json(body) => {
            let answer = format!("{ok}Content-Length: {}\r\n\r\n{body}", body.len());
            stream.write_all(answer.as_bytes()).await?;
            bytes.fetch_add(body.len(), Ordering::SeqCst);
        }
        Reply::Announced { length, then } => {
            let answer = format!("{ok}Content-Length: {length}\r\n\r\n");
            stream.write_all(answer.as_bytes()).await?;
            write_spaces(&mut stream, then, bytes).await?;
        }
        Reply::Endless { up_to } => {
            stream.write_all(format!("{ok}\r\n[").as_bytes()).await?;
            write_spaces(&mut stream, up_to, bytes).await?;
        }
        Reply::Trickle { every } => {
            let answer = format!("{ok}Content-Length: 1048576\r\n\r\n");
            stream.write_all(answer.as_bytes()).await?;
            for _ in 0..1_048_576 {
                tokio::time::sleep(every).await;
                stream.write_all(b" ").await?;
                bytes.fetch_add(1, Ordering::SeqCst);
            }
        }
    }
    stream.shutdown().await
}

async fn write_spaces(
    stream: &mut TcpStream,
    up_to: usize,
    bytes: &AtomicUsize,
) -> std::io::Result<()> {
    let chunk = vec![b' '; 64 * 1024];
    let mut sent = 0;
    while sent < up_to {
        let n = chunk.len().min(up_to - sent);
        stream.write_all(&chunk[..n]).await?;
        sent += n;
        bytes.fetch_add(n, Ordering::SeqCst);
    }
    Ok(())
}
