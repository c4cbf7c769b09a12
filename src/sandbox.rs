//! The sandbox: a faithful local emulator of the Oxlin / Linxo Connect API v2.1 and of the Linxo
//! test bank, served over real HTTP by axum on 127.0.0.1.
//!
//! One port serves everything on the documented paths: the auth server's `/token` at the root,
//! the API under `/v2.1`, the widget under `/widget`. It is coffre's embedded default (the TUI
//! starts it in-process when there is no configuration), the stage-demo backend and the test
//! harness of the client.
//!
//! # Where the docs are silent
//!
//! Every choice follows the suggestion of `docs/oxlin-api.md` §11 unless it says otherwise; the
//! module that makes a choice documents it in its own module doc:
//! - error bodies and statuses: [`error`];
//! - scope enforcement: `caller`;
//! - token shape and rotation: `tokens`;
//! - key expiry, key body, key scope: `keys`;
//! - request bodies (JSON or form, whatever the content type): `auth::request_body`;
//! - `/token` grants, client authentication, scopes, RFC 6749 errors: `auth`;
//! - user creation, duplicate e-mails, profile, deletion: `users`;
//! - provider catalogue, ids, filters and pagination of `/providers`: `providers`;
//! - connections, syncs, challenges, consents: `connections`, `engine`; events and queues:
//!   `queues`; the REDIRECT flow and its bank page: `redirect`;
//! - test-bank file grammar, `COFFRE_…` directives, file selection by credential 302: [`testbank`];
//! - account listing before consent, account update (`PUT`) and deletion: `accounts`;
//! - transaction filters, ordering, matching across syncs, unknown query parameters:
//!   `transactions`;
//! - widget session body, checks and answer: `widget`;
//! - fault injection (order of the dice, dropped connections, early expiry): `faults`;
//! - what the state file keeps across a restart, and what it does not: `persist`;

mod accounts;
mod auth;
mod bank;
mod caller;
mod config;
mod connections;
mod engine;
pub mod error;
mod faults;
mod keys;
mod persist;
mod providers;
mod queues;
mod redirect;
mod server;
mod state;
pub mod testbank;
mod tokens;
mod transactions;
mod users;
mod widget;

pub use config::{Faults, SandboxArgs, SandboxConfig};
pub use server::{RunningSandbox, serve_forever, start, start_loading_in_background};
