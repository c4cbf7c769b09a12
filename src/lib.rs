//! coffre: a terminal dashboard in which one person aggregates their own bank accounts through
//! the Oxlin / Linxo Connect aggregation API (and finX).
//!
//! ```text
//! crossterm events ─┐
//! tick (now)  ──────┼─► Msg ─► app::update(&mut Model, Msg) -> Vec<Command> ─► tasks::Runner ─► tokio tasks
//! task results ─────┘    ▲                 (pure: no IO, no clock)                               │
//!                        └───────────── Msg::Api(..) ◄── oxlin::Client, store, sync::session ◄───┘
//! view: app::view(&mut Model, &mut Frame)   (pure; time comes from Model.now, set by Msg::Tick)
//! ```
//!
//! One type per thing, from the wire to the screen, with arrows that point one way (down):
//!
//! ```text
//! cli ─► tasks ─► app ─► screens ─► wording, ui        (the TUI and its runner)
//!  │       │                 │
//!  └─► sync, export ─► store ─► domain ◄─ oxlin::to_domain ◄─ oxlin::wire   (HTTP answers)
//!                                 ▲
//!                      sanitize ──┘ (bank text is cleaned where the domain value is built)
//! ```
//!
//! - An API answer is decoded into `oxlin::wire` types (spelled as the API spells them), then
//!   converted ONCE into [`domain`] types by `oxlin::to_domain` (ids that cannot collide across
//!   aggregators: `ConnectionId`, `AccountId`, `TransactionId`).
//! - The [`store`] persists and returns those domain types, keeps statuses and needed actions as
//!   stable codes (never sentences), and owns the dashboard's read model (`store::read_model`:
//!   compact transaction rows, account and connection summaries).
//! - `Command`s and `Msg`s carry domain types; the screens read them; every sentence about a
//!   status, an action or a failure is decided in [`wording`].
//! - The saved session (the rotating refresh token) has one path, `sync::session`, used by the
//!   TUI and by `coffre sync`, with one set of scopes (`oxlin::config::SCOPES`).
//!
//! The finX client ([`finx`]) has the same shape (`finx::wire` ─► `finx::to_domain` ─► domain);
//! it is not wired into `sync` and the TUI yet.
//!
//! Modules:
//! - [`sandbox`]: a faithful local emulator of the Oxlin API v2.1 and the Linxo test bank: its
//!   world (state, engine, test bank, queues; no HTTP) under its routes (axum handlers).
//! - [`oxlin`]: the typed, resilient Oxlin API client (wire types, to_domain, tokens, PGP,
//!   challenges).
//! - [`finx`]: the typed finX (Germany) client: wire types, to_domain, rotating refresh tokens
//!   kept before use, offset paging.
//! - [`http_retry`]: the deadline and retry waits both clients share.
//! - [`domain`]: backend-neutral types (ids, money, accounts, transactions, connections and
//!   their codes, providers and channels, sync steps, call failures, credential values).
//! - [`cli`]: the command line (`coffre`, `coffre sandbox`, …).
//! - [`demo`]: the stage demo (`coffre demo`): a seeded store and sandbox world, `--autoplay`.
//! - [`app`], [`screens`], [`ui`], [`terminal`]: the TUI (pure model/update/view with one module
//!   per concern: session, onboarding, sync progress, dashboard; one file per screen;
//!   theme/format/widgets; terminal setup and restore).
//! - [`tasks`]: the command runner (Oxlin calls as tokio tasks, the queue poller, the REDIRECT
//!   loopback listener), answering the loop with `Msg`s.
//! - [`store`]: the local SQLite store (connections, accounts, transactions, sync state, the
//!   saved session) and the dashboard's read model.
//! - [`sync`]: headless `coffre sync` (login, incremental fetch, one write per sync, lock) and
//!   the saved session shared with the TUI.
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
pub mod demo;
pub mod domain;
pub mod export;
pub mod finx;
pub mod fold;
pub mod http_retry;
pub mod i18n;
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

// The UI's string catalogue (`locales/*.toml`), compiled in; read through `crate::i18n`.
rust_i18n::i18n!("locales");
