//! Python tools the tests read exports with (`ofxtools`, the standard `csv` module): a Python
//! that can import the module, from the virtual environment `scripts/test` creates under
//! `target/test-venv` (never the system Python's packages), else the first `python3` on `PATH`
//! that has it. A missing one fails the test saying how to get it, never skips it.

use std::path::PathBuf;
use std::process::Command;

/// The venv `scripts/test` creates.
fn venv_python() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/test-venv/bin/python3")
}

fn imports(python: &std::ffi::OsStr, module: &str) -> bool {
    Command::new(python)
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A [`Command`] running a Python that can `import module`; panics saying how to install it
/// (`pip_package` in the venv of `scripts/test`) when none can.
#[track_caller]
pub fn python_with(module: &str, pip_package: &str) -> Command {
    let venv = venv_python();
    for candidate in [venv.into_os_string(), "python3".into()] {
        if imports(&candidate, module) {
            return Command::new(candidate);
        }
    }
    panic!(
        "this test needs Python's `{module}`: run scripts/test once (it creates target/test-venv \
         with `{pip_package}`), or `python3 -m venv target/test-venv && \
         target/test-venv/bin/pip install {pip_package}`"
    )
}

/// Runs `script` (Python source) with `args`; returns its standard output, panics with its
/// errors when it fails.
#[track_caller]
pub fn run(module: &str, pip_package: &str, script: &str, args: &[&std::path::Path]) -> String {
    let output = python_with(module, pip_package)
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("python did not start");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "python refused:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}
