//! The running count of a sync's store write (issue 13): while `tasks::store_sync` fetches and
//! stores a connection's transactions, it sends `ApiEvent::TransactionsImported` with the total
//! so far; the connection's row on the sync board keeps it, and the sync screen and the
//! dashboard's bank line show it while the sync runs.
//!
//! Docs gap (ours): the count is news of the sync, so it moves the row's deadline on like a
//! queue event (a big bank written for minutes is not given up on while it visibly progresses).
//! It carries no poller generation (the widget's write has none): a count for a connection
//! that is not running on the board is dropped, and a new sync of the connection starts again
//! from 0 (`register` and `start_sync` put a fresh row).

use super::deadline;
use crate::app::{Command, Model};
use crate::domain::ConnectionId;

/// `connection`'s store write has fetched and stored `imported` transactions so far.
pub(crate) fn transactions_imported(
    model: &mut Model,
    connection: &ConnectionId,
    imported: usize,
) -> Vec<Command> {
    let deadline = deadline::deadline_from(model.now);
    if let Some(row) = model.sync.row_mut(connection)
        && row.is_running()
    {
        row.imported = imported;
        row.deadline = deadline;
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use chrono::{TimeDelta, TimeZone, Utc};

    use super::*;
    use crate::domain::{ChannelHealth, SyncStep};

    fn syncing(step: SyncStep) -> (Model, ConnectionId) {
        let now = Utc.with_ymd_and_hms(2024, 3, 1, 10, 0, 0).unwrap();
        let mut model = Model::new(now, true, None);
        let connection = ConnectionId::oxlin("c1");
        super::super::register(&mut model, &connection, step);
        (model, connection)
    }

    #[test]
    fn a_running_sync_keeps_the_latest_count_and_its_deadline_moves_on() {
        let (mut model, connection) = syncing(SyncStep::Syncing);
        model.now += TimeDelta::minutes(2);
        transactions_imported(&mut model, &connection, 2_000);
        transactions_imported(&mut model, &connection, 4_000);
        let row = &model.sync.rows[0];
        assert_eq!(row.imported, 4_000);
        assert_eq!(row.deadline, deadline::deadline_from(model.now));
    }

    #[test]
    fn a_count_for_a_finished_or_unknown_sync_changes_nothing() {
        let failed = SyncStep::Failed(ChannelHealth::Other("stopped".into()));
        let (mut model, connection) = syncing(failed);
        transactions_imported(&mut model, &connection, 2_000);
        transactions_imported(&mut model, &ConnectionId::oxlin("other"), 2_000);
        assert_eq!(model.sync.rows[0].imported, 0);
        assert_eq!(model.sync.rows.len(), 1);
    }

    #[test]
    fn a_new_sync_of_the_same_bank_counts_from_zero() {
        let (mut model, connection) = syncing(SyncStep::Syncing);
        transactions_imported(&mut model, &connection, 10_000);
        super::super::register(&mut model, &connection, SyncStep::Starting);
        assert_eq!(model.sync.rows[0].imported, 0);
    }
}
