//! What the dashboard's actions mean: the commands they send. `s` registers every connection on
//! the sync board with a fresh generation, so their queue events are not taken as stale.

use crate::app::api_types::SyncStep;
use crate::app::update::back_to_picker;
use crate::app::{Command, Model};
use crate::screens::dashboard::DashboardAction;
use crate::screens::syncing::ConnectionProgress;

/// Turns a dashboard action into commands.
pub(super) fn dashboard_action(model: &mut Model, action: DashboardAction) -> Vec<Command> {
    match action {
        DashboardAction::None => Vec::new(),
        DashboardAction::SyncAll => sync_all(model),
        DashboardAction::RenewCredentials(connection) => {
            vec![Command::RenewCredentials { connection }]
        }
        DashboardAction::GiveConsent(connection) => vec![Command::GiveConsent { connection }],
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
fn sync_all(model: &mut Model) -> Vec<Command> {
    let crate::app::Screen::Dashboard(d) = &model.screen else {
        return Vec::new();
    };
    let banks: Vec<(String, String)> = d
        .connection_names()
        .map(|(id, bank)| (id.to_string(), bank.to_string()))
        .collect();
    let mut cmds = Vec::new();
    for (connection, bank) in banks {
        if model
            .sync
            .rows
            .iter()
            .any(|r| r.connection == connection && r.is_running())
        {
            continue;
        }
        let generation = model.next_id();
        model.sync.rows.retain(|r| r.connection != connection);
        model.sync.rows.push(ConnectionProgress {
            connection: connection.clone(),
            bank,
            step: SyncStep::Starting,
            generation,
        });
        cmds.push(Command::SyncNow {
            connection,
            generation,
        });
    }
    cmds
}
