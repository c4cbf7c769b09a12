//! Property tests of the configuration parser: any text and any value in the known keys never
//! panic; a valid file gives back every field it holds; a broken one is refused with a message
//! that says where (a line or a key) and never shows the `client_secret` it holds. The same for
//! a `[finx]` section, alone or beside `[oxlin]`.

use proptest::prelude::*;
use secrecy::ExposeSecret;

use super::parse;

/// A TOML basic string holding `text` exactly.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A secret that appears nowhere else in a generated file.
fn secret() -> impl Strategy<Value = String> {
    "S3CRET[A-Za-z0-9]{8,16}"
}

/// The fields of a valid `[oxlin]` section (optional ones may be absent).
#[derive(Debug, Clone)]
struct Fields {
    auth_url: String,
    api_url: String,
    embed_url: Option<String>,
    client_id: String,
    username: Option<String>,
    password_command: Option<String>,
}

fn fields() -> impl Strategy<Value = Fields> {
    let text = || any::<String>();
    (
        text(),
        text(),
        prop::option::of(text()),
        text(),
        prop::option::of(text()),
        prop::option::of(text()),
    )
        .prop_map(
            |(auth_url, api_url, embed_url, client_id, username, password_command)| Fields {
                auth_url,
                api_url,
                embed_url,
                client_id,
                username,
                password_command,
            },
        )
}

/// The file text of `fields` with `client_secret = secret`.
fn file(fields: &Fields, secret: &str) -> Vec<String> {
    let mut lines = vec![
        "[oxlin]".to_owned(),
        format!("auth_url = {}", quoted(&fields.auth_url)),
        format!("api_url = {}", quoted(&fields.api_url)),
        format!("client_id = {}", quoted(&fields.client_id)),
        format!("client_secret = {}", quoted(secret)),
    ];
    let optional = [
        ("embed_url", &fields.embed_url),
        ("username", &fields.username),
        ("password_command", &fields.password_command),
    ];
    for (key, value) in optional {
        if let Some(value) = value {
            lines.push(format!("{key} = {}", quoted(value)));
        }
    }
    lines
}

/// A line that breaks a file holding `secret`: a misspelt key, a wrong type, an unclosed
/// string, a duplicate key, garbage.
fn breakage(secret: String) -> impl Strategy<Value = String> {
    prop_oneof![
        Just(format!("client_secrett = \"{secret}\"")),
        Just(format!("client_secret = \"{secret}")),
        Just(format!("client_secret = {secret}")),
        Just(format!("client_secret = [\"{secret}\"]")),
        Just("client_id = 5".to_owned()),
        Just("auth_url = true".to_owned()),
        Just(format!("[oxlin]\nclient_secret = \"{secret}\"")),
        // Led by a letter: garbage starting with `#` would be a comment, a valid line.
        "[^\n]{1,30}".prop_map(|garbage| format!("x{garbage} = = {garbage}")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn any_text_is_parsed_or_refused_without_panic(text in any::<String>()) {
        let _ = parse(&text);
    }

    #[test]
    fn any_tomlish_lines_are_parsed_or_refused_without_panic(
        lines in prop::collection::vec(
            prop_oneof![
                Just("[oxlin]".to_owned()),
                Just("[finx]".to_owned()),
                "[a-z_]{1,20} = \"[^\"\n]{0,20}\"",
                "[a-z_]{1,20} = [0-9.eE+-]{1,12}",
                "[a-z_]{1,20} = (true|false|\\[\\]|\\{\\})",
                "[^\n]{0,40}",
            ],
            0..10,
        )
    ) {
        let _ = parse(&lines.join("\n"));
    }

    #[test]
    fn a_valid_config_gives_back_every_field(fields in fields(), secret in secret()) {
        let config = parse(&file(&fields, &secret).join("\n")).unwrap().oxlin.unwrap();
        prop_assert_eq!(&config.auth_url, &fields.auth_url);
        prop_assert_eq!(&config.api_url, &fields.api_url);
        prop_assert_eq!(&config.embed_url, &fields.embed_url);
        prop_assert_eq!(&config.client_id, &fields.client_id);
        prop_assert_eq!(&config.username, &fields.username);
        prop_assert_eq!(&config.password_command, &fields.password_command);
        prop_assert_eq!(config.client_secret.as_ref().map(|s| s.expose_secret()), Some(secret.as_str()));
        let debug = format!("{config:?}");
        prop_assert!(!debug.contains(&secret), "{}", debug);
    }

    #[test]
    fn a_broken_config_names_its_line_and_hides_the_secret(
        fields in fields(),
        (secret, broken) in secret().prop_flat_map(|s| (Just(s.clone()), breakage(s))),
        at in any::<prop::sample::Index>(),
    ) {
        let mut lines = file(&fields, &secret);
        let at = 1 + at.index(lines.len());
        lines.insert(at, broken);
        let error = parse(&lines.join("\n")).unwrap_err();
        prop_assert!(!error.contains(&secret), "{}", error);
        prop_assert!(error.starts_with("line "), "{}", error);
    }
}

/// The fields of a valid `[finx]` section.
#[derive(Debug, Clone)]
struct FinxFields {
    api_url: String,
    client_id: String,
}

fn finx_fields() -> impl Strategy<Value = FinxFields> {
    (any::<String>(), any::<String>())
        .prop_map(|(api_url, client_id)| FinxFields { api_url, client_id })
}

/// The `[finx]` section of `fields` with `client_secret = secret`.
fn finx_file(fields: &FinxFields, secret: &str) -> Vec<String> {
    vec![
        "[finx]".to_owned(),
        format!("api_url = {}", quoted(&fields.api_url)),
        format!("client_id = {}", quoted(&fields.client_id)),
        format!("client_secret = {}", quoted(secret)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn a_valid_finx_section_alone_or_beside_oxlin_gives_back_every_field(
        finx in finx_fields(),
        oxlin in prop::option::of(fields()),
        secret in secret(),
    ) {
        let mut lines = finx_file(&finx, &secret);
        if let Some(oxlin) = &oxlin {
            lines.extend(file(oxlin, "oxlin-secret-value"));
        }
        let config = parse(&lines.join("\n")).unwrap();
        prop_assert_eq!(config.oxlin.is_some(), oxlin.is_some());
        let section = config.finx.unwrap();
        prop_assert_eq!(&section.api_url, &finx.api_url);
        prop_assert_eq!(&section.client_id, &finx.client_id);
        prop_assert_eq!(section.client_secret.as_ref().map(|s| s.expose_secret()), Some(secret.as_str()));
        let debug = format!("{section:?}");
        prop_assert!(!debug.contains(&secret), "{}", debug);
    }

    #[test]
    fn a_broken_finx_section_names_its_line_and_hides_the_secret(
        finx in finx_fields(),
        (secret, broken) in secret().prop_flat_map(|s| (Just(s.clone()), breakage(s))),
        at in any::<prop::sample::Index>(),
    ) {
        let mut lines = finx_file(&finx, &secret);
        let at = 1 + at.index(lines.len());
        lines.insert(at, broken.replace("[oxlin]", "[finx]").replace("auth_url", "api_url"));
        let error = parse(&lines.join("\n")).unwrap_err();
        prop_assert!(!error.contains(&secret), "{}", error);
        prop_assert!(error.starts_with("line "), "{}", error);
    }
}
