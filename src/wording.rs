//! The words coffre says to the user, decided in one place: what a status, a needed action or a
//! failure means, and what to do about it. The screens and the headless commands (`coffre
//! sync`) both speak through here; nothing below (store, tasks, clients, domain) holds an
//! English sentence that code reads back.
//!
//! - [`actions`]: what the user must do about a connection (a [`crate::domain::NextAction`]).
//! - [`failures`]: why a call or a sync failed, and what to do next.
//! - [`browser`]: how long a wait on the browser lasts, and how long is left.
//! - [`german_sync`]: why a German bank (finX) could not be synced from the TUI, and what to do.
//! - [`page_failure`]: why a browser page failed, or why the address it came back with was not
//!   used, and what to do next.

pub mod actions;
pub mod browser;
pub mod failures;
pub mod german_sync;
pub mod page_failure;
