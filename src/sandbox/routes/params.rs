//! Query-string parameters of the list endpoints, checked: a bad value is a 400 naming it.
//!
//! Docs gap: unknown parameters are ignored (the real API's behaviour is unknown); a parameter
//! given twice keeps its last value.

use std::str::FromStr;

use axum::extract::RawQuery;
use rust_decimal::Decimal;

use super::error::{ApiError, ApiResult};

/// The decoded query string of a request.
#[derive(Debug, Default)]
pub struct Params(Vec<(String, String)>);

/// Default and maximum `limit` of every list (oxlin-api.md §3 and §11: 100, at most 500).
pub const DEFAULT_LIMIT: usize = 100;
pub const MAX_LIMIT: usize = 500;

impl Params {
    /// Decodes `?a=b&…`; an undecodable query string is a 400.
    pub fn decode(RawQuery(query): RawQuery) -> ApiResult<Self> {
        let query = query.unwrap_or_default();
        serde_urlencoded::from_str(&query)
            .map(Self)
            .map_err(|_| ApiError::bad_request("the query string cannot be decoded"))
    }

    /// The value of `name`, if given and not empty.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
            .filter(|value| !value.is_empty())
    }

    /// `name` parsed as a `T`, or a 400 saying what `name` should be.
    pub fn parse<T: FromStr>(&self, name: &str, what: &str) -> ApiResult<Option<T>> {
        self.get(name)
            .map(|text| {
                text.trim()
                    .parse()
                    .map_err(|_| ApiError::bad_request(format!("`{name}` must be {what}")))
            })
            .transpose()
    }

    /// `name` as a signed decimal amount.
    pub fn amount(&self, name: &str) -> ApiResult<Option<Decimal>> {
        self.parse(name, "a decimal amount such as -12.50")
    }

    /// `name` as a comma-separated list of values taken from `allowed`.
    pub fn list_of(&self, name: &str, allowed: &[&str]) -> ApiResult<Option<Vec<String>>> {
        let Some(text) = self.get(name) else {
            return Ok(None);
        };
        let values: Vec<String> = text.split(',').map(|v| v.trim().to_owned()).collect();
        match values.iter().find(|v| !allowed.contains(&v.as_str())) {
            Some(_) => Err(ApiError::bad_request(format!(
                "`{name}` takes comma-separated values among {}",
                allowed.join(", ")
            ))),
            None => Ok(Some(values)),
        }
    }

    /// `page` (1-based) and `limit` (1 to 500, default 100), as (items to skip, limit).
    pub fn page(&self) -> ApiResult<(usize, usize)> {
        let page: usize = self.parse("page", "a whole number from 1")?.unwrap_or(1);
        let limit: usize = self
            .parse("limit", "a whole number from 1 to 500")?
            .unwrap_or(DEFAULT_LIMIT);
        if page == 0 {
            return Err(ApiError::bad_request(
                "`page` must be a whole number from 1",
            ));
        }
        if limit == 0 || limit > MAX_LIMIT {
            return Err(ApiError::bad_request(
                "`limit` must be a whole number from 1 to 500",
            ));
        }
        Ok(((page - 1).saturating_mul(limit), limit))
    }
}
