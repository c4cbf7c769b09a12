//! Bank text is untrusted: labels, names, notes and challenge texts come from banks and may carry
//! terminal escape sequences, control characters or bidi overrides that would garble the screen,
//! spoof text or smuggle commands into a terminal or a spreadsheet. Everything the API returns
//! goes through here before it reaches a screen, a log or an export.
//!
//! What comes out is also valid XML 1.0 character data (the OFX export relies on it): controls
//! become spaces, and noncharacters (U+FFFE, U+FFFF, U+FDD0..U+FDEF and the last two code points
//! of every plane) are dropped. Lone surrogates cannot reach us: a Rust `String` cannot hold
//! one, and serde_json refuses a `\uD800` escape without its pair (that item is unreadable).
//! Both functions are idempotent.

/// Cleans one line of bank text: escape sequences removed, control characters (newlines and tabs
/// included) turned into spaces, bidi controls, other invisible format characters and
/// noncharacters removed, runs of whitespace collapsed, ends trimmed.
pub fn clean_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_space = true;
    for c in strip_escapes(text) {
        let c = if c.is_control() || c.is_whitespace() {
            ' '
        } else if is_invisible_format(c) || is_noncharacter(c) {
            continue;
        } else {
            c
        };
        if c == ' ' {
            if last_space {
                continue;
            }
            last_space = true;
        } else {
            last_space = false;
        }
        out.push(c);
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Cleans multi-line bank text (transaction notes): like [`clean_line`] on each line, keeping the
/// line breaks (`\r\n` and `\r` become `\n`), without empty leading or trailing lines.
pub fn clean_multiline(text: &str) -> String {
    let normalized = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<String> = normalized.split('\n').map(clean_line).collect();
    let start = lines
        .iter()
        .position(|l| !l.is_empty())
        .unwrap_or(lines.len());
    let end = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(start, |i| i + 1);
    lines[start..end].join("\n")
}

/// Removes ANSI/VT escape sequences: CSI (`ESC [ … final`), OSC (`ESC ] … BEL|ESC \`), DCS, PM,
/// APC and SOS strings (up to `ESC \`), two-character escapes, and their 8-bit C1 forms.
fn strip_escapes(text: &str) -> impl Iterator<Item = char> + '_ {
    let mut chars = text.chars().peekable();
    std::iter::from_fn(move || {
        loop {
            let c = chars.next()?;
            let kind = match c {
                '\u{1b}' => match chars.peek() {
                    Some('[') => {
                        chars.next();
                        Escape::Csi
                    }
                    Some(']' | 'P' | '^' | '_' | 'X') => {
                        chars.next();
                        Escape::String
                    }
                    Some(_) => {
                        chars.next();
                        continue;
                    }
                    None => continue,
                },
                '\u{9b}' => Escape::Csi,
                '\u{9d}' | '\u{90}' | '\u{9e}' | '\u{9f}' | '\u{98}' => Escape::String,
                other => return Some(other),
            };
            match kind {
                Escape::Csi => {
                    // Parameters and intermediates are 0x20..=0x3f; the final byte is 0x40..=0x7e.
                    for c in chars.by_ref() {
                        if ('\u{40}'..='\u{7e}').contains(&c) || !('\u{20}'..='\u{7e}').contains(&c)
                        {
                            break;
                        }
                    }
                }
                Escape::String => {
                    while let Some(c) = chars.next() {
                        if c == '\u{7}' || c == '\u{9c}' {
                            break;
                        }
                        if c == '\u{1b}' && chars.peek() == Some(&'\\') {
                            chars.next();
                            break;
                        }
                    }
                }
            }
        }
    })
}

enum Escape {
    Csi,
    String,
}

/// Bidi embeddings, overrides and isolates, zero-width characters, and other invisible format
/// characters that can reorder or hide text.
fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{200b}'..='\u{200f}'   // zero-width space/joiners, LRM, RLM
        | '\u{202a}'..='\u{202e}' // LRE, RLE, PDF, LRO, RLO
        | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
        | '\u{2066}'..='\u{2069}' // LRI, RLI, FSI, PDI
        | '\u{061c}'              // Arabic letter mark
        | '\u{feff}'              // BOM / zero-width no-break space
        | '\u{00ad}'              // soft hyphen
        | '\u{fff9}'..='\u{fffb}' // interlinear annotations
    )
}

