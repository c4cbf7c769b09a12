//! `POST /onetime/access` (finx-api.md §4.2, seed 004): the widget-link request and its 201
//! answer `{"location","id"}`. The `location` is opaque: the client never builds it (§2).

use serde::{Deserialize, Serialize};

use super::Extra;

/// The widget-link request. Only `redirect_uri` is mandatory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccessRequest {
    /// Where finX sends the browser back, with `state`, `success`, `code` and maybe `cancel`.
    pub redirect_uri: String,
    /// Echoed on the callback (checked by the caller).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// `de` (default), `en`, `es`, `fr`, `ar`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// One IBAN (or account number, PAN) skips the bank choice.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accounts: Vec<AccountRef>,
    /// Days of history to ask the bank for (default 90; the bank's maximum if above it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sync_period: Option<u32>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{"id": "<IBAN / account number / PAN>"}` in an access request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountRef {
    /// An IBAN, account number or card number (PAN).
    pub id: String,
}

/// The 201 answer: the widget URL to send the user to, and the link's id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccessLink {
    /// The widget URL (opaque: never built by the client).
    pub location: String,
    /// The link's id (a UUID).
    pub id: String,
    #[serde(flatten)]
    pub extra: Extra,
}
