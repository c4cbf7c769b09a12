//! [`Timestamp`]: an ISO 8601 instant as finX writes it (finx-api.md §5): `2024-03-01T00:00:00.000Z`,
//! with microseconds and `+00:00` in status fields, or (defensively, §5) a bare `2024-03-01`.
//!
//! The offset is kept: the day a booking belongs to is the calendar day as written
//! ([`Timestamp::day`]), not the UTC day. Docs gap (ours): a timestamp without an offset
//! (`2024-03-01T10:00:00`) is read as UTC; a bare date is midnight UTC; a text longer than
//! [`MAX_LEN`] bytes is not a timestamp.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

/// The longest text tried as a timestamp.
pub const MAX_LEN: usize = 64;

/// An instant with the offset it was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp(pub DateTime<FixedOffset>);

impl Timestamp {
    /// Reads `text` in any of the forms of the module doc; `None` when it is none of them.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        if text.len() > MAX_LEN {
            return None;
        }
        DateTime::parse_from_rfc3339(text)
            .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f%z"))
            .ok()
            .or_else(|| {
                NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
                    .ok()
                    .or_else(|| {
                        NaiveDate::parse_from_str(text, "%Y-%m-%d")
                            .ok()
                            .and_then(|d| d.and_hms_opt(0, 0, 0))
                    })
                    .map(|naive| naive.and_utc().fixed_offset())
            })
            .map(Timestamp)
    }

    /// The calendar day as written (the day of a booking).
    pub fn day(&self) -> NaiveDate {
        self.0.date_naive()
    }

    /// The same instant in UTC.
    pub fn utc(&self) -> DateTime<Utc> {
        self.0.with_timezone(&Utc)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        Timestamp::parse(&text)
            .ok_or_else(|| serde::de::Error::custom("not an ISO 8601 timestamp or date"))
    }
}

impl Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(text: &str) -> Option<String> {
        Timestamp::parse(text).map(|t| t.day().to_string())
    }

    #[test]
    fn every_documented_form_is_read() {
        assert_eq!(
            day("2024-03-01T00:00:00.000Z").as_deref(),
            Some("2024-03-01")
        );
        assert_eq!(
            day("2023-02-28T10:11:12.123456+00:00").as_deref(),
            Some("2023-02-28")
        );
        assert_eq!(day("2024-03-01T06:00:00Z").as_deref(), Some("2024-03-01"));
        assert_eq!(day("2024-03-01").as_deref(), Some("2024-03-01"));
        assert_eq!(day("2024-03-01T10:00:00").as_deref(), Some("2024-03-01"));
        assert_eq!(
            day("2024-03-01T10:00:00+0100").as_deref(),
            Some("2024-03-01")
        );
    }

    #[test]
    fn a_booking_day_is_the_day_as_written_not_the_utc_day() {
        let t = Timestamp::parse("2024-03-01T00:30:00+02:00").unwrap();
        assert_eq!(t.day().to_string(), "2024-03-01");
        assert_eq!(t.utc().date_naive().to_string(), "2024-02-29");
    }

    #[test]
    fn words_and_impossible_dates_are_no_timestamp() {
        for text in [
            "",
            "yesterday",
            "2024-02-30",
            "2024-13-01T00:00:00Z",
            "1709251200",
        ] {
            assert_eq!(Timestamp::parse(text), None, "{text}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn any_text_is_read_or_refused_without_panic(text in ".{0,80}") {
            let _ = Timestamp::parse(&text).map(|t| (t.day(), t.utc()));
        }

        #[test]
        fn any_timestamp_shaped_text_is_read_or_refused_without_panic(
            text in "[+-]?[0-9]{1,6}-[0-9]{1,2}-[0-9]{1,2}(T[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\\.[0-9]{0,12})?(Z|[+-][0-9]{2}:?[0-9]{2})?)?"
        ) {
            let _ = Timestamp::parse(&text).map(|t| (t.day(), t.utc()));
        }

        #[test]
        fn a_written_instant_reads_back_the_same(
            secs in -62_000_000_000i64..250_000_000_000, nanos in 0u32..1_000_000_000,
            offset_minutes in -23 * 60..23 * 60i32,
        ) {
            let offset = FixedOffset::east_opt(offset_minutes * 60).unwrap();
            let instant = DateTime::from_timestamp(secs, nanos).unwrap().with_timezone(&offset);
            let written = instant.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true);
            let read = Timestamp::parse(&written).unwrap();
            prop_assert_eq!(read.0, instant);
            prop_assert_eq!(read.day(), instant.date_naive());
        }
    }
}
