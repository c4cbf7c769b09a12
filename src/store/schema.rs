//! The store's schema and its migrations, versioned by `PRAGMA user_version`.
//!
//! Each entry of [`MIGRATIONS`] takes the schema from version `i` to `i + 1` and runs in one
//! transaction with the version bump, so a store is never left half-migrated. A store written by
//! a newer coffre is refused (never downgraded).

use std::path::Path;

use rusqlite::Connection;

use super::StoreError;

/// Version 1: the tables. Version 2: the indexes the dashboard and the exports read by.
/// Version 3: a trigram full-text index of labels and notes (substring search without a scan),
/// kept by triggers; `seq` (not the text id) is its rowid, so it survives a `VACUUM`.
/// Version 4: codes instead of words, ids as keys ([`TO_CODES`]).
/// Version 5: `sync_progress`, where an interrupted read of an account's transactions resumes,
/// and `sync_seen`, the lines that read listed so far (`store::pages`).
/// Version 6: `connections.login`, the masked login the API shows for a connection (`**ev`),
/// so two connections to one bank say which login each is (`store::connections`).
/// Version 7: the charts' covering indexes (`store::dashboard::load_charts`): an account's
/// moves per day, and the debits per month and category, summed without reading the table.
/// Version 8: `finx_links`, one row per linked finX access: its refresh token (it rotates at
/// every refresh and is rewritten each time), the finX server and app it belongs to, when it
/// was last refreshed and when the access ends (`store::finx_links`).
/// Version 9: the transactions view's sort indexes and its amount search index
/// ([`WINDOW_INDEXES`]).
/// Version 10: fewer index inserts per new line ([`LEANER_WRITES`]).
/// Version 11: `finx_links.place`, where a link's refresh token lives when not in its row (the
/// OS keyring: `sync::finx::token_place`); NULL is the row, as before.
/// Version 12: `transactions_grams`, the index of one- and two-character texts
/// (`store::window::grams`), so a short search is listed, not scanned.
/// Version 13: the amount index fed by the writer ([`AMOUNTS_BY_THE_WRITER`]).
/// Version 14: the amount and short-text indexes rebuilt without tombstones
/// (`store::write::deletes`), so a revised history is written about as fast as a new one.
pub const MIGRATIONS: &[&str] = &[
    "CREATE TABLE connections (
        id TEXT PRIMARY KEY,
        provider_id TEXT,
        name TEXT NOT NULL,
        state TEXT NOT NULL,
        next_action TEXT NOT NULL,
        last_success INTEGER,
        synced_at INTEGER NOT NULL
    );
    CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        connection_id TEXT,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        state TEXT NOT NULL,
        iban TEXT,
        balance TEXT,
        currency TEXT,
        balance_date INTEGER,
        owner TEXT,
        synced_at INTEGER NOT NULL
    );
    CREATE TABLE transactions (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        account_id TEXT NOT NULL,
        amount TEXT NOT NULL,
        currency TEXT NOT NULL,
        date TEXT NOT NULL,
        value_date TEXT,
        booking_date TEXT,
        imported_at INTEGER,
        booking TEXT NOT NULL,
        label TEXT NOT NULL,
        notes TEXT,
        category TEXT,
        kind TEXT,
        first_seen INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    );
    CREATE TABLE booking_changes (
        transaction_id TEXT NOT NULL,
        old TEXT NOT NULL,
        new TEXT NOT NULL,
        changed_at INTEGER NOT NULL
    );
    CREATE TABLE sync_state (
        connection_id TEXT PRIMARY KEY,
        last_attempt INTEGER NOT NULL,
        last_success INTEGER,
        outcome TEXT NOT NULL
    );
    CREATE TABLE secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL);",
    "CREATE INDEX transactions_by_date ON transactions (date DESC, id DESC);
    CREATE INDEX transactions_by_account ON transactions (account_id, date DESC, id DESC);
    CREATE INDEX accounts_by_connection ON accounts (connection_id);
    CREATE INDEX booking_changes_by_transaction ON booking_changes (transaction_id);",
    "CREATE VIRTUAL TABLE transactions_text USING fts5 (
        label, notes, content = 'transactions', content_rowid = 'seq', tokenize = 'trigram'
    );
    INSERT INTO transactions_text (transactions_text) VALUES ('rebuild');
    CREATE TRIGGER transactions_text_insert AFTER INSERT ON transactions BEGIN
        INSERT INTO transactions_text (rowid, label, notes) VALUES (new.seq, new.label, new.notes);
    END;
    CREATE TRIGGER transactions_text_delete AFTER DELETE ON transactions BEGIN
        INSERT INTO transactions_text (transactions_text, rowid, label, notes)
        VALUES ('delete', old.seq, old.label, old.notes);
    END;
    CREATE TRIGGER transactions_text_update AFTER UPDATE OF label, notes ON transactions
    WHEN old.label IS NOT new.label OR old.notes IS NOT new.notes BEGIN
        INSERT INTO transactions_text (transactions_text, rowid, label, notes)
        VALUES ('delete', old.seq, old.label, old.notes);
        INSERT INTO transactions_text (rowid, label, notes) VALUES (new.seq, new.label, new.notes);
    END;",
    TO_CODES,
    "CREATE TABLE IF NOT EXISTS sync_progress (
        account_id TEXT PRIMARY KEY,
        from_import INTEGER,
        pages_done INTEGER NOT NULL,
        started_at INTEGER NOT NULL,
        finished_at INTEGER
    );
    CREATE TABLE IF NOT EXISTS sync_seen (
        account_id TEXT NOT NULL,
        transaction_id TEXT NOT NULL,
        PRIMARY KEY (account_id, transaction_id)
    ) WITHOUT ROWID;",
    "ALTER TABLE connections ADD COLUMN login TEXT;",
    "CREATE INDEX IF NOT EXISTS transactions_by_account_day ON transactions (account_id, date, amount);
    CREATE INDEX IF NOT EXISTS transactions_by_month ON transactions (date, category, currency, amount);",
    "CREATE TABLE IF NOT EXISTS finx_links (
        link_id TEXT PRIMARY KEY,
        access_id TEXT,
        api_url TEXT NOT NULL,
        client_id TEXT NOT NULL,
        refresh_token TEXT NOT NULL,
        linked_at INTEGER NOT NULL,
        refreshed_at INTEGER,
        access_ends INTEGER
    );",
    WINDOW_INDEXES,
    LEANER_WRITES,
    "ALTER TABLE finx_links ADD COLUMN place TEXT;",
    super::window::grams::CREATE,
    AMOUNTS_BY_THE_WRITER,
    super::write::deletes::SCHEMA_14,
];

