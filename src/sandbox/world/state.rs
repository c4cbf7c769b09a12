//! The sandbox's shared state: one `World` behind one mutex, and helpers for ids and time.
//!
//! The lock is never held across an `.await`: handlers lock, read or change, and unlock.
//!
//! The guard [`WorldGuard`] marks the world changed whenever it is borrowed mutably: that flag
//! is what the state file's saver (`persist`) watches, so no handler has to remember to ask for
//! a save.

use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

use super::bank::Bank;
use super::engine::EngineState;
use super::keys::KeyStore;
use super::tokens::TokenStore;
use super::users::UserStore;
use super::widget::WidgetStore;
use crate::sandbox::config::SandboxConfig;

/// One running emulator.
#[derive(Debug)]
pub struct Sandbox {
    pub config: SandboxConfig,
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub base_url: String,
    world: Mutex<World>,
    next_id: AtomicU64,
    /// Set when the world was borrowed mutably since the last save.
    changed: AtomicBool,
    /// A hash of the last bytes saved to the state file; its lock serialises saves.
    last_save: Mutex<Option<u64>>,
    /// The finX emulator's world, behind its own lock (not saved in the state file).
    pub finx: crate::sandbox::finx::world::FinxWorld,
}

/// The first id a fresh sandbox hands out.
pub const FIRST_ID: u64 = 10_000;

/// Everything the emulator knows, per user.
#[derive(Debug, Default)]
pub struct World {
    pub tokens: TokenStore,
    pub users: UserStore,
    pub keys: KeyStore,
    pub bank: Bank,
    /// Running sync jobs, stored credentials, REDIRECT sessions.
    pub engine: EngineState,
    /// Widget sessions and their webview flows (not saved in the state file).
    pub widget: WidgetStore,
}

impl Sandbox {
    pub fn new(config: SandboxConfig, base_url: String) -> Self {
        Self::restored(config, base_url, World::default(), FIRST_ID)
    }

    /// A sandbox that starts with this world (read back from its state file) and hands out ids
    /// from `next_id` on.
    pub fn restored(config: SandboxConfig, base_url: String, world: World, next_id: u64) -> Self {
        Self {
            config,
            base_url,
            world: Mutex::new(world),
            // Ids look like the API's: strings of digits, never reused.
            next_id: AtomicU64::new(next_id.max(FIRST_ID)),
            changed: AtomicBool::new(false),
            last_save: Mutex::new(None),
            finx: Default::default(),
        }
    }

    /// Replaces the world with one read back from the state file (before any request is
    /// served), without marking it changed.
    pub fn restore(&self, world: World, next_id: u64) {
        *self
            .world
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = world;
        self.next_id
            .fetch_max(next_id.max(FIRST_ID), Ordering::Relaxed);
    }

    /// Locks the world. A panic in another handler does not poison it for good: the state is
    /// plain data and stays usable.
    pub fn world(&self) -> WorldGuard<'_> {
        WorldGuard {
            guard: self
                .world
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
            changed: &self.changed,
        }
    }

    /// Locks the world to change only what the state file does not keep (event queues, see
    /// `persist`), without marking it changed: a queue polled five times a second must not
    /// make the saver copy, serialise and rewrite a big bank's world every second.
    pub fn world_unkept(&self) -> MutexGuard<'_, World> {
        self.world
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// True (once) when the world may have changed since the last call.
    pub fn take_changed(&self) -> bool {
        self.changed.swap(false, Ordering::AcqRel)
    }

    /// The lock that serialises saves, holding the hash of the last bytes saved.
    pub fn last_save(&self) -> MutexGuard<'_, Option<u64>> {
        self.last_save
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The id the next call to [`Sandbox::next_id`] will hand out.
    pub fn peek_next_id(&self) -> u64 {
        self.next_id.load(Ordering::Relaxed)
    }

    /// A fresh id, as the API spells ids: a string of digits.
    pub fn next_id(&self) -> String {
        self.changed.store(true, Ordering::Release);
        self.next_id.fetch_add(1, Ordering::Relaxed).to_string()
    }

    /// The API base URL (`…/v2.1`).
    pub fn api_url(&self) -> String {
        format!("{}/v2.1", self.base_url)
    }
}

/// The locked world; borrowing it mutably marks it changed.
pub struct WorldGuard<'a> {
    guard: MutexGuard<'a, World>,
    changed: &'a AtomicBool,
}

impl Deref for WorldGuard<'_> {
    type Target = World;

    fn deref(&self) -> &World {
        &self.guard
    }
}

impl DerefMut for WorldGuard<'_> {
    fn deref_mut(&mut self) -> &mut World {
        self.changed.store(true, Ordering::Release);
        &mut self.guard
    }
}

/// Now, in epoch seconds, as the API writes dates.
pub fn epoch_now() -> i64 {
    chrono::Utc::now().timestamp()
}
