//! Login: the Oxlin user's email and password (ROPC). In sandbox mode the demo user is filled in.
//! Each failure class has its own message (wrong password, unreachable host, bad client
//! credentials) so the user knows whether to retype or to fix the configuration.
//!
//! Keys: Tab/↑/↓ move between the fields, Enter goes to the password then submits, Ctrl+R reveals
//! the password. Letters always type (so `q` does not quit here; Ctrl+C does).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};
use secrecy::SecretString;

use rust_i18n::t;

use crate::domain::CallFailure;
use crate::screens::ViewCtx;
use crate::ui::widgets::key_hints::KeyHint;
use crate::ui::widgets::spinner::spinner_frame;
use crate::ui::widgets::text_field::{FieldKind, TextField};

/// The login form.
#[derive(Debug, Clone)]
pub struct LoginForm {
    email: TextField,
    password: TextField,
    focus: usize,
    /// The id of the login request in flight, if any.
    pub pending: Option<u64>,
    /// The last failure.
    pub error: Option<CallFailure>,
    /// Enter was pressed with a field empty (said until the next try).
    incomplete: bool,
}

/// What a key press on the login form asks for.
#[derive(Debug)]
pub enum LoginAction {
    /// Nothing to do outside the form.
    None,
    /// Log in with these credentials.
    Submit {
        /// The email.
        email: String,
        /// The password, moved out of the field.
        password: SecretString,
    },
}

impl LoginForm {
    /// Keys shown in the hint bar and the help.
    pub const KEYS: &[KeyHint] = &[
        ("Enter", "next / log in"),
        ("Tab", "next field"),
        ("Ctrl+R", "show password"),
    ];
    /// The same, when the login was opened from the dashboard (`l`): Esc goes back to it.
    pub const KEYS_FROM_DASHBOARD: &[KeyHint] = &[
        ("Enter", "next / log in"),
        ("Tab", "next field"),
        ("Ctrl+R", "show password"),
        ("Esc", "back to the dashboard"),
    ];

    /// An empty form, or one pre-filled (sandbox demo user).
    pub fn new(email: &str, password: &str) -> Self {
        let mut email = TextField::new("Email", FieldKind::Text).with_value(email);
        let mut password = TextField::new("Password", FieldKind::Secret).with_value(password);
        email.set_label_width(10);
        password.set_label_width(10);
        LoginForm {
            focus: usize::from(!email.value().is_empty()),
            email,
            password,
            pending: None,
            error: None,
            incomplete: false,
        }
    }

    /// Handles a key.
    pub fn on_key(&mut self, key: KeyEvent) -> LoginAction {
        if self.pending.is_some() {
            return LoginAction::None;
        }
        match key.code {
            KeyCode::Tab | KeyCode::Down | KeyCode::Up | KeyCode::BackTab => {
                self.focus = 1 - self.focus;
            }
            KeyCode::Char('r') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.password.toggle_reveal();
            }
            KeyCode::Enter if self.focus == 0 => self.focus = 1,
            KeyCode::Enter => {
                let email = self.email.value().trim().to_string();
                self.error = None;
                self.incomplete = email.is_empty() || self.password.value().is_empty();
                if self.incomplete {
                    return LoginAction::None;
                }
                return LoginAction::Submit {
                    email,
                    password: self.password.take_secret(),
                };
            }
            _ => {
                let field = if self.focus == 0 {
                    &mut self.email
                } else {
                    &mut self.password
                };
                field.handle_key(key);
            }
        }
        LoginAction::None
    }

    /// Draws the form in a centred box.
    pub fn render(&self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        let code = ctx.lang.code();
        let block = Block::bordered().title(Line::styled(
            format!(" {} ", t!("login.title", locale = code)),
            ctx.theme.title,
        ));
        let inner = block.inner(area);
        block.render(area, buf);
        let [intro, email, password, _, message] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(1),
        ])
        .areas(inner);
        Paragraph::new(t!("login.intro", locale = code))
            .style(ctx.theme.dim)
            .wrap(Wrap { trim: true })
            .render(intro, buf);
        // Both labels as wide as the longer one, so the two values start in one column
        // whatever the language's words.
        let (email_label, password_label) = (
            t!("login.email", locale = code),
            t!("login.password", locale = code),
        );
        let w = email_label
            .chars()
            .count()
            .max(password_label.chars().count());
        let (email_label, password_label) = (
            format!("{email_label:<w$}"),
            format!("{password_label:<w$}"),
        );
        let theme = ctx.theme;
        (self.email).render_labelled(&email_label, email, buf, self.focus == 0, theme);
        (self.password).render_labelled(&password_label, password, buf, self.focus == 1, theme);
        let line = if self.pending.is_some() {
            Line::styled(
                format!(
                    "{} {}",
                    spinner_frame(ctx.now),
                    t!("login.logging_in", locale = code)
                ),
                ctx.theme.text,
            )
        } else if let Some(e) = &self.error {
            Line::styled(
                crate::wording::failures::call_failure(e, ctx.lang),
                ctx.theme.error,
            )
        } else if self.incomplete {
            Line::styled(t!("login.incomplete", locale = code), ctx.theme.error)
        } else {
            Line::default()
        };
        Paragraph::new(line)
            .wrap(Wrap { trim: true })
            .render(message, buf);
    }
}
