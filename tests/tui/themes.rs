//! Colours, which insta's text snapshots do not capture: for each theme (dark, light,
//! high-contrast, and `NO_COLOR`'s monochrome) a few cells whose style is a contract: the title,
//! the selected row, an error message, a key in the hint bar, a negative amount. Monochrome must
//! set no colour at all, so there debits are told from credits by their sign alone: `-` before
//! every debit, `+` before every credit in the transaction list, `-` before a negative balance
//! (the theme gives `negative` and `positive` no modifier either).

use coffre::app::{ApiEvent, Model, Msg};
use coffre::domain::CallFailure;
use coffre::ui::theme::Theme;
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Style};

use crate::common::*;
use crate::dashboard::fixtures;

fn draw(model: &mut Model) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| coffre::app::view(model, f)).unwrap();
    terminal.backend().buffer().clone()
}

/// The text of row `y`.
fn row(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width)
        .map(|x| buf[(x, y)].symbol().to_string())
        .collect()
}

/// The position of the first cell of `text` in the buffer.
fn find(buf: &Buffer, text: &str) -> (u16, u16) {
    for y in 0..buf.area.height {
        let row = row(buf, y);
        if let Some(byte) = row.find(text) {
            return (row[..byte].chars().count() as u16, y);
        }
    }
    panic!("{text:?} is not on screen");
}

/// Whether the cell shows `style` (its colours and at least its modifiers).
fn styled(buf: &Buffer, at: (u16, u16), style: Style) -> bool {
    let cell = &buf[at];
    cell.fg == style.fg.unwrap_or(Color::Reset)
        && cell.bg == style.bg.unwrap_or(Color::Reset)
        && cell.modifier.contains(style.add_modifier)
}

fn wrong_password(theme: Theme) -> Model {
    let mut m = Model::new(now(), true, None);
    m.theme = theme;
    run(&mut m, typed("a@b.c"));
    run(&mut m, [key(KeyCode::Tab)]);
    run(&mut m, typed("x"));
    let request = last_id(&run(&mut m, [key(KeyCode::Enter)]));
    run(
        &mut m,
        [Msg::Api(ApiEvent::LoggedIn {
            request,
            result: Err(CallFailure::WrongPassword),
        })],
    );
    m
}

fn check(theme: Theme) {
    let mut login = wrong_password(theme);
    let buf = draw(&mut login);
    assert!(styled(&buf, find(&buf, "coffre"), theme.title), "title");
    assert!(styled(&buf, find(&buf, "SANDBOX"), theme.badge), "badge");
    assert!(
        styled(&buf, find(&buf, "Wrong email"), theme.error),
        "error"
    );
    assert!(
        styled(&buf, find(&buf, "Enter next"), theme.key),
        "hint key"
    );

    let mut picker = at_picker();
    picker.theme = theme;
    let buf = draw(&mut picker);
    assert!(styled(&buf, find(&buf, "HSBC"), theme.selected), "selected");
    let closed = find(&buf, "Banque Fermée");
    assert!(styled(&buf, closed, theme.disabled), "unavailable");

    let mut board = fixtures::dashboard(fixtures::data());
    board.theme = theme;
    run(&mut board, [key(KeyCode::Tab)]);
    let buf = draw(&mut board);
    assert!(
        styled(&buf, find(&buf, "2024-03-01"), theme.selected),
        "selected row"
    );
    let (debit, credit) = (find(&buf, "-54,20"), find(&buf, "+2 450,00"));
    assert!(styled(&buf, debit, theme.negative), "negative");
    assert!(styled(&buf, credit, theme.positive), "positive");
    if theme == Theme::monochrome() {
        // Nothing but the sign tells them apart (see the test below for every row).
        for at in [debit, credit] {
            assert_eq!(colours(&buf, at), (Color::Reset, Color::Reset));
        }
    } else {
        assert_ne!(
            buf[debit].fg, buf[credit].fg,
            "debits and credits differ in colour"
        );
    }
}

/// A cell's foreground and background colours.
fn colours(buf: &Buffer, at: (u16, u16)) -> (Color, Color) {
    (buf[at].fg, buf[at].bg)
}

#[test]
fn every_theme_styles_title_selection_errors_keys_and_amounts() {
    for name in ["dark", "light", "high-contrast"] {
        check(Theme::pick(name, false));
    }
    check(Theme::pick("dark", true));
    // The themes are really different where it shows.
    assert_ne!(Theme::dark().selected, Theme::light().selected);
    assert_ne!(Theme::dark().text, Theme::high_contrast().text);
}

#[test]
fn no_color_sets_no_colour_on_any_screen() {
    let mut screens = vec![
        wrong_password(Theme::monochrome()),
        at_picker(),
        at_form(),
        syncing().0,
    ];
    let mut board = fixtures::dashboard(fixtures::data());
    screens.push(board.clone());
    run(&mut board, [key(KeyCode::Tab), key(KeyCode::Enter)]);
    screens.push(board);
    for (mut m, help_open) in screens
        .into_iter()
        .flat_map(|m| [(m.clone(), false), (m, true)])
    {
        m.theme = Theme::pick("light", true);
        m.help_open = help_open;
        let buf = draw(&mut m);
        for cell in buf.content() {
            assert_eq!(
                (cell.fg, cell.bg),
                (Color::Reset, Color::Reset),
                "{:?} (help open: {help_open})",
                cell.symbol()
            );
        }
    }
}

/// Each fixture transaction's label and its amount as the list must show it, sign first; written
/// out by hand so that the formatter under test does not write the expectation.
const SIGNED_AMOUNTS: [(&str, &str); 11] = [
    ("CB MONOPRIX", "-23,10 €"),
    ("CB CARREFOUR MARKET", "-54,20 €"),
    ("VIR SALAIRE ACME SAS", "+2 450,00 €"),
    ("PRLV EDF CLIENTS PARTICULIERS", "-79,99 €"),
    ("STARBUCKS NEW YORK", "-6,45 $"),
    ("CB SNCF INTERNET", "-112,00 €"),
    ("AMAZON.COM", "-42,00 $"),
    ("RETRAIT DAB PARIS 11", "-60,00 €"),
    ("CB BOULANGERIE DU COIN", "-4,80 €"),
    ("ECHEANCE PRET", "+850,00 €"),
    ("VIR LIVRET A", "+500,00 €"),
];

/// Asserts that row `y` shows `amount` as a whole word and that none of its cells has a colour.
fn shows_uncoloured(buf: &Buffer, y: u16, amount: &str) {
    let text = row(buf, y);
    let byte = text
        .find(&format!(" {amount} "))
        .unwrap_or_else(|| panic!("{amount:?} is not on row {y}: {text:?}"));
    let x = text[..=byte].chars().count() as u16;
    for x in x..x + amount.chars().count() as u16 {
        assert_eq!(
            colours(buf, (x, y)),
            (Color::Reset, Color::Reset),
            "{amount}"
        );
    }
}

#[test]
fn without_colour_every_debit_shows_a_minus_and_every_credit_a_plus() {
    let mut board = fixtures::dashboard(fixtures::data());
    board.theme = Theme::pick("dark", true);
    let buf = draw(&mut board);
    // Balances: a debt shows its minus, money held no sign.
    shows_uncoloured(&buf, find(&buf, "Prêt immo").1, "-85 000,00 €");
    shows_uncoloured(&buf, find(&buf, "Livret A").1, "12 000,00 €");

    run(&mut board, [key(KeyCode::Tab)]);
    let buf = draw(&mut board);
    for (label, amount) in SIGNED_AMOUNTS {
        shows_uncoloured(&buf, find(&buf, label).1, amount);
    }
}
