//! Colours, which insta's text snapshots do not capture: for each theme (dark, light,
//! high-contrast, and `NO_COLOR`'s monochrome) a few cells whose style is a contract: the title,
//! the selected row, an error message, a key in the hint bar, a negative amount. Monochrome must
//! set no colour at all.

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
    terminal.draw(|f| coffre::ui::view(model, f)).unwrap();
    terminal.backend().buffer().clone()
}

/// The position of the first cell of `text` in the buffer.
fn find(buf: &Buffer, text: &str) -> (u16, u16) {
    for y in 0..buf.area.height {
        let row: String = (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
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
        styled(&buf, find(&buf, "01/03/2024"), theme.selected),
        "selected row"
    );
    assert!(
        styled(&buf, find(&buf, "-54,20"), theme.negative),
        "negative"
    );
    assert!(
        styled(&buf, find(&buf, "+2 450,00"), theme.positive),
        "positive"
    );
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
    for mut m in screens {
        m.theme = Theme::pick("light", true);
        m.help_open = true;
        let buf = draw(&mut m);
        for cell in buf.content() {
            assert_eq!(
                (cell.fg, cell.bg),
                (Color::Reset, Color::Reset),
                "{:?}",
                cell.symbol()
            );
        }
    }
}
