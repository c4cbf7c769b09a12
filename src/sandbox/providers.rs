//! `GET /providers`, `GET /providers/{id}`: the provider catalogue.

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

/// The routes of this module.
pub fn routes() -> axum::Router<super::state::AppState> {
    axum::Router::new()
}
