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
//! Its view is in `transactions_view.rs`.
//!
//! Docs gaps (ours): a reload of the dashboard (after a sync) reads the first rows again and
//! keeps the cursor's position when it is among them; `G` before the count is known reads the
//! last rows and places them when the count arrives; the reversed sort (`O`) reads its first
//! rows again and puts the cursor on the first.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::filter_bar::{FilterAction, FilterDialog};
use super::query::{Filter, Sort, SortColumn};
use crate::store::dashboard::TxFacts;
use crate::store::read_model::{Transactions, TxRef};
use crate::store::window::{Anchor, Window};

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

/// A read the view asks of the store (the dashboard adds the query).
#[derive(Debug, Clone, PartialEq)]
pub enum TxRead {
    /// Up to `n` rows from `anchor`.
    Window {
        /// The read's generation.
        generation: u64,
        /// Where the rows start.
        anchor: Anchor,
        /// How many at most.
        n: usize,
    },
    /// The count of the rows the query selects.
    Count {
        /// The count's generation.
        generation: u64,
    },
    /// The store's total and categories.
    Facts {
        /// The read's generation.
        generation: u64,
    },
}

/// Where an awaited window goes when it arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// The first rows of a new query: the cursor goes to the first.
    Fresh,
    /// The first rows again (a reload): the cursor stays where it was if they hold it.
    Keep,
    /// The last rows (`G`): the cursor goes to the last.
    Last,
    /// The rows after the window.
    After,
    /// The rows before the window.
    Before,
}

/// The state of the transactions view.
#[derive(Debug, Clone, Default)]
pub struct TxView {
    /// The search text, as typed.
    pub search: String,
    /// The filter.
    pub filter: Filter,
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
    /// The reads asked since the last call, oldest first.
    pub fn take_asks(&mut self) -> Vec<TxRead> {
        std::mem::take(&mut self.asks)
    }

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

    fn next_generation(&mut self) -> u64 {
        self.last_generation += 1;
        self.last_generation
    }

    fn read(&mut self, anchor: Anchor, place: Place) {
        let generation = self.next_generation();
        let n = CHUNK.max(self.page * 3);
        self.reading = Some((generation, place, n));
        self.asks.push(TxRead::Window {
            generation,
            anchor,
            n,
        });
    }

    fn ask_count(&mut self) {
        self.count = None;
        self.end_unplaced = false;
        self.counting = self.next_generation();
        self.asks.push(TxRead::Count {
            generation: self.counting,
        });
    }

    /// The query changed: its first rows and its count are read (the last window stays on
    /// screen until they arrive).
    pub fn requery(&mut self) {
        self.ask_count();
        self.read(Anchor::First, Place::Fresh);
    }

    /// The store was read again (a load, a sync): the store's facts, the count and the first
    /// rows of the same query, the cursor kept where it was when they hold it.
    pub fn reload(&mut self) {
        self.facts_asked = self.next_generation();
        self.asks.push(TxRead::Facts {
            generation: self.facts_asked,
        });
        self.ask_count();
        self.read(Anchor::First, Place::Keep);
    }

    /// A window arrived; one not awaited (an older read) is dropped. `Err`: why it failed.
    pub fn window_read(
        &mut self,
        generation: u64,
        rows: Result<Window, String>,
    ) -> Result<(), String> {
        let Some((awaited, place, n)) = self.reading else {
            return Ok(());
        };
        if awaited != generation {
            return Ok(());
        }
        self.reading = None;
        let got = rows?;
        let full = got.rows.len() >= n;
        match place {
            Place::Fresh | Place::Keep => {
                self.window = got;
                self.start = 0;
                self.more_after = full;
                self.end_unplaced = false;
                if place == Place::Fresh {
                    self.selected = 0;
                    self.offset = 0;
                }
            }
            Place::Last => {
                self.window = got;
                self.more_after = false;
                let len = self.window.rows.len();
                match self.count {
                    Some(count) => self.start = count.saturating_sub(len),
                    None => {
                        self.start = 0;
                        self.end_unplaced = true;
                    }
                }
                self.selected = (self.start + len).saturating_sub(1);
            }
            Place::After => {
                self.more_after = full;
                let mut window = std::mem::take(&mut self.window);
                append(&mut window, got);
                let extra = window.rows.len().saturating_sub(CAP);
                self.window = slice(&window, extra, window.rows.len());
                self.start += extra;
            }
            Place::Before => {
                let before = got.rows.len();
                let mut window = got;
                append(&mut window, std::mem::take(&mut self.window));
                if before > self.start || (!full && before < self.start) {
                    // The store changed under the view: the positions start again from here.
                    let shift = self.start.saturating_sub(before);
                    self.selected = self.selected.saturating_sub(shift);
                    self.offset = self.offset.saturating_sub(shift);
                    self.start = 0;
                } else {
                    self.start -= before;
                }
                if window.rows.len() > CAP {
                    self.more_after = true;
                    self.window = slice(&window, 0, CAP);
                } else {
                    self.window = window;
                }
            }
        }
        self.clamp();
        self.want_more();
        Ok(())
    }

