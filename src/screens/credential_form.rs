//! Credential form, built from the channel definition: one field per credential with its label;
//! PWD masked (Ctrl+R reveals), NUMERIC digits only, DATE as `dd/mm/yyyy`; live validation with
//! the API's regexp as the user types, the failing field marked and why in words ("8 characters
//! at least"); Enter submits only when every field is valid. While the bank checks a submission
//! the form says "Checking with the bank…", keeps the values and marks no field. Fields marked `encrypt: true` are flagged in the command so the runner PGP-encrypts them.
//!
//! On submit the secret fields (PWD, NUMERIC_PWD, `encrypt: true`) are moved out and emptied;
//! the others keep what was typed, so the form waiting for the bank, sent back with an error,
//! or opened again for a retry ([`CredentialForm::with_typed`]) shows it; while a submission
//! is in flight no field is marked as a problem.
//!
//! Docs gap: the API has no "optional" flag; a credential is optional when its regexp accepts
//! the empty string (the test bank's configuration-file field `302` does). A rule that
//! `bank_rules::compile_rule` refuses (invalid, or over its size limits) makes the field
//! required-only: it must not be empty, and the bank checks the format.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};
use rust_i18n::t;
use secrecy::SecretString;

use crate::bank_rules::compile_rule;
use crate::domain::{Channel, CredentialField, CredentialValue, InputKind, Provider};
use crate::i18n::Lang;
use crate::screens::{ViewCtx, clean};
use crate::ui::widgets::key_hints::KeyHint;
use crate::ui::widgets::spinner::spinner_frame;
use crate::ui::widgets::text_field::{FieldKind, TextField};

/// The form's state.
#[derive(Debug, Clone)]
pub struct CredentialForm {
    /// The bank.
    pub provider: Provider,
    /// The channel whose credentials these are.
    pub channel: Channel,
    fields: Vec<(CredentialField, TextField)>,
    focus: usize,
    tried: bool,
    /// The id of the submission in flight.
    pub pending: Option<u64>,
    /// The last failure (already a sentence).
    pub error: Option<String>,
    /// The bank is already connected with the login typed: the user is asked what to do
    /// (`app::onboarding::duplicate`).
    pub duplicate: Option<crate::domain::KnownConnection>,
    /// The user chose to connect it again anyway.
    pub duplicate_accepted: bool,
}

/// What a key press on the form asks for.
#[derive(Debug)]
pub enum FormAction {
    /// Nothing outside the form.
    None,
    /// Every field is valid: send them.
    Submit(Vec<CredentialValue>),
    /// Enter on the last field while a field is invalid: nothing sent, this says which and why.
    Refused(String),
}

/// A field's problem, after its label: `Identifiant: required` (`Identifiant : obligatoire`).
fn field_problem(label: &str, problem: &str, lang: Lang) -> String {
    t!(
        "onboarding.form.field_problem",
        locale = lang.code(),
        label = label,
        problem = problem
    )
    .into_owned()
}

/// The text-field kind for an API input type.
pub fn field_kind(kind: &InputKind) -> FieldKind {
    match kind {
        InputKind::Pwd => FieldKind::Secret,
        InputKind::Numeric => FieldKind::Numeric,
        InputKind::NumericPwd => FieldKind::SecretNumeric,
        InputKind::Date => FieldKind::Date,
        _ => FieldKind::Text,
    }
}

/// A credential that is never kept nor shown again once sent.
fn is_secret(spec: &CredentialField) -> bool {
    spec.encrypt || matches!(spec.kind, InputKind::Pwd | InputKind::NumericPwd)
}

/// A field for one credential or challenge input.
pub fn field_for(spec: &CredentialField, label: String) -> TextField {
    let field = TextField::new(label, field_kind(&spec.kind)).with_pattern(&spec.regexp);
    let optional = compile_rule(&spec.regexp).is_ok_and(|re| re.is_match(""));
    if optional { field } else { field.required() }
}

impl CredentialForm {
    /// Keys shown in the hint bar and the help.
    pub const KEYS: &[KeyHint] = &[
        ("Enter", "next / connect"),
        ("Tab", "next field"),
        ("Ctrl+R", "show secret"),
        ("Esc", "back"),
    ];

    /// The form for this channel (labels sanitised).
    pub fn new(mut provider: Provider, channel: Channel) -> Self {
        // The provider may come straight from the API (renewing from the dashboard).
        provider.name = clean(&provider.name);
        let mut fields: Vec<(CredentialField, TextField)> = channel
            .credentials
            .iter()
            .map(|spec| (spec.clone(), field_for(spec, clean(&spec.label))))
            .collect();
        let widest = fields
            .iter()
            .map(|(_, f)| f.label.chars().count())
            .max()
            .unwrap_or(0);
        for (_, f) in &mut fields {
            f.set_label_width(widest as u16 + 2);
        }
        CredentialForm {
            provider,
            channel,
            fields,
            focus: 0,
            tried: false,
            pending: None,
            error: None,
            duplicate: None,
            duplicate_accepted: false,
        }
    }

    /// True when `key` would send the form (Enter on the last field, every field valid).
    pub fn would_submit(&self, key: &KeyEvent) -> bool {
        key.code == KeyCode::Enter
            && self.pending.is_none()
            && !self.fields.is_empty()
            && self.focus == self.fields.len() - 1
            && self.fields.iter().all(|(_, f)| f.is_valid())
    }

