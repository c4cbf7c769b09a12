//! A one-line text field over `tui-input`, used by every form (login, credentials, challenges).
//! Secret fields (passwords, OTP codes) render as `•` unless the user toggles reveal; NUMERIC
//! fields accept digits only; a field can carry a regexp and says why it is invalid, in words
//! when the rule has a common shape ([`rule_words`]), in the UI's language. The regexp
//! comes from a server, so it is compiled by `bank_rules::compile_rule` (size limits); one it
//! refuses is not checked (the form makes such a field required-only).
//!
//! Editing keys are tui-input's (Emacs/readline style), with Ctrl+U clearing from the cursor to
//! the start (as in a shell; tui-input's own Ctrl+U clears the whole line) and Ctrl+W deleting
//! the previous word. Fields kept as a plain `String` (the dashboard's search and filters) get
//! the same keys through [`edit_string`]; a Ctrl+letter is never typed as a letter.
//!
//! Secrets: the field's `Debug` never shows the value (only its length), even unmasked: SMS codes
//! are typed in NUMERIC fields that are shown on screen, and [`TextField::take_secret`] moves
//! the value out into a `SecretString` and clears the input. Docs gap: the API says nothing about
//! NUMERIC vs NUMERIC_PWD input filtering; we chose "digits only" for both, masking the latter.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use regex::Regex;
use secrecy::SecretString;
use tui_input::backend::crossterm::to_input_request;
use tui_input::{Input, InputRequest};

use crate::bank_rules::compile_rule;
use crate::i18n::Lang;
use crate::ui::theme::Theme;
use crate::ui::widgets::rule_words::rule_words;

/// What a field accepts and how it shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Free text.
    Text,
    /// A secret: masked with `•` until revealed.
    Secret,
    /// Digits only, shown.
    Numeric,
    /// Digits only, masked (NUMERIC_PWD).
    SecretNumeric,
    /// A date, typed as `dd/mm/yyyy`.
    Date,
}

impl FieldKind {
    /// Whether the value is masked by default.
    pub fn is_secret(self) -> bool {
        matches!(self, FieldKind::Secret | FieldKind::SecretNumeric)
    }
}

/// One labelled input.
#[derive(Clone)]
pub struct TextField {
    /// The label shown before the input (already sanitised by the caller).
    pub label: String,
    /// How the value is typed and shown.
    pub kind: FieldKind,
    input: Input,
    revealed: bool,
    pattern: Option<Regex>,
    /// The pattern as the bank sent it, put in words ("8 characters at least") when the value
    /// breaks it.
    regexp: String,
    required: bool,
    label_width: Option<u16>,
}

impl std::fmt::Debug for TextField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the value: an OTP or an account number may sit in a field that is not masked.
        f.debug_struct("TextField")
            .field("label", &self.label)
            .field("kind", &self.kind)
            .field("chars", &self.input.value().chars().count())
            .finish()
    }
}

impl TextField {
    /// An empty field. An invalid `regexp` from the API is ignored (treated as "anything").
    pub fn new(label: impl Into<String>, kind: FieldKind) -> Self {
        TextField {
            label: label.into(),
            kind,
            input: Input::default(),
            revealed: false,
            pattern: None,
            regexp: String::new(),
            required: false,
            label_width: None,
        }
    }

    /// The same field, validated by `regexp` when [`compile_rule`] accepts it (a server's rule:
    /// size-limited); a refused rule is not checked here.
    pub fn with_pattern(mut self, regexp: &str) -> Self {
        self.pattern = compile_rule(regexp).ok();
        self.regexp = regexp.to_owned();
        self
    }

    /// The same field, which must not be empty.
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    /// The same field, pre-filled.
    pub fn with_value(mut self, value: impl Into<String>) -> Self {
        self.input = Input::new(value.into());
        self
    }

    /// The current value (a secret too: callers must not log it).
    pub fn value(&self) -> &str {
        self.input.value()
    }

    /// Moves the value out as a secret and clears the field.
    pub fn take_secret(&mut self) -> SecretString {
        SecretString::from(self.input.value_and_reset())
    }

    /// Aligns the value at this column (forms set the width of their longest label).
    pub fn set_label_width(&mut self, width: u16) {
        self.label_width = Some(width);
    }

    /// Shows or hides a secret value.
    pub fn toggle_reveal(&mut self) {
        self.revealed = !self.revealed;
    }

