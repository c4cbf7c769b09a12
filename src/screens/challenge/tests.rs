//! The challenge dialog's own tests: labels filled from the bank's params stay bounded; on a
//! small window the field, the countdown and the buttons keep their rows, and a window too small
//! says so.

use super::view::{MIN_WIDTH, wrapped_rows};
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
        lang: crate::i18n::Lang::En,
    };
    let mut terminal = Terminal::new(TestBackend::new(30, 10)).unwrap();
    terminal
        .draw(|f| dialog.render(f.area(), f.buffer_mut(), &ctx))
        .unwrap();
    let screen = terminal.backend().to_string();
    assert!(screen.contains("\"│Code  ▏"), "{screen}");
    assert!(screen.contains("téléphone."), "{screen}");
}

fn spec(id: &str, label: &str, kind: InputKind, params: &[(&str, &str)]) -> CredentialField {
    CredentialField {
        id: id.into(),
        label: label.into(),
        regexp: if kind == InputKind::Numeric {
            "^[0-9]{6}$".into()
        } else {
            ".*".into()
        },
        kind,
        encrypt: false,
        params: params
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    }
}

/// A bank that says a lot, with a countdown, a code and OK/Cancel.
fn talkative() -> Vec<CredentialField> {
    let long = "Pour sécuriser votre connexion, nous vous avons envoyé un code par SMS au \
                numéro se terminant par 06. Ce code est valable quelques minutes. Si vous ne \
                le recevez pas, vérifiez que votre téléphone capte le réseau et réessayez.";
    vec![
        spec("303", long, InputKind::Info, &[]),
        spec(
            "305",
            "Répondez dans les {timeout} secondes.",
            InputKind::Timeout,
            &[("timeout", "120")],
        ),
        spec("304", "Code SMS", InputKind::Numeric, &[]),
        spec("306", "Confirmer l'opération", InputKind::OkCancel, &[]),
    ]
}

fn draw(dialog: &ChallengeDialog, w: u16, h: u16) -> String {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let theme = crate::ui::theme::Theme::dark();
    let ctx = ViewCtx {
        theme: &theme,
        now: dialog.received_at,
        numbers: crate::ui::format::NumberStyle::FRENCH,
        lang: crate::i18n::Lang::En,
    };
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| dialog.render(f.area(), f.buffer_mut(), &ctx))
        .unwrap();
    terminal.backend().to_string()
}

#[test]
fn a_long_bank_text_is_cut_so_the_field_countdown_and_buttons_keep_their_rows() {
    let now = chrono::Utc::now();
    let dialog = ChallengeDialog::new(ConnectionId::oxlin("c1"), "1".into(), talkative(), now);
    let screen = draw(&dialog, 50, 10);
    let rows: Vec<&str> = screen.lines().collect();
    let row_of = |needle: &str| rows.iter().position(|r| r.contains(needle));
    let (Some(cut), Some(clock), Some(code), Some(buttons)) = (
        row_of("…"),
        row_of("⏱ 2:00 left"),
        row_of("Code SMS"),
        row_of("[ OK ]  [ Cancel ]"),
    ) else {
        panic!("something is missing:\n{screen}");
    };
    assert!(screen.contains("Pour sécuriser"), "{screen}");
    assert!(cut < clock && clock < code && code < buttons, "{screen}");
    assert_eq!(
        buttons,
        rows.len() - 2,
        "the buttons on the last row:\n{screen}"
    );
}

#[test]
fn a_window_too_small_says_so_instead_of_hiding_the_buttons() {
    let now = chrono::Utc::now();
    let dialog = ChallengeDialog::new(ConnectionId::oxlin("c1"), "1".into(), talkative(), now);
    for (w, h) in [(20, 5), (60, 5), (MIN_WIDTH + 1, 20)] {
        let screen = draw(&dialog, w, h);
        assert!(screen.contains("too small"), "{w}x{h}:\n{screen}");
        assert!(!screen.contains("[ OK ]"), "{w}x{h}:\n{screen}");
    }
    let roomy = draw(&dialog, 80, 20);
    assert!(
        !roomy.contains("too small") && !roomy.contains('…'),
        "{roomy}"
    );
    assert!(roomy.contains("[ OK ]  [ Cancel ]"), "{roomy}");
}
