//! `s` on the dashboard and the login's refresh: every bank syncs, French and German alike.
//! Oxlin connections through the TUI's Oxlin session (`Command::SyncNow`), finX links through
//! finX (`Command::SyncGermanBank`) when finX is configured (`Model::finx`); without finX the
//! German banks are left to `coffre sync` and the dashboard says so. While the dashboard is
//! still loading, the sync waits until it has loaded (`Dashboard::sync_when_loaded`) and then
//! takes every bank as well: a German bank is never skipped because `s` came early.

use crate::app::{Command, Model, Screen};
use crate::domain::{ConnectionId, SyncStep};

use super::{register, synced_here};

/// One sync per bank on the dashboard not already syncing (German ones only when finX is
/// configured); while the dashboard is still loading, none yet: they start once it has loaded.
pub(crate) fn sync_every_connection(model: &mut Model) -> Vec<Command> {
    let Screen::Dashboard(d) = &mut model.screen else {
        return Vec::new();
    };
    if d.loading {
        d.sync_when_loaded = true;
        return Vec::new();
    }
    let finx = model.finx;
    let banks: Vec<ConnectionId> = d
        .connection_names()
        .map(|(id, _)| id.clone())
        .filter(|id| finx || synced_here(id))
        .collect();
    let mut cmds = Vec::new();
    for connection in banks {
        if model
            .sync
            .rows
            .iter()
            .any(|r| r.connection == connection && r.is_running())
        {
            continue;
        }
        let generation = register(model, &connection, SyncStep::Starting);
        cmds.push(if synced_here(&connection) {
            Command::SyncNow {
                connection,
                generation,
            }
        } else {
            Command::SyncGermanBank {
                connection,
                generation,
            }
        });
    }
    cmds
}
