//! What the export dialog exports, read off the dashboard when `e` is pressed: from the
//! transactions view, exactly the rows of its query (after the search, the filters and the
//! account, in the sort order) — the query is handed to the exporter, which reads them from the
//! store, not from the window on screen —, described so the user knows what the file will
//! hold; from the accounts view, every transaction of every account. And the export's answer: closes the dialog, or
//! shows why the file could not be written.

use super::query::SortColumn;
use super::{Dashboard, Tab};
use crate::screens::export_dialog::{ExportScope, ScopeRows};
use crate::store::window::TxSelection;

impl Dashboard {
    /// What `e` exports now.
    pub(super) fn export_scope(&self) -> ExportScope {
        if self.tab != Tab::Transactions {
            return ExportScope {
                rows: ScopeRows::Everything(self.transaction_count()),
                name: "all".into(),
                account: None,
                only: None,
                query: None,
            };
        }
        let tx = &self.tx;
        let account = tx
            .selection
            .account
            .as_deref()
            .and_then(|key| self.account_of_key(key));
        let other_filters = TxSelection {
            account: None,
            search: String::new(),
            ..tx.selection.clone()
        };
        let sorted = tx.sort.column != SortColumn::Date || !tx.sort.descending;
        let rows = ScopeRows::OnScreen {
            count: tx.count().unwrap_or(tx.window_rows().len()),
            account: account.map(|a| a.account.name.clone()),
            search: (!tx.selection.search.is_empty()).then(|| tx.selection.search.clone()),
            filtered: other_filters != TxSelection::default(),
            sorted_by: sorted.then_some(tx.sort.column),
        };
        ExportScope {
            rows,
            name: account.map_or_else(|| "all".into(), |a| a.account.name.clone()),
            account: account.map(|a| a.id().clone()),
            only: None,
            query: Some(self.tx_query(crate::i18n::Lang::default())),
        }
    }

    /// The export answered: `Ok` closes the dialog; `Err` keeps it open saying why.
    pub fn export_finished(&mut self, result: &Result<String, String>) {
        match result {
            Ok(_) => self.export = None,
            Err(why) => {
                if let Some(dialog) = &mut self.export {
                    dialog.failed(why);
                }
            }
        }
    }
}
