//! The consent list answered with no account ticked.
//!
//! Docs gap (ours): refusing every account at consent would delete every account, and with the
//! last one the connection itself (oxlin-api.md, `DELETE /accounts`). We read "none" as "not
//! now": nothing is sent, the accounts keep waiting at the bank, and the connection is written
//! to the store as it is (`Command::SaveConnection`, answered by the sync's `Done`), so the
//! dashboard shows it with its accounts waiting for consent (`r` shares them later, `D`
//! deletes the bank after a confirmation). Refusing some accounts and sharing others sends
//! both, as before.

use crate::app::{Command, Model, Screen};
use crate::domain::ConnectionId;
use crate::ui::widgets::status_line::Status;

/// No account shared: keep the connection as it is and end its sync on the dashboard.
pub(super) fn share_none(model: &mut Model, connection: ConnectionId) -> Vec<Command> {
    model.status = Some(Status::Info(
        "No account shared: they keep waiting at the bank, nothing deleted. \
         On the dashboard, r shares them; D deletes the bank."
            .into(),
    ));
    model.screen = Screen::Syncing;
    let generation = model
        .sync
        .rows
        .iter()
        .find(|r| r.connection == connection)
        .map(|r| r.generation);
    match generation {
        Some(generation) => vec![Command::SaveConnection {
            connection,
            generation,
        }],
        None => Vec::new(),
    }
}
