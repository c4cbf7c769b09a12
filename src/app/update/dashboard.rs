//! The dashboard (pure, like `update`): its keys and the actions they ask for, and the store's
//! answers it waits for (its data, the API's reachability; the transactions view's windows,
//! counts and facts: [`tx_reads`] and the handlers after it).
//! A key with nothing to act on (`s` with no bank, `r` on a bank that needs nothing) says so
//! on the status line rather than doing nothing silently. `p` turns privacy mode on and off
//! (`Model::numbers`, read by every screen through `ui::format`); `y` copies the selection
//! through the OSC 52 command the browser wait's `y` uses, and says what it copied. German
//! banks (finX) are synced (`s`) and renewed (`r`) from here when finX is configured
//! ([`german`]); without it, the status line says `coffre sync` refreshes them.

use crossterm::event::{KeyCode, KeyEvent};

use rust_i18n::t;

use crate::app::onboarding::back_to_picker;
use crate::app::progress::{register, sync_every_connection, synced_here};
use crate::app::session::open_login;
use crate::app::widget::BrowserCommand;
use crate::app::{Command, Model, Screen};
use crate::domain::SyncStep;
use crate::i18n::Lang;
use crate::screens::dashboard::transactions::TxRead;
use crate::screens::dashboard::{Copied, DashboardAction, DashboardData};
use crate::ui::format::NumberStyle;
use crate::ui::widgets::status_line::Status;

mod german;

/// A key on the dashboard; `l` (unused by the dashboard) opens the login screen when no session
/// is open.
pub(super) fn dashboard_key(model: &mut Model, key: KeyEvent) -> Vec<Command> {
    let Screen::Dashboard(dashboard) = &mut model.screen else {
        return Vec::new();
    };
    let typing = dashboard.is_typing();
    let action = dashboard.on_key(key, model.now.date_naive());
    // `r` on a German bank that needs nothing yet still renews its access (90 days from now).
    if let (KeyCode::Char('r'), DashboardAction::Notice(_), Some(bank)) =
        (key.code, &action, dashboard.selected_bank())
        && model.finx
        && !typing
        && !synced_here(bank)
    {
        let bank = bank.clone();
        return german::renew(model, bank);
    }
    if key.code == KeyCode::Char('l')
        && !typing
        && !model.session.is_logged_in()
        && action == DashboardAction::None
    {
        return open_login(model);
    }
    dashboard_action(model, action)
}

/// Turns a dashboard action into commands.
fn dashboard_action(model: &mut Model, action: DashboardAction) -> Vec<Command> {
    match action {
        DashboardAction::None => Vec::new(),
        DashboardAction::AddBank if !model.session.is_logged_in() => {
            let cmds = open_login(model);
            let text = t!("status.log_in_first", locale = model.lang.code());
            model.status = Some(Status::Info(text.into()));
            cmds
        }
        DashboardAction::SyncAll => sync_or_say_why_not(model),
        DashboardAction::SyncOne(connection) if model.finx && !synced_here(&connection) => {
            german::sync(model, connection)
        }
        DashboardAction::RenewCredentials(connection)
            if model.finx && !synced_here(&connection) =>
        {
            german::renew(model, connection)
        }
        DashboardAction::SyncOne(connection)
        | DashboardAction::RenewCredentials(connection)
        | DashboardAction::AddChannel(connection)
            if !synced_here(&connection) =>
        {
            let said = t!("status.finx_by_coffre_sync", locale = model.lang.code());
            model.status = Some(Status::Info(said.into()));
            Vec::new()
        }
        DashboardAction::SyncOne(connection) => {
            let running = model
                .sync
                .rows
                .iter()
                .any(|r| r.connection == connection && r.is_running());
            if running {
                let text = t!("status.bank_syncing", locale = model.lang.code());
                model.status = Some(Status::Info(text.into()));
                return Vec::new();
            }
            let generation = register(model, &connection, SyncStep::Starting);
            vec![Command::SyncNow {
                connection,
                generation,
            }]
        }
        DashboardAction::Notice(text) => {
            model.status = Some(Status::Info(text));
            Vec::new()
        }
        DashboardAction::RenewCredentials(connection) => {
            vec![Command::RenewCredentials { connection }]
        }
        DashboardAction::AddChannel(connection) => vec![Command::AddChannel { connection }],
        DashboardAction::GiveConsent(connection) => {
            let generation = register(model, &connection, SyncStep::WaitingForUser);
            vec![Command::GiveConsent {
                connection,
                generation,
            }]
        }
        DashboardAction::Archive(account, archived) => {
            vec![Command::ArchiveAccount { account, archived }]
        }
        DashboardAction::DeleteConnection(connection) => {
            vec![Command::DeleteConnection { connection }]
        }
        DashboardAction::Export(request) => export_command(model, request),
        DashboardAction::TogglePrivacy => {
            model.numbers = model.numbers.private(!model.numbers.is_private());
            let code = model.lang.code();
            let text = if model.numbers.is_private() {
                t!("status.privacy_on", locale = code)
            } else {
                t!("status.privacy_off", locale = code)
            };
            model.status = Some(Status::Info(text.into()));
            Vec::new()
        }
        DashboardAction::Copy { what, text } => {
            let said = copied(&what, &text, model.numbers, model.lang);
            model.status = Some(Status::Info(said));
            vec![Command::Browser(BrowserCommand::Copy { text })]
        }
        DashboardAction::AddBank => {
            if let Screen::Dashboard(d) = &model.screen {
                model.onboarding.known = d.known_connections();
            }
            back_to_picker(model)
        }
    }
}

