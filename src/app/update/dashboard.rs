//! The dashboard (pure, like `update`): its keys and the actions they ask for, and the store's
//! answers it waits for (its data, the transactions read after it, the API's reachability).

use crossterm::event::{KeyCode, KeyEvent};

use crate::app::onboarding::back_to_picker;
use crate::app::progress::{register, sync_every_connection};
use crate::app::session::open_login;
use crate::app::{Command, Model, Screen};
use crate::domain::SyncStep;
use crate::screens::dashboard::{DashboardAction, DashboardData, Transactions};
use crate::ui::widgets::status_line::Status;

/// A key on the dashboard; `l` (unused by the dashboard) opens the login screen when no session
/// is open.
pub(super) fn dashboard_key(model: &mut Model, key: KeyEvent) -> Vec<Command> {
    let Screen::Dashboard(dashboard) = &mut model.screen else {
        return Vec::new();
    };
    let typing = dashboard.is_typing();
    let action = dashboard.on_key(key, model.now.date_naive());
    if key.code == KeyCode::Char('l')
        && !typing
        && !model.session.is_logged_in()
        && action == DashboardAction::None
    {
        return open_login(model);
    }
    dashboard_action(model, action)
}

/// Turns a dashboard action into commands.
fn dashboard_action(model: &mut Model, action: DashboardAction) -> Vec<Command> {
    match action {
        DashboardAction::None => Vec::new(),
        DashboardAction::AddBank if !model.session.is_logged_in() => {
            let cmds = open_login(model);
            model.status = Some(Status::Info(
                "Log in first; the dashboard comes back after.".into(),
            ));
            cmds
        }
        DashboardAction::SyncAll => sync_every_connection(model),
        DashboardAction::RenewCredentials(connection) => {
            vec![Command::RenewCredentials { connection }]
        }
        DashboardAction::AddChannel(connection) => vec![Command::AddChannel { connection }],
        DashboardAction::GiveConsent(connection) => {
            let generation = register(model, &connection, SyncStep::WaitingForUser);
            vec![Command::GiveConsent {
                connection,
                generation,
            }]
        }
        DashboardAction::Archive(account, archived) => {
            vec![Command::ArchiveAccount { account, archived }]
        }
        DashboardAction::DeleteConnection(connection) => {
            vec![Command::DeleteConnection { connection }]
        }
        DashboardAction::Export(request) => vec![Command::Export(request)],
        DashboardAction::AddBank => back_to_picker(model),
    }
}

/// The store's data arrived; a sync asked for while loading starts now.
pub(super) fn dashboard_loaded(
    model: &mut Model,
    result: Result<DashboardData, String>,
) -> Vec<Command> {
    let Screen::Dashboard(d) = &mut model.screen else {
        return Vec::new();
    };
    match result {
        Ok(data) => d.load(data),
        Err(e) => {
            d.loading = false;
            d.error = Some(crate::screens::clean(&e));
        }
    }
    if std::mem::take(&mut d.sync_when_loaded) {
        return sync_every_connection(model);
    }
    Vec::new()
}

/// The transactions, read after the rest of the dashboard.
pub(super) fn transactions_loaded(
    model: &mut Model,
    result: Result<Box<Transactions>, String>,
) -> Vec<Command> {
    if let Screen::Dashboard(d) = &mut model.screen {
        match result {
            Ok(rows) => d.load_transactions(*rows),
            Err(e) => d.transactions_failed(&e),
        }
    }
    Vec::new()
}

/// The API became reachable or not: the OFFLINE badge.
pub(super) fn connectivity(model: &mut Model, online: bool) -> Vec<Command> {
    if let Screen::Dashboard(d) = &mut model.screen {
        d.offline = !online;
    }
    Vec::new()
}

/// The export answered: the dialog closes and the status line says where the file went, or the
/// dialog stays open saying why not (the path as typed, to fix).
pub(super) fn exported(model: &mut Model, result: Result<String, String>) -> Vec<Command> {
    if let Screen::Dashboard(d) = &mut model.screen {
        d.export_finished(&result);
    }
    model.status = Some(match result {
        Ok(done) => Status::Info(crate::screens::clean(&done)),
        Err(why) => Status::Error(format!("Export failed: {}", crate::screens::clean(&why))),
    });
    Vec::new()
}
