//! The provider catalogue (banks), generated in code by [`catalogue()`] (see
//! `providers/catalogue.rs` for the tables), and the Provider object. `GET /providers` and its
//! filters are the routes' `providers`.
//!
//! Docs gaps, and what we chose:
//! - Channel definition ids are numeric strings: `{provider}01` for REDIRECT and `{provider}00`
//!   for EMBEDDED (as provider 1022's `102201`/`102200` in a production fixture), except the
//!   documented ones (test bank `8701`/`13400`, HSBC `redirect1`/`embedded1`). Credential ids
//!   are `{provider}{nn}` (five digits or more), except the documented 300-302 and 3500-3502.
//! - `logo_url` follows the documented pattern `https://static.oxlin.io/common/pictures/providers_logos/{id}.png`.

mod catalogue;
pub mod text_match;

use serde_json::{Value, json};

pub use catalogue::{catalogue, find};

/// A provider (a bank), as `GET /providers/{id}` shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ProviderDef {
    pub id: String,
    pub name: String,
    pub branch_name: String,
    pub base_url: String,
    /// ISO 3166 alpha-3 (`FRA`).
    pub country_code: String,
    pub interactive: bool,
    pub unavailable: bool,
    pub channel_definitions: Vec<ChannelDef>,
}

/// One way to connect to a provider: `REDIRECT` (the bank's site) or `EMBEDDED` (a form).
#[derive(Debug, Clone, PartialEq)]
pub struct ChannelDef {
    pub id: String,
    pub mode: &'static str,
    pub account_types: Vec<&'static str>,
    pub interactive: bool,
    pub credentials: Vec<CredentialDef>,
}

/// A field of an EMBEDDED channel's form.
#[derive(Debug, Clone, PartialEq)]
pub struct CredentialDef {
    pub id: String,
    pub label: String,
    pub regexp: String,
    /// `TEXT`, `PWD`, `NUMERIC`, `NUMERIC_PWD`, `DATE`, …
    pub kind: &'static str,
    pub encrypt: bool,
}

impl ProviderDef {
    /// The Provider object (oxlin-api.md §5.2).
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "name": self.name,
            "branch_name": self.branch_name,
            "base_url": self.base_url,
            "logo_url": format!("https://static.oxlin.io/common/pictures/providers_logos/{}.png", self.id),
            "country_code": self.country_code,
            "interactive": self.interactive,
            "unavailable": self.unavailable,
            "channel_definitions": self.channel_definitions.iter().map(ChannelDef::to_json).collect::<Vec<_>>(),
        })
    }

    /// The channel definition with this id.
    #[cfg_attr(not(test), allow(dead_code))] // for the connection engine
    pub fn channel(&self, channel_definition_id: &str) -> Option<&ChannelDef> {
        self.channel_definitions
            .iter()
            .find(|c| c.id == channel_definition_id)
    }
}

impl ChannelDef {
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "mode": self.mode,
            "account_types": self.account_types,
            "interactive": self.interactive,
            "credentials": self.credentials.iter().map(|c| json!({
                "id": c.id,
                "label": c.label,
                "regexp": c.regexp,
                "type": c.kind,
                "encrypt": c.encrypt,
            })).collect::<Vec<_>>(),
        })
    }
}

#[cfg(test)]
mod tests;
