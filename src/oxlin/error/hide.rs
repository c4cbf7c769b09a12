//! Known secrets are cut out of what a server says back. A server (or a proxy) that echoes the
//! request in its error description would otherwise have the password, the client secret or a
//! token printed in an error message, a log line or on screen.
//!
//! Each secret is hidden in the forms an echo can take: as sent, form-urlencoded (the token
//! form), percent-encoded, and, for the client secret sent as HTTP basic auth, the base64 of
//! `client_id:secret`. Our choices: secrets shorter than [`MIN_HIDDEN_LEN`] bytes are not hidden
//! (hiding every `1` or `ok` would garble messages), nor are the OK/Cancel answers `"true"` and
//! `"false"` of a request body (they are not secrets); a 4-digit PIN is hidden.

use std::borrow::Cow;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// What a hidden secret is replaced by.
pub const HIDDEN: &str = "[hidden]";
/// Shortest secret that is hidden, in bytes.
pub const MIN_HIDDEN_LEN: usize = 4;
/// Keys of a JSON request body whose string values are secrets (`value` is a credential's).
const SECRET_KEYS: &[&str] = &[
    "value",
    "password",
    "client_secret",
    "refresh_token",
    "access_token",
    "token",
];

/// The secrets one request carried, to be hidden in whatever the server answers.
#[derive(Default)]
pub struct SentSecrets<'a> {
    texts: Vec<Cow<'a, str>>,
}

impl<'a> SentSecrets<'a> {
    /// No secret (an answer is then shown as the server wrote it, sanitised).
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one secret, in every form an echo can take.
    pub fn with(mut self, secret: &'a str) -> Self {
        self.push(Cow::Borrowed(secret));
        self.push(url::form_urlencoded::byte_serialize(secret.as_bytes()).collect());
        self.push(Cow::Owned(
            secret
                .bytes()
                .map(|b| format!("%{b:02X}"))
                .collect::<String>(),
        ));
        self
    }

    /// Adds the client secret as HTTP basic auth sends it.
    pub fn with_basic_auth(mut self, client_id: &str, secret: &'a str) -> Self {
        self.push(Cow::Owned(STANDARD.encode(format!("{client_id}:{secret}"))));
        self.with(secret)
    }

    /// Adds the secrets of a JSON request body: the string values of keys such as `value`
    /// (credentials), `password` or `refresh_token`, at any depth.
    pub fn with_json_body(mut self, body: &[u8]) -> Self {
        if let Ok(json) = serde_json::from_slice::<serde_json::Value>(body) {
            let mut found = Vec::new();
            collect(&json, &mut found);
            for secret in found.into_iter().filter(|s| s != "true" && s != "false") {
                self.push(url::form_urlencoded::byte_serialize(secret.as_bytes()).collect());
                self.push(Cow::Owned(secret));
            }
        }
        self
    }

    fn push(&mut self, text: Cow<'a, str>) {
        if text.len() >= MIN_HIDDEN_LEN && !self.texts.contains(&text) {
            self.texts.push(text);
        }
    }

    /// `text` with every known secret replaced by [`HIDDEN`] (longest first, so that a secret
    /// containing another is hidden whole).
    pub fn hide(&self, text: &str) -> String {
        let mut sorted: Vec<&str> = self.texts.iter().map(|t| t.as_ref()).collect();
        sorted.sort_by_key(|t| std::cmp::Reverse(t.len()));
        let mut out = text.to_owned();
        for secret in sorted {
            if out.contains(secret) {
                out = out.replace(secret, HIDDEN);
            }
        }
        out
    }
}

fn collect(json: &serde_json::Value, found: &mut Vec<String>) {
    match json {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                match value {
                    serde_json::Value::String(s) if SECRET_KEYS.contains(&key.as_str()) => {
                        found.push(s.clone())
                    }
                    other => collect(other, found),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|item| collect(item, found)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_echoed_secret_is_hidden_in_every_encoding() {
        let sent = SentSecrets::new()
            .with("p@ss word&1")
            .with_basic_auth("app", "s3cr3t-client")
            .with_json_body(br#"{"credentials":[{"id":"301","value":"otp-778899"}]}"#);
        let echo = format!(
            "got password=p%40ss+word%261 / p@ss word&1 / Basic {} / {{\"value\":\"otp-778899\"}} / s3cr3t-client",
            STANDARD.encode("app:s3cr3t-client")
        );
        let hidden = sent.hide(&echo);
        for secret in ["p@ss", "%40ss", "s3cr3t", "otp-778899", "YXBwOnMz"] {
            assert!(!hidden.contains(secret), "{secret} in {hidden}");
        }
        assert!(hidden.starts_with("got password=[hidden]"), "{hidden}");
    }

    #[test]
    fn short_answers_and_ordinary_words_are_left_alone() {
        let sent = SentSecrets::new()
            .with("ok1")
            .with_json_body(br#"{"credentials":[{"value":"true"},{"value":"12"}]}"#);
        assert_eq!(
            sent.hide("value true is fine, ok1 12"),
            "value true is fine, ok1 12"
        );
        assert_eq!(
            SentSecrets::new().with("1234").hide("PIN 1234"),
            "PIN [hidden]"
        );
    }
}
