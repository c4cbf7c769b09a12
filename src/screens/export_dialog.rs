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

use rust_i18n::t;

use crate::domain::AccountId;
use crate::export::{Dialect, ExportRequest, Format};
use crate::i18n::Lang;
use crate::screens::clean;
use crate::screens::dashboard::query::{SortColumn, column_header};
use crate::ui::widgets::text_field::{FieldKind, TextField};

/// The formats offered, in order: format and CSV dialect (named for the user by
/// [`format_name`]).
pub const CHOICES: [(Format, Dialect); 5] = [
    (Format::Csv, Dialect::Rfc4180),
    (Format::Csv, Dialect::ExcelFr),
    (Format::Ledger, Dialect::Rfc4180),
    (Format::Beancount, Dialect::Rfc4180),
    (Format::Ofx, Dialect::Rfc4180),
];

/// A format as the user reads it, in `lang` (the tools' names stay as they are).
pub fn format_name(format: Format, dialect: Dialect, lang: Lang) -> String {
    let code = lang.code();
    match (format, dialect) {
        (Format::Csv, Dialect::ExcelFr) => t!("export.format_csv_fr", locale = code).into_owned(),
        (Format::Csv, _) => "CSV".into(),
        (Format::Ledger, _) => "ledger / hledger".into(),
        (Format::Beancount, _) => "beancount".into(),
        (Format::Ofx, _) => t!("export.format_ofx", locale = code).into_owned(),
    }
}

/// What the rows to export are, as the dialog was opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportScope {
    /// Which rows, worded for the user by the view ("The 12 transactions on screen (search
    /// "cb")."), in the UI's language.
    pub rows: ScopeRows,
    /// The file name's scope part: `all`, or the account's name.
    pub name: String,
    /// Only this account.
    pub account: Option<AccountId>,
    /// Only these transactions (id keys) in this order; `None`: everything.
    pub only: Option<Vec<String>>,
    /// Only the rows of this query, in its order, read from the store by the exporter (the
    /// transactions view's rows; the app sets the query's language); `None`: as `only` says.
    pub query: Option<crate::store::window::TxQuery>,
}

/// Which transactions an export holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScopeRows {
    /// Every transaction of every account (this many).
    Everything(usize),
    /// The rows on the transactions view's screen.
    OnScreen {
        /// How many rows.
        count: usize,
        /// The account they are limited to (its name, as the bank wrote it).
        account: Option<String>,
        /// The search typed.
        search: Option<String>,
        /// Other filters (category, status, dates) apply.
        filtered: bool,
        /// The sort, when not the default (newest first).
        sorted_by: Option<SortColumn>,
    },
}

impl ScopeRows {
    /// The rows in words, in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        let code = lang.code();
        let (count, account, search, filtered, sorted_by) = match self {
            ScopeRows::Everything(n) => {
                return t!("export.everything", locale = code, count = n).into_owned();
            }
            ScopeRows::OnScreen {
                count,
                account,
                search,
                filtered,
                sorted_by,
            } => (*count, account, search, *filtered, sorted_by),
        };
        let mut how: Vec<String> = account.iter().map(|a| clean(a)).collect();
        if let Some(search) = search {
            how.push(t!("export.search", locale = code, text = clean(search)).into_owned());
        }
        if filtered {
            how.push(t!("export.filtered", locale = code).into_owned());
        }
        if let Some(column) = sorted_by {
            let column = column_header(*column, lang).to_lowercase();
            how.push(t!("export.sorted_by", locale = code, column = column).into_owned());
        }
        let rows = if count == 1 {
            t!("export.one_on_screen", locale = code)
        } else {
            t!("export.many_on_screen", locale = code, count = count)
        };
        if how.is_empty() {
            format!("{rows}.")
        } else {
            format!("{rows} ({}).", how.join(", "))
        }
    }
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
    /// Enter was pressed with no path (said until the path changes).
    pub path_missing: bool,
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
            path_missing: false,
            writing: false,
            today,
        };
        dialog.path = dialog.path.clone().with_value(dialog.default_path());
        dialog
    }

    /// The chosen format and dialect.
    pub fn format(&self) -> (Format, Dialect) {
        CHOICES[self.choice]
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
            _ if self.on_path && self.path.handle_key(key) => {
                self.error = None;
                self.path_missing = false;
            }
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
            self.path_missing = true;
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

    /// The query whose rows the export holds (the transactions view's), if any.
    pub fn query(&self) -> Option<&crate::store::window::TxQuery> {
        self.scope.query.as_ref()
    }

    /// The export failed: say why, and let the user fix the path.
    pub fn failed(&mut self, why: &str) {
        self.writing = false;
        self.on_path = true;
        self.error = Some(crate::screens::clean(why));
    }
}
