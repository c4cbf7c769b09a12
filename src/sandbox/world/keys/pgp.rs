//! The OpenPGP side of the keys: making a key pair with rPGP, and decrypting a message sent to it.
//!
//! Keys are OpenPGP v4 with an `Ed25519Legacy` primary key (certify only) and an
//! `ECDH(Curve25519Legacy)` encryption subkey: GnuPG 2.2 reads them (the RFC 9580 key types and
//! v6 keys it does not), and they are made in about a millisecond (dependency-notes.md §3.5, §6).
//! The key advertises AES256 then AES128, SHA-256/512 and ZLIB/ZIP, so that gpg encrypts with
//! AES-256 rather than falling back to 3DES (dependency-notes.md §3.6).

use pgp::composed::{
    EncryptionCaps, KeyType, Message, SecretKeyParamsBuilder, SignedSecretKey, SubkeyParamsBuilder,
};
use pgp::crypto::ecc_curve::ECCCurve;
use pgp::crypto::hash::HashAlgorithm;
use pgp::crypto::sym::SymmetricKeyAlgorithm;
use pgp::types::{CompressionAlgorithm, Password, Timestamp};
use smallvec::smallvec;
use zeroize::Zeroizing;

/// A secret key. Its `Debug` shows nothing of the key material.
#[derive(Clone)]
pub struct SecretKey(SignedSecretKey);

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(<redacted>)")
    }
}

/// A fresh key pair: the secret key and the ASCII-armored public key.
pub fn generate(user_id: &str, created_at: i64) -> Result<(SecretKey, String), String> {
    let created_at = Timestamp::from_secs(u32::try_from(created_at.max(0)).unwrap_or(u32::MAX));
    let subkey = SubkeyParamsBuilder::default()
        .key_type(KeyType::ECDH(ECCCurve::Curve25519Legacy))
        .can_encrypt(EncryptionCaps::All)
        .created_at(created_at)
        .build()
        .map_err(|e| format!("subkey parameters: {e}"))?;
    let params = SecretKeyParamsBuilder::default()
        .key_type(KeyType::Ed25519Legacy)
        .can_certify(true)
        .created_at(created_at)
        .primary_user_id(user_id.to_owned())
        .preferred_symmetric_algorithms(smallvec![
            SymmetricKeyAlgorithm::AES256,
            SymmetricKeyAlgorithm::AES128,
        ])
        .preferred_hash_algorithms(smallvec![HashAlgorithm::Sha256, HashAlgorithm::Sha512])
        .preferred_compression_algorithms(smallvec![
            CompressionAlgorithm::ZLIB,
            CompressionAlgorithm::ZIP,
        ])
        .subkey(subkey)
        .build()
        .map_err(|e| format!("key parameters: {e}"))?;
    let secret = params
        .generate(rand08::thread_rng())
        .map_err(|e| format!("key generation: {e}"))?;
    let public = secret
        .to_public_key()
        .to_armored_string(None.into())
        .map_err(|e| format!("public key armoring: {e}"))?;
    Ok((SecretKey(secret), public))
}

/// Why a message could not be opened (the key-level errors live in the parent module).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenProblem {
    Malformed,
    WrongKey,
    BinaryPlaintext,
}

/// Decrypts an ASCII-armored OpenPGP message with `key`, and returns the UTF-8 plaintext.
pub fn open(key: &SecretKey, armored: &str) -> Result<String, OpenProblem> {
    let armored = armored.trim();
    if !armored.starts_with("-----BEGIN PGP MESSAGE-----") {
        return Err(OpenProblem::Malformed);
    }
    let (message, _headers) = Message::from_string(armored).map_err(|_| OpenProblem::Malformed)?;
    let mut message = message
        .decrypt(&Password::empty(), &key.0)
        .map_err(|_| OpenProblem::WrongKey)?;
    if message.is_compressed() {
        message = message.decompress().map_err(|_| OpenProblem::WrongKey)?;
    }
    let bytes = Zeroizing::new(message.as_data_vec().map_err(|_| OpenProblem::WrongKey)?);
    std::str::from_utf8(&bytes)
        .map(str::to_owned)
        .map_err(|_| OpenProblem::BinaryPlaintext)
}
