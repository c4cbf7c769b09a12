//! `skip_merged` lands where walking the merge would: on random accounts of random lines.

use proptest::prelude::*;
use rust_decimal::Decimal;

use super::super::TransactionRecord;
use super::{Merge, api_order, skip_merged};

fn record(import_date: i64, id: u32) -> TransactionRecord {
    TransactionRecord {
        id: id.to_string(),
        account_id: "a".into(),
        currency: "EUR".into(),
        amount: Decimal::ONE,
        label: "L".into(),
        notes: None,
        date: 0,
        value_date: 0,
        booking_date: None,
        import_date,
        status: "BOOKED".into(),
        transaction_type: "DEBIT".into(),
        category_id: "X".into(),
        origin: "TRANSACTION".into(),
    }
}

/// Up to four accounts of lines with few import dates (many ties broken by id), ids unique.
fn accounts() -> impl Strategy<Value = Vec<Vec<TransactionRecord>>> {
    proptest::collection::vec(proptest::collection::vec(0..4i64, 0..40), 0..4).prop_map(|dates| {
        let mut next_id = 0;
        dates
            .into_iter()
            .map(|list| {
                let mut records: Vec<_> = list
                    .into_iter()
                    .map(|date| {
                        next_id += 1;
                        record(date, next_id * 7 % 1000)
                    })
                    .collect();
                records.sort_by(api_order);
                records
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn a_page_deep_in_the_merge_starts_where_walking_to_it_would(
        accounts in accounts(),
        skip in 0..200usize,
    ) {
        let heads = || accounts.iter().map(Vec::as_slice).collect::<Vec<_>>();
        let walked: Vec<&str> = Merge { heads: heads() }.skip(skip).map(|t| t.id.as_str()).collect();
        let mut jumped = heads();
        skip_merged(&mut jumped, skip);
        let jumped: Vec<&str> = Merge { heads: jumped }.map(|t| t.id.as_str()).collect();
        prop_assert_eq!(jumped, walked);
    }
}
