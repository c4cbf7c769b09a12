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

/// The view's export streams its query's rows from the store (`QueryRows`): the same bytes, in
/// every format, as the rows of that query held in memory in the view's order — with a bank's
/// own booking word kept (the view's compact rows do not hold it).
#[test]
fn the_view_export_streams_its_query_and_writes_what_the_rows_held_in_memory_write() {
    use coffre::domain::Booking;
    use coffre::export::{ExportSource, QueryRows, ofx, write};
    use coffre::store::window::{Sort, SortColumn, TxQuery, TxSelection};

    let dir = tempfile::tempdir().unwrap();
    let mut store = coffre::store::Store::open(&dir.path().join("coffre.sqlite")).unwrap();
    let mut batch = bank_batch();
    batch.synced[0].transactions[0].booking = Booking::Other("REJECTED".into());
    store.apply(&batch, at(1_700_000_000)).unwrap();
    let query = TxQuery {
        selection: TxSelection::default(),
        sort: Sort {
            column: SortColumn::Amount,
            descending: false,
        },
        ..TxQuery::default()
    };
    let streamed = QueryRows::new(&store, query).unwrap();
    let mut held = ExportData::load(&store, None, None).unwrap();
    held.transactions
        .sort_by(|a, b| (a.amount.amount, a.id.key()).cmp(&(b.amount.amount, b.id.key())));
    assert_eq!(streamed.count().unwrap(), held.transactions.len());
    let now = at(1_700_000_000);
    for format in [Format::Csv, Format::Ledger, Format::Beancount, Format::Ofx] {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        if format == Format::Ofx {
            ofx::write(&streamed, now, &mut a).unwrap();
            ofx::write(&held, now, &mut b).unwrap();
        } else {
            write(format, &streamed, &mut a).unwrap();
            write(format, &held, &mut b).unwrap();
        }
        assert_eq!(
            String::from_utf8(a).unwrap(),
            String::from_utf8(b).unwrap(),
            "{format:?}"
        );
    }
    let mut csv = Vec::new();
    write(Format::Csv, &streamed, &mut csv).unwrap();
    assert!(String::from_utf8(csv).unwrap().contains("REJECTED"));
}
