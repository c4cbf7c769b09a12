//! `POST /users`, `GET /users/me`, `GET /users/{id}`, `DELETE /users/me`: the sandbox's users.
//!
//! Docs gaps, and what we chose:
//! - `POST /users` takes `email` and `password` as a form (the quickstarts) or JSON (a production
//!   connector), whatever the content type; it needs a token with `users_create` (a client
//!   token). It answers 201 with `Location: /users/{id}` and the User object as body.
//! - A duplicate e-mail (compared case-insensitively) is a 409; a missing or malformed e-mail
//!   (not `something@domain`) or a missing password is a 400.
//! - `GET /users/me` and `GET /users/{id}` need `profile` (or `profile_edit`); `{id}` must be the
//!   caller's own id, anything else is a 404. The User object is
//!   `{"id","email","creation_date","status":"ACTIVE"}` (oxlin-api.md §5.1).
//! - `DELETE /users/me` needs `profile_edit`, answers 204, and removes everything of the user:
//!   connections, accounts, transactions, queues, keys and tokens. The e-mail becomes reusable.
//!   `DELETE /users/{id}` does the same for the caller's own id, or for any user with a client
//!   token carrying `users_create` (the admin mode of the client-credentials flow).

mod handlers;

use std::collections::BTreeMap;

pub use handlers::routes;

/// A sandbox user (saved in the state file, password included: see `persist`).
#[derive(Clone, serde::Serialize, serde::Deserialize)]
pub struct UserRecord {
    pub id: String,
    pub email: String,
    pub password: String,
    pub creation_date: i64,
}

impl std::fmt::Debug for UserRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserRecord")
            .field("id", &self.id)
            .field("email", &self.email)
            .field("password", &"<redacted>")
            .field("creation_date", &self.creation_date)
            .finish()
    }
}

impl UserRecord {
    /// The User object (oxlin-api.md §5.1).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "id": self.id,
            "email": self.email,
            "creation_date": self.creation_date,
            "status": "ACTIVE",
        })
    }
}

/// Every user, by id.
#[derive(Debug, Default)]
pub struct UserStore {
    pub by_id: BTreeMap<String, UserRecord>,
}

impl UserStore {
    /// The user with this e-mail (case-insensitive).
    pub fn by_email(&self, email: &str) -> Option<&UserRecord> {
        self.by_id
            .values()
            .find(|u| u.email.eq_ignore_ascii_case(email.trim()))
    }

    /// The user these ROPC credentials name, if the password matches.
    pub fn authenticate(&self, email: &str, password: &str) -> Option<&UserRecord> {
        self.by_email(email).filter(|u| u.password == password)
    }
}

/// True for `local@domain.tld`-shaped text without spaces.
pub fn looks_like_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && !domain.contains('@')
        && email.len() <= 254
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_shape_is_checked() {
        assert!(looks_like_email("jane.doe@example.fr"));
        assert!(!looks_like_email("jane"));
        assert!(!looks_like_email("jane@localhost"));
        assert!(!looks_like_email("ja ne@example.fr"));
        assert!(!looks_like_email("@example.fr"));
    }

    #[test]
    fn debug_of_a_user_hides_the_password() {
        let user = UserRecord {
            id: "1".into(),
            email: "a@b.fr".into(),
            password: "hunter2".into(),
            creation_date: 0,
        };
        assert!(!format!("{user:?}").contains("hunter2"));
    }
}
