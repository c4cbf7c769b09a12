//! What the dashboard's actions mean: the commands they send. `s` registers every connection on
//! the sync board with a fresh generation, so their queue events are not taken as stale.

use crate::app::update::back_to_picker;
use crate::app::{Command, Model};
use crate::domain::SyncStep;
use crate::screens::dashboard::DashboardAction;
use crate::screens::syncing::ConnectionProgress;
use crate::ui::widgets::status_line::Status;

/// Turns a dashboard action into commands.
pub(super) fn dashboard_action(model: &mut Model, action: DashboardAction) -> Vec<Command> {
    match action {
        DashboardAction::None => Vec::new(),
        DashboardAction::AddBank if !model.logged_in => {
            let cmds = crate::app::startup::open_login(model);
            model.status = Some(Status::Info(
                "Log in first; the dashboard comes back after.".into(),
            ));
            cmds
        }
        DashboardAction::SyncAll => sync_all(model),
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
        DashboardAction::Export(format, account) => vec![Command::Export { format, account }],
        DashboardAction::AddBank => back_to_picker(model),
    }
}

/// One `SyncNow` per connection not already syncing.
pub(crate) fn sync_all(model: &mut Model) -> Vec<Command> {
    let crate::app::Screen::Dashboard(d) = &model.screen else {
        return Vec::new();
    };
    if d.loading {
        model.sync_when_loaded = true;
        return Vec::new();
    }
    let banks: Vec<(String, String)> = d
        .connection_names()
        .map(|(id, bank)| (id.to_string(), bank.to_string()))
        .collect();
    let mut cmds = Vec::new();
    for (connection, _bank) in banks {
        if model
            .sync
            .rows
            .iter()
            .any(|r| r.connection == connection && r.is_running())
        {
            continue;
        }
        let generation = register(model, &connection, SyncStep::Starting);
        cmds.push(Command::SyncNow {
            connection,
            generation,
        });
    }
    cmds
}

/// Puts `connection` on the sync board at `step` with a fresh generation, which it returns.
fn register(model: &mut Model, connection: &str, step: SyncStep) -> u64 {
    let bank = match &model.screen {
        crate::app::Screen::Dashboard(d) => d
            .connection_names()
            .find(|(id, _)| *id == connection)
            .map(|(_, bank)| bank.to_string()),
        _ => None,
    }
    .unwrap_or_else(|| connection.to_string());
    let generation = model.next_id();
    model.sync.rows.retain(|r| r.connection != connection);
    model.sync.rows.push(ConnectionProgress {
        connection: connection.to_string(),
        bank,
        step,
        generation,
    });
    generation
}
