//! Messages: everything that happens, as facts (past tense for results). Results carry their data
//! and the request id or poller generation they answer.

use chrono::{DateTime, Utc};
use crossterm::event::{KeyEvent, MouseEvent};

use crate::domain::{
    Account, CallFailure, Channel, ConnectionId, CredentialField, Provider, SyncStep,
};
use crate::screens::dashboard::DashboardData;

/// Something that happened.
// The dashboard's data (a few hundred bytes inline, its rows on the heap) arrives once per
// load; boxing it would cost every caller a `Box::new` for no measurable gain.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Msg {
    /// A key was pressed.
    Key(KeyEvent),
    /// The mouse moved, clicked or scrolled.
    Mouse(MouseEvent),
    /// Time passed: the loop's clock says it is `now` (the only way time enters the model).
    Tick(DateTime<Utc>),
    /// The terminal was resized to (columns, rows).
    Resized(u16, u16),
    /// A background task finished or a poller saw an event.
    Api(ApiEvent),
    /// News about a wait on the browser (the bank's website, an Oxlin page).
    Browser(crate::app::widget::BrowserEvent),
}

/// Results of commands and events from the queue poller.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum ApiEvent {
    /// The login request `request` finished.
    LoggedIn {
        /// The request this answers.
        request: u64,
        /// Ok, or why not.
        result: Result<(), CallFailure>,
    },
    /// The provider catalogue arrived.
    ProvidersLoaded(Result<Vec<Provider>, CallFailure>),
    /// The credentials of submission `request` were accepted: this connection now syncs.
    ConnectionCreated {
        /// The request this answers.
        request: u64,
        /// The new connection's id, or why it was refused.
        result: Result<ConnectionId, CallFailure>,
    },
    /// The authorisation URL of REDIRECT request `request` is known.
    AuthorizeUrlReady {
        /// The request this answers.
        request: u64,
        /// The URL to open, or why not.
        result: Result<String, CallFailure>,
    },
    /// The bank sent the user back (REDIRECT `request`): this connection now syncs.
    RedirectCompleted {
        /// The request this answers.
        request: u64,
        /// The connection id, or why not (timeout, refused at the bank).
        result: Result<ConnectionId, CallFailure>,
    },
    /// The bank asks a question (a `*_USER_INPUT_REQUESTED` queue event).
    ChallengeReceived {
        /// The connection asking.
        connection: ConnectionId,
        /// The channel definition to answer to.
        channel: String,
        /// The poller generation that saw it.
        generation: u64,
        /// The challenge array, in order.
        challenge: Vec<CredentialField>,
    },
    /// The bank listed accounts that wait for consent.
    ConsentRequested {
        /// The connection.
        connection: ConnectionId,
        /// The channel definition the consents go to.
        channel: String,
        /// The poller generation that saw it.
        generation: u64,
        /// The accounts.
        accounts: Vec<Account>,
    },
    /// A connection's sync moved to a new step.
    SyncProgressed {
        /// The connection.
        connection: ConnectionId,
        /// The poller generation that saw it.
        generation: u64,
        /// The new step.
        step: SyncStep,
    },
    /// A call failed in the background (answering a challenge, sending consents).
    Failed {
        /// The connection concerned; `None` when the failure is about no one connection (a
        /// poll of the whole queue, the store, a command sent before logging in).
        connection: Option<ConnectionId>,
        /// Why.
        error: CallFailure,
    },
    /// An export from the dialog finished: `Ok` says where the file went and what it holds,
    /// `Err` why it could not be written (already sanitised).
    Exported(Result<String, String>),
    /// The dashboard's data was read from the store (`Err`: why not, already sanitised).
    DashboardLoaded(Result<DashboardData, String>),
    /// A connection's credentials can be given again through this bank's channel (the answer
    /// to `Command::RenewCredentials`).
    RenewalReady {
        /// The connection to renew.
        connection: ConnectionId,
        /// Its bank.
        provider: Box<Provider>,
        /// The channel to give the credentials to.
        channel: Box<Channel>,
    },
    /// Something finished that the user should hear about (export written, bank deleted).
    Notice(String),
    /// What the charts view draws, read after the transactions (`store::load_charts`; `Err`:
    /// why not, already sanitised).
    ChartsLoaded(Result<Box<crate::store::read_model::charts::ChartData>, String>),
    /// A sync writing `connection` to the store has fetched and stored `imported` transactions
    /// so far (a running total for this write, sent at most about ten times a second and once
    /// more at its end: `tasks::store_sync`).
    TransactionsImported {
        /// The connection being written.
        connection: ConnectionId,
        /// Transactions fetched and stored so far by this sync.
        imported: usize,
    },
    /// The API became reachable (`true`) or unreachable (`false`): the dashboard shows an
    /// OFFLINE badge and keeps showing the store.
    Connectivity {
        /// The API answers.
        online: bool,
    },
    /// A window of the transactions view was read (`Command::ReadTxWindow`; `Err`: why not).
    TxWindowRead {
        /// The read this answers (dropped unless it is the newest asked).
        generation: u64,
        /// The rows, in the query's order, with their cursors.
        rows: Result<Box<crate::store::window::Window>, String>,
    },
    /// The transactions a query selects were counted (`Command::CountTx`; `Err`: why not).
    TxCounted {
        /// The count this answers.
        generation: u64,
        /// How many rows.
        count: Result<usize, String>,
    },
    /// The store's transactions as a whole (`Command::ReadTxFacts`; `Err`: why not).
    TxFactsRead {
        /// The read this answers.
        generation: u64,
        /// How many rows, which categories.
        facts: Result<crate::store::dashboard::TxFacts, String>,
    },
}
