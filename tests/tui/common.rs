//! Shared test helpers: a fixed clock, key scripts, rendering to text, and fixtures shaped like
//! the Linxo test bank (provider 87) plus hostile and long labels.

use chrono::{DateTime, TimeZone, Utc};
use coffre::app::{Command, Model, Msg, update};
use coffre::domain::{
    Account, AccountKind, AccountState, Channel, ChannelMode, CredentialField, InputKind, Money,
    Provider,
};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rust_decimal::Decimal;

/// The tests' "now": 2024-03-01 10:00:00 UTC.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 3, 1, 10, 0, 0).unwrap()
}

/// Renders the model at `w`×`h` and returns the text grid.
pub fn render(model: &mut Model, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| coffre::app::view(model, f)).unwrap();
    terminal.backend().to_string()
}

/// One key press.
pub fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Ctrl + a letter.
pub fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// The key presses that type `text`.
pub fn typed(text: &str) -> Vec<Msg> {
    text.chars().map(|c| key(KeyCode::Char(c))).collect()
}

/// Applies every message, returning all the commands produced — except the transactions
/// view's reads of the store, which are performed at once and answered
/// ([`crate::settle::settle`]).
pub fn run(model: &mut Model, msgs: impl IntoIterator<Item = Msg>) -> Vec<Command> {
    msgs.into_iter()
        .flat_map(|m| {
            let commands = update(model, m);
            crate::settle::settle(model, commands)
        })
        .collect()
}

fn cred(id: &str, label: &str, regexp: &str, kind: InputKind, encrypt: bool) -> CredentialField {
    CredentialField {
        id: id.into(),
        label: label.into(),
        regexp: regexp.into(),
        kind,
        encrypt,
        params: Vec::new(),
    }
}

/// The test bank's EMBEDDED channel `13400`: login 300, password 301 (encrypted), file 302.
pub fn embedded_13400() -> Channel {
    Channel {
        id: "13400".into(),
        mode: ChannelMode::Embedded,
        account_types: vec![
            "CHECKINGS".into(),
            "SAVINGS".into(),
            "LOAN".into(),
            "CREDIT_CARD".into(),
        ],
        credentials: vec![
            cred("300", "Login", "^.+$", InputKind::Text, false),
            cred("301", "Password", "^.+$", InputKind::Pwd, true),
            cred("302", "Configuration file", "^.*$", InputKind::Text, false),
        ],
        unavailable: false,
    }
}

/// The Linxo Test Bank with both channels.
pub fn test_bank() -> Provider {
    Provider {
        id: "87".into(),
        name: "Linxo Test Bank".into(),
        country: "FRA".into(),
        channels: vec![
            Channel {
                id: "8701".into(),
                mode: ChannelMode::Redirect,
                account_types: vec!["CHECKINGS".into(), "CREDIT_CARD".into()],
                credentials: Vec::new(),
                unavailable: false,
            },
            embedded_13400(),
        ],
        unavailable: false,
    }
}

fn simple(id: &str, name: &str, unavailable: bool) -> Provider {
    let mut channel = embedded_13400();
    channel.id = format!("{id}00");
    channel.credentials = vec![
        cred(
            "1",
            "Identifiant",
            "^[a-zA-Z0-9@._-]{7,}$",
            InputKind::Text,
            false,
        ),
        cred(
            "2",
            "Mot de passe (8 car. min.)",
            "^.{8,}$",
            InputKind::Pwd,
            true,
        ),
    ];
    Provider {
        id: id.into(),
        name: name.into(),
        country: "FRA".into(),
        channels: vec![channel],
        unavailable,
    }
}

/// A small catalogue: the test bank, two banks, one unavailable.
pub fn providers() -> Vec<Provider> {
    vec![
        simple("119", "HSBC", false),
        simple("1022", "Crédit Agricole - Languedoc", false),
        simple("404", "Banque Fermée", true),
        test_bank(),
    ]
}

/// A provider whose name carries escape sequences and bidi overrides.
pub fn hostile_provider() -> Provider {
    simple(
        "666",
        "Evil\u{1b}[2J\u{1b}[31mBank\u{202e}knaB\u{7} \u{1b}]0;pwned\u{7}SA",
        false,
    )
}

