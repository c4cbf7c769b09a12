//! The transactions view's state and keys: the index of shown rows (see [`super::query`]), the
//! selection and scroll offset, the search being typed, the filter dialog and the detail pane.
//! Its view is in `transactions_view.rs`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::filter_bar::{FilterAction, FilterDialog};
use super::query::{Filter, Sort, SortColumn, TxTable};

/// What the transactions view is doing with the keyboard.
#[derive(Debug, Clone, Default)]
pub enum Focus {
    /// Moving through the rows.
    #[default]
    Rows,
    /// Typing the `/` search.
    Search,
    /// Editing the filter.
    Filter(FilterDialog),
}

/// The state of the transactions view.
#[derive(Debug, Clone, Default)]
pub struct TxView {
    /// The rows passing the filter, in sort order.
    base: Vec<u32>,
    /// `base` narrowed by the search: what is on screen.
    pub shown: Vec<u32>,
    /// The search text, as typed.
    pub search: String,
    /// The filter.
    pub filter: Filter,
    /// The sort.
    pub sort: Sort,
    /// The selected position in `shown`.
    pub selected: usize,
    /// The first position of `shown` on screen.
    pub offset: usize,
    /// Rows that fit on screen (set by the last render; PgUp/PgDn move by it).
    pub page: usize,
    /// The detail pane is open.
    pub detail: bool,
    /// Where the keys go.
    pub focus: Focus,
}

/// What a key asks of the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TxAction {
    /// Handled here.
    None,
    /// Nothing left to close: Esc goes back to the accounts view.
    Back,
}

impl TxView {
    /// Rebuilds the index after a load, a filter or a sort change (keeps the search).
    pub fn recompute(&mut self, table: &TxTable) {
        self.base = table.filtered_sorted(&self.filter, self.sort);
        self.shown = table.search(&self.base, &self.search.to_lowercase());
        self.clamp();
    }

    /// Shows only `account` (or every account), clearing the search.
    pub fn scope(&mut self, table: &TxTable, account: Option<u32>) {
        self.filter = Filter {
            account,
            ..Filter::default()
        };
        self.search.clear();
        self.selected = 0;
        self.offset = 0;
        self.recompute(table);
    }

    /// Sorts by `column`; the same column again reverses the order.
    pub fn sort_by(&mut self, table: &TxTable, column: SortColumn) {
        if self.sort.column == column {
            // Same column: the order reversed, without sorting again.
            self.sort.descending = !self.sort.descending;
            self.base.reverse();
            self.shown.reverse();
        } else {
            self.sort = Sort {
                column,
                descending: matches!(column, SortColumn::Date | SortColumn::Amount),
            };
            // One pass over the column's order (computed once), not a sort.
            self.base = table.filtered_sorted(&self.filter, self.sort);
            if self.search.is_empty() {
                self.shown.clone_from(&self.base);
            } else {
                self.shown = table.sorted(&self.shown, self.sort);
            }
        }
        self.clamp();
    }

    /// The row number under the cursor.
    pub fn selected_row(&self) -> Option<u32> {
        self.shown.get(self.selected).copied()
    }

    /// The user is typing (search or filter): letters are text, not commands.
    pub fn is_typing(&self) -> bool {
        !matches!(self.focus, Focus::Rows)
    }

    /// Handles a key; `accounts` is how many accounts the filter can pick from.
    pub fn on_key(&mut self, key: KeyEvent, table: &TxTable, accounts: u32) -> TxAction {
        match &mut self.focus {
            Focus::Search => self.search_key(key, table),
            Focus::Filter(dialog) => match dialog.on_key(key, accounts) {
                FilterAction::Editing => {}
                FilterAction::Cancel => self.focus = Focus::Rows,
                FilterAction::Apply(filter) => {
                    self.focus = Focus::Rows;
                    self.filter = filter;
                    self.recompute(table);
                }
            },
            Focus::Rows => return self.rows_key(key, table),
        }
        TxAction::None
    }

    fn search_key(&mut self, key: KeyEvent, table: &TxTable) {
        match key.code {
            KeyCode::Esc => {
                self.focus = Focus::Rows;
                self.search.clear();
                self.shown = self.base.clone();
            }
            KeyCode::Enter | KeyCode::Down | KeyCode::Up => self.focus = Focus::Rows,
            KeyCode::Backspace if self.search.pop().is_some() => {
                self.shown = table.search(&self.base, &self.search.to_lowercase());
            }
            KeyCode::Char(c) if key.modifiers.difference(KeyModifiers::SHIFT).is_empty() => {
                self.search.push(c);
                // Narrowing: every match of the longer text is a match of the shorter one.
                self.shown = table.search(&self.shown, &self.search.to_lowercase());
            }
            // Ctrl+U, Ctrl+W: the editing keys of every text field.
            _ if crate::ui::widgets::text_field::edit_string(&mut self.search, key) => {
                self.shown = table.search(&self.base, &self.search.to_lowercase());
            }
            _ => {}
        }
        self.selected = 0;
        self.offset = 0;
    }

    fn rows_key(&mut self, key: KeyEvent, table: &TxTable) -> TxAction {
        let page = self.page.max(1);
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => self.move_by(-1),
            KeyCode::Down | KeyCode::Char('j') => self.move_by(1),
            KeyCode::PageUp => self.move_by(-(page as isize)),
            KeyCode::PageDown => self.move_by(page as isize),
            KeyCode::Home | KeyCode::Char('g') => self.selected = 0,
            KeyCode::End | KeyCode::Char('G') => self.selected = self.shown.len().saturating_sub(1),
            KeyCode::Enter => self.detail = !self.detail,
            KeyCode::Char('/') => self.focus = Focus::Search,
            KeyCode::Char('f') => self.focus = Focus::Filter(FilterDialog::new(&self.filter)),
            KeyCode::Char('o') => self.sort_by(table, self.sort.column.next()),
            KeyCode::Char('O') => self.sort_by(table, self.sort.column),
            KeyCode::Char(c @ '1'..='6') => {
                let i = c as usize - '1' as usize;
                self.sort_by(table, SortColumn::ALL[i]);
            }
            KeyCode::Esc => return self.escape(table),
            _ => {}
        }
        self.clamp();
        TxAction::None
    }

    /// Esc closes one thing at a time: the detail pane, the search, the filter, then the view.
    fn escape(&mut self, table: &TxTable) -> TxAction {
        if self.detail {
            self.detail = false;
        } else if !self.search.is_empty() {
            self.search.clear();
            self.shown = self.base.clone();
        } else if !self.filter.is_empty() {
            self.filter = Filter::default();
            self.recompute(table);
        } else {
            return TxAction::Back;
        }
        self.clamp();
        TxAction::None
    }

    /// Moves the selection by `delta` rows (the mouse wheel uses this too).
    pub fn move_by(&mut self, delta: isize) {
        let last = self.shown.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    fn clamp(&mut self) {
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
    }

    /// Puts the selection on screen for a page of `rows` rows, and remembers the page size.
    pub fn scroll_into_view(&mut self, rows: usize) {
        self.page = rows;
        if rows == 0 {
            return;
        }
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
        self.offset = self.offset.min(self.shown.len().saturating_sub(rows));
    }
}
