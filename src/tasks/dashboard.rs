//! The dashboard's commands: read the store (`LoadDashboard`, on a blocking thread, never on the
//! UI task: the summary and the charts; the transactions view reads its own windows,
//! `super::tx_window`; while logged in, the API's list of connections is recorded too: [`refresh`]), sync a connection now, renew its credentials, give consent, delete a connection,
//! archive an account and export. Changes the API accepted are mirrored in the store, then the
//! dashboard is read again, so what it shows is always the store.
//!
//! Docs gaps, our choices: the export goes where the dialog says, a name alone to
//! `$XDG_DOWNLOAD_DIR` or the current directory (`crate::export::request`); which channel a renewal or
//! an added channel is for: [`super::channel_choice`]; a connection deleted on the
//! API but absent from the store is not an error; a bank the server no longer knows (the
//! built-in sandbox starts empty on every run) is reported with what to do, never removed
//! silently.

mod refresh;

use std::path::PathBuf;

use chrono::Utc;
use rust_i18n::t;

use crate::app::ApiEvent;
use crate::domain::{AccountId, CallFailure, ChannelHealth, ConnectionId, SyncStep};
use crate::export::{ExportRequest, QueryRows, StoredRows};
use crate::oxlin::client::Client;
use crate::oxlin::endpoints::AccountFilter;
use crate::oxlin::error::OxlinError;
use crate::oxlin::to_domain;
use crate::oxlin::wire::{AccountStatus, SyncType};
use crate::store::Store;
use crate::store::dashboard::{load_charts, load_dashboard_summary};
use crate::store::window::TxQuery;
use crate::tasks::channel_choice::{ChannelPurpose, channel_for};
use crate::tasks::sender::MsgSender;

/// Where the dashboard's commands read and write.
#[derive(Debug, Clone)]
pub(super) struct Local {
    pub store: Option<PathBuf>,
    pub sender: MsgSender,
}

impl Local {
    fn open(&self) -> Result<Store, String> {
        let path = self.store.as_ref().ok_or("no local store")?;
        Store::open(path).map_err(|e| e.to_string())
    }

    /// Reads the dashboard from the store on a blocking thread, in two messages: the summary
    /// (connections, accounts, histories) at once, then the charts.
    pub fn load(&self) {
        let local = self.clone();
        self.sender
            .spawn_blocking("loading the dashboard", move || {
                let store = match local.open() {
                    Ok(store) => store,
                    Err(e) => return local.sender.api(ApiEvent::DashboardLoaded(Err(e))),
                };
                let summary = load_dashboard_summary(&store, Utc::now()).map_err(|e| e.to_string());
                local.sender.api(ApiEvent::DashboardLoaded(summary));
                let today = crate::domain::paris_date(Utc::now().timestamp());
                let charts = today
                    .ok_or_else(|| "the clock is out of range".to_string())
                    .and_then(|today| load_charts(&store, today).map_err(|e| e.to_string()));
                local
                    .sender
                    .api(ApiEvent::ChartsLoaded(charts.map(Box::new)));
            });
    }

    /// Runs `change` on the store (blocking thread), then reloads the dashboard and says `done`.
    async fn change_then_reload(
        &self,
        change: impl FnOnce(&mut Store) -> Result<(), String> + Send + 'static,
        done: String,
    ) {
        let local = self.clone();
        let result = tokio::task::spawn_blocking(move || {
            let mut store = local.open()?;
            change(&mut store)
        })
        .await
        .unwrap_or_else(|e| Err(e.to_string()));
        match result {
            Ok(()) => self.sender.api(ApiEvent::Notice(done)),
            Err(e) => self.fail(None, CallFailure::Rejected(format!("the store: {e}"))),
        }
        self.load();
    }

    fn fail(&self, connection: Option<&ConnectionId>, error: CallFailure) {
        if error == CallFailure::Unreachable {
            self.sender.api(ApiEvent::Connectivity { online: false });
        }
        self.sender.api(ApiEvent::Failed {
            connection: connection.cloned(),
            error,
        });
    }

    /// Asks the API to sync `connection` (the poller already watches it with `generation`).
    pub async fn sync_now(&self, client: Client, connection: ConnectionId, generation: u64) {
        if let Err(e) = client.sync(connection.raw(), SyncType::All).await {
            if crate::tasks::sync_start::already_running(&client, &connection).await {
                crate::tasks::sync_start::follow_running(&self.sender, connection, generation);
                return;
            }
            let error = match e {
                OxlinError::NotFound(_) => CallFailure::Rejected(
                    "the server no longer knows this bank (the built-in sandbox forgets on \
                     restart): D removes it, a adds it again"
                        .into(),
                ),
                e => to_domain::call_failure(&e),
            };
            self.sender.api(ApiEvent::SyncProgressed {
                connection: connection.clone(),
                generation,
                step: SyncStep::Failed(ChannelHealth::Other(
                    crate::wording::failures::call_failure(&error, crate::i18n::Lang::En),
                )),
            });
            self.fail(Some(&connection), error);
        }
    }

