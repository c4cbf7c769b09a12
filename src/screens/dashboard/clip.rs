//! `y` on the dashboard: what the selection offers to copy. The accounts view copies the
//! selected account's IBAN (as the bank wrote it, spaces included), the transactions view the
//! selected transaction's label (the row under the cursor, from the window the view holds). The app sends it to the terminal's clipboard (OSC 52, the same
//! command as the browser wait's `y` for its URL) and says on the status line what was copied.
//!
//! Choice (ours): a bank heading, an account without IBAN or an empty table has nothing to copy,
//! and the status line says so rather than copying something else.

use super::picks::Pick;
use super::{Dashboard, DashboardAction, Tab};

/// What `y` copied, for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Copied {
    /// The IBAN of this account (its name).
    Iban(String),
    /// A transaction's label.
    Label,
}

impl Dashboard {
    /// `y`: the selection's IBAN or label, or why there is nothing to copy.
    pub(super) fn copy_selected(&self) -> DashboardAction {
        match self.tab {
            Tab::Accounts => match self.selected() {
                Some(Pick::Account(a)) => {
                    let Some(account) = self.accounts.get(a as usize) else {
                        return nothing("No account is selected.");
                    };
                    match account.account.iban.as_deref().filter(|i| !i.is_empty()) {
                        Some(iban) => DashboardAction::Copy {
                            what: Copied::Iban(account.account.name.clone()),
                            text: iban.to_string(),
                        },
                        None => nothing(&format!("{} has no IBAN to copy.", account.account.name)),
                    }
                }
                Some(Pick::Bank(_)) | None => {
                    nothing("Nothing to copy here: select an account to copy its IBAN.")
                }
            },
            Tab::Transactions => match self.tx.selected_row() {
                Some(row) => DashboardAction::Copy {
                    what: Copied::Label,
                    text: row.label.to_string(),
                },
                None => nothing("No transaction is selected: nothing to copy."),
            },
            Tab::Charts => nothing("Nothing to copy in the charts: select an account or a row."),
        }
    }
}

fn nothing(why: &str) -> DashboardAction {
    DashboardAction::Notice(why.to_string())
}
