//! Leaving the consent checklist without answering (Esc), pure like `update`.
//!
//! Choice (the API docs are silent): nothing is sent. The accounts stay in `PENDING_CONSENT` at
//! the API, the connection stays, and the dashboard shows it with its accounts to accept (`r`
//! there opens this checklist again). The connection's sync row leaves the board (nothing runs
//! for it any more: its poller stops), so the app does not wait for an answer nobody will give.

use rust_i18n::t;

use crate::app::{Command, Model, Screen};
use crate::screens::dashboard::Dashboard;
use crate::ui::widgets::status_line::Status;

/// Esc on the consent checklist: back to the dashboard, nothing shared, saying where it waits.
pub(super) fn leave(model: &mut Model) -> Vec<Command> {
    let Screen::Consent(list) = &model.screen else {
        return Vec::new();
    };
    let connection = list.connection.clone();
    let bank = model
        .sync
        .rows
        .iter()
        .find(|r| r.connection == connection)
        .map_or_else(
            || t!("notice.the_bank", locale = model.lang.code()).into_owned(),
            |r| r.bank.clone(),
        );
    model.sync.rows.retain(|r| r.connection != connection);
    model.screen = Screen::Dashboard(Box::new(Dashboard::loading()));
    let text = t!(
        "notice.nothing_shared",
        locale = model.lang.code(),
        bank = bank
    );
    model.status = Some(Status::Info(text.into()));
    vec![Command::StopPolling { connection }, Command::LoadDashboard]
}
