//! More of the UI in French: the status line's messages built by the app (quitting while a
//! sync runs, a question waiting), the redirect wait (URL and QR code), the export dialog, the
//! login screen with an error, the demo's first frame and the charts in privacy mode. The
//! words are French; the bank's texts and the URL stay as they were sent. The main screens in
//! French are in `french.rs`.

use coffre::app::{ApiEvent, Model, Msg};
use coffre::i18n::Lang;
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use regex::Regex;

use crate::common::*;
use crate::dashboard::fixtures::{dashboard, data};

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
    assert!(asked.contains("Quitter quand même\u{a0}?"), "{asked}");
    assert!(!asked.contains("Quit anyway"), "{asked}");
    run(&mut m, [key(KeyCode::Char('n'))]);
    let cancelled = render(&mut m, 100, 30);
    assert!(cancelled.contains("Sortie annulée."), "{cancelled}");
}

#[test]
fn french_redirect_wait_shows_the_link_and_its_qr_code_with_french_words() {
    let mut m = in_french(at_picker());
    run(&mut m, typed("test"));
    let request = last_id(&run(&mut m, [key(KeyCode::Enter), key(KeyCode::Enter)]));
    let waiting = render(&mut m, 100, 30);
    assert!(
        waiting.contains("Demande de sa page de connexion"),
        "{waiting}"
    );
    let url = "http://127.0.0.1/authorize?state=abc";
    run(
        &mut m,
        [Msg::Api(ApiEvent::AuthorizeUrlReady {
            request,
            result: Ok(url.into()),
        })],
    );
    let screen = render(&mut m, 100, 30);
    assert!(screen.contains("Site de la banque"), "{screen}");
    assert!(
        screen.contains("Connectez-vous sur le site de votre banque"),
        "{screen}"
    );
    assert!(
        screen.contains(url),
        "the link as sent, in one piece: {screen}"
    );
    assert!(
        screen.contains('▀') || screen.contains('▄'),
        "a QR code: {screen}"
    );
    assert!(!screen.contains("Waiting for the browser"), "{screen}");
    assert_snapshot!("french_redirect_url_and_qr", screen);
    run(&mut m, [key(KeyCode::Char('y'))]);
    let copied = render(&mut m, 100, 30);
    assert!(copied.contains("Lien copié"), "{copied}");
}

#[test]
fn french_export_dialog_says_what_it_exports_in_french() {
    let mut m = in_french(dashboard(data()));
    run(&mut m, [key(KeyCode::Tab), key(KeyCode::Char('e'))]);
    let screen = render(&mut m, 100, 30);
    assert!(screen.contains("Exporter"), "{screen}");
    assert!(screen.contains("opérations à l'écran"), "{screen}");
    assert!(screen.contains("Fichier"), "{screen}");
    assert!(!screen.contains("on screen"), "{screen}");
    assert_snapshot!("french_export_dialog", screen);
    run(&mut m, [key(KeyCode::Right)]);
    let format = render(&mut m, 100, 30);
    assert!(format.contains("CSV pour un tableur français"), "{format}");
}

#[test]
fn french_login_with_an_empty_password_says_so_in_french() {
    let mut m = in_french(Model::new(now(), false, None));
    run(&mut m, typed("camille@example.org"));
    run(&mut m, [key(KeyCode::Tab), key(KeyCode::Enter)]);
    let screen = render(&mut m, 100, 30);
    assert!(
        screen.contains("Saisissez votre e-mail et votre mot de passe."),
        "{screen}"
    );
    assert!(
        !screen.contains("server refused"),
        "not the server's doing: {screen}"
    );
    assert_snapshot!("french_login_error", screen);
}

#[test]
fn french_charts_in_privacy_mode_mask_every_amount() {
    let mut m = in_french(crate::charts::on_charts());
    run(&mut m, [key(KeyCode::Char('p'))]);
    let screen = render(&mut m, 100, 30);
    assert!(screen.contains("● privé"), "{screen}");
    assert!(screen.contains("•••,•• €"), "{screen}");
    assert!(
        !Regex::new(r"\d[.,]\d\d").unwrap().is_match(&screen),
        "{screen}"
    );
    assert!(screen.contains("Dépenses par mois"), "{screen}");
    assert_snapshot!("french_charts_privacy", screen);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn french_demo_first_frame_is_the_dashboard_in_french() {
    let frame = crate::demo::first_frame_in(Lang::Fr, None).await;
    assert!(frame.contains("Tableau de bord"), "{frame}");
    assert!(
        frame.contains("Compte Courant"),
        "bank text as sent: {frame}"
    );
    assert!(!frame.contains("Accounts "), "{frame}");
    assert_snapshot!("french_demo_first_frame", frame);
}
