//! The transactions view's store reads (`store::window`, keyset windows) at 10,000, 100,000
//! and 1,000,000 rows, one table: the steps the user waits on. Milliseconds.
//!
//! Each search is timed as typed (the first window of 120 rows, a fresh query) in every sort
//! the cases below name, from both ends (`Anchor::First` and `Anchor::Last`); the table keeps
//! the worst. Searches read as the TUI's reader thread does (`Store::tx_window_ranked`, each
//! sort's order kept between reads); each sort's order is read once before the searches are
//! timed, as the reader does when the user picks the sort (its cost is the `ranked order`
//! line). Text: every prefix of `pharmacie` (one row in eight, from one character up) and
//! `librairie rare` (one row in 10,000); amounts: every prefix of `150,00` (`1` is in most
//! amounts, `150,00` in a handful). Then the count of each (a separate read).
//!
//! Besides the text table, one machine-readable line per measure and size,
//! `table|<row>|<size>|<value>` (`benches/table.sh` gathers them); `STORE_BENCH_DETAIL=1` adds
//! a `detail|` line per search, sort and end.

use std::time::Instant;

use chrono::Utc;
use coffre::store::Store;
use coffre::store::dashboard::load_dashboard_summary;
use coffre::store::window::{Anchor, Ranks, Sort, SortColumn, TxQuery};

use super::synthetic;

/// Rows a window reads: a tall screen plus a margin.
const WINDOW: usize = 120;

/// Every prefix of a common label word (one row in eight), and a rare one.
const TEXT: [&str; 7] = [
    "p",
    "ph",
    "pha",
    "phar",
    "pharm",
    "pharmacie",
    "librairie rare",
];

/// Every prefix of an amount as typed.
const AMOUNTS: [&str; 6] = ["1", "15", "150", "150,", "150,0", "150,00"];

/// The sorts a search is timed in.
const SORTS: [(SortColumn, bool); 4] = [
    (SortColumn::Date, true),
    (SortColumn::Amount, false),
    (SortColumn::Label, false),
    (SortColumn::Category, false),
];

fn ms(f: impl FnOnce()) -> f64 {
    let started = Instant::now();
    f();
    started.elapsed().as_secs_f64() * 1000.0
}

fn query(column: SortColumn, descending: bool, search: &str) -> TxQuery {
    let mut q = TxQuery {
        sort: Sort { column, descending },
        ..TxQuery::default()
    };
    q.selection.search = search.into();
    q
}

/// One row of the table: (label, ms).
type Figure = (String, f64);

/// The worst first window of `typed` over every timed sort and both ends.
fn search_window(store: &Store, ranks: &mut Ranks, typed: &str) -> f64 {
    let mut worst: f64 = 0.0;
    for (column, descending) in SORTS {
        for anchor in [Anchor::First, Anchor::Last] {
            let q = query(column, descending, typed);
            let took = ms(|| {
                store
                    .tx_window_ranked(ranks, &q, &anchor, WINDOW)
                    .expect("rows");
            });
            if std::env::var_os("STORE_BENCH_DETAIL").is_some() {
                println!("detail|{typed}|{column:?}|{anchor:?}|{took:.2} ms");
            }
            worst = worst.max(took);
        }
    }
    worst
}

fn count(store: &Store, typed: &str) -> f64 {
    ms(|| {
        store
            .tx_count(&query(SortColumn::Date, true, typed))
            .expect("count");
    })
}