/// Version 13: the amount index (`transactions_amount`, [`WINDOW_INDEXES`]) fed by the writer,
/// set-based (`store::write::amounts`: the new lines' amounts, and the changed ones), instead
/// of a trigger per row, as the text index is since version 10 (issue 13: the insert trigger
/// was about a sixth of a new line's cost). The insert and update triggers go; the delete
/// trigger stays (it keeps the index exact whoever removes lines). What is indexed is the
/// same view of the same rows: the index is left as it is.
const AMOUNTS_BY_THE_WRITER: &str = "
    DROP TRIGGER IF EXISTS transactions_amount_insert;
    DROP TRIGGER IF EXISTS transactions_amount_update;";

/// Version 10: what each new transaction costs to write, cut (issue 13). The text index is
/// fed by the writer, set-based (`store::write::lines`: the new lines' text, and the old and
/// new text of the lines whose label or notes change), instead of a trigger per row: the
/// insert and update triggers go; the delete trigger stays (rare, and it keeps the index exact
/// whoever removes lines). Two pairs of indexes that served the
/// same reads become one each: `(account_id, date, id)` for the account's lines and
/// `(account_id, date, amount)` for the charts' daily sums become `(account_id, date, id,
/// amount)`; `(date, id)` for the newest-first list and `(date, category, currency, amount)`
/// for the monthly spending become `(date, id, category, currency, amount)` (`EXPLAIN QUERY
/// PLAN` of the window, dashboard, chart and reconcile queries: each still searches by its
/// index, the chart ones still covering).
const LEANER_WRITES: &str = "
    DROP TRIGGER IF EXISTS transactions_text_insert;
    DROP TRIGGER IF EXISTS transactions_text_update;
    DROP INDEX IF EXISTS transactions_by_account_day;
    DROP INDEX IF EXISTS transactions_by_account;
    CREATE INDEX transactions_by_account ON transactions (account_id, date, id, amount);
    DROP INDEX IF EXISTS transactions_by_month;
    DROP INDEX IF EXISTS transactions_by_date;
    CREATE INDEX transactions_by_date ON transactions (date, id, category, currency, amount);";

