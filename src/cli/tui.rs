//! Starting the TUI: read the configuration, open the store under the data dir BEFORE any
//! network call (so a store with data shows the dashboard at once, even offline), start the log,
//! then the sandbox (without a configuration) or the real hosts, the task runner and the loop.
//!
//! The built-in sandbox keeps its world in `sandbox-state.json` under the data dir, so after a
//! restart the dashboard's connections still exist there and the background refresh works;
//! the demo user logs in with its password. With a configuration (real hosts), the saved
//! session ([`crate::sync::session`]: a refresh token stored for this server, client and user,
//! by `coffre sync` or a previous run) resumes the session in the background without any
//! password (the password, or `password_command`, is only read when there is no such token);
//! the runner keeps the rotated token through the same module after each login and sync.
//!
//! The built-in sandbox takes `--sandbox-delay-ms` per sync step (800 ms by default: a demo a
//! person can follow; 0 for a big bank at full speed).
//!
//! `coffre --widget` runs the built-in sandbox without a PSD2 agreement, in widget mode, in its
//! own directory under the data dir ([`WIDGET_SANDBOX_DIR`]): the two sandbox worlds never mix
//! their stores.
//!
//! The config's `[ui]` section sets the theme (`--theme` wins), whether the mouse is
//! captured, and privacy mode (`--privacy` turns it on too) (`crate::config::ui`), and the
//! language (`--lang` wins; `crate::i18n`), which the amounts' notation follows.
//!
//! [`run_prepared`] runs the TUI on what its caller prepared (the stage demo, `coffre demo`: a
//! model already on the dashboard, a private store, its own sandbox, scripted events merged
//! with the terminal's and a hint drawn over the frames), without reading any configuration.
//!
//! Docs gap (ours): with a configuration whose API is on a loopback host (a sandbox served by
//! `coffre sandbox`), the store is `sandbox.sqlite` as for the built-in sandbox.

use std::path::{Path, PathBuf};
use std::time::Duration;

use secrecy::SecretString;

use super::{
    DEMO_EMAIL, DEMO_PASSWORD, SANDBOX_STATE_FILE, ThemeName, logging, start_demo_sandbox,
    start_widget_sandbox,
};
use crate::app::{AutoLogin, Model, Startup, run as run_loop, start, terminal_events};
use crate::config::{OxlinMode, OxlinSection};
use crate::store::{self, Store};
use crate::sync::session::{self, TokenOwner};
use crate::tasks::{MsgSender, Runner, RunnerOptions};
use crate::ui::format::NumberStyle;

/// Under the data dir, where `coffre --widget` keeps its sandbox's world, store and log.
pub const WIDGET_SANDBOX_DIR: &str = "widget-sandbox";

/// How often the TUI polls its built-in sandbox's queue (a real host: the runner's default).
pub const SANDBOX_POLL_EVERY: Duration = Duration::from_millis(200);

/// What the command line says about the TUI.
#[derive(Debug, Clone)]
pub struct TuiOptions {
    pub config: Option<PathBuf>,
    pub data_dir: Option<PathBuf>,
    /// `--theme`, which wins over the config's `[ui] theme`.
    pub theme: Option<ThemeName>,
    /// `--widget`: the built-in sandbox without agreement, in widget mode.
    pub widget: bool,
    /// `--privacy`: start with amounts and IBANs masked (or the config's `[ui] privacy`).
    pub privacy: bool,
    /// `--lang`, which wins over the config's `[ui] language` and the locale variables.
    pub lang: Option<crate::i18n::Lang>,
    /// `--sandbox-delay-ms`: the time each sync step takes in the built-in sandbox.
    pub sandbox_delay: Duration,
}

