//! The transactions search as a user types it: amounts as the screen shows them and as the
//! store keeps them, accents and case ignored; and a property: typing one more character only
//! ever narrows the matches (the view narrows `shown` at each keystroke instead of searching
//! every row again).

use proptest::prelude::*;
use rust_decimal::Decimal;

use super::TxTable;
use crate::domain::BookingStatus;
use crate::store::read_model::{Transactions, TxRef};

fn row<'a>(id: &'a str, amount: &str, label: &'a str) -> (String, Decimal, &'a str) {
    (id.to_owned(), amount.parse().unwrap(), label)
}

fn table(rows: &[(String, Decimal, &str)]) -> TxTable {
    let mut txs = Transactions::with_capacity(rows.len());
    for (id, amount, label) in rows {
        txs.push(TxRef {
            id,
            account_id: "oxlin:a1",
            date: chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
            value_date: None,
            booking_date: None,
            amount: *amount,
            currency: "EUR",
            label,
            notes: None,
            category: None,
            kind: None,
            status: BookingStatus::Booked,
            imported_at: None,
        });
    }
    TxTable::new(txs, &["oxlin:a1"], &["Compte"])
}

fn sample() -> TxTable {
    table(&[
        row("oxlin:1", "-42.1", "CB BOULANGERIE"),
        row("oxlin:2", "950", "ECHEANCE Prêt IMMO"),
        row("oxlin:3", "1234.5", "VIREMENT SALAIRE"),
        row("oxlin:4", "-0.125", "FRAIS"),
    ])
}

/// The rows `typed` finds, as the view asks (lowercased).
fn found(table: &TxTable, typed: &str) -> Vec<u32> {
    let all: Vec<u32> = (0..table.len() as u32).collect();
    table.search(&all, &typed.to_lowercase())
}

#[test]
fn search_finds_amounts_as_displayed_and_stored() {
    let t = sample();
    for typed in ["42,10", "42.10", "-42,10", "-42.1", "42,1"] {
        assert_eq!(found(&t, typed), [0], "{typed}");
    }
    for typed in ["950,00", "950.00", "+950,00"] {
        assert_eq!(found(&t, typed), [1], "{typed}");
    }
    assert_eq!(found(&t, "1 234,50"), [2], "French thousands spaces");
    assert_eq!(
        found(&t, "-0,12"),
        [3],
        "the rounded amount the screen shows"
    );
    assert_eq!(found(&t, "-0.125"), [3], "the stored amount");
    assert!(found(&t, "42,11").is_empty());
}

#[test]
fn search_ignores_accents_and_case() {
    let t = sample();
    for typed in ["pret", "PRÊT", "prêt", "Pret immo"] {
        assert_eq!(found(&t, typed), [1], "{typed}");
    }
    assert_eq!(found(&t, "boulangerie"), [0]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn typing_one_more_character_only_narrows(
        typed in "[0-9a-eé ,.+-]{1,6}",
        amounts in prop::collection::vec(-100_000i64..100_000, 1..20),
    ) {
        let rows: Vec<_> = amounts
            .iter()
            .enumerate()
            .map(|(i, a)| (format!("oxlin:{i}"), Decimal::new(*a, 2), "Prêt à 1,5 % cb"))
            .collect();
        let t = table(&rows);
        let mut shown: Vec<u32> = (0..t.len() as u32).collect();
        let mut so_far = String::new();
        for c in typed.chars() {
            so_far.push(c);
            shown = t.search(&shown, &so_far.to_lowercase());
            prop_assert_eq!(&shown, &found(&t, &so_far), "{:?}", so_far);
        }
    }
}