/// Version 9: the transactions view's keyset pages (`store::window`): one index per sort
/// (amount as a number, label without case, category and status each then by date), and the
/// text index rebuilt to ignore accents as well as case (`pret` finds `Prêt`).
///
/// Choice of ours: amounts are exact decimal text; their sort key is the expression
/// `CAST(amount AS REAL)` (an expression index, no new column for the writers to fill): exact
/// to 15 significant digits, far beyond any bank amount; ties go by id.
///
/// The amount search (`150,00` finds `-150.00`) is a substring search of each amount spelled
/// as the search rule spells it (`store::read_model::rows`: at least two decimals, then, when
/// it has more, a space and the amount rounded half to even to two, a zero without its sign:
/// `42.1` → `42.10`, `1.005` → `1.005 1.00`, `-0.001` → `-0.001 0.00`). That spelling is the view `transactions_amount_text` (plain SQL, no
/// function of ours, so any connection can write), indexed by `transactions_amount`, a
/// trigram full-text table without content (it stores only the index; a row is removed by
/// its rowid, `seq`), kept by triggers on insert, delete and a change of amount. Per row
/// written: the amount's trigrams (5 to 9 for a bank amount) in that index.
///
/// Docs gap (ours): an amount with more than two decimals and more than 15 digits before its
/// point is indexed as stored, without its rounded form (SQLite's integers stop at 2^63, and an
/// overflow would refuse the whole write); no bank amount comes near.
const WINDOW_INDEXES: &str = "
    CREATE INDEX IF NOT EXISTS transactions_by_amount ON transactions (CAST(amount AS REAL), id);
    CREATE INDEX IF NOT EXISTS transactions_by_label ON transactions (lower(label), id);
    CREATE INDEX IF NOT EXISTS transactions_by_category ON transactions (category, date, id);
    CREATE INDEX IF NOT EXISTS transactions_by_booking ON transactions (booking, date, id);
    DROP TABLE IF EXISTS transactions_text;
    CREATE VIRTUAL TABLE transactions_text USING fts5 (
        label, notes, content = 'transactions', content_rowid = 'seq',
        tokenize = 'trigram remove_diacritics 1'
    );
    INSERT INTO transactions_text (transactions_text) VALUES ('rebuild');
    CREATE VIEW IF NOT EXISTS transactions_amount_text (seq, amount_text) AS
    SELECT seq, CASE
        WHEN point = 0 THEN amount || '.00'
        WHEN length(amount) - point = 1 THEN amount || '0'
        WHEN rtrim(substr(amount, point + 3), '0') = '' OR rounded IS NULL THEN amount
        ELSE amount || ' ' || CASE WHEN negative AND rounded > 0 THEN '-' ELSE '' END
            || (rounded / 100) || '.' || printf('%02d', rounded % 100)
    END
    FROM (SELECT seq, amount, point, negative, cents + (
            substr(amount, point + 3, 1) > '5'
            OR (substr(amount, point + 3, 1) = '5'
                AND (rtrim(substr(amount, point + 4), '0') <> '' OR cents % 2 = 1))
        ) AS rounded
        FROM (SELECT seq, amount, instr(amount, '.') AS point,
                substr(amount, 1, 1) = '-' AS negative,
                CASE WHEN instr(amount, '.') BETWEEN 1 AND 17 THEN
                abs(CAST(replace(substr(amount, 1, instr(amount, '.') + 2), '.', '') AS INTEGER))
                END AS cents
            FROM transactions));
    CREATE VIRTUAL TABLE transactions_amount USING fts5 (
        amount_text, content = '', contentless_delete = 1, tokenize = 'trigram'
    );
    INSERT INTO transactions_amount (rowid, amount_text)
        SELECT seq, amount_text FROM transactions_amount_text;
    CREATE TRIGGER transactions_amount_insert AFTER INSERT ON transactions BEGIN
        INSERT INTO transactions_amount (rowid, amount_text)
            SELECT seq, amount_text FROM transactions_amount_text WHERE seq = new.seq;
    END;
    CREATE TRIGGER transactions_amount_delete AFTER DELETE ON transactions BEGIN
        DELETE FROM transactions_amount WHERE rowid = old.seq;
    END;
    CREATE TRIGGER transactions_amount_update AFTER UPDATE OF amount ON transactions
    WHEN old.amount IS NOT new.amount BEGIN
        DELETE FROM transactions_amount WHERE rowid = old.seq;
        INSERT INTO transactions_amount (rowid, amount_text)
            SELECT seq, amount_text FROM transactions_amount_text WHERE seq = new.seq;
    END;";

