//! The transactions view at 10,000, 100,000 and 1,000,000 rows, one table: the steps the user
//! waits on, each read as the view reads it now (a keyset window of the store, `store::window`)
//! beside the in-memory index of before (every row loaded, then ordered and searched in memory,
//! `screens::dashboard::query::TxTable`). Milliseconds; the worst of the typed prefixes for the
//! search. Peak memory is measured on the binary (`/usr/bin/time -v`).

use std::time::Instant;

use chrono::Utc;
use coffre::screens::dashboard::query::{Filter, Sort, SortColumn, TxTable};
use coffre::store::Store;
use coffre::store::dashboard::{load_dashboard_summary, load_transactions};
use coffre::store::window::{Anchor, TxQuery};

use super::synthetic;

/// Rows a window reads: a tall screen plus a margin.
const WINDOW: usize = 120;

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

/// One row of the table: (label, window ms, in-memory ms).
type Figure = (&'static str, f64, f64);

fn figures(path: &std::path::Path) -> Vec<Figure> {
    let mut out = Vec::new();
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
    let count = ms(|| {
        store.tx_count(&TxQuery::default()).expect("count");
    });
    let search = |typed: &'static str| {
        ms(|| {
            let q = query(SortColumn::Date, true, typed);
            store.tx_window(&q, &Anchor::First, WINDOW).expect("rows");
        })
    };
    let typed = ["p", "ph", "pha", "phar", "pharm", "pharmacie"];
    let keystroke = typed.iter().map(|t| search(t)).fold(0.0, f64::max);
    let rare = search("librairie rare");
    let amount = search("150,00");
    let amount_count = ms(|| {
        store
            .tx_count(&query(SortColumn::Date, true, "150,00"))
            .expect("count");
    });
    let sort = |column| {
        ms(|| {
            let q = query(column, column == SortColumn::Amount, "");
            store.tx_window(&q, &Anchor::First, WINDOW).expect("rows");
        })
    };
    let (by_amount, by_label, by_category, by_account) = (
        sort(SortColumn::Amount),
        sort(SortColumn::Label),
        sort(SortColumn::Category),
        sort(SortColumn::Account),
    );
    let end = ms(|| {
        store
            .tx_window(&TxQuery::default(), &Anchor::Last, WINDOW)
            .expect("rows");
    });
    drop(store);

    // Before: every row loaded, then the in-memory index.
    let mut table = None;
    let old_ready = ms(|| {
        let s = Store::open(path).expect("the store opens");
        load_dashboard_summary(&s, Utc::now()).expect("summary");
        let rows = load_transactions(&s).expect("rows");
        let t = TxTable::new(rows, &[], &[]);
        let shown = t.filtered_sorted(&Filter::default(), Sort::default());
        assert!(shown.len() == t.len());
        table = Some(t);
    });
    let table = table.expect("loaded");
    let all: Vec<u32> = (0..table.len() as u32).collect();
    let old_search = |typed: &str| ms(|| drop(table.search(&all, typed)));
    let old_keystroke = typed.iter().map(|t| old_search(t)).fold(0.0, f64::max);
    let old_rare = old_search("librairie rare");
    let old_amount = old_search("150,00");
    let old_sort = |column| {
        ms(|| {
            assert!(table.order(column).len() == table.len());
        })
    };
    let old = [
        old_sort(SortColumn::Amount),
        old_sort(SortColumn::Label),
        old_sort(SortColumn::Category),
        old_sort(SortColumn::Account),
    ];
    out.push(("ready (open + accounts + first window)", ready, old_ready));
    out.push(("count (shown when ready)", count, 0.0));
    out.push((
        "search keystroke (worst prefix of 'pharmacie')",
        keystroke,
        old_keystroke,
    ));
    out.push(("search 'librairie rare' (1 in 10,000)", rare, old_rare));
    out.push(("search amount '150,00' (first window)", amount, old_amount));
    out.push(("search amount '150,00' (count)", amount_count, 0.0));
    out.push(("first sort by amount", by_amount, old[0]));
    out.push(("first sort by label", by_label, old[1]));
    out.push(("first sort by category", by_category, old[2]));
    out.push(("first sort by account", by_account, old[3]));
    out.push(("End: last window of the date order", end, 0.0));
    out
}

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
    println!("\ntransactions view, ms: window from SQLite (now) | in-memory index (before)");
    print!("{:<48}", "");
    for (rows, _) in &columns {
        print!(" {:>20}", format!("{rows} rows"));
    }
    println!();
    for line in 0..columns[0].1.len() {
        print!("{:<48}", columns[0].1[line].0);
        for (_, figures) in &columns {
            let (_, now, before) = figures[line];
            print!(" {:>9.1} | {:>8.1}", now, before);
        }
        println!();
    }
}
