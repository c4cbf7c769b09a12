//! What coffre writes in its data dir is the user's alone: the dir is created `0700` and every
//! file in it (the store and its `-wal`/`-shm`, the session lock, the TUI's exports) is `0600`;
//! a config file that holds a `client_secret` and that others may read gets a warning.

#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::Duration;

use coffre::app::{ApiEvent, Command, Msg};
use coffre::export::{Dialect, ExportRequest, Format};
use coffre::tasks::{MsgSender, Runner, RunnerOptions};

use crate::support::sync_bank::{bank_with_user, sync};

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Every file directly in `dir`, with its mode.
fn file_modes(dir: &Path) -> Vec<(String, u32)> {
    let mut modes: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                mode(&p),
            )
        })
        .collect();
    modes.sort();
    modes
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_and_a_tui_export_leave_only_private_files_in_a_private_data_dir() {
    let bank = bank_with_user("private-files@example.com", &["default"]).await;
    let (code, output) = sync(&bank).await;
    assert_eq!(code, 0, "{output}");
    let data = bank.dir.path().join("data");
    assert_eq!(mode(&data), 0o700, "the data dir coffre created");

    // A TUI export written into the data dir is private too.
    let (sender, mut msgs) = MsgSender::channel();
    let options = RunnerOptions {
        store: Some(data.join("sandbox.sqlite")),
        ..RunnerOptions::default()
    };
    let config = coffre::config::load(Some(&bank.dir.path().join("config.toml")))
        .unwrap()
        .unwrap();
    let client_config = config.oxlin.unwrap().client_config().unwrap();
    let runner = Runner::new(client_config, sender, options);
    runner.run(Command::Export(ExportRequest {
        format: Format::Csv,
        dialect: Dialect::Rfc4180,
        path: data.join("tui-export.csv"),
        account: None,
        only: None,
    }));
    let answer = tokio::time::timeout(Duration::from_secs(20), msgs.recv())
        .await
        .unwrap()
        .unwrap();
    assert!(
        matches!(&answer, Msg::Api(ApiEvent::Exported(Ok(text))) if text.starts_with("Exported ")),
        "{answer:?}"
    );

    let modes = file_modes(&data);
    let names: Vec<_> = modes.iter().map(|(name, _)| name.as_str()).collect();
    for expected in ["sandbox.sqlite", "sandbox.sqlite.session-lock"] {
        assert!(names.contains(&expected), "{expected} missing: {names:?}");
    }
    assert!(names.iter().any(|n| n.ends_with(".csv")), "{names:?}");
    let open: Vec<_> = modes.iter().filter(|(_, m)| *m != 0o600).collect();
    assert!(open.is_empty(), "files others may read: {open:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_store_left_readable_by_an_older_coffre_is_narrowed_when_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coffre.sqlite");
    drop(coffre::store::Store::open(&path).unwrap());
    for file in ["coffre.sqlite", "coffre.sqlite-wal", "coffre.sqlite-shm"] {
        let file = dir.path().join(file);
        if file.exists() {
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        }
    }
    let _store = coffre::store::Store::open(&path).unwrap();
    let open: Vec<_> = file_modes(dir.path())
        .into_iter()
        .filter(|(_, m)| *m != 0o600)
        .collect();
    assert!(open.is_empty(), "files others may read: {open:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_config_holding_a_client_secret_that_others_may_read_is_warned_about() {
    let bank = bank_with_user("config-mode@example.com", &["default"]).await;
    let config = bank.dir.path().join("config.toml");
    std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o644)).unwrap();
    let (code, output) = sync(&bank).await;
    assert_eq!(code, 0, "{output}");
    assert!(output.contains("readable by others"), "{output}");
    assert!(output.contains("chmod 600"), "{output}");

    std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o600)).unwrap();
    let (code, output) = sync(&bank).await;
    assert_eq!(code, 0, "{output}");
    assert!(!output.contains("readable by others"), "{output}");
}
