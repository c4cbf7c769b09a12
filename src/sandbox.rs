//! The sandbox: a faithful local emulator of the Oxlin / Linxo Connect API v2.1 and of the Linxo
//! test bank, served over real HTTP by axum on 127.0.0.1.
//!
//! One port serves everything on the documented paths: the auth server's `/token` at the root,
//! the API under `/v2.1`, the widget under `/widget`. It is coffre's embedded default (the TUI
//! starts it in-process when there is no configuration), the stage-demo backend and the test
//! harness of the client.
//!
//! Two layers, arrows pointing one way: `world` (the emulated state and its rules: users,
//! tokens, keys, connections, the engine, the test bank, queues, persistence; no HTTP) lies
//! underneath `routes` (the axum handlers, request parsing, the HTTP `ApiError`, the caller's
//! token, the faults middleware, the server). `config` is read by both.
//!
//! # Where the docs are silent
//!
//! Every choice follows the suggestion of `docs/oxlin-api.md` §11 unless it says otherwise; the
//! module that makes a choice documents it in its own module doc:
//! - error bodies and statuses: [`error`] (`routes::error`); the world's refusals:
//!   `world::error`;
//! - scope enforcement: `routes::caller`;
//! - token shape and rotation: `world::tokens`;
//! - key expiry: `world::keys`; key body, key scope: `routes::keys`;
//! - request bodies (JSON or form, whatever the content type): `routes::request_body`;
//!   JSON-only bodies and `page`/`limit`: `routes::body`;
//! - `/token` grants, client authentication, scopes, RFC 6749 errors: `routes::auth`;
//! - user creation, duplicate e-mails, profile, deletion: `routes::users`, `world::users`;
//! - provider catalogue and ids: `world::providers`; filters and pagination of `/providers`:
//!   `routes::providers`;
//! - connections over HTTP: `routes::connections` (with `create` and `actions`); new
//!   connections, providers and channels that may be connected: `world::connections`; credential
//!   roles and masks: `world::connections::credentials`; when a sync or a challenge answer is
//!   refused, what a consent does: `world::connections::actions`; the Connection object and its
//!   derived status: `world::bank::connection_json`;
//! - syncs and challenges: `world::engine`; events: `world::queues`, polling them:
//!   `routes::queues`; the REDIRECT flow: `routes::redirect`, its sessions and approvals:
//!   `world::redirect`;
//! - test-bank file grammar, `COFFRE_…` directives, file selection by credential 302:
//!   [`testbank`] (`world::testbank`);
//! - account listing before consent and account update: `world::bank::accounts`; the update
//!   body: `routes::accounts`; account deletion: `world::bank`;
//! - transaction filters, unknown query parameters: `routes::transactions`, `routes::params`;
//!   ordering and matching across syncs: `world::bank::transactions`;
//! - widget session body, checks and answer: `routes::widget`;
//! - fault injection: the order of the dice, `world::faults`; dropped connections and early
//!   expiry, `routes::faults`;
//! - what the state file keeps across a restart, and what it does not: `world::persist`.
//! - finX under `/finx` (its own world, routes and choices): `finx`.

mod config;
mod finx;
mod routes;
mod world;

pub use config::{Faults, SandboxArgs, SandboxConfig};
pub use config::{SANDBOX_FINX_CLIENT_ID, SANDBOX_FINX_CLIENT_SECRET};
pub use routes::error;
pub use routes::server::{RunningSandbox, serve_forever, start, start_loading_in_background};
pub use world::testbank;
