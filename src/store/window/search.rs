//! The search of the transactions view, in SQLite, with the meaning it has always had: the
//! typed text, lowercased and accents folded (`pret` finds `Prêt`), is a substring of the
//! label or the notes; a typed amount (`-1 234,50`, `42,1`, `+950`: see [`amount_needle`])
//! is a substring of the amount as stored with at least two decimals, or as shown rounded to
//! two. [`matches`] is that rule on one row's search text (`store::read_model::search_text`).
//!
//! How it is served: text of three characters or more that is not an amount goes to the
//! trigram index (`transactions_text`, accents and case removed: schema version 9), so no row
//! is read that does not match; shorter text and amounts are checked row by row with
//! `coffre_matches`, a function of ours registered on the connection, while the window walks
//! its sort index (the first screenful of a short, common text comes fast; a rare amount reads
//! further).
//!
//! Docs gap (ours): the trigram index removes the accents Unicode decomposes (`é`, `ê`, `ç`),
//! not the ligatures our fold spells out (`œ` → `oe`), so `oeuf` finds `Œuf` only by a search
//! of two characters or fewer; text the sanitiser changes (control characters, doubled spaces)
//! is indexed as stored.

use std::str::FromStr;

use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;
use rusqlite::types::Value;
use rust_decimal::Decimal;

use super::amount_needle::amount_needle;
use crate::store::read_model::rows::search_text;

/// Text at least this long (in characters) is looked up in the trigram index.
const TRIGRAM: usize = 3;

/// Whether a row whose search text is `hay` matches `needle` (lowercased, accents folded) or,
/// when the search is an amount, `amount` (as [`amount_needle`] spells it).
pub fn matches(hay: &str, needle: &str, amount: Option<&str>) -> bool {
    hay.contains(needle)
        || amount.is_some_and(|a| {
            hay.rsplit_once('\t')
                .is_some_and(|(_, stored)| stored.contains(a))
        })
}

/// The search as the rule compares it: lowercased and folded, and as an amount if it is one.
pub fn needles(typed: &str) -> (String, Option<String>) {
    let needle = crate::fold::fold_accents(&typed.to_lowercase());
    let amount = amount_needle(&needle);
    (needle, amount)
}

/// The condition and values selecting the rows `typed` finds (`None`: no search).
pub fn clause(typed: &str) -> Option<(String, Vec<Value>)> {
    if typed.is_empty() {
        return None;
    }
    let (needle, amount) = needles(typed);
    if amount.is_none() && needle.chars().count() >= TRIGRAM {
        let phrase = format!("\"{}\"", needle.replace('"', "\"\""));
        return Some((
            "seq IN (SELECT rowid FROM transactions_text WHERE transactions_text MATCH ?)".into(),
            vec![Value::Text(phrase)],
        ));
    }
    let amount = amount.map_or(Value::Null, Value::Text);
    Some((
        "coffre_matches(label, notes, amount, ?, ?)".into(),
        vec![Value::Text(needle), amount],
    ))
}

/// Registers `coffre_matches(label, notes, amount, needle, amount_needle)` on `conn`.
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("coffre_matches", 5, flags, |ctx| {
        let label: String = ctx.get(0)?;
        let notes: Option<String> = ctx.get(1)?;
        let amount: String = ctx.get(2)?;
        let needle: String = ctx.get(3)?;
        let amount_needle: Option<String> = ctx.get(4)?;
        let amount = Decimal::from_str(&amount).unwrap_or_default();
        let hay = search_text(&label, notes.as_deref(), amount);
        Ok(matches(&hay, &needle, amount_needle.as_deref()))
    })
}
