//! Where a `coffre` process of a keyring story runs ([`Where`]): in a desktop session, with a
//! real Secret Service (GNOME Keyring, unlocked, on a private D-Bus session made by
//! `dbus-run-session`, its files in the story's own home, so they survive from one process to
//! the next as a user's do), or from cron, with no session bus at all (as CI runs every other
//! test). The desktop needs `dbus-run-session` (Debian `dbus-daemon`) and
//! `gnome-keyring-daemon` (Debian `gnome-keyring`), which scripts/test installs; a missing one
//! fails the story naming its package.

use std::path::Path;
use std::process::Command;

use crate::support::tools::{missing, tool};

/// Where a `coffre` process runs.
#[derive(Clone, Copy, Debug)]
pub enum Where {
    /// In a desktop session: a Secret Service answers (its keyring files under `DIR/home`).
    Desktop,
    /// From cron: no session bus.
    Cron,
}

/// `coffre` started there, with `DIR/home` as its home (and the keyring's files), `DIR/run` as
/// its runtime dir, no colours and no sync deadline; the caller adds the arguments.
pub fn coffre_at(place: Where, dir: &Path) -> Command {
    let home = dir.join("home");
    let runtime = dir.join("run");
    for private in [&home, &runtime] {
        std::fs::create_dir_all(private).unwrap();
        set_mode(private, 0o700);
    }
    let coffre = env!("CARGO_BIN_EXE_coffre");
    let mut command = match place {
        Where::Desktop => {
            assert!(
                on_path("gnome-keyring-daemon"),
                "{}",
                missing("gnome-keyring-daemon", "gnome-keyring")
            );
            let mut command = tool("dbus-run-session", "dbus-daemon");
            command.args([
                "--",
                "sh",
                "-c",
                "printf %s keyring-test | gnome-keyring-daemon --unlock --components=secrets \
                 >/dev/null && exec \"$@\"",
                "sh",
                coffre,
            ]);
            command
        }
        Where::Cron => {
            let mut command = Command::new(coffre);
            command.env(
                "DBUS_SESSION_BUS_ADDRESS",
                "unix:path=/nonexistent/coffre-bus",
            );
            command
        }
    };
    command
        .env("HOME", &home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_RUNTIME_DIR", &runtime)
        .env("NO_COLOR", "1")
        .env_remove("COFFRE_SYNC_DEADLINE");
    command
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}
