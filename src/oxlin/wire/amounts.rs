//! Exact amounts: serde_json reads every JSON number through `f64` (`12345678901234567.89`
//! becomes `…568`, and `1e30` is no `Decimal` at all), so before an answer is decoded,
//! [`quote_amounts`] rewrites the number after each amount key ([`AMOUNT_KEYS`]) into a JSON
//! string holding the same characters, which `rust_decimal` then reads exactly.
//!
//! Our choice (instead of serde_json's `arbitrary_precision`): that feature is global to the
//! build and breaks every number inside a `#[serde(flatten)]` struct, which every wire type has
//! (`extra`). The rewrite only touches numbers directly after one of the amount keys, at any
//! depth, so an unknown object's own `amount` is kept as a string in `extra`. A key spelled
//! with escapes (`"amo\u0075nt"`) is not recognised and goes through `f64` as before. Invalid
//! JSON is copied as it is: the decoder reports it.

use std::borrow::Cow;

/// The keys whose number values are amounts of money or rates (`Decimal` fields of the wire
/// types).
pub const AMOUNT_KEYS: [&str; 10] = [
    "amount",
    "balance",
    "initial_balance",
    "interest",
    "percent",
    "yield_rate",
    "earned_ytd",
    "invested_net",
    "invested_raw",
    "disinvested_raw",
];

/// `json` with every number that is the value of an amount key written as a string of the same
/// characters (borrowed when there is none).
pub fn quote_amounts(json: &[u8]) -> Cow<'_, [u8]> {
    let len = json.len();
    let mut out: Option<Vec<u8>> = None;
    let mut copied = 0;
    let mut last_string = (0, 0);
    let mut key: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < len {
        match json[i] {
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < len && json[i] != b'"' {
                    i += if json[i] == b'\\' { 2 } else { 1 };
                }
                last_string = (start.min(len), i.min(len));
                key = None;
                i += 1;
            }
            b':' => {
                key = Some(last_string);
                i += 1;
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                while i < len && matches!(json[i], b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E') {
                    i += 1;
                }
                if let Some((from, to)) = key.take()
                    && AMOUNT_KEYS.iter().any(|k| k.as_bytes() == &json[from..to])
                {
                    let out = out.get_or_insert_with(|| Vec::with_capacity(len + 64));
                    out.extend_from_slice(&json[copied..start]);
                    out.push(b'"');
                    out.extend_from_slice(&json[start..i]);
                    out.push(b'"');
                    copied = i;
                }
            }
            _ => {
                if !json[i].is_ascii_whitespace() {
                    key = None;
                }
                i += 1;
            }
        }
    }
    match out {
        None => Cow::Borrowed(json),
        Some(mut out) => {
            out.extend_from_slice(&json[copied..]);
            Cow::Owned(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn quoted(json: &str) -> String {
        String::from_utf8(quote_amounts(json.as_bytes()).into_owned()).unwrap()
    }

    #[test]
    fn amounts_become_strings_and_everything_else_stays() {
        assert_eq!(
            quoted(r#"[{"id":"1","amount": -12345678901234567.89,"date":1639954800}]"#),
            r#"[{"id":"1","amount": "-12345678901234567.89","date":1639954800}]"#
        );
        assert_eq!(
            quoted(r#"{"balance":1e30,"label":"amount","x":{"amount":[1]},"n":2}"#),
            r#"{"balance":"1e30","label":"amount","x":{"amount":[1]},"n":2}"#
        );
        assert_eq!(
            quoted(r#"{"label":"a\"amount\":1"}"#),
            r#"{"label":"a\"amount\":1"}"#
        );
    }

    #[test]
    fn an_answer_without_amounts_is_not_copied() {
        assert!(matches!(quote_amounts(br#"{"date":1}"#), Cow::Borrowed(_)));
    }

    proptest! {
        #[test]
        fn quoting_never_panics_and_keeps_valid_json_valid(text in ".{0,200}") {
            let out = quote_amounts(text.as_bytes());
            if serde_json::from_str::<serde_json::Value>(&text).is_ok() {
                prop_assert!(serde_json::from_slice::<serde_json::Value>(&out).is_ok());
            }
        }

        #[test]
        fn quoting_keeps_valid_json_valid_for_json_with_amounts(
            amounts in proptest::collection::vec(-1e12f64..1e12, 0..5), other in 0i64..1_000_000
        ) {
            let rows: Vec<String> = amounts
                .iter()
                .map(|a| format!(r#"{{"amount":{a},"balance":{a},"date":{other}}}"#))
                .collect();
            let text = format!("[{}]", rows.join(","));
            let value: serde_json::Value = serde_json::from_slice(&quote_amounts(text.as_bytes())).unwrap();
            for (row, a) in value.as_array().unwrap().iter().zip(&amounts) {
                let written = a.to_string();
                prop_assert_eq!(row["amount"].as_str(), Some(written.as_str()));
                prop_assert_eq!(row["date"].as_i64(), Some(other));
            }
        }
    }
}
