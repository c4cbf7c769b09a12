//! Reading a large finX bank page by page over HTTP (every transaction exactly once, in order),
//! the time filters, and pending lines that book or drop between two syncs.

use std::collections::HashSet;

use serde_json::Value;

use crate::support::finx_sandbox::{FinxHarness, finx_harness};

fn ids(txs: &[Value]) -> Vec<String> {
    txs.iter()
        .map(|tx| tx["transaction_id"].as_str().unwrap().to_owned())
        .collect()
}

/// The (booked_at, transaction_id) order key of a booked transaction.
fn key(tx: &Value) -> (String, String) {
    (
        tx["booked_at"].as_str().unwrap().to_owned(),
        tx["transaction_id"].as_str().unwrap().to_owned(),
    )
}

async fn access_id(h: &FinxHarness, token: &str) -> String {
    let (_, accounts) = h.get("/rest/accounts", token).await;
    accounts["accounts"][0]["access_id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn paging_past_1000_returns_every_transaction_exactly_once_newest_first() {
    let h = finx_harness().await;
    let tokens = h.access("vielbuch").await;
    let (all, pages) = h.every_page(&tokens.access_token, "", 1000).await;
    assert!(
        all.len() > 2_500,
        "a bank large enough to page: {}",
        all.len()
    );
    assert_eq!(pages, all.len() / 1000 + 1);
    let unique: HashSet<String> = ids(&all).into_iter().collect();
    assert_eq!(unique.len(), all.len(), "no transaction twice");
    assert!(
        all.iter().all(|tx| tx["booked"] == true),
        "pending only on request"
    );
    for pair in all.windows(2) {
        assert!(
            key(&pair[0]) > key(&pair[1]),
            "desc by booked_at then id: {:?}",
            (key(&pair[0]), key(&pair[1]))
        );
    }
    // Another page size gives the same sequence; the default count is 1000.
    let (by_333, _) = h.every_page(&tokens.access_token, "", 333).await;
    assert_eq!(ids(&by_333), ids(&all));
    assert_eq!(h.transactions(&tokens.access_token, "").await.len(), 1000);
    // Ascending is the exact reverse.
    let (ascending, _) = h.every_page(&tokens.access_token, "sort=asc", 1000).await;
    let mut reversed = ids(&all);
    reversed.reverse();
    assert_eq!(ids(&ascending), reversed);
    // Past the end: an empty page.
    let past = h
        .transactions(&tokens.access_token, &format!("offset={}", all.len() + 5))
        .await;
    assert!(past.is_empty());
}

#[tokio::test]
async fn since_and_until_bound_the_booking_date_inclusively() {
    let h = finx_harness().await;
    let tokens = h.access("musterbank").await;
    let (all, _) = h.every_page(&tokens.access_token, "", 1000).await;
    let middle = &all[all.len() / 2];
    let day = &middle["booked_at"].as_str().unwrap()[..10];
    let since = h
        .transactions(&tokens.access_token, &format!("since={day}"))
        .await;
    let expected: Vec<&Value> = all
        .iter()
        .filter(|tx| &tx["booked_at"].as_str().unwrap()[..10] >= day)
        .collect();
    assert_eq!(since.len(), expected.len());
    assert!(
        since
            .iter()
            .any(|tx| tx["transaction_id"] == middle["transaction_id"]),
        "inclusive"
    );
    let until = h
        .transactions(&tokens.access_token, &format!("until={day}"))
        .await;
    assert!(
        until
            .iter()
            .all(|tx| &tx["booked_at"].as_str().unwrap()[..10] <= day)
    );
    assert!(
        until
            .iter()
            .any(|tx| tx["transaction_id"] == middle["transaction_id"]),
        "inclusive"
    );
    assert_eq!(
        since.len() + until.len(),
        all.len()
            + all
                .iter()
                .filter(|tx| &tx["booked_at"].as_str().unwrap()[..10] == day)
                .count()
    );
    // A transaction id as `since`: the ones after it.
    let after = h
        .transactions(
            &tokens.access_token,
            &format!(
                "since={}&sort=asc",
                middle["transaction_id"].as_str().unwrap()
            ),
        )
        .await;
    assert_eq!(after.len(), all.len() / 2);
    assert!(after.iter().all(|tx| key(tx) > key(middle)));
}

#[tokio::test]
async fn one_accounts_transactions_are_the_same_by_path_or_by_filter() {
    let h = finx_harness().await;
    let tokens = h.access("demobank").await;
    let (_, accounts) = h.get("/rest/accounts", &tokens.access_token).await;
    let savings = accounts["accounts"][1]["account_id"].as_str().unwrap();
    let by_filter = h
        .transactions(&tokens.access_token, &format!("accounts={savings}"))
        .await;
    let (_, by_path) = h
        .get(
            &format!("/rest/accounts/{savings}/transactions"),
            &tokens.access_token,
        )
        .await;
    assert!(!by_filter.is_empty());
    assert!(by_filter.iter().all(|tx| tx["account_id"] == savings));
    assert_eq!(
        ids(&by_filter),
        ids(by_path["transactions"].as_array().unwrap())
    );
}

#[tokio::test]
async fn cents_true_writes_integer_cents() {
    let h = finx_harness().await;
    let tokens = h.access("demobank").await;
    let major = h.transactions(&tokens.access_token, "count=20").await;
    let cents = h
        .transactions(&tokens.access_token, "count=20&cents=true")
        .await;
    for (m, c) in major.iter().zip(&cents) {
        assert!(c["amount"].is_i64(), "{}", c["amount"]);
        assert_eq!(
            (m["amount"].as_f64().unwrap() * 100.0).round() as i64,
            c["amount"].as_i64().unwrap()
        );
    }
}

#[tokio::test]
async fn between_two_syncs_pending_lines_book_under_new_ids_or_drop_and_new_ones_arrive() {
    let h = finx_harness().await;
    let tokens = h.access("musterbank").await;
    let token = &tokens.access_token;
    let before = h.transactions(token, "include_pending=true").await;
    let pending: Vec<&Value> = before.iter().filter(|tx| tx["booked"] == false).collect();
    assert!(
        pending.len() >= 4,
        "pending lines to work with: {}",
        pending.len()
    );
    assert!(pending.iter().all(|tx| tx["booked_at"].is_null()));
    // Pending lines come first, newest first.
    assert!(
        before[..pending.len()]
            .iter()
            .all(|tx| tx["booked"] == false)
    );

    let access = access_id(&h, token).await;
    let report = h.sandbox.state.finx.lock().next_sync(&access).unwrap();
    assert_eq!(report.booked + report.dropped, pending.len());
    assert!(report.dropped >= 1 && report.arrived == 3);

    let after = h.transactions(token, "include_pending=true").await;
    let after_ids: HashSet<String> = ids(&after).into_iter().collect();
    assert!(
        pending
            .iter()
            .all(|tx| !after_ids.contains(tx["transaction_id"].as_str().unwrap())),
        "pending ids are gone"
    );
    let created_since: Vec<&Value> = after
        .iter()
        .filter(|tx| !ids(&before).contains(&tx["transaction_id"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(created_since.len(), report.booked + report.arrived);
    let booked_now = created_since
        .iter()
        .filter(|tx| {
            tx["booked"] == true
                && pending
                    .iter()
                    .any(|p| p["purpose"] == tx["purpose"] && p["amount"] == tx["amount"])
        })
        .count();
    assert_eq!(
        booked_now, report.booked,
        "each booked line keeps amount and purpose"
    );
    assert_eq!(
        after.iter().filter(|tx| tx["booked"] == false).count(),
        2,
        "two new pending"
    );

    // An incremental client asks for what was created since its last sync.
    let sync_time = created_since[0]["created_at"].as_str().unwrap();
    let incremental = h
        .transactions(
            token,
            &format!("since_type=created&since={sync_time}&include_pending=true"),
        )
        .await;
    assert_eq!(incremental.len(), created_since.len());
}

#[tokio::test]
async fn the_next_sync_hook_moves_the_bank_on_over_http_for_another_process() {
    let h = finx_harness().await;
    let tokens = h.access("demobank").await;
    let response = h
        .http
        .post(h.url("/sandbox/next_sync"))
        .bearer_auth(&tokens.access_token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let report: Value = response.json().await.unwrap();
    assert_eq!(report["arrived"], 3);
    assert!(report["access_id"].as_str().unwrap().starts_with('X'));
    let response = h
        .http
        .post(h.url("/sandbox/next_sync"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
}
