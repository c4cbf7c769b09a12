//! Why a German bank (finX) could not be synced from the TUI (`s` on the dashboard): one
//! variant per case, carried from the task that syncs it (`tasks::finx_link::sync_one`) to the
//! sync board as `ChannelHealth::German`, and worded in the user's language with what to do
//! next by `crate::wording::german_sync`. What finX or the store said is kept as sent
//! (sanitised), to be quoted.

/// Why a German bank's sync from the TUI stopped.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum GermanSyncFailure {
    /// The configuration has no `[finx]` section (client id and secret).
    NotConfigured,
    /// coffre runs without a local store, so there is nothing to sync into.
    NoStore,
    /// The local store could not be opened or read; what it said.
    StoreUnreadable(String),
    /// The bank's finX link is no longer in the store (deleted meanwhile).
    LinkGone,
    /// finX no longer accepts the link's access (its refresh token was refused): renew it.
    AccessLost,
    /// finX could not be reached.
    Unreachable,
    /// finX refused coffre's client id or secret.
    ClientRefused,
    /// finX or the store refused the sync; what it said.
    Refused(String),
}
