//! PGP encryption of `encrypt: true` credential values to the key from `POST /keys`
//! (rPGP 0.21; notes in dependency-notes.md §3.5-3.7, §4).
//!
//! rPGP does no key selection, so we do: an encryption-capable subkey (by its key flags, or its
//! algorithm when it carries no flags), else the primary key when its algorithm can encrypt
//! (the docs' own Bouncy Castle key has no subkey). The message is SEIPD v1 (gpg 2.2 and old
//! Java receivers read it), with the best AES the key advertises in its self-signatures, and
//! AES-128 when it advertises none.
//!
//! Docs gap: the key's `expiration_date` is API metadata, not in the OpenPGP data. We do not
//! refuse an expired key here; the client fetches a fresh key per connection instead.

use pgp::composed::{ArmorOptions, Deserializable, MessageBuilder, SignedPublicKey};
use pgp::crypto::sym::SymmetricKeyAlgorithm;
use pgp::packet::Signature;
use pgp::types::KeyDetails;
use secrecy::{ExposeSecret, SecretString};

/// Why a value could not be encrypted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PgpError {
    #[error("the server's public key is not a readable OpenPGP key: {0}")]
    BadKey(String),
    #[error("the server's public key has no key that can encrypt")]
    NoEncryptionKey,
    #[error("encryption failed: {0}")]
    Encrypt(String),
}

/// A parsed recipient key, ready to encrypt many values.
#[derive(Debug, Clone)]
pub struct RecipientKey {
    key: SignedPublicKey,
}

impl RecipientKey {
    /// Parses an ASCII-armored public key (`Key.public_key`).
    pub fn from_armored(armored: &str) -> Result<Self, PgpError> {
        let (key, _headers) =
            SignedPublicKey::from_string(armored).map_err(|e| PgpError::BadKey(e.to_string()))?;
        Ok(Self { key })
    }

    /// The cipher this key gets: the strongest AES its self-signatures prefer, AES-128 if none.
    pub fn cipher(&self) -> SymmetricKeyAlgorithm {
        let preferred: Vec<SymmetricKeyAlgorithm> = self
            .self_signatures()
            .flat_map(|s| s.preferred_symmetric_algs().to_vec())
            .collect();
        [
            SymmetricKeyAlgorithm::AES256,
            SymmetricKeyAlgorithm::AES192,
            SymmetricKeyAlgorithm::AES128,
        ]
        .into_iter()
        .find(|alg| preferred.contains(alg))
        .unwrap_or(SymmetricKeyAlgorithm::AES128)
    }

    fn self_signatures(&self) -> impl Iterator<Item = &Signature> {
        self.key
            .details
            .users
            .iter()
            .flat_map(|u| u.signatures.iter())
            .chain(self.key.details.direct_signatures.iter())
    }

    /// Encrypts `plain` into an ASCII-armored PGP message.
    pub fn encrypt(&self, plain: &SecretString) -> Result<String, PgpError> {
        let mut rng = rand08::thread_rng();
        let data = plain.expose_secret().as_bytes().to_vec();
        let mut builder = MessageBuilder::from_bytes("", data).seipd_v1(&mut rng, self.cipher());
        let subkey = self.key.public_subkeys.iter().find(|sub| {
            let flagged = sub.signatures.iter().any(|s| {
                let flags = s.key_flags();
                flags.encrypt_comms() || flags.encrypt_storage()
            });
            let unflagged = sub.signatures.iter().all(|s| {
                let flags = s.key_flags();
                !flags.sign()
                    && !flags.certify()
                    && !flags.encrypt_comms()
                    && !flags.encrypt_storage()
            });
            sub.key.algorithm().can_encrypt() && (flagged || unflagged)
        });
        let result = match subkey {
            Some(sub) => builder.encrypt_to_key(&mut rng, &sub.key),
            None if self.key.primary_key.algorithm().can_encrypt() => {
                builder.encrypt_to_key(&mut rng, &self.key.primary_key)
            }
            None => return Err(PgpError::NoEncryptionKey),
        };
        result.map_err(|e| PgpError::Encrypt(e.to_string()))?;
        builder
            .to_armored_string(&mut rng, ArmorOptions::default())
            .map_err(|e| PgpError::Encrypt(e.to_string()))
    }
}
