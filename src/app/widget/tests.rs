use std::time::Duration;

use chrono::TimeZone;
use crossterm::event::KeyEvent;

use super::*;
use crate::app::{ApiEvent, Msg, update};
use crate::domain::PageFailure;
use crate::i18n::Lang;
use crate::screens::provider_picker::ProviderPicker;

fn widget_model() -> Model {
    let now = chrono::Utc.with_ymd_and_hms(2026, 12, 2, 7, 0, 0).unwrap();
    let mut model = Model::new(now, true, None);
    model.widget = true;
    model.session = Session::LoggedIn;
    model
}

fn open_widget(cmds: &[Command]) -> Option<(u64, WidgetPage)> {
    cmds.iter().find_map(|c| match c {
        Command::Browser(BrowserCommand::OpenWidget { request, page }) => {
            Some((*request, page.clone()))
        }
        _ => None,
    })
}

#[test]
fn in_widget_mode_adding_a_bank_opens_the_oxlin_page_not_the_picker() {
    let mut model = widget_model();
    model.screen = Screen::ProviderPicker(ProviderPicker::loading());
    let cmds = steer(&mut model, vec![Command::LoadProviders]);
    assert_eq!(
        open_widget(&cmds).map(|(_, p)| p),
        Some(WidgetPage::AddConnection)
    );
    assert!(!cmds.iter().any(|c| matches!(c, Command::LoadProviders)));
    assert!(
        matches!(&model.screen, Screen::Redirect(w) if w.purpose == WaitFor::Widget(WidgetPage::AddConnection))
    );
}

#[test]
fn in_api_mode_nothing_is_steered() {
    let mut model = widget_model();
    model.widget = false;
    model.screen = Screen::ProviderPicker(ProviderPicker::loading());
    let cmds = steer(&mut model, vec![Command::LoadProviders]);
    assert!(matches!(cmds.as_slice(), [Command::LoadProviders]));
    assert!(matches!(model.screen, Screen::ProviderPicker(_)));
}

#[test]
fn renewing_in_widget_mode_opens_the_renewal_page_for_that_connection() {
    let mut model = widget_model();
    model.screen = Screen::Dashboard(Box::new(Dashboard::loading()));
    let connection = ConnectionId::oxlin("10003");
    let cmds = steer(
        &mut model,
        vec![Command::RenewCredentials {
            connection: connection.clone(),
        }],
    );
    assert_eq!(
        open_widget(&cmds).map(|(_, p)| p),
        Some(WidgetPage::Renew(connection))
    );
    assert!(
        !cmds
            .iter()
            .any(|c| matches!(c, Command::RenewCredentials { .. }))
    );
}

#[test]
fn a_login_stopped_by_the_terms_opens_the_terms_page_and_resumes_after_it() {
    let mut model = widget_model();
    model.session = Session::LoggingIn {
        request: 77,
        in_background: true,
    };
    model.screen = Screen::Dashboard(Box::new(Dashboard::loading()));
    let cmds = update(
        &mut model,
        Msg::Api(ApiEvent::LoggedIn {
            request: 77,
            result: Err(CallFailure::TermsNotAccepted),
        }),
    );
    let (request, page) = open_widget(&cmds).expect("the terms page opens");
    assert_eq!(page, WidgetPage::Terms);
    assert_eq!(model.session, Session::LoggedOut);
    let ready = Msg::Browser(BrowserEvent::PageReady {
        request,
        url: "http://127.0.0.1:1/widget/terms?session_id=s".into(),
        wait_for: Duration::from_secs(600),
    });
    update(&mut model, ready);
    let done = WidgetDone {
        connection: None,
        bank: String::new(),
        new_transactions: 0,
    };
    let cmds = update(
        &mut model,
        Msg::Browser(BrowserEvent::Finished {
            request,
            result: Ok(done),
        }),
    );
    assert_eq!(model.session, Session::LoggedIn);
    assert!(matches!(cmds.as_slice(), [Command::LoadDashboard]));
    assert!(matches!(&model.screen, Screen::Dashboard(d) if d.sync_when_loaded));
}

