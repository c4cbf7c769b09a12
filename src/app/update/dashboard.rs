//! What the dashboard's actions mean: the commands they send. `s` registers every connection on
//! the sync board with a fresh generation, so their queue events are not taken as stale. The
//! dashboard's rows carry the store's ids, Oxlin's raw ids: they become `ConnectionId::oxlin`.

use crate::app::update::back_to_picker;
use crate::app::{Command, Model};
use crate::domain::{AccountId, ConnectionId, SyncStep};
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
            vec![Command::RenewCredentials {
                connection: ConnectionId::oxlin(&connection),
            }]
        }
        DashboardAction::AddChannel(connection) => vec![Command::AddChannel {
            connection: ConnectionId::oxlin(&connection),
        }],
        DashboardAction::GiveConsent(connection) => {
            let connection = ConnectionId::oxlin(&connection);
            let generation = register(model, &connection, SyncStep::WaitingForUser);
            vec![Command::GiveConsent {
                connection,
                generation,
            }]
        }
        DashboardAction::Archive(account, archived) => {
            vec![Command::ArchiveAccount {
                account: AccountId::oxlin(&account),
                archived,
            }]
        }
        DashboardAction::DeleteConnection(connection) => {
            vec![Command::DeleteConnection {
                connection: ConnectionId::oxlin(&connection),
            }]
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
    let banks: Vec<(ConnectionId, String)> = d
        .connection_names()
        .map(|(id, bank)| (ConnectionId::oxlin(id), bank.to_string()))
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
fn register(model: &mut Model, connection: &ConnectionId, step: SyncStep) -> u64 {
    let bank = match &model.screen {
        crate::app::Screen::Dashboard(d) => d
            .connection_names()
            .find(|(id, _)| *id == connection.raw())
            .map(|(_, bank)| bank.to_string()),
        _ => None,
    }
    .unwrap_or_else(|| connection.to_string());
    let generation = model.next_id();
    model.sync.rows.retain(|r| r.connection != *connection);
    model.sync.rows.push(ConnectionProgress {
        connection: connection.clone(),
        bank,
        step,
        generation,
    });
    generation
}
