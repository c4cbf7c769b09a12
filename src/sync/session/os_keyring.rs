//! The OS keyring, through the `keyring` crate (v3): the Secret Service on Linux and the BSDs
//! (GNOME Keyring, KWallet…, over D-Bus with `zbus`, pure Rust: no libdbus to build or
//! install), the Keychain on macOS, the Credential Manager on Windows. We chose the crate over
//! speaking D-Bus ourselves: it is the maintained, widely used one and covers the three systems.
//!
//! One entry per saved session: service [`SERVICE`], account named by the caller
//! (`super::keyring_account`). Every call runs on its own thread and is given up after
//! [`KEYRING_WAIT`]: a keyring that asks the user to unlock it and nobody answers cannot hold a
//! sync (and its locks) forever, and the crate's blocking D-Bus calls never run on a tokio
//! thread (which its docs warn deadlocks).
//!
//! Errors never carry the token: the crate's own `BadEncoding` (which holds the stored bytes)
//! is described without them.

use std::sync::mpsc;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};

/// The keyring service name of coffre's entries.
pub const SERVICE: &str = "coffre";

/// How long one keyring call may take (an unlock prompt included).
pub const KEYRING_WAIT: Duration = Duration::from_secs(30);

/// One keyring entry: a saved session's refresh token.
#[derive(Debug, Clone)]
pub struct OsKeyring {
    account: String,
}

impl OsKeyring {
    /// The entry of `account` under [`SERVICE`].
    pub fn new(account: &str) -> Self {
        OsKeyring {
            account: account.to_owned(),
        }
    }

    /// The token kept in this entry; `Ok(None)` when the entry does not exist. `Err` says why
    /// the keyring could not be read (no Secret Service on the session bus, locked, …).
    pub fn get(&self) -> Result<Option<SecretString>, String> {
        let account = self.account.clone();
        within(move || match entry(&account)?.get_password() {
            Ok(token) => Ok(Some(SecretString::from(token))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(describe(&e)),
        })?
    }

    /// Keeps `token` in this entry (replacing the previous one), then reads it back through a
    /// new handle: a keyring that only pretends (no backend for this system) is an error.
    pub fn set(&self, token: &SecretString) -> Result<(), String> {
        let (account, token) = (self.account.clone(), token.clone());
        within(move || {
            entry(&account)?
                .set_password(token.expose_secret())
                .map_err(|e| describe(&e))?;
            match entry(&account)?.get_password() {
                Ok(read) if read == token.expose_secret() => Ok(()),
                Ok(_) | Err(keyring::Error::NoEntry) => {
                    Err("the keyring did not keep the session (no keyring on this system?)".into())
                }
                Err(e) => Err(describe(&e)),
            }
        })?
    }

    /// Removes this entry (nothing to do when it does not exist).
    pub fn delete(&self) -> Result<(), String> {
        let account = self.account.clone();
        within(move || match entry(&account)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(describe(&e)),
        })?
    }
}

fn entry(account: &str) -> Result<keyring::Entry, String> {
    keyring::Entry::new(SERVICE, account).map_err(|e| describe(&e))
}

/// Runs `work` on its own thread, waiting at most [`KEYRING_WAIT`].
fn within<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, String> {
    let (answer, answered) = mpsc::channel();
    std::thread::Builder::new()
        .name("coffre-keyring".into())
        .spawn(move || {
            let _ = answer.send(work());
        })
        .map_err(|e| format!("cannot start the keyring call: {e}"))?;
    answered.recv_timeout(KEYRING_WAIT).map_err(|_| {
        format!(
            "the OS keyring did not answer within {} s (is it waiting to be unlocked?)",
            KEYRING_WAIT.as_secs()
        )
    })
}

/// The crate's error in our words, never with the stored bytes.
fn describe(error: &keyring::Error) -> String {
    match error {
        keyring::Error::NoStorageAccess(why) => {
            format!("the OS keyring is locked or refused: {why}")
        }
        keyring::Error::PlatformFailure(why) => format!("no OS keyring could be reached: {why}"),
        keyring::Error::NoEntry => "the keyring has no such entry".into(),
        keyring::Error::BadEncoding(_) => "the keyring entry is not text".into(),
        keyring::Error::TooLong(what, max) => format!("{what} is too long for the keyring ({max})"),
        keyring::Error::Invalid(what, why) => format!("{what} is not valid for the keyring: {why}"),
        keyring::Error::Ambiguous(found) => {
            format!("{} keyring entries match coffre's session", found.len())
        }
        _ => "the OS keyring failed".into(),
    }
}
