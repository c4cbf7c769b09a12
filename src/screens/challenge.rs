//! The challenge dialog: the bank's questions (`*_USER_INPUT_REQUESTED`), the challenge array in
//! order, labels with their `{params}` filled in; ERROR_MSG in red; TIMEOUT_MSG as a live
//! countdown from `now`; OK_CANCEL as buttons; inputs validated by their regexp. A new challenge
//! event replaces the dialog (the app builds a new one).
//!
//! Docs gaps, our choices: cancel (Esc) answers `"false"` to every OK_CANCEL item; a challenge
//! with no OK_CANCEL item has nothing to refuse, so Esc leaves the dialog unanswered (the bank
//! times it out). The countdown starts when the event is received (`received_at`), since the
//! event's `creation_date` may come from a server clock that differs from ours.
//!
//! The dialog's own words (title, countdown, buttons, the field's problem) follow the UI's
//! language (`locales/onboarding.toml`); the bank's texts are shown as sent.

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use secrecy::SecretString;

use crate::bank_rules::fill_placeholders;
use crate::domain::{ConnectionId, CredentialField, InputKind};
use crate::screens::clean;
use crate::screens::credential_form::field_for;
use crate::ui::widgets::key_hints::KeyHint;
use crate::ui::widgets::text_field::TextField;

/// One item of the challenge array, ready to show.
#[derive(Debug, Clone)]
enum Item {
    Message {
        kind: InputKind,
        spec: CredentialField,
    },
    Input {
        id: String,
        field: TextField,
    },
    OkCancel {
        id: String,
        label: String,
    },
}

/// The dialog's state.
#[derive(Debug, Clone)]
pub struct ChallengeDialog {
    /// The connection asking.
    pub connection: ConnectionId,
    /// The channel definition the answer goes to.
    pub channel: String,
    items: Vec<Item>,
    /// Focus: index among the inputs, then OK, then Cancel.
    focus: usize,
    received_at: DateTime<Utc>,
}

/// What a key press on the dialog asks for.
#[derive(Debug)]
pub enum ChallengeAction {
    /// Nothing outside the dialog.
    None,
    /// Send these answers (`(item id, value)`, in the array's order).
    Answer(Vec<(String, SecretString)>),
    /// The user closed a dialog that has nothing to refuse.
    Dismiss,
}

impl ChallengeDialog {
    /// Keys shown in the hint bar and the help.
    pub const KEYS: &[KeyHint] = &[
        ("Enter", "answer"),
        ("Tab/←→", "move"),
        ("Esc", "cancel"),
        ("Ctrl+R", "show code"),
    ];

    /// The dialog for a challenge received at `now`.
    pub fn new(
        connection: ConnectionId,
        channel: String,
        challenge: Vec<CredentialField>,
        now: DateTime<Utc>,
    ) -> Self {
        let items = challenge
            .into_iter()
            .map(|spec| match spec.kind {
                InputKind::Info | InputKind::Timeout | InputKind::Error => Item::Message {
                    kind: spec.kind.clone(),
                    spec,
                },
                InputKind::OkCancel => Item::OkCancel {
                    id: spec.id.clone(),
                    label: fill(&spec, None),
                },
                _ => Item::Input {
                    id: spec.id.clone(),
                    field: field_for(&spec, fill(&spec, None)),
                },
            })
            .collect();
        ChallengeDialog {
            connection,
            channel,
            items,
            focus: 0,
            received_at: now,
        }
    }

    /// Whether the bank asks for something to type (a code), not only OK or Cancel.
    pub fn asks_for_input(&self) -> bool {
        self.inputs() > 0
    }

    fn inputs(&self) -> usize {
        self.items
            .iter()
            .filter(|i| matches!(i, Item::Input { .. }))
            .count()
    }

    fn has_buttons(&self) -> bool {
        self.items
            .iter()
            .any(|i| matches!(i, Item::OkCancel { .. }))
    }

    fn stops(&self) -> usize {
        self.inputs() + if self.has_buttons() { 2 } else { 0 }
    }

    fn input_mut(&mut self, n: usize) -> Option<&mut TextField> {
        self.items
            .iter_mut()
            .filter_map(|i| match i {
                Item::Input { field, .. } => Some(field),
                _ => None,
            })
            .nth(n)
    }

    /// Handles a key.
    pub fn on_key(&mut self, key: KeyEvent) -> ChallengeAction {
        let stops = self.stops().max(1);
        let on_input = self.focus < self.inputs();
        match key.code {
            KeyCode::Esc => return self.cancel(),
            KeyCode::Tab | KeyCode::Down => self.focus = (self.focus + 1) % stops,
            KeyCode::BackTab | KeyCode::Up => self.focus = (self.focus + stops - 1) % stops,
            KeyCode::Left | KeyCode::Right if !on_input => {
                self.focus = if self.focus == self.inputs() {
                    self.focus + 1
                } else {
                    self.inputs()
                };
            }
            KeyCode::Char('r') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                if let Some(f) = self.input_mut(self.focus) {
                    f.toggle_reveal();
                }
            }
            KeyCode::Enter => return self.submit(),
            _ => {
                let n = self.focus;
                if let Some(f) = self.input_mut(n) {
                    f.handle_key(key);
                }
            }
        }
        ChallengeAction::None
    }

    fn submit(&mut self) -> ChallengeAction {
        let cancel_pressed = self.has_buttons() && self.focus == self.inputs() + 1;
        if cancel_pressed {
            return self.cancel();
        }
        let problem = self
            .items
            .iter()
            .position(|i| matches!(i, Item::Input { field, .. } if !field.is_valid()));
        if let Some(bad) = problem {
            let nth = self.items[..bad]
                .iter()
                .filter(|i| matches!(i, Item::Input { .. }))
                .count();
            self.focus = nth;
            return ChallengeAction::None;
        }
        self.answers(true)
    }

    fn cancel(&mut self) -> ChallengeAction {
        if self.has_buttons() {
            self.answers(false)
        } else {
            ChallengeAction::Dismiss
        }
    }

    fn answers(&mut self, ok: bool) -> ChallengeAction {
        let mut out = Vec::new();
        for item in &mut self.items {
            match item {
                Item::Input { id, field } if ok => out.push((id.clone(), field.take_secret())),
                Item::OkCancel { id, .. } => {
                    out.push((id.clone(), SecretString::from(ok.to_string())))
                }
                _ => {}
            }
        }
        ChallengeAction::Answer(out)
    }
}

fn param<'a>(spec: &'a CredentialField, name: &str) -> Option<&'a str> {
    spec.params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The label with `{name}` replaced by the param's value (sanitised); `{timeout}` by the seconds
/// left when a countdown runs. One pass, bounded: see [`crate::bank_rules`].
fn fill(spec: &CredentialField, timeout_left: Option<i64>) -> String {
    let label = fill_placeholders(&spec.label, |name| match (name, timeout_left) {
        ("timeout", Some(left)) => Some(Cow::Owned(left.max(0).to_string())),
        _ => param(spec, name).map(Cow::Borrowed),
    });
    clean(&label)
}

mod view;

#[cfg(test)]
mod tests;
