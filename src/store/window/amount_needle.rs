//! The typed search text read as an amount, spelled as the search text stores amounts (see
//! the transactions index's module doc): a point for the decimal comma, no `+`, no French
//! thousands spaces.

/// A typed amount as the search text stores amounts (`-1 234,50` → `-1234.50`, `+950,00` →
/// `950.00`), or `None` when `needle` is not only number characters (digits, signs, `,` `.`,
/// spaces).
/// Each typed character maps to at most one, so a longer needle still only narrows.
pub fn amount_needle(needle: &str) -> Option<String> {
    // No digit required: `+` alone must match (every amount) for `+9` to narrow from it.
    let numeric = needle.chars().all(|c| {
        c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '+' | ' ' | '\u{a0}' | '\u{202f}')
    });
    numeric.then(|| {
        needle
            .trim_start_matches('+')
            .chars()
            .filter_map(|c| match c {
                ',' => Some('.'),
                ' ' | '\u{a0}' | '\u{202f}' | '+' => None,
                c => Some(c),
            })
            .collect()
    })
}
