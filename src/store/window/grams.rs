//! The short-text index: which rows hold a text of one or two characters (`p`, `ph`, `cb`,
//! `15`), exactly as the search rule (`search.rs`) reads a row, for the searches no trigram
//! index can list.
//!
//! Each row's search text (`store::read_model::rows::search_text`: label and notes cleaned,
//! lowercased and folded, then the amount as the rule spells it) is cut at its tabs into
//! pieces; the row's *grams* are the distinct one- and two-character substrings of each piece,
//! each written as one token: its UTF-8 bytes in hex (`ph` → `7068`), so that spaces,
//! punctuation and emoji are tokens like letters. The amount's piece is written with an `x`
//! before each token (`x3135`), as the amount search looks only there. `transactions_grams`
//! is a contentless FTS5 table of those tokens with `detail=none` (a one-token query needs no
//! positions). Since schema 14 (`store::write::deletes`) it keeps no tombstones: a row's old
//! tokens leave it by FTS5's `'delete'` command, given exactly as they were written
//! (`coffre_grams` of the row as stored), before the row changes or after it is removed.
//!
//! A search of text up to two characters without a tab is then one query of one to three
//! tokens ([`terms`]), exact: a needle without a tab is in the search text exactly when it is
//! in one of its pieces, that is when it is one of the row's grams.
//!
//! The tokens are computed by `coffre_grams(label, notes, amount)`, a SQL function of ours
//! ([`register`]), when the store's writer adds or changes lines (`store::write::lines` calls
//! [`note_changes`] before its upsert, which takes the changed lines' old tokens out, and
//! [`index_written`] after, which writes the new ones), when a line is removed (the delete
//! trigger), and once for every stored line when the table is created. Any connection that
//! removes lines must have it registered (`store::schema::migrate` does, on every connection
//! coffre opens): a plain SQL tool without it can no longer delete a transaction (Debian's
//! `sqlite3` 3.40 could not before either: `contentless_delete` needs 3.43). A change of the
//! tokens a row gets (this rule, `search_text`) needs a migration rebuilding the table: the
//! old tokens must be given back exactly.
//!
//! Docs gap (ours): a needle with a tab (a pasted one: the search field takes no tab key) is
//! left to the checked walk and the scan: it may span two pieces.

use std::str::FromStr;

use rusqlite::functions::{Context, FunctionFlags};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, Transaction};

use crate::store::write::deletes::{self, Fed};
use rust_decimal::Decimal;

use crate::store::read_model::rows::{is_plain, search_text};

/// Longest text (in characters) the short-text index lists.
pub const LONGEST: usize = 2;

/// The tokens of one row (label, notes, amount as stored), space-separated, each once, in
/// byte order (the amount's after the text's).
pub fn row_tokens(label: &str, notes: Option<&str>, amount: &str) -> String {
    if is_plain(label) && notes.is_none_or(is_plain) && is_canonical_cents(amount) {
        plain_row_tokens(label, notes, amount)
    } else {
        folded_row_tokens(label, notes, amount)
    }
}

/// [`row_tokens`] of the usual row (what nearly every bank writes): printable ASCII text
/// without runs of spaces, which the search text only lowercases, and an amount with two
/// decimals, which it spells as stored. The text is not built: each gram is two bytes packed
/// in a number (a one-byte gram's second byte is 0, which printable text never holds, so the
/// numbers sort as the strings do).
fn plain_row_tokens(label: &str, notes: Option<&str>, amount: &str) -> String {
    let pieces = [(false, label), (false, notes.unwrap_or("")), (true, amount)];
    let mut grams: Vec<u32> =
        Vec::with_capacity(2 * pieces.iter().map(|p| p.1.len()).sum::<usize>());
    for (in_amount, piece) in pieces {
        let flag = u32::from(in_amount) << 16;
        let bytes = piece.as_bytes();
        for (k, &b) in bytes.iter().enumerate() {
            let first = u32::from(b.to_ascii_lowercase()) << 8;
            grams.push(flag | first);
            if let Some(&next) = bytes.get(k + 1) {
                grams.push(flag | first | u32::from(next.to_ascii_lowercase()));
            }
        }
    }
    grams.sort_unstable();
    grams.dedup();
    let mut out = String::with_capacity(grams.len() * 6);
    for gram in grams {
        if !out.is_empty() {
            out.push(' ');
        }
        let bytes = [(gram >> 8) as u8, gram as u8];
        let len = if bytes[1] == 0 { 1 } else { 2 };
        // Printable ASCII: always UTF-8.
        let text = std::str::from_utf8(&bytes[..len]).unwrap_or_default();
        push_token(&mut out, gram >> 16 == 1, text);
    }
    out
}

