//! The search whose first window's walk last gave way to its ranked read, kept with the
//! sorts' orders ([`super::Ranks`]) by the transactions reader, so that the next keystroke
//! of the same search skips the walk it would give up on again.
//!
//! A first window under a sort that scatters a common search (`pha` under the label sort: every
//! `pharmacie` after every `boulangerie`) walks [`super::plan::WALK`] rows of the order, finds
//! too few matches, and only then ranks the matches (`ranks.rs`): at a million rows the walk
//! was a quarter of such a keystroke (2.9 of 11.4 ms, perf of `benches/store_million`,
//! `STORE_BENCH_SEARCH_REPEAT=Label:pha:80`). Typing on (`phar`, `pharm`…) only narrows the
//! matches (a longer text holds the shorter one), so the same rows of the order hold fewer of
//! them, and the walk would give way again. The choice is only about time: the ranked read is
//! exact, so a wrong guess (a longer text the walk would have served) costs one ranked read,
//! never a different window.

use super::SortColumn;

/// The last first-window walk that gave way, and under which sort.
#[derive(Debug, Default)]
pub(super) struct GaveWay {
    /// The sort, its direction and the search typed, when the last such walk gave way.
    last: Option<(SortColumn, bool, String)>,
    /// Walks skipped so far (tests look).
    #[cfg(test)]
    pub(super) skipped: usize,
}

impl GaveWay {
    /// Whether a first window of `typed` under `column` (`descending`) would walk in vain:
    /// the last walk that gave way was under the same sort, for a text `typed` extends.
    pub(super) fn predicts(&self, column: SortColumn, descending: bool, typed: &str) -> bool {
        matches!(&self.last, Some((c, d, t))
            if *c == column && *d == descending && !t.is_empty() && typed.starts_with(t.as_str()))
    }

    /// Notes a first window's walk: whether it gave way (`gave_way`) for `typed` under
    /// `column` (`descending`).
    pub(super) fn note(
        &mut self,
        column: SortColumn,
        descending: bool,
        typed: &str,
        gave_way: bool,
    ) {
        self.last = gave_way.then(|| (column, descending, typed.to_owned()));
    }

    /// Counts a walk skipped (tests look).
    pub(super) fn skipped_one(&mut self) {
        #[cfg(test)]
        {
            self.skipped += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_on_after_a_walk_gave_way_is_predicted_under_the_same_sort_only() {
        let mut gave_way = GaveWay::default();
        assert!(
            !gave_way.predicts(SortColumn::Label, false, "pha"),
            "nothing noted yet"
        );
        gave_way.note(SortColumn::Label, false, "ph", true);
        assert!(gave_way.predicts(SortColumn::Label, false, "ph"));
        assert!(gave_way.predicts(SortColumn::Label, false, "pharmacie"));
        assert!(
            !gave_way.predicts(SortColumn::Label, false, "p"),
            "a shorter text: more rows"
        );
        assert!(!gave_way.predicts(SortColumn::Label, false, "cb"));
        assert!(
            !gave_way.predicts(SortColumn::Label, true, "pha"),
            "the other direction"
        );
        assert!(
            !gave_way.predicts(SortColumn::Amount, false, "pha"),
            "another sort"
        );
        gave_way.note(SortColumn::Label, false, "pha", false);
        assert!(
            !gave_way.predicts(SortColumn::Label, false, "phar"),
            "the walk served it"
        );
    }
}
