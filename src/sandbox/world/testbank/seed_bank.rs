//! Seeding a sandbox user's connection to any bank of the catalogue (not only the Linxo test
//! bank, as [`super::seed`] does) from an already parsed test-bank file: for the stage demo
//! (`coffre demo`), whose world holds several banks, one channel each.
//!
//! The connection is set up as if its channel had just been connected with the file's own
//! credentials, every account consented and synced once, so later syncs (`POST
//! /connections/{id}/sync`) run the file like any other connection, its challenge included.
//!
//! Docs gap (ours): the seeded channel lists every account of the file, whatever the channel
//! definition's account types (its `account_types` is left empty, which the engine reads as
//! "all").

use std::sync::Arc;

use secrecy::SecretString;

use super::super::bank::{ChannelRecord, ConnectionRecord};
use super::super::connections::credentials::mask;
use super::super::engine::StoredCredentials;
use super::super::providers::find;
use super::super::state::Sandbox;
use super::TestBank;

/// One connection to seed.
#[derive(Debug, Clone)]
pub struct BankSeed {
    /// The provider's id in the catalogue (see [`provider_id`]).
    pub provider_id: String,
    /// `EMBEDDED` or `REDIRECT`: which of the provider's channels is connected.
    pub mode: &'static str,
    /// What the bank holds and does.
    pub bank: Arc<TestBank>,
    /// When the channel's authorisation expires (epoch seconds); `None`: never.
    pub expires: Option<i64>,
    /// When the bank last passed its strong authentication (epoch seconds); `None`: never, so
    /// the next sync the user starts asks the file's challenge.
    pub strong_auth_at: Option<i64>,
}

/// The catalogue id of the bank named `name` with the branch `branch` (`""` for a national
/// bank).
pub fn provider_id(name: &str, branch: &str) -> Option<String> {
    super::super::providers::catalogue()
        .iter()
        .find(|p| p.name == name && p.branch_name == branch)
        .map(|p| p.id.clone())
}

/// What [`seed_bank`] made.
#[derive(Debug, Clone)]
pub struct SeededConnection {
    /// The new connection's id.
    pub id: String,
    /// Every account of the connection, consented (ACTIVE) and synced.
    pub account_ids: Vec<String>,
    /// How many transactions the sync imported.
    pub transactions: usize,
}

/// Gives `user_id` the connection `seed` describes, synced once at `now` (epoch seconds); an
/// error when the provider or its channel is unknown.
pub fn seed_bank(
    sandbox: &Sandbox,
    user_id: &str,
    seed: &BankSeed,
    now: i64,
) -> Result<SeededConnection, String> {
    let provider = find(&seed.provider_id)
        .ok_or_else(|| format!("no provider `{}` in the catalogue", seed.provider_id))?;
    let channel = provider
        .channel_definitions
        .iter()
        .find(|c| c.mode == seed.mode)
        .ok_or_else(|| format!("{} has no {} channel", provider.name, seed.mode))?;
    let bank = &seed.bank;
    let embedded = seed.mode == "EMBEDDED";
    let connection_id = sandbox.next_id();
    let mut world = sandbox.world();
    let login_masked = channel
        .credentials
        .iter()
        .find(|d| !d.encrypt && !d.kind.contains("PWD"))
        .filter(|_| embedded)
        .map(|d| (d.id.clone(), mask(&bank.login)));
    world.bank.connections.insert(
        connection_id.clone(),
        ConnectionRecord {
            id: connection_id.clone(),
            user_id: user_id.to_owned(),
            provider_id: provider.id.clone(),
            name: provider.name.clone(),
            creation_date: now,
            auto_sync: true,
            consent_per_account: true,
            owner_name: bank.owner.clone(),
            channels: vec![ChannelRecord {
                channel_definition_id: channel.id.clone(),
                mode: seed.mode.to_owned(),
                status: "SUCCESS".to_owned(),
                expires: seed.expires,
                last_success_date: Some(now),
                last_end_date: Some(now),
                credentials: login_masked.into_iter().collect(),
                account_types: Vec::new(),
                strong_auth_at: seed.strong_auth_at,
            }],
            test_bank: Some(Arc::clone(bank)),
            sync_count: 0,
        },
    );
    let listed = world
        .bank
        .list_accounts(sandbox, &connection_id, &channel.id, &[], bank, 0, now);
    if let Some(connection) = world.bank.connections.get_mut(&connection_id) {
        connection.sync_count += 1;
    }
    let mut transactions = 0;
    for id in &listed {
        if let Some(account) = world.bank.accounts.get_mut(id) {
            account.status = "ACTIVE".to_owned();
        }
        transactions += world.bank.sync_account(sandbox, id, bank, now);
    }
    let key = (connection_id.clone(), channel.id.clone());
    if embedded {
        let stored = StoredCredentials {
            login: bank.login.clone(),
            password: SecretString::from(bank.password.clone()),
        };
        world.engine.credentials.insert(key.clone(), stored);
    }
    world.engine.banks.insert(key, Arc::clone(bank));
    Ok(SeededConnection {
        id: connection_id,
        account_ids: listed,
        transactions,
    })
}
