//! Every example payload of seed 004 and finx-api.md decodes as printed (files in
//! `tests/fixtures/finx/`, copied verbatim), and the decoders take anything a server may send
//! without a panic: any amount text (exact when a decimal holds it, else that item alone left
//! out), any timestamp text, any bytes, any error body.
//!
//! Where the docs print something that is not a JSON document, the printed text is kept and
//! the minimal correction is applied in the test: seed 004 prints the `accounts` parameter as
//! a fragment (wrapped in braces here); finx-api.md §9.3 prints the RFC 6749 body with `…` for
//! its description (quoted here; the printed text is refused and told by its HTTP status).

use coffre::finx::error::{FinxError, SentSecrets};
use coffre::finx::to_domain;
use coffre::finx::wire::{self, *};
use proptest::prelude::*;
use rust_decimal::Decimal;
use secrecy::ExposeSecret;
use std::str::FromStr;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/finx/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn parse<T: serde::de::DeserializeOwned>(name: &str) -> T {
    serde_json::from_str(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Checks one fixture; `false` for a file this test does not know.
fn decodes(name: &str) -> bool {
    match name {
        "seed_access_request.json" => {
            let request: AccessRequest = parse(name);
            assert_eq!(request.redirect_uri, "https://my-app.example.com/callback");
            assert_eq!(request.language.as_deref(), Some("de"));
            assert!(request.accounts.is_empty());
            assert_eq!(request.sync_period, Some(90));
        }
        "md_4_2_access_request.json" => {
            let request: AccessRequest = parse(name);
            assert_eq!(request.state.as_deref(), Some("7fe78733"));
            assert_eq!(request.accounts[0].id, "DE89370400440532013000");
            let written: serde_json::Value = serde_json::to_value(&request).unwrap();
            assert_eq!(written, parse::<serde_json::Value>(name), "written as read");
        }
        "seed_accounts_fragment.txt" => {
            let whole: serde_json::Value =
                serde_json::from_str(&format!("{{{}}}", fixture(name))).unwrap();
            let accounts: Vec<AccountRef> =
                serde_json::from_value(whole["accounts"].clone()).unwrap();
            assert_eq!(accounts[0].id, "DE82900948150000002881");
        }
        "seed_access_response.json" | "md_4_2_access_response.json" => {
            let link: AccessLink = parse(name);
            assert_eq!(link.id, "3ca31c37-986a-454e-ad64-8e97143c86bc");
            assert!(link.location.contains("?token=eyJ"), "{}", link.location);
        }
        "seed_callback_url.txt" => {
            let url = url::Url::parse(fixture(name).trim()).unwrap();
            let callback = Callback::from_query(url.query().unwrap());
            assert_eq!(callback.code.unwrap().expose_secret(), "eyJhbGciO...");
            assert_eq!(callback.state.as_deref(), Some("7fe78733"));
            assert!(callback.success && !callback.cancel);
        }
        "seed_token_request.json" => {
            let request: TokenRequest = parse(name);
            let TokenRequest::AuthorizationCode { code, redirect_uri } = request else {
                panic!("not a code grant");
            };
            assert_eq!(code.expose_secret(), "eyJhbGciOiJIUzI1NiIsInR5cCI6Ikp...");
            assert_eq!(
                redirect_uri.as_deref(),
                Some("https://my-app.example.com/callback")
            );
        }
        "seed_token_response.json" | "md_6_1_token_response.json" => {
            let answer: TokenResponse = parse(name);
            assert!(answer.access_token.expose_secret().starts_with("AoFmNJ"));
            assert!(
                answer
                    .refresh_token
                    .unwrap()
                    .expose_secret()
                    .starts_with("RTfI2")
            );
            assert_eq!(answer.expires_in, Some(3600));
            assert_eq!(
                answer.scope.as_deref(),
                Some("accounts=ro balance=ro transactions=ro offline")
            );
        }
        "md_5_1_accounts.json" => {
            let list: List<Account> =
                wire::list::read(fixture(name).as_bytes(), "accounts", "account_id").unwrap();
            let a = &list.items[0];
            assert_eq!(a.kind, Some(AccountType::Giro));
            assert_eq!(
                a.balance.as_ref().unwrap().balance,
                Some(Decimal::from_str("13.37").unwrap())
            );
            assert_eq!(a.icon.as_ref().unwrap().resolutions.len(), 1);
            assert!(a.status.as_ref().unwrap().succeeded_at.is_some());
            let account = to_domain::account(a);
            assert_eq!(account.balance.unwrap().to_string(), "13.37 EUR");
            assert_eq!(account.iban.as_deref(), Some("DE93300308800013441006"));
        }
        "md_5_3_transactions.json" => {
            let list: List<Transaction> =
                wire::list::read(fixture(name).as_bytes(), "transactions", "transaction_id")
                    .unwrap();
            let t = &list.items[0];
            assert_eq!(t.amount, Decimal::from_str("-23.99").unwrap());
            assert_eq!(t.kind, Some(TransactionType::DirectDebit));
            assert_eq!(t.transaction_code, Some(105));
            assert_eq!(
                t.payment_partner.as_ref().unwrap().name.as_deref(),
                Some("Amazon")
            );
            let shown = to_domain::transaction(t);
            assert_eq!(shown.label, "AMAZON EU S.A R.L. · Order 123");
            assert_eq!(shown.booking_date.unwrap().to_string(), "2024-03-01");
        }
        "md_7_error_envelope.json" | "md_9_3_token_error.json" => {
            let ErrorAnswer::Finx(envelope) = parse(name) else {
                panic!("{name} is no envelope");
            };
            assert!(matches!(envelope.error.code, Some(1000 | 1004)));
            assert_eq!(envelope.error.group.as_deref(), Some("client"));
        }
        "md_9_3_oauth_error.txt" => {
            let printed = fixture(name);
            assert!(serde_json::from_str::<ErrorAnswer>(&printed).is_err());
            let error = FinxError::from_response(
                "POST /auth/token",
                400,
                None,
                printed.as_bytes(),
                &SentSecrets::new(),
            );
            assert!(error.to_string().contains("HTTP 400"), "{error}");
            let corrected: ErrorAnswer =
                serde_json::from_str(&printed.replace('…', "\"…\"")).unwrap();
            assert!(matches!(corrected, ErrorAnswer::OAuth(ref o) if o.error == "invalid_grant"));
        }
        _ => return false,
    }
    true
}

#[test]
fn every_example_payload_of_the_docs_decodes_as_printed() {
    let dir = format!("{}/tests/fixtures/finx", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 14, "{names:?}");
    for name in names {
        assert!(decodes(&name), "no check for fixture {name}");
    }
}

#[test]
fn legacy_figo_names_and_unknown_values_are_kept() {
    let body = r#"{"transactions":[{"transaction_id":"T1","amount":5,"booking_date":"2019-01-02T00:00:00.000Z",
        "value_date":"2019-01-03","type":"ATM","visited":true,"categories":"not a list"}]}"#;
    let list: List<Transaction> =
        wire::list::read(body.as_bytes(), "transactions", "transaction_id").unwrap();
    let t = &list.items[0];
    assert_eq!(t.booked_at.unwrap().day().to_string(), "2019-01-02");
    assert_eq!(t.settled_at.unwrap().day().to_string(), "2019-01-03");
    assert_eq!(t.kind, Some(TransactionType::Other("ATM".into())));
    assert_eq!(t.extra["visited"], serde_json::Value::Bool(true));
    assert_eq!(t.categories, None);
}

