//! The SQL a window query is made of: the columns a row is read from, each sort's key
//! expression (the same text as its index in schema version 9, so SQLite uses the index), and
//! the `WHERE` clause of a [`TxSelection`] with its parameters in order (its search as its
//! [`Plan`] serves it).

use rusqlite::types::Value;

use super::plan::Plan;
use super::{SortColumn, TxSelection};
use crate::domain::BookingStatus;

/// A row's columns, as `store::dashboard::push_row` reads them.
pub const ROW_COLUMNS: &str = "id, account_id, amount, currency, date, value_date, \
     booking_date, imported_at, booking, label, notes, category, kind";

/// The amount as a number, spelled as its index is.
pub const AMOUNT: &str = "CAST(amount AS REAL)";

/// The sort key of an ungrouped column (grouped ones sort by date within their group).
pub fn key_expression(column: SortColumn) -> &'static str {
    match column {
        SortColumn::Amount => AMOUNT,
        SortColumn::Label => "lower(label)",
        SortColumn::Date | SortColumn::Account | SortColumn::Status | SortColumn::Category => {
            "date"
        }
    }
}

/// Whether `selection` selects by anything but its search.
pub fn filters_beyond_search(selection: &TxSelection) -> bool {
    let bare = TxSelection {
        search: selection.search.clone(),
        ..TxSelection::default()
    };
    *selection != bare
}

/// `selection` as a `WHERE` condition (never empty: `1` selects every row) and its values, its
/// search served by `plan`.
pub fn selection(selection: &TxSelection, plan: &Plan) -> (String, Vec<Value>) {
    let mut clauses: Vec<String> = vec!["1".into()];
    let mut values = Vec::new();
    let mut bound = |clause: &str, value: Value| {
        clauses.push(clause.into());
        values.push(value);
    };
    if let Some(account) = &selection.account {
        bound("account_id = ?", Value::Text(account.clone()));
    }
    if let Some(from) = selection.from {
        bound("date >= ?", Value::Text(from.to_string()));
    }
    if let Some(to) = selection.to {
        bound("date <= ?", Value::Text(to.to_string()));
    }
    match selection.status {
        Some(BookingStatus::Pending) => bound("booking = ?", Value::Text("pending".into())),
        Some(BookingStatus::Booked) => bound("booking <> ?", Value::Text("pending".into())),
        None => {}
    }
    let real = |d: rust_decimal::Decimal| Value::Real(d.try_into().unwrap_or(0.0));
    if let Some(min) = selection.min {
        bound(&format!("{AMOUNT} >= ?"), real(min));
    }
    if let Some(max) = selection.max {
        bound(&format!("{AMOUNT} <= ?"), real(max));
    }
    if let Some(category) = &selection.category {
        bound("category = ?", Value::Text(category.clone()));
    }
    if let Some((clause, more)) = plan.clause() {
        clauses.push(clause);
        values.extend(more);
    }
    (clauses.join(" AND "), values)
}