/// `-?digits.dd` as `Decimal` writes it (no leading zero, no `-0.00`), at most 15 digits before
/// the point (far inside `Decimal`): the search text spells it as it is.
fn is_canonical_cents(amount: &str) -> bool {
    let (negative, digits) = match amount.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, amount),
    };
    let Some((whole, cents)) = digits.split_once('.') else {
        return false;
    };
    let all_digits = |t: &str| t.bytes().all(|c| c.is_ascii_digit());
    (1..=15).contains(&whole.len())
        && cents.len() == 2
        && all_digits(whole)
        && all_digits(cents)
        && (whole == "0" || !whole.starts_with('0'))
        && !(negative && whole == "0" && cents == "00")
}

/// [`row_tokens`] of any row, from its search text as the rule builds it.
pub(super) fn folded_row_tokens(label: &str, notes: Option<&str>, amount: &str) -> String {
    let amount = Decimal::from_str(amount).unwrap_or_default();
    let hay = search_text(label, notes, amount);
    let (text, amount) = hay.rsplit_once('\t').unwrap_or((&hay, ""));
    let mut grams: Vec<(bool, &str)> = Vec::with_capacity(2 * hay.len());
    for piece in text.split('\t') {
        push_grams(&mut grams, false, piece);
    }
    push_grams(&mut grams, true, amount);
    grams.sort_unstable();
    grams.dedup();
    let mut out = String::with_capacity(grams.len() * 6);
    for (in_amount, gram) in grams {
        if !out.is_empty() {
            out.push(' ');
        }
        push_token(&mut out, in_amount, gram);
    }
    out
}

/// Pushes every one- and two-character substring of `piece`.
fn push_grams<'a>(grams: &mut Vec<(bool, &'a str)>, in_amount: bool, piece: &'a str) {
    let starts: Vec<usize> = piece.char_indices().map(|(i, _)| i).collect();
    for (k, &start) in starts.iter().enumerate() {
        let one = starts.get(k + 1).copied().unwrap_or(piece.len());
        grams.push((in_amount, &piece[start..one]));
        if one < piece.len() {
            let two = starts.get(k + 2).copied().unwrap_or(piece.len());
            grams.push((in_amount, &piece[start..two]));
        }
    }
}

/// Appends `gram`'s token: its bytes in hex, after an `x` in the amount's piece.
fn push_token(out: &mut String, in_amount: bool, gram: &str) {
    if in_amount {
        out.push('x');
    }
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for b in gram.bytes() {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 15)]));
    }
}

/// The `MATCH` expression listing the rows whose text holds `needle` (lowercased and folded,
/// one or two characters, no tab) or, when `in_amounts`, whose amount's piece does; `None`
/// when the needle is not for this index.
pub fn terms(needle: &str, in_text: bool, in_amounts: bool) -> Option<Vec<String>> {
    let chars = needle.chars().count();
    if chars == 0 || chars > LONGEST || needle.contains('\t') {
        return None;
    }
    let mut terms = Vec::new();
    for (wanted, in_amount) in [(in_text, false), (in_amounts, true)] {
        if wanted {
            let mut token = String::new();
            push_token(&mut token, in_amount, needle);
            terms.push(format!("\"{token}\""));
        }
    }
    Some(terms)
}