/// Unicode noncharacters: U+FDD0..U+FDEF and U+xxFFFE/U+xxFFFF of every plane. XML 1.0 forbids
/// U+FFFE and U+FFFF outright and discourages the others.
fn is_noncharacter(c: char) -> bool {
    let code = u32::from(c);
    (0xfdd0..=0xfdef).contains(&code) || code & 0xfffe == 0xfffe
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_french_label_is_kept() {
        assert_eq!(
            clean_line("France Télécom – été 2024"),
            "France Télécom – été 2024"
        );
    }

    #[test]
    fn csi_colour_and_cursor_moves_are_removed() {
        assert_eq!(
            clean_line("\u{1b}[31mRED\u{1b}[0m \u{1b}[2J\u{1b}[1;1Hx"),
            "RED x"
        );
    }

    #[test]
    fn osc_title_and_hyperlink_are_removed() {
        assert_eq!(clean_line("a\u{1b}]0;pwned\u{7}b"), "ab");
        assert_eq!(
            clean_line("\u{1b}]8;;http://evil\u{1b}\\click\u{1b}]8;;\u{1b}\\"),
            "click"
        );
    }

    #[test]
    fn eight_bit_csi_and_lone_escape_are_removed() {
        assert_eq!(clean_line("a\u{9b}31mb\u{1b}"), "ab");
    }

    #[test]
    fn bidi_override_cannot_reverse_text() {
        assert_eq!(clean_line("invoice\u{202e}fdp.exe"), "invoicefdp.exe");
        assert_eq!(clean_line("\u{2067}abc\u{2069}"), "abc");
    }

    #[test]
    fn controls_and_newlines_become_single_spaces() {
        assert_eq!(
            clean_line("  PRLV\tSEPA\r\n\u{7}EDF \u{0}  "),
            "PRLV SEPA EDF"
        );
    }

    #[test]
    fn notes_keep_their_lines_but_lose_escapes() {
        assert_eq!(
            clean_multiline("\nPRELEVEMENT\r\n\u{1b}[5mAbonnement\u{1b}[0m\n\n"),
            "PRELEVEMENT\nAbonnement"
        );
    }

    #[test]
    fn empty_and_only_garbage_give_empty() {
        assert_eq!(clean_line(""), "");
        assert_eq!(clean_line("\u{1b}[0m\u{202e}\u{200b}"), "");
    }

    #[test]
    fn noncharacters_that_break_xml_are_dropped() {
        assert_eq!(
            clean_line("CB \u{fffe}SHOP\u{ffff} \u{fdd0}\u{10ffff}X"),
            "CB SHOP X"
        );
        assert_eq!(clean_multiline("a\u{1}\u{fffe}\nb\u{0}"), "a\nb");
    }

    /// What XML 1.0 allows in character data.
    fn is_xml_char(c: char) -> bool {
        matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
    }

    fn never_out(c: char) -> bool {
        c.is_control() || is_invisible_format(c) || is_noncharacter(c) || !is_xml_char(c)
    }

    /// Bank-looking text with every kind of hostile character mixed in.
    fn hostile_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let hostile = prop_oneof![
            any::<char>().prop_map(String::from),
            "[\u{0}-\u{1f}\u{7f}-\u{9f}]",
            "[\u{202a}-\u{202e}\u{2066}-\u{2069}\u{200b}-\u{200f}\u{feff}]",
            "[\u{fffe}\u{ffff}\u{fdd0}-\u{fdef}\u{1fffe}\u{10ffff}]",
            Just("\u{1b}[".to_string()),
            Just("\u{1b}]0;".to_string()),
            "[a-zé €\r\n\t]{0,4}",
        ];
        proptest::collection::vec(hostile, 0..40).prop_map(|parts| parts.concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]

        #[test]
        fn nothing_hostile_comes_out_of_a_line_and_cleaning_twice_changes_nothing(
            text in hostile_text(),
        ) {
            let once = clean_line(&text);
            proptest::prop_assert!(!once.chars().any(never_out), "{:?}", once);
            proptest::prop_assert_eq!(clean_line(&once), once);
        }

        #[test]
        fn notes_keep_only_line_breaks_and_cleaning_twice_changes_nothing(
            text in hostile_text(),
        ) {
            let once = clean_multiline(&text);
            proptest::prop_assert!(!once.chars().any(|c| c != '\n' && never_out(c)), "{:?}", once);
            proptest::prop_assert_eq!(clean_multiline(&once), once);
        }
    }
}
