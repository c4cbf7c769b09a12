//! Running a `*_command` (`password_command`, `client_secret_command`): `sh -c`, the first
//! line it prints taken as the secret, and a time limit past which the command and every
//! process it started (its process group) are killed, so a `pass` waiting for a passphrase
//! nobody types cannot hold `coffre sync` (and its lock) forever.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use secrecy::{ExposeSecret, SecretString};

use super::ConfigError;

/// How long a `*_command` may run before it is killed (a `pass` or `gpg` waiting for a
/// passphrase nobody will type, under cron).
pub const COMMAND_TIMEOUT: Duration = Duration::from_secs(30);

/// How often a running command is checked.
const COMMAND_POLL: Duration = Duration::from_millis(20);

/// Runs `command` with `sh -c` and returns the first line it printed, as a secret; kills it
/// after [`COMMAND_TIMEOUT`].
pub(super) fn run_secret_command(
    setting: &str,
    command: &str,
) -> Result<SecretString, ConfigError> {
    run_secret_command_within(setting, command, COMMAND_TIMEOUT)
}

/// [`run_secret_command`] with its time limit: past `limit`, the command and every process it
/// started (its process group) are killed and the error says so.
pub(super) fn run_secret_command_within(
    setting: &str,
    command: &str,
    limit: Duration,
) -> Result<SecretString, ConfigError> {
    let failed = |reason: String| ConfigError::Command {
        setting: setting.to_owned(),
        reason,
    };
    let mut shell = Command::new("sh");
    shell
        .arg("-c")
        .arg(command)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut shell, 0);
    let mut child = shell
        .spawn()
        .map_err(|e| failed(format!("cannot run it: {e}")))?;
    // Read on a thread, so that a command filling the pipe cannot block its own end.
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut bytes).map(|_| bytes)
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() < limit => std::thread::sleep(COMMAND_POLL),
            Ok(None) => {
                kill_group(&mut child);
                return Err(failed(format!(
                    "it did not finish within {} s and was stopped",
                    limit.as_secs_f32()
                )));
            }
            Err(e) => return Err(failed(format!("cannot wait for it: {e}"))),
        }
    };
    if !status.success() {
        return Err(failed(format!("it exited with {status}")));
    }
    let bytes = reader
        .join()
        .map_err(|_| failed("its output could not be read".into()))?
        .map_err(|e| failed(format!("its output could not be read: {e}")))?;
    let text = SecretString::from(String::from_utf8_lossy(&bytes).into_owned());
    let first = text.expose_secret().lines().next().unwrap_or("").to_owned();
    if first.is_empty() {
        return Err(failed("it printed nothing".into()));
    }
    Ok(SecretString::from(first))
}

/// Kills `child` and, on Unix, the processes it started (its own process group, so a `sleep`
/// under `sh -c` does not outlive it holding the pipe open).
fn kill_group(child: &mut std::process::Child) {
    #[cfg(unix)]
    {
        // The `kill` program (procps, busybox): the shells' builtins differ on negative ids.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", child.id())])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
    let _ = child.kill();
    let _ = child.wait();
}
