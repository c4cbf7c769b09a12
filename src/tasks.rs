//! The task runner: turns each [`Command`] from `update` into a tokio task that uses the Oxlin
//! client and answers with a `Msg` on the loop's one channel ([`MsgSender`]). Tasks never touch
//! the model; they only send facts back.
//!
//! The runner keeps the session of the logged-in user (a [`Client`] and its queue [`Poller`])
//! and the browser waits (REDIRECT channels, widget pages: [`widget::Browser`]), so
//! `CancelRedirect` can close them and a pasted address reaches them.
//!
//! Every task is started through [`MsgSender::spawn`], so a task that panics answers the UI
//! with a failure instead of leaving a screen waiting.
//!
//! Docs gap: a command that needs a session while nobody is logged in (impossible from the
//! screens) is answered with a "log in first" failure rather than ignored.

pub mod channel_choice;
mod connect;
pub mod dashboard;
pub mod finx_link;
mod login;
pub mod poller;
pub mod redirect;
pub mod sender;
pub mod store_sync;
pub mod sync_start;
pub mod tx_window;
pub mod widget;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub use sender::MsgSender;

use crate::app::{ApiEvent, Command};
use crate::domain::{CallFailure, ChannelHealth, SyncStep};
use crate::oxlin::client::Client;
use crate::oxlin::config::OxlinConfig;
use channel_choice::ChannelPurpose;
use poller::Poller;

/// How the runner behaves (the sandbox and tests poll faster than a real deployment).
#[derive(Debug, Clone)]
pub struct RunnerOptions {
    /// Time between two queue polls.
    pub poll_every: Duration,
    /// Try to open the browser on the bank's URL (never when `CI` is set or there is no display).
    pub open_browser: bool,
    /// How long the loopback listener waits for the bank's redirect.
    pub redirect_timeout: Duration,
    /// The local store file (`None`: nothing is stored, the dashboard cannot load).
    pub store: Option<PathBuf>,
    /// Keep the session's refresh token in the store, for this owner, after each login and
    /// sync: real hosts. `None` in sandbox mode.
    pub session_owner: Option<crate::sync::session::TokenOwner>,
}

impl Default for RunnerOptions {
    fn default() -> Self {
        RunnerOptions {
            poll_every: Duration::from_millis(500),
            open_browser: true,
            redirect_timeout: Duration::from_secs(600),
            store: None,
            session_owner: None,
        }
    }
}

/// The logged-in user's client and queue poller.
#[derive(Debug)]
struct Session {
    client: Client,
    poller: Poller,
}

/// Executes commands as background tasks.
#[derive(Debug, Clone)]
pub struct Runner {
    config: OxlinConfig,
    sender: MsgSender,
    options: RunnerOptions,
    session: Arc<Mutex<Option<Session>>>,
    browser: widget::Browser,
    /// The finX API, when German banks are offered (`finx_link`).
    finx: Option<crate::finx::FinxConfig>,
    /// Where finX links' tokens are kept (`[session] store`; `finx_link`).
    finx_tokens: crate::sync::session::SessionStore,
    /// The transactions view's reads, on their own thread and connection (`tx_window`).
    tx_reader: tx_window::TxReader,
}

impl Runner {
    /// A runner talking to the hosts of `config` and answering on `sender`.
    pub fn new(config: OxlinConfig, sender: MsgSender, options: RunnerOptions) -> Self {
        Runner {
            config,
            sender,
            options,
            session: Arc::new(Mutex::new(None)),
            browser: widget::Browser::default(),
            finx: None,
            finx_tokens: Default::default(),
            tx_reader: tx_window::TxReader::default(),
        }
    }

    /// This runner links and syncs German banks through the finX API of `finx`.
    pub fn with_finx(mut self, finx: crate::finx::FinxConfig) -> Self {
        self.finx = Some(finx);
        self
    }

