//! The challenge dialog's own tests: labels filled from the bank's params stay bounded.

use super::view::wrapped_rows;
use super::*;
use crate::screens::ViewCtx;

#[test]
fn params_that_repeat_each_other_cannot_blow_up_the_label() {
    let params = (0..6)
        .map(|level| {
            (
                format!("p{level}"),
                format!("{{p{}}}", level + 1).repeat(10),
            )
        })
        .collect();
    let spec = CredentialField {
        id: "1".into(),
        label: "{p0}".repeat(20),
        regexp: String::new(),
        kind: InputKind::Info,
        encrypt: false,
        params,
    };
    let shown = fill(&spec, None);
    assert!(
        shown.len() <= crate::bank_rules::MAX_FILLED_LEN,
        "{} bytes",
        shown.len()
    );
    assert_eq!(shown, "{p1}".repeat(200));
}

#[test]
fn wrapped_rows_counts_words_moved_down_and_long_words_cut() {
    assert_eq!(wrapped_rows("", 10), 1);
    assert_eq!(wrapped_rows("Code SMS", 10), 1);
    assert_eq!(wrapped_rows("Un code a été envoyé", 10), 2);
    assert_eq!(wrapped_rows("Un code a été envoyé", 9), 3);
    assert_eq!(wrapped_rows("0606060606060606", 10), 2);
    assert_eq!(wrapped_rows("au 0606060606060606", 10), 3);
}

#[test]
fn on_a_narrow_terminal_the_code_field_is_drawn_below_the_wrapped_text() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let info = CredentialField {
        id: "305".into(),
        label: "Un code a été envoyé par SMS sur votre téléphone.".into(),
        regexp: ".*".into(),
        kind: InputKind::Info,
        encrypt: false,
        params: Vec::new(),
    };
    let code = CredentialField {
        id: "306".into(),
        label: "Code".into(),
        regexp: "^[0-9]{6}$".into(),
        kind: InputKind::Numeric,
        ..info.clone()
    };
    let now = chrono::Utc::now();
    let dialog = ChallengeDialog::new(ConnectionId::oxlin("c1"), "1".into(), vec![info, code], now);
    let theme = crate::ui::theme::Theme::dark();
    let ctx = ViewCtx {
        theme: &theme,
        now,
        numbers: crate::ui::format::NumberStyle::FRENCH,
    };
    let mut terminal = Terminal::new(TestBackend::new(20, 10)).unwrap();
    terminal
        .draw(|f| dialog.render(f.area(), f.buffer_mut(), &ctx))
        .unwrap();
    let screen = terminal.backend().to_string();
    assert!(screen.contains("\"│Code  ▏"), "{screen}");
    assert!(screen.contains("téléphone."), "{screen}");
}
