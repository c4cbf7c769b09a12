//! `POST /users`, `GET /users/me`, `DELETE /users/me`: the sandbox's users.

use std::collections::BTreeMap;

/// A sandbox user.
#[derive(Debug, Clone)]
pub struct UserRecord {
    pub id: String,
    pub email: String,
    pub password: String,
    pub creation_date: i64,
}

/// Every user, by id.
#[derive(Debug, Default)]
pub struct UserStore {
    pub by_id: BTreeMap<String, UserRecord>,
}

/// The routes of this module.
pub fn routes() -> axum::Router<super::state::AppState> {
    axum::Router::new()
}
