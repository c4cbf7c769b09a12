//! What the TUI's export dialog writes: only the rows on screen in their order, in the chosen
//! format, to a private file; an existing file is never overwritten and an unwritable path says
//! why (the dialog keeps the path for the user to fix).

#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;

use crate::support::store_sample::*;

use coffre::export::request::write_request;
use coffre::export::{Dialect, ExportData, ExportRequest, Format};

fn data() -> ExportData {
    let batch = bank_batch();
    ExportData {
        accounts: batch.synced[0].accounts.clone(),
        transactions: batch.synced[0].transactions.clone(),
    }
}

fn request(path: &std::path::Path, only: Option<Vec<String>>) -> ExportRequest {
    ExportRequest {
        format: Format::Csv,
        dialect: Dialect::Rfc4180,
        path: path.to_path_buf(),
        account: None,
        only,
    }
}

#[test]
fn the_dialog_writes_only_the_rows_on_screen_in_their_order_to_a_private_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("on-screen.csv");
    let only = vec!["oxlin:t4".to_owned(), "oxlin:t1".to_owned()];
    let count = write_request(&request(&file, Some(only)), data(), &file).unwrap();
    assert_eq!(count, 2);
    let text = std::fs::read_to_string(&file).unwrap();
    let ids: Vec<_> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(ids, ["t4", "t1"], "{text}");
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn an_existing_file_is_not_overwritten_and_an_unwritable_path_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kept.csv");
    std::fs::write(&file, "mine").unwrap();
    let error = write_request(&request(&file, None), data(), &file).unwrap_err();
    assert!(
        error.contains("already exists: choose another name"),
        "{error}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
    let missing = dir.path().join("no-such-dir").join("x.csv");
    let error = write_request(&request(&missing, None), data(), &missing).unwrap_err();
    assert!(
        error.starts_with("cannot write ") && error.contains("no-such-dir"),
        "{error}"
    );
}
