//! The dashboard's keys and mouse: `Tab` switches views, `s` syncs, `e` opens the export
//! dialog for what is on screen (keys then go to it until it closes); the accounts view moves
//! (over accounts, and the headings of banks without any), opens an account (Enter) or a bank's
//! details (Enter on its heading, `i` anywhere), archives, deletes (after `y`), does what a bank
//! needs (`r`: the action its heading names, or says on the status line that there is nothing
//! to do); the transactions view's keys go to [`super::transactions`], except `c`/`C`, which
//! step through the categories; `v` opens the charts, whose keys go to [`super::charts`].

use crossterm::event::{KeyCode, KeyEvent, MouseEvent, MouseEventKind};

use super::picks::Pick;
use super::transactions::TxAction;
use super::{Dashboard, DashboardAction, Prompt, Tab, account_keys};
use crate::domain::NextAction;
use crate::screens::export_dialog::{DialogAction, ExportDialog};

impl Dashboard {
    /// Handles a key; `today` dates an export's default file name.
    pub fn on_key(&mut self, key: KeyEvent, today: chrono::NaiveDate) -> DashboardAction {
        if let Some(dialog) = &mut self.export {
            return match dialog.on_key(key) {
                DialogAction::None => DashboardAction::None,
                DialogAction::Cancel => {
                    self.export = None;
                    DashboardAction::None
                }
                DialogAction::Export(request) => DashboardAction::Export(request),
            };
        }
        if let Some(prompt) = self.prompt.take() {
            return self.answer_prompt(prompt, key);
        }
        if self.is_typing() {
            self.tx.on_key(key, &account_keys(&self.accounts));
            return DashboardAction::None;
        }
        match key.code {
            KeyCode::Tab | KeyCode::BackTab => {
                self.tab = match self.tab {
                    Tab::Accounts | Tab::Charts => Tab::Transactions,
                    Tab::Transactions => Tab::Accounts,
                };
                return DashboardAction::None;
            }
            KeyCode::Char('v') if self.tab != Tab::Charts => {
                self.tab = Tab::Charts;
                return DashboardAction::None;
            }
            KeyCode::Char(c @ ('c' | 'C')) if self.tab == Tab::Transactions => {
                self.step_category_filter(c == 'c');
                return DashboardAction::None;
            }
            KeyCode::Char('s') => return DashboardAction::SyncAll,
            KeyCode::Char('p') => return DashboardAction::TogglePrivacy,
            KeyCode::Char('y') => return self.copy_selected(),
            KeyCode::Char('e') if !self.loading => {
                self.export = Some(ExportDialog::new(self.export_scope(), today));
                return DashboardAction::None;
            }
            _ => {}
        }
        match self.tab {
            Tab::Accounts => self.accounts_key(key),
            Tab::Transactions => {
                if self.tx.on_key(key, &account_keys(&self.accounts)) == TxAction::Back {
                    self.tab = Tab::Accounts;
                }
                DashboardAction::None
            }
            Tab::Charts => self.charts_key(key),
        }
    }