    /// Finds the connection's bank and channel and asks the app to open them for renewal.
    pub async fn renew(&self, client: Client, connection: ConnectionId, purpose: ChannelPurpose) {
        match channel_for(&client, &connection, purpose, self.sender.lang()).await {
            Ok(event) => self.sender.api(event),
            Err(e) => self.fail(Some(&connection), to_domain::call_failure(&e)),
        }
    }

    /// Lists the connection's accounts waiting for consent (answered as a consent request).
    pub async fn give_consent(&self, client: Client, connection: ConnectionId, generation: u64) {
        let filter = AccountFilter {
            connection_id: Some(connection.raw().to_owned()),
            ..AccountFilter::default()
        };
        let listed = async {
            let wire = client.connection(connection.raw()).await?;
            let accounts = client.accounts(&filter).await?;
            Ok::<_, OxlinError>((wire, accounts))
        };
        match listed.await {
            Ok((wire, accounts)) => {
                let accounts: Vec<_> = accounts
                    .iter()
                    .filter(|a| a.status == Some(AccountStatus::PendingConsent))
                    .map(to_domain::account)
                    .collect();
                if accounts.is_empty() {
                    self.sender.api(ApiEvent::SyncProgressed {
                        connection,
                        generation,
                        step: SyncStep::Done,
                    });
                    let said = t!(
                        "notice.no_consent_waits",
                        locale = self.sender.lang().code()
                    );
                    self.sender.api(ApiEvent::Notice(said.into()));
                    return;
                }
                let channel = wire
                    .channels
                    .first()
                    .map(|c| c.channel_definition_id.clone())
                    .unwrap_or_default();
                self.sender.api(ApiEvent::ConsentRequested {
                    connection,
                    channel,
                    generation,
                    accounts,
                });
            }
            Err(e) => {
                self.sender.api(ApiEvent::SyncProgressed {
                    connection: connection.clone(),
                    generation,
                    step: SyncStep::Failed(ChannelHealth::Other("consent".into())),
                });
                self.fail(Some(&connection), to_domain::call_failure(&e));
            }
        }
    }

    /// Deletes the connection on the API, then from the store.
    pub async fn delete(&self, client: Client, connection: ConnectionId) {
        match client.delete_connection(connection.raw()).await {
            Ok(()) | Err(OxlinError::NotFound(_)) => {
                let id = connection.clone();
                self.change_then_reload(
                    move |store| {
                        store
                            .delete_connection(&id)
                            .map(drop)
                            .map_err(|e| e.to_string())
                    },
                    t!("notice.bank_deleted", locale = self.sender.lang().code()).into(),
                )
                .await
            }
            Err(e) => self.fail(Some(&connection), to_domain::call_failure(&e)),
        }
    }

    /// Archives or unarchives the account on the API, then in the store.
    pub async fn archive(&self, client: Client, account: AccountId, archived: bool) {
        match client.set_archived(account.raw(), archived).await {
            Ok(()) => {
                let id = account.clone();
                let code = self.sender.lang().code();
                let done = if archived {
                    t!("notice.account_archived", locale = code)
                } else {
                    t!("notice.account_unarchived", locale = code)
                };
                self.change_then_reload(
                    move |store| {
                        store
                            .set_account_archived(&id, archived)
                            .map(drop)
                            .map_err(|e| e.to_string())
                    },
                    done.into(),
                )
                .await
            }
            Err(e) => self.fail(None, to_domain::call_failure(&e)),
        }
    }

    /// Writes the export the dialog asked for and says where it went, or why it could not.
    pub fn export(&self, request: ExportRequest) {
        let local = self.clone();
        self.sender.spawn_blocking("exporting", move || {
            let result = local.write_export(&request, None);
            local.sender.api(ApiEvent::Exported(result));
        });
    }

    /// Writes the rows of `query` (the transactions view's), in its order, as `request` says.
    pub fn export_query(&self, request: ExportRequest, query: TxQuery) {
        let local = self.clone();
        self.sender.spawn_blocking("exporting", move || {
            let result = local.write_export(&request, Some(query));
            local.sender.api(ApiEvent::Exported(result));
        });
    }

    /// Streams the export from the store: `query`'s rows in its order, else every row of
    /// `request`'s account (or of every account), oldest first.
    fn write_export(
        &self,
        request: &ExportRequest,
        query: Option<TxQuery>,
    ) -> Result<String, String> {
        let store = self.open()?;
        let target = crate::export::request::resolve_here(&request.path);
        let count = match query {
            Some(query) => {
                let rows = QueryRows::new(&store, query).map_err(|e| e.to_string())?;
                crate::export::request::write_source(request, &rows, &target)?
            }
            None => {
                let rows = StoredRows::new(&store, request.account.clone(), None)
                    .map_err(|e| e.to_string())?;
                crate::export::request::write_source(request, &rows, &target)?
            }
        };
        let path = target.display().to_string();
        let code = self.sender.lang().code();
        Ok(if count == 1 {
            t!("notice.exported_one", locale = code, path = path)
        } else {
            t!(
                "notice.exported_many",
                locale = code,
                count = count,
                path = path
            )
        }
        .into_owned())
    }
}
