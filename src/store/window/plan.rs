//! How a window finds the rows a search selects, fast whether the match is rare or common.
//!
//! Two ways, chosen per search:
//! - **Listed**: the indexes list the matching rows (`transactions_text`, trigrams of the label
//!   and notes; `transactions_amount`, trigrams of the amount as the rule spells it, schema
//!   version 9; `transactions_grams`, the one- and two-character texts of both, exact to the
//!   rule, version 12: `grams.rs`), and the window reads and orders only those. Cost: one row
//!   per match, so only for a rare match.
//! - **Checked**: the window walks its sort index and checks each row with `coffre_matches`
//!   (`search.rs`) until it has its rows. Cost: rows walked ≈ rows wanted ÷ the share of rows
//!   that match, so only for a common match.
//!
//! The row budget tells them apart: the indexes are asked for at most [`BUDGET`] + 1 rows; when
//! they have more, the match is common (at least one row in `store size ÷ BUDGET`) and the
//! window checks rows; otherwise the rows they listed are kept ([`Plan::Found`]) and every
//! page and group of the window reads them by `seq`. Only what no index lists is always
//! checked: text of one or two characters holding a tab, and an empty amount (`+`: every row).
//!
//! A walk is bounded: common overall is not common everywhere in the order (sorting by label
//! puts every `pharmacie` together, after every `boulangerie`), so a walk checks at most
//! [`WALK`] rows, then gives way to the full list of the indexes (cost: one row per match) or,
//! for what no index lists, to a walk of [`SHORT_WALK`] times as many rows, then to a scan of
//! the whole table in its storage order ([`Plan::Scanned`]: every row checked, the matches
//! sorted, only the window's kept). A walk reads every row it may check (SQLite gathers the
//! walk before checking), so the short walk comes first for a dense match.
//!
//! Why a scan and not a walk without bound: a walk reads the table in the sort's order, one
//! random page per row (1–9 µs a row at a million rows); a scan reads each page once, in
//! order (a fraction of a µs a row; about 0.2 s at a million rows).
//!
//! The reader thread ranks what a walk gives way to ([`Plan::matching_rows`], `ranks.rs`): the
//! indexes' list costs one pass over row numbers, not a table read per match. A word of four
//! characters or more is then listed loosely ([`Matching::check`]): its first and last
//! trigrams (`pha AND cie`), not the phrase's seven with their positions compared, and only
//! the candidates the window would show are checked with the rule, a batch at a time. A count
//! (off the frame, interruptible) keeps the exact phrase.
//!
//! Choice (ours), by the numbers of `benches/store_million`: an index
//! of each row's distinct one- and two-character texts rather than a second trigram index of
//! the text with each character tripled (`ph` → `ppphhh`): a short search is one token's list
//! (no positions, no phrase), exact to our fold, and a count is that list's length; the
//! tripled text would need positions (three times the text index's) and SQLite's folding.
//!
//! A count never walks a window: it counts what the indexes list (every match, whatever its
//! number), or checks every row when no index lists the search.
//!
//! Docs gap (ours): a search the trigram indexes serve finds what they find: label and notes
//! with accents and case removed by SQLite's trigram tokenizer, not by our fold (`œ` is not
//! `oe`), and the text as stored, not as sanitised; a checked search, a short one and the
//! ranked window of a long one follow the rule exactly (the latter among what the trigrams
//! list). They differ only on such text.

use rusqlite::Connection;
use rusqlite::types::Value;

use super::lookup::{Lookup, Matching};
use super::search::needles;

/// Matches the indexes may list for a window to read them all (more: the window checks rows).
pub const BUDGET: usize = 4_096;

/// Rows a walk checks before it gives way: a match in the window's order at least this
/// dense fills a window within it; a sparser one (a common match the sort gathers elsewhere,
/// as sorting by label gathers `pharmacie`) is listed instead.
pub const WALK: usize = 2_048;

/// How many times longer than [`WALK`] a walk of text too short for the indexes may be before
/// it gives way to a scan of the table: a short text one row in a few hundred (`15` in the
/// amounts) fills a window within it at a fraction of a scan's cost, and a sparser one adds
/// a tenth or so to the scan that follows (`benches/store_million`, `STORE_BENCH_DETAIL=1`).
const SHORT_WALK: usize = 16;

