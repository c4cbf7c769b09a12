//! The transaction ids a read has listed lately: those of the group of pages being read and of
//! the group before it, so that a line listed twice across a page boundary is written once and
//! a server that ignores `page` (sending a page already read) is caught, with memory bounded by
//! two groups whatever the account's size.
//!
//! Before, a read kept every id it had listed (a `HashSet` of them all): about 20 MB at the
//! peak of a sync of a million lines (an account of 333,000), growing with the account
//! (heaptrack over `benches/client_large`, `COFFRE_BENCH_WRAP`).
//!
//! Choice (ours): a page boundary moves under a read by a line per line the bank removed or
//! inserted before the read's point, never by a whole group (2,000 lines); a line listed again
//! further away than that would be written again, which the store's upserts by id make harmless
//! (it is counted as seen before, not new). A server cycling through more than two groups of
//! pages without a short one is stopped by the sync's deadline, not here.

use std::collections::HashSet;

/// The ids listed by the group being read and by the one before it.
#[derive(Debug, Default)]
pub(super) struct RecentIds {
    /// The group before the one being read.
    previous: HashSet<String>,
    /// The group being read.
    current: HashSet<String>,
}

impl RecentIds {
    /// Notes `id` as listed; false when the current or the previous group listed it already.
    pub(super) fn first_time(&mut self, id: &str) -> bool {
        !self.previous.contains(id) && self.current.insert(id.to_owned())
    }

    /// A new group starts: the one just read becomes the previous one, the one before is
    /// forgotten.
    pub(super) fn next_group(&mut self) {
        self.previous = std::mem::take(&mut self.current);
    }

    /// How many ids are kept (two groups at most).
    #[cfg(test)]
    fn len(&self) -> usize {
        self.previous.len() + self.current.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_listed_again_across_a_group_boundary_is_kept_once() {
        let mut ids = RecentIds::default();
        assert!(ids.first_time("t1"));
        assert!(ids.first_time("t2"));
        assert!(!ids.first_time("t2"), "listed twice in one group");
        ids.next_group();
        assert!(!ids.first_time("t2"), "listed again by the next group");
        assert!(ids.first_time("t3"));
    }

    #[test]
    fn a_long_read_keeps_the_ids_of_two_groups_only() {
        let mut ids = RecentIds::default();
        for group in 0..100 {
            for line in 0..2_000 {
                assert!(ids.first_time(&format!("g{group}-t{line}")));
            }
            assert!(ids.len() <= 4_000, "{} ids kept", ids.len());
            ids.next_group();
        }
        assert_eq!(ids.len(), 2_000);
        assert!(
            ids.first_time("g0-t0"),
            "a group long gone is forgotten: the store's upsert by id takes the line again"
        );
    }
}
