//! Mapping from finX wire types to [`crate::domain`] types. Every piece of bank text (names,
//! purposes, owners, bank names) goes through `crate::sanitize` here; ids become the domain's
//! `finx:`-keyed ids (`AccountId::finx`), so they never collide with Oxlin's.
//!
//! - An account's connection is its finX access (`access_id`): [`connections`] groups the
//!   accounts of one access into one domain `Connection` named after its bank, with one
//!   redirect channel whose `expires` is when the access ends (90 days after the last refresh
//!   of its token, seed 004), so the dashboard's renewal reminder works as for a PSD2 channel.
//! - A transaction's label is what a person reads: the counterparty `name` and the remittance
//!   text (`sepa_remittance_info`, else the `SVWZ+` part of `purpose`, see [`purpose`]), joined
//!   by ` · `; the full `purpose` is its notes. `booked: false` is pending.
//! - Dates: `booked_at` is the operation and booking day, `settled_at` the value day, each the
//!   calendar day as written; `created_at` is when finX imported it.
//!
//! Docs gaps (ours): an account without `name` is named by its `account_number`, then its id;
//! a missing currency is `EUR` (every finX example is in euros); a transaction without `booked`
//! is booked; without `name` and remittance text, its label is its `booking_text`, then its
//! type; a transaction's category is the most specific of its `categories`.

mod errors;
pub mod purpose;

pub use errors::call_failure;

use chrono::{DateTime, Utc};

use super::tokens::access_ends;
use super::wire::{self, AccountType};
use crate::domain::{
    Account, AccountId, AccountKind, AccountState, Booking, ChannelHealth, ChannelState,
    Connection, ConnectionId, ConnectionState, Money, Transaction, TransactionId,
};
use crate::sanitize::{clean_line, clean_multiline};

const DEFAULT_CURRENCY: &str = "EUR";

/// The channel id of a finX access (it has exactly one: the widget's bank login).
pub const ACCESS_CHANNEL: &str = "finx-access";

/// What joins the counterparty and the remittance text in a label.
pub const LABEL_SEPARATOR: &str = " · ";

/// A wire account as a domain account.
pub fn account(a: &wire::Account) -> Account {
    let name = a
        .name
        .as_deref()
        .or(a.account_number.as_deref())
        .unwrap_or(&a.account_id);
    let currency = clean_line(a.currency.as_deref().unwrap_or(DEFAULT_CURRENCY));
    let balance = a.balance.as_ref();
    Account {
        id: AccountId::finx(&a.account_id),
        connection_id: a.access_id.as_deref().map(ConnectionId::finx),
        name: clean_line(name),
        kind: match &a.kind {
            Some(AccountType::Giro) => AccountKind::Checking,
            Some(AccountType::Savings) | Some(AccountType::DailySavings) => AccountKind::Savings,
            Some(AccountType::CreditCard) => AccountKind::CreditCard,
            Some(AccountType::Loan) => AccountKind::Loan,
            Some(other) => AccountKind::Other(clean_line(other.as_str())),
            None => AccountKind::Other(String::new()),
        },
        state: AccountState::Active,
        iban: a.iban.as_deref().map(clean_line),
        balance: balance
            .and_then(|b| b.balance)
            .map(|amount| Money::new(amount, currency)),
        balance_date: balance.and_then(|b| b.balance_date).map(|t| t.utc()),
        owner: a.owner.as_deref().map(clean_line),
    }
}

/// A wire transaction as a domain transaction.
pub fn transaction(t: &wire::Transaction) -> Transaction {
    let booked_day = t.booked_at.map(|d| d.day());
    Transaction {
        id: TransactionId::finx(&t.transaction_id),
        account_id: AccountId::finx(t.account_id.as_deref().unwrap_or_default()),
        amount: Money::new(
            t.amount,
            clean_line(t.currency.as_deref().unwrap_or(DEFAULT_CURRENCY)),
        ),
        date: booked_day,
        value_date: t.settled_at.map(|d| d.day()),
        booking_date: booked_day,
        imported_at: t.created_at.map(|d| d.utc()),
        booking: match t.booked {
            Some(false) => Booking::Pending,
            Some(true) | None => Booking::Booked,
        },
        label: label(t),
        notes: t
            .purpose
            .as_deref()
            .map(clean_multiline)
            .filter(|p| !p.is_empty()),
        category: t
            .categories
            .as_ref()
            .and_then(|c| c.iter().rev().find_map(|c| c.name.as_deref()))
            .map(clean_line),
        kind: t.kind.as_ref().map(|k| clean_line(k.as_str())),
    }
}

/// The label of the module doc: counterparty and remittance text, sanitised.
fn label(t: &wire::Transaction) -> String {
    let clean = |text: Option<&str>| text.map(clean_line).filter(|s| !s.is_empty());
    let remittance = clean(t.sepa_remittance_info.as_deref()).or_else(|| {
        clean(
            t.purpose
                .as_deref()
                .and_then(purpose::remittance)
                .as_deref(),
        )
    });
    match (clean(t.name.as_deref()), remittance) {
        (Some(name), Some(text)) => format!("{name}{LABEL_SEPARATOR}{text}"),
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => clean(t.booking_text.as_deref())
            .or_else(|| clean(t.kind.as_ref().map(|k| k.as_str())))
            .unwrap_or_default(),
    }
}

/// One domain connection per finX access among `accounts`, in the order first seen; each
/// access ends [`access_ends`] after `refreshed_at`, the last refresh of its token (unknown:
/// no end date). Accounts without `access_id` belong to none.
pub fn connections(
    accounts: &[wire::Account],
    refreshed_at: Option<DateTime<Utc>>,
) -> Vec<Connection> {
    let mut out: Vec<Connection> = Vec::new();
    for a in accounts {
        let Some(access) = a.access_id.as_deref() else {
            continue;
        };
        let id = ConnectionId::finx(access);
        let succeeded = a
            .status
            .as_ref()
            .and_then(|s| s.succeeded_at)
            .map(|t| t.utc());
        if let Some(known) = out.iter_mut().find(|c| c.id == id) {
            known.last_success = known.last_success.max(succeeded);
            known.channels[0].last_success = known.last_success;
            continue;
        }
        out.push(Connection {
            id,
            provider_id: a.bank_code.as_deref().map(clean_line),
            name: clean_line(a.bank_name.as_deref().unwrap_or(access)),
            state: ConnectionState::Ok,
            channels: vec![ChannelState {
                definition_id: ACCESS_CHANNEL.to_owned(),
                redirect: true,
                health: ChannelHealth::Ok,
                expires: refreshed_at.and_then(access_ends),
                last_success: succeeded,
            }],
            last_success: succeeded,
        });
    }
    out
}

#[cfg(test)]
mod tests;
