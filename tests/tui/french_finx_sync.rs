//! Why a German bank (finX) could not be synced from the dashboard, in French: the reason
//! comes typed from the task (`GermanSyncFailure`) and is worded with what to do next, on the
//! bank's line and the status line (a few words and the key) and in the bank's details (the
//! whole sentence); what finX said is quoted as sent.

use coffre::app::{ApiEvent, Command, Model, Msg, Session};
use coffre::domain::{ChannelHealth, ConnectionId, GermanSyncFailure, SyncStep};
use coffre::i18n::Lang;
use crossterm::event::KeyCode;
use insta::assert_snapshot;

use crate::common::*;
use crate::dashboard::fixtures::dashboard;

/// The fixtures' French bank and a German one, German banks offered, in French.
fn french_user_with_a_german_bank() -> Model {
    let mut m = dashboard(crate::finx_banks::one_french_one_german());
    m.session = Session::LoggedIn;
    m.finx = true;
    m.lang = Lang::Fr;
    m.numbers = coffre::ui::format::NumberStyle::of(Lang::Fr);
    m
}

/// `s`, then the German bank's sync stops for `why`.
fn german_sync_fails(m: &mut Model, why: GermanSyncFailure) {
    let cmds = run(m, typed("s"));
    let (connection, generation) = cmds
        .iter()
        .find_map(|c| match c {
            Command::SyncGermanBank {
                connection,
                generation,
            } => Some((connection.clone(), *generation)),
            _ => None,
        })
        .expect("the German bank syncs");
    assert_eq!(connection, ConnectionId::finx("X1.1"));
    run(
        m,
        [Msg::Api(ApiEvent::SyncProgressed {
            connection,
            generation,
            step: SyncStep::Failed(ChannelHealth::German(why)),
        })],
    );
}

#[test]
fn french_german_bank_whose_finx_access_is_lost_says_to_renew_it_in_french() {
    let mut m = french_user_with_a_german_bank();
    german_sync_fails(&mut m, GermanSyncFailure::AccessLost);
    let screen = render(&mut m, 100, 30);
    assert!(
        screen.contains("synchro échouée : accès finX perdu : renouvelez-le (r)"),
        "the bank's line says why and which key: {screen}"
    );
    assert!(!screen.contains("sync failed"), "{screen}");
    assert!(!screen.contains("access lost"), "{screen}");
    assert_snapshot!("french_finx_sync_access_lost", screen);
}

#[test]
fn french_german_bank_refused_by_finx_quotes_finx_in_its_details() {
    let mut m = french_user_with_a_german_bank();
    german_sync_fails(
        &mut m,
        GermanSyncFailure::Refused("Too many requests".into()),
    );
    let screen = render(&mut m, 100, 30);
    assert!(screen.contains("finX a refusé la synchro"), "{screen}");
    // Down to the German bank's first account, whose bank `i` details.
    run(
        &mut m,
        [key(KeyCode::Down), key(KeyCode::Down), key(KeyCode::Down)],
    );
    run(&mut m, typed("i"));
    let details = render(&mut m, 100, 30);
    assert!(
        details.contains("finX a refusé la synchronisation"),
        "{details}"
    );
    assert!(details.contains("« Too many requests »"), "{details}");
}