/// Registers `coffre_grams(label, notes, amount)` (the row's tokens) on `conn`; innocuous (a
/// pure function of its arguments), so the delete trigger may call it even where the schema
/// is not trusted.
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8
        | FunctionFlags::SQLITE_DETERMINISTIC
        | FunctionFlags::SQLITE_INNOCUOUS;
    conn.create_scalar_function("coffre_grams", 3, flags, |ctx| {
        let label = text(ctx, 0)?.unwrap_or_default();
        let notes = text(ctx, 1)?;
        let amount = text(ctx, 2)?.unwrap_or_default();
        Ok(row_tokens(label, notes, amount))
    })
}

/// Argument `i` as text, borrowed (`None` when NULL).
fn text<'a>(ctx: &'a Context<'_>, i: usize) -> rusqlite::Result<Option<&'a str>> {
    match ctx.get_raw(i) {
        ValueRef::Null => Ok(None),
        value => Ok(Some(value.as_str()?)),
    }
}

/// The SQL of schema version 12: the table (with tombstones: schema 14 rebuilds it without),
/// its delete trigger, and every stored line's tokens (`coffre_grams` must be registered on
/// the migrating connection).
pub const CREATE: &str = "
    CREATE VIRTUAL TABLE transactions_grams USING fts5 (
        grams, content = '', contentless_delete = 1, detail = none, tokenize = 'ascii'
    );
    INSERT INTO transactions_grams (rowid, grams)
        SELECT seq, coffre_grams(label, notes, amount) FROM transactions;
    CREATE TRIGGER transactions_grams_delete AFTER DELETE ON transactions BEGIN
        DELETE FROM transactions_grams WHERE rowid = old.seq;
    END;";

/// The short-text index, as the writer feeds it.
const GRAMS: Fed = Fed {
    changed: "grams_changed",
    changes_when: "s.label IS NOT t.label OR s.notes IS NOT t.notes OR s.amount IS NOT t.amount",
    take_out: "INSERT INTO main.transactions_grams (transactions_grams, rowid, grams)
        SELECT 'delete', seq, coffre_grams(label, notes, amount) FROM main.transactions
        WHERE seq IN (SELECT seq FROM temp.grams_changed)",
};

/// Notes, before the writer's upsert, the stored lines of the staged group whose label, notes
/// or amount change, and takes their tokens, as stored, out of the index
/// ([`deletes::note_changes`]).
pub(in crate::store) fn note_changes(
    tx: &Transaction<'_>,
    all_new: bool,
) -> rusqlite::Result<usize> {
    deletes::note_changes(tx, all_new, &GRAMS)
}

/// Writes, after the writer's upsert, the tokens of the `changed` lines [`note_changes`] noted
/// and of the new ones (`seq` after `last_seq`), in `seq` order (FTS5 writes its pending
/// entries out whenever a rowid goes back).
pub(in crate::store) fn index_written(
    tx: &Transaction<'_>,
    last_seq: i64,
    changed: usize,
) -> rusqlite::Result<()> {
    if changed > 0 {
        tx.prepare_cached(
            "INSERT INTO main.transactions_grams (rowid, grams)
             SELECT seq, coffre_grams(label, notes, amount) FROM main.transactions
             WHERE seq IN (SELECT seq FROM temp.grams_changed)",
        )?
        .execute([])?;
    }
    tx.prepare_cached(
        "INSERT INTO main.transactions_grams (rowid, grams)
         SELECT seq, coffre_grams(label, notes, amount) FROM main.transactions WHERE seq > ?1",
    )?
    .execute([last_seq])?;
    deletes::fold(tx, "transactions_grams", changed)?;
    tx.execute_batch("DELETE FROM temp.grams_changed;")
}
