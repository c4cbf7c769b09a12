//! `POST /keys`, `GET /keys/{id}`: real OpenPGP key pairs, and decryption of the credentials
//! encrypted to them.

use std::collections::BTreeMap;

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
}

/// The routes of this module.
pub fn routes() -> axum::Router<super::state::AppState> {
    axum::Router::new()
}
