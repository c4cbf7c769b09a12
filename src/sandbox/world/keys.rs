//! Real OpenPGP key pairs (what `POST /keys` makes; its HTTP side is the routes' `keys`), and
//! decryption of the credentials encrypted to them (`KeyStore::decrypt`, used when checking
//! credentials marked `encrypt: true`).
//!
//! Docs gap, our choice: `expiration_date`: the docs' example is the key's creation time plus
//! 3600 s (dependency-notes.md §5), so a key "expires" one hour after `POST /keys`. It is API
//! metadata only, not written in the OpenPGP key, and `decrypt` does not enforce it (the docs do
//! not say what an expired key does).

mod pgp;

use std::collections::BTreeMap;

use serde_json::json;

pub use pgp::SecretKey;

/// How long after its creation a key's `expiration_date` falls (the docs' example: one hour).
pub const KEY_LIFETIME_SECS: i64 = 3600;

/// Every PGP key the sandbox made, by id.
#[derive(Debug, Default)]
pub struct KeyStore {
    pub by_id: BTreeMap<String, KeyRecord>,
}

/// One key pair.
#[derive(Debug, Clone)]
pub struct KeyRecord {
    pub id: String,
    pub user_id: String,
    pub public_armored: String,
    pub expiration_date: i64,
    /// The secret half; its `Debug` is redacted.
    pub secret: SecretKey,
}

impl KeyRecord {
    /// The Key object of `GET /keys/{id}` (oxlin-api.md §5.3).
    pub fn to_json(&self) -> serde_json::Value {
        json!({
            "id": self.id,
            "public_key": self.public_armored,
            "type": "PGP",
            "expiration_date": self.expiration_date,
        })
    }
}

/// A key could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the PGP key could not be generated: {0}")]
pub struct KeyError(String);

/// Why `KeyStore::decrypt` refused a value. Never carries the plaintext or the message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecryptError {
    #[error("unknown key `{0}`")]
    UnknownKey(String),
    #[error("key `{0}` belongs to another user")]
    KeyOfAnotherUser(String),
    #[error("the value is not an ASCII-armored PGP message")]
    NotArmoredMessage,
    #[error("the message cannot be decrypted with key `{0}`")]
    CannotDecrypt(String),
    #[error("the message decrypted with key `{0}` is not UTF-8 text")]
    NotText(String),
}

impl KeyStore {
    /// Makes a key pair for `user_id`, created at `now` (epoch seconds), stored under `id`.
    pub fn create(&mut self, id: String, user_id: &str, now: i64) -> Result<&KeyRecord, KeyError> {
        let uid = format!("coffre sandbox key {id} <keys@sandbox.invalid>");
        let (secret, public_armored) = pgp::generate(&uid, now).map_err(KeyError)?;
        let record = KeyRecord {
            id: id.clone(),
            user_id: user_id.to_owned(),
            public_armored,
            expiration_date: now + KEY_LIFETIME_SECS,
            secret,
        };
        let slot = self.by_id.entry(id);
        // A fresh id from `Sandbox::next_id` is never in use; if it were, the new key replaces it.
        Ok(match slot {
            std::collections::btree_map::Entry::Occupied(mut e) => {
                e.insert(record);
                e.into_mut()
            }
            std::collections::btree_map::Entry::Vacant(e) => e.insert(record),
        })
    }

    /// Decrypts `armored` (an ASCII-armored PGP message) with the key `key_id` of `user_id`.
    pub fn decrypt(
        &self,
        key_id: &str,
        user_id: &str,
        armored: &str,
    ) -> Result<String, DecryptError> {
        let record = self
            .by_id
            .get(key_id)
            .ok_or_else(|| DecryptError::UnknownKey(key_id.to_owned()))?;
        if record.user_id != user_id {
            return Err(DecryptError::KeyOfAnotherUser(key_id.to_owned()));
        }
        pgp::open(&record.secret, armored).map_err(|problem| match problem {
            pgp::OpenProblem::Malformed => DecryptError::NotArmoredMessage,
            pgp::OpenProblem::WrongKey => DecryptError::CannotDecrypt(key_id.to_owned()),
            pgp::OpenProblem::BinaryPlaintext => DecryptError::NotText(key_id.to_owned()),
        })
    }

    /// Forgets every key of a user (the user was deleted).
    pub fn remove_user(&mut self, user_id: &str) {
        self.by_id.retain(|_, k| k.user_id != user_id);
    }
}

#[cfg(test)]
mod tests;
