//! Property tests of the wire decoders through `to_domain` and the store: arbitrary JSON
//! accounts, transactions and connections (numbers of any size and kind, strings with hostile
//! characters, fields missing or of the wrong type) either decode or are refused cleanly; what
//! decodes goes through `to_domain` and `Store::apply` (a tempdir store) without a panic, and
//! the transaction reads back equal. A batch the store refuses (an empty id) is refused with an
//! error and leaves the store empty.

use chrono::{DateTime, Utc};
use coffre::oxlin::{to_domain, wire};
use coffre::store::window::{Anchor, TxQuery};
use coffre::store::{ConnectionSync, Store, SyncBatch, TransactionQuery, load_dashboard_summary};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

/// Any JSON number a server may send: integers at the edges, floats, exponents, huge literals.
fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        "-?[0-9]{1,40}(\\.[0-9]{1,40})?([eE][+-]?[0-9]{1,4})?"
            .prop_map(|n| serde_json::from_str(&n).unwrap_or(Value::Null)),
    ]
}

/// Epoch seconds: any i64 mostly, any number sometimes.
fn epoch() -> impl Strategy<Value = Value> {
    prop_oneof![4 => any::<i64>().prop_map(Value::from), 1 => number()]
}

/// Hostile text: anything, or control, bidi and markup characters.
fn text() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<String>(),
        "[\\x00-\\x1f\u{202e}\u{200b}\u{feff}<>&\"'; =+@a-z]{0,30}",
    ]
    .prop_map(Value::from)
}

/// A field's value: usually the right kind, sometimes any kind, sometimes absent (`None`).
fn field(right: impl Strategy<Value = Value> + 'static) -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        30 => right.prop_map(Some),
        1 => prop_oneof![Just(Value::Null), any::<bool>().prop_map(Value::from), number(), text(), Just(json!([])), Just(json!({}))].prop_map(Some),
        3 => Just(None),
    ]
}

/// An object of the given fields, each from its strategy.
fn object(
    fields: Vec<(&'static str, BoxedStrategy<Option<Value>>)>,
) -> impl Strategy<Value = Value> {
    let (names, values): (Vec<_>, Vec<_>) = fields.into_iter().unzip();
    values.prop_map(move |values| {
        let map: Map<String, Value> = names
            .iter()
            .zip(values)
            .filter_map(|(name, value)| value.map(|v| ((*name).to_owned(), v)))
            .collect();
        Value::Object(map)
    })
}

fn id() -> BoxedStrategy<Option<Value>> {
    field(prop_oneof![
        1 => text(),
        3 => "[a-z0-9]{1,8}".prop_map(Value::from),
        1 => number()
    ])
    .boxed()
}

fn transaction() -> impl Strategy<Value = Value> {
    object(vec![
        ("id", id()),
        ("account_id", id()),
        ("amount", field(number()).boxed()),
        (
            "currency",
            field(prop_oneof![Just(json!("EUR")), text()]).boxed(),
        ),
        ("label", field(text()).boxed()),
        ("notes", field(text()).boxed()),
        ("date", field(epoch()).boxed()),
        ("value_date", field(epoch()).boxed()),
        ("booking_date", field(epoch()).boxed()),
        ("import_date", field(epoch()).boxed()),
        (
            "status",
            field(prop_oneof![
                Just(json!("BOOKED")),
                Just(json!("PENDING")),
                text()
            ])
            .boxed(),
        ),
        ("category_id", field(text()).boxed()),
        ("type", field(text()).boxed()),
    ])
}

fn account() -> impl Strategy<Value = Value> {
    object(vec![
        ("id", id()),
        ("connection_id", id()),
        ("name", field(text()).boxed()),
        ("balance", field(number()).boxed()),
        ("balance_date", field(epoch()).boxed()),
        (
            "currency",
            field(prop_oneof![Just(json!("EUR")), text()]).boxed(),
        ),
        (
            "status",
            field(prop_oneof![Just(json!("ACTIVE")), text()]).boxed(),
        ),
        (
            "type",
            field(prop_oneof![Just(json!("CHECKINGS")), text()]).boxed(),
        ),
        ("iban", field(text()).boxed()),
    ])
}

fn connection() -> impl Strategy<Value = Value> {
    let channel = object(vec![
        ("channel_definition_id", id()),
        (
            "mode",
            field(prop_oneof![Just(json!("REDIRECT")), text()]).boxed(),
        ),
        (
            "status",
            field(prop_oneof![Just(json!("SUCCESS")), text()]).boxed(),
        ),
        ("expires", field(epoch()).boxed()),
        ("last_success_date", field(epoch()).boxed()),
    ]);
    object(vec![
        ("id", id()),
        ("name", field(text()).boxed()),
        ("provider_id", id()),
        (
            "status",
            field(prop_oneof![Just(json!("SUCCESS")), text()]).boxed(),
        ),
        ("last_success_date", field(epoch()).boxed()),
        (
            "channels",
            field(prop::collection::vec(channel, 0..3).prop_map(Value::from)).boxed(),
        ),
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_wire_json_decodes_or_fails_cleanly_and_what_decodes_is_stored_and_read_back(
        connection in connection(),
        account in account(),
        transaction in transaction(),
        now in any::<i64>(),
    ) {
        // What does not decode is replaced by a plain valid object, so that each part that
        // decodes is stored even when another part was refused.
        let connection: wire::Connection = serde_json::from_value(connection)
            .unwrap_or_else(|_| serde_json::from_value(json!({"id": "c1"})).unwrap());
        let account: wire::Account = serde_json::from_value(account)
            .unwrap_or_else(|_| serde_json::from_value(json!({"id": "a1"})).unwrap());
        let transaction: wire::Transaction = serde_json::from_value(transaction)
            .unwrap_or_else(|_| serde_json::from_value(json!({"id": "t1", "amount": 1})).unwrap());
        let connection = to_domain::connection(&connection);
        let mut account = to_domain::account(&account);
        let mut transaction = to_domain::transaction(&transaction);
        account.connection_id = Some(connection.id.clone());
        transaction.account_id = account.id.clone();
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("coffre.sqlite")).unwrap();
        let batch = SyncBatch {
            synced: vec![ConnectionSync {
                connection,
                accounts: vec![account],
                transactions: vec![transaction.clone()],
            }],
            skipped: Vec::new(),
        };
        let now = DateTime::from_timestamp(now, 0).unwrap_or(DateTime::<Utc>::MAX_UTC);
        // The store may refuse a batch (an empty id, say): cleanly, with an error, and then
        // it holds nothing.
        if let Err(error) = store.apply(&batch, now) {
            prop_assert!(store.transactions(&TransactionQuery::default()).unwrap().is_empty(), "{}", error);
            return Ok(());
        }
        let stored = store.transactions(&TransactionQuery::default()).unwrap();
        prop_assert_eq!(stored.len(), 1);
        // The store files a transaction under its filing date (its date, else the booking,
        // value or import day): the one field it fills in.
        let mut expected = transaction.clone();
        expected.date = Some(transaction.filing_date());
        prop_assert_eq!(&stored[0], &expected);
        load_dashboard_summary(&store, now).unwrap();
        store.tx_window(&TxQuery::default(), &Anchor::First, 200).unwrap();
    }
}
