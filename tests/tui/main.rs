//! The TUI test binary: screen snapshots (every screen in each of its states, rendered on a
//! `TestBackend`), flow tests (the `Command`s that key presses produce), keys that work
//! everywhere, robustness (tiny sizes, hostile text, secrets), the sanitiser on hostile text,
//! and theme colours.

mod charts;
mod comforts;
mod common;
mod connections_visible;
mod dashboard;
mod demo;
mod e2e;
mod finx_banks;
mod finx_tui;
mod flows;
mod french;
mod french_finx_sync;
mod french_more;
mod french_onboarding;
mod french_redirect;
mod imported;
mod keys;
mod modal;
mod model_based;
mod privacy;
mod robustness;
mod same_bank_twice;
mod sanitiser;
mod screens;
mod session;
mod settle;
mod small_terminals;
mod stuck_states;
mod themes;
mod themes_contrast;
mod typing;
mod wide_text;
mod widget;
