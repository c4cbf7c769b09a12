//! The transactions view's sort, as the store reads it (`store::window::{Sort, SortColumn}`,
//! re-exported here for the screens), and each column's header in the UI's language. Which
//! rows the view shows is the store's `TxSelection`, which the view holds as it is
//! (`transactions.rs`).

pub use crate::store::window::{Sort, SortColumn};

/// The header name of `column` in the UI's language.
pub fn column_header(
    column: SortColumn,
    lang: crate::i18n::Lang,
) -> std::borrow::Cow<'static, str> {
    let code = lang.code();
    match column {
        SortColumn::Date => rust_i18n::t!("dashboard.column.date", locale = code),
        SortColumn::Account => rust_i18n::t!("dashboard.column.account", locale = code),
        SortColumn::Label => rust_i18n::t!("dashboard.column.label", locale = code),
        SortColumn::Amount => rust_i18n::t!("dashboard.column.amount", locale = code),
        SortColumn::Status => rust_i18n::t!("dashboard.column.status", locale = code),
        SortColumn::Category => rust_i18n::t!("dashboard.column.category", locale = code),
    }
}
