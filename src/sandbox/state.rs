//! The sandbox's shared state: one `World` behind one mutex, and helpers for ids and time.
//!
//! The lock is never held across an `.await`: handlers lock, read or change, and unlock.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use super::bank::Bank;
use super::config::SandboxConfig;
use super::engine::EngineState;
use super::keys::KeyStore;
use super::tokens::TokenStore;
use super::users::UserStore;

/// What every axum handler receives.
pub type AppState = Arc<Sandbox>;

/// One running emulator.
#[derive(Debug)]
pub struct Sandbox {
    pub config: SandboxConfig,
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub base_url: String,
    world: Mutex<World>,
    next_id: AtomicU64,
}

/// Everything the emulator knows, per user.
#[derive(Debug, Default)]
pub struct World {
    pub tokens: TokenStore,
    pub users: UserStore,
    pub keys: KeyStore,
    pub bank: Bank,
    /// Running sync jobs, stored credentials, REDIRECT sessions.
    pub engine: EngineState,
}

impl Sandbox {
    pub fn new(config: SandboxConfig, base_url: String) -> Self {
        Self {
            config,
            base_url,
            world: Mutex::new(World::default()),
            // Ids look like the API's: strings of digits, never reused.
            next_id: AtomicU64::new(10_000),
        }
    }

    /// Locks the world. A panic in another handler does not poison it for good: the state is
    /// plain data and stays usable.
    pub fn world(&self) -> MutexGuard<'_, World> {
        self.world
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A fresh id, as the API spells ids: a string of digits.
    pub fn next_id(&self) -> String {
        self.next_id.fetch_add(1, Ordering::Relaxed).to_string()
    }

    /// The API base URL (`…/v2.1`).
    pub fn api_url(&self) -> String {
        format!("{}/v2.1", self.base_url)
    }
}

/// Now, in epoch seconds, as the API writes dates.
pub fn epoch_now() -> i64 {
    chrono::Utc::now().timestamp()
}
