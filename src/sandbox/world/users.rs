//! The sandbox's users: their records (passwords included, see `persist`), the store that finds
//! them by e-mail, the e-mail shape rule and what deleting a user removes. The HTTP side, with
//! its docs-gap choices, is the routes' `users`.
//!
//! Docs gaps, our choices: e-mails are compared case-insensitively (a duplicate is refused);
//! an e-mail must look like `local@domain.tld`; deleting a user removes everything of the user:
//! connections, accounts, transactions, queues, keys and tokens, and the e-mail becomes
//! reusable.

use std::collections::BTreeMap;

use super::error::{WorldError, WorldResult};
use super::state::{Sandbox, World, epoch_now};

/// A sandbox user (saved in the state file, password included: see `persist`).
#[derive(Clone, serde::Serialize, serde::Deserialize)]
pub struct UserRecord {
    pub id: String,
    pub email: String,
    pub password: String,
    pub creation_date: i64,
    /// The user accepted the Oxlin terms in the terms webview (only asked when the sandbox runs
    /// without agreement; older state files have no such field: not accepted).
    #[serde(default)]
    pub terms_accepted: bool,
}

impl std::fmt::Debug for UserRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserRecord")
            .field("id", &self.id)
            .field("email", &self.email)
            .field("password", &"<redacted>")
            .field("creation_date", &self.creation_date)
            .field("terms_accepted", &self.terms_accepted)
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

/// Creates a user with a fresh id; a duplicate e-mail (case-insensitive) is a conflict.
pub fn create<'w>(
    sandbox: &Sandbox,
    world: &'w mut World,
    email: String,
    password: String,
) -> WorldResult<&'w UserRecord> {
    if world.users.by_email(&email).is_some() {
        return Err(WorldError::Conflict(
            "a user with this e-mail already exists".to_owned(),
        ));
    }
    let id = sandbox.next_id();
    let user = UserRecord {
        id: id.clone(),
        email,
        password,
        creation_date: epoch_now(),
        terms_accepted: false,
    };
    world.users.by_id.insert(id.clone(), user);
    Ok(&world.users.by_id[&id])
}

/// Removes a user and everything they own: connections, accounts, transactions, queues, keys
/// and tokens.
pub fn delete_everything_of(world: &mut World, user_id: &str) {
    world.users.by_id.remove(user_id);
    world.tokens.revoke_user(user_id);
    world.keys.remove_user(user_id);
    let bank = &mut world.bank;
    bank.connections.retain(|_, c| c.user_id != user_id);
    let gone: Vec<String> = bank
        .accounts
        .iter()
        .filter(|(_, a)| a.user_id == user_id)
        .map(|(id, _)| id.clone())
        .collect();
    for account_id in &gone {
        bank.accounts.remove(account_id);
        bank.transactions.remove(account_id);
    }
    bank.transaction_index
        .retain(|_, account_id| !gone.contains(account_id));
    bank.queues.retain(|_, q| q.user_id != user_id);
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
            terms_accepted: false,
        };
        assert!(!format!("{user:?}").contains("hunter2"));
    }
}
