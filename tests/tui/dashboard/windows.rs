//! The transactions view holds a window of the store, not the store: reads go out as
//! commands and come back as answers, the newest only is taken, the table keeps its rows while
//! the next ones are read, scrolling past the window reads the next one, and the count says
//! "counting…" until the store has counted. Here the answers are given by hand, in the order a
//! test chooses (`crate::settle::answer`), instead of at once.

use std::collections::HashSet;

use coffre::app::{ApiEvent, Command, Model, Msg, update};
use coffre::store::window::Anchor;
use crossterm::event::KeyCode;

use super::fixtures::*;
use crate::common::*;
use crate::settle::{answer, settle};

/// A key through `update` alone: its reads are returned, not performed.
fn press(m: &mut Model, code: KeyCode) -> Vec<Command> {
    update(m, key(code))
}

/// The labels of the rows the window holds.
fn labels(m: &Model) -> Vec<String> {
    let rows = board(m).tx.window_rows();
    (0..rows.len() as u32)
        .map(|i| rows.get(i).label.to_string())
        .collect()
}

fn window_read(reads: &[Command]) -> Msg {
    let read = reads
        .iter()
        .find(|c| matches!(c, Command::ReadTxWindow { .. }))
        .expect("a window read");
    answer(read).expect("an answer")
}

#[test]
fn a_late_window_for_an_old_search_is_dropped() {
    let mut m = dashboard(many(1000));
    run(&mut m, [key(KeyCode::Tab), key(KeyCode::Char('/'))]);
    let first = press(&mut m, KeyCode::Char('s'));
    let second = press(&mut m, KeyCode::Char('n'));
    // The newer search's rows arrive first, then the older search's, late.
    let cmds = update(&mut m, window_read(&second));
    assert!(settle(&mut m, cmds).is_empty());
    let cmds = update(&mut m, window_read(&first));
    assert!(settle(&mut m, cmds).is_empty());
    let shown = labels(&m);
    assert!(!shown.is_empty());
    assert!(
        shown.iter().all(|l| l == "CB SNCF"),
        "only the rows of `sn` stay: {:?}",
        &shown[..shown.len().min(8)]
    );
}

#[test]
fn scrolling_past_the_window_reads_the_next_one() {
    let mut m = dashboard(many(1000));
    run(&mut m, [key(KeyCode::Tab)]);
    render(&mut m, 80, 24);
    let held = board(&m).tx.window_rows().len();
    assert!(
        held < 1000,
        "the view holds a window, not every row: {held}"
    );
    // Page down without answering: a read of the rows after the window goes out before the
    // cursor reaches its edge, and the cursor never leaves the rows held.
    let mut asked = None;
    for _ in 0..40 {
        let reads = press(&mut m, KeyCode::PageDown);
        assert!(board(&m).tx.selected_row().is_some());
        if let Some(read) = reads.into_iter().find(|c| {
            matches!(
                c,
                Command::ReadTxWindow {
                    anchor: Anchor::After(_),
                    ..
                }
            )
        }) {
            asked = Some(read);
            break;
        }
    }
    let read = asked.expect("the rows after the window are asked for");
    assert!(board(&m).tx.selected < held, "asked before the edge");
    let cmds = update(&mut m, answer(&read).expect("an answer"));
    settle(&mut m, cmds);
    assert!(board(&m).tx.window_rows().len() > held, "the window grew");

    // Every row is seen once by moving down from the top, through as many windows as it takes.
    run(&mut m, [key(KeyCode::Home)]);
    let mut seen = HashSet::new();
    for _ in 0..1000 {
        let id = board(&m).tx.selected_row().expect("a row").id.to_string();
        seen.insert(id);
        run(&mut m, [key(KeyCode::Down)]);
    }
    assert_eq!(seen.len(), 1000, "every row, once");
    assert_eq!(board(&m).tx.selected, 999);
    assert!(board(&m).tx.window_rows().len() <= coffre::screens::dashboard::transactions::CAP);
}

#[test]
fn the_table_keeps_its_rows_while_a_new_search_is_read() {
    let mut m = dashboard(many(1000));
    run(&mut m, [key(KeyCode::Tab)]);
    let before = render(&mut m, 80, 24);
    assert!(before.contains("RETRAIT DAB"), "{before}");
    run(&mut m, [key(KeyCode::Char('/'))]);
    let reads = press(&mut m, KeyCode::Char('z'));
    assert!(
        reads
            .iter()
            .any(|c| matches!(c, Command::ReadTxWindow { .. })),
        "{reads:?}"
    );
    let waiting = render(&mut m, 80, 24);
    assert!(
        waiting.contains("RETRAIT DAB") && waiting.contains("/z"),
        "the last rows stay while `z` is read:\n{waiting}"
    );
    settle(&mut m, reads);
    let read = render(&mut m, 80, 24);
    assert!(read.contains("No transaction matches"), "{read}");
}

#[test]
fn the_count_says_counting_until_known() {
    let mut m = dashboard(many(1000));
    run(&mut m, [key(KeyCode::Tab), key(KeyCode::Char('/'))]);
    let reads = press(&mut m, KeyCode::Char('v'));
    let count = reads
        .iter()
        .find(|c| matches!(c, Command::CountTx { .. }))
        .expect("a count is asked");
    let cmds = update(&mut m, window_read(&reads));
    settle(&mut m, cmds);
    let counting = render(&mut m, 80, 24);
    assert!(counting.contains("counting… of 1 000"), "{counting}");
    assert_eq!(board(&m).tx.count(), None);
    let counted = answer(count).expect("an answer");
    assert!(matches!(counted, Msg::Api(ApiEvent::TxCounted { .. })));
    run(&mut m, [counted]);
    let known = render(&mut m, 80, 24);
    assert!(known.contains("400 of 1 000"), "{known}");
}
