//! The sanitiser (`coffre::sanitize`) on the hostile bank text that the screen tests feed in:
//! no C0 or C1 control character, no bidi override or other invisible character, no escape
//! sequence or its remainder, cleaning twice changes nothing, and the visible text is kept.
//! Checked on its output, because a rendered screen cannot show control characters at all
//! (ratatui drops them from the buffer).

use coffre::sanitize::{clean_line, clean_multiline};

use crate::common::*;
use crate::robustness::{HOSTILE, LONG_WORD};

/// Bidi embeddings, overrides and isolates, zero-width and other invisible format characters.
pub fn invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}'
        | '\u{061c}' | '\u{feff}' | '\u{00ad}')
}

/// Every hostile text the screen tests feed in (robustness, screens, dashboard snapshots), as a
/// bank would send it, and the 8-bit (C1) and string escapes that none of them uses.
fn hostile_inputs() -> Vec<String> {
    let mut inputs = vec![
        HOSTILE.to_owned(),
        format!("{LONG_WORD}{HOSTILE}"),
        hostile_provider().name,
        "Code erroné, il vous reste 2 essais.\u{1b}[31m".to_owned(),
        "\x1b[2J\x1b[31mPAY ME\u{202e}gnp.exe\u{200b}\r\nrm -rf".to_owned(),
        "=HYPERLINK(\"http://evil\")\x07\x08".to_owned(),
        "\x1b]0;pwned\x07Compte".to_owned(),
        "Bank\u{2066}\u{202d}Evil".to_owned(),
        "database is locked\x1b[31m".to_owned(),
        "8-bit\u{9b}31mCSI\u{9d}0;pwned\u{9c} and\u{85}NEL\u{7f}".to_owned(),
        "\u{1b}P1$r0m\u{1b}\\DCS\u{1b}_apc\u{1b}\\ \u{1b}7saved\u{1b}".to_owned(),
    ];
    inputs.extend(consent_accounts().into_iter().map(|a| a.name));
    inputs
}

#[test]
fn the_sanitiser_leaves_no_control_bidi_override_or_escape_in_bank_text() {
    for input in hostile_inputs() {
        for (line, cleaned) in [(true, clean_line(&input)), (false, clean_multiline(&input))] {
            let bad: Vec<char> = cleaned
                .chars()
                .filter(|&c| (c.is_control() && (line || c != '\n')) || invisible(c))
                .collect();
            assert!(bad.is_empty(), "{input:?} gave {cleaned:?} with {bad:?}");
            for rest in ["[2J", "[31m", "[5m", "pwned", "0m", "apc"] {
                assert!(!cleaned.contains(rest), "{input:?} gave {cleaned:?}");
            }
            let again = if line {
                clean_line(&cleaned)
            } else {
                clean_multiline(&cleaned)
            };
            assert_eq!(again, cleaned, "cleaning twice changes {input:?}");
        }
    }
    // What is left is the bank's visible text, written out by hand.
    let expected = [
        (HOSTILE, "EvilBank X"),
        ("\x1b]0;pwned\x07Compte", "Compte"),
        (
            "\x1b[2J\x1b[31mPAY ME\u{202e}gnp.exe\u{200b}\r\nrm -rf",
            "PAY MEgnp.exe rm -rf",
        ),
        (
            "8-bit\u{9b}31mCSI\u{9d}0;pwned\u{9c} and\u{85}NEL\u{7f}",
            "8-bitCSI and NEL",
        ),
        (
            "\u{1b}P1$r0m\u{1b}\\DCS\u{1b}_apc\u{1b}\\ \u{1b}7saved\u{1b}",
            "DCS saved",
        ),
    ];
    for (input, visible) in expected {
        assert_eq!(clean_line(input), visible, "{input:?}");
    }
    let (kept, multiline) = ("PAY ME\nrm -rf", "\u{1b}[31mPAY ME\u{202e}\r\nrm -rf\u{7}");
    assert_eq!(clean_multiline(multiline), kept);
}
