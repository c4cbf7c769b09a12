//! Text measured in terminal columns, not characters: a bank named in Chinese or with emoji
//! keeps to its column (two columns per character), and what does not fit a bank's line ends
//! with `…` at the edge, in French too, whose failures run past 100 columns.

use coffre::app::{ApiEvent, Command, Model, Msg, Session};
use coffre::domain::{ChannelHealth, ConnectionId, SyncStep};
use coffre::i18n::Lang;
use insta::assert_snapshot;
use unicode_width::UnicodeWidthStr;

use crate::common::*;
use crate::dashboard::fixtures::{Board, dashboard, data};

/// A bank name of CJK characters and an emoji: 39 characters, 72 columns.
const WIDE_NAME: &str = "中国工商银行股份有限公司 北京分行 🏦 Industrial and Commercial";

/// The fixtures' two banks, the first one renamed `WIDE_NAME`.
fn wide_named_bank() -> Board {
    let mut board = data();
    board.connections[0].connection.name = WIDE_NAME.into();
    board
}

/// The rows of `screen` (a `render` grid: one quoted row per line, followed by the cells a
/// wide character hides, when it hides some).
fn rows(screen: &str) -> impl Iterator<Item = &str> {
    screen.lines().map(|l| {
        let l = l.strip_prefix('"').unwrap_or(l);
        l.split_once("\" Hidden by multi-width symbols:")
            .map_or_else(|| l.strip_suffix('"').unwrap_or(l), |(row, _)| row)
    })
}

/// Every row of `screen` and its display width.
fn line_widths(screen: &str) -> Vec<(&str, usize)> {
    rows(screen).map(|l| (l, l.width())).collect()
}

/// The screen's row that starts with `start`.
fn line_of<'a>(screen: &'a str, start: &str) -> &'a str {
    rows(screen)
        .find(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("no line starts with {start:?}: {screen}"))
}

#[test]
fn a_chinese_bank_name_keeps_to_half_the_bank_line_at_100_columns() {
    let mut m = dashboard(wide_named_bank());
    let screen = render(&mut m, 100, 30);
    for (line, w) in line_widths(&screen) {
        assert_eq!(w, 100, "{line:?} is {w} columns wide");
    }
    let line = line_of(&screen, "中国");
    let (name, rest) = line.split_once('…').expect("the name is cut with …");
    assert!(name.width() < 50, "{name:?} takes more than half the line");
    assert!(
        rest.contains("⚠ credentials expire in 5 days: renew (r)"),
        "the bank's action still shows whole: {line:?}"
    );
    assert_snapshot!("wide_bank_name_100_columns", screen);
}

#[test]
fn a_chinese_bank_name_leaves_room_for_its_marker_at_40_columns() {
    let mut m = dashboard(wide_named_bank());
    let screen = render(&mut m, 39, 20);
    for (line, w) in line_widths(&screen) {
        assert_eq!(w, 39, "{line:?} is {w} columns wide");
    }
    let line = line_of(&screen, "中国");
    assert!(line.trim_end().ends_with("… ⚠"), "{line:?}");
    let mut m = dashboard(wide_named_bank());
    let screen = render(&mut m, 40, 20);
    for (line, w) in line_widths(&screen) {
        assert_eq!(w, 40, "{line:?} is {w} columns wide");
    }
    assert_snapshot!("wide_bank_name_40_columns", screen);
}

/// In French, `s`, then the first bank's sync stops because the password must be changed at
/// the bank (the longest French reason, 109 columns on its bank's line).
fn french_password_change_failure() -> Model {
    let mut m = dashboard(data());
    m.session = Session::LoggedIn;
    m.lang = Lang::Fr;
    m.numbers = coffre::ui::format::NumberStyle::of(Lang::Fr);
    let cmds = run(&mut m, typed("s"));
    let (connection, generation) = cmds
        .iter()
        .find_map(|c| match c {
            Command::SyncNow {
                connection,
                generation,
            } if *connection == ConnectionId::oxlin("c1") => {
                Some((connection.clone(), *generation))
            }
            _ => None,
        })
        .expect("the first bank syncs");
    run(
        &mut m,
        [Msg::Api(ApiEvent::SyncProgressed {
            connection,
            generation,
            step: SyncStep::Failed(ChannelHealth::PasswordChangeRequired),
        })],
    );
    m
}

#[test]
fn a_long_french_failure_is_cut_with_an_ellipsis_at_100_columns() {
    let mut m = french_password_change_failure();
    let screen = render(&mut m, 100, 30);
    let line = line_of(&screen, "Linxo Test Bank");
    assert!(
        line.starts_with("Linxo Test Bank  synchro échouée : changez votre mot de passe"),
        "{line:?}"
    );
    assert!(line.ends_with('…'), "cut at the edge with …: {line:?}");
    assert_eq!(line.width(), 100);
    assert_snapshot!("french_long_failure_cut_at_100_columns", screen);
}
