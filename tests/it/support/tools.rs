//! The external programs the tests start (gpg, curl, hledger, bean-check, xmllint), each
//! through [`tool`], so that a missing one fails the test with the Debian package to install
//! instead of an opaque spawn error, and never skips it. `scripts/test` installs them all.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A [`Command`] for `program`, which the test needs on `PATH`; panics naming the Debian
/// `package` that provides it when it is not there.
#[track_caller]
pub fn tool(program: &str, package: &str) -> Command {
    assert!(on_path(program).is_some(), "{}", missing(program, package));
    Command::new(program)
}

/// The message a test fails with when `program` is missing.
pub fn missing(program: &str, package: &str) -> String {
    format!(
        "`{program}` is needed by this test: install the Debian package `{package}` \
         (scripts/test installs it)"
    )
}

/// Where `program` is on `PATH`: the first executable file of that name.
fn on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| is_executable(candidate))
}

fn is_executable(file: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(file).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[test]
fn a_missing_tool_names_the_debian_package_to_install() {
    let failure = std::panic::catch_unwind(|| tool("coffre-no-such-tool", "coffre-package"))
        .expect_err("a tool that is not on PATH must fail the test");
    let message = failure.downcast_ref::<String>().unwrap();
    assert_eq!(*message, missing("coffre-no-such-tool", "coffre-package"));
    assert!(
        message.contains("Debian package `coffre-package`"),
        "{message}"
    );
}

#[test]
fn a_tool_on_path_runs() {
    let status = tool("sh", "dash").args(["-c", "exit 3"]).status().unwrap();
    assert_eq!(status.code(), Some(3));
}
