//! Bank questions that arrive in the background (pure, like `update`): announced, never thrown
//! under the user's fingers.
//!
//! A question (`*_USER_INPUT_REQUESTED`) is *in the foreground* when the user watches the sync
//! screen (or answers this bank's question): it opens at once, as the challenge screen
//! ([`progress`]), replacing the bank's previous question. Anywhere else (dashboard,
//! bank picker, a form, another bank's question) it is *in the background*, and:
//!
//! - it is announced: the status line ("Crédit X asks for a code: press a to answer"), a
//!   terminal bell ([`Command::Bell`]), and the bank's heading on the dashboard, whose sync row
//!   is now "waiting for you";
//! - it opens over the screen on display (which keeps its state and keeps receiving its API
//!   answers) on a key: `a` on the dashboard and the sync screen, F2 anywhere (also while
//!   typing); or by itself once the user has pressed no key for [`IDLE`] (2 s), counted from the
//!   later of the announcement and the last key. So it never opens less than 2 s after it was
//!   announced, nor while the user types: keys typed before it opened went to the screen under
//!   it and never answer it. Idle time is measured on the model's clock (`Msg::Tick`, every
//!   250 ms), so it opens between 2 and 2.25 s after the last key. For [`GRACE`] (1 s) after it
//!   opened by itself, Enter is ignored: an Enter already on its way, meant for the screen under
//!   it, does not answer it;
//! - Esc on it means "later": it closes and waits, announced, for `a` or F2 (the idle timer does
//!   not reopen a question the user put off). Its Cancel button still refuses the question;
//! - the next question of a conversation the user answered here (the code form after "send the
//!   SMS", a wrong code) opens at once: the user is expecting it;
//! - a question whose sync ended, or was replaced by a newer one, is dropped ([`prune`]).

