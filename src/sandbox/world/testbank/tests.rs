//! Unit tests of the test-bank parser and loader.

use rust_decimal::Decimal;

use super::*;

#[test]
fn every_shipped_file_parses() {
    for (name, _) in KNOWN_FILES {
        let bank = load(name).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(bank.name, *name);
        assert!(!bank.accounts.is_empty(), "{name} has no account");
    }
}

#[test]
fn the_seed_url_selects_sanity_and_empty_selects_default() {
    let url = "https://www.dropbox.com/s/2j3d4gcrd031fkc/sanity.txt?dl=1";
    assert_eq!(file_name(url), "sanity");
    assert_eq!(file_name(""), "default");
    assert_eq!(file_name("  sms "), "sms");
    assert_eq!(file_name("large.txt"), "large");
    assert_eq!(load(url).map(|b| b.name.clone()), Ok("sanity".to_owned()));
}

#[test]
fn an_unknown_file_lists_the_known_ones() {
    let error = load("https://example.org/nope.txt").unwrap_err();
    let text = error.to_string();
    assert!(text.contains("`nope`"), "{text}");
    assert!(text.contains("default") && text.contains("sms"), "{text}");
}

#[test]
fn default_holds_every_type_two_currencies_a_year_and_pending_ones() {
    let bank = load("default").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (bank.login.as_str(), bank.password.as_str()),
        ("dev", "dev")
    );
    assert!(bank.challenge.is_none() && bank.failure.is_none());
    for kind in ["CHECKINGS", "SAVINGS", "LOAN", "CREDIT_CARD"] {
        assert!(
            bank.accounts.iter().any(|a| a.account_type == kind),
            "{kind}"
        );
    }
    assert!(bank.accounts.iter().any(|a| a.currency == "CHF"));
    let txs: Vec<_> = bank.accounts.iter().flat_map(|a| &a.transactions).collect();
    let (first, last) = (
        txs.iter().map(|t| t.date).min(),
        txs.iter().map(|t| t.date).max(),
    );
    let days = last.zip(first).map(|(l, f)| (l - f).num_days());
    assert!(days.is_some_and(|d| d >= 360), "{days:?}");
    assert!(txs.iter().any(|t| t.pending));
    assert!(txs.iter().any(|t| t.notes.is_some()));
}

#[test]
fn sms_scripts_the_documented_challenge() {
    let bank = load("sms").unwrap_or_else(|e| panic!("{e}"));
    let challenge = bank
        .challenge
        .clone()
        .unwrap_or_else(|| panic!("no challenge"));
    assert_eq!(challenge.phone, "0606060606");
    assert_eq!(challenge.code, "123456");
    assert_eq!(challenge.code_regexp, "^[0-9]{6}$");
    assert!(challenge.max_attempts >= 2);
}

#[test]
fn large_holds_at_least_100_000_transactions() {
    let bank = load("large").unwrap_or_else(|e| panic!("{e}"));
    let count: usize = bank.accounts.iter().map(|a| a.transactions.len()).sum();
    assert!(count >= 100_000, "{count}");
}

#[test]
fn scenarios_script_their_failures_and_late_accounts() {
    let failure = |name: &str| load(name).ok().and_then(|b| b.failure.clone());
    assert_eq!(
        failure("password_change"),
        Some(ScriptedFailure::PasswordChangeRequired)
    );
    assert_eq!(
        failure("user_action"),
        Some(ScriptedFailure::UserActionRequired)
    );
    assert!(matches!(
        failure("provider_error"),
        Some(ScriptedFailure::ProviderError { .. })
    ));
    let wrong = load("wrong_password").unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(
        (wrong.login.as_str(), wrong.password.as_str()),
        ("dev", "dev")
    );
    let late = load("new_accounts").unwrap_or_else(|e| panic!("{e}"));
    assert!(late.accounts.iter().any(|a| a.appears_on_sync == 1));
}

#[test]
fn public_records_parse_with_their_mapping() {
    let text = "CREDENTIALS|me|secret\nCREDENTIALS_OWNER|Ann\n\n# comment\n\
        ACCOUNT|u1|123|05/01/24|-12,50|Loans|.*|true|Bob|My loan|false|true|FR76|USD\n\
        TRANSACTION|-3.5|06/01/2024|Fee\nCOFFRE_TX|notes=a\\nb|type=BANK_FEE|category=FEES\n";
    let bank = parse("t", text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (bank.login.as_str(), bank.owner.as_deref()),
        ("me", Some("Ann"))
    );
    let account = &bank.accounts[0];
    assert_eq!(account.account_type, "LOAN");
    assert_eq!(account.balance, Decimal::new(-1250, 2));
    assert_eq!(
        (account.currency.as_str(), account.name.as_str()),
        ("USD", "My loan")
    );
    assert!(account.match_existing && account.payment_destination && !account.payment_source);
    let tx = &account.transactions[0];
    assert_eq!(
        tx.date,
        NaiveDate::from_ymd_opt(2024, 1, 6).unwrap_or_default()
    );
    assert_eq!(tx.notes.as_deref(), Some("a\nb"));
    assert_eq!(
        (tx.transaction_type.as_str(), tx.category_id.as_str()),
        ("BANK_FEE", "FEES")
    );
}

