//! The onboarding in French (`--lang fr`, `[ui] language = "fr"`, `LANG=fr_FR…`): the
//! credential form with a field refused as the user types, the bank's SMS code question with its
//! countdown and OK/Annuler (at 100x30 and at 50x15), the consent checklist and the syncing
//! screen counting the transactions imported. coffre's words are French; the bank's texts (its
//! name, the fields' labels, the question) stay as the bank wrote them. The English snapshots
//! of the same states are in `screens.rs`, `small_terminals.rs` and `imported.rs`.

use coffre::app::{ApiEvent, Model, Msg};
use coffre::domain::{ConnectionId, CredentialField, InputKind, SyncStep};
use coffre::i18n::Lang;
use coffre::ui::format::NumberStyle;
use crossterm::event::KeyCode;
use insta::assert_snapshot;

use crate::common::*;

/// The same model, switched to French as the app start does it.
fn in_french(mut m: Model) -> Model {
    m.lang = Lang::Fr;
    m.numbers = NumberStyle::of(Lang::Fr);
    m
}

/// The test bank's SMS code question, then an OK_CANCEL item: every part of the dialog.
fn sms_code_with_buttons() -> Vec<CredentialField> {
    let mut items = sms_code_challenge(None);
    let mut confirm = items.last().cloned().expect("the code field");
    confirm.id = "306".into();
    confirm.label = "Valider l'opération".into();
    confirm.regexp = ".*".into();
    confirm.kind = InputKind::OkCancel;
    items.push(confirm);
    items
}

/// A French user in the middle of a sync of the test bank (connection `c1`), asked `challenge`,
/// who typed `12` in the code field.
fn at_french_challenge() -> Model {
    let (m, generation) = syncing();
    let mut m = in_french(m);
    run(
        &mut m,
        [Msg::Api(ApiEvent::ChallengeReceived {
            connection: ConnectionId::oxlin("c1"),
            channel: "13400".into(),
            generation,
            challenge: sms_code_with_buttons(),
        })],
    );
    run(&mut m, typed("12"));
    m
}

#[test]
fn french_credential_form_says_which_field_is_wrong_as_you_type() {
    let mut m = in_french(at_picker());
    run(&mut m, typed("hsbc"));
    run(&mut m, [key(KeyCode::Enter)]);
    run(&mut m, typed("abc"));
    run(&mut m, [key(KeyCode::Enter), key(KeyCode::Enter)]);
    let screen = render(&mut m, 100, 30);
    assert!(screen.contains("obligatoire"), "{screen}");
    assert!(!screen.contains("required"), "{screen}");
    assert_snapshot!("french_form_field_error", screen);
}

#[test]
fn french_challenge_counts_down_in_french_and_keeps_the_bank_text() {
    let mut m = at_french_challenge();
    let screen = render(&mut m, 100, 30);
    assert!(screen.contains("Votre banque demande"), "{screen}");
    assert!(screen.contains("⏱ encore 2:00"), "{screen}");
    assert!(screen.contains("✗ 6 chiffres"), "{screen}");
    assert!(screen.contains("[ OK ]  [ Annuler ]"), "{screen}");
    assert!(
        screen.contains("Un code a été envoyé au 06******06."),
        "the bank's text as sent: {screen}"
    );
    assert_snapshot!("french_challenge_sms_code", screen);
}

#[test]
fn french_challenge_at_50x15_keeps_text_code_countdown_and_buttons() {
    let mut m = at_french_challenge();
    let screen = render(&mut m, 50, 15);
    let rows: Vec<&str> = screen.lines().collect();
    let row = |needle: &str| {
        rows.iter()
            .position(|r| r.contains(needle))
            .unwrap_or_else(|| panic!("{needle:?} is missing:\n{screen}"))
    };
    let order = [
        row("Un code a été envoyé"),
        row("⏱ encore 2:00"),
        row("Code SMS"),
        row("[ OK ]  [ Annuler ]"),
    ];
    assert!(
        order.is_sorted(),
        "overlap or disorder {order:?}:\n{screen}"
    );
    assert_snapshot!("french_challenge_sms_code_50x15", screen);
}

#[test]
fn french_challenge_too_small_says_so_in_french() {
    let mut m = at_french_challenge();
    let screen = render(&mut m, 20, 8);
    assert!(screen.contains("trop petite"), "{screen}");
}

#[test]
fn french_consent_checklist_says_what_refusing_means() {
    let (m, generation) = syncing();
    let mut m = in_french(m);
    run(
        &mut m,
        [Msg::Api(ApiEvent::ConsentRequested {
            connection: ConnectionId::oxlin("c1"),
            channel: "13400".into(),
            generation,
            accounts: consent_accounts(),
        })],
    );
    run(&mut m, [key(KeyCode::Down), key(KeyCode::Char(' '))]);
    let screen = render(&mut m, 100, 30);
    assert!(screen.contains("Quels comptes partagez-vous ?"), "{screen}");
    assert!(screen.contains("1 refusé(s)"), "{screen}");
    assert_snapshot!("french_consent_one_refused", screen);
}

#[test]
fn french_syncing_screen_counts_the_imported_transactions_the_french_way() {
    let (m, generation) = syncing();
    let mut m = in_french(m);
    run(
        &mut m,
        [
            Msg::Api(ApiEvent::SyncProgressed {
                connection: ConnectionId::oxlin("c1"),
                generation,
                step: SyncStep::Syncing,
            }),
            Msg::Api(ApiEvent::TransactionsImported {
                connection: ConnectionId::oxlin("c1"),
                imported: 12_345,
            }),
        ],
    );
    let screen = render(&mut m, 100, 30);
    assert!(screen.contains("Synchronisation"), "{screen}");
    assert!(screen.contains("12 345 opérations importées"), "{screen}");
    assert!(screen.contains("abandon dans"), "{screen}");
    assert_snapshot!("french_syncing_imported", screen);
}
