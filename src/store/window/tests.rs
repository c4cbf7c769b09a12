//! The window's stories: reading a query page by page, forwards from the first row or backwards
//! from the last, gives exactly the rows a plain sort of every row gives (a model written the
//! obvious way, here), for random stores, selections, sorts and page sizes, whether the search
//! is served by listing the indexes' matches or by checking rows (a row budget of 0 to 5
//! makes a small store's matches common, a walk of 0 to 11 rows makes walks give way); the
//! count agrees.

use chrono::{DateTime, NaiveDate};
use proptest::prelude::*;
use rust_decimal::Decimal;

use super::search::{matches, needles};
use super::*;
use crate::domain::{Booking, BookingStatus, NameLanguage, Transaction, category_name};
use crate::store::read_model::rows::search_text;
use crate::store::{SyncBatch, test_bank};

const LABELS: [&str; 6] = [
    "CB Boulangerie",
    "ECHEANCE Prêt IMMO",
    "virement salaire",
    "PRLV EDF",
    "cb boulangerie",
    "Café",
];
const CATEGORIES: [Option<&str>; 4] = [Some("FOOD"), Some("SALARY"), None, Some("ZZ_OTHER")];

/// One generated transaction: (account 0..3, day 1..28, cents, label, category, pending).
pub(super) type Line = (usize, u32, i64, usize, usize, bool);

fn transaction(i: usize, line: &Line) -> Transaction {
    let (account, day, cents, label, category, pending) = *line;
    Transaction {
        booking: if pending {
            Booking::Pending
        } else {
            Booking::Booked
        },
        notes: i.is_multiple_of(5).then(|| "Réf. 42".into()),
        category: CATEGORIES[category].map(Into::into),
        ..test_bank::line(
            &format!("t{i:03}"),
            &format!("a{account}"),
            Decimal::new(cents, 2),
            NaiveDate::from_ymd_opt(2024, 2, day),
            LABELS[label],
        )
    }
}

pub(super) fn store_with(lines: &[Line]) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.sqlite")).unwrap();
    store
        .apply(
            &batch(lines),
            DateTime::from_timestamp(1_700_000_000, 0).unwrap(),
        )
        .unwrap();
    (dir, store)
}

/// One sync of the bank of `lines`: one connection, three accounts.
pub(super) fn batch(lines: &[Line]) -> SyncBatch {
    // Names sort in another order than ids: a2 "Alpha", a0 "beta", a1 "Gamma".
    let names = ["beta", "Gamma", "Alpha"];
    test_bank::sync_of(
        (0..3)
            .map(|a| test_bank::account(&format!("a{a}"), names[a]))
            .collect(),
        lines
            .iter()
            .enumerate()
            .map(|(i, l)| transaction(i, l))
            .collect(),
    )
}

/// The model: every transaction, selected and sorted the obvious way; their ids.
pub(super) fn model(lines: &[Line], query: &TxQuery) -> Vec<String> {
    let s = &query.selection;
    let (needle, amount) = needles(&s.search);
    let account_rank = |a: &str| match a {
        "oxlin:a2" => 0,
        "oxlin:a0" => 1,
        _ => 2,
    };
    let mut rows: Vec<Transaction> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| transaction(i, l))
        .filter(|t| {
            let day = t.filing_date();
            let hay = search_text(&t.label, t.notes.as_deref(), t.amount.amount);
            s.account.as_deref().is_none_or(|a| a == t.account_id.key())
                && s.from.is_none_or(|d| day >= d)
                && s.to.is_none_or(|d| day <= d)
                && s.status.is_none_or(|st| st == t.booking.status())
                && s.min.is_none_or(|m| t.amount.amount >= m)
                && s.max.is_none_or(|m| t.amount.amount <= m)
                && s.category
                    .as_deref()
                    .is_none_or(|c| Some(c) == t.category.as_deref())
                && (s.search.is_empty() || matches(&hay, &needle, amount.as_deref()))
        })
        .collect();
    let category = |t: &Transaction| match t.category.as_deref() {
        None => "\u{10ffff}".to_string(),
        Some(c) => category_name(Some(c), query.language).to_string(),
    };
    rows.sort_by(|a, b| {
        let by_date = (a.filing_date(), a.id.key()).cmp(&(b.filing_date(), b.id.key()));
        match query.sort.column {
            SortColumn::Date => by_date,
            SortColumn::Amount => (a.amount.amount, a.id.key()).cmp(&(b.amount.amount, b.id.key())),
            SortColumn::Label => (a.label.to_ascii_lowercase(), a.id.key())
                .cmp(&(b.label.to_ascii_lowercase(), b.id.key())),
            SortColumn::Account => account_rank(a.account_id.key())
                .cmp(&account_rank(b.account_id.key()))
                .then(by_date),
            SortColumn::Status => (a.booking.status() == BookingStatus::Pending)
                .cmp(&(b.booking.status() == BookingStatus::Pending))
                .then(by_date),
            SortColumn::Category => category(a).cmp(&category(b)).then(by_date),
        }
    });
    if query.sort.descending {
        rows.reverse();
    }
    rows.iter().map(|t| t.id.key().to_string()).collect()
}

