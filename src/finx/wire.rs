//! Wire types: the JSON the finX API sends and receives, spelled exactly as finX spells it
//! (finx-api.md §4–§7, seed 004).
//!
//! Tolerance rules, the same as the Oxlin client's (`crate::oxlin::wire`), so a server that
//! grows never breaks the client:
//! - every enum is *open*: the documented values plus `Other(String)`, kept as sent;
//! - every object keeps the fields it does not know in `extra` (`#[serde(flatten)]`);
//! - amounts are JSON numbers in major units, read exactly into `rust_decimal::Decimal` from
//!   the number's text, never through `f64` (`oxlin::wire::amounts::quote_amounts` before
//!   decoding); one item whose amount no `Decimal` holds (`1e30`) is left out of its list, not
//!   the whole page ([`list`]);
//! - timestamps are ISO 8601 with or without fractions, `Z` or an offset, or a bare date
//!   ([`Timestamp`]).
//!
//! Docs gaps (ours): only ids and a transaction's `amount` are required; everything else is
//! optional (`booked_at`/`settled_at` included, finx-api.md §9.8). A timestamp, a transaction
//! code or a category list that cannot be read is taken as absent ([`lenient`]): the item is
//! kept and filed by its other dates. The legacy figo names (`booking_date`, `value_date`,
//! `creation_timestamp`, `modification_timestamp`) are read as aliases of the finX ones.

mod access;
mod account;
mod callback;
mod error;
pub mod list;
mod open_enums;
mod time;
mod token;
mod transaction;

pub use access::{AccessLink, AccessRequest, AccountRef};
pub use account::{Account, Balance, Icon, SyncStatus};
pub use callback::Callback;
pub use error::{ErrorAnswer, ErrorBody, ErrorEnvelope, OAuthError};
pub use list::List;
pub use open_enums::{AccountType, TransactionType};
pub use time::Timestamp;
pub use token::{TokenRequest, TokenResponse};
pub use transaction::{Category, PaymentPartner, Transaction};

/// Fields an object carried that this client does not model, kept as sent.
pub type Extra = crate::oxlin::wire::Extra;

/// serde `deserialize_with` for an optional field read leniently: any value that is not a `T`
/// (a malformed timestamp, a code sent as a word) is taken as absent instead of failing the
/// whole item.
pub(crate) fn lenient<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    let value = <Option<serde_json::Value> as serde::Deserialize>::deserialize(deserializer)?;
    Ok(value.and_then(|v| serde_json::from_value(v).ok()))
}
