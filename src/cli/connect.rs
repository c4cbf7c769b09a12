//! `coffre connect oxlin [--no-browser]`: add a bank through Oxlin's pages without the TUI (a
//! server over SSH, a person who prefers the shell). It drives the TUI's own task runner with the
//! same commands the TUI sends, so the flow is the one of widget mode: log in (the saved session,
//! else the configured password), accept the terms first when Oxlin asks, create the widget
//! session, print the add-connection address (and open the browser unless `--no-browser`; the
//! browser gets none of the `COFFRE_*` variables), wait for the loopback redirect or for the
//! address the browser ended on, pasted on standard input (one per line; a wrong one is refused
//! on stderr and the wait goes on), then wait for Oxlin's sync of the new connection, write it to
//! the store and print one line.
//!
//! Standard output holds only the address to open and the final line; everything else goes to
//! standard error. Choice (ours) for the exit codes, as `--help` prints them
//! ([`EXIT_CODES_HELP`]).

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use tokio::io::AsyncBufReadExt;
use tokio::sync::mpsc::UnboundedReceiver;

use crate::app::widget::{BrowserCommand, BrowserEvent, WidgetDone, WidgetPage};
use crate::app::{ApiEvent, AutoLogin, Command, Msg};
use crate::domain::CallFailure;
use crate::store;
use crate::sync::session::TokenOwner;
use crate::tasks::{MsgSender, Runner, RunnerOptions};

/// The exit codes of `coffre connect`, as `--help` prints them.
pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0   the bank is connected and stored
  1   nothing could be done (configuration, login, store)
  2   the bank was not added: the page was cancelled, expired or failed, the connection does not \
work, or nothing came back in time (the reason is printed)
  75  try again later: the server could not be reached";

/// The aggregators `coffre connect` knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Backend {
    /// Oxlin (Linxo Connect): French banks, through Oxlin's pages in a browser.
    Oxlin,
    /// finX: German banks, through finX's widget in a browser (`--iban` skips the bank choice).
    Finx,
}

/// `coffre connect` options.
#[derive(Debug, Clone, clap::Args)]
pub struct ConnectArgs {
    /// The aggregator.
    #[arg(value_enum)]
    pub backend: Backend,
    /// Only print the address (for a browser on another device); do not open one here.
    #[arg(long)]
    pub no_browser: bool,
    /// How long to wait for the browser, in seconds.
    #[arg(long, default_value_t = 600, value_name = "SECONDS")]
    pub timeout: u64,
    /// finX only: the account's IBAN, which skips the bank choice in the widget.
    #[arg(long, value_name = "IBAN")]
    pub iban: Option<String>,
}

/// Runs `coffre connect`.
pub async fn run(args: &ConnectArgs, config: Option<&Path>, data_dir: Option<&Path>) -> ExitCode {
    if args.backend == Backend::Finx {
        return super::connect_finx::run(args, config, data_dir).await;
    }
    match connect(args, config, data_dir).await {
        Ok(done) => {
            println!("{}", done_line(&done));
            ExitCode::SUCCESS
        }
        Err(Stop::Setup(why)) => {
            eprintln!("coffre: {why}");
            ExitCode::from(1)
        }
        Err(Stop::Failed(failure)) => {
            eprintln!("coffre: {}", failure_line(&failure));
            match failure {
                CallFailure::Unreachable => ExitCode::from(75),
                CallFailure::WrongPassword
                | CallFailure::SessionExpired
                | CallFailure::BadClientCredentials => ExitCode::from(1),
                _ => ExitCode::from(2),
            }
        }
    }
}

/// Why `coffre connect` stopped.
enum Stop {
    /// Before any page: configuration, store.
    Setup(String),
    /// The login or the page failed.
    Failed(CallFailure),
}

async fn connect(
    args: &ConnectArgs,
    config: Option<&Path>,
    data_dir: Option<&Path>,
) -> Result<WidgetDone, Stop> {
    let section = crate::config::load(config)
        .map_err(|e| Stop::Setup(e.to_string()))?
        .and_then(|c| c.oxlin)
        .ok_or_else(|| {
            Stop::Setup(
                "coffre connect needs a configuration with an [oxlin] section (--config FILE)"
                    .into(),
            )
        })?;
    let data_dir = store::resolve_data_dir(data_dir).map_err(|e| Stop::Setup(e.to_string()))?;
    let store_path = store::store_file(&data_dir, section.is_sandbox());
    let oxlin = section
        .client_config()
        .map_err(|e| Stop::Setup(e.to_string()))?;
    let login = match super::real_host_login(&section, &store_path).map_err(Stop::Setup)? {
        // Connecting needs the session: a keyring out of reach stops here, saying so.
        Some(AutoLogin::KeyringOutOfReach(why)) => {
            let error = crate::sync::session::SessionError::KeyringUnreachable { why };
            return Err(Stop::Setup(error.to_string()));
        }
        login => login,
    };
    let login = login.ok_or_else(|| {
            Stop::Setup(format!(
                "no saved session and no password: set `username` and `password_command` in [oxlin], or {}",
                crate::config::PASSWORD_ENV
            ))
        })?;
    let (sender, msgs) = MsgSender::channel();
    let options = RunnerOptions {
        open_browser: !args.no_browser,
        redirect_timeout: Duration::from_secs(args.timeout),
        store: Some(store_path),
        session_owner: Some(TokenOwner::of(&section)),
        ..RunnerOptions::default()
    };
    let runner = Runner::new(oxlin, sender, options);
    Flow { runner, msgs }.run(login).await.map_err(Stop::Failed)
}

