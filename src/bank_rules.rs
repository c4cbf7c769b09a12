//! What a bank's server gives coffre to *apply*, not just to show: challenge labels with
//! `{param}` placeholders, and validation regexps. Both are hostile input, so both are bounded
//! here, in one place used by the Oxlin client, the credential form, the challenge dialog and
//! the text field.
//!
//! - [`fill_placeholders`] substitutes in one left-to-right pass: text that came from a param is
//!   never scanned again (a param holding `{other}` stays literally `{other}`), so the work is
//!   linear in the output; and the output is cut at [`MAX_FILLED_LEN`] bytes (ending in `…`), so
//!   a 1 KB label whose params repeat each other cannot become 10^8 characters.
//! - [`compile_rule`] compiles a server regexp with a length cap and the `regex` crate's size
//!   limits (the crate is linear-time, so a compiled rule cannot hang a match). A rule that is
//!   refused is reported as [`RuleError`]; the forms then treat the field as required-only (it
//!   must not be empty; the bank's format is not checked here, the bank checks it).
//!
//! Docs gaps: a placeholder without a param stays as written (`{phone}`), braces that are not a
//! placeholder are left alone.

use std::borrow::Cow;

use regex::{Regex, RegexBuilder};

/// The most bytes [`fill_placeholders`] returns (a label fills a few screen lines at most).
pub const MAX_FILLED_LEN: usize = 4096;
/// Longest regexp accepted from a server, in bytes.
pub const MAX_RULE_LEN: usize = 4096;
/// The `regex` crate's compiled-size and lazy-DFA limits for a server regexp.
const RULE_SIZE_LIMIT: usize = 1 << 20;

/// Replaces each `{name}` of `label` for which `lookup` has a value, in one pass: inserted text
/// is never expanded again. The result has at most [`MAX_FILLED_LEN`] bytes.
pub fn fill_placeholders<'a>(label: &str, lookup: impl Fn(&str) -> Option<Cow<'a, str>>) -> String {
    let mut out = Bounded::new();
    let mut rest = label;
    while let Some(open) = rest.find('{') {
        out.push(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after
            .find('}')
            .and_then(|close| Some((close, lookup(&after[..close])?)));
        match value {
            Some((close, value)) => {
                out.push(&value);
                rest = &after[close + 1..];
            }
            None => {
                out.push("{");
                rest = after;
            }
        }
        if out.full {
            return out.text;
        }
    }
    out.push(rest);
    out.text
}

/// A string that stops growing at [`MAX_FILLED_LEN`] bytes and then ends in `…`.
struct Bounded {
    text: String,
    full: bool,
}

impl Bounded {
    fn new() -> Self {
        Bounded {
            text: String::new(),
            full: false,
        }
    }

    fn push(&mut self, piece: &str) {
        if self.full {
            return;
        }
        let room = MAX_FILLED_LEN - self.text.len();
        if piece.len() <= room {
            self.text.push_str(piece);
            return;
        }
        let ellipsis = '…'.len_utf8();
        let mut cut = room.saturating_sub(ellipsis);
        while !piece.is_char_boundary(cut) {
            cut -= 1;
        }
        self.text.push_str(&piece[..cut]);
        while self.text.len() + ellipsis > MAX_FILLED_LEN {
            self.text.pop();
        }
        self.text.push('…');
        self.full = true;
    }
}

/// Why a bank's regexp is not used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    /// Longer than [`MAX_RULE_LEN`], or its compiled form is over the size limits.
    #[error("the bank's rule is too large to check")]
    TooLarge,
    /// Not a regular expression the `regex` crate reads; the reason is the crate's.
    #[error("the bank's rule is not a valid regular expression: {0}")]
    Invalid(String),
}

/// Compiles a regexp that came from a server, within the limits in the module doc.
pub fn compile_rule(pattern: &str) -> Result<Regex, RuleError> {
    if pattern.len() > MAX_RULE_LEN {
        return Err(RuleError::TooLarge);
    }
    RegexBuilder::new(pattern)
        .size_limit(RULE_SIZE_LIMIT)
        .dfa_size_limit(RULE_SIZE_LIMIT)
        .build()
        .map_err(|e| match e {
            regex::Error::CompiledTooBig(_) => RuleError::TooLarge,
            other => RuleError::Invalid(crate::sanitize::clean_line(&other.to_string())),
        })
}

#[cfg(test)]
mod tests;
