//! The transactions view's state and keys. The view holds a **window**, not the store: the
//! rows around the cursor (read [`CHUNK`] at a time, at most [`CAP`] kept), where the window
//! starts in the query's order, the cursor's position in that order, and the count of rows
//! the query selects once known. Moving inside the window is instant; near its edge the view
//! asks for the next rows ([`Anchor::After`] / [`Anchor::Before`] its edge row); changing the
//! query (search, filter, sort, scope) asks for the first rows of the new one and its count.
//! The asks are [`TxRead`]s the dashboard turns into commands (`Dashboard::tx_commands`);
//! their answers come back tagged with the generation they answer, and only the newest window
//! read is taken: a late window of an old search is dropped. Until the new rows arrive, the
//! last window stays on screen (never a blank table on a keystroke).
//!
//! Its reads of the store are in `transactions_window.rs`; its view in `transactions_view.rs`.
//!
//! Docs gaps (ours): a reload of the dashboard (after a sync) reads the first rows again and
//! keeps the cursor's position when it is among them; `G` before the count is known reads the
//! last rows and places them when the count arrives; the reversed sort (`O`) reads its first
//! rows again and puts the cursor on the first.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::filter_bar::{FilterAction, FilterDialog};
use crate::store::dashboard::TxFacts;
use crate::store::read_model::{Transactions, TxRef};
use crate::store::window::{Anchor, Window};
use crate::store::window::{Sort, SortColumn, TxSelection};

#[path = "transactions_window.rs"]
mod reads;
use reads::Place;
pub use reads::TxRead;