/// Runs the TUI until the user quits.
pub async fn run(options: TuiOptions) -> Result<(), String> {
    let config = crate::config::load(options.config.as_deref()).map_err(|e| e.to_string())?;
    let ui = config
        .as_ref()
        .and_then(|c| c.ui.clone())
        .unwrap_or_default();
    let session_store = config
        .as_ref()
        .map(|c| c.session_store())
        .unwrap_or_default();
    let finx_section = config.as_ref().and_then(|c| c.finx.as_ref());
    let mut finx = match finx_section {
        Some(finx) => Some(finx.client_config().map_err(|e| e.to_string())?),
        None => None,
    };
    let section = config.and_then(|c| c.oxlin);
    let mut data_dir =
        store::resolve_data_dir(options.data_dir.as_deref()).map_err(|e| e.to_string())?;
    if options.widget && section.is_none() {
        // The sandbox without agreement is another world: its own state, store and log.
        data_dir = store::resolve_data_dir(Some(&data_dir.join(WIDGET_SANDBOX_DIR)))
            .map_err(|e| e.to_string())?;
    }
    let sandbox_store = section.as_ref().is_none_or(|s| s.is_sandbox());
    let store_path = store::store_file(&data_dir, sandbox_store);
    let store_has_data = Store::open(&store_path)
        .and_then(|s| s.has_data())
        .map_err(|e| e.to_string())?;
    if let Err(e) = logging::init(&logging::log_dir(options.data_dir.as_deref(), &data_dir)) {
        eprintln!("coffre: no log file ({e})");
    }
    tracing::info!("coffre starts; store {}", store_path.display());

    let (sandbox, oxlin, email, auto_login) = match &section {
        Some(real) => (
            None,
            real.client_config().map_err(|e| e.to_string())?,
            real.username.clone(),
            real_host_login(real, &store_path)?,
        ),
        None => {
            let state = data_dir.join(SANDBOX_STATE_FILE);
            let delay = options.sandbox_delay;
            let (running, oxlin) = if options.widget {
                start_widget_sandbox(delay, Some(state)).await?
            } else {
                start_demo_sandbox(delay, Some(state)).await?
            };
            let password = SecretString::from(DEMO_PASSWORD);
            let login = AutoLogin::Password(DEMO_EMAIL.to_owned(), password);
            (
                Some(running),
                oxlin,
                Some(DEMO_EMAIL.to_owned()),
                Some(login),
            )
        }
    };
    if let (Some(running), None) = (&sandbox, &finx) {
        finx = Some(sandbox_finx(running));
    }
    let prefill = match (&sandbox, &email) {
        (Some(_), _) => Some((DEMO_EMAIL, DEMO_PASSWORD)),
        (None, Some(email)) => Some((email.as_str(), "")),
        (None, None) => None,
    };
    let mut model = Model::new(chrono::Utc::now(), sandbox.is_some(), prefill);
    model.theme = ui.theme(options.theme).theme();
    model.lang = ui.language(options.lang);
    model.numbers = NumberStyle::of(model.lang).private(ui.privacy(options.privacy));
    model.widget = match &section {
        Some(real) => real.mode() == OxlinMode::Widget,
        None => options.widget,
    };

    let (sender, task_msgs) = MsgSender::channel();
    let sender = sender.speaking(model.lang);
    let runner_options = RunnerOptions {
        store: Some(store_path),
        poll_every: if sandbox.is_some() {
            SANDBOX_POLL_EVERY
        } else {
            RunnerOptions::default().poll_every
        },
        session_owner: section
            .as_ref()
            .map(|s| TokenOwner::of(s).keeping_in(session_store)),
        ..RunnerOptions::default()
    };
    model.finx = finx.is_some();
    let mut runner = Runner::new(oxlin, sender, runner_options);
    if let Some(finx) = finx {
        runner = runner.with_finx(finx).keeping_finx_tokens_in(session_store);
    }
    let first = start(
        &mut model,
        Startup {
            store_has_data,
            auto_login,
        },
    );
    crate::terminal::install_panic_hook();
    let mut terminal = crate::terminal::setup(ui.mouse())
        .map_err(|e| format!("cannot set up the terminal: {e}"))?;
    for command in first {
        runner.run(command);
    }
    let result = run_loop(
        &mut terminal,
        model,
        terminal_events(),
        task_msgs,
        |command| runner.run(command),
    )
    .await;
    let restored = crate::terminal::restore();
    drop(runner);
    if let Some(sandbox) = sandbox {
        sandbox.stop().await;
    }
    tracing::info!("coffre stops");
    result.map_err(|e| format!("the terminal failed: {e}"))?;
    restored.map_err(|e| format!("cannot restore the terminal: {e}"))?;
    Ok(())
}