#[test]
fn recurring_monthly_keeps_the_day_and_clamps_to_month_end() {
    let text =
        "ACCOUNT|u|1|01/01/26|0|Checkings\nCOFFRE_RECURRING|-9.99|31/01/26|1m|3|Abo|pending\n";
    let bank = parse("t", text).unwrap_or_else(|e| panic!("{e}"));
    let dates: Vec<String> = bank.accounts[0]
        .transactions
        .iter()
        .map(|t| t.date.to_string())
        .collect();
    assert_eq!(dates, ["2026-01-31", "2026-02-28", "2026-03-31"]);
    assert!(bank.accounts[0].transactions.iter().all(|t| t.pending));
}

#[test]
fn parse_errors_name_the_file_and_line() {
    let cases = [
        (
            "ACCOUNT|u|1|01/01/26|0|Current\n",
            1,
            "unknown account type",
        ),
        ("\n\nTRANSACTION|1|01/01/26|x\n", 3, "before any ACCOUNT"),
        (
            "ACCOUNT|u|1|01/01/26|0|Savings\nTRANSACTION|ten|01/01/26|x\n",
            2,
            "not an amount",
        ),
        (
            "ACCOUNT|u|1|01/01/26|0|Savings\nTRANSACTION|1|31/02/26|x\n",
            2,
            "not a date",
        ),
        ("# c\nBANANA|1\n", 2, "unknown record"),
        (
            "ACCOUNT|u|1|01/01/26|0|Savings\nTRANSACTION|1|01/01/26|x\nCOFFRE_TX|color=red\n",
            3,
            "unknown transaction detail",
        ),
        (
            "ACCOUNT|u|1|01/01/26|0|Savings\nTRANSACTION|1|01/01/26|x\nCOFFRE_ON_SYNC|1|drop\n",
            3,
            "only a pending transaction can drop",
        ),
        (
            "ACCOUNT|u|1|01/01/26|0|Savings\nTRANSACTION|1|01/01/26|x\nCOFFRE_ON_SYNC|1|melt\n",
            3,
            "unknown change",
        ),
        ("COFFRE_APPEARS_ON_SYNC|ghost|1\n", 1, "no ACCOUNT"),
        ("COFFRE_CHALLENGE|SMS|06|1|[|3\n", 1, "bad code regexp"),
        ("COFFRE_FAIL|MELTDOWN\n", 1, "unknown failure"),
    ];
    for (text, line, what) in cases {
        let error = parse("broken", text).unwrap_err();
        let shown = error.to_string();
        assert!(
            shown.starts_with(&format!("test-bank file `broken.txt`, line {line}:")),
            "{shown}"
        );
        assert!(shown.contains(what), "{shown}");
    }
}

#[test]
fn generation_is_deterministic() {
    let text = "ACCOUNT|u|1|01/01/26|0|Checkings\nCOFFRE_GENERATE|500|42|01/01/25|31/12/25\n";
    let (a, b) = (parse("t", text), parse("t", text));
    assert_eq!(a, b);
    assert_eq!(a.map(|bank| bank.accounts[0].transactions.len()), Ok(500));
}

#[test]
fn a_pending_line_is_booked_revised_and_dropped_on_later_syncs() {
    let bank = load("reconcile").unwrap_or_else(|e| panic!("{e}"));
    let lines = &bank.accounts[0].transactions;
    let at = |label: &str, sync| {
        let tx = lines.iter().find(|t| t.label.starts_with(label)).unwrap();
        tx.listed_at(sync)
            .map(|l| (l.amount.to_string(), l.label.to_owned(), l.pending))
    };
    let fuel = |amount: &str, label: &str, pending| Some((amount.into(), label.into(), pending));
    assert_eq!(
        at("CB STATION", 1),
        fuel("-36.00", "CB STATION TOTAL PREAUT", true)
    );
    assert_eq!(
        at("CB STATION", 2),
        fuel("-41.37", "CB STATION TOTAL A6", false)
    );
    assert!(at("CB HOTEL", 1).is_some());
    assert_eq!(at("CB HOTEL", 2), None, "dropped on sync 2");
    assert_eq!(at("CB BOULANGERIE", 0), None, "appears on sync 1");
    assert!(at("CB BOULANGERIE", 1).is_some());
    assert_eq!(
        at("CB MONOPRIX", 2).map(|l| l.2),
        Some(false),
        "booked on sync 2"
    );
}

#[test]
fn challenges_are_asked_every_90_days_unless_the_file_says_every_sync() {
    let day = 86_400;
    let sms = load("sms").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(sms.challenge_every, ChallengeEvery::Days(90));
    assert!(sms.challenge_every.asks(None, 100 * day));
    assert!(!sms.challenge_every.asks(Some(11 * day), 100 * day));
    assert!(sms.challenge_every.asks(Some(10 * day), 100 * day));
    let every = load("sms_every_sync").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(every.challenge_every, ChallengeEvery::Sync);
    assert!(every.challenge_every.asks(Some(100 * day), 100 * day));
    let weekly = parse(
        "t",
        "COFFRE_CHALLENGE_EVERY|7d\nACCOUNT|A|1|01/01/24|1|Checkings",
    );
    assert_eq!(
        weekly.map(|b| b.challenge_every),
        Ok(ChallengeEvery::Days(7))
    );
    let bad = parse("t", "COFFRE_CHALLENGE_EVERY|weekly").unwrap_err();
    assert!(
        bad.to_string().contains("line 1") && bad.to_string().contains("90d"),
        "{bad}"
    );
}
