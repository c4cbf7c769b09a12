//! The amount index's stories: every amount is indexed spelled exactly as the search rule
//! spells it (any sign, scale and rounding), and the index follows the rows through inserts,
//! changes of amount and deletes.

use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::store::Store;
use crate::store::read_model::rows::search_text;

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
    // The text index is fed by the writer, not a trigger (schema 10): as `write::lines` does.
    store
        .conn
        .execute(
            "INSERT INTO transactions_text (rowid, label, notes) VALUES (?1, 'x', NULL)",
            [seq],
        )
        .unwrap();
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
    let (_dir, store) = empty_store();
    insert(&store, 1, "-12.30");
    insert(&store, 2, "99.99");
    store
        .conn
        .execute(
            "UPDATE transactions SET amount = '-45.60' WHERE seq = 1",
            [],
        )
        .unwrap();
    assert_eq!(found(&store, "12.30"), Vec::<i64>::new());
    assert_eq!(found(&store, "45.60"), vec![1]);
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
