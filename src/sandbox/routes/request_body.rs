//! Reading a request body whatever its content type claims: JSON or form-urlencoded.
//!
//! Docs gap (oxlin-api.md §3): the seed documents send JSON bodies with `curl -d`, i.e. with the
//! form content type, and form bodies elsewhere; a production connector sends JSON to `/token`.
//! We chose to be liberal: a body whose first non-blank character is `{` is read as JSON, any
//! other body as `application/x-www-form-urlencoded`, and the `Content-Type` header is ignored.

use serde_json::{Map, Value};

use super::error::{ApiError, ApiResult};

/// The fields of a JSON object or form body (form values become JSON strings). An empty body
/// gives no fields.
pub fn fields(body: &[u8]) -> ApiResult<Map<String, Value>> {
    let text = std::str::from_utf8(body)
        .map_err(|_| ApiError::bad_request("the request body is not UTF-8 text"))?
        .trim();
    if text.is_empty() {
        return Ok(Map::new());
    }
    if text.starts_with('{') {
        return match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(map)) => Ok(map),
            Ok(_) => Err(ApiError::bad_request("the JSON body is not an object")),
            Err(e) => Err(ApiError::bad_request(format!(
                "the body is not valid JSON: line {}, column {}",
                e.line(),
                e.column()
            ))),
        };
    }
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(text)
        .map_err(|_| ApiError::bad_request("the body is neither JSON nor a form"))?;
    Ok(pairs
        .into_iter()
        .map(|(k, v)| (k, Value::String(v)))
        .collect())
}

/// A text field: JSON strings as they are, numbers and booleans written out; `None` when absent,
/// null or empty.
pub fn text(fields: &Map<String, Value>, name: &str) -> Option<String> {
    match fields.get(name)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_body_sent_as_form_is_read_as_json() {
        let f = fields(br#" {"type": "PGP"} "#).unwrap();
        assert_eq!(text(&f, "type").as_deref(), Some("PGP"));
    }

    #[test]
    fn form_body_is_decoded() {
        let f = fields(b"email=a%40b.fr&password=p+w").unwrap();
        assert_eq!(text(&f, "email").as_deref(), Some("a@b.fr"));
        assert_eq!(text(&f, "password").as_deref(), Some("p w"));
    }

    #[test]
    fn broken_json_and_non_objects_are_refused() {
        assert!(fields(b"{\"a\":").is_err());
        assert!(fields(b"{").is_err());
        assert!(fields(&[0xff, 0xfe]).is_err());
        assert!(fields(b"").unwrap().is_empty());
    }
}
