//! The query string of `GET /rest/transactions` read into the world's [`Selection`] and
//! [`Page`], every bad value a 400 / 1000 naming the parameter (finx-api.md §4.5).
//!
//! Choices (ours, §9.6, §9.7): `count` is 1 to 1000 (default 1000), `offset` ≥ 0; `sort` is
//! `asc` or `desc`; `since_type` is `booked`, `created` or `modified`; `since` is a date
//! (`YYYY-MM-DD`, the start of that day UTC), an RFC 3339 time, or a transaction id
//! (`T…`); `until` a date (the end of that day, inclusive) or an RFC 3339 time; booleans are
//! `true`/`false`/`1`/`0`; `accounts` is a comma-separated list of account ids. Every other
//! parameter (`filter`, `types`, `sync_id`, …) is ignored.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, NaiveDate, Utc};

use super::error::{FinxError, FinxResult};
use crate::sandbox::finx::world::query::{MAX_COUNT, Page, Selection, Since, SinceType, SortOrder};

/// The raw query string pairs.
pub type RawQuery = BTreeMap<String, String>;

/// A boolean parameter, `None` when absent.
pub fn flag(query: &RawQuery, name: &str) -> FinxResult<Option<bool>> {
    match query
        .get(name)
        .map(|v| v.trim().to_ascii_lowercase())
        .as_deref()
    {
        None => Ok(None),
        Some("true" | "1") => Ok(Some(true)),
        Some("false" | "0") => Ok(Some(false)),
        Some(_) => Err(FinxError::field(name, "Not a valid boolean.")),
    }
}

fn number(query: &RawQuery, name: &str, low: usize, high: usize) -> FinxResult<Option<usize>> {
    let Some(text) = query.get(name) else {
        return Ok(None);
    };
    match text.trim().parse::<usize>() {
        Ok(n) if (low..=high).contains(&n) => Ok(Some(n)),
        _ => Err(FinxError::field(
            name,
            &format!("Must be a whole number between {low} and {high}."),
        )),
    }
}

/// A date or RFC 3339 time; a bare date means its start, or with `end_of_day` its last instant.
fn time(text: &str, end_of_day: bool) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at.with_timezone(&Utc));
    }
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    let at = if end_of_day {
        day.and_hms_milli_opt(23, 59, 59, 999)?
    } else {
        day.and_hms_opt(0, 0, 0)?
    };
    Some(at.and_utc())
}

/// The selection and page a query asks for.
pub fn transactions_query(query: &RawQuery) -> FinxResult<(Selection, Page)> {
    let page = Page {
        offset: number(query, "offset", 0, usize::MAX / 2)?.unwrap_or(0),
        count: number(query, "count", 1, MAX_COUNT)?.unwrap_or(MAX_COUNT),
    };
    let sort = match query
        .get("sort")
        .map(|s| s.trim().to_ascii_lowercase())
        .as_deref()
    {
        None | Some("desc") => SortOrder::Descending,
        Some("asc") => SortOrder::Ascending,
        Some(_) => return Err(FinxError::field("sort", "Must be one of: asc, desc.")),
    };
    let since_type = match query
        .get("since_type")
        .map(|s| s.trim().to_ascii_lowercase())
        .as_deref()
    {
        None | Some("booked") => SinceType::Booked,
        Some("created") => SinceType::Created,
        Some("modified") => SinceType::Modified,
        Some(_) => {
            return Err(FinxError::field(
                "since_type",
                "Must be one of: booked, created, modified.",
            ));
        }
    };
    let since = match query
        .get("since")
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(id) if id.starts_with('T') => Some(Since::AfterTransaction(id.to_owned())),
        Some(text) => Some(Since::At(time(text, false).ok_or_else(|| {
            FinxError::field("since", "Not a valid date, time or transaction id.")
        })?)),
    };
    let until = match query
        .get("until")
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(text) => Some(
            time(text, true)
                .ok_or_else(|| FinxError::field("until", "Not a valid date or time."))?,
        ),
    };
    let accounts = query.get("accounts").map(|list| {
        list.split(',')
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .map(str::to_owned)
            .collect::<BTreeSet<String>>()
    });
    let selection = Selection {
        accounts: accounts.filter(|set| !set.is_empty()),
        sort,
        since,
        since_type,
        until,
        include_pending: flag(query, "include_pending")?.unwrap_or(false),
    };
    Ok((selection, page))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parse(pairs: &[(&str, &str)]) -> FinxResult<(Selection, Page)> {
        transactions_query(
            &pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }

    #[test]
    fn no_parameter_means_the_documented_defaults() {
        let (selection, page) = parse(&[]).unwrap();
        assert_eq!(selection, Selection::default());
        assert_eq!(
            page,
            Page {
                offset: 0,
                count: 1000
            }
        );
    }

    #[test]
    fn a_date_until_includes_its_whole_day_and_since_starts_it() {
        let (selection, _) = parse(&[("since", "2024-03-01"), ("until", "2024-03-31")]).unwrap();
        assert_eq!(
            selection.since,
            Some(Since::At("2024-03-01T00:00:00Z".parse().unwrap()))
        );
        assert_eq!(
            selection.until,
            Some("2024-03-31T23:59:59.999Z".parse().unwrap())
        );
    }

    #[test]
    fn bad_values_name_their_parameter() {
        for (name, value) in [
            ("count", "0"),
            ("count", "1001"),
            ("offset", "-1"),
            ("sort", "up"),
            ("since", "yesterday"),
            ("include_pending", "maybe"),
            ("since_type", "x"),
        ] {
            let error = parse(&[(name, value)]).unwrap_err();
            assert_eq!(error.code, 1000);
            assert!(
                error.data.contains_key(name),
                "{name}={value}: {:?}",
                error.data
            );
        }
    }

    proptest! {
        #[test]
        fn any_query_value_is_answered_without_panic(name in "(count|offset|sort|since|until|since_type|include_pending|accounts)", value in "\\PC{0,30}") {
            let _ = parse(&[(name.as_str(), value.as_str())]);
        }
    }
}
