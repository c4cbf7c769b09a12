//! Reconciling a re-read window: a pending line the bank no longer lists inside the window a
//! sync re-read is removed (and the removal recorded); a booked line, a line outside the window,
//! a line listed by an earlier run of the same (resumed) read, and the lines of an account not
//! re-read are kept; where a read stands between runs; where the next sync starts reading.

use std::collections::BTreeSet;

use proptest::prelude::*;

use crate::support::store_sample as sample;

use coffre::domain::{AccountId, Booking, Transaction, TransactionId};
use coffre::store::{Pages, Progress, Store, SyncReport, TransactionQuery};
use sample::*;

/// The import instant of the sample's lines.
const IMPORTED: i64 = 1_700_000_000;

fn open(dir: &tempfile::TempDir) -> Store {
    Store::open(&dir.path().join("coffre.sqlite")).unwrap()
}

fn ids(store: &Store) -> Vec<String> {
    let rows = store.transactions(&TransactionQuery::default()).unwrap();
    let mut ids: Vec<String> = rows.into_iter().map(|t| t.id.raw().to_owned()).collect();
    ids.sort();
    ids
}

/// Writes `lines` as a group of pages of the sample's account `a1` read from `from` (the last
/// group when `last`), at `when`.
fn pages(
    store: &mut Store,
    lines: &[Transaction],
    from: Option<i64>,
    last: bool,
    when: i64,
) -> SyncReport {
    let batch = bank_batch();
    let sync = &batch.synced[0];
    let progress = Progress {
        from,
        pages_done: 1,
        started_at: when,
    };
    let group = Pages {
        connection: &sync.connection,
        account: &sync.accounts[0],
        lines,
        progress,
        last,
    };
    store.apply_pages(&group, at(when)).unwrap()
}

#[test]
fn an_unlisted_pending_line_in_the_window_is_dropped_and_booked_lines_stay() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    store.apply(&bank_batch(), at(IMPORTED + 100)).unwrap();
    // The bank lists nothing for a1 from its import date on: t3 (pending) goes, t1 and t2
    // (booked) stay, t4 (account a2, not re-read) stays.
    let report = pages(&mut store, &[], Some(IMPORTED), true, IMPORTED + 200);
    assert_eq!(report.dropped, 1);
    assert_eq!(ids(&store), ["t1", "t2", "t4"]);
    let changes = store.booking_changes(&TransactionId::oxlin("t3")).unwrap();
    assert_eq!(
        changes,
        [(
            Booking::Pending,
            Booking::Other("dropped".into()),
            IMPORTED + 200
        )]
    );
}

#[test]
fn a_pending_line_imported_before_the_window_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    store.apply(&bank_batch(), at(IMPORTED + 100)).unwrap();
    let report = pages(&mut store, &[], Some(IMPORTED + 1), true, IMPORTED + 200);
    assert_eq!(report.dropped, 0);
    assert_eq!(ids(&store), ["t1", "t2", "t3", "t4"]);
}

#[test]
fn a_read_resumed_in_a_later_run_keeps_what_its_first_run_listed() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    store.apply(&bank_batch(), at(IMPORTED + 100)).unwrap();
    let a1 = AccountId::oxlin("a1");
    let t3 = sample::pending(transaction(
        "t3",
        "a1",
        "2024-01-09",
        "-79.99",
        "PRLV SEPA EDF",
    ));
    // The first run writes a group listing t3, then fails: the read's progress is kept.
    let first = pages(&mut store, &[t3], Some(IMPORTED), false, IMPORTED + 200);
    assert_eq!(first.dropped, 0);
    let progress = store.progress(&a1).unwrap().unwrap();
    assert_eq!((progress.from, progress.pages_done), (Some(IMPORTED), 1));
    // The next run finishes the read without t3 in its pages: t3 was listed, so it stays.
    let last = pages(&mut store, &[], Some(IMPORTED), true, IMPORTED + 300);
    assert_eq!(last.dropped, 0);
    assert_eq!(ids(&store), ["t1", "t2", "t3", "t4"]);
    assert_eq!(
        store.progress(&a1).unwrap(),
        None,
        "a finished read is forgotten"
    );
}

#[test]
fn the_next_sync_rereads_the_window_and_every_pending_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let a1 = AccountId::oxlin("a1");
    assert_eq!(store.reread_from(&a1, 3600).unwrap(), None, "nothing yet");
    store.apply(&bank_batch(), at(IMPORTED + 100)).unwrap();
    assert_eq!(store.reread_from(&a1, 3600).unwrap(), Some(IMPORTED - 3600));
    // A newer import moves the window; the old pending line t3 still starts the read.
    let mut newer = transaction("t5", "a1", "2024-02-01", "-5.00", "CB CAFE");
    newer.imported_at = Some(at(IMPORTED + 10 * 86_400));
    let mut batch = bank_batch();
    batch.synced[0].transactions = vec![newer];
    store.apply(&batch, at(IMPORTED + 10 * 86_400)).unwrap();
    assert_eq!(store.reread_from(&a1, 3600).unwrap(), Some(IMPORTED));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Whatever the store held and whatever the bank lists again: every listed line is stored,
    /// every booked line stays, and a pending line stays exactly when it is listed or was
    /// imported before the window.
    #[test]
    fn reconcile_never_drops_a_booked_or_listed_line(
        stored in prop::collection::vec((any::<bool>(), 0i64..6), 1..12),
        listed in prop::collection::vec(any::<bool>(), 12),
        from in 0i64..6,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = open(&dir);
        let line = |i: usize, pending_now: bool, day: i64| {
            let mut t = transaction(&format!("x{i}"), "a1", "2024-01-05", "-1.00", "CB");
            t.imported_at = Some(at(IMPORTED + day));
            if pending_now { t = sample::pending(t); }
            t
        };
        let mut first = bank_batch();
        first.synced[0].transactions =
            stored.iter().enumerate().map(|(i, (p, day))| line(i, *p, *day)).collect();
        store.apply(&first, at(IMPORTED + 10)).unwrap();
        let again: Vec<Transaction> = stored
            .iter()
            .enumerate()
            .filter(|(i, _)| listed[*i])
            .map(|(i, (p, day))| line(i, *p, *day))
            .collect();
        pages(&mut store, &again, Some(IMPORTED + from), true, IMPORTED + 20);
        let kept: BTreeSet<String> = ids(&store).into_iter().collect();
        for (i, (pending, day)) in stored.iter().enumerate() {
            let expected = listed[i] || !pending || *day < from;
            prop_assert_eq!(kept.contains(&format!("x{i}")), expected, "line {}", i);
        }
    }
}
