//! Property tests of the error-body reader: whatever a server answers (bytes, JSON of any shape,
//! huge strings, echoes of what we sent wrapped in invisible characters), reading it never
//! panics, the message stays short, and no secret of the request appears in it.

use proptest::prelude::*;
use serde_json::{Value, json};

use super::{MAX_DESCRIPTION_CHARS, OxlinError, SentSecrets};

/// A secret as a request carries one (at least the length that is hidden).
fn secret() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_.~-]{4,24}"
}

/// Text around an echo of `secret`: anything, with invisible or control characters that the
/// sanitiser drops or turns into nothing inside the echo.
fn echoing(secret: String) -> impl Strategy<Value = String> + Clone {
    let spliced = prop_oneof![
        Just(String::new()),
        Just("\u{200B}".to_owned()),
        Just("\u{200E}".to_owned()),
        Just("\u{FEFF}".to_owned()),
        Just("\u{FFFE}".to_owned()),
        Just("\u{1b}[31m".to_owned()),
    ];
    (any::<String>(), spliced, 0..=secret.len(), any::<String>()).prop_map(
        move |(before, splice, at, after)| {
            let (head, tail) = secret.split_at(at);
            format!("{before}{head}{splice}{tail}{after}")
        },
    )
}

/// Any JSON value, nested a few levels, with strings from `text`.
fn json_value(
    text: impl Strategy<Value = String> + Clone + 'static,
) -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        any::<i64>().prop_map(Value::from),
        text.prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            prop::collection::btree_map("[a-z_]{0,20}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A body: bytes read as lossy text, or an error object whose fields echo the secret, or any
/// JSON, or a huge string.
fn body(secret: String) -> impl Strategy<Value = String> {
    let text = echoing(secret.clone());
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..300)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        (text.clone(), text.clone(), text.clone(), json_value(text.clone())).prop_map(
            |(error, description, message, extra)| {
                json!({"error": error, "error_description": description, "message": message, "extra": extra})
                    .to_string()
            }
        ),
        (text.clone(), json_value(text.clone())).prop_map(|(message, extra)| {
            json!({"message": message, "error": extra}).to_string()
        }),
        json_value(text.clone()).prop_map(|v| v.to_string()),
        (text, 1usize..200_000).prop_map(|(t, n)| {
            json!({"error_description": format!("{t}{}", "x".repeat(n))}).to_string()
        }),
    ]
}

fn status() -> impl Strategy<Value = u16> {
    prop_oneof![
        Just(400u16),
        Just(401),
        Just(403),
        Just(404),
        Just(410),
        Just(422),
        Just(429),
        Just(500),
        Just(503),
        100u16..1000,
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn no_answer_panics_grows_the_message_or_shows_a_secret(
        (secret, body) in secret().prop_flat_map(|s| (Just(s.clone()), body(s))),
        status in status(),
        retry_after in prop::option::of(any::<u64>()),
    ) {
        let sent = SentSecrets::new().with(&secret);
        let error = OxlinError::from_response_hiding("GET /fuzz", status, retry_after, &body, &sent);
        let message = error.to_string();
        prop_assert!(!message.contains(&secret), "{}", message);
        let debug = format!("{error:?}");
        prop_assert!(!debug.contains(&secret), "{}", debug);
        prop_assert!(message.chars().count() <= MAX_DESCRIPTION_CHARS + 100, "{} chars", message.len());
        let plain = OxlinError::from_response("GET /fuzz", status, retry_after, &body).to_string();
        prop_assert!(plain.chars().count() <= MAX_DESCRIPTION_CHARS + 100);
    }
}

/// Found by the property test: a zero-width space inside an echoed secret hid it from the
/// hiding, and the sanitiser then dropped the space, showing the secret whole.
#[test]
fn a_secret_echoed_with_an_invisible_character_inside_stays_hidden() {
    let sent = SentSecrets::new().with("hunter2-secret");
    let body = r#"{"error_description":"bad password hunter2\u200b-secret"}"#;
    let message = OxlinError::from_response_hiding("POST /token", 400, None, body, &sent);
    assert!(!message.to_string().contains("hunter2-secret"), "{message}");
}

/// Found by the property test: a megabyte-long description became a megabyte-long message.
#[test]
fn a_huge_description_is_cut_short() {
    let body = json!({"error_description": "y".repeat(1_000_000)}).to_string();
    let message = OxlinError::from_response("GET /accounts", 422, None, &body).to_string();
    assert!(
        message.chars().count() <= MAX_DESCRIPTION_CHARS + 100,
        "{}",
        message.len()
    );
    assert!(message.ends_with('…'), "{}", &message[message.len() - 10..]);
}
