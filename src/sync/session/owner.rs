//! Who a saved session belongs to ([`TokenOwner`]: the server, the client and the user, none of
//! them secrets) and where the configuration wants it kept (`[session] store`).
//!
//! Choice (ours; the docs are silent): the owner is stored as one line `"AUTH_URL CLIENT_ID
//! USERNAME"` (the format of the stores already written); a configuration without `username`
//! takes the token of whichever user it was stored for on the same server and client.

use crate::config::OxlinSection;

use super::SessionStore;

/// Who a refresh token belongs to: the server, the client and the user (when configured), and
/// where the configuration wants the session kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenOwner {
    auth_url: String,
    client_id: String,
    username: Option<String>,
    store: SessionStore,
}

impl TokenOwner {
    /// The owner under this configuration's `[oxlin]` section (kept where `auto` decides).
    pub fn of(section: &OxlinSection) -> Self {
        Self::new(
            &section.auth_url,
            &section.client_id,
            section.username.as_deref(),
        )
    }

    /// The owner for this server, client and user (kept where `auto` decides).
    pub fn new(auth_url: &str, client_id: &str, username: Option<&str>) -> Self {
        TokenOwner {
            auth_url: auth_url.to_owned(),
            client_id: client_id.to_owned(),
            username: username.map(str::to_owned),
            store: SessionStore::Auto,
        }
    }

    /// The same owner, with the configuration's `[session] store` choice.
    pub fn keeping_in(mut self, store: SessionStore) -> Self {
        self.store = store;
        self
    }

    /// Where the configuration wants the session kept.
    pub fn store_choice(&self) -> SessionStore {
        self.store
    }

    /// True when the server is on a loopback host (the sandbox).
    pub fn is_loopback(&self) -> bool {
        url::Url::parse(&self.auth_url).is_ok_and(|url| match url.host() {
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
            None => false,
        })
    }

    /// The stored form: `"AUTH_URL CLIENT_ID USERNAME"` (username empty when unknown).
    pub(super) fn line(&self) -> String {
        format!(
            "{} {} {}",
            self.auth_url,
            self.client_id,
            self.username.as_deref().unwrap_or("")
        )
    }

    /// True when a token stored for `stored` (its line) may be used by this owner.
    pub(super) fn accepts(&self, stored: &str) -> bool {
        match &self.username {
            Some(_) => stored == self.line(),
            None => stored.starts_with(&self.line()),
        }
    }
}
