//! The export dialog (`e`): it exports what is on screen (search, filters, account, sort), asks
//! for the format and the path, says where the file went, and keeps the path as typed with the
//! reason when the file cannot be written. Snapshots: open, writing, error, 20 columns.

use coffre::app::{ApiEvent, Command, Model, Msg};
use coffre::domain::AccountId;
use coffre::export::{Dialect, ExportRequest, Format};
use crossterm::event::KeyCode;
use insta::assert_snapshot;

use super::fixtures::*;
use crate::common::*;

fn request(cmds: &[Command]) -> &ExportRequest {
    match cmds {
        [Command::Export(request)] | [Command::ExportQuery { request, .. }] => request,
        other => panic!("expected one export, got {other:?}"),
    }
}

fn on_transactions_searching(text: &str) -> Model {
    let mut m = dashboard(data());
    run(&mut m, [key(KeyCode::Tab), key(KeyCode::Char('/'))]);
    run(&mut m, typed(text));
    run(&mut m, [key(KeyCode::Enter)]);
    m
}

#[test]
fn export_dialog_exports_only_the_rows_on_screen_in_their_order() {
    let mut m = on_transactions_searching("cb");
    assert_eq!(board(&m).tx.count(), Some(4), "four CB rows on screen");
    run(&mut m, typed("e"));
    assert!(board(&m).export.is_some(), "the dialog is open");
    let cmds = run(&mut m, [key(KeyCode::Enter)]);
    let req = request(&cmds);
    assert_eq!((req.format, req.dialect), (Format::Csv, Dialect::Rfc4180));
    assert!(req.path.to_string_lossy().ends_with(".csv"), "{req:?}");
    let Some(Command::ExportQuery { query, .. }) = cmds.first() else {
        panic!("the rows on screen go as their query: {cmds:?}");
    };
    assert_eq!(query.selection.search, "cb", "{query:?}");
}

#[test]
fn export_dialog_chooses_the_format_and_follows_the_account() {
    let mut m = dashboard(data());
    run(&mut m, typed("e"));
    run(&mut m, [key(KeyCode::Right), key(KeyCode::Right)]);
    let cmds = run(&mut m, [key(KeyCode::Enter)]);
    let req = request(&cmds).clone();
    assert_eq!(req.format, Format::Ledger);
    assert_eq!(req.account, None);
    assert_eq!(req.only, None, "the accounts view exports everything");
    assert!(req.path.to_string_lossy().ends_with(".ledger"), "{req:?}");
    run(
        &mut m,
        [Msg::Api(ApiEvent::Exported(Ok(
            "Exported 11 transactions to /x.ledger".into(),
        )))],
    );
    assert!(board(&m).export.is_none(), "done: the dialog closes");
    assert!(render(&mut m, 80, 24).contains("Exported 11 transactions to /x.ledger"));

    run(&mut m, [key(KeyCode::Enter)]); // the first account's transactions
    run(&mut m, typed("e"));
    run(&mut m, [key(KeyCode::Left)]); // wraps to OFX
    let req = request(&run(&mut m, [key(KeyCode::Enter)])).clone();
    assert_eq!(req.format, Format::Ofx);
    assert_eq!(req.account, Some(AccountId::oxlin("a1")));
    run(&mut m, [Msg::Api(ApiEvent::Exported(Ok("done".into())))]);
    run(&mut m, typed("e"));
    run(&mut m, [key(KeyCode::Esc)]);
    assert!(board(&m).export.is_none(), "Esc cancels");
    assert!(run(&mut m, [key(KeyCode::Char('q'))]).is_empty() || m.should_quit);
}

#[test]
fn export_dialog_letters_type_into_the_path_and_never_quit() {
    let mut m = dashboard(data());
    run(&mut m, typed("e"));
    run(&mut m, [key(KeyCode::Tab)]);
    for _ in 0..40 {
        run(&mut m, [key(KeyCode::Backspace)]);
    }
    let cmds = run(&mut m, typed("q?/tmp/mine.csv"));
    assert!(cmds.is_empty() && !m.should_quit && !m.help_open);
    let req = request(&run(&mut m, [key(KeyCode::Enter)])).clone();
    assert_eq!(req.path.to_string_lossy(), "q?/tmp/mine.csv");
}

#[test]
fn export_dialog_states() {
    let mut m = on_transactions_searching("cb");
    run(&mut m, typed("e"));
    assert_snapshot!("export_dialog_open", render(&mut m, 80, 24));
    assert_snapshot!("export_dialog_open_20x10", render(&mut m, 20, 10));
    run(&mut m, [key(KeyCode::Right)]);
    run(&mut m, [key(KeyCode::Enter)]);
    assert_snapshot!("export_dialog_writing", render(&mut m, 80, 24));
    run(
        &mut m,
        [Msg::Api(ApiEvent::Exported(Err(
            "cannot write /root-only/coffre-all-2024-03-15.csv: Permission denied (os error 13)"
                .into(),
        )))],
    );
    let d = board(&m)
        .export
        .as_ref()
        .expect("an error keeps the dialog open");
    assert!(d.error.is_some() && !d.writing && d.on_path);
    assert_snapshot!("export_dialog_unwritable_path", render(&mut m, 80, 24));
    assert_snapshot!(
        "export_dialog_unwritable_path_20x10",
        render(&mut m, 20, 10)
    );
}
