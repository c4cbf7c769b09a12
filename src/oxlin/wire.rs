//! Wire types: the JSON the Oxlin API v2.1 sends and receives, spelled exactly as the API spells
//! it (oxlin-api.md §5, §6 and seed 002).
//!
//! Tolerance rules, so a server that grows never breaks the client:
//! - every enum is *open*: known values plus `Other(String)`, which keeps what was sent (an
//!   unknown event type is data, not an error);
//! - every object keeps the fields it does not know in `extra` (`#[serde(flatten)]`);
//! - amounts are read from JSON numbers or strings into `rust_decimal::Decimal`, exactly: the
//!   client quotes amount numbers before decoding ([`amounts`]).
//!
//! Docs gap: which fields are mandatory is not published. We require only ids (and a
//! transaction's `amount`); everything else is optional or defaults to empty.

mod account;
pub mod amounts;
mod connection;
mod event;
pub(crate) mod open_enum;
mod provider;
mod requests;
mod token;
mod transaction;
mod user;

pub use account::{Account, CapitalGain, CreditCard, Loan, NextPayment, Savings};
pub use connection::{Channel, ChannelCredential, Connection, Owner};
pub use event::{Event, EventResource, JobFailure};
pub use open_enum::{
    AccountStatus, AccountType, AccountUsage, ChannelMode, ChannelStatus, ConnectionStatus,
    CredentialType, EventType, KeyType, ResourceType, SyncType, TransactionOrigin,
    TransactionStatus, TransactionType,
};
pub use provider::{Challenge, ChannelDefinition, CredentialDefinition, Key, Provider};
pub use requests::{
    AccountUpdate, AuthorizeUrlRequest, ChannelCredentialsRequest, ConsentDecision,
    ConsentsRequest, CreateConnectionRequest, CredentialValue, SingleCredentialRequest,
    UserInputRequest, WidgetParams,
};
pub use token::TokenResponse;
pub use transaction::Transaction;
pub use user::User;

/// Fields an object carried that this client does not model, kept as sent.
pub type Extra = serde_json::Map<String, serde_json::Value>;
