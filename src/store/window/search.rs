//! The search rule of the transactions view, with the meaning it has always had: the typed
//! text, lowercased and accents folded (`pret` finds `Prêt`), is a substring of the label or
//! the notes; a typed amount (`-1 234,50`, `42,1`, `+950`: see [`amount_needle`]) is a
//! substring of the amount as stored with at least two decimals, or as shown rounded to two.
//! [`matches`](fn@matches) is that rule on one row's search text (`store::read_model::search_text`);
//! `coffre_matches(label, notes, amount, needle, amount_needle)` is the same rule as a SQL
//! function of ours, for the rows a window checks one by one (`plan.rs` says when).
//!
//! The function is called for every row a window walks, so it answers the usual row (plain
//! ASCII label and notes, an amount with two decimals) without building its search text:
//! for such a row the search text is the label and notes lowercased and the amount as stored,
//! separated by tabs, and a needle without a tab is found in one of the three or not at all.
//! Any other row goes through [`search_text`], the rule itself; a proptest holds the two equal.

use std::str::FromStr;

use rusqlite::functions::{Context, FunctionFlags};
use rusqlite::types::ValueRef;
use rusqlite::{CachedStatement, Connection};
use rust_decimal::Decimal;

use super::amount_needle::amount_needle;
use crate::store::read_model::rows::{is_plain, search_text};

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

/// Whether the row (`label`, `notes`, `amount` as stored) matches the needles: [`matches`](fn@matches) on
/// its search text, without building it for the usual row.
pub fn row_matches(
    label: &str,
    notes: Option<&str>,
    amount: &str,
    needle: &str,
    amount_needle: Option<&str>,
) -> bool {
    let usual = is_plain(label)
        && notes.is_none_or(is_plain)
        && has_two_decimals(amount)
        && !needle.contains('\t');
    if !usual {
        let amount = Decimal::from_str(amount).unwrap_or_default();
        let hay = search_text(label, notes, amount);
        return matches(&hay, needle, amount_needle);
    }
    contains_lowered(label, needle)
        || notes.is_some_and(|n| contains_lowered(n, needle))
        || amount.contains(needle)
        || amount_needle.is_some_and(|a| amount.contains(a))
}

/// `-?digits.dd`: an amount the search text spells as it is stored.
fn has_two_decimals(amount: &str) -> bool {
    let digits = amount.strip_prefix('-').unwrap_or(amount);
    match digits.split_once('.') {
        Some((whole, cents)) => {
            !whole.is_empty()
                && cents.len() == 2
                && whole
                    .bytes()
                    .chain(cents.bytes())
                    .all(|c| c.is_ascii_digit())
        }
        None => false,
    }
}

/// Whether ASCII `text`, lowercased, contains `needle` (already lowercase).
fn contains_lowered(text: &str, needle: &str) -> bool {
    let (text, needle) = (text.as_bytes(), needle.as_bytes());
    if needle.is_empty() {
        return true;
    }
    text.windows(needle.len()).any(|w| {
        w.iter()
            .zip(needle)
            .all(|(a, b)| a.to_ascii_lowercase() == *b)
    })
}

/// Registers `coffre_matches(label, notes, amount, needle, amount_needle)` on `conn`.
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("coffre_matches", 5, flags, |ctx| {
        let label = text(ctx, 0)?.unwrap_or_default();
        let notes = text(ctx, 1)?;
        let amount = text(ctx, 2)?.unwrap_or_default();
        let needle = text(ctx, 3)?.unwrap_or_default();
        let amount_needle = text(ctx, 4)?;
        Ok(row_matches(label, notes, amount, needle, amount_needle))
    })
}

/// Argument `i` as text, borrowed (`None` when NULL).
fn text<'a>(ctx: &'a Context<'_>, i: usize) -> rusqlite::Result<Option<&'a str>> {
    match ctx.get_raw(i) {
        ValueRef::Null => Ok(None),
        value => Ok(Some(value.as_str()?)),
    }
}

/// `sql` prepared (cached) on `conn`, registering `coffre_matches` the first time a statement
/// needs it. Registering again would expire every prepared statement of the connection, so it
/// happens only when SQLite does not know the function yet.
pub fn prepare<'c>(conn: &'c Connection, sql: &str) -> rusqlite::Result<CachedStatement<'c>> {
    match conn.prepare_cached(sql) {
        Err(e) if e.to_string().contains("no such function: coffre_matches") => {
            register(conn)?;
            conn.prepare_cached(sql)
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn by_the_rule(label: &str, notes: Option<&str>, amount: &str, typed: &str) -> bool {
        let (needle, amount_needle) = needles(typed);
        let amount = Decimal::from_str(amount).unwrap_or_default();
        matches(
            &search_text(label, notes, amount),
            &needle,
            amount_needle.as_deref(),
        )
    }

    fn by_the_function(label: &str, notes: Option<&str>, amount: &str, typed: &str) -> bool {
        let (needle, amount_needle) = needles(typed);
        row_matches(label, notes, amount, &needle, amount_needle.as_deref())
    }

    #[test]
    fn the_usual_row_is_answered_like_its_search_text_would() {
        for (label, notes, amount, typed, want) in [
            ("CARTE PHARMACIE 12", None, "-42.10", "pha", true),
            ("CARTE PHARMACIE 12", None, "-42.10", "42,1", true),
            ("CARTE PHARMACIE 12", Some("Ref 7"), "-42.10", "f 7", true),
            ("CARTE PHARMACIE 12", None, "-42.10", "42,2", false),
            ("Prêt", None, "150", "pret", true),
            ("x", None, "150", "150,00", true),
            ("x", None, "1.005", "1.00", true),
        ] {
            assert_eq!(
                by_the_function(label, notes, amount, typed),
                want,
                "{typed}"
            );
            assert_eq!(by_the_rule(label, notes, amount, typed), want, "{typed}");
        }
    }

    proptest! {
        #[test]
        fn the_function_agrees_with_the_search_text_rule(
            label in "[a-zA-Zé 0-9.,\t-]{0,12}",
            notes in prop::option::of("[a-zA-Z 0-9.\n-]{0,8}"),
            cents in -100_000i64..100_000,
            scale in 0u32..5,
            typed in "[a-zA-Zé 0-9.,+\t-]{1,5}",
        ) {
            let amount = Decimal::new(cents, scale).to_string();
            prop_assert_eq!(
                by_the_function(&label, notes.as_deref(), &amount, &typed),
                by_the_rule(&label, notes.as_deref(), &amount, &typed)
            );
        }
    }
}