    fn accounts_key(&mut self, key: KeyEvent) -> DashboardAction {
        let last = self.picks.len().saturating_sub(1);
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => {
                self.account_cursor = self.account_cursor.saturating_sub(1)
            }
            KeyCode::Down | KeyCode::Char('j') => {
                self.account_cursor = (self.account_cursor + 1).min(last)
            }
            KeyCode::Home | KeyCode::Char('g') => self.account_cursor = 0,
            KeyCode::End | KeyCode::Char('G') => self.account_cursor = last,
            KeyCode::Enter => match self.selected() {
                Some(Pick::Account(a)) => {
                    let key = self
                        .accounts
                        .get(a as usize)
                        .map(|a| a.id().key().to_owned());
                    self.tx.scope(key);
                    self.tab = Tab::Transactions;
                }
                Some(Pick::Bank(_)) => return self.open_details(),
                None => {}
            },
            KeyCode::Char('i') => return self.open_details(),
            KeyCode::Char('a') => return DashboardAction::AddBank,
            KeyCode::Char('x') => {
                if let Some(a) = self
                    .selected_account()
                    .and_then(|a| self.accounts.get(a as usize))
                {
                    return DashboardAction::Archive(a.id().clone(), !a.archived());
                }
            }
            KeyCode::Char('D') => match self.selected_connection() {
                Some(c) => self.prompt = Some(Prompt::Delete(c.id().clone())),
                None => return nothing_selected(),
            },
            KeyCode::Char('r') => return self.fix_selected(),
            KeyCode::Char('c') => {
                if let Some(c) = self.selected_connection() {
                    return DashboardAction::AddChannel(c.id().clone());
                }
            }
            _ => {}
        }
        DashboardAction::None
    }

    /// The selected bank's details (raw API status), or why there are none.
    fn open_details(&mut self) -> DashboardAction {
        match self.selected_connection() {
            Some(c) => {
                self.prompt = Some(Prompt::Detail(c.id().clone()));
                DashboardAction::None
            }
            None => nothing_selected(),
        }
    }

    /// The action the selected bank needs (`r`), the one its heading names; or a notice
    /// saying there is nothing to do.
    fn fix_selected(&mut self) -> DashboardAction {
        let Some(c) = self.selected_connection() else {
            return nothing_selected();
        };
        let id = c.id().clone();
        let shared = self
            .connections
            .iter()
            .position(|k| k.id() == &id)
            .map_or(0, |k| self.accounts_of(k));
        match &c.next_action {
            NextAction::UpdateCredentials | NextAction::AddCredentials => {
                DashboardAction::RenewCredentials(id)
            }
            NextAction::AnswerChallenge | NextAction::ActAtBank => DashboardAction::SyncOne(id),
            _ if c.is_closed() => DashboardAction::Notice(format!(
                "{} is closed at the bank: D deletes it from coffre.",
                c.bank()
            )),
            NextAction::RetryLater | NextAction::Other(_) => DashboardAction::SyncOne(id),
            NextAction::RenewBefore(_) => DashboardAction::RenewCredentials(id),
            _ if c.accounts_pending_consent > 0 => DashboardAction::GiveConsent(id),
            _ if shared == 0 => DashboardAction::Notice(format!(
                "{} shares no account: D deletes it, a adds it again.",
                c.bank()
            )),
            _ => DashboardAction::Notice(format!("{} needs nothing: it is up to date.", c.bank())),
        }
    }

    fn answer_prompt(&mut self, prompt: Prompt, key: KeyEvent) -> DashboardAction {
        match (prompt, key.code) {
            (Prompt::Delete(c), KeyCode::Char('y')) => DashboardAction::DeleteConnection(c),
            (Prompt::Delete(_), _) => DashboardAction::Notice("Not deleted.".into()),
            _ => DashboardAction::None,
        }
    }

    /// `c` / `C`: the transactions view shows the next (previous) category only, then all.
    fn step_category_filter(&mut self, forward: bool) {
        let codes: Vec<&str> = self
            .tx
            .facts()
            .map(|f| f.categories.iter().map(String::as_str).collect())
            .unwrap_or_default();
        let current = self.tx.selection.category.as_deref();
        let next = super::filter_bar::step_through(current, &codes, forward);
        self.tx.selection.category = next;
        self.tx.requery();
    }

    /// The mouse wheel scrolls the view on screen; a click selects (`clicks.rs`).
    pub fn on_mouse(&mut self, event: MouseEvent) {
        let delta = match event.kind {
            MouseEventKind::ScrollDown => 3,
            MouseEventKind::ScrollUp => -3,
            _ => return self.on_click(event),
        };
        match self.tab {
            Tab::Transactions => self.tx.move_by(delta),
            Tab::Accounts | Tab::Charts => {
                let last = self.picks.len().saturating_sub(1);
                self.account_cursor = self.account_cursor.saturating_add_signed(delta).min(last);
            }
        }
    }
}

/// `r`, `D` or `i` with no bank on screen.
fn nothing_selected() -> DashboardAction {
    DashboardAction::Notice("No bank to act on yet: press a to connect one.".into())
}