/// The runner and its answers.
struct Flow {
    runner: Runner,
    msgs: UnboundedReceiver<Msg>,
}

impl Flow {
    async fn run(mut self, login: AutoLogin) -> Result<WidgetDone, CallFailure> {
        self.runner.run(match login {
            AutoLogin::Password(email, password) => Command::LogIn {
                request: 1,
                email,
                password,
            },
            AutoLogin::RefreshToken(token) => Command::Resume { request: 1, token },
            // Refused before the flow starts (above); no session to resume.
            AutoLogin::KeyringOutOfReach(_) => return Err(CallFailure::SessionExpired),
        });
        loop {
            match self.msgs.recv().await {
                Some(Msg::Api(ApiEvent::LoggedIn { result: Ok(()), .. })) => break,
                Some(Msg::Api(ApiEvent::LoggedIn {
                    result: Err(CallFailure::TermsNotAccepted),
                    ..
                })) => {
                    eprintln!("Oxlin asks you to accept its terms and conditions first.");
                    self.page(2, WidgetPage::Terms).await?;
                    break;
                }
                Some(Msg::Api(ApiEvent::LoggedIn { result: Err(e), .. })) => return Err(e),
                Some(_) => {}
                None => return Err(CallFailure::Internal("logging in".into())),
            }
        }
        self.page(3, WidgetPage::AddConnection).await
    }

    /// Opens `page` and waits for its end, pasted addresses read from standard input.
    async fn page(&mut self, request: u64, page: WidgetPage) -> Result<WidgetDone, CallFailure> {
        self.runner
            .run(Command::Browser(BrowserCommand::OpenWidget {
                request,
                page,
            }));
        let mut stdin = tokio::io::BufReader::new(tokio::io::stdin()).lines();
        let mut reading = true;
        loop {
            tokio::select! {
                msg = self.msgs.recv() => match msg {
                    Some(Msg::Browser(BrowserEvent::PageReady { url, wait_for, request: r })) if r == request => {
                        eprintln!(
                            "Open this address in a browser ({} at most). If the browser is on another device, paste here the address it ends on, then Enter:",
                            crate::wording::browser::duration(wait_for, crate::i18n::Lang::En)
                        );
                        println!("{url}");
                    }
                    Some(Msg::Browser(BrowserEvent::PasteRefused { reason, request: r })) if r == request => {
                        let why = crate::wording::page_failure::page_failure(&reason, crate::i18n::Lang::En);
                        eprintln!("Not used: {why}");
                    }
                    Some(Msg::Browser(BrowserEvent::Progress { step, request: r })) if r == request => {
                        eprintln!("{step}");
                    }
                    Some(Msg::Browser(BrowserEvent::Finished { result, request: r })) if r == request => {
                        return result;
                    }
                    Some(Msg::Api(ApiEvent::Failed { error, .. })) => tracing::warn!("{error:?}"),
                    Some(_) => {}
                    None => return Err(CallFailure::Internal("waiting for the page".into())),
                },
                line = stdin.next_line(), if reading => match line {
                    Ok(Some(address)) if !address.trim().is_empty() => self.runner.run(
                        Command::Browser(BrowserCommand::Paste { request, address }),
                    ),
                    Ok(Some(_)) => {}
                    Ok(None) | Err(_) => reading = false,
                },
            }
        }
    }
}

/// The one line printed when the bank is connected.
fn done_line(done: &WidgetDone) -> String {
    let bank = crate::sanitize::clean_line(&done.bank);
    let id = done
        .connection
        .as_ref()
        .map(|c| format!(" (connection {})", c.raw()))
        .unwrap_or_default();
    match done.new_transactions {
        1 => format!("{bank} connected{id}: 1 new transaction stored."),
        n => format!("{bank} connected{id}: {n} new transactions stored."),
    }
}

/// A failure as one sentence.
fn failure_line(failure: &CallFailure) -> String {
    match failure {
        CallFailure::Rejected(why) => {
            let mut chars = why.chars();
            match chars.next() {
                Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
                None => "The bank was not added.".into(),
            }
        }
        other => crate::wording::failures::call_failure(other, crate::i18n::Lang::En),
    }
}
