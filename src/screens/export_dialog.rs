//! The export dialog (`e` on the dashboard): exports what is on screen (the transactions view's
//! rows after its search, filters, account and sort; everything from the accounts view), asks
//! for the format and the path, and says where the file went or why it could not be written,
//! keeping the dialog open with the path as typed so nothing is lost.
//!
//! Keys: `←→` (or `Space` on the format line) choose the format, `Tab`/`↑↓` move between the
//! format and the path, typing edits the path, `Enter` exports, `Esc` cancels. Changing the
//! format changes the path's extension when it is still the default one.
//!
//! Choices (ours): the default file name is `coffre-<scope>-<YYYY-MM-DD>.<ext>`; a name alone
//! goes to `$XDG_DOWNLOAD_DIR`, else the folder coffre started in (`crate::export::request`);
//! an existing file is never overwritten. The view is in `export_dialog_view.rs`.

use std::path::PathBuf;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent};

use crate::domain::AccountId;
use crate::export::{Dialect, ExportRequest, Format};
use crate::ui::widgets::text_field::{FieldKind, TextField};

/// The formats offered, in order: format, CSV dialect, what the user reads.
pub const CHOICES: [(Format, Dialect, &str); 5] = [
    (Format::Csv, Dialect::Rfc4180, "CSV"),
    (
        Format::Csv,
        Dialect::ExcelFr,
        "CSV for a French spreadsheet (;)",
    ),
    (Format::Ledger, Dialect::Rfc4180, "ledger / hledger"),
    (Format::Beancount, Dialect::Rfc4180, "beancount"),
    (Format::Ofx, Dialect::Rfc4180, "OFX (bank statement)"),
];

/// What the rows to export are, as the dialog was opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportScope {
    /// For the user: "12 transactions on screen (search "cb")".
    pub description: String,
    /// The file name's scope part: `all`, or the account's name.
    pub name: String,
    /// Only this account.
    pub account: Option<AccountId>,
    /// Only these transactions (id keys) in this order; `None`: everything.
    pub only: Option<Vec<String>>,
}

/// What a key asks of the dashboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogAction {
    /// Stay open.
    None,
    /// Close without exporting.
    Cancel,
    /// Write this export (the dialog stays open, waiting, until the answer).
    Export(ExportRequest),
}

/// The dialog's state.
#[derive(Debug, Clone)]
pub struct ExportDialog {
    /// Index into [`CHOICES`].
    pub choice: usize,
    /// The path, as typed.
    pub path: TextField,
    /// The path line has the focus (else the format line).
    pub on_path: bool,
    /// What is exported.
    pub scope: ExportScope,
    /// Why the last try failed (shown until the next try).
    pub error: Option<String>,
    /// The file is being written.
    pub writing: bool,
    today: NaiveDate,
}

impl ExportDialog {
    /// A dialog for `scope`, CSV first, its default path dated `today`.
    pub fn new(scope: ExportScope, today: NaiveDate) -> Self {
        let mut dialog = ExportDialog {
            choice: 0,
            path: TextField::new("File", FieldKind::Text),
            on_path: false,
            scope,
            error: None,
            writing: false,
            today,
        };
        dialog.path = dialog.path.clone().with_value(dialog.default_path());
        dialog
    }

    /// The chosen format and dialect.
    pub fn format(&self) -> (Format, Dialect) {
        let (format, dialect, _) = CHOICES[self.choice];
        (format, dialect)
    }

    fn default_path(&self) -> String {
        let scope = crate::export::names::component(&self.scope.name, "all").to_lowercase();
        format!(
            "coffre-{scope}-{}.{}",
            self.today.format("%Y-%m-%d"),
            self.format().0.extension()
        )
    }

    /// Handles a key.
    pub fn on_key(&mut self, key: KeyEvent) -> DialogAction {
        if self.writing {
            // One export at a time; Esc still closes (the file is written anyway).
            return match key.code {
                KeyCode::Esc => DialogAction::Cancel,
                _ => DialogAction::None,
            };
        }
        match key.code {
            KeyCode::Esc => return DialogAction::Cancel,
            KeyCode::Enter => return self.submit(),
            KeyCode::Tab | KeyCode::BackTab | KeyCode::Up | KeyCode::Down => {
                self.on_path = !self.on_path
            }
            KeyCode::Left => self.cycle(false),
            KeyCode::Right => self.cycle(true),
            KeyCode::Char(' ') if !self.on_path => self.cycle(true),
            _ if self.on_path && self.path.handle_key(key) => self.error = None,
            _ => {}
        }
        DialogAction::None
    }

    fn cycle(&mut self, forward: bool) {
        let was_default = self.path.value() == self.default_path();
        let n = CHOICES.len();
        self.choice = (self.choice + if forward { 1 } else { n - 1 }) % n;
        if was_default {
            self.path = self.path.clone().with_value(self.default_path());
        }
    }

    fn submit(&mut self) -> DialogAction {
        let path = self.path.value().trim();
        if path.is_empty() {
            self.error = Some("Type a file name or a path.".into());
            return DialogAction::None;
        }
        let (format, dialect) = self.format();
        self.error = None;
        self.writing = true;
        DialogAction::Export(ExportRequest {
            format,
            dialect,
            path: PathBuf::from(path),
            account: self.scope.account.clone(),
            only: self.scope.only.clone(),
        })
    }

    /// The export failed: say why, and let the user fix the path.
    pub fn failed(&mut self, why: &str) {
        self.writing = false;
        self.on_path = true;
        self.error = Some(crate::screens::clean(why));
    }
}
