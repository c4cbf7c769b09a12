//! `User` (oxlin-api.md §5.1).

use serde::{Deserialize, Serialize};

use super::Extra;

/// The API user (`GET /users/me`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct User {
    pub id: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub creation_date: Option<i64>,
    #[serde(flatten)]
    pub extra: Extra,
}
