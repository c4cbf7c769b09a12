//! The progress line of `coffre sync` on a terminal: the bank being read and how many of its
//! transactions were fetched and stored so far, rewritten in place (`\r`) as each group of
//! pages is committed (`store::PagesWritten`), and erased before the final lines print. When
//! stderr is not a terminal (cron, a pipe, a file) it writes nothing: the output stays one
//! line per bank, as before.
//!
//! Choice (ours): the line goes to stderr (stdout keeps only the result lines a script reads),
//! and is drawn only when stderr is a terminal.

use std::io::{IsTerminal, Write};
use std::sync::{Arc, Mutex, PoisonError};

use crate::store::{PagesWritten, Store};
use crate::ui::format::{NumberStyle, count};

/// Erases the current terminal line and goes back to its start.
const ERASE_LINE: &str = "\r\x1b[2K";

/// The progress line, written to `out` when `live`.
#[derive(Debug)]
pub struct ProgressLine<W: Write> {
    out: W,
    live: bool,
    /// The bank being read, its lines fetched and stored, of which new.
    bank: Option<(String, usize, usize)>,
    drawn: bool,
}

impl ProgressLine<std::io::Stderr> {
    /// On stderr, drawn only when it is a terminal.
    pub fn on_stderr() -> Self {
        let err = std::io::stderr();
        let live = err.is_terminal();
        Self::new(err, live)
    }

    /// A progress line on stderr fed by every group of pages `store` commits; call
    /// [`Shown::finish`] before printing the results.
    pub fn show_for(store: &mut Store) -> Shown {
        let line = Arc::new(Mutex::new(Self::on_stderr()));
        let fed = Arc::clone(&line);
        store.observe_pages(Box::new(move |written| {
            fed.lock()
                .unwrap_or_else(PoisonError::into_inner)
                .pages_written(written);
        }));
        Shown(line)
    }
}

/// The progress line [`ProgressLine::show_for`] set up.
#[derive(Debug)]
pub struct Shown(Arc<Mutex<ProgressLine<std::io::Stderr>>>);

impl Shown {
    /// Erases the line, so the results print on a clean line.
    pub fn finish(&self) {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .finish();
    }
}

impl<W: Write> ProgressLine<W> {
    /// A progress line on `out`, drawn only when `live` (a terminal).
    pub fn new(out: W, live: bool) -> Self {
        Self {
            out,
            live,
            bank: None,
            drawn: false,
        }
    }

    /// Counts `written` and redraws the line.
    pub fn pages_written(&mut self, written: &PagesWritten) {
        let (lines, new) = match &self.bank {
            Some((bank, lines, new)) if *bank == written.bank => (*lines, *new),
            _ => (0, 0),
        };
        let (lines, new) = (lines + written.lines, new + written.new);
        self.bank = Some((written.bank.clone(), lines, new));
        if self.live {
            let _ = write!(
                self.out,
                "{ERASE_LINE}{}: {} transactions fetched and stored ({} new)",
                written.bank,
                count(lines, NumberStyle::PLAIN),
                count(new, NumberStyle::PLAIN)
            );
            let _ = self.out.flush();
            self.drawn = true;
        }
    }

    /// Erases the line (if one was drawn), so the final lines print on a clean line.
    pub fn finish(&mut self) {
        if self.drawn {
            let _ = write!(self.out, "{ERASE_LINE}");
            let _ = self.out.flush();
            self.drawn = false;
        }
    }

    /// What was written to `out` (for tests).
    pub fn into_inner(self) -> W {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{AccountId, ConnectionId};

    fn written(bank: &str, lines: usize, new: usize) -> PagesWritten {
        PagesWritten {
            connection: ConnectionId::oxlin("c1"),
            bank: bank.into(),
            account: AccountId::oxlin("a1"),
            lines,
            new,
        }
    }

    #[test]
    fn on_a_terminal_the_line_is_rewritten_in_place_then_erased() {
        let mut line = ProgressLine::new(Vec::new(), true);
        line.pages_written(&written("Linxo Test Bank", 2_000, 2_000));
        line.pages_written(&written("Linxo Test Bank", 2_000, 1_500));
        line.finish();
        let out = String::from_utf8(line.into_inner()).unwrap_or_default();
        assert_eq!(
            out,
            "\r\x1b[2KLinxo Test Bank: 2,000 transactions fetched and stored (2,000 new)\
             \r\x1b[2KLinxo Test Bank: 4,000 transactions fetched and stored (3,500 new)\
             \r\x1b[2K"
        );
    }

    #[test]
    fn the_count_starts_again_for_the_next_bank() {
        let mut line = ProgressLine::new(Vec::new(), true);
        line.pages_written(&written("A", 500, 500));
        line.pages_written(&written("B", 100, 0));
        let out = String::from_utf8(line.into_inner()).unwrap_or_default();
        assert!(
            out.ends_with("B: 100 transactions fetched and stored (0 new)"),
            "{out}"
        );
    }

    #[test]
    fn off_a_terminal_nothing_is_written() {
        let mut line = ProgressLine::new(Vec::new(), false);
        line.pages_written(&written("Linxo Test Bank", 2_000, 2_000));
        line.finish();
        assert!(line.into_inner().is_empty());
    }
}
