//! The emulated world underneath the HTTP routes: everything the sandbox knows and the rules
//! that change it, with no HTTP in sight (no web framework, no status codes, no request parsing).
//!
//! - [`state`]: one [`Sandbox`](state::Sandbox) holding the [`World`](state::World) behind one
//!   mutex, the id counter and the clock;
//! - [`users`], [`tokens`], [`keys`] (with PGP decryption): who may call, and with what;
//! - [`bank`]: connections, channels, accounts, transactions and queue contents as records,
//!   the test bank's accounts and transactions brought into them, and their JSON objects;
//! - [`connections`]: which providers and channels may be connected, checked credentials;
//! - [`engine`]: the sync jobs and their challenges; [`queues`]: the events they publish;
//!   [`redirect`]: REDIRECT sessions and what an approval does;
//! - [`providers`]: the provider catalogue; [`testbank`]: the test-bank files (parse, generate,
//!   seed);
//! - [`persist`]: the state file; [`faults`]: the fault dice;
//! - [`widget`]: widget sessions, the terms, and the webview flows with their follower.
//!
//! Where the world refuses something it answers a [`error::WorldError`], which the routes map to
//! an HTTP error. Arrows point one way: `routes` uses `world`, never the reverse.

pub mod bank;
pub mod connections;
pub mod engine;
pub mod error;
pub mod faults;
pub mod keys;
pub mod persist;
pub mod providers;
pub mod queues;
pub mod redirect;
pub mod state;
pub mod testbank;
pub mod tokens;
pub mod users;
pub mod widget;