use chrono::{DateTime, TimeDelta, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rust_i18n::t;

use crate::app::{Command, Model, Screen, progress};
use crate::domain::{ConnectionId, CredentialField, SyncStep};
use crate::screens::challenge::{ChallengeAction, ChallengeDialog};
use crate::ui::widgets::key_hints::KeyHint;
use crate::ui::widgets::status_line::Status;

/// How long the user must have pressed no key before a background question opens by itself.
pub const IDLE: TimeDelta = TimeDelta::seconds(2);

/// After a question opened by itself, how long Enter is ignored (a reaction time: an Enter
/// already on its way, meant for the screen under it, does not answer it).
pub const GRACE: TimeDelta = TimeDelta::seconds(1);

/// The keys of a background question opened over the screen.
pub const KEYS: &[KeyHint] = &[
    ("Enter", "answer"),
    ("Tab/←→", "move"),
    ("Esc", "later"),
    ("Ctrl+R", "show code"),
];

/// The background questions: the ones announced and the one open over the screen.
#[derive(Debug, Clone, Default)]
pub struct Questions {
    waiting: Vec<Question>,
    open: Option<Question>,
    /// When the user last pressed a key (the model's clock).
    last_key_at: Option<DateTime<Utc>>,
    /// The connection whose question the user answered here last (its next one opens at once).
    answered: Option<ConnectionId>,
}

/// One question of one connection's sync.
#[derive(Debug, Clone)]
struct Question {
    dialog: ChallengeDialog,
    bank: String,
    generation: u64,
    since: DateTime<Utc>,
    /// The user closed it with Esc: it opens again only on a key.
    put_off: bool,
    /// When it opened by itself (idle timer), for [`GRACE`].
    opened_by_itself_at: Option<DateTime<Utc>>,
}

impl Questions {
    /// The question open over the screen, if any.
    pub fn open(&self) -> Option<&ChallengeDialog> {
        self.open.as_ref().map(|q| &q.dialog)
    }

    /// How many questions wait, announced and not open.
    pub fn waiting(&self) -> usize {
        self.waiting.len()
    }
}

/// Where the question shows: in the foreground (the sync screen, or the same bank's question
/// on screen, which it replaces) or announced.
fn in_background(model: &Model, connection: &ConnectionId) -> bool {
    if model.questions.open.is_some() {
        return true;
    }
    match &model.screen {
        Screen::Syncing => false,
        Screen::Challenge(dialog) => dialog.connection != *connection,
        _ => true,
    }
}

/// The bank asks a question: opened at once on the sync screen, announced anywhere else.
pub(super) fn received(
    model: &mut Model,
    connection: ConnectionId,
    channel: String,
    generation: u64,
    challenge: Vec<CredentialField>,
) -> Vec<Command> {
    if !in_background(model, &connection) {
        return progress::challenge_received(model, connection, channel, generation, challenge);
    }
    let Some(row) = model.sync.row_mut(&connection) else {
        return Vec::new();
    };
    if row.generation != generation || !row.is_running() {
        return Vec::new();
    }
    row.step = SyncStep::WaitingForUser;
    let bank = row.bank.clone();
    let dialog = ChallengeDialog::new(connection.clone(), channel, challenge, model.now);
    let question = Question {
        dialog,
        bank,
        generation,
        since: model.now,
        put_off: false,
        opened_by_itself_at: None,
    };
    let qs = &mut model.questions;
    qs.waiting.retain(|q| q.dialog.connection != connection);
    let open_same = qs
        .open
        .as_ref()
        .is_some_and(|q| q.dialog.connection == connection);
    if open_same || (qs.open.is_none() && qs.answered.as_ref() == Some(&connection)) {
        // The conversation the user is having goes on.
        qs.open = Some(question);
        return Vec::new();
    }
    let text = announcement(&question, model);
    model.questions.waiting.push(question);
    model.status = Some(Status::Info(text));
    vec![Command::Bell]
}

/// "Crédit X asks for a code: press a to answer", with the key that works where the user is.
fn announcement(q: &Question, model: &Model) -> String {
    let code = model.lang.code();
    let how = if a_key_answers(model) {
        t!("notice.press_a_to_answer", locale = code)
    } else {
        t!("notice.press_f2_to_answer", locale = code)
    };
    if q.dialog.asks_for_input() {
        t!(
            "notice.asks_for_code",
            locale = code,
            bank = q.bank,
            how = how
        )
    } else {
        t!(
            "notice.asks_question",
            locale = code,
            bank = q.bank,
            how = how
        )
    }
    .into_owned()
}

/// Whether `a` opens the question on this screen (elsewhere it types, or ticks accounts).
fn a_key_answers(model: &Model) -> bool {
    match &model.screen {
        Screen::Syncing => true,
        Screen::Dashboard(d) => !d.is_typing(),
        _ => false,
    }
}

/// A key while background questions exist: answers the open one, or opens one (`a`, F2).
/// `None` when the key is not theirs (the screen gets it).
pub(super) fn key(model: &mut Model, key: KeyEvent) -> Option<Vec<Command>> {
    model.questions.last_key_at = Some(model.now);
    if model.questions.open.is_some() {
        return Some(answer_key(model, key));
    }
    let plain = key.modifiers.difference(KeyModifiers::SHIFT).is_empty();
    let opens = match key.code {
        KeyCode::F(2) => true,
        KeyCode::Char('a') => plain && a_key_answers(model),
        _ => false,
    };
    if opens && !model.questions.waiting.is_empty() {
        open_first(model, |_| true, None);
        return Some(Vec::new());
    }
    None
}

/// A key on the open question: Esc puts it off; an answer is sent.
fn answer_key(model: &mut Model, key: KeyEvent) -> Vec<Command> {
    let qs = &mut model.questions;
    let Some(mut q) = qs.open.take() else {
        return Vec::new();
    };
    let too_soon = q
        .opened_by_itself_at
        .is_some_and(|at| model.now - at < GRACE);
    if key.code == KeyCode::Enter && too_soon {
        qs.open = Some(q);
        return Vec::new();
    }
    // The user acted on the question: the sync waits for the bank again, with a fresh deadline.
    if key.code == KeyCode::Esc {
        crate::app::progress::deadline::answered(model, &q.dialog.connection);
        q.put_off = true;
        let key = if a_key_answers(model) { "a" } else { "F2" };
        let text = t!(
            "notice.still_waits",
            locale = model.lang.code(),
            bank = q.bank,
            key = key
        );
        model.status = Some(Status::Info(text.into()));
        model.questions.waiting.insert(0, q);
        return Vec::new();
    }
    match q.dialog.on_key(key) {
        ChallengeAction::None => {
            qs.open = Some(q);
            Vec::new()
        }
        ChallengeAction::Answer(answers) => {
            crate::app::progress::deadline::answered(model, &q.dialog.connection);
            let qs = &mut model.questions;
            qs.answered = Some(q.dialog.connection.clone());
            let text = t!(
                "notice.answer_sent",
                locale = model.lang.code(),
                bank = q.bank
            );
            model.status = Some(Status::Info(text.into()));
            vec![Command::AnswerChallenge {
                connection: q.dialog.connection,
                channel: q.dialog.channel,
                answers,
            }]
        }
        ChallengeAction::Dismiss => {
            crate::app::progress::deadline::answered(model, &q.dialog.connection);
            q.put_off = true;
            model.questions.waiting.insert(0, q);
            Vec::new()
        }
    }
}

/// Time passed: the first question not put off opens once the user has been idle for [`IDLE`].
pub(super) fn tick(model: &mut Model) {
    let busy = model.questions.open.is_some()
        || model.help_open
        || model.quit_confirm
        || matches!(model.screen, Screen::Challenge(_));
    if busy {
        return;
    }
    let (now, last_key) = (model.now, model.questions.last_key_at);
    let ready = |q: &Question| {
        let quiet_since = last_key.map_or(q.since, |k| k.max(q.since));
        !q.put_off && now - quiet_since >= IDLE
    };
    open_first(model, ready, Some(now));
}

/// Opens the first waiting question that `ready` accepts; `by_itself`: the idle timer opens it
/// at that time (else a key did).
fn open_first(
    model: &mut Model,
    ready: impl Fn(&Question) -> bool,
    by_itself: Option<DateTime<Utc>>,
) {
    let qs = &mut model.questions;
    if let Some(i) = qs.waiting.iter().position(ready) {
        let mut q = qs.waiting.remove(i);
        q.opened_by_itself_at = by_itself;
        let text = t!(
            "notice.asks_here",
            locale = model.lang.code(),
            bank = q.bank
        );
        model.status = Some(Status::Info(text.into()));
        qs.open = Some(q);
    }
}

/// Drops the questions whose sync ended or moved to a newer generation (after every message).
pub(super) fn prune(model: &mut Model) {
    let rows = &model.sync.rows;
    let current = |q: &Question| {
        rows.iter().any(|r| {
            r.connection == q.dialog.connection
                && r.generation == q.generation
                && r.step == SyncStep::WaitingForUser
        })
    };
    let qs = &mut model.questions;
    qs.waiting.retain(current);
    if let Some(q) = qs.open.take_if(|q| !current(q))
        && !matches!(model.status, Some(Status::Error(_)))
    {
        let text = t!(
            "notice.stopped_waiting",
            locale = model.lang.code(),
            bank = q.bank
        );
        model.status = Some(Status::Info(text.into()));
    }
    if let Some(c) = &qs.answered
        && !rows.iter().any(|r| r.connection == *c && r.is_running())
    {
        qs.answered = None;
    }
}
