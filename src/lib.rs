//! coffre: a terminal dashboard in which one person aggregates their own bank accounts through
//! the Oxlin / Linxo Connect aggregation API (and finX).
//!
//! ```text
//! crossterm events ─┐
//! tick (now)  ──────┼─► Msg ─► app::update(&mut Model, Msg) -> Vec<Command> ─► tasks::Runner ─► tokio tasks
//! task results ─────┘    ▲                 (pure: no IO, no clock)                               │
//!                        └───────────── Msg::Api(..) ◄── oxlin::Client, store
//! view: ui::view(&mut Model, &mut Frame)   (pure; time comes from Model.now, set by Msg::Tick)
//! ```
//!
//! (The finX client of the design is not built yet: Oxlin is the only backend today.)
//!
//! Modules:
//! - [`sandbox`]: a faithful local emulator of the Oxlin API v2.1 and the Linxo test bank (axum).
//! - [`oxlin`]: the typed, resilient Oxlin API client (wire types, tokens, PGP, challenges).
//! - [`domain`]: backend-neutral types (money, accounts, transactions, connections).
//! - [`cli`]: the command line (`coffre`, `coffre sandbox`, …).
//! - [`app`], [`screens`], [`ui`], [`terminal`]: the TUI (pure model/update/view, one file per
//!   screen, theme/format/widgets, terminal setup and restore).
//! - [`tasks`]: the command runner (Oxlin calls as tokio tasks, the queue poller, the REDIRECT
//!   loopback listener), answering the loop with `Msg`s.
//! - [`store`]: the local SQLite store (connections, accounts, transactions, sync state).
//! - [`sync`]: headless `coffre sync` (login, incremental fetch, one write per sync, lock).
//! - [`export`]: `coffre export` to CSV, ledger, beancount and OFX, from the store.
//! - [`config`]: the configuration file (`[oxlin]` hosts, client, user, secret commands).
//! - [`wording`]: every sentence the user reads about a status, an action or a failure.
//! - [`sanitize`]: cleaning of untrusted bank text before it reaches a screen, log or export.
//! - [`bank_rules`]: what a server gives coffre to apply, bounded: `{param}` labels filled in one
//!   pass with a capped length, and server regexps compiled within size limits.

pub mod app;
pub mod bank_rules;
pub mod cli;
pub mod config;
pub mod domain;
pub mod export;
pub mod oxlin;
pub mod sandbox;
pub mod sanitize;
pub mod screens;
pub mod store;
pub mod sync;
pub mod tasks;
pub mod terminal;
pub mod ui;
pub mod wording;
