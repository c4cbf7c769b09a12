//! `coffre completions SHELL` and `coffre man`: shell completion scripts (clap_complete) and
//! the man page (clap_mangen, roff on standard output), both generated from the same clap
//! definition as `--help`, so they can never disagree with it. Packagers (and users) install
//! them where their system looks:
//!
//! ```sh
//! coffre completions bash > ~/.local/share/bash-completion/completions/coffre
//! coffre completions zsh > ~/.zfunc/_coffre
//! coffre completions fish > ~/.config/fish/completions/coffre.fish
//! coffre man > ~/.local/share/man/man1/coffre.1
//! ```

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;

use super::Cli;

/// `coffre completions`.
#[derive(Debug, Clone, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for: bash, zsh, fish, elvish or powershell.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Writes the completion script for `shell` to `out`.
pub fn completions(shell: Shell, out: &mut dyn Write) {
    clap_complete::generate(shell, &mut Cli::command(), "coffre", out);
}

/// Writes the man page (roff) to `out`.
pub fn man(out: &mut dyn Write) -> std::io::Result<()> {
    clap_mangen::Man::new(Cli::command()).render(out)
}

/// Runs `coffre completions SHELL`: the script on standard output.
pub fn run_completions(args: &CompletionsArgs) -> ExitCode {
    completions(args.shell, &mut std::io::stdout().lock());
    ExitCode::SUCCESS
}

/// Runs `coffre man`: the page on standard output.
pub fn run_man() -> ExitCode {
    match man(&mut std::io::stdout().lock()) {
        // `coffre man | head` closed the pipe: what was wanted was read.
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("coffre man: cannot write the man page: {e}");
            ExitCode::FAILURE
        }
    }
}
