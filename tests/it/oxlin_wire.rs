//! Every example payload of the seed documents and of oxlin-api.md parses as printed (files in
//! `tests/fixtures/oxlin/`, copied verbatim). Where the docs print invalid JSON, the printed text
//! is kept, the client's error is checked, and the minimal correction is applied in the test:
//! - events 14 and 17 (seed 002): a comma is missing after `"expires": 1528106353`; correction:
//!   insert that comma;
//! - the two-credential `user_input` body (seed 002) repeats `id`/`value` in one object;
//!   correction: two objects.

use coffre::oxlin::wire::*;
use rust_decimal::Decimal;
use secrecy::ExposeSecret;
use std::str::FromStr;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/oxlin/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn parse<T: serde::de::DeserializeOwned>(name: &str) -> T {
    serde_json::from_str(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The one correction the printed events need: the comma missing after `expires`.
fn add_missing_comma(text: &str) -> String {
    text.replace("\"expires\": 1528106353\n", "\"expires\": 1528106353,\n")
}

#[test]
fn hsbc_provider_parses_in_all_three_printings() {
    for name in [
        "provider_hsbc_authorize_example.json",
        "provider_hsbc_embedded_example.json",
        "provider_hsbc_api_md.json",
    ] {
        let provider: Provider = parse(name);
        assert_eq!(provider.id, "119");
        assert_eq!(provider.name, "HSBC");
        assert_eq!(provider.country_code.as_deref(), Some("FRA"));
        let embedded = &provider.channel_definitions[1];
        assert_eq!(embedded.mode, ChannelMode::Embedded);
        assert_eq!(
            embedded.account_types,
            [AccountType::Savings, AccountType::Loan]
        );
        let password = embedded.credentials.last().unwrap();
        assert_eq!(password.kind, CredentialType::Pwd);
        assert!(password.encrypt, "{name}");
        assert_eq!(password.regexp.as_deref(), Some("^.{8,}$"));
    }
    let first: Provider = parse("provider_hsbc_authorize_example.json");
    assert_eq!(first.channel_definitions[0].interactive, Some(false));
    assert!(first.channel_definitions[0].credentials.is_empty());
}

#[test]
fn docs_key_parses_with_its_armored_public_key() {
    let key: Key = parse("key_docs.json");
    assert_eq!(key.id, "87");
    assert_eq!(key.kind, KeyType::Pgp);
    assert_eq!(key.expiration_date, Some(1527785550));
    assert!(
        key.public_key
            .starts_with("-----BEGIN PGP PUBLIC KEY BLOCK-----\n")
    );
}

#[test]
fn connections_18902_18903_and_the_reference_one_parse() {
    let c: Connection = parse("connection_18902.json");
    assert_eq!(c.channels[0].status, Some(ChannelStatus::Never));
    assert_eq!(c.channels[0].expires, Some(1569974400));
    assert_eq!(c.channels[1].status, Some(ChannelStatus::Empty));
    assert_eq!(c.owner, Some(Owner::default()));

    let c: Connection = parse("connection_18903.json");
    assert_eq!(c.status, Some(ConnectionStatus::Failed));
    assert_eq!(c.channels[0].status, Some(ChannelStatus::AuthFailed));
    assert_eq!(
        c.channels[0].credentials[0].masked_value.as_deref(),
        Some("**mo")
    );
    assert_eq!(c.owner.unwrap().phone_number.as_deref(), Some("06******1"));

    let c: Connection = parse("connection_api_md.json");
    assert_eq!(c.channels[0].channel_definition_id, "102201");
    assert_eq!(c.channels[1].eligible_accounts, Some(false));
    assert_eq!(c.user_id.as_deref(), Some("3996384"));
}

#[test]
fn account_transaction_and_user_parse_with_exact_amounts() {
    let a: Account = parse("account_api_md.json");
    assert_eq!(a.balance, Some(Decimal::from_str("2441.46").unwrap()));
    assert_eq!(a.kind, Some(AccountType::Checkings));
    assert_eq!(a.usage, Some(AccountUsage::Personal));
    let t: Transaction = parse("transaction_api_md.json");
    assert_eq!(t.amount, Decimal::from_str("-79.99").unwrap());
    assert_eq!(t.kind, Some(TransactionType::DirectDebit));
    assert_eq!(t.status, Some(TransactionStatus::Booked));
    assert_eq!(t.remittance_information.len(), 3);
    let u: User = parse("user_api_md.json");
    assert_eq!(u.email.as_deref(), Some("john.doe@gmail.com"));
    assert_eq!(u.extra["gender"], "MALE");
}

#[test]
fn amounts_given_as_strings_are_read_too() {
    let t: Transaction = serde_json::from_str(r#"{"id":"1","amount":"-4.10"}"#).unwrap();
    assert_eq!(t.amount, Decimal::from_str("-4.10").unwrap());
}

#[test]
fn printed_challenge_events_are_invalid_json_and_the_error_says_where() {
    for name in [
        "event_14_send_sms_offer.json",
        "event_14_respond_to_challenge.json",
        "event_17_enter_code.json",
        "event_17_wrong_code.json",
    ] {
        let err = serde_json::from_str::<Event>(&fixture(name)).unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("expected `,` or `}`") && text.contains("line"),
            "{name}: {text}"
        );
    }
}

#[test]
fn corrected_challenge_events_parse_with_their_challenges() {
    let event: Event =
        serde_json::from_str(&add_missing_comma(&fixture("event_14_send_sms_offer.json"))).unwrap();
    assert_eq!(event.event_type, EventType::ListAccountsUserInputRequested);
    assert_eq!(event.resource_type, Some(ResourceType::Connection));
    let connection = event.connection().unwrap();
    assert_eq!(connection.id, "17730");
    assert_eq!(connection.channels[0].channel_definition_id, "redirect1");
    let kinds: Vec<_> = event.challenges.iter().map(|c| c.kind.clone()).collect();
    assert_eq!(kinds, [CredentialType::InfoMsg, CredentialType::OkCancel]);
    assert_eq!(event.challenges[0].params["phone"], "0606060606");

    let event: Event =
        serde_json::from_str(&add_missing_comma(&fixture("event_17_wrong_code.json"))).unwrap();
    let ids: Vec<_> = event.challenges.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["305", "309", "306", "308", "307"]);
    assert_eq!(event.challenges[1].params["remaining_attempts"], "1");
    for name in [
        "event_14_respond_to_challenge.json",
        "event_17_enter_code.json",
    ] {
        let event: Event = serde_json::from_str(&add_missing_comma(&fixture(name))).unwrap();
        assert!(!event.challenges.is_empty(), "{name}");
    }
}

#[test]
fn reference_event_with_placeholder_resource_parses() {
    let event: Event = parse("event_api_md.json");
    assert!(event.connection().is_none());
    assert!(matches!(event.resource, Some(EventResource::Other(_))));
    assert_eq!(event.challenges.len(), 2);
}

#[test]
fn unknown_event_type_and_extra_fields_are_kept_as_data() {
    let event: Event = serde_json::from_str(
        r#"{"id":"9","event_type":"TOKEN_RENEWED","shiny":1,"token_renewed":{"x":2}}"#,
    )
    .unwrap();
    assert_eq!(event.event_type, EventType::Other("TOKEN_RENEWED".into()));
    assert_eq!(event.payload.unwrap()["x"], 2);
    assert_eq!(event.extra["shiny"], 1);
    let status: ChannelStatus = serde_json::from_str(r#""BRAND_NEW""#).unwrap();
    assert_eq!(serde_json::to_string(&status).unwrap(), r#""BRAND_NEW""#);
}

#[test]
fn token_responses_parse_into_secrets() {
    let t: TokenResponse = parse("token_client_credentials.json");
    assert_eq!(t.expires_in, Some(3600));
    assert!(t.refresh_token.is_none());
    let t: TokenResponse = parse("token_refresh.json");
    assert_eq!(
        t.refresh_token.unwrap().expose_secret(),
        "3495142fgte56fb3f13b"
    );
    assert!(t.id_token.is_some());
    assert!(!format!("{:?}", t.access_token).contains("eyJ"));
}

#[test]
fn request_bodies_printed_in_the_docs_parse() {
    let r: CreateConnectionRequest = parse("create_connection_request.json");
    assert_eq!(r.provider_id, "87");
    assert!(
        r.credentials[1]
            .value
            .expose_secret()
            .starts_with("-----BEGIN PGP MESSAGE")
    );
    let r: ChannelCredentialsRequest = parse("channel_credentials_request.json");
    assert_eq!(r.credentials.len(), 3);
    let r: AuthorizeUrlRequest = parse("authorize_url_request_api_md.json");
    assert_eq!(r.connection_id.as_deref(), Some("123"));
    let r: UserInputRequest = parse("user_input_ok.json");
    assert_eq!(r.credentials[0].value.expose_secret(), "true");
}

#[test]
fn two_credential_user_input_has_duplicate_keys_and_the_corrected_one_parses() {
    let err = serde_json::from_str::<UserInputRequest>(&fixture("user_input_two_credentials.json"))
        .unwrap_err();
    assert!(err.to_string().contains("duplicate field `id`"), "{err}");
    let corrected = fixture("user_input_two_credentials.json")
        .replace(r#""123456","id""#, r#""123456"},{"id""#);
    let r: UserInputRequest = serde_json::from_str(&corrected).unwrap();
    assert_eq!(r.credentials.len(), 2);
    assert_eq!(r.credentials[1].id, "307");
}

#[test]
fn reference_payloads_map_to_sanitised_domain_values() {
    use coffre::domain::{AccountKind, Booking, NextAction};
    use coffre::oxlin::to_domain;
    let t = to_domain::transaction(&parse("transaction_api_md.json"));
    assert_eq!(t.date, chrono::NaiveDate::from_ymd_opt(2021, 12, 20));
    assert_eq!(t.booking, Booking::Booked);
    assert_eq!(t.amount.to_string(), "-79.99 EUR");
    let a = to_domain::account(&parse("account_api_md.json"));
    assert_eq!(a.kind, AccountKind::Checking);
    assert_eq!(a.owner.as_deref(), Some("ASS SPORTIVE"));
    let c = to_domain::connection(&parse("connection_18903.json"));
    let now = chrono::DateTime::from_timestamp(1_562_233_800, 0).unwrap();
    assert_eq!(c.next_action(now, 0), NextAction::UpdateCredentials);
    let mut hostile: Transaction = parse("transaction_api_md.json");
    hostile.label = Some("Evil\u{1b}[2J\u{202e}label".into());
    assert!(!to_domain::transaction(&hostile).label.contains('\u{1b}'));
}