/// The built-in sandbox's finX API (under `/finx`, its own client): German banks with no
/// configuration.
fn sandbox_finx(running: &crate::sandbox::RunningSandbox) -> crate::finx::FinxConfig {
    crate::finx::FinxConfig::new(
        &running.finx_url(),
        crate::sandbox::SANDBOX_FINX_CLIENT_ID,
        SecretString::from(crate::sandbox::SANDBOX_FINX_CLIENT_SECRET),
    )
}

/// How a real host's session starts without asking: the stored refresh token when it belongs to
/// this configuration (whether `coffre sync` or the TUI stored it), else the configured
/// password, else not at all (the login screen). A saved session in an OS keyring this
/// process cannot reach (over SSH) is no login at all: the store is shown, offline.
pub fn real_host_login(
    real: &OxlinSection,
    store_path: &Path,
) -> Result<Option<AutoLogin>, String> {
    let store = Store::open(store_path).map_err(|e| e.to_string())?;
    let token = match session::stored_token(&store, &TokenOwner::of(real)) {
        Ok(token) => token,
        Err(session::SessionError::KeyringUnreachable { why }) => {
            tracing::info!("the saved session is in a keyring out of reach: {why}");
            return Ok(Some(AutoLogin::KeyringOutOfReach(why)));
        }
        Err(e) => return Err(e.to_string()),
    };
    if let Some(token) = token {
        return Ok(Some(AutoLogin::RefreshToken(token)));
    }
    let password = real.password().map_err(|e| e.to_string())?;
    Ok(real
        .username
        .clone()
        .zip(password)
        .map(|(email, password)| AutoLogin::Password(email, password)))
}

/// Runs the TUI until the user quits, on what the caller prepared: `model` on its first
/// screen, the `first` commands to run before the first key, the `store` and the API
/// (`oxlin`, a built-in sandbox: fast polling) the runner uses, the `events` to read (the
/// terminal's, maybe with more merged in) and the `overlay` drawn over every frame. No
/// configuration is read, no session is kept.
pub async fn run_prepared(
    model: Model,
    first: Vec<crate::app::Command>,
    store: PathBuf,
    oxlin: crate::oxlin::config::OxlinConfig,
    events: impl futures_util::Stream<Item = crate::app::Msg>,
    overlay: impl FnMut(&Model, &mut ratatui::Frame),
) -> Result<(), String> {
    let (sender, task_msgs) = MsgSender::channel();
    let sender = sender.speaking(model.lang);
    let runner_options = RunnerOptions {
        store: Some(store),
        poll_every: SANDBOX_POLL_EVERY,
        ..RunnerOptions::default()
    };
    let runner = Runner::new(oxlin, sender, runner_options);
    crate::terminal::install_panic_hook();
    let mouse = crate::config::ui::UiSection::default().mouse();
    let mut terminal =
        crate::terminal::setup(mouse).map_err(|e| format!("cannot set up the terminal: {e}"))?;
    for command in first {
        runner.run(command);
    }
    let result = crate::app::event_loop::run_with_overlay(
        &mut terminal,
        model,
        events,
        task_msgs,
        |command| runner.run(command),
        overlay,
    )
    .await;
    let restored = crate::terminal::restore();
    drop(runner);
    result.map_err(|e| format!("the terminal failed: {e}"))?;
    restored.map_err(|e| format!("cannot restore the terminal: {e}"))?;
    Ok(())
}
