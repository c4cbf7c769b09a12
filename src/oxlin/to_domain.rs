//! Mapping from Oxlin wire types to [`crate::domain`] types. Every piece of bank text (names,
//! labels, notes, owners) goes through `crate::sanitize` here.
//!
//! Ids become the domain's `oxlin:`-keyed ids (`AccountId::oxlin`), so they never collide with
//! another aggregator's.
//!
//! Docs gaps: an account without `name` is named by its `account_number` (then its id); a
//! transaction without `currency` inherits nothing and is written `EUR` (every Oxlin example is
//! in euros); a transaction without `account_id` keeps an empty one.

mod catalogue;
mod errors;

pub use catalogue::{challenge, channel, provider};
pub use errors::call_failure;

use chrono::{DateTime, Utc};

use super::wire::{self, AccountStatus, AccountType, ChannelStatus, ConnectionStatus};
use crate::domain::{
    Account, AccountId, AccountKind, AccountState, Booking, ChannelHealth, ChannelState,
    Connection, ConnectionId, ConnectionState, Money, Transaction, TransactionId, paris_date,
};
use crate::sanitize::{clean_line, clean_multiline};

const DEFAULT_CURRENCY: &str = "EUR";

fn instant(epoch: Option<i64>) -> Option<DateTime<Utc>> {
    epoch.and_then(|e| DateTime::from_timestamp(e, 0))
}

/// A wire account as a domain account.
pub fn account(a: &wire::Account) -> Account {
    let name = a
        .name
        .clone()
        .or_else(|| a.account_number.clone())
        .unwrap_or_else(|| a.id.clone());
    let currency = clean_line(a.currency.as_deref().unwrap_or(DEFAULT_CURRENCY));
    Account {
        id: AccountId::oxlin(&a.id),
        connection_id: a.connection_id.as_deref().map(ConnectionId::oxlin),
        name: clean_line(&name),
        kind: match &a.kind {
            Some(AccountType::Checkings) => AccountKind::Checking,
            Some(AccountType::Savings) => AccountKind::Savings,
            Some(AccountType::Loan) => AccountKind::Loan,
            Some(AccountType::CreditCard) => AccountKind::CreditCard,
            Some(AccountType::Other(text)) => AccountKind::Other(clean_line(text)),
            None => AccountKind::Other(String::new()),
        },
        state: match &a.status {
            Some(AccountStatus::Active) | Some(AccountStatus::Manual) | None => {
                AccountState::Active
            }
            Some(AccountStatus::PendingConsent) => AccountState::PendingConsent,
            Some(AccountStatus::Closed) => AccountState::Closed,
            Some(AccountStatus::Error) | Some(AccountStatus::NotFound) => AccountState::Error,
            Some(other) => AccountState::Other(clean_line(other.as_str())),
        },
        iban: a.iban.as_deref().map(clean_line),
        balance: a.balance.map(|amount| Money::new(amount, currency)),
        balance_date: instant(a.balance_date),
        owner: a
            .owner
            .as_ref()
            .and_then(|o| o.name.as_deref())
            .map(clean_line),
    }
}

/// A wire transaction as a domain transaction.
pub fn transaction(t: &wire::Transaction) -> Transaction {
    use wire::TransactionStatus as S;
    Transaction {
        id: TransactionId::oxlin(&t.id),
        account_id: AccountId::oxlin(t.account_id.as_deref().unwrap_or_default()),
        amount: Money::new(
            t.amount,
            clean_line(t.currency.as_deref().unwrap_or(DEFAULT_CURRENCY)),
        ),
        date: t.date.and_then(paris_date),
        value_date: t.value_date.and_then(paris_date),
        booking_date: t.booking_date.and_then(paris_date),
        imported_at: instant(t.import_date),
        booking: match &t.status {
            Some(S::Booked) | None => Booking::Booked,
            Some(S::Pending) => Booking::Pending,
            Some(other) => Booking::Other(clean_line(other.as_str())),
        },
        label: clean_line(t.label.as_deref().unwrap_or_default()),
        notes: t.notes.as_deref().map(clean_multiline),
        category: t.category_id.as_deref().map(clean_line),
        kind: t.kind.as_ref().map(|k| clean_line(k.as_str())),
    }
}

/// A wire channel status as a domain channel health.
pub fn channel_health(status: Option<&ChannelStatus>) -> ChannelHealth {
    use ChannelStatus as S;
    match status {
        Some(S::Success) => ChannelHealth::Ok,
        Some(S::Running) => ChannelHealth::Syncing,
        Some(S::Never) => ChannelHealth::NeverUsed,
        Some(S::Empty) | None => ChannelHealth::NoCredentials,
        Some(S::AuthFailed) => ChannelHealth::CredentialsRejected,
        Some(S::TooManyAttempts) => ChannelHealth::TooManyAttempts,
        Some(S::PasswordChangeRequired) => ChannelHealth::PasswordChangeRequired,
        Some(S::UserActionRequired) => ChannelHealth::ActionAtBankRequired,
        Some(S::ChallengeRequired) => ChannelHealth::ChallengeRequired,
        Some(S::ChallengeTimedOut) => ChannelHealth::ChallengeTimedOut,
        Some(S::ChallengeFailed) => ChannelHealth::ChallengeFailed,
        Some(S::ChallengeCancelled) => ChannelHealth::ChallengeCancelled,
        Some(S::Other(text)) => ChannelHealth::Other(clean_line(text)),
    }
}

/// A wire connection as a domain connection.
pub fn connection(c: &wire::Connection) -> Connection {
    use ConnectionStatus as S;
    Connection {
        id: ConnectionId::oxlin(&c.id),
        provider_id: c.provider_id.clone(),
        name: clean_line(c.name.as_deref().unwrap_or_default()),
        state: match &c.status {
            Some(S::Running) => ConnectionState::Syncing,
            Some(S::Success) => ConnectionState::Ok,
            Some(S::PartialSuccess) => ConnectionState::PartlyOk,
            Some(S::Failed) => ConnectionState::Failed,
            Some(S::Closed) => ConnectionState::Closed,
            Some(S::None) | None => ConnectionState::NeverSynced,
            Some(S::Other(text)) => ConnectionState::Other(clean_line(text)),
        },
        channels: c
            .channels
            .iter()
            .map(|ch| ChannelState {
                definition_id: ch.channel_definition_id.clone(),
                redirect: ch.mode == Some(wire::ChannelMode::Redirect),
                health: channel_health(ch.status.as_ref()),
                expires: instant(ch.expires),
                last_success: instant(ch.last_success_date),
            })
            .collect(),
        last_success: instant(c.last_success_date).or_else(|| {
            c.channels
                .iter()
                .filter_map(|ch| ch.last_success_date)
                .max()
                .and_then(|e| DateTime::from_timestamp(e, 0))
        }),
    }
}
