//! The bank's challenges: rendering, validation by the bank's own regexp (hostile ones
//! included), and the `user_input` body the API wants.

use std::collections::BTreeMap;

use coffre::oxlin::challenge::*;
use coffre::oxlin::secret::secret;
use coffre::oxlin::wire::{Challenge, CredentialType, Event};
use secrecy::ExposeSecret;

fn params(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn wrong_code_event() -> Event {
    let path = format!(
        "{}/tests/fixtures/oxlin/event_17_wrong_code.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).unwrap();
    serde_json::from_str(&text.replace("1528106353\n", "1528106353,\n")).unwrap()
}

#[test]
fn placeholders_are_filled_and_unknown_ones_stay_as_written() {
    let p = params(&[("phone", "0606060606")]);
    assert_eq!(render("SMS au {phone}.", &p), "SMS au 0606060606.");
    assert_eq!(render("reste {timeout} s", &p), "reste {timeout} s");
    assert_eq!(render("a {b c} { } {", &p), "a {b c} { } {");
    assert_eq!(render("{{phone}}", &p), "{0606060606}");
}

#[test]
fn the_nine_types_have_a_role() {
    use ChallengeRole::*;
    let roles = [
        (CredentialType::Text, Input { masked: false }),
        (CredentialType::Numeric, Input { masked: false }),
        (CredentialType::Date, Input { masked: false }),
        (CredentialType::Pwd, Input { masked: true }),
        (CredentialType::NumericPwd, Input { masked: true }),
        (CredentialType::OkCancel, Choice),
        (CredentialType::InfoMsg, Message),
        (CredentialType::TimeoutMsg, Message),
        (CredentialType::ErrorMsg, Message),
    ];
    for (kind, expected) in roles {
        assert_eq!(role(&kind), expected, "{kind}");
    }
    assert_eq!(role(&CredentialType::Other("NEW".into())), Message);
}

#[test]
fn wrong_code_then_right_code_builds_the_documented_body() {
    let event = wrong_code_event();
    let mut answers = BTreeMap::new();
    answers.insert("306".to_string(), Answer::Text(secret("12345")));
    answers.insert("307".to_string(), Answer::Confirm(true));
    let err = build_user_input(&event.challenges, &answers).unwrap_err();
    assert_eq!(
        err,
        AnswerError::DoesNotMatch {
            field: "Code".into()
        }
    );
    answers.insert("306".to_string(), Answer::Text(secret("123456")));
    let body = build_user_input(&event.challenges, &answers).unwrap();
    let json = serde_json::to_string(&body).unwrap();
    assert_eq!(
        json,
        r#"{"credentials":[{"id":"306","value":"123456"},{"id":"307","value":"true"}]}"#
    );
}

#[test]
fn cancel_is_sent_as_the_string_false_and_a_missing_answer_is_named() {
    let event = wrong_code_event();
    let ok_cancel: Vec<Challenge> = event
        .challenges
        .iter()
        .filter(|c| c.id == "307")
        .cloned()
        .collect();
    let answers = BTreeMap::from([("307".to_string(), Answer::Confirm(false))]);
    let body = build_user_input(&ok_cancel, &answers).unwrap();
    assert_eq!(body.credentials[0].value.expose_secret(), "false");
    let err = build_user_input(&event.challenges, &BTreeMap::new()).unwrap_err();
    assert_eq!(
        err,
        AnswerError::Missing {
            field: "Code".into()
        }
    );
}

#[test]
fn invalid_regexp_is_reported_not_panicked() {
    let err = validate("Code", Some("([0-9"), &secret("1")).unwrap_err();
    assert!(matches!(err, AnswerError::BadRule { .. }), "{err}");
}

#[test]
fn hostile_regexps_are_refused_quickly() {
    let huge = "a".repeat(MAX_REGEXP_LEN + 1);
    assert!(matches!(
        validate("f", Some(&huge), &secret("a")),
        Err(AnswerError::RuleTooLarge { .. })
    ));
    let explosive = r"\w{1000}{1000}";
    assert!(matches!(
        validate("f", Some(explosive), &secret("a")),
        Err(AnswerError::RuleTooLarge { .. })
    ));
    // Catastrophic for a backtracking engine, linear here.
    let evil = "^(a+)+$";
    let answer = secret(format!("{}!", "a".repeat(10_000)));
    assert!(matches!(
        validate("f", Some(evil), &answer),
        Err(AnswerError::DoesNotMatch { .. })
    ));
}

#[test]
fn hsbc_identifier_rule_from_the_docs_compiles_and_checks() {
    let rule = r"^[\a-zA-Z0-9@._-]{7,}$";
    assert!(validate("Identifiant", Some(rule), &secret("john.doe@x")).is_ok());
    assert!(validate("Identifiant", Some(rule), &secret("short")).is_err());
}

#[test]
fn error_messages_never_contain_the_answer() {
    let err = validate("Code", Some("^[0-9]{6}$"), &secret("s3cr3t-otp")).unwrap_err();
    assert!(!err.to_string().contains("s3cr3t-otp"));
    assert!(!format!("{err:?}").contains("s3cr3t-otp"));
}
