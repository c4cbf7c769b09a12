//! `coffre sync` reconciles what it stored with what the bank lists now, on the `reconcile`
//! test bank (pending card payments the bank books, settles at another amount and label, and
//! drops on later syncs, after a newer line moved the latest import date past them): the booked
//! lines read BOOKED, the settled one reads as the bank settled it, the dropped one is gone from
//! the store, the dashboard's rows and the ledger export, whose balance is the bank's.

use rust_decimal::Decimal;

use crate::support::sync_bank as support;
use crate::support::tools::tool;

use coffre::domain::{Booking, BookingStatus};
use coffre::sandbox::testbank::sync_again;
use coffre::store::TransactionQuery;
use coffre::store::window::{Anchor, TxQuery};
use support::{bank_with_user, coffre, stored, sync};

/// The bank's balance after its sync 2 (assets/testbank/reconcile.txt).
const BANK_BALANCE: &str = "1242.33";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn booked_settled_and_dropped_pending_lines_match_the_bank_after_a_sync() {
    let bank = bank_with_user("reconcile@example.com", &["reconcile"]).await;
    let connection = {
        let world = bank.sandbox.state.world();
        let mine = world.bank.connections.values();
        mine.filter(|c| c.user_id == bank.user_id)
            .map(|c| c.id.clone())
            .next()
            .unwrap()
    };
    let (code, output) = sync(&bank).await;
    assert_eq!(code, 0, "{output}");
    let all = TransactionQuery::default();
    let first = stored(&bank).transactions(&all).unwrap();
    assert_eq!(
        first.len(),
        6,
        "salary, rent and four pending card payments"
    );
    let hotel = first.iter().find(|t| t.label.contains("HOTEL")).unwrap();
    let hotel_id = hotel.id.clone();
    let now = chrono::Utc::now().timestamp();

    // Sync 1 imports the baker's payment: the latest import date moves past the pending lines.
    assert_eq!(sync_again(&bank.sandbox.state, &connection, now + 60), 1);
    let (code, output) = sync(&bank).await;
    assert_eq!(code, 0, "{output}");
    // Sync 2 books, settles and drops the pending lines (same ids, same import dates).
    assert_eq!(sync_again(&bank.sandbox.state, &connection, now + 120), 0);
    let (code, output) = sync(&bank).await;
    assert_eq!(code, 0, "{output}");

    let store = stored(&bank);
    let lines = store.transactions(&all).unwrap();
    let labels: Vec<&str> = lines.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(lines.len(), 6, "{labels:?}");
    assert!(!labels.iter().any(|l| l.contains("HOTEL")), "{labels:?}");
    assert!(
        lines.iter().all(|t| t.booking == Booking::Booked),
        "{lines:#?}"
    );
    let fuel = lines.iter().find(|t| t.label.contains("STATION")).unwrap();
    assert_eq!(fuel.label, "CB STATION TOTAL A6");
    assert_eq!(fuel.amount.amount, Decimal::new(-4137, 2));
    let removal = store.booking_changes(&hotel_id).unwrap();
    assert_eq!(removal.len(), 1, "the removal is recorded: {removal:?}");
    assert_eq!(removal[0].0, Booking::Pending);

    let rows = store
        .tx_window(&TxQuery::default(), &Anchor::First, 1_000)
        .unwrap()
        .rows;
    assert_eq!(rows.len(), 6);
    let total: Decimal = (0..rows.len() as u32).map(|i| rows.amount(i)).sum();
    assert_eq!(
        total.to_string(),
        BANK_BALANCE,
        "the dashboard's rows add up"
    );
    assert!((0..rows.len() as u32).all(|i| rows.status(i) == BookingStatus::Booked));
    drop(store);

    let journal = bank.dir.path().join("export.journal");
    let config = bank.dir.path().join("config.toml");
    let args = ["export", "--format", "ledger", "--config"];
    let mut args: Vec<&str> = args.to_vec();
    args.extend([
        config.to_str().unwrap(),
        "--output",
        journal.to_str().unwrap(),
    ]);
    let out = coffre(bank.dir.path(), &args).await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let hledger = tool("hledger", "hledger")
        .args(["bal", "-N", "--flat", "Assets:Bank", "-f"])
        .arg(&journal)
        .output()
        .expect("hledger starts");
    let shown = String::from_utf8_lossy(&hledger.stdout);
    assert!(hledger.status.success(), "{shown}");
    let balance = shown.split_whitespace().next().unwrap_or_default();
    assert_eq!(balance, BANK_BALANCE, "{shown}");
}

/// The pages each account's last read ended at (its `sync_progress`), in account order.
fn pages_read(bank: &support::Bank) -> Vec<i64> {
    let db = rusqlite::Connection::open(bank.dir.path().join("data/sandbox.sqlite")).unwrap();
    let mut pages = db
        .prepare("SELECT pages_done FROM sync_progress ORDER BY account_id")
        .unwrap();
    pages
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_sync_of_a_bank_imported_at_once_reads_two_weeks_not_the_whole_bank() {
    // `medium`: 10,000 lines over five years on two accounts, imported in one batch.
    let bank = bank_with_user("once@example.com", &["medium"]).await;
    let (code, output) = sync(&bank).await;
    assert_eq!(code, 0, "{output}");
    assert_eq!(
        pages_read(&bank),
        [13, 9],
        "the first sync reads everything"
    );
    let all = TransactionQuery::default();
    let first = stored(&bank).transaction_count(&all).unwrap();
    assert_eq!(first, 10_000);

    let (code, output) = sync(&bank).await;
    assert_eq!(code, 0, "{output}");
    // Two weeks of lines fit in one page per account (the import window alone re-read all
    // 22 pages: every line has the same import date).
    assert_eq!(pages_read(&bank), [1, 1], "{output}");
    assert_eq!(stored(&bank).transaction_count(&all).unwrap(), first);
}
