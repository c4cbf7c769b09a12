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
use crate::oxlin::wire::amounts::quote_amounts;
use crate::sanitize::clean_line;

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
    /// The body as `T`, amounts read exactly ([`quote_amounts`]); a malformed one says which
    /// call and what was wrong.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, OxlinError> {
        serde_json::from_slice(&quote_amounts(&self.body)).map_err(|e| self.malformed(&e))
    }

    /// The body as a list of `T` (a page), amounts read exactly. One item that cannot be read
    /// (an amount no `Decimal` holds, such as `1e30`) is left out with a logged warning, so
    /// the rest of its page is kept; a body that is no list fails the call.
    ///
    /// A page that reads whole (nearly every one) is decoded once, straight into `T`; only a
    /// page that does not goes item by item through a `serde_json::Value` (which cost as much
    /// again as the decode itself when every page went that way).
    pub fn json_items<T: DeserializeOwned>(&self) -> Result<Page<T>, OxlinError> {
        let body = quote_amounts(&self.body);
        if let Ok(items) = serde_json::from_slice::<Vec<T>>(&body) {
            return Ok(Page {
                sent: items.len(),
                items,
            });
        }
        let items: Vec<serde_json::Value> =
            serde_json::from_slice(&body).map_err(|e| self.malformed(&e))?;
        let sent = items.len();
        let mut read = Vec::with_capacity(items.len());
        for (index, item) in items.into_iter().enumerate() {
            let id = item.get("id").map(|id| clean_line(&id.to_string()));
            match serde_json::from_value(item) {
                Ok(item) => read.push(item),
                Err(e) => tracing::warn!(
                    "{}: item {index} (id {}) left out, it cannot be read: {}",
                    self.name,
                    id.as_deref().unwrap_or("none"),
                    clean_line(&e.to_string())
                ),
            }
        }
        Ok(Page { items: read, sent })
    }

    fn malformed(&self, e: &serde_json::Error) -> OxlinError {
        OxlinError::Malformed {
            call: self.name.clone(),
            reason: clean_line(&e.to_string()),
        }
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

/// One page of a list: the items read, and how many the server sent (more when some could not
/// be read), which is what tells a full page from the last one.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Page<T> {
    pub items: Vec<T>,
    pub sent: usize,
}

impl<T> Page<T> {
    /// A page whose every item was read.
    pub fn whole(items: Vec<T>) -> Self {
        Page {
            sent: items.len(),
            items,
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::oxlin::wire::Transaction;
    use proptest::prelude::*;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn answer(body: &str) -> Answer {
        Answer {
            status: StatusCode::OK,
            location: None,
            body: body.as_bytes().to_vec(),
            name: "GET /transactions".into(),
        }
    }

    fn row(id: &str, amount: &str) -> String {
        format!(r#"{{"id":"{id}","account_id":"a1","amount":{amount},"date":1639954800}}"#)
    }

    #[test]
    fn an_amount_beyond_f64_is_read_to_the_cent() {
        let page = answer(&format!("[{}]", row("t1", "12345678901234567.89")));
        let read: Page<Transaction> = page.json_items().unwrap();
        assert_eq!(read.items[0].amount.to_string(), "12345678901234567.89");
    }

    #[test]
    fn one_unrepresentable_amount_leaves_out_its_row_only() {
        let body = format!(
            "[{},{},{}]",
            row("t1", "-12.30"),
            row("t2", "1e30"),
            row("t3", "7")
        );
        let read: Page<Transaction> = answer(&body).json_items().unwrap();
        let ids: Vec<&str> = read.items.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["t1", "t3"]);
        assert_eq!(read.sent, 3);
    }

    #[test]
    fn a_body_that_is_no_list_fails_the_call() {
        let error = answer(r#"{"id":"t1"}"#)
            .json_items::<Transaction>()
            .unwrap_err();
        assert!(matches!(error, OxlinError::Malformed { .. }), "{error}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        #[test]
        fn any_decimal_text_up_to_28_digits_is_read_exactly(
            negative in any::<bool>(),
            int in "(0|[1-9][0-9]{0,15})",
            frac in proptest::option::of("[0-9]{1,12}"),
        ) {
            let text = format!(
                "{}{int}{}",
                if negative { "-" } else { "" },
                frac.map(|f| format!(".{f}")).unwrap_or_default()
            );
            let read: Page<Transaction> = answer(&format!("[{}]", row("t", &text))).json_items().unwrap();
            prop_assert_eq!(read.items.len(), 1);
            prop_assert_eq!(read.items[0].amount, Decimal::from_str(&text).unwrap());
            if !read.items[0].amount.is_zero() {
                // Every digit kept (a zero prints without its sign).
                prop_assert_eq!(read.items[0].amount.to_string(), text);
            }
        }

        #[test]
        fn any_number_text_keeps_the_other_rows_of_its_page(
            mantissa in "-?[0-9]{1,40}(\\.[0-9]{1,40})?", exponent in proptest::option::of(-400i32..400)
        ) {
            let text = format!("{mantissa}{}", exponent.map(|e| format!("e{e}")).unwrap_or_default());
            let body = format!("[{},{},{}]", row("t1", "1.5"), row("t2", &text), row("t3", "2"));
            let read: Page<Transaction> = answer(&body).json_items().unwrap();
            let ids: Vec<&str> = read.items.iter().map(|t| t.id.as_str()).collect();
            prop_assert!(ids.contains(&"t1") && ids.contains(&"t3"));
            if let Some(t2) = read.items.iter().find(|t| t.id == "t2") {
                prop_assert_eq!(
                    Some(t2.amount),
                    Decimal::from_str(&text).ok().or_else(|| Decimal::from_scientific(&text).ok())
                );
            }
        }
    }
}