/// Three accounts listed for consent.
pub fn consent_accounts() -> Vec<Account> {
    let acc = |id: &str, name: &str, kind: AccountKind, iban: Option<&str>, bal: &str| Account {
        id: coffre::domain::AccountId::oxlin(id),
        connection_id: Some(coffre::domain::ConnectionId::oxlin("c1")),
        name: name.into(),
        kind,
        state: AccountState::PendingConsent,
        iban: iban.map(Into::into),
        balance: Some(Money::new(bal.parse::<Decimal>().unwrap(), "EUR")),
        balance_date: None,
        owner: None,
    };
    vec![
        acc(
            "a1",
            "Compte courant",
            AccountKind::Checking,
            Some("FR7630003000502376843574B66"),
            "2441.46",
        ),
        acc(
            "a2",
            "Livret A",
            AccountKind::Savings,
            Some("FR7630003000509999999999B12"),
            "15000",
        ),
        acc(
            "a3",
            "Prêt immobilier\u{202e} hostile\u{1b}[5m",
            AccountKind::Loan,
            None,
            "-182340.5",
        ),
    ]
}

/// The SMS challenge of the test bank: an info with the phone, a timeout, a code input.
pub fn sms_code_challenge(error: Option<&str>) -> Vec<CredentialField> {
    let mut items = Vec::new();
    if let Some(e) = error {
        let mut err = cred("e", e, ".*", InputKind::Error, false);
        err.params = vec![("remaining_attempts".into(), "2".into())];
        items.push(err);
    }
    let mut info = cred(
        "303",
        "Un code a été envoyé au {phone}.",
        ".*",
        InputKind::Info,
        false,
    );
    info.params = vec![("phone".into(), "06******06".into())];
    items.push(info);
    let mut timeout = cred(
        "305",
        "Saisissez-le dans les {timeout} secondes.",
        ".*",
        InputKind::Timeout,
        false,
    );
    timeout.params = vec![("timeout".into(), "120".into())];
    items.push(timeout);
    items.push(cred(
        "304",
        "Code SMS",
        "^[0-9]{6}$",
        InputKind::Numeric,
        false,
    ));
    items
}

/// The OK_CANCEL question that precedes the SMS.
pub fn send_sms_question() -> Vec<CredentialField> {
    let mut info = cred(
        "303",
        "Nous allons envoyer un code au {phone}. Souhaitez vous recevoir ce code maintenant ?",
        ".*",
        InputKind::Info,
        false,
    );
    info.params = vec![("phone".into(), "0606060606".into())];
    vec![
        info,
        cred("304", "Envoyer le SMS", ".*", InputKind::OkCancel, false),
    ]
}

/// The request id or generation carried by the last command that has one.
pub fn last_id(cmds: &[Command]) -> u64 {
    cmds.iter()
        .rev()
        .find_map(|c| match c {
            Command::LogIn { request, .. }
            | Command::SubmitCredentials { request, .. }
            | Command::StartRedirect { request, .. } => Some(*request),
            Command::PollQueue { generation, .. } => Some(*generation),
            _ => None,
        })
        .expect("a command with an id")
}

/// Logged in (demo user) with the catalogue loaded: on the picker.
pub fn at_picker() -> Model {
    use coffre::app::ApiEvent;
    let mut m = Model::new(now(), true, Some(("demo@coffre.test", "demo")));
    let cmds = run(&mut m, [key(KeyCode::Enter)]);
    let request = last_id(&cmds);
    run(
        &mut m,
        [Msg::Api(ApiEvent::LoggedIn {
            request,
            result: Ok(()),
        })],
    );
    run(
        &mut m,
        [Msg::Api(ApiEvent::ProvidersLoaded(Ok(providers())))],
    );
    m
}

/// On the test bank's EMBEDDED form (search "test", Enter, second channel, Enter).
pub fn at_form() -> Model {
    let mut m = at_picker();
    run(&mut m, typed("test"));
    run(
        &mut m,
        [key(KeyCode::Enter), key(KeyCode::Down), key(KeyCode::Enter)],
    );
    m
}

/// dev/dev submitted and accepted: connection `c1` syncing; returns the model and the generation.
pub fn syncing() -> (Model, u64) {
    use coffre::app::ApiEvent;
    let mut m = at_form();
    let mut script = typed("dev");
    script.push(key(KeyCode::Enter));
    script.extend(typed("dev"));
    script.extend([key(KeyCode::Enter), key(KeyCode::Enter)]);
    let cmds = run(&mut m, script);
    let request = last_id(&cmds);
    let cmds = run(
        &mut m,
        [Msg::Api(ApiEvent::ConnectionCreated {
            request,
            result: Ok(coffre::domain::ConnectionId::oxlin("c1")),
        })],
    );
    let generation = last_id(&cmds);
    (m, generation)
}
