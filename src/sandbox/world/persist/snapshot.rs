//! What the state file holds: a [`Snapshot`] of the parts of the world that outlive a restart,
//! taken from a locked world and turned back into one.

use std::sync::Arc;

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use crate::sandbox::world::bank::{AccountRecord, ConnectionRecord, TransactionRecord};
use crate::sandbox::world::engine::StoredCredentials;
use crate::sandbox::world::state::World;
use crate::sandbox::world::testbank::{self, TestBank};
use crate::sandbox::world::users::UserRecord;

/// The version of the file's layout; another version is refused (the file is kept as `.bad`).
pub const FORMAT: u32 = 1;

/// The saved world.
#[derive(Debug, Serialize, Deserialize)]
pub struct Snapshot {
    pub format: u32,
    /// The next id the sandbox hands out.
    pub next_id: u64,
    pub users: Vec<UserRecord>,
    pub connections: Vec<ConnectionRecord>,
    pub accounts: Vec<AccountRecord>,
    /// Every account's transactions, each account's in the API's order.
    pub transactions: Vec<TransactionRecord>,
    /// What each channel syncs with.
    pub channels: Vec<SavedChannel>,
}

/// A channel set up to sync: its test-bank file and, for EMBEDDED, the login and whether the
/// bank accepted the credentials (never the password).
#[derive(Debug, Serialize, Deserialize)]
pub struct SavedChannel {
    pub connection_id: String,
    pub channel_definition_id: String,
    /// The test-bank file's name (`default`, `large`, …).
    pub test_bank: String,
    pub login: Option<String>,
    pub credentials_accepted: bool,
}

impl Snapshot {
    /// Copies what persists out of the world (called with the world locked: clones only).
    pub fn take(world: &World, next_id: u64) -> Self {
        let engine = &world.engine;
        let channels = engine
            .banks
            .iter()
            .map(|(key, bank)| {
                let stored = engine.credentials.get(key);
                SavedChannel {
                    connection_id: key.0.clone(),
                    channel_definition_id: key.1.clone(),
                    test_bank: bank.name.clone(),
                    login: stored.map(|c| c.login.clone()),
                    credentials_accepted: stored.is_some_and(|c| {
                        c.login == bank.login && c.password.expose_secret() == bank.password
                    }),
                }
            })
            .collect();
        Self {
            format: FORMAT,
            next_id,
            users: world.users.by_id.values().cloned().collect(),
            connections: world.bank.connections.values().cloned().collect(),
            accounts: world.bank.accounts.values().cloned().collect(),
            transactions: world
                .bank
                .transactions
                .values()
                .flatten()
                .cloned()
                .collect(),
            channels,
        }
    }

    /// The world this snapshot describes, and the next id to hand out (never one already used).
    pub fn restore(self) -> Result<(World, u64), String> {
        if self.format != FORMAT {
            return Err(format!(
                "state file format {} (this coffre reads {FORMAT})",
                self.format
            ));
        }
        let mut world = World::default();
        let mut highest = 0;
        let mut see = |id: &str| highest = highest.max(id.parse::<u64>().unwrap_or(0));
        for user in self.users {
            see(&user.id);
            world.users.by_id.insert(user.id.clone(), user);
        }
        for connection in self.connections {
            see(&connection.id);
            world
                .bank
                .connections
                .insert(connection.id.clone(), connection);
        }
        for account in self.accounts {
            see(&account.id);
            world.bank.accounts.insert(account.id.clone(), account);
        }
        for tx in self.transactions {
            see(&tx.id);
            let index = &mut world.bank.transaction_index;
            index.insert(tx.id.clone(), tx.account_id.clone());
            let list = world.bank.transactions.entry(tx.account_id.clone());
            list.or_default().push(tx);
        }
        for channel in self.channels {
            let bank = testbank::load(&channel.test_bank).map_err(|e| e.to_string())?;
            let key = (channel.connection_id, channel.channel_definition_id);
            if let Some(login) = channel.login {
                // The bank's own password stands in for the one the user typed, which was
                // accepted; a refused one stays refused.
                let password = if channel.credentials_accepted {
                    bank.password.clone()
                } else {
                    String::new()
                };
                let password = SecretString::from(password);
                let stored = StoredCredentials { login, password };
                world.engine.credentials.insert(key.clone(), stored);
            }
            world.engine.banks.insert(key, bank);
        }
        Ok((world, self.next_id.max(highest + 1)))
    }
}

/// Saves a connection's test bank as its file name and loads it back by name.
pub mod bank_by_name {
    use super::*;
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        bank: &Option<Arc<TestBank>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        bank.as_ref().map(|b| b.name.as_str()).serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Arc<TestBank>>, D::Error> {
        let name: Option<String> = Option::deserialize(deserializer)?;
        name.map(|n| testbank::load(&n).map_err(serde::de::Error::custom))
            .transpose()
    }
}
