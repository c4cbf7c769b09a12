//! Generators of the model-based test: a start on every screen, and steps as they reach
//! `update` from the loop (keys, mouse, ticks, resizes) and from the task runner (API results,
//! including stale, duplicated and out-of-order ones). Ids and generations are chosen relative
//! to what the model asked for ([`Pick`]), so most results answer a real request and some do not.

use chrono::Duration;
use coffre::app::{ApiEvent, Model, Msg};
use coffre::domain::{CallFailure, ChannelHealth, ConnectionId, SyncStep};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};
use proptest::prelude::*;

use crate::common::{self, consent_accounts, run, send_sms_question, sms_code_challenge};
use crate::dashboard::fixtures;

/// Where a sequence starts.
#[derive(Debug, Clone, Copy)]
pub enum Start {
    Login,
    Picker,
    Form,
    Redirect,
    Syncing,
    Challenge,
    Consent,
    Dashboard,
}

/// Which request id or generation a result carries, relative to the model's own.
#[derive(Debug, Clone, Copy)]
pub enum Pick {
    /// The latest one the model asked for.
    Current,
    /// One before it (a stale answer).
    Stale,
    /// One never asked for.
    Unknown,
}

/// Which connection a result is about.
#[derive(Debug, Clone, Copy)]
pub enum Conn {
    C1,
    C2,
    Unknown,
}

/// A queue event's step.
#[derive(Debug, Clone, Copy)]
pub enum StepKind {
    Starting,
    Listing,
    Syncing,
    Done,
    Failed(u8),
}

/// An API result, before its ids are resolved against the model.
#[derive(Debug, Clone)]
pub enum Api {
    LoggedIn(Pick, bool),
    Providers(bool),
    Created(Pick, bool),
    UrlReady(Pick, bool),
    RedirectDone(Pick, bool),
    Progress(Conn, Pick, StepKind),
    Challenge(Conn, Pick, bool),
    Consent(Conn, Pick, usize),
    Failed(Option<Conn>),
    Dashboard(bool),
    Connectivity(bool),
    Notice,
    /// The last API result again (a duplicate).
    Again,
}

/// One step of a sequence, and the terminal size it is rendered at.
#[derive(Clone)]
pub enum Step {
    Key(KeyEvent),
    Scroll(bool),
    /// Seconds since the last tick.
    Tick(i64),
    Api(Api),
}

/// Short, so that a failing sequence reads as a script.
impl std::fmt::Debug for Step {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Step::Key(k) if k.modifiers.contains(KeyModifiers::CONTROL) => {
                write!(f, "Ctrl+{:?}", k.code)
            }
            Step::Key(k) => write!(f, "Key({:?})", k.code),
            Step::Scroll(down) => write!(f, "Scroll(down: {down})"),
            Step::Tick(secs) => write!(f, "Tick(+{secs}s)"),
            Step::Api(api) => write!(f, "{api:?}"),
        }
    }
}

impl Conn {
    pub fn id(self) -> ConnectionId {
        match self {
            Conn::C1 => ConnectionId::oxlin("c1"),
            Conn::C2 => ConnectionId::oxlin("c2"),
            Conn::Unknown => ConnectionId::oxlin("10003"),
        }
    }
}

impl StepKind {
    pub fn step(self) -> SyncStep {
        match self {
            StepKind::Starting => SyncStep::Starting,
            StepKind::Listing => SyncStep::ListingAccounts,
            StepKind::Syncing => SyncStep::Syncing,
            StepKind::Done => SyncStep::Done,
            StepKind::Failed(0) => SyncStep::Failed(ChannelHealth::CredentialsRejected),
            StepKind::Failed(1) => SyncStep::Failed(ChannelHealth::ChallengeTimedOut),
            StepKind::Failed(2) => SyncStep::Failed(ChannelHealth::PasswordChangeRequired),
            StepKind::Failed(_) => SyncStep::Failed(ChannelHealth::Other("FAILED".into())),
        }
    }
}

/// Resolves a pick against the latest id the model asked for.
pub fn resolve(pick: Pick, latest: u64) -> u64 {
    match pick {
        Pick::Current => latest,
        Pick::Stale => latest.saturating_sub(1),
        Pick::Unknown => latest + 1000,
    }
}

/// A failure as the runner reports it.
pub fn failure() -> CallFailure {
    CallFailure::Rejected("the bank said no".into())
}

/// The model at `start`.
pub fn start(start: Start) -> Model {
    match start {
        Start::Login => Model::new(common::now(), true, Some(("demo@coffre.test", "demo"))),
        Start::Picker => common::at_picker(),
        Start::Form => common::at_form(),
        Start::Redirect => {
            let mut m = common::at_picker();
            run(&mut m, common::typed("test"));
            run(
                &mut m,
                [common::key(KeyCode::Enter), common::key(KeyCode::Enter)],
            );
            m
        }
        Start::Syncing => common::syncing().0,
        Start::Challenge | Start::Consent => {
            let (mut m, generation) = common::syncing();
            let connection = ConnectionId::oxlin("c1");
            let channel = "13400".to_owned();
            let event = match start {
                Start::Challenge => ApiEvent::ChallengeReceived {
                    connection,
                    channel,
                    generation,
                    challenge: sms_code_challenge(None),
                },
                _ => ApiEvent::ConsentRequested {
                    connection,
                    channel,
                    generation,
                    accounts: consent_accounts(),
                },
            };
            run(&mut m, [Msg::Api(event)]);
            m
        }
        Start::Dashboard => fixtures::dashboard(fixtures::data()),
    }
}