    /// The login typed: the first credential that is not secret (the one the API shows
    /// masked), when not empty.
    pub fn login(&self) -> Option<String> {
        self.typed()
            .into_iter()
            .next()
            .map(|(_, v)| v)
            .filter(|v| !v.is_empty())
    }

    /// The form refilled with `typed` (credential id, value), secret fields left empty.
    pub fn with_typed(mut self, typed: &[(String, String)]) -> Self {
        for (spec, field) in &mut self.fields {
            if is_secret(spec) {
                continue;
            }
            if let Some((_, value)) = typed.iter().find(|(id, _)| *id == spec.id) {
                *field = field.clone().with_value(value.clone());
            }
        }
        self
    }

    /// What is typed in the fields that are not secret (credential id, value).
    pub fn typed(&self) -> Vec<(String, String)> {
        self.fields
            .iter()
            .filter(|(spec, _)| !is_secret(spec))
            .map(|(spec, f)| (spec.id.clone(), f.value().to_owned()))
            .collect()
    }

    /// The first invalid field and why, in `lang`.
    pub fn first_problem(&self, lang: Lang) -> Option<(usize, String)> {
        (0..self.fields.len()).find_map(|i| self.problem_of(i, lang).map(|p| (i, p)))
    }

    /// Why field `i` is not acceptable yet, in the user's words: "required", "expected
    /// dd/mm/yyyy", or the bank's rule in words ("8 characters at least", from
    /// `ui::widgets::rule_words`).
    fn problem_of(&self, i: usize, lang: Lang) -> Option<String> {
        self.fields.get(i)?.1.problem(lang)
    }

    /// Handles a key; a refusal says why in `lang`.
    pub fn on_key(&mut self, key: KeyEvent, lang: Lang) -> FormAction {
        if self.pending.is_some() || self.fields.is_empty() {
            return FormAction::None;
        }
        let last = self.fields.len() - 1;
        match key.code {
            KeyCode::Tab | KeyCode::Down => self.focus = (self.focus + 1).min(last),
            KeyCode::BackTab | KeyCode::Up => self.focus = self.focus.saturating_sub(1),
            KeyCode::Char('r') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.fields[self.focus].1.toggle_reveal();
            }
            KeyCode::Enter if self.focus < last => self.focus += 1,
            KeyCode::Enter => {
                self.tried = true;
                if let Some((i, why)) = self.first_problem(lang) {
                    self.focus = i;
                    let label = &self.fields[i].1.label;
                    return FormAction::Refused(field_problem(label, &why, lang));
                }
                self.error = None;
                // The values stay in the form while the bank checks them: nothing reads as
                // "required" meanwhile, and a refusal finds them still typed.
                let values = self
                    .fields
                    .iter_mut()
                    .map(|(spec, f)| CredentialValue {
                        id: spec.id.clone(),
                        value: if is_secret(spec) {
                            f.take_secret()
                        } else {
                            SecretString::from(f.value().to_owned())
                        },
                        encrypt: spec.encrypt,
                    })
                    .collect();
                return FormAction::Submit(values);
            }
            _ => {
                self.fields[self.focus].1.handle_key(key);
            }
        }
        FormAction::None
    }

    /// Draws the fields, each with its problem under it once typed in (or after a submit try).
    pub fn render(&self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        let title = format!(" {} ", self.provider.name);
        let block = Block::bordered().title(Line::styled(title, ctx.theme.title));
        let inner = block.inner(area);
        block.render(area, buf);
        let mut y = inner.y;
        let bottom = inner.y + inner.height;
        for (i, (_, field)) in self.fields.iter().enumerate() {
            if y + 1 >= bottom {
                break;
            }
            field.render(
                Rect::new(inner.x, y, inner.width, 1),
                buf,
                i == self.focus,
                ctx.theme,
            );
            // As the user types (or after a try); never while the bank checks the values.
            let shown = self.pending.is_none() && (self.tried || !field.value().is_empty());
            if let Some(problem) = self.problem_of(i, ctx.lang).filter(|_| shown) {
                let text = format!("  ✗ {}", field_problem(&field.label, &problem, ctx.lang));
                Line::styled(text, ctx.theme.error)
                    .render(Rect::new(inner.x, y + 1, inner.width, 1), buf);
            }
            y += 2;
        }
        let code = ctx.lang.code();
        let line = if self.pending.is_some() {
            Line::styled(
                format!(
                    "{} {}",
                    spinner_frame(ctx.now),
                    t!("onboarding.form.checking", locale = code)
                ),
                ctx.theme.text,
            )
        } else if let Some(e) = &self.error {
            Line::styled(e.clone(), ctx.theme.error)
        } else if self.fields.iter().any(|(s, _)| s.encrypt) {
            Line::styled(
                t!("onboarding.form.encrypted", locale = code),
                ctx.theme.dim,
            )
        } else {
            Line::default()
        };
        if y < bottom {
            // A long message (the duplicate question) wraps rather than losing its end.
            Paragraph::new(line)
                .wrap(Wrap { trim: true })
                .render(Rect::new(inner.x, y, inner.width, bottom - y), buf);
        }
    }
}
