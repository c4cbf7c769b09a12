//! The search's worst cases (issue 13: keystroke → frame ≤ 16 ms), one table: the first window
//! of 120 rows of each search in each sort, the worst of both ends, at the sizes of
//! `STORE_BENCH_SEARCH` (default none: `0`), on the stores the windows part keeps in
//! `STORE_BENCH_DIR` (built here when missing). Milliseconds, each the median of three reads.
//! Two tables: the plain reads (`Store::tx_window`, as before the ranked search) and the
//! ranked ones (`Store::tx_window_ranked`, as the reader thread reads), after each sort's order
//! was read once (that first read is timed on its own line).
//!
//! Before the tables, each search's count (the same at every sort), timed.
//!
//! `STORE_BENCH_SEARCH_REPEAT=Label:pha:50` reads that one case 50 times and nothing else (for
//! `perf record`), ranked with `STORE_BENCH_SEARCH_RANKED=1`.

use std::time::Instant;

use coffre::store::Store;
use coffre::store::window::{Anchor, Ranks, Sort, SortColumn, TxQuery, Window};

use super::synthetic;

/// Rows a window reads: a tall screen plus a margin.
const WINDOW: usize = 120;

/// The searches: prefixes of a common word, a short text matching nothing, amounts, a rare word.
const SEARCHES: [&str; 8] = [
    "p",
    "ph",
    "pha",
    "pharmacie",
    "cb",
    "15",
    "42,10",
    "librairie rare",
];

/// The sorts, each ascending (the other end is read too).
const SORTS: [SortColumn; 4] = [
    SortColumn::Label,
    SortColumn::Category,
    SortColumn::Date,
    SortColumn::Amount,
];

fn query(column: SortColumn, search: &str) -> TxQuery {
    let mut q = TxQuery {
        sort: Sort {
            column,
            descending: false,
        },
        ..TxQuery::default()
    };
    q.selection.search = search.into();
    q
}

/// How a window is read: plain, or ranked with the orders kept so far.
fn read(store: &Store, ranks: Option<&mut Ranks>, q: &TxQuery, anchor: &Anchor) -> Window {
    match ranks {
        None => store.tx_window(q, anchor, WINDOW),
        Some(ranks) => store.tx_window_ranked(ranks, q, anchor, WINDOW),
    }
    .expect("rows")
}

/// The worst of both ends, each the median of three reads, in ms.
fn case(store: &Store, mut ranks: Option<&mut Ranks>, column: SortColumn, typed: &str) -> f64 {
    let q = query(column, typed);
    [Anchor::First, Anchor::Last]
        .iter()
        .map(|anchor| {
            let mut took: Vec<f64> = (0..3)
                .map(|_| {
                    let started = Instant::now();
                    read(store, ranks.as_deref_mut(), &q, anchor);
                    started.elapsed().as_secs_f64() * 1000.0
                })
                .collect();
            took.sort_by(f64::total_cmp);
            took[1]
        })
        .fold(0.0, f64::max)
}

/// How long each search's count takes (off the frame: the reader serves it after the window,
/// interruptible), the median of three, in ms.
fn counts(store: &Store, rows: usize) {
    println!("\nsearch at {rows} rows: count of the matches, ms (median of three)");
    for typed in SEARCHES {
        let q = query(SortColumn::Date, typed);
        let mut took: Vec<f64> = (0..3)
            .map(|_| {
                let started = Instant::now();
                let n = store.tx_count(&q).expect("a count");
                std::hint::black_box(n);
                started.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        took.sort_by(f64::total_cmp);
        let n = store.tx_count(&q).expect("a count");
        println!("{:<24} {:>9.2}   ({n} rows)", format!("'{typed}'"), took[1]);
    }
}

fn column_named(name: &str) -> Option<SortColumn> {
    SORTS.into_iter().find(|c| c.name() == name)
}

/// The store of `rows` synthetic transactions in `dir`, built when missing.
fn store(dir: &std::path::Path, rows: usize) -> Store {
    let path = dir.join(format!("w{rows}.sqlite"));
    if !path.exists() {
        let mut store = Store::open(&path).expect("the store opens");
        synthetic::fill(&mut store, rows).expect("the syncs are written");
    }
    Store::open(&path).expect("the store opens")
}

/// The table (or the one repeated case), as the environment asks.
pub fn table() {
    let sizes: Vec<usize> = std::env::var("STORE_BENCH_SEARCH")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_default();
    let sizes: Vec<usize> = sizes.into_iter().filter(|n| *n > 0).collect();
    if sizes.is_empty() {
        return;
    }
    let temp = tempfile::tempdir().expect("a temporary directory");
    let dir = std::env::var_os("STORE_BENCH_DIR").map_or(temp.path().to_path_buf(), Into::into);
    if let Ok(repeat) = std::env::var("STORE_BENCH_SEARCH_REPEAT") {
        let mut parts = repeat.splitn(3, ':');
        let (Some(column), Some(typed), Some(times)) = (parts.next(), parts.next(), parts.next())
        else {
            eprintln!("STORE_BENCH_SEARCH_REPEAT=Column:text:times");
            return;
        };
        let column = column_named(column).expect("a sort: Label, Category, Date or Amount");
        let store = store(&dir, sizes[0]);
        let times: usize = times.parse().unwrap_or(10);
        let mut ranks = std::env::var_os("STORE_BENCH_SEARCH_RANKED").map(|_| Ranks::default());
        let q = query(column, typed);
        read(&store, ranks.as_mut(), &q, &Anchor::First);
        let started = Instant::now();
        for _ in 0..times {
            for anchor in [Anchor::First, Anchor::Last] {
                read(&store, ranks.as_mut(), &q, &anchor);
            }
        }
        let each = started.elapsed().as_secs_f64() * 1000.0 / (2 * times) as f64;
        println!("repeat {column:?} '{typed}' × {times} × 2 ends: {each:.2} ms a window");
        return;
    }
    for rows in sizes {
        let store = store(&dir, rows);
        counts(&store, rows);
        let mut ranks = Ranks::default();
        for ranked in [false, true] {
            let how = if ranked { "ranked" } else { "plain" };
            println!(
                "\nsearch at {rows} rows, {how}: first window of {WINDOW} rows, ms (worst end)"
            );
            print!("{:<24}", "");
            for column in SORTS {
                print!(" {:>9}", column.name());
            }
            println!();
            if ranked {
                print!("{:<24}", "'cb', order read first");
                for column in SORTS {
                    let started = Instant::now();
                    read(
                        &store,
                        Some(&mut ranks),
                        &query(column, "cb"),
                        &Anchor::First,
                    );
                    print!(" {:>9.2}", started.elapsed().as_secs_f64() * 1000.0);
                }
                println!();
            }
            for typed in SEARCHES {
                print!("{:<24}", format!("'{typed}'"));
                for column in SORTS {
                    let took = case(&store, ranked.then_some(&mut ranks), column, typed);
                    print!(" {took:>9.2}");
                    std::io::Write::flush(&mut std::io::stdout()).ok();
                }
                println!();
            }
        }
    }
}
