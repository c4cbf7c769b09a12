//! Property tests of the test-bank parser: structure-aware lines (known tags, fields that are
//! valid, near-valid or arbitrary) never panic, never allocate without bound, and every error
//! names the line it is about.

use proptest::prelude::*;

use super::TestBankError;
use super::parse::parse;

/// A field: valid values of every kind the grammar knows, their near misses, and anything.
fn field() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("01/01/26".to_owned()),
        Just("31/12/9999".to_owned()),
        Just("29/02/23".to_owned()),
        Just("12.50".to_owned()),
        Just("-0,5".to_owned()),
        Just("Checkings".to_owned()),
        Just("Savings".to_owned()),
        Just("SMS".to_owned()),
        Just("true".to_owned()),
        Just("EUR".to_owned()),
        Just("1m".to_owned()),
        Just("book".to_owned()),
        Just("drop".to_owned()),
        Just("appear".to_owned()),
        "(amount|label|type|category|notes|pending)=[^|\n]{0,12}",
        "[0-9]{1,11}[dwm]?",
        "-?[0-9]{0,30}[.,]?[0-9]{0,30}",
        "[0-9]{1,3}/[0-9]{1,3}/-?[0-9]{1,7}",
        "[^|\n]{0,24}",
        any::<String>().prop_map(|s| s.replace(['|', '\n', '\r'], "")),
    ]
}

/// A line: a known tag (or a near miss, or anything) and up to 14 fields.
fn line() -> impl Strategy<Value = String> {
    let tag = prop_oneof![
        Just("ACCOUNT"),
        Just("TRANSACTION"),
        Just("CREDENTIALS"),
        Just("CREDENTIALS_OWNER"),
        Just("COFFRE_TX"),
        Just("COFFRE_ON_SYNC"),
        Just("COFFRE_RECURRING"),
        Just("COFFRE_GENERATE"),
        Just("COFFRE_APPEARS_ON_SYNC"),
        Just("COFFRE_CHALLENGE"),
        Just("COFFRE_FAIL"),
        Just("account"),
        Just("#"),
        Just(""),
    ];
    (tag, prop::collection::vec(field(), 0..14)).prop_map(|(tag, fields)| {
        std::iter::once(tag.to_owned())
            .chain(fields)
            .collect::<Vec<_>>()
            .join("|")
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn any_test_bank_file_parses_or_names_its_line(lines in prop::collection::vec(line(), 0..12)) {
        let text = lines.join("\n");
        if let Err(error) = parse("fuzz", &text) {
            let TestBankError::Parse { file, line, message } = &error else {
                panic!("not a parse error: {error}");
            };
            prop_assert_eq!(file, "fuzz");
            prop_assert!((1..=lines.len()).contains(line), "line {} of {}", line, lines.len());
            let shown = format!("line {line}:");
            prop_assert!(error.to_string().contains(&shown), "{}", error);
            prop_assert!(!message.is_empty());
        }
    }

    #[test]
    fn arbitrary_text_never_panics_the_parser(text in any::<String>()) {
        if let Err(TestBankError::Parse { line, .. }) = parse("fuzz", &text) {
            prop_assert!(line >= 1 && line <= text.lines().count().max(1));
        }
    }
}

/// Found by the property test: the period was split one byte before its end, inside a
/// multi-byte character.
#[test]
fn a_period_ending_in_a_multibyte_character_is_an_error_on_its_line() {
    let text = "ACCOUNT|u|1|01/01/26|0|Savings\nCOFFRE_RECURRING|1|01/01/26|1é|2|x";
    let error = parse("fuzz", text).unwrap_err();
    assert!(error.to_string().contains("line 2:"), "{error}");
}

/// Found by the property test: `<n>w` multiplied n by 7 in a u32 (a panic in debug builds).
#[test]
fn a_period_of_too_many_weeks_is_an_error_on_its_line() {
    let text = "ACCOUNT|u|1|01/01/26|0|Savings\nCOFFRE_RECURRING|1|01/01/26|999999999w|2|x";
    let error = parse("fuzz", text).unwrap_err();
    assert!(error.to_string().contains("line 2:"), "{error}");
}

/// Found by the property test: a count of four billion built four billion transactions.
#[test]
fn a_huge_count_is_refused_on_its_line() {
    for directive in [
        "COFFRE_RECURRING|1|01/01/26|1d|4000000000|x",
        "COFFRE_GENERATE|4000000000|1|01/01/17|01/01/26",
    ] {
        let text = format!("ACCOUNT|u|1|01/01/26|0|Savings\n{directive}");
        let error = parse("fuzz", &text).unwrap_err();
        assert!(error.to_string().contains("line 2:"), "{error}");
        assert!(error.to_string().contains("count"), "{error}");
    }
}
