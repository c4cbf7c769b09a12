//! The TUI test binary: screen snapshots (every screen in each of its states, rendered on a
//! `TestBackend`) and flow tests (the `Command`s that key presses produce).

mod common;
mod dashboard;
mod e2e;
mod flows;
mod screens;
