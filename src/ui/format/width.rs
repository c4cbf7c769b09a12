//! Text cut or padded to a number of terminal columns: display width, not characters. A CJK
//! character or most emoji take two columns, a combining accent none; counting `char`s let a
//! bank name written in Chinese run twice as far as its column and push what follows off the
//! screen. Everything here measures with `unicode-width` (the widths ratatui itself draws
//! with) and cuts with `unicode-truncate`, never inside a character.
//!
//! Choice (ours): what is cut ends with `…` (one column), so the reader knows there is more; a
//! wide character that would straddle the last column is left out whole, and the cut text
//! loses its trailing spaces before the `…` ("Linxo …" would read as a word of its own).

use std::borrow::Cow;

use ratatui::text::Span;
use unicode_truncate::{Alignment, UnicodeTruncateStr};
use unicode_width::UnicodeWidthStr;

/// `text` cut to `width` display columns, ending with `…` when something was cut.
pub fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let (kept, _) = text.unicode_truncate(width - 1);
    format!("{}…", kept.trim_end())
}

/// `text` cut as [`fit`] does, then padded with spaces to exactly `width` display columns (a
/// column of a list, whatever the script of its names).
pub fn fit_padded(text: &str, width: usize) -> String {
    fit(text, width)
        .unicode_pad(width, Alignment::Left, true)
        .into_owned()
}

/// The spans of one line cut to `width` display columns: those that fit are kept as they are,
/// the first that does not is cut and ends with `…` in its own style, the rest are dropped.
pub fn fit_spans(spans: Vec<Span<'static>>, width: usize) -> Vec<Span<'static>> {
    let total: usize = spans.iter().map(Span::width).sum();
    if total <= width {
        return spans;
    }
    if width == 0 {
        return Vec::new();
    }
    let mut room = width - 1;
    let mut out = Vec::with_capacity(spans.len());
    for span in spans {
        let w = span.width();
        if w <= room {
            room -= w;
            out.push(span);
            continue;
        }
        let (kept, _) = span.content.unicode_truncate(room);
        let cut = format!("{}…", kept.trim_end());
        out.push(Span::styled(Cow::Owned(cut), span.style));
        break;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::style::{Color, Style};

    #[test]
    fn a_chinese_bank_name_is_cut_by_its_columns_not_its_characters() {
        // Six characters, twelve columns.
        let name = "中国工商银行";
        assert_eq!(fit(name, 12), name);
        assert_eq!(fit(name, 11), "中国工商银…");
        // The fifth character would straddle the last column: it is left out whole.
        assert_eq!(fit(name, 10), "中国工商…");
        assert_eq!(fit(name, 10).width(), 9);
        assert_eq!(fit("🏦 Banque 🇫🇷", 6), "🏦 Ba…");
    }

    #[test]
    fn a_cut_name_loses_the_spaces_before_its_ellipsis() {
        assert_eq!(fit("Linxo Test Bank", 7), "Linxo…");
        assert_eq!(fit("Linxo", 0), "");
        assert_eq!(fit("Linxo", 1), "…");
    }

    #[test]
    fn a_padded_cell_is_exactly_its_width_in_columns() {
        assert_eq!(fit_padded("中国银行", 10), "中国银行  ");
        assert_eq!(fit_padded("中国工商银行", 10), "中国工商… ");
        assert_eq!(fit_padded("HSBC", 6), "HSBC  ");
    }

    #[test]
    fn a_line_too_long_is_cut_in_the_span_that_crosses_the_edge_keeping_its_style() {
        let red = Style::default().fg(Color::Red);
        let spans = vec![
            Span::raw("HSBC"),
            Span::styled("  synchro échouée : accès perdu", red),
            Span::raw("  ✓"),
        ];
        let cut = fit_spans(spans.clone(), 20);
        let text: String = cut.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "HSBC  synchro échou…");
        assert_eq!(cut.len(), 2);
        assert_eq!(cut[1].style, red);
        assert_eq!(fit_spans(spans.clone(), 200), spans);
        assert!(fit_spans(spans, 0).is_empty());
    }

    proptest! {
        #[test]
        fn whatever_the_text_its_cut_fits_and_says_so(text in "\\PC{0,40}", width in 0usize..50) {
            let cut = fit(&text, width);
            prop_assert!(cut.width() <= width, "{cut:?} is wider than {width}");
            if text.width() <= width {
                prop_assert_eq!(&cut, &text);
            } else if width > 0 {
                prop_assert!(cut.ends_with('…'), "{cut:?}");
            }
            prop_assert_eq!(fit_padded(&text, width).width(), width);
            let spans = vec![Span::raw(text.clone()), Span::raw(text.clone())];
            let line: usize = fit_spans(spans, width).iter().map(Span::width).sum();
            prop_assert!(line <= width);
        }
    }
}
