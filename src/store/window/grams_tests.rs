//! The short-text index's stories: a search of one or two characters listed by
//! `transactions_grams` finds exactly the rows the search rule finds, for random text (accents,
//! case, punctuation, emoji, tabs, amounts of any scale), and stays exact when a sync changes a
//! line's text or amount, or drops it. A long word the ranked window lists loosely (its first
//! and last trigrams) is checked: a row holding them apart is not found.

use std::str::FromStr;

use chrono::{DateTime, NaiveDate};
use proptest::prelude::*;
use rust_decimal::Decimal;

use super::plan::Plan;
use super::search::{matches, needles};
use super::tests::{batch, ids};
use super::*;
use crate::domain::{Booking, Transaction};
use crate::store::read_model::rows::search_text;
use crate::store::test_bank;

/// One random line: label, notes, amount.
type Text = (String, Option<String>, String);

fn line(i: usize, (label, notes, amount): &Text, pending: bool) -> Transaction {
    Transaction {
        booking: if pending {
            Booking::Pending
        } else {
            Booking::Booked
        },
        notes: notes.clone(),
        ..test_bank::line(
            &format!("g{i:03}"),
            "a0",
            Decimal::from_str(amount).unwrap(),
            NaiveDate::from_ymd_opt(2024, 3, 1),
            label,
        )
    }
}

/// Writes `texts` as one sync (replacing the lines of the same ids).
fn write(store: &mut Store, texts: &[Text]) {
    let mut sync = batch(&[]);
    sync.synced[0].transactions = texts
        .iter()
        .enumerate()
        .map(|(i, t)| line(i, t, false))
        .collect();
    store
        .apply(&sync, DateTime::from_timestamp(1_700_000_000, 0).unwrap())
        .unwrap();
}

/// The ids of the rows the rule finds for `typed`.
fn by_the_rule(texts: &[Text], typed: &str) -> Vec<String> {
    let (needle, amount) = needles(typed);
    texts
        .iter()
        .enumerate()
        .filter(|(_, (label, notes, a))| {
            let hay = search_text(label, notes.as_deref(), Decimal::from_str(a).unwrap());
            matches(&hay, &needle, amount.as_deref())
        })
        .map(|(i, _)| format!("oxlin:g{i:03}"))
        .collect()
}

/// The ids of the rows the indexes list for `typed` (panics when they cannot list it).
fn by_the_index(store: &Store, typed: &str) -> Vec<String> {
    let Plan::Listed(lookup) = Plan::for_count(typed) else {
        panic!("'{typed}' is not listed by an index");
    };
    let mut q = TxQuery::default();
    q.selection.search = typed.into();
    assert_eq!(store.tx_count(&q).unwrap(), {
        lookup.count(&store.conn).unwrap()
    });
    let mut ids = ids(&store.tx_window(&q, &Anchor::First, 1_000).unwrap());
    ids.sort();
    ids
}

#[test]
fn one_or_two_characters_find_label_notes_and_amount_as_the_rule_does() {
    let texts: Vec<Text> = [
        ("PHARMACIE Prêt", None, "-42.10"),
        ("CB Café", Some("réf. 15"), "7"),
        ("Œuvre 🎉!", Some("a\tb"), "1.005"),
        ("virement", None, "150"),
    ]
    .iter()
    .map(|(l, n, a)| (l.to_string(), n.map(str::to_string), a.to_string()))
    .collect();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.sqlite")).unwrap();
    write(&mut store, &texts);
    for typed in [
        "p", "ph", "PH", "ê", "e", "oe", "🎉", "! ", "15", "15,", "0,", "1.", "-4", ".", " ", "7",
        "+", "zz",
    ] {
        if needles(typed).1.as_deref() == Some("") {
            // An empty amount (every row: `+`, ` `) is left to the walk, which fills at once.
            assert!(!matches!(Plan::for_count(typed), Plan::Listed(_)));
            continue;
        }
        let mut want = by_the_rule(&texts, typed);
        want.sort();
        assert_eq!(by_the_index(&store, typed), want, "'{typed}'");
    }
}

/// `(label, notes, amount)` as a [`Text`].
fn text_of(label: &str, notes: Option<&str>, amount: &str) -> Text {
    (label.into(), notes.map(str::to_string), amount.into())
}