/// Version 4: every status, kind and action becomes the domain's code (`pending`, `checking`,
/// `update_credentials`, `renew_before:2024-03-15`): each sentence the store ever wrote for a
/// next action or a sync outcome (the versions before wrote English, which a rewording would
/// have silently changed) and each upper-case status. The FTS triggers fire on label and notes
/// only, so rewriting these columns leaves the text index alone. A value that is no known word
/// is left as it is (it reads back as the enum's `Other`). Every id becomes its key, prefixed
/// `oxlin:` (every store before this one held Oxlin ids only: `domain::ConnectionId`), in
/// every table that names one; `transactions.id` stays UNIQUE, and `seq` (the text index's
/// rowid) is untouched.
const TO_CODES: &str = "
    UPDATE connections SET id = 'oxlin:' || id;
    UPDATE accounts SET id = 'oxlin:' || id,
        connection_id = 'oxlin:' || connection_id;
    UPDATE transactions SET id = 'oxlin:' || id, account_id = 'oxlin:' || account_id;
    UPDATE booking_changes SET transaction_id = 'oxlin:' || transaction_id;
    UPDATE sync_state SET connection_id = 'oxlin:' || connection_id;
    UPDATE connections SET next_action = CASE
        WHEN next_action = 'wait for the running sync' THEN 'wait'
        WHEN next_action = 'answer the bank''s challenge' THEN 'answer_challenge'
        WHEN next_action = 'add credentials' THEN 'add_credentials'
        WHEN next_action = 'update the credentials (the bank refused them)'
            THEN 'update_credentials'
        WHEN next_action = 'log in at the bank''s website and do what it asks' THEN 'act_at_bank'
        WHEN next_action LIKE 'renew the authorisation before %'
            THEN 'renew_before:' || substr(next_action, 32)
        WHEN next_action = 'consent to the new accounts' THEN 'consent_to_accounts'
        WHEN next_action = 'sync again later' THEN 'retry_later'
        ELSE next_action END;
    UPDATE sync_state SET outcome = CASE
        WHEN outcome = 'wait for the running sync' THEN 'wait'
        WHEN outcome = 'answer the bank''s challenge' THEN 'answer_challenge'
        WHEN outcome = 'add credentials' THEN 'add_credentials'
        WHEN outcome = 'update the credentials (the bank refused them)'
            THEN 'update_credentials'
        WHEN outcome = 'log in at the bank''s website and do what it asks' THEN 'act_at_bank'
        WHEN outcome LIKE 'renew the authorisation before %'
            THEN 'renew_before:' || substr(outcome, 32)
        WHEN outcome = 'consent to the new accounts' THEN 'consent_to_accounts'
        WHEN outcome LIKE 'sync again later%' THEN 'retry_later'
        ELSE outcome END;
    UPDATE connections SET state = CASE state
        WHEN 'SYNCING' THEN 'syncing' WHEN 'OK' THEN 'ok' WHEN 'PARTLY_OK' THEN 'partly_ok'
        WHEN 'FAILED' THEN 'failed' WHEN 'CLOSED' THEN 'closed'
        WHEN 'NEVER_SYNCED' THEN 'never_synced' ELSE state END;
    UPDATE accounts SET kind = CASE kind
        WHEN 'CHECKING' THEN 'checking' WHEN 'SAVINGS' THEN 'savings' WHEN 'LOAN' THEN 'loan'
        WHEN 'CREDIT_CARD' THEN 'credit_card' ELSE kind END;
    UPDATE accounts SET state = CASE state
        WHEN 'ACTIVE' THEN 'active' WHEN 'PENDING_CONSENT' THEN 'pending_consent'
        WHEN 'CLOSED' THEN 'closed' WHEN 'ERROR' THEN 'error' ELSE state END;
    UPDATE transactions SET booking = CASE booking
        WHEN 'BOOKED' THEN 'booked' WHEN 'PENDING' THEN 'pending' ELSE booking END
        WHERE booking IN ('BOOKED', 'PENDING');
    UPDATE booking_changes SET
        old = CASE old WHEN 'BOOKED' THEN 'booked' WHEN 'PENDING' THEN 'pending' ELSE old END,
        new = CASE new WHEN 'BOOKED' THEN 'booked' WHEN 'PENDING' THEN 'pending' ELSE new END;
";

/// The schema version this coffre writes.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

/// Registers on `conn` the SQL function the store's writes need (`coffre_grams`: version 12
/// and the writer use it), as [`migrate`] does: for a connection of its own that writes the
/// store's tables (`benches/store_write_floor.rs`).
pub fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    super::window::grams::register(conn)
}

/// Brings the store at `path` (already open as `conn`) to [`VERSION`], and registers on `conn`
/// the SQL function its writes need ([`register_functions`]).
pub fn migrate(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    register_functions(conn)?;
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > VERSION {
        return Err(StoreError::TooNew {
            path: path.display().to_string(),
            found,
            known: VERSION,
        });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found.max(0) as usize) {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Another process may have migrated while we waited for the lock.
        let now: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if now > index as i64 {
            continue;
        }
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// The schema version of an open store.
pub fn version(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}
