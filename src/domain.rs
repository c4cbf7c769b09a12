//! Backend-neutral types: what the dashboard, the store and the exports work with, whatever API
//! the data came from (Oxlin today, finX later). Bank text in them is already sanitised
//! (`crate::sanitize`) by the mapping that built them (for Oxlin: `oxlin::to_domain`).

mod account;
mod codes;
mod connection;
mod ids;
mod money;
mod transaction;

pub use account::{Account, AccountKind, AccountState};
pub use connection::{
    ChannelHealth, ChannelState, Connection, ConnectionState, NextAction, RENEWAL_WINDOW_DAYS,
};
pub use ids::{AccountId, Aggregator, BadIdKey, ConnectionId, TransactionId};
pub use money::{Money, paris_date};
pub use transaction::{Booking, BookingStatus, Transaction};
