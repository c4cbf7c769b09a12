//! More of the UI in French: the status line's messages built by the app (quitting while a
//! sync runs, a question waiting), the redirect wait (URL and QR code), the export dialog, the
//! login screen with an error, the demo's first frame and the charts in privacy mode. The
//! words are French; the bank's texts and the URL stay as they were sent. The main screens in
//! French are in `french.rs`.

use coffre::app::Model;
use coffre::i18n::Lang;
use crossterm::event::KeyCode;

use crate::common::*;

/// The same model, switched to French as the app start does it.
fn in_french(mut m: Model) -> Model {
    m.lang = Lang::Fr;
    m.numbers = coffre::ui::format::NumberStyle::of(Lang::Fr);
    m
}

#[test]
fn french_quit_while_syncing_asks_in_french_and_cancels_in_french() {
    let (m, _) = syncing();
    let mut m = in_french(m);
    run(&mut m, [key(KeyCode::Char('q'))]);
    let asked = render(&mut m, 100, 30);
    assert!(asked.contains("Quitter quand même ?"), "{asked}");
    assert!(!asked.contains("Quit anyway"), "{asked}");
    run(&mut m, [key(KeyCode::Char('n'))]);
    let cancelled = render(&mut m, 100, 30);
    assert!(cancelled.contains("Sortie annulée."), "{cancelled}");
}
