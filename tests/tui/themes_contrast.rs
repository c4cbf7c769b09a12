//! Projector-safe themes: on every screen a presenter shows (login, bank picker, form, sync,
//! the dashboard's three views with their selections, dialogs and the help), in every theme
//! (dark, light, high contrast, and `NO_COLOR`'s monochrome), each drawn character has a WCAG
//! contrast ratio of at least 4.5:1 against its background: the colours the cell really shows,
//! reset, reversed and dim resolved on the theme's canvas, named colours in xterm's default
//! palette (`coffre::ui::theme::contrast`).

use coffre::app::Model;
use coffre::ui::theme::Theme;
use coffre::ui::theme::contrast::{ratio, shown};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

use crate::charts::on_charts;
use crate::common::*;
use crate::dashboard::fixtures;

/// WCAG 2.x AA for text.
const AA: f64 = 4.5;

fn draw(model: &mut Model) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal.draw(|f| coffre::app::view(model, f)).unwrap();
    terminal.backend().buffer().clone()
}

/// Every screen state to check, named.
fn screens() -> Vec<(&'static str, Model)> {
    let board = fixtures::dashboard(fixtures::data());
    let mut account = board.clone();
    run(&mut account, [key(KeyCode::Down)]);
    let mut help = board.clone();
    help.help_open = true;
    let mut pending_row = board.clone();
    run(&mut pending_row, [key(KeyCode::Tab)]);
    let mut booked_row = pending_row.clone();
    run(&mut booked_row, [key(KeyCode::Down)]);
    let mut filter = pending_row.clone();
    run(&mut filter, [key(KeyCode::Char('f'))]);
    let mut export = board.clone();
    run(&mut export, [key(KeyCode::Char('e'))]);
    let charts = on_charts();
    let mut category = charts.clone();
    run(&mut category, [key(KeyCode::Right)]);
    vec![
        ("login", Model::new(now(), true, None)),
        ("picker", at_picker()),
        ("form", at_form()),
        ("syncing", syncing().0),
        ("accounts", board),
        ("account selected", account),
        ("help", help),
        ("pending row selected", pending_row),
        ("booked row selected", booked_row),
        ("filter dialog", filter),
        ("export dialog", export),
        ("charts", charts),
        ("charts, a category chosen", category),
    ]
}

/// The characters of `buf` below 4.5:1 in `theme`, described.
fn unreadable(buf: &Buffer, theme: &Theme) -> Vec<String> {
    let mut bad = Vec::new();
    for (i, cell) in buf.content().iter().enumerate() {
        if cell.symbol().trim().is_empty() {
            continue;
        }
        let (fg, bg) = shown(cell, theme.canvas);
        let r = ratio(fg, bg);
        if r < AA {
            let (x, y) = buf.pos_of(i);
            bad.push(format!(
                "{:?} at {x},{y}: {r:.2}:1 ({fg:?} on {bg:?})",
                cell.symbol()
            ));
        }
    }
    bad
}

#[test]
fn every_character_of_every_theme_reads_at_4_5_to_1_or_more() {
    let themes = [
        ("dark", Theme::dark()),
        ("light", Theme::light()),
        ("high contrast", Theme::high_contrast()),
        ("no colour", Theme::monochrome()),
    ];
    let mut failures = Vec::new();
    for (theme_name, theme) in themes {
        for (screen, mut model) in screens() {
            model.theme = theme;
            let buf = draw(&mut model);
            if let Some(first) = unreadable(&buf, &theme).first() {
                failures.push(format!("{theme_name}, {screen}: {first}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn high_contrast_booked_in_the_selected_row_is_not_white_on_white() {
    let mut m = fixtures::dashboard(fixtures::data());
    m.theme = Theme::high_contrast();
    run(&mut m, [key(KeyCode::Tab), key(KeyCode::Down)]);
    let buf = draw(&mut m);
    let y = (0..buf.area.height)
        .find(|y| {
            let row: String = (0..buf.area.width).map(|x| buf[(x, *y)].symbol()).collect();
            row.contains("CB CARREFOUR MARKET")
        })
        .expect("the second row is on screen");
    let row: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
    let x = row.find("booked").expect("the selected row is booked");
    let x = row[..x].chars().count() as u16;
    let cell = &buf[(x, y)];
    let (fg, bg) = shown(cell, m.theme.canvas);
    assert!(ratio(fg, bg) >= AA, "booked: {fg:?} on {bg:?}");
}

#[test]
fn every_theme_role_reads_on_the_canvas_and_the_selection() {
    for theme in [Theme::dark(), Theme::light(), Theme::high_contrast()] {
        let roles = [
            ("text", theme.text),
            ("dim", theme.dim),
            ("title", theme.title),
            ("disabled", theme.disabled),
            ("error", theme.error),
            ("ok", theme.ok),
            ("key", theme.key),
            ("negative", theme.negative),
            ("positive", theme.positive),
            ("plot", theme.plot),
            ("plot_alt", theme.plot_alt),
        ];
        let rgb = |c: Option<ratatui::style::Color>, reset| {
            coffre::ui::theme::contrast::rgb(c.unwrap_or(ratatui::style::Color::Reset), reset)
        };
        let paper = rgb(None, theme.canvas.paper);
        for (name, style) in roles {
            let fg = rgb(style.fg, theme.canvas.ink);
            assert!(ratio(fg, paper) >= AA, "{name} on the canvas: {theme:?}");
        }
        for (name, style) in [("selected", theme.selected), ("badge", theme.badge)] {
            let (fg, bg) = (
                rgb(style.fg, theme.canvas.ink),
                rgb(style.bg, theme.canvas.paper),
            );
            assert!(ratio(fg, bg) >= AA, "{name}: {theme:?}");
        }
    }
}
