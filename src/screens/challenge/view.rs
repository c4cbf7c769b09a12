//! The challenge dialog's drawing: its items one below the other (a long label wraps and pushes
//! what follows down, so a narrow terminal never draws a field over a label), then the buttons.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::{ChallengeDialog, Item, fill, param};
use crate::domain::InputKind;
use crate::screens::ViewCtx;
use crate::ui::format::countdown;
use crate::ui::widgets::text_field::TextField;

impl ChallengeDialog {
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
pub(super) fn wrapped_rows(text: &str, width: u16) -> u16 {
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
