//! Seeding a sandbox user's bank straight from a test-bank file, without the connection flow
//! (and running its next syncs, [`sync_again`]):
//! for data tests, the paging benchmark and demos. The regular way is `POST /connections`.
//! The seeded channel is set up as if the file's own credentials had been given, so the
//! connection syncs again (`POST /connections/{id}/sync`) like any other.

use std::sync::Arc;
use std::time::Duration;

use super::super::state::{Sandbox, epoch_now};
use super::super::tokens::Grant;
use super::seed_bank::{BankSeed, seed_bank};
use super::{TestBank, TestBankError, load};

/// The EMBEDDED channel of the Linxo test bank (provider `87`).
const EMBEDDED_CHANNEL: &str = "13400";

/// What [`seed`] made.
#[derive(Debug, Clone)]
pub struct Seeded {
    /// A user access token carrying the requested scopes (one hour).
    pub access_token: String,
    pub connection_id: String,
    /// Every account of the connection, consented (ACTIVE) and synced.
    pub account_ids: Vec<String>,
    /// How many transactions the sync imported.
    pub transactions: usize,
}

/// Gives `user_id` a test-bank connection to the file `selector` (as credential 302 names it),
/// with every account consented and synced once, and a token with `scopes`.
pub fn seed(
    sandbox: &Sandbox,
    user_id: &str,
    selector: &str,
    scopes: &[&str],
) -> Result<Seeded, TestBankError> {
    seed_parsed(sandbox, user_id, load(selector)?, scopes)
}

/// [`seed`] with a test bank parsed elsewhere (e.g. a shipped file scaled up, for the
/// benchmarks at a million transactions): the Linxo test bank's EMBEDDED channel, seeded by
/// [`seed_bank`](super::seed_bank::seed_bank) as already connected, and a token with `scopes`.
pub fn seed_parsed(
    sandbox: &Sandbox,
    user_id: &str,
    bank: Arc<TestBank>,
    scopes: &[&str],
) -> Result<Seeded, TestBankError> {
    let now = epoch_now();
    let seed = BankSeed {
        provider_id: "87".to_owned(),
        mode: "EMBEDDED",
        bank,
        expires: None,
        // Seeded as already connected: its strong authentication was just passed.
        strong_auth_at: Some(now),
    };
    let made = seed_bank(sandbox, user_id, &seed, now).map_err(TestBankError::Seed)?;
    let grant = Grant {
        user_id: Some(user_id.to_owned()),
        scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
    };
    let issued = sandbox
        .world()
        .tokens
        .issue(grant, Duration::from_secs(3600), false);
    Ok(Seeded {
        access_token: issued.access_token,
        connection_id: made.id,
        account_ids: made.account_ids,
        transactions: made.transactions,
    })
}

/// Runs the seeded connection's next sync, as the engine would at `now` (epoch seconds), without
/// the HTTP flow: lists the accounts at the next sync number, counts the sync, and imports the
/// transactions of every consented account. Returns how many transactions are new.
pub fn sync_again(sandbox: &Sandbox, connection_id: &str, now: i64) -> usize {
    let mut world = sandbox.world();
    let Some(connection) = world.bank.connections.get(connection_id) else {
        return 0;
    };
    let Some(bank) = connection.test_bank.clone() else {
        return 0;
    };
    let sync_number = connection.sync_count;
    world.bank.list_accounts(
        sandbox,
        connection_id,
        EMBEDDED_CHANNEL,
        &[],
        &bank,
        sync_number,
        now,
    );
    if let Some(connection) = world.bank.connections.get_mut(connection_id) {
        connection.sync_count += 1;
    }
    let active: Vec<String> = world
        .bank
        .accounts
        .values()
        .filter(|a| a.connection_id == connection_id && a.status == "ACTIVE")
        .map(|a| a.id.clone())
        .collect();
    active
        .iter()
        .map(|id| world.bank.sync_account(sandbox, id, &bank, now))
        .sum()
}

/// Creates the sandbox user `email` with `password` straight in the world (no HTTP: for tests
/// whose sandbox injects faults), and returns its id.
pub fn seed_user(sandbox: &Sandbox, email: &str, password: &str) -> Result<String, String> {
    let mut world = sandbox.world();
    super::super::users::create(sandbox, &mut world, email.to_owned(), password.to_owned())
        .map(|user| user.id.clone())
        .map_err(|e| e.to_string())
}
