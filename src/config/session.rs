//! The `[session]` section: where the saved session's refresh token is kept. What each choice
//! does, and why `auto` is the default, is in `crate::sync::session::place`, which follows it.

use serde::Deserialize;

/// Where the configuration wants the refresh token kept (`[session] store`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SessionStore {
    /// The OS keyring when it can be reached at the first save, else the store.
    #[default]
    Auto,
    /// The OS keyring only: a process that cannot reach it says so and keeps nothing.
    Keyring,
    /// The store (`secrets` table, a `0600` file in the `0700` data dir).
    File,
}

/// The `[session]` section of the configuration (`crate::config`).
#[derive(Debug, Deserialize, Default, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub struct SessionSection {
    /// `"auto"` (the default), `"keyring"` or `"file"`.
    #[serde(default)]
    pub store: SessionStore,
}
