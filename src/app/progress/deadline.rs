//! Every running sync has an end: each row of the sync board carries a deadline, moved on by
//! every piece of news about it (a queue event, a challenge, a consent request). A row whose
//! deadline passes with no news stops being "running": it ends as failed, says so in words, and
//! its polling stops, so neither the spinner nor the "a sync is running, quit anyway?" question
//! can last for ever.
//!
//! Choices where the API docs are silent (oxlin-api.md §11 publishes no sync duration): the
//! patience is [`PATIENCE`], three minutes without news, longer than any sandbox sync and than
//! the 120 s challenge timeout the docs' example prints. While the user is on the connection's own
//! challenge or consent screen, coffre waits for the user, not for the bank: no deadline runs
//! out under their fingers (the challenge screen shows the bank's own countdown), and the answer
//! (or the dismissal) starts a fresh deadline.

use chrono::{DateTime, TimeDelta, Utc};

use crate::app::{Command, Model, Screen};
use crate::domain::{ChannelHealth, ConnectionId, SyncStep};

/// How long a sync may go without news before coffre stops waiting for it.
pub const PATIENCE: TimeDelta = TimeDelta::minutes(3);

/// The deadline of a sync that has news at `now`.
pub fn deadline_from(now: DateTime<Utc>) -> DateTime<Utc> {
    now + PATIENCE
}

/// The user answered (or dismissed) the bank's question about `connection`: coffre waits for
/// the bank again, with a fresh deadline.
pub(crate) fn answered(model: &mut Model, connection: &ConnectionId) {
    let deadline = deadline_from(model.now);
    if let Some(row) = model.sync.row_mut(connection) {
        row.deadline = deadline;
    }
}

/// The connection whose question (challenge or consent) is on screen, as a screen or open over
/// another one (`app::update::questions`): its deadline is paused.
fn answering(model: &Model) -> Option<&ConnectionId> {
    if let Some(dialog) = model.questions.open() {
        return Some(&dialog.connection);
    }
    match &model.screen {
        Screen::Challenge(dialog) => Some(&dialog.connection),
        Screen::Consent(list) => Some(&list.connection),
        _ => None,
    }
}

/// Time passed: every running sync whose deadline is over ends as failed (its polling stops).
pub(crate) fn deadlines_passed(model: &mut Model) -> Vec<Command> {
    let now = model.now;
    // Why a sync whose deadline passed was stopped (shown as "the sync stopped (…)").
    let no_news = rust_i18n::t!("notice.no_news", locale = model.lang.code());
    let paused = answering(model).cloned();
    let mut expired = Vec::new();
    for row in &mut model.sync.rows {
        if row.is_running() && row.deadline <= now && paused.as_ref() != Some(&row.connection) {
            row.step = SyncStep::Failed(ChannelHealth::Other(no_news.to_string()));
            expired.push(row.connection.clone());
        }
    }
    let mut commands = Vec::new();
    for connection in expired {
        super::say_failure_on_dashboard(model, &connection);
        commands.push(Command::StopPolling { connection });
    }
    commands
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_sync_with_news_now_has_three_minutes_shown_as_3_00() {
        let now = Utc.with_ymd_and_hms(2024, 3, 1, 10, 0, 0).unwrap();
        let left = (deadline_from(now) - now).num_seconds();
        assert_eq!(crate::ui::format::countdown(left), "3:00");
    }
}
