//! The sorts with few distinct keys (account, category, status) read group by group, in the
//! order the screen names the groups: the distinct values of the column are found by a skip
//! scan of its index (one lookup per value, not one per row), then ordered here — accounts by
//! name (case ignored; an id without an account last), categories by their name in the UI's
//! language (none last), booked before pending.

use rusqlite::types::Value;

use super::{SortColumn, TxQuery};
use crate::domain::{BookingStatus, category_name};
use crate::store::{Store, StoreError};

/// The column a sort walks group by group (`None`: a plain keyed sort).
pub fn group_column(column: SortColumn) -> Option<&'static str> {
    match column {
        SortColumn::Account => Some("account_id"),
        SortColumn::Category => Some("category"),
        SortColumn::Status => Some("booking"),
        SortColumn::Date | SortColumn::Label | SortColumn::Amount => None,
    }
}

/// The distinct values of `column` in the store, in the screen's ascending order.
pub fn ordered(store: &Store, query: &TxQuery, column: &str) -> Result<Vec<Value>, StoreError> {
    let sql = format!(
        "WITH RECURSIVE v(x) AS (
             SELECT MIN({column}) FROM transactions
             UNION ALL
             SELECT (SELECT MIN({column}) FROM transactions WHERE {column} > v.x)
             FROM v WHERE v.x IS NOT NULL
         )
         SELECT x FROM v WHERE x IS NOT NULL"
    );
    let mut stmt = store.conn.prepare_cached(&sql)?;
    let values: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let has_none: bool = store.conn.query_row(
        &format!("SELECT EXISTS (SELECT 1 FROM transactions WHERE {column} IS NULL)"),
        [],
        |r| r.get(0),
    )?;
    let mut keyed: Vec<(String, String)> = match query.sort.column {
        SortColumn::Account => {
            let names = account_names(store)?;
            values
                .into_iter()
                .map(|id| {
                    let name = names
                        .iter()
                        .find(|(a, _)| *a == id)
                        .map_or_else(|| "\u{10ffff}".into(), |(_, n)| n.to_lowercase());
                    (name, id)
                })
                .collect()
        }
        SortColumn::Category => values
            .into_iter()
            .map(|code| (category_name(Some(&code), query.language).to_string(), code))
            .collect(),
        _ => values
            .into_iter()
            .map(|code| {
                let rank = match BookingStatus::from_code(&code) {
                    BookingStatus::Booked => "0",
                    BookingStatus::Pending => "1",
                };
                (rank.into(), code)
            })
            .collect(),
    };
    keyed.sort();
    let mut out: Vec<Value> = keyed.into_iter().map(|(_, v)| Value::Text(v)).collect();
    if has_none {
        out.push(Value::Null);
    }
    Ok(out)
}

/// Every stored account's id key and name.
fn account_names(store: &Store) -> Result<Vec<(String, String)>, StoreError> {
    let mut stmt = store.conn.prepare_cached("SELECT id, name FROM accounts")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