fn figures(path: &std::path::Path) -> Vec<Figure> {
    let mut out: Vec<Figure> = Vec::new();
    // Ready: open, accounts, the first window (the count comes after, never before a frame).
    let mut store = None;
    let ready = ms(|| {
        let s = Store::open(path).expect("the store opens");
        load_dashboard_summary(&s, Utc::now()).expect("summary");
        let w = s.tx_window(&TxQuery::default(), &Anchor::First, WINDOW);
        assert!(w.is_ok());
        store = Some(s);
    });
    let store = store.expect("opened");
    out.push(("ready (open + accounts + first window)".into(), ready));
    out.push(("count, no search".into(), count(&store, "")));
    let sort = |column| {
        ms(|| {
            let q = query(column, column == SortColumn::Amount, "");
            store.tx_window(&q, &Anchor::First, WINDOW).expect("rows");
        })
    };
    for (name, column) in [
        ("first sort by amount", SortColumn::Amount),
        ("first sort by label", SortColumn::Label),
        ("first sort by category", SortColumn::Category),
        ("first sort by account", SortColumn::Account),
    ] {
        out.push((name.into(), sort(column)));
    }
    let end = ms(|| {
        store
            .tx_window(&TxQuery::default(), &Anchor::Last, WINDOW)
            .expect("rows");
    });
    out.push(("End: last window of the date order".into(), end));
    // Each sort's order read once: the reader reads it at the first search of a sort that a
    // walk gives way to (a text, a short text, an amount), then keeps it.
    let mut ranks = Ranks::default();
    let ordered = ms(|| {
        for (column, descending) in SORTS {
            for typed in ["pha", "p", "15"] {
                let q = query(column, descending, typed);
                store
                    .tx_window_ranked(&mut ranks, &q, &Anchor::Last, WINDOW)
                    .expect("rows");
            }
        }
    });
    out.push(("first searches of each sort (orders read)".into(), ordered));
    for typed in TEXT.iter().chain(&AMOUNTS) {
        out.push((
            format!("search '{typed}', window"),
            search_window(&store, &mut ranks, typed),
        ));
    }
    for typed in TEXT.iter().chain(&AMOUNTS) {
        out.push((format!("search '{typed}', count"), count(&store, typed)));
    }
    out
}

/// The machine-readable rows: (row name, the figures it is the worst of).
const TABLE_ROWS: [(&str, &[&str]); 6] = [
    (
        "view: ready, store (open + accounts + first window)",
        &["ready (open + accounts + first window)"],
    ),
    ("view: first sort by amount", &["first sort by amount"]),
    ("view: first sort by label", &["first sort by label"]),
    (
        "view: search window, worst text case",
        &[
            "search 'p', window",
            "search 'ph', window",
            "search 'pha', window",
            "search 'phar', window",
            "search 'pharm', window",
            "search 'pharmacie', window",
            "search 'librairie rare', window",
        ],
    ),
    (
        "view: search window, worst amount case",
        &[
            "search '1', window",
            "search '15', window",
            "search '150', window",
            "search '150,', window",
            "search '150,0', window",
            "search '150,00', window",
        ],
    ),
    (
        "view: count of a common search ('pha')",
        &["search 'pha', count"],
    ),
];

/// The table at every size, stores built first.
pub fn table(sizes: &[usize]) {
    if sizes.is_empty() {
        return;
    }
    // `STORE_BENCH_DIR`: keep the stores there and reuse them (a profiler's second run).
    let temp = tempfile::tempdir().expect("a temporary directory");
    let dir = std::env::var_os("STORE_BENCH_DIR").map_or(temp.path().to_path_buf(), Into::into);
    let mut columns = Vec::new();
    for &rows in sizes {
        let path = dir.join(format!("w{rows}.sqlite"));
        if !path.exists() {
            let mut store = Store::open(&path).expect("the store opens");
            synthetic::fill(&mut store, rows).expect("the syncs are written");
        }
        columns.push((rows, figures(&path)));
    }
    println!(
        "\ntransactions view, store windows of {WINDOW} rows, ms (searches: worst sort and end)"
    );
    print!("{:<44}", "");
    for (rows, _) in &columns {
        print!(" {:>12}", format!("{rows} rows"));
    }
    println!();
    for line in 0..columns[0].1.len() {
        print!("{:<44}", columns[0].1[line].0);
        for (_, figures) in &columns {
            print!(" {:>12.2}", figures[line].1);
        }
        println!();
    }
    for (row, parts) in TABLE_ROWS {
        for (rows, figures) in &columns {
            let worst = figures
                .iter()
                .filter(|(name, _)| parts.contains(&name.as_str()))
                .map(|(_, v)| *v)
                .fold(0.0, f64::max);
            println!("table|{row}|{rows}|{worst:.1} ms");
        }
    }
}
