//! The Oxlin / Linxo Connect API v2.1 client: typed wire types, token manager, every documented
//! endpoint, PGP encryption of `encrypt: true` credentials, challenge handling, one error type
//! that says what to do next, and retries for idempotent calls.
//!
//! The TUI and the headless commands use nothing else to talk to Oxlin. Values leave this module
//! as [`crate::domain`] types through `domain::from_wire`.

pub mod challenge;
pub mod client;
pub mod config;
pub mod endpoints;
pub mod error;
pub mod pgp;
pub mod secret;
pub mod to_domain;
pub mod tokens;
pub mod wire;
