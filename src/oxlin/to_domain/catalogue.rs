//! The provider catalogue, channel definitions and challenges as domain types
//! ([`Provider`], [`Channel`], [`CredentialField`]). Every piece of bank text is sanitised here.
//!
//! Docs gaps, our choices: a credential or challenge without `regexp` is required and accepts any
//! non-empty text (`.+`); an unknown channel mode is left out of the catalogue (coffre cannot
//! drive it). A provider with a `branch_name` (the regional banks of one group) is named
//! "name – branch" so the picker can tell them apart.

use crate::domain::{Channel, ChannelMode, CredentialField, InputKind, Provider};
use crate::oxlin::wire::{self, CredentialType};
use crate::sanitize::clean_line;

/// A wire provider as a domain provider.
pub fn provider(p: &wire::Provider) -> Provider {
    Provider {
        id: p.id.clone(),
        name: match p.branch_name.as_deref().map(str::trim) {
            Some(branch) if !branch.is_empty() && branch != p.name => {
                clean_line(&format!("{} – {branch}", p.name))
            }
            _ => clean_line(&p.name),
        },
        country: clean_line(p.country_code.as_deref().unwrap_or("")),
        channels: p.channel_definitions.iter().filter_map(channel).collect(),
        unavailable: p.unavailable.unwrap_or(false),
    }
}

/// A wire channel definition as a domain channel; `None` for a mode coffre cannot drive.
pub fn channel(c: &wire::ChannelDefinition) -> Option<Channel> {
    let mode = match c.mode {
        wire::ChannelMode::Redirect => ChannelMode::Redirect,
        wire::ChannelMode::Embedded => ChannelMode::Embedded,
        _ => return None,
    };
    let unavailable = c
        .extra
        .get("unavailable")
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    Some(Channel {
        id: c.id.clone(),
        mode,
        account_types: c
            .account_types
            .iter()
            .map(|t| clean_line(t.as_str()))
            .collect(),
        credentials: c
            .credentials
            .iter()
            .map(|d| field(&d.id, &d.label, d.regexp.as_deref(), &d.kind, d.encrypt))
            .collect(),
        unavailable,
    })
}

fn field(
    id: &str,
    label: &str,
    regexp: Option<&str>,
    kind: &CredentialType,
    encrypt: bool,
) -> CredentialField {
    CredentialField {
        id: id.to_owned(),
        label: clean_line(label),
        regexp: regexp.unwrap_or(".+").to_owned(),
        kind: input_kind(kind),
        encrypt,
        params: Vec::new(),
    }
}

fn input_kind(kind: &CredentialType) -> InputKind {
    match kind {
        CredentialType::Text => InputKind::Text,
        CredentialType::Pwd => InputKind::Pwd,
        CredentialType::Numeric => InputKind::Numeric,
        CredentialType::NumericPwd => InputKind::NumericPwd,
        CredentialType::Date => InputKind::Date,
        CredentialType::OkCancel => InputKind::OkCancel,
        CredentialType::InfoMsg => InputKind::Info,
        CredentialType::TimeoutMsg => InputKind::Timeout,
        CredentialType::ErrorMsg => InputKind::Error,
        other => InputKind::Other(clean_line(other.as_str())),
    }
}

/// One challenge item, params kept in the order the server sent (sorted by name).
pub fn challenge(c: &wire::Challenge) -> CredentialField {
    let mut item = field(&c.id, &c.label, c.regexp.as_deref(), &c.kind, c.encrypt);
    item.params = c
        .params
        .iter()
        .map(|(k, v)| (k.clone(), clean_line(v)))
        .collect();
    item
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_provider_names_are_cleaned_and_missing_regexp_is_required() {
        let p: wire::Provider = serde_json::from_value(serde_json::json!({
            "id": "1", "name": "Bank\u{1b}[31m\u{202e}X",
            "channel_definitions": [{"id": "2", "mode": "EMBEDDED",
                "credentials": [{"id": "3", "label": "Login", "type": "TEXT"}]},
                {"id": "4", "mode": "CARRIER_PIGEON"}]
        }))
        .unwrap();
        let entry = provider(&p);
        assert!(!entry.name.contains('\u{1b}') && !entry.name.contains('\u{202e}'));
        assert_eq!(entry.channels.len(), 1);
        assert_eq!(entry.channels[0].credentials[0].regexp, ".+");
    }
}
