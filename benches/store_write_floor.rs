//! What each part of the store costs a write of new rows (issue 13: store writes ≥ 300,000
//! rows/s): generated rows like the sandbox's (`large`, scaled), written into an empty store in
//! groups of 6,000 lines per transaction (as a sync writes them), once per step of a ladder:
//!
//! 1. the bare `transactions` table with only its key (`seq`);
//! 2. + the base indexes (the `id` key, by account, by date);
//! 3. + the sort indexes (amount, label, category, booking);
//! 4. + `transactions_text` (trigram, label and notes);
//! 5. + `transactions_amount` (trigram, the amount as the search spells it);
//! 6. + `transactions_grams` (one- and two-character texts): the full store;
//!
//! then the real write path (`Store::apply_pages`) for comparison. Steps 1–6 take the store's
//! schema as `Store::open` makes it and drop what the step lacks; their writes stage the lines
//! in a temporary table and insert them with one statement per table, as `store::write::lines`
//! does (without its counts, booking changes and big-write index rebuild). A FTS table is fed
//! by its trigger when the schema has one, else set-based, as the writer does.
//!
//! Rows per second, the best of `FLOOR_RUNS` runs (default 3: the machine is shared), with a
//! `table|store writes floor: <step>, rows/s|<size>|<value>` line each for `benches/table.sh`.
//! Run: `cargo bench --bench store_write_floor -- 10000 100000` (the default sizes).
//! `FLOOR_STEPS=full,real` runs those steps alone (`bare`, `base`, `sort`, `text`, `amount`,
//! `full`, `real`); `FLOOR_GROUP=N` lines per transaction; `FLOOR_SQL=…` SQL run on each
//! step's empty store first (e.g. `DROP INDEX transactions_by_label` or an FTS5 `automerge`).

#[path = "support/generated_bank.rs"]
mod generated_bank;

use std::time::Instant;

use chrono::{DateTime, Utc};
use coffre::domain::{
    Account, AccountId, AccountKind, AccountState, Booking, Connection, ConnectionId,
    ConnectionState, Money, Transaction, TransactionId,
};
use coffre::store::{Pages, Progress, Store};
use rusqlite::params;

/// Lines per transaction, as `sync::fetch` groups them.
const GROUP: usize = 6_000;

/// What each step lacks (SQL run on the full schema), the deepest first.
const NO_GRAMS: &str = "DROP TABLE transactions_grams; DROP TRIGGER transactions_grams_delete;";
const NO_AMOUNT: &str = "DROP TABLE transactions_amount;
    DROP TRIGGER IF EXISTS transactions_amount_insert; DROP TRIGGER IF EXISTS transactions_amount_update;
    DROP TRIGGER transactions_amount_delete;";
const NO_TEXT: &str = "DROP TABLE transactions_text; DROP TRIGGER transactions_text_delete;";
const NO_SORT: &str = "DROP INDEX transactions_by_amount; DROP INDEX transactions_by_label;
    DROP INDEX transactions_by_category; DROP INDEX transactions_by_booking;";
/// The table again without its `id` key or any index (dropping it drops them).
const NO_BASE: &str = "DROP TABLE transactions;
    CREATE TABLE transactions (seq INTEGER PRIMARY KEY, id TEXT NOT NULL,
        account_id TEXT NOT NULL, amount TEXT NOT NULL, currency TEXT NOT NULL,
        date TEXT NOT NULL, value_date TEXT, booking_date TEXT, imported_at INTEGER,
        booking TEXT NOT NULL, label TEXT NOT NULL, notes TEXT, category TEXT, kind TEXT,
        first_seen INTEGER NOT NULL, updated_at INTEGER NOT NULL);";

/// The ladder: a step's name and what it lacks of the full schema.
const STEPS: [(&str, &[&str]); 6] = [
    ("bare", &[NO_GRAMS, NO_AMOUNT, NO_TEXT, NO_SORT, NO_BASE]),
    ("base", &[NO_GRAMS, NO_AMOUNT, NO_TEXT, NO_SORT]),
    ("sort", &[NO_GRAMS, NO_AMOUNT, NO_TEXT]),
    ("text", &[NO_GRAMS, NO_AMOUNT]),
    ("amount", &[NO_GRAMS]),
    ("full", &[]),
];

