//! A finX link's refresh token as the finX client's [`TokenKeeper`]: every new refresh token
//! is kept the moment it arrives, before the client uses it, where the link's token lives
//! (`super::token_place`: the link's row, in its own committed, fsynced transaction, or the OS
//! keyring, written and read back, with the place recorded in the row; `[session] store`
//! chooses, given with [`FinxLinkKeeper::keeping_in`]); before a refresh the kept token is
//! re-read from there, so a token another process (the TUI, another `coffre sync`) rotated is
//! used rather than our spent one. The Oxlin session's keeper is `sync::session::StoreKeeper`;
//! this one follows it.
//!
//! Two processes never spend the same token: a refresh is done holding an OS file lock on
//! `<store file>.finx-lock` (`0600`, never removed, released by the kernel when the process
//! dies), one for all finX links of the store. A lock held longer than [`HOLD_WAIT`](crate::sync::session::HOLD_WAIT) (a hung
//! process) is given up on and the refresh goes ahead without it.
//!
//! Choice (ours): the keeper opens its own connection to the store at its first use and keeps
//! it, so writing a rotated token costs one small transaction, never an open.

use std::path::{Path, PathBuf};

use chrono::Utc;
use secrecy::SecretString;

use super::token_place::{keep_link_token, link_token};
use crate::finx::tokens::TokenKeeper;
use crate::store::finx_links::FinxLinkOwner;
use crate::sync::session::{OwnStore, SessionStore};

/// Keeps one finX link's refresh token for the store file at `path`.
#[derive(Debug, Clone)]
pub struct FinxLinkKeeper {
    owner: FinxLinkOwner,
    /// Where the configuration wants the token kept (`[session] store`).
    choice: SessionStore,
    /// Its own connection to the store, and the lock beside it.
    own: OwnStore,
}

impl FinxLinkKeeper {
    /// A keeper of `owner`'s token for the store file at `path` (kept where `auto` decides).
    pub fn new(path: &Path, owner: FinxLinkOwner) -> Self {
        FinxLinkKeeper {
            owner,
            choice: SessionStore::Auto,
            own: OwnStore::new(path, ".finx-lock"),
        }
    }

    /// The same keeper, with the configuration's `[session] store` choice.
    pub fn keeping_in(mut self, choice: SessionStore) -> Self {
        self.choice = choice;
        self
    }

    /// The lock file held while refreshing.
    pub fn lock_path(&self) -> PathBuf {
        self.own.lock_path()
    }
}

impl TokenKeeper for FinxLinkKeeper {
    fn stored(&self) -> Result<Option<SecretString>, String> {
        self.own
            .with_store(|store| match store.finx_link(&self.owner) {
                Ok(Some(link)) => link_token(&link).map_err(|e| e.to_string()),
                Ok(None) => Ok(None),
                Err(e) => Err(e.to_string()),
            })
    }

    fn keep(&self, token: &SecretString) -> Result<(), String> {
        self.own.with_store(|store| {
            keep_link_token(store, &self.owner, self.choice, token, Utc::now())
                .map_err(|e| e.to_string())
        })
    }

    fn hold(&self) -> Option<Box<dyn Send>> {
        match self.own.lock() {
            Ok(file) => Some(Box::new(file)),
            Err(e) => {
                tracing::warn!("refreshing a finX link without the lock: {e}");
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_kept_finx_token_is_read_back_by_the_next_process_from_a_private_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite");
        let owner = FinxLinkOwner {
            link_id: "L1".into(),
            api_url: "http://127.0.0.1:1/finx".into(),
            client_id: "coffre".into(),
        };
        let keeper = FinxLinkKeeper::new(&path, owner.clone());
        keeper.keep(&SecretString::from("rt-9")).unwrap();
        let _held = keeper.hold().expect("the lock is free");
        let next = FinxLinkKeeper::new(&path, owner);
        assert_eq!(next.stored().unwrap().unwrap().expose_secret(), "rt-9");
        for file in [path.clone(), keeper.lock_path()] {
            let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{}", file.display());
        }
    }
}