fn row(id: &str, amount: &str, booked_at: &str) -> String {
    format!(
        r#"{{"transaction_id":"{id}","account_id":"A1","amount":{amount},"booked_at":{},"booked":true}}"#,
        serde_json::to_string(booked_at).unwrap()
    )
}

fn page(rows: &[String]) -> List<Transaction> {
    let body = format!(r#"{{"transactions":[{}]}}"#, rows.join(","));
    wire::list::read(body.as_bytes(), "transactions", "transaction_id").unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn any_decimal_text_up_to_28_digits_is_read_exactly(
        negative in any::<bool>(),
        int in "(0|[1-9][0-9]{0,15})",
        frac in proptest::option::of("[0-9]{1,12}"),
    ) {
        let text = format!(
            "{}{int}{}",
            if negative { "-" } else { "" },
            frac.map(|f| format!(".{f}")).unwrap_or_default()
        );
        let read = page(&[row("t", &text, "2024-03-01")]);
        prop_assert_eq!(read.items.len(), 1);
        prop_assert_eq!(read.items[0].amount, Decimal::from_str(&text).unwrap());
        if !read.items[0].amount.is_zero() {
            prop_assert_eq!(read.items[0].amount.to_string(), text);
        }
    }

    #[test]
    fn any_number_text_leaves_the_other_items_of_its_page(
        mantissa in "-?[0-9]{1,40}(\\.[0-9]{1,40})?", exponent in proptest::option::of(-400i32..400)
    ) {
        let text = format!("{mantissa}{}", exponent.map(|e| format!("e{e}")).unwrap_or_default());
        let read = page(&[row("t1", "1.5", "2024-03-01"), row("t2", &text, "2024-03-01"), row("t3", "2", "2024-03-01")]);
        prop_assert_eq!(read.sent, 3);
        let ids: Vec<&str> = read.items.iter().map(|t| t.transaction_id.as_str()).collect();
        prop_assert!(ids.contains(&"t1") && ids.contains(&"t3"));
        if let Some(t2) = read.items.iter().find(|t| t.transaction_id == "t2") {
            prop_assert_eq!(
                Some(t2.amount),
                Decimal::from_str(&text).ok().or_else(|| Decimal::from_scientific(&text).ok())
            );
        }
    }

    #[test]
    fn any_timestamp_text_keeps_its_transaction(booked_at in "\\PC{0,40}|[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]{0,20}(Z|[+-][0-9:]{0,6})?") {
        let read = page(&[row("t1", "1", &booked_at)]);
        prop_assert_eq!(read.items.len(), 1);
        let shown = to_domain::transaction(&read.items[0]);
        let _ = shown.filing_date();
    }

    #[test]
    fn any_bytes_are_read_or_refused_without_panic(body in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = wire::list::read::<Transaction>(&body, "transactions", "transaction_id");
        let _ = wire::list::read::<Account>(&body, "accounts", "account_id");
        let _ = wire::list::read_one::<Balance>(&body);
    }

    #[test]
    fn any_error_body_says_something_and_never_the_secret_sent(
        status in 400u16..600,
        description in "\\PC{0,60}",
        code in proptest::option::of(any::<i64>()),
    ) {
        let secret = "rt-SECRET-0042";
        let body = serde_json::json!({"error": {"code": code, "description": format!("{description}{secret}"),
            "data": {secret: [secret]}}}).to_string();
        let sent = SentSecrets::new().with(secret);
        let error = FinxError::from_response("POST /auth/token", status, None, body.as_bytes(), &sent);
        let shown = format!("{error} {error:?}");
        prop_assert!(!shown.contains(secret), "{}", shown);
    }
}
