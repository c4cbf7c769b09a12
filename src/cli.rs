//! The command line: `coffre` (the TUI; with no `--config` it starts the in-process sandbox and
//! fills in the demo user), `coffre --config FILE` (real hosts), `coffre sandbox` (the emulator
//! alone), `coffre sync` and `coffre export` (headless: refresh the local store; write it out),
//! `coffre connect oxlin` (headless: add a bank through Oxlin's pages, [`connect`]) and
//! `coffre connect finx` (a German bank through the finX widget, [`connect_finx`]),
//! `coffre --widget` (the built-in sandbox without a PSD2 agreement, in widget mode),
//! `coffre completions SHELL` and `coffre man` ([`docs`]), `coffre demo` (the stage demo,
//! [`demo`]).
//!
//! The TUI's start (store first, then the network) is in [`tui`]; its log file in [`logging`].
//!
//! Docs gap (ours): the sandbox's demo user is `demo@coffre.test` with the password
//! [`DEMO_PASSWORD`]; it is created on its first login. The built-in sandbox (the TUI without
//! configuration, `--widget`, `coffre demo`) runs with an 800 ms step delay so a person (or an
//! audience) can follow the sync; `--sandbox-delay-ms N` sets it (0: a big bank at full speed).

pub mod connect;
pub mod connect_finx;
pub mod demo;
pub mod docs;
mod logging;
mod tui;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use secrecy::SecretString;

pub use logging::{KEPT_FILES, LOG_PREFIX, log_dir};
pub use tui::{SANDBOX_POLL_EVERY, real_host_login};

pub use crate::ui::theme::ThemeName;

use crate::oxlin::config::OxlinConfig;
use crate::sandbox::{self, SandboxArgs, SandboxConfig};

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
    /// A TOML file with an `[oxlin]` section (French banks) and/or a `[finx]` section (German
    /// banks) for real hosts, and a `[ui]` section; default: `~/.config/coffre/config.toml` when it
    /// exists. Without an `[oxlin]` section the TUI runs on its built-in sandbox (Oxlin and finX);
    /// `coffre sync` needs one of the two.
    #[arg(long, global = true)]
    pub config: Option<PathBuf>,
    /// Where coffre keeps its files (the store, its locks, the sandbox's state; the log too when
    /// this is given); default: the XDG data dir (`~/.local/share/coffre`).
    #[arg(long, env = "COFFRE_DATA_DIR", global = true)]
    pub data_dir: Option<PathBuf>,
    /// Run the built-in sandbox as a client without a PSD2 agreement: banks are added and
    /// renewed in Oxlin's pages in a browser (widget mode), as for most real users.
    #[arg(long)]
    pub widget: bool,
    /// Colours of the TUI; default: `theme` in the config's `[ui]` section, else dark
    /// (`NO_COLOR` set in the environment turns colours off whatever this says).
    #[arg(long, value_enum)]
    pub theme: Option<ThemeName>,
    /// Start in privacy mode: every amount, balance, total and IBAN digit masked on screen
    /// (exports are unaffected); `p` on the dashboard toggles it. Also `[ui] privacy = true`.
    #[arg(long)]
    pub privacy: bool,
    /// The language of the UI text; default: `language` in the config's `[ui]` section, else
    /// French when `LC_ALL`, `LC_MESSAGES` or `LANG` (the first set) starts with `fr`, else
    /// English. Bank texts stay as the bank wrote them.
    #[arg(long, value_enum)]
    pub lang: Option<crate::i18n::Lang>,
    /// The time each step of a sync takes in the built-in sandbox (the TUI without
    /// configuration, `--widget`, `coffre demo`), in milliseconds: 800 by default, so a person
    /// (or an audience) can follow a sync; 0 syncs a big bank at full speed.
    #[arg(long, global = true, value_name = "MS", default_value_t = DEFAULT_SANDBOX_DELAY_MS)]
    pub sandbox_delay_ms: u64,
}

/// The built-in sandbox's default step delay, in milliseconds (`--sandbox-delay-ms`).
pub const DEFAULT_SANDBOX_DELAY_MS: u64 = 800;

