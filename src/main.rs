//! The `coffre` binary: parse the command line and hand over to the library.

use clap::Parser;

fn main() -> std::process::ExitCode {
    coffre::cli::run(coffre::cli::Cli::parse())
}
