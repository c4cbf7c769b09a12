//! The dashboard: snapshots of every state (accounts and transactions views, offline, syncing,
//! errors, thousands of rows, hostile and long labels, search, filter, detail, sort) and flows
//! (the `Command`s its keys produce).

mod export_dialog;
pub(crate) mod fixtures;
mod flows;
mod snapshots;
mod windows;
