//! Mouse clicks on the dashboard (when the terminal's mouse is captured: `[ui] mouse`): a click on
//! a tab opens it, a click on an account (or on the heading of a bank without accounts) or on a
//! transaction selects it, as the arrow keys would. The view records where it drew the tabs and
//! rows ([`Hits`], rewritten by every frame), and a click is looked up there: what is clicked is
//! what was on screen.
//!
//! Choice (ours): clicks do nothing while a question, the export dialog, the search or the
//! filter has the keys (they would change what is behind them); a click on a bank heading that
//! is not a stop of the cursor (its accounts are) selects nothing.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::picks::Pick;
use super::{Dashboard, Tab};

/// Where the last frame drew what a click can select.
#[derive(Debug, Clone, Default)]
pub(super) struct Hits {
    /// Each tab's label.
    pub tabs: Vec<(Rect, Tab)>,
    /// The rows of the accounts view that are cursor stops.
    pub accounts: Vec<(Rect, Pick)>,
    /// The transactions table's rows (below its header), and the first row shown there.
    pub transactions: Option<(Rect, usize)>,
}

impl Hits {
    /// Forgets the rows of the view (each frame records the view it draws).
    pub fn clear_rows(&mut self) {
        self.accounts.clear();
        self.transactions = None;
    }
}

impl Dashboard {
    /// A left click selects the tab or row under it; other mouse events are not clicks.
    pub(super) fn on_click(&mut self, event: MouseEvent) {
        if event.kind != MouseEventKind::Down(MouseButton::Left)
            || self.prompt.is_some()
            || self.is_typing()
        {
            return;
        }
        let at = Position::new(event.column, event.row);
        if let Some((_, tab)) = self.hits.tabs.iter().find(|(r, _)| r.contains(at)) {
            self.tab = *tab;
            return;
        }
        match self.tab {
            Tab::Accounts => {
                let clicked = self.hits.accounts.iter().find(|(r, _)| r.contains(at));
                if let Some(pos) = clicked.and_then(|(_, p)| self.picks.iter().position(|q| q == p))
                {
                    self.account_cursor = pos;
                }
            }
            Tab::Transactions => {
                if let Some((rows, first)) = self.hits.transactions
                    && rows.contains(at)
                {
                    let target = first + usize::from(at.y - rows.y);
                    if self.tx.row_at(target).is_some() {
                        self.tx.move_by(target as isize - self.tx.selected as isize);
                    }
                }
            }
            // The charts have no rows to pick: their account and category follow the arrows.
            Tab::Charts => {}
        }
    }
}
