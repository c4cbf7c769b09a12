//! The finX (finleap connect, now Qwist) Financial Data client: typed wire types spelled as
//! finX spells them, the one-time access flow (widget link, code exchange), rotating refresh
//! tokens handed to a keeper before they are used, the data endpoints with offset paging, and
//! one error type that says what to do next (link again, fix the app's credentials, wait).
//!
//! The shape mirrors [`crate::oxlin`]; what is generic is reused from there rather than copied:
//! the exact-amount decoding (`oxlin::wire::amounts`), the open enums (`oxlin::wire::open_enum`),
//! the body reader with its size caps (`oxlin::client::read_body`), the hiding of echoed secrets
//! (`oxlin::error::SentSecrets`), the token keeper trait (`oxlin::tokens::TokenKeeper`), the
//! HTTPS-except-loopback rule (`oxlin::config::check_url`) and the secret helpers
//! (`oxlin::secret`).
//!
//! Values leave this module as [`crate::domain`] types through [`to_domain`]. The facts come
//! from seed 004 and `finx-api.md`; where they are silent, §9 of that file gives the choice,
//! written down in the module that makes it.

pub mod client;
pub mod config;
pub mod error;
pub mod to_domain;
pub mod tokens;
pub mod wire;

pub use client::Client;
pub use config::FinxConfig;
pub use error::FinxError;
