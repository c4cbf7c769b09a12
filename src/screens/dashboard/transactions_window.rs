//! The transactions view's reads of the store: what it asks ([`TxRead`], turned into
//! commands by the dashboard), where an awaited window goes when it arrives ([`Place`]), how a
//! window is replaced, extended after or before (and cut to [`CAP`] rows) and placed once the
//! count is known, and when the cursor is near enough the window's edge to read the next rows.
//! Only the newest window read is taken: an answer to an older one is dropped.

use super::{CAP, CHUNK, TxView};
use crate::store::dashboard::TxFacts;
use crate::store::read_model::Transactions;
use crate::store::window::{Anchor, Window};

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
pub(super) enum Place {
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

impl TxView {
    /// The reads asked since the last call, oldest first.
    pub fn take_asks(&mut self) -> Vec<TxRead> {
        std::mem::take(&mut self.asks)
    }

    fn next_generation(&mut self) -> u64 {
        self.last_generation += 1;
        self.last_generation
    }

    pub(super) fn read(&mut self, anchor: Anchor, place: Place) {
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

    pub(super) fn window_end(&self) -> usize {
        self.start + self.window.rows.len()
    }

    /// Keeps the cursor on a row of the window.
    pub(super) fn clamp(&mut self) {
        let last = self.window_end().saturating_sub(1);
        self.selected = self.selected.clamp(self.start.min(last), last);
    }

    /// Asks for the rows past the window's edge when the cursor is near it.
    pub(super) fn want_more(&mut self) {
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