#[test]
fn a_stale_answer_from_an_earlier_page_changes_nothing() {
    let mut model = widget_model();
    model.screen = Screen::ProviderPicker(ProviderPicker::loading());
    let cmds = steer(&mut model, Vec::new());
    let (request, _) = open_widget(&cmds).unwrap();
    let stale = BrowserEvent::Finished {
        request: request + 100,
        result: Err(CallFailure::Unreachable),
    };
    handle_event(&mut model, stale);
    let Screen::Redirect(wait) = &model.screen else {
        panic!("the wait was left");
    };
    assert!(wait.error.is_none());
}

#[test]
fn the_countdown_starts_from_the_runner_deadline_and_a_refused_paste_is_shown() {
    let mut model = widget_model();
    model.screen = Screen::ProviderPicker(ProviderPicker::loading());
    let (request, _) = open_widget(&steer(&mut model, Vec::new())).unwrap();
    let now = model.now;
    handle_event(
        &mut model,
        BrowserEvent::PageReady {
            request,
            url: "u".into(),
            wait_for: Duration::from_secs(600),
        },
    );
    handle_event(
        &mut model,
        BrowserEvent::PasteRefused {
            request,
            reason: PageFailure::OtherAttempt,
        },
    );
    let Screen::Redirect(wait) = &model.screen else {
        panic!("the wait was left");
    };
    assert_eq!(wait.deadline, Some(now + chrono::Duration::seconds(600)));
    let said = crate::wording::page_failure::page_failure(&PageFailure::OtherAttempt, Lang::En);
    assert_eq!(wait.note, Some(Err(said)));
    assert!(wait.error.is_none(), "a wrong paste ends nothing");
}

#[test]
fn esc_on_an_oxlin_page_cancels_it_and_goes_back_to_the_dashboard() {
    let mut model = widget_model();
    model.screen = Screen::ProviderPicker(ProviderPicker::loading());
    let (request, _) = open_widget(&steer(&mut model, Vec::new())).unwrap();
    let cmds = update(&mut model, Msg::Key(KeyEvent::from(KeyCode::Esc)));
    assert!(matches!(cmds.first(), Some(Command::CancelRedirect { request: r }) if *r == request));
    assert!(cmds.iter().any(|c| matches!(c, Command::LoadDashboard)));
    assert!(matches!(model.screen, Screen::Dashboard(_)));
}

#[test]
fn an_address_still_being_typed_when_the_wait_ends_never_acts_on_the_dashboard() {
    let mut model = widget_model();
    model.screen = Screen::ProviderPicker(ProviderPicker::loading());
    let (request, _) = open_widget(&steer(&mut model, Vec::new())).unwrap();
    let key = |c: char| Msg::Key(KeyEvent::from(KeyCode::Char(c)));
    handle_event(
        &mut model,
        BrowserEvent::PageReady {
            request,
            url: "http://127.0.0.1:42489/widget/add_connection?session_id=s".into(),
            wait_for: Duration::from_secs(600),
        },
    );
    // The user starts pasting the address (Tab opens the field) and types "http:".
    update(&mut model, Msg::Key(KeyEvent::from(KeyCode::Tab)));
    for c in "http:".chars() {
        update(&mut model, key(c));
    }
    // Oxlin's status ends the wait first: the dashboard opens mid-typing.
    let done = WidgetDone {
        connection: Some(ConnectionId::oxlin("10002")),
        bank: "Linxo Test Bank".into(),
        new_transactions: 3,
    };
    handle_event(
        &mut model,
        BrowserEvent::Finished {
            request,
            result: Ok(done),
        },
    );
    assert!(matches!(model.screen, Screen::Dashboard(_)));
    // The rest of the address ("//127.0.0.1…", with `/` the search key, `D` delete) does nothing.
    for c in "//127.0.0.1:35889/callback?state=xD".chars() {
        let cmds = update(&mut model, key(c));
        assert!(cmds.is_empty(), "{c:?} acted: {cmds:?}");
    }
    let Screen::Dashboard(d) = &model.screen else {
        panic!("left the dashboard");
    };
    assert!(!d.is_typing(), "the address went into the search");
    // After a pause, keys count again: `a` adds a bank.
    let later = model.now + HOLD;
    update(&mut model, Msg::Tick(later));
    let cmds = update(&mut model, key('a'));
    assert!(
        open_widget(&cmds).is_some(),
        "a after the pause did nothing: {cmds:?}"
    );
}
