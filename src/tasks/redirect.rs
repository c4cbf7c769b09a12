//! REDIRECT channels: ask Oxlin for the bank's authorisation URL with a `redirect_uri` on a
//! listener bound to 127.0.0.1 only (RFC 8252 §7.3: loopback, random port, never 0.0.0.0) and
//! a fresh unguessable `redirect_state`, show it (the screen draws the URL, a QR code, a
//! countdown and a field for the address the browser ended on), try to open the browser, and
//! wait for the answer with that state, from the loopback or pasted ([`waits::ReturnWait`]: the
//! one loopback-or-paste implementation, shared with the widget pages of `tasks::widget`) —
//! until the timeout, which says so, or until `CancelRedirect` aborts the task (which drops the
//! listener).
//!
//! Meanwhile the connection's status is polled ([`status_poll`]): when Oxlin reports the
//! connection ready although the browser never reached the callback (a phone, a closed tab),
//! the wait ends from it.
//!
//! The browser is opened with
//! `xdg-open` (`open` on macOS), never when `CI` is set or, on Linux, without a display, and
//! without coffre's own `COFFRE_*` variables in its environment (the password is one).

use std::ffi::{OsStr, OsString};
use std::time::Duration;

use crate::app::widget::BrowserEvent;
use crate::app::{ApiEvent, Msg};
use crate::config::PASSWORD_ENV;
use crate::domain::{CallFailure, ConnectionId};
use crate::oxlin::client::Client;
use crate::oxlin::to_domain;
use crate::oxlin::wire::AuthorizeUrlRequest;
use crate::tasks::RunnerOptions;
use crate::tasks::sender::MsgSender;

pub mod browser_return;
mod callback;
pub mod outcome;
pub mod status_poll;
pub mod waits;

pub use callback::{LoopbackReturn, new_state};
pub use waits::{ReturnWait, Waits};

/// One REDIRECT in progress.
pub(super) struct RedirectWait {
    pub client: Client,
    pub sender: MsgSender,
    pub request: u64,
    pub options: RunnerOptions,
    /// The connection being renewed (`None`: a new connection).
    pub renew: Option<ConnectionId>,
}

/// Starts the REDIRECT wait `request` as a task registered in `waits`.
pub(super) fn start(wait: RedirectWait, waits: &Waits, provider: String, channel: String) {
    let (paste, pasted) = Waits::paste_channel();
    let request = wait.request;
    let task = wait
        .sender
        .clone()
        .spawn("waiting for the bank", async move {
            wait.run(&provider, &channel, pasted).await;
        });
    waits.register(request, task.abort_handle(), paste);
}

impl RedirectWait {
    async fn run(
        self,
        provider: &str,
        channel: &str,
        pasted: tokio::sync::mpsc::UnboundedReceiver<String>,
    ) {
        let request = self.request;
        match self.wait(provider, channel, pasted).await {
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

    async fn wait(
        &self,
        provider: &str,
        channel: &str,
        pasted: tokio::sync::mpsc::UnboundedReceiver<String>,
    ) -> Result<String, Stage> {
        let mut back = ReturnWait::bind(pasted, self.sender.clone(), self.request)
            .await
            .map_err(|e| {
                Stage::BeforeUrl(CallFailure::Rejected(format!("no loopback port: {e}")))
            })?;
        let address = back.address().clone();
        let mut poll = status_poll::StatusPoll::before(&self.client, self.renew.clone()).await;
        let body = AuthorizeUrlRequest {
            redirect_uri: Some(address.callback()),
            redirect_state: Some(address.state().to_owned()),
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
        self.sender.send(Msg::Browser(BrowserEvent::PageReady {
            request: self.request,
            url: url.clone(),
            wait_for: self.options.redirect_timeout,
        }));
        if self.options.open_browser {
            open_browser(&url);
        }
        let answer = async {
            tokio::select! {
                answer = back.next() => outcome::bank_website(&answer),
                ready = poll.until_ready(&self.client, STATUS_EVERY) => Ok(ready),
            }
        };
        within(self.options.redirect_timeout, answer)
            .await
            .map_err(Stage::AtBank)
    }
}

/// How often the connection's status is asked while the browser is away.
const STATUS_EVERY: Duration = Duration::from_secs(2);

/// `answer` for at most `timeout`; then the person is told to try again (forged callbacks in
/// the meantime change nothing).
pub(crate) async fn within<T>(
    timeout: Duration,
    answer: impl Future<Output = Result<T, CallFailure>>,
) -> Result<T, CallFailure> {
    tokio::time::timeout(timeout, answer)
        .await
        .unwrap_or_else(|_| {
            Err(CallFailure::Rejected(format!(
                "nothing came back within {}; Esc and try again",
                crate::wording::browser::duration(timeout, crate::i18n::Lang::En)
            )))
        })
}

/// Where a REDIRECT failed: before the URL was shown, or at the bank.
#[derive(Debug, Clone)]
enum Stage {
    BeforeUrl(CallFailure),
    AtBank(CallFailure),
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

pub(crate) fn open_browser(url: &str) {
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
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

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

    #[tokio::test]
    async fn a_forged_callback_does_not_end_the_wait_which_times_out_with_a_message() {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
            .await
            .unwrap();
        let port = listener.local_addr().unwrap().port();
        let address = browser_return::ReturnAddress::new(port, new_state());
        let mut back = LoopbackReturn::serve(listener, address);
        let waiting = tokio::spawn(async move {
            within(Duration::from_millis(500), async {
                outcome::bank_website(&back.next().await)
            })
            .await
        });
        let mut forged = tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .unwrap();
        let request = "GET /callback?connection_id=999999&status=success HTTP/1.1\r\n\r\n";
        forged.write_all(request.as_bytes()).await.unwrap();
        let mut page = String::new();
        forged.read_to_string(&mut page).await.unwrap();
        assert!(page.starts_with("HTTP/1.1 403"), "{page}");
        let Err(CallFailure::Rejected(why)) = waiting.await.unwrap() else {
            panic!("no callback with the state: the wait must time out");
        };
        assert!(why.contains("nothing came back within"), "{why}");
    }
}
