//! The ranked search's stories (`ranks.rs`): paged any way, a ranked search gives exactly the
//! rows of the obvious model (`tests.rs`), whatever the sort, the search and the walk that
//! gives way to it; the kept orders follow the store when a sync writes, from another
//! connection or from the reader's own; a page after a row that is gone still reads; a search
//! typed a key at a time, whose later keys skip a walk that gave way, reads the same rows.

use chrono::DateTime;
use proptest::prelude::*;

use super::tests::{Line, batch, ids, model, query, store_with};
use super::*;

/// Every row of `q`, `n` at a time, forwards from the first, ranked with `ranks` once a
/// walk of `walk` rows gives way.
fn forwards(store: &Store, ranks: &mut Ranks, q: &TxQuery, n: usize, walk: usize) -> Vec<String> {
    let mut all = Vec::new();
    let mut anchor = Anchor::First;
    loop {
        let page = store
            .window_with_budget(q, &anchor, n, (0, walk), Some(ranks))
            .unwrap();
        all.extend(ids(&page));
        match page.cursors.last() {
            Some(last) if page.cursors.len() == n => anchor = Anchor::After(last.clone()),
            _ => return all,
        }
    }
}

/// [`forwards`], backwards from the last (returned in order).
fn backwards(store: &Store, ranks: &mut Ranks, q: &TxQuery, n: usize, walk: usize) -> Vec<String> {
    let mut all = Vec::new();
    let mut anchor = Anchor::Last;
    loop {
        let page = store
            .window_with_budget(q, &anchor, n, (0, walk), Some(ranks))
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

fn lines(count: usize) -> Vec<Line> {
    (0..count)
        .map(|i| {
            (
                i % 3,
                1 + (i as u32 * 7) % 27,
                (i as i64 * 37) % 300 - 150,
                i % 6,
                i % 4,
                i % 7 == 0,
            )
        })
        .collect()
}

#[test]
fn a_common_search_the_walk_gives_up_on_is_ranked_in_every_sort() {
    let lines = lines(60);
    let (_dir, store) = store_with(&lines);
    let mut ranks = Ranks::default();
    for typed in ["boulangerie", "cb", "é", "42", "-0,5", "ment sal"] {
        for column in SortColumn::ALL {
            for descending in [false, true] {
                let mut q = query(column, descending);
                q.selection.search = typed.into();
                let want = model(&lines, &q);
                let label = format!("{typed} {column:?} {descending}");
                assert_eq!(forwards(&store, &mut ranks, &q, 4, 0), want, "{label}");
                assert_eq!(backwards(&store, &mut ranks, &q, 4, 0), want, "{label}");
            }
        }
    }
    assert!(!ranks.is_empty(), "the walks gave way to ranked reads");
}

#[test]
fn a_sync_written_after_the_order_was_read_is_seen_by_the_next_search() {
    let first = lines(30);
    let (dir, store) = store_with(&first);
    let mut ranks = Ranks::default();
    let mut q = query(SortColumn::Label, false);
    q.selection.search = "r".into();
    assert_eq!(forwards(&store, &mut ranks, &q, 5, 0), model(&first, &q));
    // Another connection (a sync) renames every line: the same rows, in another order.
    let renamed: Vec<Line> = first
        .iter()
        .map(|&(a, d, c, label, cat, p)| (a, d, c, [1, 2, 3, 0, 5, 4][label], cat, p))
        .collect();
    let mut writer = Store::open(&dir.path().join("s.sqlite")).unwrap();
    write(&mut writer, &renamed);
    assert_eq!(forwards(&store, &mut ranks, &q, 5, 0), model(&renamed, &q));
    // Then the reader's own connection writes the first names back.
    let mut store = store;
    write(&mut store, &first);
    assert_eq!(forwards(&store, &mut ranks, &q, 5, 0), model(&first, &q));
    // And more lines, which the kept order does not know.
    let more = lines(45);
    write(&mut writer, &more);
    assert_eq!(forwards(&store, &mut ranks, &q, 5, 0), model(&more, &q));
}

#[test]
fn typing_on_a_search_whose_walk_gave_way_skips_the_walk_and_reads_the_same_rows() {
    let lines = lines(60);
    let (_dir, store) = store_with(&lines);
    let mut ranks = Ranks::default();
    for typed in [
        "b",
        "bo",
        "bou",
        "boul",
        "boulangerie",
        "boul",
        "e",
        "ec",
        "ech",
    ] {
        for descending in [false, true] {
            let mut q = query(SortColumn::Label, descending);
            q.selection.search = typed.into();
            let want = model(&lines, &q);
            let label = format!("{typed} {descending}");
            assert_eq!(forwards(&store, &mut ranks, &q, 4, 2), want, "{label}");
            assert_eq!(backwards(&store, &mut ranks, &q, 4, 2), want, "{label}");
        }
    }
    assert!(ranks.gave_way.skipped > 0, "a longer text skipped the walk");
}

/// `lines` synced into `store` (the ones already there are kept, the new ones added).
fn write(store: &mut Store, lines: &[Line]) {
    store
        .apply(
            &batch(lines),
            DateTime::from_timestamp(1_700_000_100, 0).unwrap(),
        )
        .unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn any_ranked_search_paged_any_way_agrees_with_the_model(
        lines in prop::collection::vec(
            (0..3usize, 1..29u32, -200..200i64, 0..6usize, 0..4usize, any::<bool>()), 0..40),
        search in prop::sample::select(vec![
            "cb", "boulangerie", "pret", "42", "-0,5", "é", "ECH", "42,0", "0,5", "-1,",
            "ment sal", "z",
        ]),
        column in prop::sample::select(SortColumn::ALL.to_vec()),
        descending in any::<bool>(),
        n in 1..9usize,
        walk in 0..12usize,
    ) {
        let (_dir, store) = store_with(&lines);
        let mut q = query(column, descending);
        q.selection.search = search.into();
        let want = model(&lines, &q);
        let mut ranks = Ranks::default();
        prop_assert_eq!(&forwards(&store, &mut ranks, &q, n, walk), &want);
        prop_assert_eq!(&backwards(&store, &mut ranks, &q, n, walk), &want);
    }

    #[test]
    fn any_search_typed_a_key_at_a_time_reads_the_models_rows_at_each_key(
        lines in prop::collection::vec(
            (0..3usize, 1..29u32, -200..200i64, 0..6usize, 0..4usize, any::<bool>()), 0..40),
        typed in prop::sample::select(vec![
            "boulangerie", "pret", "-0,5", "ech", "42,0", "ment sal", "écheance",
        ]),
        column in prop::sample::select(SortColumn::ALL.to_vec()),
        descending in any::<bool>(),
        n in 1..9usize,
        walk in 0..12usize,
    ) {
        let (_dir, store) = store_with(&lines);
        let mut ranks = Ranks::default();
        let keys: Vec<usize> = typed.char_indices().map(|(i, c)| i + c.len_utf8()).collect();
        for end in keys {
            let mut q = query(column, descending);
            q.selection.search = typed[..end].into();
            let want = model(&lines, &q);
            prop_assert_eq!(&forwards(&store, &mut ranks, &q, n, walk), &want);
            prop_assert_eq!(&backwards(&store, &mut ranks, &q, n, walk), &want);
        }
    }
}
