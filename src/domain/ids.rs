//! Ids that cannot collide across aggregators: [`Aggregator`] and the newtypes
//! [`ConnectionId`], [`AccountId`] and [`TransactionId`].
//!
//! Each id is kept as one *key* text, `"<aggregator>:<raw id>"` (`"oxlin:10003"`): that key is
//! what the store files rows under and what the screens compare, so an Oxlin account `42` and a
//! finX account `42` are two accounts. [`raw`](ConnectionId::raw) is the id as the aggregator
//! spells it, for its API calls and for what the user reads; `Display` writes the raw id too.
//!
//! Docs gap (ours): neither API says its ids are unique across aggregators (they are not: both
//! use short numbers or opaque strings), so the prefix is coffre's own.

use std::fmt;

/// The aggregation API a connection, account or transaction came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Aggregator {
    /// Oxlin / Linxo Connect (France).
    Oxlin,
    /// finX (Germany).
    Finx,
}

impl Aggregator {
    /// The stable code used in ids and in the store (`oxlin`, `finx`).
    pub fn code(self) -> &'static str {
        match self {
            Aggregator::Oxlin => "oxlin",
            Aggregator::Finx => "finx",
        }
    }

    /// The aggregator of a code written by [`Aggregator::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "oxlin" => Some(Aggregator::Oxlin),
            "finx" => Some(Aggregator::Finx),
            _ => None,
        }
    }

    /// The name a person reads (`Oxlin`, `finX`).
    pub fn name(self) -> &'static str {
        match self {
            Aggregator::Oxlin => "Oxlin",
            Aggregator::Finx => "finX",
        }
    }
}

/// An id key that is not `"<aggregator>:<raw>"` (a store edited by hand, a typo in a test).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an id of the form aggregator:id")]
pub struct BadIdKey(pub String);

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// The id `raw` of `aggregator`.
            pub fn new(aggregator: Aggregator, raw: &str) -> Self {
                $name(format!("{}:{raw}", aggregator.code()))
            }

            /// An Oxlin id.
            pub fn oxlin(raw: &str) -> Self {
                Self::new(Aggregator::Oxlin, raw)
            }

            /// A finX id.
            pub fn finx(raw: &str) -> Self {
                Self::new(Aggregator::Finx, raw)
            }

            /// The id of a key written by [`Self::key`].
            pub fn from_key(key: &str) -> Result<Self, BadIdKey> {
                match key.split_once(':') {
                    Some((code, _)) if Aggregator::from_code(code).is_some() => {
                        Ok($name(key.to_owned()))
                    }
                    _ => Err(BadIdKey(key.to_owned())),
                }
            }

            /// The whole key, `"<aggregator>:<raw>"` (what the store keeps).
            pub fn key(&self) -> &str {
                &self.0
            }

            /// The id as the aggregator spells it (for its API, and for people).
            pub fn raw(&self) -> &str {
                self.0.split_once(':').map_or(self.0.as_str(), |(_, raw)| raw)
            }

            /// The aggregator it belongs to.
            pub fn aggregator(&self) -> Aggregator {
                self.0
                    .split_once(':')
                    .and_then(|(code, _)| Aggregator::from_code(code))
                    .unwrap_or(Aggregator::Oxlin)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.raw())
            }
        }
    };
}

id_type!(
    /// A user's link to one bank at one aggregator.
    ConnectionId
);
id_type!(
    /// One bank account.
    AccountId
);
id_type!(
    /// One transaction.
    TransactionId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_raw_id_at_two_aggregators_is_two_ids() {
        let oxlin = AccountId::oxlin("42");
        let finx = AccountId::finx("42");
        assert_ne!(oxlin, finx);
        assert_eq!((oxlin.raw(), finx.raw()), ("42", "42"));
        assert_eq!(finx.aggregator(), Aggregator::Finx);
        assert_eq!(finx.key(), "finx:42");
        assert_eq!(finx.to_string(), "42");
    }

    #[test]
    fn a_key_reads_back_and_a_raw_id_with_colons_survives() {
        let id = TransactionId::oxlin("a:b:c");
        assert_eq!(id.raw(), "a:b:c");
        assert_eq!(TransactionId::from_key(id.key()), Ok(id));
        assert!(ConnectionId::from_key("10003").is_err());
        assert!(ConnectionId::from_key("plaid:1").is_err());
    }
}
