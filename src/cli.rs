//! The command line: `coffre` (the TUI), `coffre sandbox` (the emulator alone), `coffre sync`
//! and `coffre export` (headless: refresh the local store; write it out).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::sandbox::{self, SandboxArgs};

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
            eprintln!("coffre: the TUI is not built yet; try `coffre sandbox`");
            ExitCode::FAILURE
        }
    }
}
