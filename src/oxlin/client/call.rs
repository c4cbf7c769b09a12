//! One request as the client makes it ([`Call`]), a successful answer ([`Answer`]) with its
//! JSON body and created id, how a body is read within a size cap ([`read_body`]), and how a
//! network failure is told without its URL or body.
//!
//! Docs gap: no size is published for any answer. The largest legitimate one is a full page of
//! `GET /transactions` (500 transactions, well under 1 MiB even with long remittance lines and a
//! `source` object each), or the provider catalogue; we cap a successful body at
//! [`MAX_BODY_BYTES`] (16 MiB, over ten times that) and read an error body up to
//! [`MAX_ERROR_BODY_BYTES`] only (the rest is ignored: only its first line is ever shown).

use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;

/// The most bytes a successful answer may have; a larger one fails its call as unreadable.
pub const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;
/// The most bytes of an error answer that are read; the rest is left unread.
pub const MAX_ERROR_BODY_BYTES: usize = 64 * 1024;

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

/// How much of a body to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BodyLimit {
    /// Up to this many bytes; more fails the call (a successful answer).
    FailAbove(usize),
    /// Up to this many bytes; the rest is dropped unread (an error answer).
    CutAt(usize),
}

/// Reads `response`'s body chunk by chunk, never holding more than the limit: a `Content-Length`
/// above it fails at once, a body growing past it fails (or is cut) as soon as it does.
pub(crate) async fn read_body(
    mut response: reqwest::Response,
    call: &str,
    limit: BodyLimit,
) -> Result<Vec<u8>, OxlinError> {
    let (max, fail) = match limit {
        BodyLimit::FailAbove(max) => (max, true),
        BodyLimit::CutAt(max) => (max, false),
    };
    let too_big = || OxlinError::Malformed {
        call: call.to_owned(),
        reason: format!("the answer is larger than {} KiB", max / 1024),
    };
    let announced = response.content_length().unwrap_or(0);
    if fail && announced > max as u64 {
        return Err(too_big());
    }
    let mut body = Vec::with_capacity((announced as usize).min(max));
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| network_error(call, &e))?
    {
        let room = max - body.len();
        if chunk.len() > room {
            if fail {
                return Err(too_big());
            }
            body.extend_from_slice(&chunk[..room]);
            break;
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
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
