//! After an Oxlin page named a connection: check that Oxlin knows it, wait (within what is left
//! of the flow's time) until its sync is over, reporting progress, then write it to the store.
//! The status is the connection's; when the page returned a queue (`captive_mode=false`), its
//! events are read meanwhile and shown as progress.

use std::time::Duration;

use crate::app::Msg;
use crate::app::widget::{BrowserEvent, WidgetDone};
use crate::domain::{CallFailure, ConnectionId, PageFailure};
use crate::oxlin::client::Client;
use crate::oxlin::error::OxlinError;
use crate::oxlin::to_domain;
use crate::oxlin::wire::{Connection, ConnectionStatus};
use crate::tasks::Runner;
use crate::tasks::store_sync::{StoreTarget, save_connection};

/// Waits for `connection`'s sync and writes it to the store.
pub(super) async fn settle(
    runner: &Runner,
    client: &Client,
    request: u64,
    connection: ConnectionId,
    queue: Option<String>,
    left: Duration,
) -> Result<WidgetDone, CallFailure> {
    let progress = |step: String| {
        runner
            .sender
            .send(Msg::Browser(BrowserEvent::Progress { request, step }))
    };
    let mut wire = known(client, &connection).await?;
    let bank = wire.name.clone().unwrap_or_else(|| {
        rust_i18n::t!("widget.your_bank", locale = runner.sender.lang().code()).into()
    });
    progress(
        rust_i18n::t!(
            "widget.reading",
            locale = runner.sender.lang().code(),
            bank = bank
        )
        .into(),
    );
    let every = runner.options.poll_every;
    let waited = tokio::time::timeout(left, async {
        while matches!(wire.status, Some(ConnectionStatus::Running) | None) {
            tokio::time::sleep(every).await;
            if let Some(queue) = &queue
                && let Ok(events) = client.poll(queue).await
                && let Some(last) = events.last()
            {
                progress(
                    rust_i18n::t!(
                        "widget.reading_step",
                        locale = runner.sender.lang().code(),
                        bank = bank,
                        step = last.event_type
                    )
                    .into(),
                );
            }
            if let Ok(now) = client.connection(connection.raw()).await {
                wire = now;
            }
        }
    })
    .await;
    if waited.is_err() {
        return Err(CallFailure::Rejected(
            rust_i18n::t!(
                "widget.still_reading",
                locale = runner.sender.lang().code(),
                bank = bank
            )
            .into(),
        ));
    }
    progress(
        rust_i18n::t!(
            "widget.saving",
            locale = runner.sender.lang().code(),
            bank = bank
        )
        .into(),
    );
    let target = StoreTarget {
        path: runner.options.store.clone().ok_or_else(|| {
            CallFailure::Rejected(
                rust_i18n::t!("widget.no_store", locale = runner.sender.lang().code()).into(),
            )
        })?,
        session_owner: runner.options.session_owner.clone(),
    };
    let saved = save_connection(client.clone(), target, connection.clone())
        .await
        .map_err(CallFailure::Rejected)?;
    if !crate::tasks::redirect::status_poll::works(&wire) {
        return Err(CallFailure::Rejected(
            rust_i18n::t!(
                "widget.could_not_read",
                locale = runner.sender.lang().code(),
                bank = bank
            )
            .into(),
        ));
    }
    Ok(WidgetDone {
        connection: Some(connection),
        bank,
        new_transactions: saved.new_transactions,
    })
}

/// The connection the page named, as Oxlin knows it; an unknown one changes nothing.
async fn known(client: &Client, connection: &ConnectionId) -> Result<Connection, CallFailure> {
    match client.connection(connection.raw()).await {
        Ok(wire) => Ok(wire),
        Err(OxlinError::NotFound(_)) => Err(CallFailure::Page(PageFailure::UnknownConnection(
            crate::sanitize::clean_line(connection.raw()),
        ))),
        Err(e) => Err(to_domain::call_failure(&e)),
    }
}
