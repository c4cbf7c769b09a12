//! The generated catalogue: real French and European bank names and regional branches, each
//! network with a realistic channel and credential shape. Ids are deterministic: the two
//! documented providers keep theirs (`87` Linxo Test Bank, `119` HSBC), the others are numbered
//! from 200 in table order. A few providers are marked unavailable (every 41st one and the ones
//! the tables flag), to exercise the client's handling of them.

mod tables;

use std::sync::OnceLock;

use super::{ChannelDef, CredentialDef, ProviderDef};
use tables::{Network, Shape};

/// Every provider, sorted by numeric id.
pub fn catalogue() -> &'static [ProviderDef] {
    static CATALOGUE: OnceLock<Vec<ProviderDef>> = OnceLock::new();
    CATALOGUE.get_or_init(build)
}

/// The provider with this id.
pub fn find(id: &str) -> Option<&'static ProviderDef> {
    catalogue().iter().find(|p| p.id == id)
}

fn build() -> Vec<ProviderDef> {
    let mut all = vec![test_bank(), hsbc()];
    let mut next = 200u32;
    for network in tables::NETWORKS {
        for branch in network.branches {
            all.push(generated(network, branch, next));
            next += 1;
        }
    }
    all.sort_by_key(|p| p.id.parse::<u64>().unwrap_or(u64::MAX));
    all
}

fn credential(
    id: impl Into<String>,
    label: &str,
    regexp: &str,
    kind: &'static str,
    encrypt: bool,
) -> CredentialDef {
    CredentialDef {
        id: id.into(),
        label: label.to_owned(),
        regexp: regexp.to_owned(),
        kind,
        encrypt,
    }
}

/// The Linxo Test Bank (interfaces.md): REDIRECT `8701`, EMBEDDED `13400` with 300/301/302.
fn test_bank() -> ProviderDef {
    ProviderDef {
        id: "87".into(),
        name: "Linxo Test Bank".into(),
        branch_name: String::new(),
        base_url: "https://linxo-test-bank.s3.amazonaws.com/stettestbank/test-bank.txt".into(),
        country_code: "FRA".into(),
        interactive: true,
        unavailable: false,
        channel_definitions: vec![
            ChannelDef {
                id: "8701".into(),
                mode: "REDIRECT",
                account_types: vec!["CHECKINGS", "CREDIT_CARD"],
                interactive: false,
                credentials: vec![],
            },
            ChannelDef {
                id: "13400".into(),
                mode: "EMBEDDED",
                account_types: vec!["CHECKINGS", "SAVINGS", "LOAN", "CREDIT_CARD"],
                interactive: true,
                credentials: vec![
                    credential("300", "Identifiant", "^.+$", "TEXT", false),
                    credential("301", "Mot de passe", "^.+$", "PWD", true),
                    credential(
                        "302",
                        "Fichier de configuration (URL ou nom)",
                        "^.*$",
                        "TEXT",
                        false,
                    ),
                ],
            },
        ],
    }
}

/// HSBC exactly as the seed document prints it (oxlin-api.md §5.2).
fn hsbc() -> ProviderDef {
    ProviderDef {
        id: "119".into(),
        name: "HSBC".into(),
        branch_name: String::new(),
        base_url: "https://www.hsbc.fr/1/2/hsbc-france/particuliers/connexion".into(),
        country_code: "FRA".into(),
        interactive: false,
        unavailable: false,
        channel_definitions: vec![
            ChannelDef {
                id: "redirect1".into(),
                mode: "REDIRECT",
                account_types: vec!["CHECKINGS", "CREDIT_CARD"],
                interactive: false,
                credentials: vec![],
            },
            ChannelDef {
                id: "embedded1".into(),
                mode: "EMBEDDED",
                account_types: vec!["SAVINGS", "LOAN"],
                interactive: false,
                credentials: vec![
                    credential(
                        "3500",
                        "Identifiant",
                        r"^[\a-zA-Z0-9@._-]{7,}$",
                        "TEXT",
                        false,
                    ),
                    credential("3501", "Réponse mémorable", ".+", "PWD", false),
                    credential("3502", "Mot de passe (8 car. min.)", "^.{8,}$", "PWD", true),
                ],
            },
        ],
    }
}

fn generated(network: &Network, branch: &str, id: u32) -> ProviderDef {
    let embedded = |types: Vec<&'static str>| ChannelDef {
        id: format!("{id}00"),
        mode: "EMBEDDED",
        account_types: types,
        interactive: network.interactive,
        credentials: network
            .fields
            .iter()
            .enumerate()
            .map(|(n, f)| credential(format!("{id}{n:02}"), f.label, f.regexp, f.kind, f.encrypt))
            .collect(),
    };
    let redirect = |types: Vec<&'static str>| ChannelDef {
        id: format!("{id}01"),
        mode: "REDIRECT",
        account_types: types,
        interactive: false,
        credentials: vec![],
    };
    let channel_definitions = match network.shape {
        Shape::RedirectAndEmbedded => vec![
            redirect(vec!["CHECKINGS", "CREDIT_CARD"]),
            embedded(vec!["SAVINGS", "LOAN"]),
        ],
        Shape::RedirectOnly => vec![redirect(vec!["CHECKINGS", "CREDIT_CARD"])],
        Shape::EmbeddedOnly => vec![embedded(vec![
            "CHECKINGS",
            "SAVINGS",
            "LOAN",
            "CREDIT_CARD",
        ])],
    };
    let slug: String = super::text_match::fold(branch)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    ProviderDef {
        id: id.to_string(),
        name: network.name.to_owned(),
        branch_name: if branch.is_empty() {
            String::new()
        } else {
            branch.to_owned()
        },
        base_url: if branch.is_empty() {
            format!("https://{}/", network.domain)
        } else {
            format!("https://{}/{}/", network.domain, slug.trim_matches('-'))
        },
        country_code: network.country.to_owned(),
        interactive: channel_definitions.iter().any(|c| c.interactive),
        unavailable: id.is_multiple_of(41) || network.unavailable.contains(&branch),
        channel_definitions,
    }
}