    /// The count arrived (one not awaited is dropped).
    pub fn counted(&mut self, generation: u64, count: Result<usize, String>) -> Result<(), String> {
        if generation != self.counting {
            return Ok(());
        }
        let count = count?;
        self.count = Some(count);
        if std::mem::take(&mut self.end_unplaced) {
            let start = count.saturating_sub(self.window.rows.len());
            self.selected += start;
            self.offset += start;
            self.start = start;
        }
        Ok(())
    }

    /// The store's facts arrived (ones not awaited are dropped).
    pub fn facts_read(
        &mut self,
        generation: u64,
        facts: Result<TxFacts, String>,
    ) -> Result<(), String> {
        if generation == self.facts_asked {
            self.facts = Some(facts?);
        }
        Ok(())
    }

    /// Shows only `account` (or every account), clearing the search.
    pub fn scope(&mut self, account: Option<u32>) {
        self.filter = Filter {
            account,
            ..Filter::default()
        };
        self.search.clear();
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

    /// Handles a key; `accounts` is how many accounts the filter can pick from.
    pub fn on_key(&mut self, key: KeyEvent, accounts: u32) -> TxAction {
        match &mut self.focus {
            Focus::Search => self.search_key(key),
            Focus::Filter(dialog) => match dialog.on_key(key, accounts) {
                FilterAction::Editing => {}
                FilterAction::Cancel => self.focus = Focus::Rows,
                FilterAction::Apply(filter) => {
                    self.focus = Focus::Rows;
                    self.filter = filter;
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
                if !self.search.is_empty() {
                    self.search.clear();
                    self.requery();
                }
            }
            KeyCode::Enter | KeyCode::Down | KeyCode::Up => self.focus = Focus::Rows,
            KeyCode::Backspace if self.search.pop().is_some() => self.requery(),
            KeyCode::Char(c) if key.modifiers.difference(KeyModifiers::SHIFT).is_empty() => {
                self.search.push(c);
                self.requery();
            }
            // Ctrl+U, Ctrl+W: the editing keys of every text field.
            _ if crate::ui::widgets::text_field::edit_string(&mut self.search, key) => {
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
            KeyCode::Char('f') => self.focus = Focus::Filter(FilterDialog::new(&self.filter)),
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
        } else if !self.search.is_empty() {
            self.search.clear();
            self.requery();
        } else if !self.filter.is_empty() {
            self.filter = Filter::default();
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

    fn window_end(&self) -> usize {
        self.start + self.window.rows.len()
    }

    /// Moves the cursor by `delta` rows within the window (the mouse wheel uses this too);
    /// near the window's edge, the next rows are asked for.
    pub fn move_by(&mut self, delta: isize) {
        self.selected = self.selected.saturating_add_signed(delta);
        self.clamp();
        self.want_more();
    }

    /// Keeps the cursor on a row of the window.
    fn clamp(&mut self) {
        let last = self.window_end().saturating_sub(1);
        self.selected = self.selected.clamp(self.start.min(last), last);
    }

    /// Asks for the rows past the window's edge when the cursor is near it.
    fn want_more(&mut self) {
        if self.reading.is_some() || self.end_unplaced {
            return;
        }
        let margin = (2 * self.page).max(CHUNK / 4);
        let end = self.window_end();
        if self.more_after && self.selected + margin >= end {
            if let Some(edge) = self.window.cursors.last().cloned() {
                self.read(Anchor::After(edge), Place::After);
            }
        } else if self.start > 0
            && self.selected < self.start + margin
            && let Some(edge) = self.window.cursors.first().cloned()
        {
            self.read(Anchor::Before(edge), Place::Before);
        }
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

/// `more` added after `window`'s rows.
fn append(window: &mut Window, more: Window) {
    for i in 0..more.rows.len() as u32 {
        window.rows.push(more.rows.get(i));
    }
    window.cursors.extend(more.cursors);
}

/// Rows `from..to` of `window`, as a window of their own.
fn slice(window: &Window, from: usize, to: usize) -> Window {
    let mut rows = Transactions::with_capacity(to - from);
    for i in from..to {
        rows.push(window.rows.get(i as u32));
    }
    Window {
        rows,
        cursors: window.cursors[from..to].to_vec(),
    }
}
