//! Checking the credentials of an EMBEDDED channel against their definitions: known ids, values
//! present, `encrypt: true` values decrypted with the user's PGP key, every value matching its
//! `regexp`. Errors name the credential (id and label) and never echo a value.
//!
//! Docs gap: the roles of a provider's credentials are not published. We chose: credential
//! `302` (test bank) selects the test-bank file (absent or empty: `default`); the first
//! `encrypt: true` or `PWD` credential is the password; the first other one is the login. The
//! login and the file show as `masked_value` (`**` + at most the last two characters, e.g.
//! `dev` → `**v`); the password never shows.

use std::collections::BTreeMap;
use std::sync::Arc;

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

use crate::sandbox::world::engine::StoredCredentials;
use crate::sandbox::world::error::{WorldError, WorldResult};
use crate::sandbox::world::providers::{ChannelDef, CredentialDef};
use crate::sandbox::world::state::World;
use crate::sandbox::world::testbank::{self, TestBank};

/// A credential as a request carries it.
#[derive(Debug, Deserialize)]
pub struct CredentialInput {
    pub id: String,
    pub value: String,
}

/// The checked credentials of a channel, ready for the engine.
#[derive(Debug)]
pub struct Prepared {
    pub stored: StoredCredentials,
    /// (credential id, masked value), for the Connection object.
    pub masked: Vec<(String, String)>,
    pub bank: Arc<TestBank>,
}

/// Checks `given` against `channel`'s definitions; with `partial`, missing ones are allowed.
/// Encrypted values are decrypted with `key_id` (a key of `user_id`).
pub fn check(
    world: &World,
    user_id: &str,
    channel: &ChannelDef,
    key_id: Option<&str>,
    given: &[CredentialInput],
    partial: bool,
) -> WorldResult<BTreeMap<String, SecretString>> {
    let mut values = BTreeMap::new();
    for input in given {
        let def = channel
            .credentials
            .iter()
            .find(|d| d.id == input.id)
            .ok_or_else(|| {
                WorldError::Invalid(format!(
                    "credential `{}` is not one of channel `{}`",
                    crate::sanitize::clean_line(&input.id),
                    channel.id
                ))
            })?;
        if values.contains_key(&def.id) {
            return Err(WorldError::Malformed(format!(
                "credential `{}` is given twice",
                def.id
            )));
        }
        let value = if def.encrypt {
            decrypt(world, user_id, def, key_id, &input.value)?
        } else {
            SecretString::from(input.value.clone())
        };
        let fits =
            regex::Regex::new(&def.regexp).map_or(true, |re| re.is_match(value.expose_secret()));
        if !fits {
            return Err(WorldError::Invalid(format!(
                "credential `{}` ({}) does not match its rule {}",
                def.id, def.label, def.regexp
            )));
        }
        values.insert(def.id.clone(), value);
    }
    if !partial {
        let accepts_empty =
            |d: &CredentialDef| regex::Regex::new(&d.regexp).is_ok_and(|re| re.is_match(""));
        if let Some(missing) = channel
            .credentials
            .iter()
            .find(|d| !values.contains_key(&d.id) && !accepts_empty(d))
        {
            return Err(WorldError::Invalid(format!(
                "credential `{}` ({}) is missing",
                missing.id, missing.label
            )));
        }
    }
    Ok(values)
}

fn decrypt(
    world: &World,
    user_id: &str,
    def: &CredentialDef,
    key_id: Option<&str>,
    armored: &str,
) -> WorldResult<SecretString> {
    let key_id = key_id.ok_or_else(|| {
        WorldError::Malformed(format!(
            "credential `{}` ({}) must be PGP-encrypted: give the `key_id` it was encrypted to",
            def.id, def.label
        ))
    })?;
    if world
        .keys
        .by_id
        .get(key_id)
        .is_none_or(|k| k.user_id != user_id)
    {
        return Err(WorldError::not_found("key", key_id));
    }
    world
        .keys
        .decrypt(key_id, user_id, armored)
        .map(SecretString::from)
        .map_err(|problem| {
            WorldError::Invalid(format!(
                "credential `{}` ({}) must be an armored PGP message encrypted to key `{key_id}`: {problem}",
                def.id, def.label
            ))
        })
}

/// The role of each credential: (login id, password id, file id).
pub fn roles(channel: &ChannelDef) -> (Option<&str>, Option<&str>, Option<&str>) {
    let file = channel.credentials.iter().find(|d| d.id == "302");
    let password = channel
        .credentials
        .iter()
        .find(|d| d.encrypt || d.kind.contains("PWD"));
    let login = channel.credentials.iter().find(|d| {
        Some(d.id.as_str()) != file.map(|f| f.id.as_str())
            && Some(d.id.as_str()) != password.map(|p| p.id.as_str())
    });
    (
        login.map(|d| d.id.as_str()),
        password.map(|d| d.id.as_str()),
        file.map(|d| d.id.as_str()),
    )
}

/// Turns checked values into what the engine keeps, loading the test-bank file they select.
pub fn prepare(
    channel: &ChannelDef,
    values: &BTreeMap<String, SecretString>,
) -> WorldResult<Prepared> {
    let (login_id, password_id, file_id) = roles(channel);
    let get = |id: Option<&str>| {
        id.and_then(|id| values.get(id))
            .map(|v| v.expose_secret().to_owned())
            .unwrap_or_default()
    };
    let selector = get(file_id);
    let bank = testbank::load(&selector).map_err(|problem| {
        WorldError::Invalid(format!(
            "credential `{}` does not name a test-bank file: {problem}",
            file_id.unwrap_or("302")
        ))
    })?;
    let masked = channel
        .credentials
        .iter()
        .filter(|d| Some(d.id.as_str()) != password_id && !d.encrypt)
        .filter_map(|d| {
            let value = values.get(&d.id)?.expose_secret().to_owned();
            (!value.is_empty()).then(|| (d.id.clone(), mask(&value)))
        })
        .collect();
    Ok(Prepared {
        stored: StoredCredentials {
            login: get(login_id),
            password: SecretString::from(get(password_id)),
        },
        masked,
        bank,
    })
}

/// The values a channel logs in with now, by credential id (to change one of them).
pub fn current_values(
    channel: &ChannelDef,
    stored: &StoredCredentials,
    bank: &TestBank,
) -> BTreeMap<String, SecretString> {
    let (login_id, password_id, file_id) = roles(channel);
    let mut values = BTreeMap::new();
    if let Some(id) = login_id {
        values.insert(id.to_owned(), SecretString::from(stored.login.clone()));
    }
    if let Some(id) = password_id {
        values.insert(id.to_owned(), stored.password.clone());
    }
    if let Some(id) = file_id {
        values.insert(id.to_owned(), SecretString::from(bank.name.clone()));
    }
    values
}

/// `**` followed by at most the last two characters (half the value at most).
pub fn mask(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    let keep = (chars.len() / 2).min(2);
    let tail: String = chars[chars.len() - keep..].iter().collect();
    format!("**{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keep_at_most_two_characters() {
        assert_eq!(mask("dev"), "**v");
        assert_eq!(mask("demo"), "**mo");
        assert_eq!(mask("a-very-long-login"), "**in");
        assert_eq!(mask("x"), "**");
    }
}
