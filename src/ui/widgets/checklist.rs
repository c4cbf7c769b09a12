//! A list of items with a check box each and a cursor: space toggles, `a` checks all or none.
//! Used by the consent screen. The labels are plain strings the caller has already sanitised.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::ui::theme::Theme;

/// The check boxes and where the cursor is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Checklist {
    /// One flag per item, in order.
    pub checked: Vec<bool>,
    /// The item under the cursor.
    pub cursor: usize,
}

impl Checklist {
    /// `len` items, all checked (consent defaults to "yes", the user unticks what to refuse).
    pub fn all_checked(len: usize) -> Self {
        Checklist {
            checked: vec![true; len],
            cursor: 0,
        }
    }

    /// Moves the cursor, staying inside the list.
    pub fn move_by(&mut self, delta: isize) {
        if self.checked.is_empty() {
            return;
        }
        let last = self.checked.len() - 1;
        self.cursor = self.cursor.saturating_add_signed(delta).min(last);
    }

    /// Toggles the item under the cursor.
    pub fn toggle(&mut self) {
        if let Some(c) = self.checked.get_mut(self.cursor) {
            *c = !*c;
        }
    }

    /// Checks every item, or unchecks every item when all are already checked.
    pub fn toggle_all(&mut self) {
        let all = self.checked.iter().all(|c| *c);
        self.checked.iter_mut().for_each(|c| *c = !all);
    }

    /// Draws one row per item: `[x] label`, the cursor row highlighted; scrolls to the cursor.
    pub fn render(&self, rows: &[String], area: Rect, buf: &mut Buffer, theme: &Theme) {
        let height = area.height as usize;
        let first = (self.cursor + 1).saturating_sub(height);
        for (i, row) in rows.iter().enumerate().skip(first).take(height) {
            let mark = if self.checked.get(i).copied().unwrap_or(false) {
                "[x] "
            } else {
                "[ ] "
            };
            let style = if i == self.cursor {
                theme.selected
            } else {
                theme.text
            };
            let y = area.y + (i - first) as u16;
            let line = Line::from(vec![Span::styled(mark, theme.key), Span::raw(row.as_str())]);
            line.style(style)
                .render(Rect::new(area.x, y, area.width, 1), buf);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn space_toggles_and_a_flips_all_or_none() {
        let mut c = Checklist::all_checked(3);
        c.move_by(1);
        c.toggle();
        assert_eq!(c.checked, vec![true, false, true]);
        c.toggle_all();
        assert_eq!(c.checked, vec![true, true, true]);
        c.toggle_all();
        assert_eq!(c.checked, vec![false, false, false]);
        c.move_by(10);
        assert_eq!(c.cursor, 2);
        c.move_by(-10);
        assert_eq!(c.cursor, 0);
    }
}
