//! Reading JSON request bodies and `page`/`limit` parameters the same way in every endpoint.
//!
//! Bodies are JSON whatever the `Content-Type` says (the seeds' `curl -d` sends a form content
//! type with a JSON body). Parse errors name the place and the missing field, never a value
//! (a value may be a password).

use serde::de::DeserializeOwned;

use super::error::{ApiError, ApiResult};

/// Parses a JSON body, whatever its content type.
pub fn parse_json<T: DeserializeOwned>(body: &[u8]) -> ApiResult<T> {
    serde_json::from_slice(body).map_err(|error| {
        let place = format!("line {} column {}", error.line(), error.column());
        let text = error.to_string();
        let detail = match error.classify() {
            serde_json::error::Category::Data => match text
                .find("missing field")
                .or_else(|| text.find("duplicate field"))
            {
                Some(start) => text[start..]
                    .split(" at line")
                    .next()
                    .unwrap_or("a field has the wrong type")
                    .to_owned(),
                None => "a field has the wrong type".to_owned(),
            },
            serde_json::error::Category::Eof => "the body ends too early".to_owned(),
            _ => "the body is not valid JSON".to_owned(),
        };
        ApiError::bad_request(format!("malformed JSON body: {detail} ({place})"))
    })
}

/// `page` (1-based, default 1) and `limit` (default 100, at most 500) of a list.
pub fn page_range(page: Option<&str>, limit: Option<&str>) -> ApiResult<(usize, usize)> {
    let parse = |name: &str, value: Option<&str>, default: usize| -> ApiResult<usize> {
        match value {
            None => Ok(default),
            Some(v) => v
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|n| *n >= 1)
                .ok_or_else(|| {
                    ApiError::bad_request(format!("`{name}` must be a whole number of at least 1"))
                }),
        }
    };
    let page = parse("page", page, 1)?;
    let limit = parse("limit", limit, 100)?.min(500);
    Ok(((page - 1).saturating_mul(limit), limit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Creds {
        provider_id: String,
        value: String,
    }

    #[test]
    fn malformed_body_is_named_without_its_values() {
        let wrong_type =
            parse_json::<Creds>(br#"{"provider_id":"87","value":123456}"#).unwrap_err();
        assert!(
            !wrong_type.description.contains("123456"),
            "{}",
            wrong_type.description
        );
        let twice =
            parse_json::<Creds>(br#"{"provider_id":"87","value":"a","value":"b"}"#).unwrap_err();
        assert!(twice.description.contains("duplicate field `value`"));
        let missing = parse_json::<Creds>(br#"{"value":"x"}"#).unwrap_err();
        assert!(missing.description.contains("missing field `provider_id`"));
        assert_eq!(parse_json::<Creds>(b"{not json").unwrap_err().status, 400);
    }

    #[test]
    fn pages_are_one_based_and_capped() {
        assert_eq!(page_range(None, None).unwrap(), (0, 100));
        assert_eq!(page_range(Some("3"), Some("1000")).unwrap(), (1000, 500));
        assert!(page_range(Some("0"), None).is_err());
        assert!(page_range(Some("x"), None).is_err());
    }
}
