//! From the client's wire types to the screens' view-models (`app::api_types`), and from
//! `OxlinError` to the error classes the screens explain. Every piece of bank text is sanitised
//! here.
//!
//! Docs gaps, our choices: a credential or challenge without `regexp` is required and accepts any
//! non-empty text (`.+`); an unknown channel mode is left out of the picker (coffre cannot drive
//! it); a 400/401 on `/token` that names the client is "bad client credentials", any other is
//! "wrong email or password". A provider with a `branch_name` (the regional banks of one group)
//! is named "name – branch" so the picker can tell them apart.

use crate::app::api_types::{
    ApiError, ChannelEntry, ChannelMode, ConsentAccount, CredentialSpec, InputKind, ProviderEntry,
};
use crate::oxlin::error::OxlinError;
use crate::oxlin::wire::{self, CredentialType};
use crate::sanitize::clean_line;

/// The picker's entry for a provider.
pub fn provider(p: &wire::Provider) -> ProviderEntry {
    ProviderEntry {
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

fn channel(c: &wire::ChannelDefinition) -> Option<ChannelEntry> {
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
    Some(ChannelEntry {
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
            .map(|d| spec(&d.id, &d.label, d.regexp.as_deref(), &d.kind, d.encrypt))
            .collect(),
        unavailable,
    })
}

fn spec(
    id: &str,
    label: &str,
    regexp: Option<&str>,
    kind: &CredentialType,
    encrypt: bool,
) -> CredentialSpec {
    CredentialSpec {
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
pub fn challenge(c: &wire::Challenge) -> CredentialSpec {
    let mut item = spec(&c.id, &c.label, c.regexp.as_deref(), &c.kind, c.encrypt);
    item.params = c
        .params
        .iter()
        .map(|(k, v)| (k.clone(), clean_line(v)))
        .collect();
    item
}

/// An account waiting for consent.
pub fn consent_account(a: &wire::Account) -> ConsentAccount {
    ConsentAccount {
        id: a.id.clone(),
        name: account_name(a),
        kind: a
            .kind
            .as_ref()
            .map(|k| clean_line(k.as_str()))
            .unwrap_or_default(),
        iban: a.iban.as_deref().map(clean_line),
        balance: a.balance,
        currency: clean_line(a.currency.as_deref().unwrap_or("EUR")),
    }
}

fn account_name(a: &wire::Account) -> String {
    let name = a
        .name
        .as_deref()
        .or(a.account_number.as_deref())
        .unwrap_or(&a.id);
    clean_line(name)
}

/// The error class a screen explains.
pub fn api_error(e: &OxlinError) -> ApiError {
    match e {
        OxlinError::Network { .. } => ApiError::Unreachable,
        OxlinError::LogInAgain(d) if d.to_ascii_lowercase().contains("client") => {
            ApiError::BadClientCredentials
        }
        OxlinError::LogInAgain(_) => ApiError::WrongPassword,
        other => ApiError::Rejected(clean_line(&other.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_errors_are_told_apart() {
        let client = OxlinError::from_response(
            "POST /token",
            401,
            None,
            r#"{"error":"invalid_client","error_description":"unknown client or wrong client secret"}"#,
        );
        assert_eq!(api_error(&client), ApiError::BadClientCredentials);
        let user = OxlinError::from_response(
            "POST /token",
            400,
            None,
            r#"{"error":"invalid_grant","error_description":"wrong username or password"}"#,
        );
        assert_eq!(api_error(&user), ApiError::WrongPassword);
        let down = OxlinError::Network {
            call: "POST /token".into(),
            reason: "connection failed".into(),
        };
        assert_eq!(api_error(&down), ApiError::Unreachable);
    }

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
