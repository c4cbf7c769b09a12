//! Commands: the effects `update` asks for, as imperatives. The task runner executes them and
//! answers with `Msg::Api(..)`. Secrets travel as `SecretString` (their `Debug` is redacted).

use secrecy::SecretString;

use crate::domain::{AccountId, ConnectionId, CredentialValue};

/// Something the app wants done outside the pure core.
#[derive(Debug, Clone)]
pub enum Command {
    /// Log the user in (ROPC), creating the user when it does not exist yet.
    LogIn {
        /// The request id the answer will carry.
        request: u64,
        /// The user's email.
        email: String,
        /// The user's password.
        password: SecretString,
    },
    /// Resume the saved session: log in with the stored refresh token (no password).
    Resume {
        /// The request id the answer (`ApiEvent::LoggedIn`) will carry.
        request: u64,
        /// The stored refresh token.
        token: SecretString,
    },
    /// Fetch the provider catalogue.
    LoadProviders,
    /// Create a connection with these credentials (encrypting the `encrypt` ones first).
    SubmitCredentials {
        /// The request id the answer will carry.
        request: u64,
        /// The provider.
        provider: String,
        /// The EMBEDDED channel definition.
        channel: String,
        /// The values, in the definition's order.
        values: Vec<CredentialValue>,
        /// Renew this existing connection's channel (`PUT …/channels/{cd}`) instead of
        /// creating a connection.
        renew: Option<ConnectionId>,
    },
    /// Get the bank's authorisation URL, open the browser and wait for the redirect on loopback.
    StartRedirect {
        /// The request id the answers will carry.
        request: u64,
        /// The provider.
        provider: String,
        /// The REDIRECT channel definition.
        channel: String,
        /// Renew this existing connection (`connection_id` in the authorize_url request).
        renew: Option<ConnectionId>,
    },
    /// Stop waiting for the redirect of `request` (closes the loopback listener).
    CancelRedirect {
        /// The request to cancel.
        request: u64,
    },
    /// Answer the bank's challenge.
    AnswerChallenge {
        /// The connection.
        connection: ConnectionId,
        /// The channel definition.
        channel: String,
        /// `(item id, value)` in the challenge's order; OK_CANCEL values are `"true"`/`"false"`.
        answers: Vec<(String, SecretString)>,
    },
    /// Send the user's consent choice.
    SendConsents {
        /// The connection.
        connection: ConnectionId,
        /// The channel definition.
        channel: String,
        /// Accounts shared.
        accepted: Vec<AccountId>,
        /// Accounts refused (deleted by the API).
        refused: Vec<AccountId>,
    },
    /// Poll the connection's queue, tagging every event with `generation`.
    PollQueue {
        /// The connection.
        connection: ConnectionId,
        /// The generation its events will carry.
        generation: u64,
    },
    /// Stop polling a connection's queue.
    StopPolling {
        /// The connection.
        connection: ConnectionId,
    },
    /// Read the dashboard's data from the local store (answered by `ApiEvent::DashboardLoaded`).
    LoadDashboard,
    /// Sync one connection now, polling its queue with `generation` (the `s` key: one command
    /// per connection, answered by `ApiEvent::SyncProgressed`).
    SyncNow {
        /// The connection.
        connection: ConnectionId,
        /// The generation its events will carry.
        generation: u64,
    },
    /// Sync one German bank now through finX (its refresh token rotated and kept, its accounts
    /// and transactions read, as `coffre sync` does), answered by `ApiEvent::SyncProgressed`
    /// with `generation`.
    SyncGermanBank {
        /// The finX bank (its access).
        connection: ConnectionId,
        /// The generation its progress will carry.
        generation: u64,
    },
    /// Give a connection's credentials again: expiring, expired, or refused (AUTH_FAILED).
    RenewCredentials {
        /// The connection.
        connection: ConnectionId,
    },
    /// Set up the bank's other channel on a connection (its website for payment accounts, or
    /// its form for the others), answered like a renewal (`ApiEvent::RenewalReady`).
    AddChannel {
        /// The connection.
        connection: ConnectionId,
    },
    /// Ask which of the connection's waiting accounts to share (answered by
    /// `ApiEvent::ConsentRequested`).
    GiveConsent {
        /// The connection.
        connection: ConnectionId,
        /// The generation the consent request and the sync after it carry.
        generation: u64,
    },
    /// Write the connection as the API has it to the store, then answer
    /// `ApiEvent::SyncProgressed { step: Done }` with `generation`: the consent screen's "share
    /// none" (nothing is sent; the accounts keep waiting for consent at the bank).
    SaveConnection {
        /// The connection.
        connection: ConnectionId,
        /// The generation of its sync, which the answer carries.
        generation: u64,
    },
    /// Delete a connection and its accounts (the user confirmed).
    DeleteConnection {
        /// The connection.
        connection: ConnectionId,
    },
    /// Archive or unarchive an account (archived accounts leave the totals).
    ArchiveAccount {
        /// The account.
        account: AccountId,
        /// `true` to archive, `false` to unarchive.
        archived: bool,
    },
    /// Export from the store what the dialog asked for (answered by `ApiEvent::Exported`).
    Export(crate::export::ExportRequest),
    /// Export the rows of the transactions view's query, in its order, read from the store
    /// (answered by `ApiEvent::Exported`).
    ExportQuery {
        /// The format, the path, the account.
        request: crate::export::ExportRequest,
        /// Which rows, in which order.
        query: crate::store::window::TxQuery,
    },
    /// Ring the terminal's bell (a bank question arrived in the background).
    Bell,
    /// Open an Oxlin page, take a pasted address, copy a link (widget mode and browser waits).
    Browser(crate::app::widget::BrowserCommand),
    /// Leave the app.
    Quit,
    /// Read up to `n` transactions of `query` from `anchor` (the transactions view's window),
    /// off the UI task on the one long-lived read connection (`tasks::tx_window`); answered by
    /// `ApiEvent::TxWindowRead` with `generation`. Only the newest such read matters.
    ReadTxWindow {
        /// The request this is (the answer carries it; an older one is dropped).
        generation: u64,
        /// Which rows, in which order.
        query: crate::store::window::TxQuery,
        /// Where the window starts.
        anchor: crate::store::window::Anchor,
        /// How many rows at most.
        n: usize,
    },
    /// Count the transactions `query` selects (the transactions view's count), answered by
    /// `ApiEvent::TxCounted` with `generation`.
    CountTx {
        /// The request this is (the answer carries it).
        generation: u64,
        /// Which rows.
        query: crate::store::window::TxQuery,
    },
    /// Read what the transactions view needs of the whole store (how many rows, which
    /// categories), answered by `ApiEvent::TxFactsRead` with `generation`.
    ReadTxFacts {
        /// The request this is (the answer carries it).
        generation: u64,
    },
}
