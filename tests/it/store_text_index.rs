//! The full-text index of labels and notes stays exact through every kind of write: a first
//! sync, pages of a read, a revised label or note, an unchanged re-sync, a pending line the
//! bank dropped, a deleted connection. After each one, the index holds exactly the tokens of
//! an index rebuilt from the rows, and a label no line carries any more is found nowhere.

use coffre::domain::ConnectionId;
use coffre::store::{Pages, Progress, Store};

use crate::support::store_sample::*;

/// Checks the text index of the store at `path` against its rows: FTS5's own check, then
/// every token the index holds (term, line, column, offset, read through `fts5vocab`) against
/// an index built afresh from the rows with the same tokenizer; and that none of `gone` (labels
/// no line carries any more) is found.
fn assert_text_index_exact(path: &std::path::Path, gone: &[&str]) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(
        "INSERT INTO transactions_text (transactions_text) VALUES ('integrity-check');
         CREATE VIRTUAL TABLE temp.rebuilt USING fts5 (label, notes,
             tokenize = 'trigram remove_diacritics 1');
         INSERT INTO temp.rebuilt (rowid, label, notes)
             SELECT seq, label, notes FROM main.transactions;
         CREATE VIRTUAL TABLE temp.held USING fts5vocab (main, transactions_text, instance);
         CREATE VIRTUAL TABLE temp.wanted USING fts5vocab (temp, rebuilt, instance);",
    )
    .expect("the text index passes its own check");
    let differ: i64 = conn
        .query_row(
            "SELECT (SELECT COUNT(*) FROM (SELECT * FROM temp.held EXCEPT SELECT * FROM temp.wanted))
               + (SELECT COUNT(*) FROM (SELECT * FROM temp.wanted EXCEPT SELECT * FROM temp.held))",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        differ, 0,
        "the text index differs from one rebuilt from the rows"
    );
    let found = |label: &str| -> Vec<i64> {
        let phrase = format!("\"{}\"", label.replace('"', "\"\""));
        let mut statement = conn
            .prepare("SELECT rowid FROM transactions_text WHERE transactions_text MATCH ?1")
            .unwrap();
        statement
            .query_map([phrase], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    for label in gone {
        assert_eq!(found(label), Vec::<i64>::new(), "{label} is still indexed");
    }
}

#[test]
fn the_text_index_follows_every_kind_of_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coffre.sqlite");
    let mut store = Store::open(&path).unwrap();
    let batch = bank_batch();
    store.apply(&batch, at(1_700_000_100)).unwrap();
    assert_text_index_exact(&path, &[]);

    // Pages of a read: new lines, one revised label, one revised note, one unchanged line.
    let sync = &batch.synced[0];
    let mut revised = sync.transactions[0].clone();
    revised.label = "CB LIBRAIRIE REVUE".into();
    let mut noted = sync.transactions[1].clone();
    noted.notes = Some("remboursement".into());
    let lines = vec![
        revised,
        noted,
        sync.transactions[2].clone(),
        transaction("t9", "a1", "2024-01-20", "-3.20", "CB BOULANGERIE"),
    ];
    let old_label = sync.transactions[0].label.clone();
    let mut write = |lines: &[coffre::domain::Transaction], from: Option<i64>, when: i64| {
        let pages = Pages {
            connection: &sync.connection,
            account: &sync.accounts[0],
            lines,
            progress: Progress {
                from,
                pages_done: 1,
                started_at: when,
            },
            last: true,
        };
        store.apply_pages(&pages, at(when)).unwrap()
    };
    write(&lines, None, 1_700_000_200);
    assert_text_index_exact(&path, &[&old_label]);

    // A new read listing the same lines unchanged but for the pending t3, which the bank
    // dropped: t3 goes, the others are left as they are.
    let without_t3: Vec<_> = lines
        .iter()
        .filter(|t| t.id.raw() != "t3")
        .cloned()
        .collect();
    let report = write(&without_t3, Some(0), 1_700_000_300);
    assert_eq!((report.dropped, report.new_transactions), (1, 0));
    assert_text_index_exact(&path, &[&old_label]);

    // The connection deleted: nothing left to find.
    let labels: Vec<String> = lines.iter().map(|t| t.label.clone()).collect();
    assert!(store.delete_connection(&ConnectionId::oxlin("c1")).unwrap());
    let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
    assert_text_index_exact(&path, &labels);
}
