//! The amount index's stories: every amount is indexed spelled exactly as the search rule
//! spells it (any sign, scale and rounding), and the index follows the rows through inserts,
//! changes of amount (the writer's syncs, in any order) and deletes.

use proptest::prelude::*;
use rust_decimal::Decimal;

use chrono::DateTime;

use crate::store::read_model::rows::search_text;
use crate::store::{Store, test_bank};

fn empty_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("s.sqlite")).unwrap();
    (dir, store)
}

/// Writes one transaction of `amount` (as stored) with rowid `seq`.
fn insert(store: &Store, seq: i64, amount: &str) {
    store
        .conn
        .execute(
            "INSERT INTO transactions (seq, id, account_id, amount, currency, date, booking,
               label, first_seen, updated_at)
             VALUES (?1, 'oxlin:t' || ?1, 'oxlin:a', ?2, 'EUR', '2024-01-01', 'booked', 'x', 1, 1)",
            rusqlite::params![seq, amount],
        )
        .unwrap();
    // The text, amount and short-text indexes are fed by the writer, not triggers (schemas
    // 10, 13 and 12): as `write::lines`, `write::amounts` and `window::grams` do (a removed
    // row's entries leave by its values as indexed: schema 14).
    store
        .conn
        .execute_batch(&format!(
            "INSERT INTO transactions_text (rowid, label, notes) VALUES ({seq}, 'x', NULL);
             INSERT INTO transactions_amount (rowid, amount_text)
             SELECT seq, amount_text FROM transactions_amount_text WHERE seq = {seq};
             INSERT INTO transactions_grams (rowid, grams)
             SELECT seq, coffre_grams(label, notes, amount) FROM transactions WHERE seq = {seq};"
        ))
        .unwrap();
}

/// Writes `lines` (id, amount) of account `a0` as one sync, through the store's writer.
fn sync(store: &mut Store, lines: &[(u8, Decimal)], at: i64) {
    let lines = lines
        .iter()
        .map(|&(id, amount)| {
            test_bank::line(&format!("t{id}"), "a0", amount, None, &format!("line {id}"))
        })
        .collect();
    let batch = test_bank::sync_of(vec![test_bank::account("a0", "Compte")], lines);
    store
        .apply(&batch, DateTime::from_timestamp(at, 0).unwrap())
        .unwrap();
}