/// The store's connection settings (`store::PRAGMAS`, with the page cache a write of these
/// sizes gets from `Store::size_cache_for_writes`).
const PRAGMAS: &str = "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;
    PRAGMA cache_size = -16000; PRAGMA temp_store = MEMORY;
    PRAGMA wal_autocheckpoint = 16384; PRAGMA journal_size_limit = 67108864;
    PRAGMA mmap_size = 0;
    CREATE TEMP TABLE staged (n INTEGER PRIMARY KEY, id TEXT NOT NULL, account_id TEXT NOT NULL,
        amount TEXT NOT NULL, currency TEXT NOT NULL, date TEXT NOT NULL, value_date TEXT,
        booking_date TEXT, imported_at INTEGER, booking TEXT NOT NULL, label TEXT NOT NULL,
        notes TEXT, category TEXT, kind TEXT);";

fn env_number(name: &str) -> Option<usize> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

/// `FLOOR_SQL`: SQL run on each step's store before its writes (an experiment: another index
/// dropped, an FTS5 setting changed).
fn extra_sql() -> String {
    std::env::var("FLOOR_SQL").unwrap_or_default()
}

/// The sandbox's `large` bank scaled to `size` lines, as the domain's transactions.
fn rows(size: usize) -> Vec<Transaction> {
    let bank = generated_bank::scaled_large(size);
    let mut rows = Vec::with_capacity(size);
    for account in &bank.accounts {
        for t in &account.transactions {
            let n = rows.len();
            rows.push(Transaction {
                id: TransactionId::oxlin(&format!("{}-{n}", account.uid)),
                account_id: AccountId::oxlin(&account.uid),
                amount: Money::new(t.amount, &account.currency),
                date: Some(t.date),
                value_date: Some(t.date),
                booking_date: (!t.pending).then_some(t.date),
                imported_at: DateTime::from_timestamp(1_500_000_000 + n as i64, 0),
                booking: if t.pending {
                    Booking::Pending
                } else {
                    Booking::Booked
                },
                label: t.label.clone(),
                notes: t.notes.clone(),
                category: Some(t.category_id.clone()),
                kind: Some(t.transaction_type.clone()),
            });
        }
    }
    rows
}

/// Writes `rows` into a fresh store cut down by `cut`; rows per second.
fn step(rows: &[Transaction], cut: &[&str]) -> f64 {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("floor.sqlite");
    drop(Store::open(&path).expect("the store opens"));
    let mut conn = rusqlite::Connection::open(&path).expect("the store opens again");
    coffre::store::schema::register_functions(&conn).expect("coffre_grams");
    conn.execute_batch(PRAGMAS).expect("the pragmas");
    conn.execute_batch(&cut.concat()).expect("the cut");
    conn.execute_batch(&extra_sql()).expect("FLOOR_SQL");
    let has = |name: &str| -> bool {
        conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = ?1)",
            [name],
            |r| r.get(0),
        )
        .expect("the schema")
    };
    let mut feeds = Vec::new();
    if has("transactions_text") {
        feeds.push(
            "INSERT INTO transactions_text (rowid, label, notes)
            SELECT seq, label, notes FROM transactions WHERE seq > ?1",
        );
    }
    if has("transactions_amount") && !has("transactions_amount_insert") {
        feeds.push(
            "INSERT INTO transactions_amount (rowid, amount_text)
            SELECT seq, amount_text FROM transactions_amount_text WHERE seq > ?1",
        );
    }
    if has("transactions_grams") {
        feeds.push(
            "INSERT INTO transactions_grams (rowid, grams)
            SELECT seq, coffre_grams(label, notes, amount) FROM transactions WHERE seq > ?1",
        );
    }
    let group = env_number("FLOOR_GROUP").unwrap_or(GROUP).max(1);
    let started = Instant::now();
    for chunk in rows.chunks(group) {
        let tx = conn.transaction().expect("a transaction");
        write_group(&tx, chunk, &feeds);
        tx.commit().expect("the commit");
    }
    rows.len() as f64 / started.elapsed().as_secs_f64()
}

