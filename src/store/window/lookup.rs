//! The index lookups of a search (`plan.rs` says when a window uses them): which of the
//! indexes list the rows a search selects (`transactions_text` and `transactions_amount`, the
//! trigrams of the text and of the amount; `transactions_grams`, the one- and two-character
//! texts, `grams.rs`), as SQL listing their `seq`, and how many they list; and, for the ranked
//! window, a looser list of a long word ([`Matching`]), checked row by row in the window's order.

use rusqlite::Connection;
use rusqlite::types::Value;

use super::grams;
use super::search::needles;

/// Text at least this long (in characters) is looked up in the trigram indexes.
const TRIGRAM: usize = 3;

/// The index lookups that list every row a search selects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookup {
    /// `MATCH` expression of the label and notes trigram index.
    text: Option<String>,
    /// `MATCH` expression of the amount trigram index.
    amount: Option<String>,
    /// `MATCH` expression of the short-text index (`grams.rs`).
    short: Option<String>,
    /// A looser `MATCH` expression of the trigram text index, for text of four characters or
    /// more: its first and last trigrams, anywhere ([`loose`]); the rows it lists must be
    /// checked.
    loose: Option<String>,
    /// The search lowercased and folded, and as an amount, to check what `loose` lists.
    needles: (String, Option<String>),
}

/// The rows that may match a search, as SQL listing their `seq` (a row may be listed twice),
/// its values, and the needles to check each row with when the list is loose.
pub struct Matching {
    /// The SQL listing the `seq`s.
    pub sql: String,
    /// Its values.
    pub values: Vec<Value>,
    /// The search lowercased and folded and as an amount, when a listed row may not match.
    pub check: Option<(String, Option<String>)>,
}

/// Whether `needle` is spelled with the characters of an amount's search text only: it may
/// then be in it (`5 4` in `4.105 4.11`).
fn spelled_as_amount(needle: &str) -> bool {
    needle
        .chars()
        .all(|c| c.is_ascii_digit() || " .-".contains(c))
}

impl Lookup {
    /// The lookups of `typed`, or `None` when an index cannot list a part of it (text of one or
    /// two characters with a tab, or an empty amount: `+` matches every row).
    pub(super) fn new(typed: &str) -> Option<Lookup> {
        let (needle, amount) = needles(typed);
        let long = |s: &str| s.chars().count() >= TRIGRAM;
        let spelled = spelled_as_amount(&needle);
        let mut amount_phrases = Vec::new();
        let mut short_terms = Vec::new();
        let mut text = None;
        let mut loose_text = None;
        if long(&needle) {
            text = Some(phrase(&needle));
            loose_text = loose(&needle);
            if spelled && amount.as_deref() != Some(needle.as_str()) {
                amount_phrases.push(phrase(&needle));
            }
        } else {
            short_terms.extend(grams::terms(&needle, true, spelled)?);
        }
        if let Some(a) = &amount {
            if long(a) {
                amount_phrases.insert(0, phrase(a));
            } else {
                short_terms.extend(grams::terms(a, false, true)?);
            }
        }
        short_terms.sort();
        short_terms.dedup();
        let or = |parts: Vec<String>| (!parts.is_empty()).then(|| parts.join(" OR "));
        Some(Lookup {
            text,
            amount: or(amount_phrases),
            short: or(short_terms),
            loose: loose_text,
            needles: (needle, amount),
        })
    }

    /// The rows this lookup lists, loosely when it can: its text's first and last trigrams instead of
    /// its phrase (the rows then need a check).
    pub(super) fn matching(&self) -> Matching {
        let (lookup, check) = match &self.loose {
            Some(loose) => {
                let looser = Lookup {
                    text: Some(loose.clone()),
                    ..self.clone()
                };
                (looser, Some(self.needles.clone()))
            }
            None => (self.clone(), None),
        };
        let (sql, values) = lookup.rowids(false);
        Matching { sql, values, check }
    }

    /// The rowids (`seq`) the lookups list, as SQL, and its values; `distinct` removes a row
    /// found by more than one.
    pub(super) fn rowids(&self, distinct: bool) -> (String, Vec<Value>) {
        let mut selects = Vec::new();
        let mut values = Vec::new();
        for (table, expression) in [
            ("transactions_text", &self.text),
            ("transactions_amount", &self.amount),
            ("transactions_grams", &self.short),
        ] {
            if let Some(expression) = expression {
                selects.push(format!("SELECT rowid FROM {table} WHERE {table} MATCH ?"));
                values.push(Value::Text(expression.clone()));
            }
        }
        let union = if distinct { " UNION " } else { " UNION ALL " };
        (selects.join(union), values)
    }

    /// The rows the indexes list, as a JSON array of their `seq`, when they are at most
    /// `budget` (`None`: more).
    pub(super) fn at_most(
        &self,
        conn: &Connection,
        budget: usize,
    ) -> rusqlite::Result<Option<String>> {
        let (rowids, mut values) = self.rowids(false);
        values.push(Value::Integer(budget as i64 + 1));
        let sql = format!("SELECT rowid FROM ({rowids} LIMIT ?)");
        let mut stmt = conn.prepare_cached(&sql)?;
        let listed: Vec<i64> = stmt
            .query_map(rusqlite::params_from_iter(values), |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        if listed.len() > budget {
            return Ok(None);
        }
        let numbers: Vec<String> = listed.iter().map(i64::to_string).collect();
        Ok(Some(format!("[{}]", numbers.join(","))))
    }

    /// How many rows the indexes list (no other condition).
    pub fn count(&self, conn: &Connection) -> rusqlite::Result<usize> {
        let (rowids, values) = self.rowids(true);
        let sql = format!("SELECT count(*) FROM ({rowids})");
        let n: i64 = conn
            .prepare_cached(&sql)?
            .query_row(rusqlite::params_from_iter(values), |r| r.get(0))?;
        Ok(n.max(0) as usize)
    }
}

/// `needle`'s first and last trigrams, each a phrase, both required (`None` for text of three
/// characters: one trigram, already exact). A row holding `pharmacie` holds `pha` and `cie`;
/// a row holding both may not hold `pharmacie`.
///
/// Why two and not every trigram that does not overlap (`pha rma cie`): each one more is one
/// more list of about as many rows to merge, and the rows both list but the word does not are
/// few (at a million rows, label sort: 13 ms a window with two, 15.6 with three).
fn loose(needle: &str) -> Option<String> {
    let chars: Vec<char> = needle.chars().collect();
    if chars.len() <= TRIGRAM {
        return None;
    }
    let trigram = |i: usize| phrase(&chars[i..i + TRIGRAM].iter().collect::<String>());
    Some(format!(
        "{} AND {}",
        trigram(0),
        trigram(chars.len() - TRIGRAM)
    ))
}

/// `text` as one FTS5 phrase.
fn phrase(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}