    /// Why the value is not acceptable yet, in `lang`, or `None` when it is.
    pub fn problem(&self, lang: Lang) -> Option<String> {
        let code = lang.code();
        let v = self.input.value();
        if v.is_empty() {
            return self
                .required
                .then(|| rust_i18n::t!("onboarding.field.required", locale = code).into_owned());
        }
        if self.kind == FieldKind::Date && !is_date(v) {
            return Some(
                rust_i18n::t!("onboarding.field.expected_date", locale = code).into_owned(),
            );
        }
        match &self.pattern {
            Some(re) if !re.is_match(v) => Some(rule_words(&self.regexp, &self.label, lang)),
            _ => None,
        }
    }

    /// Whether the value is acceptable as it is (no [`TextField::problem`]).
    pub fn is_valid(&self) -> bool {
        let v = self.input.value();
        if v.is_empty() {
            return !self.required;
        }
        let date_ok = self.kind != FieldKind::Date || is_date(v);
        date_ok && self.pattern.as_ref().is_none_or(|re| re.is_match(v))
    }

    /// Handles an editing key; returns whether it changed the field. Non-digits are refused in
    /// numeric fields; keys that are not editing keys (Enter, Tab, Esc) are left to the screen.
    pub fn handle_key(&mut self, key: KeyEvent) -> bool {
        if let KeyCode::Char(c) = key.code {
            let plain = key.modifiers.difference(KeyModifiers::SHIFT).is_empty();
            let numeric = matches!(self.kind, FieldKind::Numeric | FieldKind::SecretNumeric);
            if plain && numeric && !c.is_ascii_digit() {
                return false;
            }
            if plain && self.kind == FieldKind::Date && !(c.is_ascii_digit() || c == '/') {
                return false;
            }
        }
        let ctrl = key.modifiers == KeyModifiers::CONTROL;
        let request = match key.code {
            KeyCode::Char('u') if ctrl => Some(InputRequest::DeleteFromStart),
            _ => to_input_request(&Event::Key(key)),
        };
        match request {
            Some(req) => self.input.handle(req).is_some(),
            None => false,
        }
    }

    /// What is drawn for the value: the text, or one `•` per character.
    pub fn shown_value(&self) -> String {
        if self.kind.is_secret() && !self.revealed {
            "•".repeat(self.input.value().chars().count())
        } else {
            self.input.value().to_string()
        }
    }

    /// Draws `label  [value▏]` and, under it, the problem when `show_problem`.
    pub fn render(&self, area: Rect, buf: &mut Buffer, focused: bool, theme: &Theme) {
        self.render_labelled(&self.label, area, buf, focused, theme);
    }

    /// Draws the field under another label: the UI's own fields (email, password, search)
    /// keep an English label and are shown with its translation.
    pub fn render_labelled(
        &self,
        label: &str,
        area: Rect,
        buf: &mut Buffer,
        focused: bool,
        theme: &Theme,
    ) {
        let own = label.chars().count() as u16 + 2;
        let label_w = self
            .label_width
            .unwrap_or(own)
            .max(own.min(area.width / 2))
            .min(area.width / 2);
        let value_w = area.width.saturating_sub(label_w).saturating_sub(1) as usize;
        let shown = self.shown_value();
        let scroll = self.input.visual_scroll(value_w.max(1));
        let visible: String = shown.chars().skip(scroll).take(value_w).collect();
        let style = if focused { theme.selected } else { theme.text };
        let label_style = if !self.is_valid() && !self.value().is_empty() {
            theme.error
        } else {
            theme.dim
        };
        let mut spans = vec![
            Span::styled(format!("{:<w$}", label, w = label_w as usize), label_style),
            Span::styled(visible, style),
        ];
        if focused {
            spans.push(Span::styled("▏", theme.key));
        }
        Paragraph::new(Line::from(spans)).render(area, buf);
    }
}

/// Edits a one-line text kept as a plain `String` (its cursor at the end) with the keys of a
/// [`TextField`]: Backspace, Ctrl+U (clear to the start), Ctrl+W (the previous word), typed
/// characters (never a Ctrl+letter). Returns whether the text changed.
pub fn edit_string(text: &mut String, key: KeyEvent) -> bool {
    let mut field = TextField::new("", FieldKind::Text).with_value(text.clone());
    field.handle_key(key);
    let edited = field.input.value_and_reset();
    let changed = edited != *text;
    *text = edited;
    changed
}

/// `dd/mm/yyyy` with a real calendar day.
fn is_date(v: &str) -> bool {
    chrono::NaiveDate::parse_from_str(v, "%d/%m/%Y").is_ok()
}

#[cfg(test)]
mod tests;
