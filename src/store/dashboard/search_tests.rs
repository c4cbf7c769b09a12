//! The transactions search as a user types it, asked of the store (`Store::tx_window`, what the
//! transactions view reads): amounts as the screen shows them and as the store keeps them,
//! accents and case ignored; and a property: typing one more character only ever narrows the
//! matches. (These stories were the in-memory table's; they moved here with the search.)

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::store::window::{Anchor, Sort, SortColumn, TxQuery, TxSelection};
use crate::store::{Store, test_bank};

/// A store holding one account with these `(amount, label)` lines, ids `t0`, `t1`, … in order.
fn store_with(lines: &[(Decimal, &str)]) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.sqlite")).unwrap();
    let date = NaiveDate::from_ymd_opt(2026, 1, 5);
    let transactions = lines
        .iter()
        .enumerate()
        .map(|(i, (amount, label))| test_bank::line(&format!("t{i}"), "a1", *amount, date, label))
        .collect();
    let batch = test_bank::sync_of(vec![test_bank::account("a1", "Compte")], transactions);
    store
        .apply(
            &batch,
            chrono::DateTime::from_timestamp(1_767_600_000, 0).unwrap(),
        )
        .unwrap();
    (dir, store)
}

fn sample() -> (tempfile::TempDir, Store) {
    let amount = |a: &str| a.parse::<Decimal>().unwrap();
    store_with(&[
        (amount("-42.1"), "CB BOULANGERIE"),
        (amount("950"), "ECHEANCE Prêt IMMO"),
        (amount("1234.5"), "VIREMENT SALAIRE"),
        (amount("-0.125"), "FRAIS"),
    ])
}

/// The rows `typed` finds, as the view asks (every row, by id), as their numbers.
fn found(store: &Store, typed: &str) -> Vec<usize> {
    let query = TxQuery {
        selection: TxSelection {
            search: typed.into(),
            ..TxSelection::default()
        },
        sort: Sort {
            column: SortColumn::Date,
            descending: false,
        },
        ..TxQuery::default()
    };
    let window = store.tx_window(&query, &Anchor::First, 1_000).unwrap();
    let mut found: Vec<usize> = (0..window.rows.len() as u32)
        .filter_map(|i| window.rows.get(i).id.strip_prefix("oxlin:t")?.parse().ok())
        .collect();
    found.sort_unstable();
    found
}

#[test]
fn search_finds_amounts_as_displayed_and_stored() {
    let (_dir, store) = sample();
    for typed in ["42,10", "42.10", "-42,10", "-42.1", "42,1"] {
        assert_eq!(found(&store, typed), [0], "{typed}");
    }
    for typed in ["950,00", "950.00", "+950,00"] {
        assert_eq!(found(&store, typed), [1], "{typed}");
    }
    assert_eq!(found(&store, "1 234,50"), [2], "French thousands spaces");
    assert_eq!(
        found(&store, "-0,12"),
        [3],
        "the rounded amount the screen shows"
    );
    assert_eq!(found(&store, "-0.125"), [3], "the stored amount");
    assert!(found(&store, "42,11").is_empty());
}

#[test]
fn search_ignores_accents_and_case() {
    let (_dir, store) = sample();
    for typed in ["pret", "PRÊT", "prêt", "Pret immo"] {
        assert_eq!(found(&store, typed), [1], "{typed}");
    }
    assert_eq!(found(&store, "boulangerie"), [0]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn typing_one_more_character_only_narrows(
        typed in "[0-9a-eé ,.+-]{1,6}",
        amounts in prop::collection::vec(-100_000i64..100_000, 1..20),
    ) {
        let lines: Vec<_> = amounts
            .iter()
            .map(|a| (Decimal::new(*a, 2), "Prêt à 1,5 % cb"))
            .collect();
        let (_dir, store) = store_with(&lines);
        let mut shown: Vec<usize> = (0..lines.len()).collect();
        let mut so_far = String::new();
        for c in typed.chars() {
            so_far.push(c);
            let now = found(&store, &so_far);
            prop_assert!(now.iter().all(|i| shown.contains(i)), "{:?} widened", so_far);
            shown = now;
        }
    }
}