/// What the status line says once `y` copied `text`: an IBAN is not written out in privacy
/// mode (the clipboard still gets it: the user asked for it).
fn copied(what: &Copied, text: &str, numbers: NumberStyle, lang: Lang) -> String {
    let text = crate::screens::clean(text);
    let code = lang.code();
    match what {
        Copied::Iban(account) if numbers.is_private() => {
            t!(
                "status.copied_iban_hidden",
                locale = code,
                account = account
            )
        }
        Copied::Iban(account) => t!(
            "status.copied_iban",
            locale = code,
            account = account,
            text = text
        ),
        Copied::Label => t!("status.copied_label", locale = code, text = text),
    }
    .into_owned()
}

/// `s`: every bank syncs; with nothing to sync, the status line says why.
fn sync_or_say_why_not(model: &mut Model) -> Vec<Command> {
    let cmds = sync_every_connection(model);
    let Screen::Dashboard(d) = &model.screen else {
        return cmds;
    };
    if !cmds.is_empty() || d.sync_when_loaded {
        return cmds;
    }
    let code = model.lang.code();
    let why = if d.connection_names().next().is_none() {
        t!("status.no_bank", locale = code)
    } else if !d.connection_names().any(|(id, _)| synced_here(id)) {
        t!("status.finx_by_coffre_sync", locale = code)
    } else {
        t!("status.all_syncing", locale = code)
    };
    model.status = Some(Status::Info(why.into()));
    cmds
}

/// The store's data arrived; a sync asked for while loading starts now.
pub(super) fn dashboard_loaded(
    model: &mut Model,
    result: Result<DashboardData, String>,
) -> Vec<Command> {
    let Screen::Dashboard(d) = &mut model.screen else {
        return Vec::new();
    };
    match result {
        Ok(data) => d.load(data),
        Err(e) => {
            d.loading = false;
            d.error = Some(crate::screens::clean(&e));
        }
    }
    if std::mem::take(&mut d.sync_when_loaded) {
        return sync_every_connection(model);
    }
    Vec::new()
}

/// The charts' data was read (after the transactions): the charts view draws it.
pub(super) fn charts_loaded(
    model: &mut Model,
    result: Result<Box<crate::store::read_model::charts::ChartData>, String>,
) -> Vec<Command> {
    if let Screen::Dashboard(d) = &mut model.screen {
        d.charts.loaded(result.map(|data| *data));
    }
    Vec::new()
}

/// The API became reachable or not: the OFFLINE badge.
pub(super) fn connectivity(model: &mut Model, online: bool) -> Vec<Command> {
    if let Screen::Dashboard(d) = &mut model.screen {
        d.offline = !online;
    }
    Vec::new()
}

/// The export answered: the dialog closes and the status line says where the file went, or the
/// dialog stays open saying why not (the path as typed, to fix).
pub(super) fn exported(model: &mut Model, result: Result<String, String>) -> Vec<Command> {
    if let Screen::Dashboard(d) = &mut model.screen {
        d.export_finished(&result);
    }
    model.status = Some(match result {
        Ok(done) => Status::Info(crate::screens::clean(&done)),
        Err(why) => Status::Error(format!(
            "{} {}",
            t!("status.export_failed", locale = model.lang.code()),
            crate::screens::clean(&why)
        )),
    });
    Vec::new()
}

/// The reads of the store the transactions view asked for (after any message), as commands
/// carrying its query.
pub(super) fn tx_reads(model: &mut Model) -> Vec<Command> {
    let Screen::Dashboard(d) = &mut model.screen else {
        return Vec::new();
    };
    let reads = d.take_tx_reads();
    if reads.is_empty() {
        return Vec::new();
    }
    let query = d.tx_query(model.lang);
    reads
        .into_iter()
        .map(|read| match read {
            TxRead::Window {
                generation,
                anchor,
                n,
            } => Command::ReadTxWindow {
                generation,
                query: query.clone(),
                anchor,
                n,
            },
            TxRead::Count { generation } => Command::CountTx {
                generation,
                query: query.clone(),
            },
            TxRead::Facts { generation } => Command::ReadTxFacts { generation },
        })
        .collect()
}

/// A window of the transactions view was read.
pub(super) fn tx_window_read(
    model: &mut Model,
    generation: u64,
    rows: Result<Box<crate::store::window::Window>, String>,
) -> Vec<Command> {
    if let Screen::Dashboard(d) = &mut model.screen {
        d.tx_window_read(generation, rows.map(|w| *w));
    }
    Vec::new()
}

/// The transactions view's query was counted.
pub(super) fn tx_counted(
    model: &mut Model,
    generation: u64,
    count: Result<usize, String>,
) -> Vec<Command> {
    if let Screen::Dashboard(d) = &mut model.screen {
        d.tx_counted(generation, count);
    }
    Vec::new()
}

/// The store's total and categories were read.
pub(super) fn tx_facts_read(
    model: &mut Model,
    generation: u64,
    facts: Result<crate::store::dashboard::TxFacts, String>,
) -> Vec<Command> {
    if let Screen::Dashboard(d) = &mut model.screen {
        d.tx_facts_read(generation, facts);
    }
    Vec::new()
}

/// An export from the dialog: the transactions view's rows go as its query (the exporter reads
/// them from the store, category names sorting in the UI's language), the rest as asked.
fn export_command(model: &Model, request: crate::export::ExportRequest) -> Vec<Command> {
    let query = match &model.screen {
        Screen::Dashboard(d) => d.export.as_ref().and_then(|e| e.query()).cloned(),
        _ => None,
    };
    match query {
        Some(mut query) => {
            query.language = model.lang.category_names();
            vec![Command::ExportQuery { request, query }]
        }
        None => vec![Command::Export(request)],
    }
}
