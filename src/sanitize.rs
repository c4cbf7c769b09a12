//! Bank text is untrusted: labels, names, notes and challenge texts come from banks and may carry
//! terminal escape sequences, control characters or bidi overrides that would garble the screen,
//! spoof text or smuggle commands into a terminal or a spreadsheet. Everything the API returns
//! goes through here before it reaches a screen, a log or an export.

/// Cleans one line of bank text: escape sequences removed, control characters (newlines and tabs
/// included) turned into spaces, bidi controls and other invisible format characters removed,
/// runs of whitespace collapsed, ends trimmed.
pub fn clean_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_space = true;
    for c in strip_escapes(text) {
        let c = if c.is_control() || c.is_whitespace() {
            ' '
        } else if is_invisible_format(c) {
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
}