#[test]
fn a_line_whose_text_or_amount_changes_is_found_by_its_new_text_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.sqlite")).unwrap();
    // Four syncs revising the same lines (every index's old entries leave as new ones come):
    // the short-text index (`ph`, `1`), the text trigrams (`pharma`), the amount's (`3,50`).
    let syncs: Vec<Vec<Text>> = vec![
        vec![
            text_of("pharmacie", None, "-1.00"),
            text_of("cd", Some("xy"), "2.00"),
        ],
        vec![
            text_of("pharmacie revu", None, "-3.50"),
            text_of("cd", Some("zw"), "2.00"),
            text_of("ef", None, "4"),
        ],
        vec![
            text_of("boulangerie", None, "-3.50"),
            text_of("cd", Some("zw"), "12.25"),
            text_of("ef", Some("note"), "4"),
        ],
        vec![
            text_of("boulangerie", None, "-7.75"),
            text_of("gh", None, "12.25"),
            text_of("ef", Some("note"), "4"),
        ],
    ];
    let typed = [
        "ph", "cd", "xy", "zw", "ef", "gh", "1", "3", "7", "-1", "4,", "pharma", "revu", "boul",
        "note", "1,00", "3,50", "12,25", "7,75", "4,00",
    ];
    for texts in &syncs {
        write(&mut store, texts);
        for typed in typed {
            let mut want = by_the_rule(texts, typed);
            want.sort();
            assert_eq!(by_the_index(&store, typed), want, "'{typed}'");
        }
    }
    store
        .conn
        .execute("DELETE FROM transactions WHERE id = 'oxlin:g001'", [])
        .unwrap();
    for typed in ["gh", "12,25", "2,2"] {
        assert!(by_the_index(&store, typed).is_empty(), "'{typed}'");
    }
    assert_eq!(by_the_index(&store, "ef"), ["oxlin:g002"]);
    store
        .conn
        .execute_batch(
            "INSERT INTO transactions_grams (transactions_grams) VALUES ('integrity-check');
             INSERT INTO transactions_amount (transactions_amount) VALUES ('integrity-check');",
        )
        .unwrap();
}

#[test]
fn a_row_holding_a_words_trigrams_apart_is_not_found_ranked() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.sqlite")).unwrap();
    let texts: Vec<Text> = [
        "cie rma pha",
        "PHARMACIE du centre",
        "pha-rma-cie",
        "Pharmacie",
        "phar macie",
    ]
    .iter()
    .map(|l| (l.to_string(), None, "-1.00".to_string()))
    .collect();
    write(&mut store, &texts);
    let mut ranks = Ranks::default();
    for column in SortColumn::ALL {
        let mut q = super::tests::query(column, false);
        q.selection.search = "pharmacie".into();
        // No row budget, no walk: the loose list, ranked and checked, serves the window.
        let got = store
            .window_with_budget(&q, &Anchor::First, 10, (0, 0), Some(&mut ranks))
            .unwrap();
        let mut got = ids(&got);
        got.sort();
        assert_eq!(got, ["oxlin:g001", "oxlin:g003"], "{column:?}");
    }
}

fn text() -> impl Strategy<Value = String> {
    "[a-dA-DéÉœŒ 0-9.,!\t🎉-]{0,10}"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn any_short_search_listed_by_the_index_agrees_with_the_rule(
        rows in prop::collection::vec(
            (text(), prop::option::of(text()), -100_000i64..100_000, 0u32..5), 0..12),
        typed in prop_oneof!["[a-dA-DéÉœŒ 0-9.,+!\t🎉-]{1,2}", "[0-9.,+ -]{1,2}"],
    ) {
        let (needle, amount) = needles(&typed);
        // Longer once folded (`œ` is `oe`): the trigram index's, not this one's.
        prop_assume!(needle.chars().count() <= 2);
        let texts: Vec<Text> = rows
            .into_iter()
            .map(|(l, n, cents, scale)| (l, n, Decimal::new(cents, scale).to_string()))
            .collect();
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("s.sqlite")).unwrap();
        write(&mut store, &texts);
        let listed = matches!(Plan::for_count(&typed), Plan::Listed(_));
        // Only an empty amount (`+`, spaces) and a tab are left to the walk.
        let unlisted = amount.as_deref() == Some("") || needle.contains('\t');
        prop_assert_eq!(listed, !unlisted);
        if listed {
            let mut want = by_the_rule(&texts, &typed);
            want.sort();
            prop_assert_eq!(by_the_index(&store, &typed), want);
        }
    }
}

proptest! {
    /// The usual row's tokens, computed without its search text, are the rule's tokens.
    #[test]
    fn the_tokens_of_a_plain_row_are_those_of_its_search_text(
        label in prop_oneof!["[ -~]{0,12}", text()],
        notes in prop::option::of(prop_oneof!["[ -~]{0,8}", text()]),
        amount in prop_oneof![
            (-100_000i64..100_000, 0u32..5).prop_map(|(c, s)| Decimal::new(c, s).to_string()),
            "-?[0-9]{1,3}\\.[0-9]{2}",
            "-?0\\.00",
        ],
    ) {
        prop_assert_eq!(
            grams::row_tokens(&label, notes.as_deref(), &amount),
            grams::folded_row_tokens(&label, notes.as_deref(), &amount)
        );
    }
}