/// How the rows a search selects are found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// No search: every row.
    Everything,
    /// The rows the trigram indexes list.
    Listed(Lookup),
    /// The rows the trigram indexes listed already (a rare match), a JSON array of their
    /// `seq`: a window reads them without asking the indexes again for each page or group.
    Found(String),
    /// Each row of the table checked with `coffre_matches` in the table's storage order (no
    /// index), the matches sorted: a short text the bounded walk did not serve.
    Scanned {
        /// The search lowercased and folded.
        needle: String,
        /// The search as an amount, when it is one.
        amount: Option<String>,
    },
    /// Each row checked with `coffre_matches` as the window walks its order.
    Checked {
        /// The search lowercased and folded.
        needle: String,
        /// The search as an amount, when it is one.
        amount: Option<String>,
        /// Walk at most [`WALK`] rows, then give way to the indexes' list (`Some`) or to a
        /// longer walk, then a scan of the table ([`Plan::Scanned`]); `None`: walk without
        /// bound (a count).
        then: Option<Option<Lookup>>,
        /// The longer walk of a text too short for the indexes ([`SHORT_WALK`] times
        /// [`WALK`] rows), which gives way to a scan of the table.
        longer: bool,
    },
}

impl Plan {
    /// How a window serves `typed`: asks the indexes whether they list at most `budget` rows
    /// ([`BUDGET`] but in tests).
    pub fn for_window(conn: &Connection, typed: &str, budget: usize) -> rusqlite::Result<Plan> {
        if typed.is_empty() {
            return Ok(Plan::Everything);
        }
        match Lookup::new(typed) {
            Some(lookup) => match lookup.at_most(conn, budget)? {
                Some(rows) => Ok(Plan::Found(rows)),
                None => Ok(Plan::checked(typed, Some(Some(lookup)))),
            },
            None => Ok(Plan::checked(typed, Some(None))),
        }
    }

    /// How a count serves `typed`: by the indexes whenever they can.
    pub fn for_count(typed: &str) -> Plan {
        if typed.is_empty() {
            return Plan::Everything;
        }
        Lookup::new(typed).map_or_else(|| Plan::checked(typed, None), Plan::Listed)
    }

    fn checked(typed: &str, then: Option<Option<Lookup>>) -> Plan {
        let (needle, amount) = needles(typed);
        Plan::Checked {
            needle,
            amount,
            then,
            longer: false,
        }
    }

    /// What a bounded walk gives way to when its [`WALK`] rows hold too few matches (`None`:
    /// not a bounded walk).
    pub fn fallback(&self) -> Option<Plan> {
        let Plan::Checked {
            needle,
            amount,
            then: Some(then),
            longer,
        } = self
        else {
            return None;
        };
        Some(match then {
            Some(lookup) => Plan::Listed(lookup.clone()),
            None if !longer => Plan::Checked {
                needle: needle.clone(),
                amount: amount.clone(),
                then: Some(None),
                longer: true,
            },
            None => Plan::Scanned {
                needle: needle.clone(),
                amount: amount.clone(),
            },
        })
    }

    /// The rows a bounded walk of this plan checks, `walk` for most ([`WALK`] but in tests),
    /// [`SHORT_WALK`] times more for the longer walk (a walk reads every row it may check:
    /// a short walk first keeps a dense match at the cost of [`WALK`] rows).
    pub fn walk_limit(&self, walk: usize) -> usize {
        match self {
            Plan::Checked { longer: true, .. } => walk.saturating_mul(SHORT_WALK),
            _ => walk,
        }
    }

    /// The rows the plan selects, when it lists every match at once (the indexes' list, or a
    /// scan): SQL listing their `seq` (a row may be listed twice) and its values; the indexes'
    /// list may be loose (rows listed that do not match: [`Matching::check`]).
    pub fn matching_rows(&self) -> Option<Matching> {
        match self {
            Plan::Listed(lookup) => Some(lookup.matching()),
            Plan::Scanned { needle, amount } => Some(Matching {
                sql: "SELECT seq FROM transactions NOT INDEXED \
                 WHERE coffre_matches(label, notes, amount, ?, ?)"
                    .into(),
                values: vec![
                    Value::Text(needle.clone()),
                    amount.clone().map_or(Value::Null, Value::Text),
                ],
                check: None,
            }),
            _ => None,
        }
    }

    /// The plan as a `WHERE` condition and its values (`None`: no condition).
    pub fn clause(&self) -> Option<(String, Vec<Value>)> {
        match self {
            Plan::Everything => None,
            Plan::Listed(lookup) => {
                let (rowids, values) = lookup.rowids(false);
                Some((format!("seq IN ({rowids})"), values))
            }
            Plan::Found(rows) => Some((
                "seq IN (SELECT value FROM json_each(?))".into(),
                vec![Value::Text(rows.clone())],
            )),
            Plan::Checked { needle, amount, .. } | Plan::Scanned { needle, amount } => Some((
                "coffre_matches(label, notes, amount, ?, ?)".into(),
                vec![
                    Value::Text(needle.clone()),
                    amount.clone().map_or(Value::Null, Value::Text),
                ],
            )),
        }
    }
}
