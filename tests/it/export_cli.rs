//! `coffre export` as a user runs it: `--output FILE` is created readable by its owner only
//! (an export holds bank data), whatever the umask; an OFX export names on standard error the
//! accounts it has to leave out; `--dialect excel-fr` reaches the CSV writer.

#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Output;

use crate::support::store_sample::*;

use coffre::store::{Store, store_file};

/// A data dir whose real store holds the sample bank, the savings account without a balance.
fn data_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&store_file(dir.path(), false)).unwrap();
    let mut batch = bank_batch();
    batch.synced[0].accounts[1].balance = None;
    store.apply(&batch, at(1_700_000_100)).unwrap();
    dir
}

/// `coffre export ARGS` under umask 022 (files would be world-readable by default).
fn export(data: &Path, args: &[&str]) -> Output {
    std::process::Command::new("sh")
        .arg("-c")
        .arg("umask 022; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_coffre"))
        .arg("export")
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("COFFRE_DATA_DIR")
        .output()
        .unwrap()
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn export_output_file_is_readable_by_its_owner_only() {
    let data = data_dir();
    let file = data.path().join("export.csv");
    let out = export(
        data.path(),
        &["--format", "csv", "--output", file.to_str().unwrap()],
    );
    assert!(out.status.success(), "{out:?}");
    assert_eq!(mode(&file), 0o600);
    // An existing file others could read is narrowed too.
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let args = ["--format", "csv", "--dialect", "excel-fr", "--output"];
    let out = export(
        data.path(),
        &[&args[..], &[file.to_str().unwrap()]].concat(),
    );
    assert!(out.status.success(), "{out:?}");
    assert_eq!(mode(&file), 0o600);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("\u{feff}id;date;"), "{text:?}");
}

#[test]
fn ofx_export_warns_on_stderr_about_an_account_it_leaves_out() {
    let data = data_dir();
    let out = export(data.path(), &["--format", "ofx"]);
    assert!(out.status.success(), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "warning: account Livret A (a2) left out of the OFX file: the bank gave no balance"
        ),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.matches("<STMTRS>").count(), 1, "{stdout}");
}
