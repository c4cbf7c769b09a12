//! Terminal setup and restore: raw mode, alternate screen and mouse capture (unless the config's
//! `[ui] mouse = false` leaves the mouse to the terminal, so the user can select text) on the
//! way in, the exact reverse on the way out, and a panic hook that restores the terminal *before* printing
//! the panic, so a crash never leaves the user's shell in raw mode.
//!
//! Only a panic of the UI thread (the thread that installed the hook, the one running the loop)
//! takes the UI down, so only that one restores the terminal and prints to stderr
//! ([`panic_restores_terminal`]). A panic on another thread (a tokio worker running a background
//! task, a blocking-pool thread) goes to the log only: restoring there would leave the still
//! running app drawing in a cooked terminal, and printing would scribble over the screen. The
//! task itself answers the UI with a failure (`crate::tasks::MsgSender::spawn`).
//!
//! Secrets: the hook prints only the panic location and a sanitised, shortened message. coffre's
//! secret types never print their contents, so a panic message cannot carry them; the message is
//! still cut to one line of at most 200 characters so that nothing long (a body, a token-looking
//! blob) is echoed. Docs gap: the style guides do not say what a TUI should print on panic; we
//! chose "location + short message + where to report", never a backtrace of user data.

use std::io::{self, Stdout, stdout};
use std::panic;
use std::thread::{self, ThreadId};

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

/// The real terminal coffre draws on.
pub type Tui = Terminal<CrosstermBackend<Stdout>>;

/// Enters raw mode, the alternate screen and, when `mouse`, mouse capture, and returns a
/// terminal to draw on. Call [`install_panic_hook`] first so a panic during setup also restores
/// the terminal.
pub fn setup(mouse: bool) -> io::Result<Tui> {
    enable_raw_mode()?;
    let entered = execute!(stdout(), EnterAlternateScreen).and_then(|()| {
        if mouse {
            execute!(stdout(), EnableMouseCapture)
        } else {
            Ok(())
        }
    });
    if let Err(e) = entered {
        let _ = restore();
        return Err(e);
    }
    let mut terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    terminal.clear()?;
    Ok(terminal)
}

/// Leaves the alternate screen, disables mouse capture and raw mode, and shows the cursor.
/// Safe to call more than once and on a terminal that was never set up.
pub fn restore() -> io::Result<()> {
    let screen = execute!(
        stdout(),
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let raw = disable_raw_mode();
    screen.and(raw)
}

/// Installs a panic hook; the calling thread is the UI thread. A panic there restores the
/// terminal, then prints a short, sanitised report; a panic elsewhere is only logged.
pub fn install_panic_hook() {
    let ui_thread = thread::current().id();
    panic::set_hook(Box::new(move |info| {
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_else(|| "unknown place".to_string());
        let message = panic_message(info.payload());
        if !panic_restores_terminal(thread::current().id(), ui_thread) {
            tracing::error!("internal error in a background thread at {location}: {message}");
            return;
        }
        let _ = restore();
        eprintln!("coffre stopped on an internal error at {location}: {message}");
        eprintln!("Your terminal has been restored. Please report this message.");
    }));
}

/// Whether a panic on thread `panicking` takes the UI down, so the hook must restore the
/// terminal: only when it is the UI thread `ui` itself.
pub fn panic_restores_terminal(panicking: ThreadId, ui: ThreadId) -> bool {
    panicking == ui
}

/// The panic payload as one short clean line (escape sequences removed, at most 200 chars).
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let raw = if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "no message".to_string()
    };
    let clean = crate::sanitize::clean_line(&raw);
    clean.chars().take(200).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_panic_of_the_ui_thread_restores_the_terminal() {
        let ui = thread::current().id();
        let worker = thread::spawn(|| thread::current().id()).join().unwrap();
        assert!(panic_restores_terminal(ui, ui));
        assert!(!panic_restores_terminal(worker, ui));
    }

    #[test]
    fn panic_message_is_one_clean_short_line() {
        let long = format!("bad\u{1b}[31m\nthing {}", "x".repeat(500));
        let boxed: Box<dyn std::any::Any + Send> = Box::new(long);
        let msg = panic_message(boxed.as_ref());
        assert!(msg.starts_with("bad thing xx"));
        assert_eq!(msg.chars().count(), 200);
        assert!(!msg.contains('\u{1b}'));
    }
}
