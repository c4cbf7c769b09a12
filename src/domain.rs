//! Backend-neutral types: what the dashboard, the store and the exports work with, whatever API
//! the data came from (Oxlin today, finX later). Bank text in them is already sanitised
//! (`crate::sanitize`) by the mapping that built them (for Oxlin: `oxlin::to_domain`).
//! They are also what the task runner and the screens exchange in `Command`s and `Msg`s: the bank
//! catalogue (`provider`), a sync's progress (`progress`), why a call failed (`error`) and the
//! typed credential values (`credential`).

mod account;
mod category;
mod codes;
mod connection;
mod credential;
mod error;
mod german_sync;
mod ids;
mod known_login;
mod money;
mod page_failure;
mod progress;
mod provider;
mod transaction;
mod widget_page;

pub use account::{Account, AccountKind, AccountState};
pub use category::{NameLanguage, category_name};
pub use connection::{
    ChannelHealth, ChannelState, Connection, ConnectionState, NextAction, RENEWAL_WINDOW_DAYS,
};
pub use credential::CredentialValue;
pub use error::CallFailure;
pub use german_sync::GermanSyncFailure;
pub use ids::{AccountId, Aggregator, BadIdKey, ConnectionId, TransactionId};
pub use known_login::{KnownConnection, login_matches_mask};
pub use money::{Money, paris_date, paris_day};
pub use page_failure::PageFailure;
pub use progress::{SyncStep, retry_from_form};
pub use provider::{Channel, ChannelMode, CredentialField, InputKind, Provider};
pub use transaction::{Booking, BookingStatus, Transaction};
pub use widget_page::WidgetPage;
