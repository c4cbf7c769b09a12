//! Waiting on the browser: the bank's website (a REDIRECT channel) or an Oxlin page (widget
//! mode: add a bank, renew, answer the bank, accept the terms). Shows the address in one piece
//! (`y` copies it through OSC 52), a QR code of it when the window is large enough, a countdown
//! to the runner's deadline, and a field where the address the browser ended on can be pasted
//! (`Tab`), for a browser on a phone or over SSH that cannot reach coffre's 127.0.0.1. After the
//! browser came back, the step coffre waits on. The same screen waits on finX's page for a
//! German bank. Esc cancels; a failure says what to do.
//!
//! The screen's own answers to a key ([`KeyNote`]: copied, paste first, checking) are kept as
//! what happened and worded by the view in the UI's language; the app's answer to a pasted
//! address (`note`) arrives worded, and wins over the key's until the next key.

mod view;

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rust_i18n::t;

use crate::domain::CallFailure;
use crate::domain::WidgetPage;
use crate::i18n::Lang;
use crate::ui::widgets::key_hints::KeyHint;
use crate::ui::widgets::text_field::{FieldKind, TextField};

/// What the browser is away for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WaitFor {
    /// The bank's website (a REDIRECT channel, API mode).
    BankWebsite,
    /// An Oxlin page (widget mode).
    Widget(WidgetPage),
    /// finX's page, linking or renewing a German bank.
    GermanBank,
}

/// The wait's state.
#[derive(Debug, Clone)]
pub struct RedirectWait {
    /// The bank's name, or what the page is for ("Add a bank").
    pub bank: String,
    /// The id of the wait in flight.
    pub request: u64,
    /// The address to open once known.
    pub url: Option<String>,
    /// The failure (timeout, refused, cancelled or expired page).
    pub error: Option<CallFailure>,
    /// What the browser is away for.
    pub purpose: WaitFor,
    /// When coffre stops waiting (the countdown), once the address is known.
    pub deadline: Option<DateTime<Utc>>,
    /// The address the browser ended on, pasted by the user.
    pub paste: TextField,
    /// The paste field has the keyboard.
    pub pasting: bool,
    /// The app's answer to the last paste: `Ok` news, `Err` a refusal (nothing changed).
    pub note: Option<Result<String, String>>,
    /// The screen's own answer to the last key (`y`, Enter on the paste field).
    pub key_note: Option<KeyNote>,
    /// After the browser came back: what coffre waits on.
    pub step: Option<String>,
}

/// The screen's answer to a key, worded by the view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyNote {
    /// `y` copied the link (through OSC 52, which the terminal must allow).
    LinkCopied,
    /// Enter on an empty paste field: paste the address first.
    PasteFirst,
    /// Enter on a pasted address: coffre checks it.
    Checking,
}

/// What a key on the wait asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WaitAction {
    /// Nothing for the app.
    None,
    /// Stop waiting.
    Cancel,
    /// Copy this address to the clipboard.
    Copy(String),
    /// Finish from this pasted address.
    Paste(String),
}

impl RedirectWait {
    /// Keys shown while nothing but Esc works (asking for the address, a failure).
    pub const KEYS: &[KeyHint] = &[("Esc", "cancel")];
    /// Keys shown while the browser is away.
    pub const KEYS_WAITING: &[KeyHint] = &[
        ("y", "copy link"),
        ("Tab", "paste the address"),
        ("Esc", "cancel"),
    ];
    /// Keys shown while the paste field has the keyboard.
    pub const KEYS_PASTING: &[KeyHint] = &[
        ("Enter", "finish from it"),
        ("Tab", "leave the field"),
        ("Esc", "cancel"),
    ];

    /// The keys of the wait's state, for the hint bar and the help.
    pub fn keys(&self) -> &'static [KeyHint] {
        match (self.waiting_on_browser(), self.pasting) {
            (true, true) => Self::KEYS_PASTING,
            (true, false) => Self::KEYS_WAITING,
            (false, _) => Self::KEYS,
        }
    }

    /// A wait for the bank's website of `bank`.
    pub fn new(bank: impl Into<String>, request: u64) -> Self {
        RedirectWait {
            bank: bank.into(),
            request,
            url: None,
            error: None,
            purpose: WaitFor::BankWebsite,
            deadline: None,
            paste: TextField::new("Address", FieldKind::Text),
            pasting: false,
            note: None,
            key_note: None,
            step: None,
        }
    }

    /// A wait for an Oxlin page, titled `title`.
    pub fn widget(title: impl Into<String>, request: u64, page: WidgetPage) -> Self {
        RedirectWait {
            purpose: WaitFor::Widget(page),
            ..Self::new(title, request)
        }
    }

    /// A wait for finX's page, titled `title` (a German bank, or the bank renewed).
    pub fn german_bank(title: impl Into<String>, request: u64) -> Self {
        RedirectWait {
            purpose: WaitFor::GermanBank,
            ..Self::new(title, request)
        }
    }

    /// The title bar's name of the screen, in `lang`.
    pub fn screen_title(&self, lang: Lang) -> String {
        match self.purpose {
            WaitFor::BankWebsite => t!("redirect.title_bank", locale = lang.code()),
            WaitFor::Widget(_) => t!("redirect.title_oxlin", locale = lang.code()),
            WaitFor::GermanBank => t!("redirect.title_finx", locale = lang.code()),
        }
        .into_owned()
    }

    /// The paste field has the keyboard (letters type).
    pub fn is_typing(&self) -> bool {
        self.pasting
    }

    /// The browser is away and coffre waits for it (no failure, not past the return).
    fn waiting_on_browser(&self) -> bool {
        self.url.is_some() && self.error.is_none() && self.step.is_none()
    }

    /// Handles a key.
    pub fn on_key(&mut self, key: KeyEvent) -> WaitAction {
        if key.code == KeyCode::Esc {
            return WaitAction::Cancel;
        }
        if !self.waiting_on_browser() {
            return WaitAction::None;
        }
        let plain = !key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Tab | KeyCode::BackTab => {
                self.pasting = !self.pasting;
                WaitAction::None
            }
            KeyCode::Char('y') if plain && !self.pasting => {
                self.say(KeyNote::LinkCopied);
                WaitAction::Copy(self.url.clone().unwrap_or_default())
            }
            KeyCode::Char('p') | KeyCode::Char('v') if plain && !self.pasting => {
                self.pasting = true;
                WaitAction::None
            }
            KeyCode::Enter if self.pasting => {
                let address = self.paste.value().trim().to_owned();
                if address.is_empty() {
                    self.say(KeyNote::PasteFirst);
                    return WaitAction::None;
                }
                self.say(KeyNote::Checking);
                WaitAction::Paste(address)
            }
            _ if self.pasting => {
                if self.paste.handle_key(key) {
                    self.note = None;
                    self.key_note = None;
                }
                WaitAction::None
            }
            _ => WaitAction::None,
        }
    }
}

impl RedirectWait {
    /// The screen answers a key: its note replaces whatever was said before.
    fn say(&mut self, note: KeyNote) {
        self.note = None;
        self.key_note = Some(note);
    }
}

#[cfg(test)]
mod tests;
