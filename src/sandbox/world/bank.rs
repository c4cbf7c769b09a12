//! The banking data of every sandbox user: connections (with their channels), accounts,
//! transactions and event queues, as plain records, and how they are removed. The submodules
//! list accounts and import transactions from the test bank ([`accounts`], [`transactions`]),
//! and write each record as the API's JSON object (the `*_json` modules).
//!
//! Docs gap: `DELETE /accounts/{id}` (P: data-deletion) removes the account and its
//! transactions; when no account of its channel remains the channel becomes `EMPTY`, and when no
//! account of its connection remains the connection is deleted ([`Bank::delete_account`]).

pub mod account_json;
pub mod accounts;
pub mod connection_json;
pub mod transaction_json;
pub mod transactions;

use std::collections::{BTreeMap, VecDeque};
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::testbank::TestBank;

/// All banking data, keyed by the API's ids.
#[derive(Debug, Default)]
pub struct Bank {
    pub connections: BTreeMap<String, ConnectionRecord>,
    pub accounts: BTreeMap<String, AccountRecord>,
    /// Transactions per account id, kept in the API's order (`import_date` ascending, then `id`
    /// descending).
    pub transactions: BTreeMap<String, Vec<TransactionRecord>>,
    /// transaction id -> account id, for `GET /transactions/{id}`.
    pub transaction_index: BTreeMap<String, String>,
    pub queues: BTreeMap<String, QueueRecord>,
}

/// A connection of a user to a provider (saved in the state file, its test bank by name).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ConnectionRecord {
    pub id: String,
    pub user_id: String,
    pub provider_id: String,
    pub name: String,
    pub creation_date: i64,
    pub auto_sync: bool,
    pub consent_per_account: bool,
    pub owner_name: Option<String>,
    pub channels: Vec<ChannelRecord>,
    /// The test-bank file this connection's EMBEDDED channel runs (None before credentials).
    #[serde(with = "super::persist::bank_by_name")]
    pub test_bank: Option<Arc<TestBank>>,
    /// How many syncs have run (accounts may appear on a later one).
    pub sync_count: u32,
}

/// One channel of a connection (`channel_definition_id` names its definition).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChannelRecord {
    pub channel_definition_id: String,
    /// `REDIRECT` or `EMBEDDED`.
    pub mode: String,
    /// A Channel.status value (`SUCCESS`, `RUNNING`, `NEVER`, `EMPTY`, `AUTH_FAILED`, …).
    pub status: String,
    pub expires: Option<i64>,
    pub last_success_date: Option<i64>,
    pub last_end_date: Option<i64>,
    /// (credential id, masked value) as shown in `credentials[].masked_value`.
    pub credentials: Vec<(String, String)>,
    pub account_types: Vec<String>,
    /// When the bank last accepted the answer to its challenge (epoch seconds): the strong
    /// authentication it asks again only after `COFFRE_CHALLENGE_EVERY` (not part of the API's
    /// Channel JSON).
    #[serde(default)]
    pub strong_auth_at: Option<i64>,
}

/// An account, as `GET /accounts` shows it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AccountRecord {
    pub id: String,
    pub user_id: String,
    pub connection_id: String,
    pub channel_definition_id: String,
    pub name: Option<String>,
    pub currency: String,
    pub balance: Decimal,
    pub balance_date: i64,
    pub iban: Option<String>,
    /// An Account.status value (`ACTIVE`, `PENDING_CONSENT`, `CLOSED`, …).
    pub status: String,
    /// An Account.type value (`CHECKINGS`, `SAVINGS`, `LOAN`, `CREDIT_CARD`).
    pub account_type: String,
    pub creation_date: i64,
    pub account_number: Option<String>,
    pub owner_name: Option<String>,
    /// `PERSONAL` or `PROFESSIONAL`.
    pub usage: String,
    /// The test bank's account uid, to match accounts across syncs.
    pub bank_uid: String,
}

/// A transaction, as `GET /transactions` shows it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TransactionRecord {
    pub id: String,
    pub account_id: String,
    pub currency: String,
    pub amount: Decimal,
    pub label: String,
    pub notes: Option<String>,
    /// Midnight Europe/Paris, epoch seconds.
    pub date: i64,
    pub value_date: i64,
    pub booking_date: Option<i64>,
    /// The sync instant, epoch seconds.
    pub import_date: i64,
    /// `BOOKED` or `PENDING` (or another Transaction.status).
    pub status: String,
    /// A Transaction.type value.
    pub transaction_type: String,
    pub category_id: String,
    /// A Transaction.origin value.
    pub origin: String,
}

/// A subscribed event queue: events wait here until polled.
#[derive(Debug, Clone, Default)]
pub struct QueueRecord {
    pub id: String,
    pub user_id: String,
    pub topics: Vec<String>,
    pub events: VecDeque<Value>,
}

impl Bank {
    /// Removes a connection with its accounts and their transactions.
    pub fn remove_connection(&mut self, connection_id: &str) {
        self.connections.remove(connection_id);
        let gone: Vec<String> = self
            .accounts
            .values()
            .filter(|a| a.connection_id == connection_id)
            .map(|a| a.id.clone())
            .collect();
        for account_id in &gone {
            self.remove_account_data(account_id);
        }
    }

    /// Removes an account and its transactions.
    pub fn remove_account_data(&mut self, account_id: &str) {
        self.accounts.remove(account_id);
        if let Some(transactions) = self.transactions.remove(account_id) {
            for transaction in transactions {
                self.transaction_index.remove(&transaction.id);
            }
        }
    }

    /// Removes an account and its transactions; empties its channel and deletes its connection
    /// when they have no account left (see the module doc).
    pub fn delete_account(&mut self, id: &str) {
        let Some(account) = self.accounts.remove(id) else {
            return;
        };
        for tx in self.transactions.remove(id).unwrap_or_default() {
            self.transaction_index.remove(&tx.id);
        }
        let siblings = |channel: Option<&str>| {
            self.accounts.values().any(|a| {
                a.connection_id == account.connection_id
                    && channel.is_none_or(|c| a.channel_definition_id == c)
            })
        };
        let channel_left = siblings(Some(&account.channel_definition_id));
        let connection_left = siblings(None);
        if !connection_left {
            self.connections.remove(&account.connection_id);
        } else if !channel_left
            && let Some(connection) = self.connections.get_mut(&account.connection_id)
        {
            for channel in &mut connection.channels {
                if channel.channel_definition_id == account.channel_definition_id {
                    channel.status = "EMPTY".to_owned();
                }
            }
        }
    }
}