pub(super) fn ids(window: &Window) -> Vec<String> {
    (0..window.rows.len() as u32)
        .map(|i| window.rows.get(i).id.to_string())
        .collect()
}

/// Every row of `query`, `n` at a time, forwards from the first.
fn forwards(store: &Store, query: &TxQuery, n: usize) -> Vec<String> {
    forwards_within(store, query, n, (plan::BUDGET, plan::WALK))
}

/// [`forwards`], the search's row budget and walk `limits` (a budget of 0: every search the
/// indexes serve is checked row by row instead; a walk of 0: every walk gives way at once).
fn forwards_within(
    store: &Store,
    query: &TxQuery,
    n: usize,
    limits: (usize, usize),
) -> Vec<String> {
    let mut all = Vec::new();
    let mut anchor = Anchor::First;
    loop {
        let page = store
            .window_with_budget(query, &anchor, n, limits, None)
            .unwrap();
        all.extend(ids(&page));
        match page.cursors.last() {
            Some(last) if page.cursors.len() == n => anchor = Anchor::After(last.clone()),
            _ => return all,
        }
    }
}

/// Every row of `query`, `n` at a time, backwards from the last (returned in order), the
/// search's row budget and walk `limits`.
fn backwards(store: &Store, query: &TxQuery, n: usize, limits: (usize, usize)) -> Vec<String> {
    let mut all = Vec::new();
    let mut anchor = Anchor::Last;
    loop {
        let page = store
            .window_with_budget(query, &anchor, n, limits, None)
            .unwrap();
        let mut got = ids(&page);
        got.extend(all);
        all = got;
        match page.cursors.first() {
            Some(first) if page.cursors.len() == n => anchor = Anchor::Before(first.clone()),
            _ => return all,
        }
    }
}

pub(super) fn query(column: SortColumn, descending: bool) -> TxQuery {
    TxQuery {
        sort: Sort { column, descending },
        ..TxQuery::default()
    }
}

#[test]
fn paging_through_every_sort_gives_every_row_once_in_order() {
    let lines: Vec<Line> = (0..40)
        .map(|i| {
            (
                i % 3,
                1 + (i as u32 * 7) % 5,
                (i as i64 * 37) % 200 - 100,
                i % 6,
                i % 4,
                i % 7 == 0,
            )
        })
        .collect();
    let (_dir, store) = store_with(&lines);
    for column in SortColumn::ALL {
        for descending in [false, true] {
            let q = query(column, descending);
            let want = model(&lines, &q);
            assert_eq!(want.len(), 40);
            assert_eq!(forwards(&store, &q, 7), want, "{column:?} {descending}");
            assert_eq!(
                backwards(&store, &q, 7, (plan::BUDGET, plan::WALK)),
                want,
                "{column:?} {descending} backwards"
            );
            assert_eq!(store.tx_count(&q).unwrap(), 40);
        }
    }
}

