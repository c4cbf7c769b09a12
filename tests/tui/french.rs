//! The main screens in French (`--lang fr`, `[ui] language = "fr"`, `LANG=fr_FR…`): login, bank
//! picker, accounts, transactions, charts and the `?` help, at 100x30. The UI's words and the
//! amounts' notation are French; the bank's texts (account names, labels) stay as the bank
//! wrote them. The English snapshots of the same screens are in `screens.rs`, `dashboard/` and
//! `charts.rs`.

use coffre::app::Model;
use coffre::i18n::Lang;
use crossterm::event::KeyCode;
use insta::assert_snapshot;

use crate::charts::on_charts;
use crate::common::*;
use crate::dashboard::fixtures::*;

/// The same model, switched to French as the app start does it.
fn in_french(mut m: Model) -> Model {
    m.lang = Lang::Fr;
    m.numbers = coffre::ui::format::NumberStyle::of(Lang::Fr);
    m
}

#[test]
fn french_login_screen_speaks_french_and_still_masks_the_password() {
    let demo = Model::new(now(), true, Some(("demo@coffre.test", "demo-password")));
    let screen = render(&mut in_french(demo), 100, 30);
    assert!(screen.contains("Connexion à Oxlin"), "{screen}");
    assert!(screen.contains("Mot de passe"), "{screen}");
    assert!(screen.contains("suivant / se connecter"), "{screen}");
    assert!(!screen.contains("demo-password"), "{screen}");
    assert_snapshot!("french_login", screen);
}

#[test]
fn french_bank_picker_keeps_the_bank_names_as_sent() {
    let mut m = in_french(at_picker());
    let screen = render(&mut m, 100, 30);
    assert!(screen.contains("Choisissez votre banque"), "{screen}");
    assert!(screen.contains("Chercher"), "{screen}");
    assert_snapshot!("french_picker", screen);
}

#[test]
fn french_accounts_view_writes_amounts_the_french_way() {
    let mut m = in_french(dashboard(data()));
    let screen = render(&mut m, 100, 30);
    assert!(screen.contains("Tableau de bord"), "{screen}");
    assert!(
        screen.contains("Compte chèques"),
        "bank text as sent: {screen}"
    );
    assert!(screen.contains(",") && screen.contains("€"), "{screen}");
    assert_snapshot!("french_accounts", screen);
}

#[test]
fn french_transactions_view_keeps_the_bank_labels() {
    let mut m = in_french(dashboard(data()));
    run(&mut m, [key(KeyCode::Tab)]);
    let screen = render(&mut m, 100, 30);
    assert!(
        screen.contains("opérations") || screen.contains("Opérations"),
        "{screen}"
    );
    assert_snapshot!("french_transactions", screen);
}

#[test]
fn french_charts_name_categories_and_months_in_french() {
    let mut m = in_french(on_charts());
    let screen = render(&mut m, 100, 30);
    assert!(screen.contains("Patrimoine EUR"), "{screen}");
    assert!(screen.contains("Dépenses par mois"), "{screen}");
    assert!(screen.contains("Logement"), "{screen}");
    assert!(!screen.contains("Housing"), "{screen}");
    assert_snapshot!("french_charts", screen);
}

#[test]
fn french_help_lists_every_key_in_french() {
    let mut m = in_french(dashboard(data()));
    run(&mut m, [key(KeyCode::Char('?'))]);
    let screen = render(&mut m, 100, 30);
    assert!(screen.contains("Touches"), "{screen}");
    assert!(screen.contains("afficher/masquer cette aide"), "{screen}");
    assert!(screen.contains("quitter"), "{screen}");
    assert!(!screen.contains("show/hide"), "{screen}");
    assert_snapshot!("french_help", screen);
}

#[test]
fn french_status_line_says_privacy_mode_in_french() {
    let mut m = in_french(dashboard(data()));
    run(&mut m, [key(KeyCode::Char('p'))]);
    let screen = render(&mut m, 100, 30);
    assert!(screen.contains("Mode discret"), "{screen}");
    assert!(screen.contains("● privé"), "{screen}");
    assert!(!screen.contains("2 441,46"), "amounts masked: {screen}");
}

#[test]
fn french_bank_details_name_each_field_in_french_and_keep_the_api_codes() {
    let mut m = in_french(dashboard(data()));
    run(&mut m, [key(KeyCode::Char('i'))]);
    let screen = render(&mut m, 100, 30);
    assert!(screen.contains("Détails de la banque"), "{screen}");
    assert!(screen.contains("Action suivante"), "{screen}");
    assert!(screen.contains("Une touche ferme ces détails."), "{screen}");
    assert!(!screen.contains("Bank details"), "{screen}");
    assert_snapshot!("french_bank_details", screen);
}

#[test]
fn french_filter_dialog_says_in_french_which_field_is_wrong() {
    let mut m = in_french(dashboard(data()));
    run(&mut m, [key(KeyCode::Tab), key(KeyCode::Char('f'))]);
    run(&mut m, [key(KeyCode::Tab)]);
    run(&mut m, crate::common::typed("31/02/2024"));
    run(&mut m, [key(KeyCode::Enter)]);
    let screen = render(&mut m, 100, 30);
    assert!(screen.contains("Du : pas une date"), "{screen}");
    assert!(screen.contains("tous les comptes"), "{screen}");
    assert!(!screen.contains("Min amount"), "{screen}");
    assert_snapshot!("french_filter_error", screen);
}
