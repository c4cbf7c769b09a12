//! One request as the client makes it ([`Call`]), a successful answer ([`Answer`]) with its
//! JSON body and created id, and how a network failure is told without its URL or body.

use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;

use crate::oxlin::error::OxlinError;

/// One API call to make.
#[derive(Debug)]
pub(crate) struct Call {
    pub method: Method,
    /// Full URL (API, auth or embed host).
    pub url: String,
    /// `METHOD /path` for error messages (no ids of secrets, no query).
    pub name: String,
    pub query: Vec<(String, String)>,
    /// JSON body, already serialised; wiped when the call is done.
    pub body: Option<zeroize::Zeroizing<Vec<u8>>>,
    pub idempotent: bool,
}

/// A successful answer.
pub(crate) struct Answer {
    pub status: StatusCode,
    pub location: Option<String>,
    pub body: Vec<u8>,
    pub name: String,
}

impl Answer {
    /// The body as `T`; a malformed one says which call and what was wrong.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, OxlinError> {
        serde_json::from_slice(&self.body).map_err(|e| OxlinError::Malformed {
            call: self.name.clone(),
            reason: crate::sanitize::clean_line(&e.to_string()),
        })
    }

    /// The id at the end of the `Location` header of a 201.
    pub fn created_id(&self) -> Result<String, OxlinError> {
        self.location
            .as_deref()
            .and_then(|l| l.trim_end_matches('/').rsplit('/').next())
            .filter(|id| !id.is_empty())
            .map(str::to_owned)
            .ok_or_else(|| OxlinError::Malformed {
                call: self.name.clone(),
                reason: format!("answer {} has no Location header", self.status.as_u16()),
            })
    }
}

/// Reads a reqwest failure without its URL or body.
pub(crate) fn network_error(call: &str, e: &reqwest::Error) -> OxlinError {
    let reason = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "connection failed"
    } else if e.is_body() || e.is_decode() {
        "the answer was cut short"
    } else {
        "the request failed"
    };
    OxlinError::Network {
        call: call.to_owned(),
        reason: reason.to_owned(),
    }
}