    /// Starts what `command` asks for (must be called inside a tokio runtime).
    pub fn run(&self, command: Command) {
        match command {
            Command::LogIn {
                request,
                email,
                password,
            } => {
                let runner = self.clone();
                self.sender.spawn("logging in", async move {
                    runner.log_in(request, email, password).await
                });
            }
            Command::Resume { request, token } => {
                let runner = self.clone();
                self.sender.spawn("resuming the session", async move {
                    runner.resume(request, token).await
                });
            }
            Command::PollQueue {
                connection,
                generation,
            } => self.with_session(|s| s.poller.watch(connection, generation)),
            Command::StopPolling { connection } => {
                self.with_session(|s| s.poller.unwatch(&connection))
            }
            Command::LoadDashboard => {
                self.local().load();
                if let Some(client) = self.client() {
                    self.spawn_local("listing the connections", |local, _| async move {
                        local.refresh_connections(client).await
                    });
                }
            }
            Command::Export(request) => self.local().export(request),
            Command::ExportQuery { request, query } => self.local().export_query(request, query),
            read @ (Command::ReadTxWindow { .. }
            | Command::CountTx { .. }
            | Command::ReadTxFacts { .. }) => {
                self.tx_reader
                    .send(read, self.options.store.clone(), &self.sender)
            }
            Command::SyncNow {
                connection,
                generation,
            }
            | Command::GiveConsent {
                connection,
                generation,
            } if self.client().is_none() => {
                self.sender.api(ApiEvent::SyncProgressed {
                    connection,
                    generation,
                    step: SyncStep::Failed(ChannelHealth::Other("not logged in".into())),
                });
                self.not_logged_in();
            }
            Command::SyncNow {
                connection,
                generation,
            } => {
                self.with_session(|s| s.poller.watch_fresh(connection.clone(), generation));
                self.spawn_local("syncing", |local, client| async move {
                    local.sync_now(client, connection, generation).await
                });
            }
            Command::GiveConsent {
                connection,
                generation,
            } => {
                self.with_session(|s| s.poller.watch_fresh(connection.clone(), generation));
                self.spawn_local("sending your consents", |local, client| async move {
                    local.give_consent(client, connection, generation).await
                });
            }
            Command::SaveConnection {
                connection,
                generation,
            } => match self.client() {
                Some(client) => {
                    let store = self
                        .options
                        .store
                        .clone()
                        .map(|path| store_sync::StoreTarget {
                            path,
                            session_owner: self.options.session_owner.clone(),
                        });
                    poller::save_then_done(
                        &client,
                        &self.sender,
                        store.as_ref(),
                        connection,
                        generation,
                    );
                }
                None => self.not_logged_in(),
            },
            Command::RenewCredentials { connection } => {
                self.spawn_local("renewing the credentials", |local, client| async move {
                    local.renew(client, connection, ChannelPurpose::Renew).await
                })
            }
            Command::AddChannel { connection } => {
                self.spawn_local("adding a channel", |local, client| async move {
                    local
                        .renew(client, connection, ChannelPurpose::AddOther)
                        .await
                })
            }
            Command::DeleteConnection { connection }
                if connection.aggregator() == crate::domain::Aggregator::Finx =>
            {
                self.delete_german_bank(connection)
            }
            Command::DeleteConnection { connection } => self
                .spawn_local("deleting the connection", |local, client| async move {
                    local.delete(client, connection).await
                }),
            Command::ArchiveAccount { account, archived } => self
                .spawn_local("archiving the account", |local, client| async move {
                    local.archive(client, account, archived).await
                }),
            Command::SyncGermanBank {
                connection,
                generation,
            } => self.sync_german_bank(connection, generation),
            Command::CancelRedirect { request } => self.browser.waits.cancel(request),
            Command::Browser(command) => self.browser_command(command),
            Command::Bell => ring_bell(),
            Command::Quit => {
                if let Ok(mut session) = self.session.lock() {
                    session.take();
                }
            }
            other => self.spawn_with_client(other),
        }
    }

    fn with_session(&self, f: impl FnOnce(&Session)) {
        if let Ok(session) = self.session.lock()
            && let Some(session) = session.as_ref()
        {
            f(session);
        }
    }

    fn local(&self) -> dashboard::Local {
        dashboard::Local {
            store: self.options.store.clone(),
            sender: self.sender.clone(),
        }
    }

    /// Runs a dashboard command that needs the user's client; a panic is answered as a failure
    /// while `doing`.
    fn spawn_local<F, Fut>(&self, doing: &'static str, f: F)
    where
        F: FnOnce(dashboard::Local, Client) -> Fut,
        Fut: std::future::Future<Output = ()> + Send + 'static,
    {
        let Some(client) = self.client() else {
            self.not_logged_in();
            return;
        };
        self.sender.spawn(doing, f(self.local(), client));
    }

    fn not_logged_in(&self) {
        self.sender.api(ApiEvent::Failed {
            connection: None,
            error: CallFailure::Rejected("log in first (press l on the dashboard)".into()),
        });
    }

    fn client(&self) -> Option<Client> {
        self.session.lock().ok()?.as_ref().map(|s| s.client.clone())
    }

    /// The commands that need the user's client.
    fn spawn_with_client(&self, command: Command) {
        let Some(client) = self.client() else {
            self.not_logged_in();
            return;
        };
        let sender = self.sender.clone();
        if let Command::StartRedirect {
            request,
            provider,
            channel,
            renew,
        } = command
        {
            let wait = redirect::RedirectWait {
                client,
                sender,
                request,
                options: self.options.clone(),
                renew,
            };
            redirect::start(wait, &self.browser.waits, provider, channel);
            return;
        }
        self.sender.spawn("talking to the bank", async move {
            connect::run(client, sender, command).await
        });
    }
}

/// Rings the terminal's bell (BEL), only when stdout is a terminal (not in tests or pipes).
fn ring_bell() {
    use std::io::{IsTerminal, Write};
    let mut out = std::io::stdout();
    if out.is_terminal() {
        let _ = out.write_all(b"\x07").and_then(|()| out.flush());
    }
}
