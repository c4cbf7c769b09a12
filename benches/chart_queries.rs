//! The charts view's store queries (`store::dashboard::load_charts`: a year of daily balances
//! per account, 12 months of debits per category) on the synthetic bank (five accounts, rows
//! spread over ten years), at 100,000 transactions by default; prints each run's time, the
//! median, and SQLite's query plans (the covering indexes must be used, no table scan).
//! Asserts nothing about time.
//!
//! Run: `cargo bench --bench chart_queries` (`CHART_BENCH_ROWS=N` for another size).

#[path = "support/synthetic.rs"]
mod synthetic;

use std::time::Instant;

use chrono::NaiveDate;
use coffre::store::Store;
use coffre::store::dashboard::{MICROS, load_charts};

fn main() {
    let rows: usize = std::env::var("CHART_BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("coffre.sqlite");
    println!("chart_queries: {rows} transactions over ten years, five accounts");
    let mut store = Store::open(&path).expect("the store opens");
    synthetic::fill(&mut store, rows).expect("the syncs are written");
    drop(store);
    let store = Store::open(&path).expect("the store opens");
    // The synthetic rows end on the last day of 2024: the charts' year is full.
    let today = NaiveDate::from_ymd_opt(2024, 12, 31).expect("a date");

    let mut runs = Vec::new();
    for run in 0..7 {
        let started = Instant::now();
        let data = load_charts(&store, today).expect("the charts load");
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        println!(
            "run {run}: {ms:>8.2} ms ({} balance series, {} spending lines)",
            data.balances.len(),
            data.spending.len()
        );
        runs.push(ms);
    }
    runs.sort_by(f64::total_cmp);
    println!("median load_charts: {:.2} ms", runs[runs.len() / 2]);

    let raw = rusqlite::Connection::open(&path).expect("the file opens");
    for (what, sql) in [
        (
            "daily sums of one account",
            format!(
                "SELECT date, SUM({MICROS}) FROM transactions WHERE account_id = 'oxlin:acc1'
                 AND date > '2024-01-01' GROUP BY date ORDER BY date DESC"
            ),
        ),
        (
            "debits per month and category",
            format!(
                "SELECT substr(date, 1, 7), category, currency, SUM({MICROS}) FROM transactions
                 WHERE date >= '2024-01-01' AND date < '2025-01-01' AND amount LIKE '-%'
                 GROUP BY 1, 2, 3"
            ),
        ),
    ] {
        let mut stmt = raw
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .expect("a plan");
        let plan: Vec<String> = stmt
            .query_map([], |r| r.get::<_, String>(3))
            .expect("the plan's rows")
            .filter_map(Result::ok)
            .collect();
        println!("plan, {what}: {}", plan.join(" / "));
    }
}
