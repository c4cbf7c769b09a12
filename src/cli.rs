//! The command line: `coffre` (the TUI; with no `--config` it starts the in-process sandbox and
//! fills in the demo user), `coffre --config FILE` (real hosts), `coffre sandbox` (the emulator
//! alone), `coffre sync` and `coffre export` (headless: refresh the local store; write it out).
//!
//! Docs gap (ours): the sandbox's demo user is `demo@coffre.test` with the password
//! [`DEMO_PASSWORD`]; it is created on its first login. The sandbox runs with an 800 ms step
//! delay so a person (or an audience) can follow the sync.

mod config;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use secrecy::SecretString;

pub use config::{OxlinSettings, Settings};

use crate::app::{Model, run as run_loop, terminal_events};
use crate::oxlin::config::OxlinConfig;
use crate::sandbox::{self, SandboxArgs, SandboxConfig};
use crate::tasks::{MsgSender, Runner, RunnerOptions};

/// The sandbox's demo user.
pub const DEMO_EMAIL: &str = "demo@coffre.test";
/// The sandbox demo user's password (a demo value, not a secret).
pub const DEMO_PASSWORD: &str = "coffre-demo";

/// coffre: your bank accounts, aggregated, in the terminal.
#[derive(Debug, Parser)]
#[command(name = "coffre", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A TOML file with an `[oxlin]` section (real hosts); without it coffre runs on its sandbox.
    #[arg(long, global = true)]
    pub config: Option<PathBuf>,
    /// Where coffre keeps its files.
    #[arg(long, env = "COFFRE_DATA_DIR", global = true)]
    pub data_dir: Option<PathBuf>,
}

/// The subcommands of `coffre`.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the Oxlin API emulator (the sandbox) alone, until Ctrl-C.
    Sandbox(SandboxArgs),
    /// Refresh the local store from the API, headless (for cron); one line per connection.
    Sync(crate::sync::SyncArgs),
    /// Write the local store out as CSV, ledger, beancount or OFX (no network).
    Export(crate::export::ExportArgs),
}

/// Runs the parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("coffre: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match cli.command {
        Some(Command::Sandbox(args)) => runtime.block_on(sandbox::serve_forever(args)),
        Some(Command::Sync(_)) => runtime.block_on(crate::sync::run(
            cli.config.as_deref(),
            cli.data_dir.as_deref(),
        )),
        Some(Command::Export(args)) => {
            crate::export::run(&args, cli.config.as_deref(), cli.data_dir.as_deref())
        }
        None => {
            let settings = match config::load(cli.config.as_deref(), cli.data_dir) {
                Ok(settings) => settings,
                Err(error) => {
                    eprintln!("coffre: {error}");
                    return ExitCode::FAILURE;
                }
            };
            match runtime.block_on(run_tui(settings)) {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("coffre: {error}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

/// The sandbox the TUI runs against when there is no configuration, and its client settings.
pub async fn start_demo_sandbox(
    step_delay: Duration,
) -> Result<(sandbox::RunningSandbox, OxlinConfig), String> {
    let config = SandboxConfig {
        step_delay,
        ..SandboxConfig::default()
    };
    let running = sandbox::start(config.clone())
        .await
        .map_err(|e| format!("cannot start the sandbox: {e}"))?;
    let oxlin = OxlinConfig::with_hosts(
        &running.base_url,
        &running.api_url(),
        &running.base_url,
        config.client_id,
        SecretString::from(config.client_secret),
    );
    Ok((running, oxlin))
}

async fn run_tui(settings: Settings) -> Result<(), String> {
    let (sandbox, oxlin, username) = match settings.oxlin.clone() {
        Some(real) => (None, real.client, real.username),
        None => {
            let (running, oxlin) = start_demo_sandbox(Duration::from_millis(800)).await?;
            (Some(running), oxlin, None)
        }
    };
    let model = match (&sandbox, &username) {
        (Some(_), _) => Model::new(chrono::Utc::now(), true, Some((DEMO_EMAIL, DEMO_PASSWORD))),
        (None, Some(user)) => Model::new(chrono::Utc::now(), false, Some((user, ""))),
        (None, None) => Model::new(chrono::Utc::now(), false, None),
    };
    let (sender, task_msgs) = MsgSender::channel();
    let store = crate::store::store_file(&settings.data_dir, sandbox.is_some());
    let options = RunnerOptions {
        store: Some(store),
        poll_every: if sandbox.is_some() {
            Duration::from_millis(200)
        } else {
            RunnerOptions::default().poll_every
        },
        ..RunnerOptions::default()
    };
    let runner = Runner::new(oxlin, sender, options);
    crate::terminal::install_panic_hook();
    let mut terminal =
        crate::terminal::setup().map_err(|e| format!("cannot set up the terminal: {e}"))?;
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
    result.map_err(|e| format!("the terminal failed: {e}"))?;
    restored.map_err(|e| format!("cannot restore the terminal: {e}"))?;
    Ok(())
}
