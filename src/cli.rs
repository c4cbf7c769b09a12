//! The command line: `coffre` (the TUI), `coffre sandbox` (the emulator alone), `coffre sync`
//! and `coffre export` (headless: refresh the local store; write it out).

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::sandbox::{self, SandboxArgs};

/// coffre: your bank accounts, aggregated, in the terminal.
#[derive(Debug, Parser)]
#[command(name = "coffre", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
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
        Some(Command::Sync(args)) => runtime.block_on(crate::sync::run(args)),
        Some(Command::Export(args)) => crate::export::run(&args),
        None => {
            eprintln!("coffre: the TUI is not built yet; try `coffre sandbox`");
            ExitCode::FAILURE
        }
    }
}
