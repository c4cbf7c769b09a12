//! The challenge dialog: the bank's questions (`*_USER_INPUT_REQUESTED`), the challenge array in
//! order, labels with their `{params}` filled in; ERROR_MSG in red; TIMEOUT_MSG as a live
//! countdown from `now`; OK_CANCEL as buttons; inputs validated by their regexp. A new challenge
//! event replaces the dialog (the app builds a new one).
//!
//! Docs gaps, our choices: cancel (Esc) answers `"false"` to every OK_CANCEL item; a challenge
//! with no OK_CANCEL item has nothing to refuse, so Esc leaves the dialog unanswered (the bank
//! times it out). The countdown starts when the event is received (`received_at`), since the
//! event's `creation_date` may come from a server clock that differs from ours.

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};
use secrecy::SecretString;

use crate::bank_rules::fill_placeholders;
use crate::domain::{ConnectionId, CredentialField, InputKind};
use crate::screens::credential_form::field_for;
use crate::screens::{ViewCtx, clean};
use crate::ui::format::countdown;
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
            .position(|i| matches!(i, Item::Input { field, .. } if field.problem().is_some()));
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

    /// Draws the items in order, then the buttons, one below the other: a long label wraps
    /// and pushes what follows down (a narrow terminal never draws a field over a label).
    pub fn render(&self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        let block = Block::bordered().title(Line::styled(" Your bank asks ", ctx.theme.title));
        let inner = block.inner(area);
        block.render(area, buf);
        let mut rows = Rows {
            area: inner,
            y: inner.y,
            buf,
        };
        let mut input_no = 0;
        for item in &self.items {
            match item {
                Item::Input { field, .. } => {
                    rows.field(field, self.focus == input_no, ctx);
                    input_no += 1;
                    if let Some(p) = field.problem().filter(|_| !field.value().is_empty()) {
                        rows.line(Line::styled(format!("  ✗ {p}"), ctx.theme.error));
                    }
                }
                other => {
                    for line in self.item_lines(other, ctx) {
                        rows.line(line);
                    }
                }
            }
        }
        if self.has_buttons() {
            rows.line(Line::default());
            let button = |label: &'static str, focused: bool| {
                Span::styled(
                    format!("[ {label} ]"),
                    if focused {
                        ctx.theme.selected
                    } else {
                        ctx.theme.text
                    },
                )
            };
            let n = self.inputs();
            rows.line(Line::from(vec![
                button("OK", self.focus == n),
                Span::raw("  "),
                button("Cancel", self.focus == n + 1),
            ]));
        }
    }

    /// The lines of an item that is not an input.
    fn item_lines(&self, item: &Item, ctx: &ViewCtx) -> Vec<Line<'static>> {
        let elapsed = (ctx.now - self.received_at).num_seconds();
        match item {
            Item::Message {
                kind: InputKind::Error,
                spec,
            } => vec![Line::styled(
                format!("✗ {}", fill(spec, None)),
                ctx.theme.error,
            )],
            Item::Message {
                kind: InputKind::Timeout,
                spec,
            } => {
                let total = param(spec, "timeout").and_then(|t| t.parse::<i64>().ok());
                let left = total.map(|t| t - elapsed);
                let mut lines = vec![Line::styled(fill(spec, left), ctx.theme.text)];
                if let Some(left) = left {
                    let text = if left > 0 {
                        format!("⏱ {} left", countdown(left))
                    } else {
                        "⏱ time is up".into()
                    };
                    lines.push(Line::styled(text, ctx.theme.key));
                }
                lines
            }
            Item::Message { spec, .. } => vec![Line::styled(fill(spec, None), ctx.theme.text)],
            Item::OkCancel { label, .. } => vec![Line::styled(label.clone(), ctx.theme.text)],
            Item::Input { .. } => Vec::new(),
        }
    }
}

/// Draws rows one below the other in `area`, from `y`, until it is full.
struct Rows<'b> {
    area: Rect,
    y: u16,
    buf: &'b mut Buffer,
}

impl Rows<'_> {
    fn left(&self) -> u16 {
        (self.area.y + self.area.height).saturating_sub(self.y)
    }

    /// A line, wrapped on as many rows as it needs.
    fn line(&mut self, line: Line<'static>) {
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        let height = wrapped_rows(&text, self.area.width).min(self.left());
        if height == 0 {
            return;
        }
        let rect = Rect::new(self.area.x, self.y, self.area.width, height);
        Paragraph::new(line)
            .wrap(Wrap { trim: false })
            .render(rect, self.buf);
        self.y += height;
    }

    /// An input field, on one row.
    fn field(&mut self, field: &TextField, focused: bool, ctx: &ViewCtx) {
        if self.left() == 0 {
            return;
        }
        let rect = Rect::new(self.area.x, self.y, self.area.width, 1);
        field.render(rect, self.buf, focused, ctx.theme);
        self.y += 1;
    }
}

/// The rows `text` takes once word-wrapped at `width` columns (at least one).
fn wrapped_rows(text: &str, width: u16) -> u16 {
    let width = usize::from(width.max(1));
    let mut rows = 1u16;
    // The columns used on the current row (`None`: nothing on it yet).
    let mut col: Option<usize> = None;
    for word in text.split(' ') {
        let len = word.chars().count();
        let start = match col {
            Some(c) if c + 1 + len <= width => {
                col = Some(c + 1 + len);
                continue;
            }
            Some(_) => {
                rows += 1;
                len
            }
            None => len,
        };
        // A word longer than the row is cut over several rows.
        let mut left = start;
        while left > width {
            rows += 1;
            left -= width;
        }
        col = Some(left);
    }
    rows
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

#[cfg(test)]
mod tests;