/// One group: staged, inserted, fed to the FTS tables, as `store::write::lines` writes.
fn write_group(tx: &rusqlite::Transaction<'_>, lines: &[Transaction], feeds: &[&str]) {
    let mut stage = tx
        .prepare_cached(
            "INSERT INTO temp.staged (id, account_id, amount, currency, date, value_date,
               booking_date, imported_at, booking, label, notes, category, kind)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )
        .expect("the staging insert");
    for t in lines {
        stage
            .execute(params![
                t.id.key(),
                t.account_id.key(),
                t.amount.amount.to_string(),
                t.amount.currency,
                t.filing_date().to_string(),
                t.value_date.map(|d| d.to_string()),
                t.booking_date.map(|d| d.to_string()),
                t.imported_at.map(|d| d.timestamp()),
                t.booking.code(),
                t.label,
                t.notes,
                t.category,
                t.kind,
            ])
            .expect("a staged line");
    }
    let last: i64 = tx
        .query_row("SELECT COALESCE(MAX(seq), 0) FROM transactions", [], |r| {
            r.get(0)
        })
        .expect("the last seq");
    tx.prepare_cached(
        "INSERT INTO transactions (id, account_id, amount, currency, date, value_date,
           booking_date, imported_at, booking, label, notes, category, kind, first_seen,
           updated_at)
         SELECT id, account_id, amount, currency, date, value_date, booking_date, imported_at,
           booking, label, notes, category, kind, 1, 1 FROM temp.staged ORDER BY n",
    )
    .and_then(|mut s| s.execute([]))
    .expect("the insert");
    for feed in feeds {
        tx.prepare_cached(feed)
            .and_then(|mut s| s.execute([last]))
            .expect("a FTS feed");
    }
    tx.execute("DELETE FROM temp.staged", [])
        .expect("the staging emptied");
}

/// The real write path: `Store::apply_pages`, one account's pages at a time.
fn real(rows: &[Transaction]) -> f64 {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("real.sqlite");
    let mut store = Store::open(&path).expect("the store opens");
    rusqlite::Connection::open(&path)
        .and_then(|c| c.execute_batch(&extra_sql()))
        .expect("FLOOR_SQL");
    let connection = Connection {
        id: ConnectionId::oxlin("floor"),
        provider_id: Some("87".into()),
        name: "Floor Bank".into(),
        state: ConnectionState::Ok,
        channels: Vec::new(),
        last_success: None,
    };
    let now: DateTime<Utc> = DateTime::from_timestamp(1_700_000_000, 0).unwrap_or_default();
    let group = env_number("FLOOR_GROUP").unwrap_or(GROUP).max(1);
    let started = Instant::now();
    for (i, chunk) in rows
        .chunk_by(|a, b| a.account_id == b.account_id)
        .enumerate()
    {
        let account = Account {
            id: chunk[0].account_id.clone(),
            connection_id: Some(connection.id.clone()),
            name: format!("Compte {i}"),
            kind: AccountKind::Checking,
            state: AccountState::Active,
            iban: None,
            balance: None,
            balance_date: None,
            owner: None,
        };
        for (page, lines) in chunk.chunks(group).enumerate() {
            let progress = Progress {
                from: None,
                pages_done: page + 1,
                started_at: 0,
            };
            let pages = Pages {
                connection: &connection,
                account: &account,
                lines,
                progress,
                last: false,
            };
            store
                .apply_pages(&pages, now)
                .expect("the pages are written");
        }
    }
    rows.len() as f64 / started.elapsed().as_secs_f64()
}

fn main() {
    let mut sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    if sizes.is_empty() {
        sizes = generated_bank::SIZES[..2].to_vec();
    }
    let runs = env_number("FLOOR_RUNS").unwrap_or(3).max(1);
    let only = std::env::var("FLOOR_STEPS").ok();
    let wanted = |name: &str| {
        only.as_deref()
            .is_none_or(|o| o.split(',').any(|s| s == name))
    };
    println!("store writes floor: new rows into an empty store, best of {runs}, rows/s");
    for size in sizes {
        let rows = rows(size);
        let ladder = STEPS.iter().map(|&(name, cut)| (name, Some(cut)));
        for (name, cut) in ladder.chain([("real", None)]) {
            if !wanted(name) {
                continue;
            }
            let best = (0..runs)
                .map(|_| cut.map_or_else(|| real(&rows), |cut| step(&rows, cut)))
                .fold(0.0, f64::max);
            println!("{size:>10} {name:<8} {best:>10.0}");
            println!("table|store writes floor: {name}, rows/s|{size}|{best:.0}");
        }
    }
}
