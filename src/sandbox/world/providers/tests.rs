//! Catalogue stories: big enough, varied enough, and the documented providers as documented.

use std::collections::BTreeSet;

use super::*;

#[test]
fn catalogue_holds_at_least_300_providers_with_unique_numeric_ids() {
    let all = catalogue();
    assert!(all.len() >= 300, "only {} providers", all.len());
    let ids: BTreeSet<&str> = all.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids.len(), all.len());
    assert!(all.iter().all(|p| p.id.parse::<u32>().is_ok()));
    let channel_ids: BTreeSet<&str> = all
        .iter()
        .flat_map(|p| p.channel_definitions.iter().map(|c| c.id.as_str()))
        .collect();
    let channels: usize = all.iter().map(|p| p.channel_definitions.len()).sum();
    assert_eq!(channel_ids.len(), channels);
}

#[test]
fn every_credential_type_appears_and_every_regexp_compiles() {
    let credentials: Vec<&CredentialDef> = catalogue()
        .iter()
        .flat_map(|p| {
            p.channel_definitions
                .iter()
                .flat_map(|c| c.credentials.iter())
        })
        .collect();
    let kinds: BTreeSet<&str> = credentials.iter().map(|c| c.kind).collect();
    for kind in ["TEXT", "PWD", "NUMERIC", "NUMERIC_PWD", "DATE"] {
        assert!(kinds.contains(kind), "no {kind} credential");
    }
    for c in &credentials {
        assert!(
            regex::Regex::new(&c.regexp).is_ok(),
            "{} {}",
            c.id,
            c.regexp
        );
    }
    let ids: BTreeSet<&str> = credentials.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids.len(),
        credentials.len(),
        "credential ids are not unique"
    );
}

#[test]
fn catalogue_mixes_interactive_unavailable_and_one_or_two_channel_providers() {
    let all = catalogue();
    assert!(all.iter().any(|p| p.interactive));
    assert!(all.iter().any(|p| !p.interactive));
    assert!(all.iter().any(|p| p.unavailable));
    assert!(all.iter().any(|p| p.channel_definitions.len() == 1));
    assert!(all.iter().any(|p| p.channel_definitions.len() == 2));
    let countries: BTreeSet<&str> = all.iter().map(|p| p.country_code.as_str()).collect();
    assert!(countries.len() >= 8);
}

#[test]
fn test_bank_has_its_documented_channels_and_credentials() {
    let bank = find("87").unwrap();
    assert_eq!(bank.name, "Linxo Test Bank");
    let redirect = bank.channel("8701").unwrap();
    assert_eq!(redirect.mode, "REDIRECT");
    assert_eq!(redirect.account_types, ["CHECKINGS", "CREDIT_CARD"]);
    assert!(redirect.credentials.is_empty());
    let embedded = bank.channel("13400").unwrap();
    assert!(embedded.interactive);
    assert_eq!(embedded.account_types.len(), 4);
    let ids: Vec<&str> = embedded.credentials.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["300", "301", "302"]);
    assert!(embedded.credentials[1].encrypt);
    assert_eq!(embedded.credentials[1].kind, "PWD");
    assert!(
        regex::Regex::new(&embedded.credentials[2].regexp)
            .unwrap()
            .is_match("")
    );
}

#[test]
fn hsbc_is_shown_as_the_seed_document_prints_it() {
    let json = find("119").unwrap().to_json();
    assert_eq!(json["name"], "HSBC");
    assert_eq!(json["branch_name"], "");
    assert_eq!(json["country_code"], "FRA");
    assert_eq!(json["channel_definitions"][0]["id"], "redirect1");
    let embedded = &json["channel_definitions"][1];
    assert_eq!(embedded["id"], "embedded1");
    assert_eq!(
        embedded["account_types"],
        serde_json::json!(["SAVINGS", "LOAN"])
    );
    assert_eq!(
        embedded["credentials"][0]["regexp"],
        r"^[\a-zA-Z0-9@._-]{7,}$"
    );
    assert_eq!(embedded["credentials"][2]["id"], "3502");
    assert_eq!(embedded["credentials"][2]["encrypt"], true);
    assert_eq!(
        json["logo_url"],
        "https://static.oxlin.io/common/pictures/providers_logos/119.png"
    );
}

#[test]
fn unknown_provider_is_not_found() {
    assert!(find("999999").is_none());
    assert!(find("").is_none());
}
