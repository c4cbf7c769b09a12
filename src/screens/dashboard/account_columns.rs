//! Which columns an account line of the accounts view gets at a given width. The name and the
//! balance always show, whole: the balance column is as wide as the widest balance needs, and
//! the name keeps at least the longest name's width (up to [`NAME_MIN`]). The other columns come
//! in order of use while they fit — the freshness badge, the type, the masked IBAN, the
//! sparkline — and give way in the reverse order on a narrower window, so at 40 columns the
//! names survive and at 80 every column shows.
//!
//! The balance column keeps a blank on either side of the widest balance when there is room
//! (then the IBAN column sits on its left); on a window too narrow for that, no optional column
//! shows and the name leaves the blank.
//!
//! A name longer than its column is cut with `…` by display width ([`name_cell`]), leaving at
//! least one blank column before the balance at every width, so a name never reads as part of
//! the amount; its control characters and escape sequences are dropped first
//! (`crate::sanitize::clean_line`), so a name can neither move the cursor nor shift the balance.

use ratatui::layout::Constraint;
use unicode_truncate::UnicodeTruncateStr;
use unicode_width::UnicodeWidthStr;

/// The most columns a name is promised before the optional columns are dropped.
pub const NAME_MIN: usize = 15;

/// The balance column's width when there is room (the layout of an 80-column terminal).
const BALANCE_ROOMY: usize = 16;

/// Widths of the optional columns, in the order they are added.
const BADGE: usize = 14;
const KIND: usize = 11;
const IBAN: usize = 15;
const SPARK: usize = 9;

/// The columns of every account line of one frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct AccountColumns {
    /// The type (`Checking`), 0 when dropped.
    pub kind: u16,
    /// The masked IBAN, 0 when dropped.
    pub iban: u16,
    /// The balance, right-aligned.
    pub balance: u16,
    /// The sparkline, 0 when dropped.
    pub spark: u16,
    /// The freshness badge, 0 when dropped.
    pub badge: u16,
}

impl AccountColumns {
    /// The columns for `width`, the longest name and the widest balance text (in columns).
    pub fn plan(width: u16, longest_name: usize, widest_balance: usize) -> Self {
        let width = usize::from(width);
        let name = longest_name.min(NAME_MIN);
        // The balance is drawn right-aligned with one blank after it; with room, one blank
        // before it too, so the IBAN column on its left never touches the widest balance.
        let tight = widest_balance + 1;
        let roomy = BALANCE_ROOMY.max(widest_balance + 2);
        let balance = if name + roomy <= width { roomy } else { tight };
        let mut used = name + balance;
        let mut take = |w: usize| {
            if used + w <= width {
                used += w;
                w
            } else {
                // Once one column gives way, the ones after it do too (a predictable order).
                used = usize::MAX / 2;
                0
            }
        };
        let badge = take(BADGE);
        let kind = take(KIND);
        let iban = take(IBAN);
        let spark = take(SPARK);
        let cols = |w: usize| u16::try_from(w).unwrap_or(u16::MAX);
        AccountColumns {
            kind: cols(kind),
            iban: cols(iban),
            balance: cols(balance),
            spark: cols(spark),
            badge: cols(badge),
        }
    }

    /// The layout: type, name (the rest), IBAN, balance, sparkline, badge.
    pub fn constraints(&self) -> [Constraint; 6] {
        [
            Constraint::Length(self.kind),
            Constraint::Fill(1),
            Constraint::Length(self.iban),
            Constraint::Length(self.balance),
            Constraint::Length(self.spark),
            Constraint::Length(self.badge),
        ]
    }
}

/// The name column's text in a column `width` wide: `indent`, the account's `name` (its
/// control characters and escape sequences dropped) and `suffix`, cut with `…` when longer than
/// `width - 1` display columns, so the last column stays blank before the balance.
pub(super) fn name_cell(indent: &str, name: &str, suffix: &str, width: u16) -> String {
    let text = format!("{indent}{}{suffix}", crate::sanitize::clean_line(name));
    let room = usize::from(width.saturating_sub(1));
    if text.width() <= room {
        return text;
    }
    if room == 0 {
        return String::new();
    }
    let (kept, _) = text.unicode_truncate(room - 1);
    format!("{}…", kept.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_shows_at_80_columns_as_before() {
        let c = AccountColumns::plan(80, 14, 13);
        assert_eq!(
            (c.kind, c.iban, c.balance, c.spark, c.badge),
            (11, 15, 16, 9, 14)
        );
    }

    #[test]
    fn at_40_columns_the_names_keep_their_width_and_the_extras_give_way() {
        let c = AccountColumns::plan(40, 14, 13);
        assert_eq!((c.kind, c.iban, c.spark, c.badge), (0, 0, 0, 0));
        let name = 40 - c.balance as usize;
        assert!(name >= 14, "{name} columns for a 14-column name");
        let c = AccountColumns::plan(50, 14, 13);
        assert_eq!((c.badge, c.kind, c.iban), (14, 0, 0), "the badge goes last");
    }

    #[test]
    fn a_huge_balance_widens_its_column_rather_than_being_cut() {
        let c = AccountColumns::plan(80, 14, "-1 234 567 890,00 €".chars().count());
        assert_eq!(c.balance, 21, "a blank on either side");
        let c = AccountColumns::plan(20, 14, 12);
        assert_eq!(c.balance, 13, "tight on a tiny window");
    }

    #[test]
    fn a_long_name_is_cut_with_an_ellipsis_and_leaves_a_blank_before_the_balance() {
        assert_eq!(name_cell("", "Compte chèques", "", 8), "Compte…");
        assert_eq!(name_cell("", "Livret A", "", 9), "Livret A");
        assert_eq!(name_cell("", "Livret A", "", 8), "Livret…");
        assert_eq!(name_cell("  ", "Livret A", "", 8), "  Livr…");
        assert_eq!(name_cell("", "Livret A", "", 2), "…");
        assert_eq!(name_cell("", "Livret A", "", 1), "");
        assert_eq!(name_cell("", "Livret A", "", 0), "");
        // Wide characters count two columns each.
        assert_eq!(name_cell("", "日本の口座", "", 8), "日本の…");
    }

    proptest::proptest! {
        #[test]
        fn no_name_fills_its_column_whatever_it_holds(name in "\\PC{0,40}|[\\x00-\\x7f]{0,40}", width in 0u16..60) {
            let cell = name_cell("  ", &name, " (archived)", width);
            proptest::prop_assert!(cell.width() < usize::from(width).max(1), "{cell:?} in {width}");
            proptest::prop_assert!(!cell.chars().any(char::is_control), "{cell:?}");
        }
    }
}
