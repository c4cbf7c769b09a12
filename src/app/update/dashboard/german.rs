//! `s` and `r` on a German bank (pure; `s` on the dashboard syncs every bank through
//! `progress::sync_every_connection`): `s` on one puts it on the sync board and asks the runner to
//! sync it through finX (`Command::SyncGermanBank`), `r` opens finX's page again to renew its
//! access (the new refresh token replaces the link's own: `tasks::finx_link`).

use rust_i18n::t;

use crate::app::onboarding::link_german_bank;
use crate::app::progress::register;
use crate::app::{Command, Model, Screen};
use crate::domain::{ConnectionId, SyncStep};
use crate::ui::widgets::status_line::Status;

/// `s` on the German bank `connection`: synced, unless a sync of it runs already.
pub(super) fn sync(model: &mut Model, connection: ConnectionId) -> Vec<Command> {
    if is_running(model, &connection) {
        let text = t!("status.bank_syncing", locale = model.lang.code());
        model.status = Some(Status::Info(text.into()));
        return Vec::new();
    }
    let generation = register(model, &connection, SyncStep::Starting);
    vec![Command::SyncGermanBank {
        connection,
        generation,
    }]
}

/// `r` on the German bank `connection`: finX's page again, then its token replaced.
pub(super) fn renew(model: &mut Model, connection: ConnectionId) -> Vec<Command> {
    let bank = match &model.screen {
        Screen::Dashboard(d) => d
            .connection_names()
            .find(|(id, _)| *id == &connection)
            .map(|(_, name)| name.to_string()),
        _ => None,
    }
    .unwrap_or_else(|| connection.to_string());
    link_german_bank(model, None, Some((connection, bank)))
}

fn is_running(model: &Model, connection: &ConnectionId) -> bool {
    model
        .sync
        .rows
        .iter()
        .any(|r| r.connection == *connection && r.is_running())
}