/// Rows asked in one read.
pub const CHUNK: usize = 200;
/// Rows kept at most: the window.
pub const CAP: usize = 3 * CHUNK;

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
    /// Which transactions: the search as typed, the filter and the account, as the store
    /// reads them (`store::window::TxSelection`, the one type from the filter dialog to the
    /// store's query).
    pub selection: TxSelection,
    /// The sort.
    pub sort: Sort,
    /// The cursor's position in the query's order.
    pub selected: usize,
    /// The position of the first row on screen.
    pub offset: usize,
    /// Rows that fit on screen (set by the last render; PgUp/PgDn move by it).
    pub page: usize,
    /// The detail pane is open.
    pub detail: bool,
    /// Where the keys go.
    pub focus: Focus,
    /// The rows around the cursor, in the query's order.
    window: Window,
    /// The position of the window's first row.
    start: usize,
    /// Rows may follow the window.
    more_after: bool,
    /// The window holds the last rows but the count (hence its position) is not known yet.
    end_unplaced: bool,
    /// How many rows the query selects, once counted.
    count: Option<usize>,
    /// The store's total and categories, once read.
    facts: Option<TxFacts>,
    /// The window read awaited: its generation, where it goes, how many rows were asked.
    reading: Option<(u64, Place, usize)>,
    /// The count awaited (0: none).
    counting: u64,
    /// The facts read awaited (0: none).
    facts_asked: u64,
    /// The last generation given out.
    last_generation: u64,
    /// Reads asked and not yet sent.
    asks: Vec<TxRead>,
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
    /// How many rows the query selects (`None`: still counting).
    pub fn count(&self) -> Option<usize> {
        self.count
    }

    /// The store's total and categories (`None`: not read yet).
    pub fn facts(&self) -> Option<&TxFacts> {
        self.facts.as_ref()
    }

    /// A window read is awaited.
    pub fn is_reading(&self) -> bool {
        self.reading.is_some()
    }

    /// The rows held (the window), from position [`Self::window_start`].
    pub fn window_rows(&self) -> &Transactions {
        &self.window.rows
    }

    /// The position of the window's first row.
    pub fn window_start(&self) -> usize {
        self.start
    }

    /// The row at `position` of the query's order, when the window holds it.
    pub fn row_at(&self, position: usize) -> Option<TxRef<'_>> {
        let i = position.checked_sub(self.start)?;
        (i < self.window.rows.len()).then(|| self.window.rows.get(i as u32))
    }

    /// The row under the cursor.
    pub fn selected_row(&self) -> Option<TxRef<'_>> {
        self.row_at(self.selected)
    }

    /// Shows only `account` (its id key; `None`: every account), clearing the search and the
    /// filter.
    pub fn scope(&mut self, account: Option<String>) {
        self.selection = TxSelection {
            account,
            ..TxSelection::default()
        };
        self.requery();
    }

    /// Sorts by `column`; the same column again reverses the order.
    pub fn sort_by(&mut self, column: SortColumn) {
        if self.sort.column == column {
            self.sort.descending = !self.sort.descending;
        } else {
            self.sort = Sort {
                column,
                descending: matches!(column, SortColumn::Date | SortColumn::Amount),
            };
        }
        self.requery();
    }

    /// The user is typing (search or filter): letters are text, not commands.
    pub fn is_typing(&self) -> bool {
        !matches!(self.focus, Focus::Rows)
    }

    /// Handles a key; `accounts` are the id keys of the accounts the filter can pick from.
    pub fn on_key(&mut self, key: KeyEvent, accounts: &[&str]) -> TxAction {
        match &mut self.focus {
            Focus::Search => self.search_key(key),
            Focus::Filter(dialog) => match dialog.on_key(key, accounts) {
                FilterAction::Editing => {}
                FilterAction::Cancel => self.focus = Focus::Rows,
                FilterAction::Apply(selection) => {
                    self.focus = Focus::Rows;
                    self.selection = selection;
                    self.requery();
                }
            },
            Focus::Rows => return self.rows_key(key),
        }
        TxAction::None
    }

    fn search_key(&mut self, key: KeyEvent) {
        match key.code {
            KeyCode::Esc => {
                self.focus = Focus::Rows;
                if !self.selection.search.is_empty() {
                    self.selection.search.clear();
                    self.requery();
                }
            }
            KeyCode::Enter | KeyCode::Down | KeyCode::Up => self.focus = Focus::Rows,
            KeyCode::Backspace if self.selection.search.pop().is_some() => self.requery(),
            KeyCode::Char(c) if key.modifiers.difference(KeyModifiers::SHIFT).is_empty() => {
                self.selection.search.push(c);
                self.requery();
            }
            // Ctrl+U, Ctrl+W: the editing keys of every text field.
            _ if crate::ui::widgets::text_field::edit_string(&mut self.selection.search, key) => {
                self.requery()
            }
            _ => {}
        }
    }

    fn rows_key(&mut self, key: KeyEvent) -> TxAction {
        let page = self.page.max(1);
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => self.move_by(-1),
            KeyCode::Down | KeyCode::Char('j') => self.move_by(1),
            KeyCode::PageUp => self.move_by(-(page as isize)),
            KeyCode::PageDown => self.move_by(page as isize),
            KeyCode::Home | KeyCode::Char('g') => self.go_first(),
            KeyCode::End | KeyCode::Char('G') => self.go_last(),
            KeyCode::Enter => self.detail = !self.detail,
            KeyCode::Char('/') => self.focus = Focus::Search,
            KeyCode::Char('f') => self.focus = Focus::Filter(FilterDialog::new(&self.selection)),
            KeyCode::Char('o') => self.sort_by(self.sort.column.next()),
            KeyCode::Char('O') => self.sort_by(self.sort.column),
            KeyCode::Char(c @ '1'..='6') => {
                let i = c as usize - '1' as usize;
                self.sort_by(SortColumn::ALL[i]);
            }
            KeyCode::Esc => return self.escape(),
            _ => {}
        }
        TxAction::None
    }

    /// Esc closes one thing at a time: the detail pane, the search, the filter, then the view.
    fn escape(&mut self) -> TxAction {
        if self.detail {
            self.detail = false;
        } else if !self.selection.search.is_empty() {
            self.selection.search.clear();
            self.requery();
        } else if self.selection != TxSelection::default() {
            self.selection = TxSelection::default();
            self.requery();
        } else {
            return TxAction::Back;
        }
        TxAction::None
    }

    /// `g`: the first row, at once when the window holds it.
    fn go_first(&mut self) {
        if self.start == 0 {
            self.selected = 0;
        } else {
            self.read(Anchor::First, Place::Fresh);
        }
    }

    /// `G`: the last row, at once when the window holds it.
    fn go_last(&mut self) {
        if self.more_after {
            self.read(Anchor::Last, Place::Last);
        } else {
            self.selected = self.window_end().saturating_sub(1);
        }
    }

    /// Moves the cursor by `delta` rows within the window (the mouse wheel uses this too);
    /// near the window's edge, the next rows are asked for.
    pub fn move_by(&mut self, delta: isize) {
        self.selected = self.selected.saturating_add_signed(delta);
        self.clamp();
        self.want_more();
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
        let end = if self.more_after {
            self.count.unwrap_or(0).max(self.window_end())
        } else {
            self.window_end()
        };
        self.offset = self.offset.min(end.saturating_sub(rows));
    }
}