pub fn starts() -> impl Strategy<Value = Start> {
    prop_oneof![
        Just(Start::Login),
        Just(Start::Picker),
        Just(Start::Form),
        Just(Start::Redirect),
        Just(Start::Syncing),
        Just(Start::Challenge),
        Just(Start::Consent),
        Just(Start::Dashboard),
    ]
}

fn keys() -> impl Strategy<Value = KeyEvent> {
    let plain = |code| KeyEvent::new(code, KeyModifiers::NONE);
    let letters = "qynsrRacdDxel?/12 05jkgG".chars().collect::<Vec<_>>();
    prop_oneof![
        4 => prop::sample::select(letters).prop_map(move |c| plain(KeyCode::Char(c))),
        4 => prop::sample::select(vec![
            KeyCode::Enter, KeyCode::Esc, KeyCode::Tab, KeyCode::BackTab, KeyCode::Up,
            KeyCode::Down, KeyCode::Left, KeyCode::Right, KeyCode::Backspace,
            KeyCode::PageDown, KeyCode::Home, KeyCode::F(1),
        ])
        .prop_map(plain),
        1 => prop::sample::select(vec!['c', 'u', 'w', 'r'])
            .prop_map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
    ]
}

fn picks() -> impl Strategy<Value = Pick> {
    prop_oneof![6 => Just(Pick::Current), 2 => Just(Pick::Stale), 1 => Just(Pick::Unknown)]
}

fn conns() -> impl Strategy<Value = Conn> {
    prop_oneof![4 => Just(Conn::C1), 2 => Just(Conn::C2), 1 => Just(Conn::Unknown)]
}

fn step_kinds() -> impl Strategy<Value = StepKind> {
    prop_oneof![
        1 => Just(StepKind::Starting),
        1 => Just(StepKind::Listing),
        2 => Just(StepKind::Syncing),
        3 => Just(StepKind::Done),
        1 => (0u8..4).prop_map(StepKind::Failed),
    ]
}

fn apis() -> impl Strategy<Value = Api> {
    prop_oneof![
        1 => (picks(), any::<bool>()).prop_map(|(p, ok)| Api::LoggedIn(p, ok)),
        1 => any::<bool>().prop_map(Api::Providers),
        1 => (picks(), any::<bool>()).prop_map(|(p, ok)| Api::Created(p, ok)),
        1 => (picks(), any::<bool>()).prop_map(|(p, ok)| Api::UrlReady(p, ok)),
        1 => (picks(), any::<bool>()).prop_map(|(p, ok)| Api::RedirectDone(p, ok)),
        6 => (conns(), picks(), step_kinds()).prop_map(|(c, p, s)| Api::Progress(c, p, s)),
        2 => (conns(), picks(), any::<bool>()).prop_map(|(c, p, s)| Api::Challenge(c, p, s)),
        2 => (conns(), picks(), 0usize..=3).prop_map(|(c, p, n)| Api::Consent(c, p, n)),
        1 => prop::option::of(conns()).prop_map(Api::Failed),
        1 => any::<bool>().prop_map(Api::Dashboard),
        1 => any::<bool>().prop_map(Api::Connectivity),
        1 => Just(Api::Notice),
        2 => Just(Api::Again),
    ]
}

/// A step, and the terminal size to draw the model at after it (a quarter of the steps: the
/// 20×5 drawing after every step is cheap, a large one is the slowest part of the test).
pub fn steps() -> impl Strategy<Value = (Step, Option<(u16, u16)>)> {
    let step = prop_oneof![
        8 => keys().prop_map(Step::Key),
        1 => any::<bool>().prop_map(Step::Scroll),
        3 => prop_oneof![3 => 0i64..5, 1 => 60i64..400].prop_map(Step::Tick),
        6 => apis().prop_map(Step::Api),
    ];
    let size = prop::option::weighted(0.25, (20u16..=120, 5u16..=40));
    (step, size)
}

/// The message of a step that needs no model (keys, mouse, ticks).
pub fn plain_msg(step: &Step, model: &Model) -> Option<Msg> {
    match step {
        Step::Key(key) => Some(Msg::Key(*key)),
        Step::Scroll(down) => Some(Msg::Mouse(MouseEvent {
            kind: if *down {
                MouseEventKind::ScrollDown
            } else {
                MouseEventKind::ScrollUp
            },
            column: 10,
            row: 5,
            modifiers: KeyModifiers::NONE,
        })),
        Step::Tick(secs) => Some(Msg::Tick(model.now + Duration::seconds(*secs))),
        Step::Api(_) => None,
    }
}

/// The two questions the bank asks (an offer to send the SMS, then the code form).
pub fn challenge(code_form: bool) -> Vec<coffre::domain::CredentialField> {
    if code_form {
        sms_code_challenge(None)
    } else {
        send_sms_question()
    }
}