#[test]
fn categories_sort_by_their_name_in_the_ui_language() {
    // FOOD is "Groceries" in English, "Alimentation" in French; SALARY "Salary"/"Salaire".
    let lines: Vec<Line> = vec![(0, 1, 100, 0, 1, false), (0, 2, 100, 0, 0, false)];
    let (_dir, store) = store_with(&lines);
    let mut q = query(SortColumn::Category, false);
    q.language = NameLanguage::French;
    let first = store.tx_window(&q, &Anchor::First, 1).unwrap();
    assert_eq!(
        first.rows.get(0).category,
        Some("FOOD"),
        "Alimentation first"
    );
    q.language = NameLanguage::English;
    let first = store.tx_window(&q, &Anchor::First, 1).unwrap();
    assert_eq!(
        first.rows.get(0).category,
        Some("FOOD"),
        "Groceries before Salary"
    );
}

#[test]
fn search_finds_accents_amounts_and_short_text_as_the_screen_always_did() {
    let lines: Vec<Line> = (0..12)
        .map(|i| (0, 1 + i as u32, -4210 + i as i64, i % 6, 0, false))
        .collect();
    let (_dir, store) = store_with(&lines);
    for typed in [
        "pret", "PRÊT", "boul", "cb", "42,1", "-42.10", "42,0", "réf", "z", "café",
    ] {
        let mut q = query(SortColumn::Date, true);
        q.selection.search = typed.into();
        let want = model(&lines, &q);
        assert_eq!(forwards(&store, &q, 5), want, "{typed} listed");
        for limits in [(0, 0), (0, 3), (0, 100)] {
            let got = forwards_within(&store, &q, 5, limits);
            assert_eq!(got, want, "{typed} checked, {limits:?}");
        }
        assert_eq!(store.tx_count(&q).unwrap(), want.len(), "{typed}");
    }
}

fn selection() -> impl Strategy<Value = TxSelection> {
    let day = |d: u32| NaiveDate::from_ymd_opt(2024, 2, d);
    (
        prop::option::of(0..3usize),
        prop::option::of(1..29u32),
        prop::option::of(1..29u32),
        prop::option::of(any::<bool>()),
        prop::option::of(-150..150i64),
        prop::option::of(0..4usize),
        prop::sample::select(vec![
            "",
            "cb",
            "boulangerie",
            "pret",
            "42",
            "-0,5",
            "é",
            "ECH",
            "42,0",
            "0,5",
            "-1,",
            "ment sal",
        ]),
    )
        .prop_map(
            move |(account, from, to, pending, min, category, search)| TxSelection {
                account: account.map(|a| format!("oxlin:a{a}")),
                from: from.and_then(day),
                to: to.and_then(day),
                status: pending.map(|p| {
                    if p {
                        BookingStatus::Pending
                    } else {
                        BookingStatus::Booked
                    }
                }),
                min: min.map(|m| Decimal::new(m, 2)),
                max: None,
                category: category.and_then(|c| CATEGORIES[c]).map(Into::into),
                search: search.into(),
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn any_query_paged_any_way_agrees_with_the_model(
        lines in prop::collection::vec(
            (0..3usize, 1..29u32, -200..200i64, 0..6usize, 0..4usize, any::<bool>()), 0..40),
        selection in selection(),
        column in prop::sample::select(SortColumn::ALL.to_vec()),
        descending in any::<bool>(),
        n in 1..9usize,
        budget in 0..6usize,
        walk in 0..12usize,
    ) {
        let (_dir, store) = store_with(&lines);
        let mut q = query(column, descending);
        q.selection = selection;
        let want = model(&lines, &q);
        prop_assert_eq!(&forwards_within(&store, &q, n, (budget, walk)), &want);
        prop_assert_eq!(&backwards(&store, &q, n, (budget, walk)), &want);
        prop_assert_eq!(store.tx_count(&q).unwrap(), want.len());
    }
}