/// Every row's amount as the index spells it (the view the index is fed from).
fn spellings(store: &Store) -> Vec<(i64, String)> {
    let mut stmt = store
        .conn
        .prepare("SELECT seq, amount_text FROM transactions_amount_text ORDER BY seq")
        .unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

/// The rows whose amount text the index finds `phrase` in.
fn found(store: &Store, phrase: &str) -> Vec<i64> {
    let mut stmt = store
        .conn
        .prepare(
            "SELECT rowid FROM transactions_amount WHERE transactions_amount MATCH ?
             ORDER BY rowid",
        )
        .unwrap();
    let rows = stmt
        .query_map([format!("\"{phrase}\"")], |r| r.get(0))
        .unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

/// The amount's spelling in the search text the rule builds.
fn rule_spelling(amount: Decimal) -> String {
    let hay = search_text("", None, amount);
    hay.trim_start_matches('\t').to_string()
}

fn index_spelling(store: &Store, seq: i64) -> String {
    store
        .conn
        .query_row(
            "SELECT amount_text FROM transactions_amount_text WHERE seq = ?",
            [seq],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn amounts_are_indexed_with_two_decimals_and_rounded_when_they_have_more() {
    let (_dir, store) = empty_store();
    for (seq, stored, spelled) in [
        (1, "150", "150.00"),
        (2, "-42.1", "-42.10"),
        (3, "-42.10", "-42.10"),
        (4, "1.005", "1.005 1.00"),
        (5, "1.015", "1.015 1.02"),
        (6, "-0.999", "-0.999 -1.00"),
        (7, "2.500", "2.500"),
    ] {
        insert(&store, seq, stored);
        assert_eq!(index_spelling(&store, seq), spelled, "{stored}");
    }
    for (seq, stored) in [(8, "-0.001"), (9, "-0.005"), (10, "0.005"), (11, "-0.015")] {
        insert(&store, seq, stored);
        let rule = rule_spelling(stored.parse().unwrap());
        assert_eq!(index_spelling(&store, seq), rule, "{stored}");
    }
    assert_eq!(found(&store, "150.00"), vec![1]);
    assert_eq!(found(&store, "42.1"), vec![2, 3]);
    assert_eq!(found(&store, "1.00"), vec![4, 6]);
}

#[test]
fn the_amount_index_follows_changes_and_deletes() {
    let (_dir, mut store) = empty_store();
    let cents = |c: i64| Decimal::new(c, 2);
    sync(
        &mut store,
        &[(1, cents(-1230)), (2, cents(9999))],
        1_700_000_000,
    );
    sync(
        &mut store,
        &[(1, cents(-4560)), (2, cents(9999))],
        1_700_000_100,
    );
    assert_eq!(found(&store, "12.30"), Vec::<i64>::new());
    assert_eq!(found(&store, "45.60"), vec![1]);
    assert_eq!(found(&store, "99.99"), vec![2]);
    store
        .conn
        .execute("DELETE FROM transactions WHERE seq = 2", [])
        .unwrap();
    assert_eq!(found(&store, "99.99"), Vec::<i64>::new());
    insert(&store, 2, "99.99");
    assert_eq!(found(&store, "99.99"), vec![2]);
    store
        .conn
        .execute_batch(
            "INSERT INTO transactions_amount (transactions_amount) VALUES ('integrity-check')",
        )
        .unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Syncs of new, changed and unchanged lines (an id listed twice in a sync too): whatever
    /// amount any of them ever had, the index finds exactly the rows whose amount holds it now.
    #[test]
    fn the_amount_index_finds_each_line_by_its_last_amount_after_any_syncs(
        syncs in proptest::collection::vec(
            proptest::collection::vec((0u8..6, -3i64..3, 0u32..3), 0..8), 1..6),
    ) {
        let (_dir, mut store) = empty_store();
        let mut written = Vec::new();
        for (i, lines) in syncs.iter().enumerate() {
            let lines: Vec<(u8, Decimal)> = lines
                .iter()
                .map(|&(id, units, scale)| (id, Decimal::new(units * 105, scale)))
                .collect();
            sync(&mut store, &lines, 1_700_000_000 + 100 * i as i64);
            written.extend(lines.iter().map(|(_, amount)| rule_spelling(*amount)));
        }
        let now = spellings(&store);
        for probe in written.iter().flat_map(|s| s.split(' ')).filter(|p| p.len() >= 3) {
            let want: Vec<i64> = now
                .iter()
                .filter(|(_, spelled)| spelled.contains(probe))
                .map(|(seq, _)| *seq)
                .collect();
            prop_assert_eq!(found(&store, probe), want, "{}", probe);
        }
        store
            .conn
            .execute_batch(
                "INSERT INTO transactions_amount (transactions_amount) VALUES ('integrity-check')",
            )
            .unwrap();
    }

    #[test]
    fn any_amount_is_indexed_as_the_search_rule_spells_it(
        mantissa in prop_oneof![-3_000i64..3_000, -10_000_000_000_000i64..10_000_000_000_000],
        scale in 0u32..12,
    ) {
        let (_dir, store) = empty_store();
        let amount = Decimal::new(mantissa, scale);
        insert(&store, 1, &amount.to_string());
        prop_assert_eq!(index_spelling(&store, 1), rule_spelling(amount));
    }
}

#[test]
fn an_absurd_amount_is_written_and_found_as_stored_instead_of_refusing_the_write() {
    let (_dir, store) = empty_store();
    let absurd = "-79228162514264337593543950335.123";
    insert(&store, 1, absurd);
    insert(&store, 2, "12345678901234567.005");
    assert_eq!(found(&store, "950335.123"), vec![1]);
    assert_eq!(found(&store, "1234567.005"), vec![2]);
}

#[test]
fn amounts_indexed_by_the_old_trigger_are_found_after_the_upgrade_with_the_new_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        crate::store::schema::register_functions(&conn).unwrap();
        for sql in &crate::store::schema::MIGRATIONS[..12] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 12).unwrap();
        // Version 12's insert trigger indexes this amount.
        conn.execute(
            "INSERT INTO transactions (seq, id, account_id, amount, currency, date, booking,
               label, first_seen, updated_at)
             VALUES (1, 'oxlin:old', 'oxlin:a0', '-12.30', 'EUR', '2024-01-01', 'booked', 'x',
               1, 1)",
            [],
        )
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(
        crate::store::schema::version(&store.conn).unwrap(),
        crate::store::schema::VERSION
    );
    sync(&mut store, &[(2, Decimal::new(-1230, 2))], 1_700_000_000);
    assert_eq!(found(&store, "-12.30"), vec![1, 2]);
    // Schema 14 rebuilt the short-text index from the stored lines (the old line, written
    // after schema 12 filled it, was not in it); a removed line leaves both.
    let short = |store: &Store| -> Vec<i64> {
        let mut stmt = store
            .conn
            .prepare("SELECT rowid FROM transactions_grams WHERE transactions_grams MATCH 'x2d'")
            .unwrap();
        let rows = stmt.query_map([], |r| r.get(0)).unwrap();
        rows.collect::<Result<_, _>>().unwrap()
    };
    assert_eq!(short(&store), vec![1, 2]);
    store
        .conn
        .execute("DELETE FROM transactions WHERE seq = 1", [])
        .unwrap();
    assert_eq!(found(&store, "-12.30"), vec![2]);
    assert_eq!(short(&store), vec![2]);
    store
        .conn
        .execute_batch(
            "INSERT INTO transactions_grams (transactions_grams) VALUES ('integrity-check');
             INSERT INTO transactions_amount (transactions_amount) VALUES ('integrity-check');",
        )
        .unwrap();
}