/// The subcommands of `coffre`.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API emulator (the sandbox: Oxlin, and finX under `/finx`) alone, until Ctrl-C (`--without-agreement`: an Oxlin client without a PSD2 agreement, widget only).
    Sandbox(SandboxArgs),
    /// Refresh the local store from the APIs of the configuration's `[oxlin]` and `[finx]`
    /// sections, each on its own, headless (for cron); one line per connection. One sync at a time: a second `coffre sync` finds the
    /// lock and exits 75 (the TUI waits).
    #[command(after_help = crate::sync::outcome::EXIT_CODES_HELP)]
    Sync(crate::sync::SyncArgs),
    /// Write the local store out as CSV, ledger, beancount or OFX (no network): the sandbox's
    /// store with `--sandbox`, else the one `--config` points at.
    Export(crate::export::ExportArgs),
    /// Add a bank without the TUI, through Oxlin's pages (`oxlin`, French banks) or finX's widget
    /// (`finx`, German banks): prints the address to open, waits for the browser (or the address
    /// it ended on, pasted on standard input), then stores the bank.
    #[command(after_help = connect::EXIT_CODES_HELP)]
    Connect(connect::ConnectArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell) on standard output.
    Completions(docs::CompletionsArgs),
    /// Print the man page (roff) on standard output: `coffre man > coffre.1`.
    Man,
    /// The stage demo: a year of a person's banks, offline and the same every time, on the
    /// dashboard from the first frame, with the sandbox behind it (`--autoplay`: the onboarding
    /// plays by itself).
    #[command(after_help = demo::HELP)]
    Demo(demo::DemoArgs),
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
        Some(Command::Sync(args)) => runtime.block_on(crate::sync::run(
            &args,
            cli.config.as_deref(),
            cli.data_dir.as_deref(),
        )),
        Some(Command::Export(args)) => {
            crate::export::run(&args, cli.config.as_deref(), cli.data_dir.as_deref())
        }
        Some(Command::Connect(args)) => runtime.block_on(connect::run(
            &args,
            cli.config.as_deref(),
            cli.data_dir.as_deref(),
        )),
        Some(Command::Completions(args)) => docs::run_completions(&args),
        Some(Command::Man) => docs::run_man(),
        Some(Command::Demo(args)) => match runtime.block_on(demo::run(
            &args,
            Duration::from_millis(cli.sandbox_delay_ms),
            demo::DemoLook {
                theme: cli.theme,
                lang: cli.lang,
                privacy: cli.privacy,
            },
        )) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("coffre demo: {error}");
                ExitCode::FAILURE
            }
        },
        None => {
            let options = tui::TuiOptions {
                config: cli.config,
                data_dir: cli.data_dir,
                theme: cli.theme,
                widget: cli.widget,
                privacy: cli.privacy,
                lang: cli.lang,
                sandbox_delay: Duration::from_millis(cli.sandbox_delay_ms),
            };
            match runtime.block_on(tui::run(options)) {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("coffre: {error}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

/// The file, under the data dir, where the TUI's built-in sandbox keeps its world between runs.
pub const SANDBOX_STATE_FILE: &str = "sandbox-state.json";

/// The sandbox the TUI runs against when there is no configuration, and its client settings.
/// With `state_file`, the sandbox's world survives a restart (see `sandbox::world::persist`).
pub async fn start_demo_sandbox(
    step_delay: Duration,
    state_file: Option<PathBuf>,
) -> Result<(sandbox::RunningSandbox, OxlinConfig), String> {
    let config = SandboxConfig {
        step_delay,
        state_file,
        ..SandboxConfig::default()
    };
    start_sandbox(config).await
}

/// [`start_demo_sandbox`] as a client without a PSD2 agreement (`coffre --widget`): banks are
/// added through the widget's pages, and the terms must be accepted first.
pub async fn start_widget_sandbox(
    step_delay: Duration,
    state_file: Option<PathBuf>,
) -> Result<(sandbox::RunningSandbox, OxlinConfig), String> {
    let config = SandboxConfig {
        step_delay,
        state_file,
        without_agreement: true,
        ..SandboxConfig::default()
    };
    start_sandbox(config).await
}

async fn start_sandbox(
    config: SandboxConfig,
) -> Result<(sandbox::RunningSandbox, OxlinConfig), String> {
    let running = sandbox::start_loading_in_background(config.clone())
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

#[cfg(test)]
mod sandbox_delay_tests {
    use clap::{CommandFactory, Parser};

    use super::{Cli, DEFAULT_SANDBOX_DELAY_MS};

    #[test]
    fn the_built_in_sandbox_keeps_its_followable_pace_unless_told_otherwise() {
        let plain = Cli::try_parse_from(["coffre"]).unwrap();
        assert_eq!(plain.sandbox_delay_ms, DEFAULT_SANDBOX_DELAY_MS);
        assert_eq!(DEFAULT_SANDBOX_DELAY_MS, 800);
        let fast = Cli::try_parse_from(["coffre", "--sandbox-delay-ms", "0"]).unwrap();
        assert_eq!(fast.sandbox_delay_ms, 0);
    }

    #[test]
    fn the_demo_and_the_widget_mode_take_the_sandbox_delay_too() {
        let demo = Cli::try_parse_from(["coffre", "demo", "--sandbox-delay-ms", "50"]).unwrap();
        assert_eq!(demo.sandbox_delay_ms, 50);
        let widget =
            Cli::try_parse_from(["coffre", "--widget", "--sandbox-delay-ms", "5"]).unwrap();
        assert!(widget.widget);
        assert_eq!(widget.sandbox_delay_ms, 5);
    }

    #[test]
    fn a_sandbox_delay_that_is_not_a_number_is_refused_with_a_message() {
        let error = Cli::try_parse_from(["coffre", "--sandbox-delay-ms", "fast"]).unwrap_err();
        assert!(error.to_string().contains("--sandbox-delay-ms"), "{error}");
    }

    #[test]
    fn help_documents_the_sandbox_delay() {
        let help = Cli::command().render_long_help().to_string();
        assert!(help.contains("--sandbox-delay-ms <MS>"), "{help}");
        assert!(help.contains("default: 800"), "{help}");
    }
}
