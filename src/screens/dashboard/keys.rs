//! The dashboard's keys and mouse: `Tab` switches views, `s` syncs, `e` opens the export
//! dialog for what is on screen (keys then go to it until it closes); the accounts view moves, opens an account, archives, deletes (after `y`), fixes what
//! a bank needs (`r`); the transactions view's keys go to [`super::transactions`].

use crossterm::event::{KeyCode, KeyEvent, MouseEvent, MouseEventKind};

use super::transactions::TxAction;
use super::{Dashboard, DashboardAction, Prompt, Tab};
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
            self.tx.on_key(key, &self.table, self.accounts.len() as u32);
            return DashboardAction::None;
        }
        match key.code {
            KeyCode::Tab | KeyCode::BackTab => {
                self.tab = match self.tab {
                    Tab::Accounts => Tab::Transactions,
                    Tab::Transactions => Tab::Accounts,
                };
                return DashboardAction::None;
            }
            KeyCode::Char('s') => return DashboardAction::SyncAll,
            KeyCode::Char('e') if !self.loading => {
                self.export = Some(ExportDialog::new(self.export_scope(), today));
                return DashboardAction::None;
            }
            _ => {}
        }
        match self.tab {
            Tab::Accounts => self.accounts_key(key),
            Tab::Transactions => {
                if self.tx.on_key(key, &self.table, self.accounts.len() as u32) == TxAction::Back {
                    self.tab = Tab::Accounts;
                }
                DashboardAction::None
            }
        }
    }

    fn accounts_key(&mut self, key: KeyEvent) -> DashboardAction {
        let last = self.order.len().saturating_sub(1);
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => {
                self.account_cursor = self.account_cursor.saturating_sub(1)
            }
            KeyCode::Down | KeyCode::Char('j') => {
                self.account_cursor = (self.account_cursor + 1).min(last)
            }
            KeyCode::Home | KeyCode::Char('g') => self.account_cursor = 0,
            KeyCode::End | KeyCode::Char('G') => self.account_cursor = last,
            KeyCode::Enter => {
                if let Some(a) = self.selected_account() {
                    self.tx.scope(&self.table, Some(a));
                    self.tab = Tab::Transactions;
                }
            }
            KeyCode::Char('a') => return DashboardAction::AddBank,
            KeyCode::Char('x') => {
                if let Some(a) = self
                    .selected_account()
                    .and_then(|a| self.accounts.get(a as usize))
                {
                    return DashboardAction::Archive(a.id().clone(), !a.archived());
                }
            }
            KeyCode::Char('D') => {
                if let Some(c) = self.selected_connection() {
                    self.prompt = Some(Prompt::Delete(c.id().clone()));
                }
            }
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

    /// The action the selected account's connection needs (`r`).
    fn fix_selected(&self) -> DashboardAction {
        let Some(c) = self.selected_connection() else {
            return DashboardAction::None;
        };
        let expiring = matches!(c.next_action, NextAction::RenewBefore(_));
        match (&c.next_action, c.accounts_pending_consent) {
            (NextAction::UpdateCredentials, _) => DashboardAction::RenewCredentials(c.id().clone()),
            (_, n) if n > 0 => DashboardAction::GiveConsent(c.id().clone()),
            _ if expiring => DashboardAction::RenewCredentials(c.id().clone()),
            _ => DashboardAction::None,
        }
    }

    fn answer_prompt(&mut self, prompt: Prompt, key: KeyEvent) -> DashboardAction {
        match (prompt, key.code) {
            (Prompt::Delete(c), KeyCode::Char('y')) => DashboardAction::DeleteConnection(c),
            _ => DashboardAction::None,
        }
    }

    /// The mouse wheel scrolls the view on screen.
    pub fn on_mouse(&mut self, event: MouseEvent) {
        let delta = match event.kind {
            MouseEventKind::ScrollDown => 3,
            MouseEventKind::ScrollUp => -3,
            _ => return,
        };
        match self.tab {
            Tab::Transactions => self.tx.move_by(delta),
            Tab::Accounts => {
                let last = self.order.len().saturating_sub(1);
                self.account_cursor = self.account_cursor.saturating_add_signed(delta).min(last);
            }
        }
    }
}
