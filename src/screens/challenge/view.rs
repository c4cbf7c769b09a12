//! The challenge dialog's drawing: its items one below the other (a long label wraps and pushes
//! what follows down, so a narrow terminal never draws a field over a label), then the buttons.
//!
//! Small windows (issue 15): the code field, the countdown and the OK/Cancel buttons always keep
//! their rows; the bank's text takes the rows left and is cut with `…` when it needs more. Below
//! [`MIN_WIDTH`] columns, or with fewer than two rows left for the text, the dialog says the
//! window is too small (its keys still work) instead of hiding a button.
//! Docs gap (ours): the thresholds; a field's "✗ rule" line counts as text.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};
use rust_i18n::t;

use super::{ChallengeDialog, Item, fill, param};
use crate::domain::InputKind;
use crate::screens::ViewCtx;
use crate::ui::widgets::text_field::TextField;
use crate::wording::browser::countdown;

/// The narrowest inside of the dialog that still shows the buttons and a code field whole.
pub(super) const MIN_WIDTH: u16 = 24;
/// The fewest rows of the bank's text shown before the dialog says the window is too small.
const MIN_TEXT_ROWS: u16 = 2;

impl ChallengeDialog {
    /// Draws the items in order, then the buttons, one below the other: a long label wraps
    /// and pushes what follows down (a narrow terminal never draws a field over a label). When
    /// the text does not fit, it is cut (ending with `…`) so that the countdown, the fields and
    /// the buttons keep their rows; when even that does not fit, the dialog says the window is
    /// too small rather than hiding a button.
    pub fn render(&self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        let code = ctx.lang.code();
        let title = format!(" {} ", t!("onboarding.challenge.title", locale = code));
        let block = Block::bordered().title(Line::styled(title, ctx.theme.title));
        let inner = block.inner(area);
        let lines: Vec<Vec<Line<'static>>> = self
            .items
            .iter()
            .map(|item| self.item_lines(item, ctx))
            .collect();
        let text_rows: u16 = lines
            .iter()
            .flatten()
            .filter(|l| !is_countdown(l))
            .map(|l| wrapped_rows(&line_text(l), inner.width))
            .sum();
        let essential = self.essential_rows();
        if inner.width < MIN_WIDTH || inner.height < essential + text_rows.min(MIN_TEXT_ROWS) {
            return too_small(area, buf, ctx);
        }
        block.render(area, buf);
        let roomy = inner.height >= essential + text_rows + u16::from(self.has_buttons());
        let mut rows = Rows {
            area: inner,
            y: inner.y,
            buf,
            // What is still to draw below the text that must keep its rows.
            reserve: essential,
            last_text: None,
            cut: false,
        };
        let mut input_no = 0;
        for (item, lines) in self.items.iter().zip(lines) {
            match item {
                Item::Input { field, .. } => {
                    rows.reserve = rows.reserve.saturating_sub(1);
                    rows.field(field, self.focus == input_no, ctx);
                    input_no += 1;
                    if let Some(p) = field
                        .problem(ctx.lang)
                        .filter(|_| !field.value().is_empty())
                    {
                        rows.text(Line::styled(format!("  ✗ {p}"), ctx.theme.error));
                    }
                }
                _ => {
                    for line in lines {
                        if is_countdown(&line) {
                            rows.reserve = rows.reserve.saturating_sub(1);
                            rows.line(line);
                        } else {
                            rows.text(line);
                        }
                    }
                }
            }
        }
        if self.has_buttons() {
            if roomy {
                rows.line(Line::default());
            }
            let button = |label: std::borrow::Cow<'_, str>, focused: bool| {
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
            rows.reserve = rows.reserve.saturating_sub(1);
            rows.line(Line::from(vec![
                button(
                    t!("onboarding.challenge.ok", locale = code),
                    self.focus == n,
                ),
                Span::raw("  "),
                button(
                    t!("onboarding.challenge.cancel", locale = code),
                    self.focus == n + 1,
                ),
            ]));
        }
        rows.mark_cut();
    }

    /// The rows that must show whole: each field, the countdown, the buttons.
    fn essential_rows(&self) -> u16 {
        let countdowns = self
            .items
            .iter()
            .filter(|i| {
                matches!(i, Item::Message { kind: InputKind::Timeout, spec }
                    if param(spec, "timeout").is_some_and(|t| t.parse::<i64>().is_ok()))
            })
            .count();
        let rows = self.inputs() + countdowns + usize::from(self.has_buttons());
        u16::try_from(rows).unwrap_or(u16::MAX)
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
                    let left = countdown(chrono::Duration::seconds(left), ctx.lang);
                    lines.push(Line::styled(format!("⏱ {left}"), ctx.theme.key));
                }
                lines
            }
            Item::Message { spec, .. } => vec![Line::styled(fill(spec, None), ctx.theme.text)],
            Item::OkCancel { label, .. } => vec![Line::styled(label.clone(), ctx.theme.text)],
            Item::Input { .. } => Vec::new(),
        }
    }
}

/// The words of the dialog when the window cannot hold it (the keys still work).
fn too_small(area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
    let text = t!("onboarding.challenge.too_small", locale = ctx.lang.code());
    Paragraph::new(Line::styled(text, ctx.theme.error))
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

/// The countdown line of a TIMEOUT_MSG (it keeps its row; the bank's text may be cut).
fn is_countdown(line: &Line) -> bool {
    line.spans
        .first()
        .is_some_and(|s| s.content.starts_with('⏱'))
}

fn line_text(line: &Line) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

/// Draws rows one below the other in `area`, from `y`, until it is full.
struct Rows<'b> {
    area: Rect,
    y: u16,
    buf: &'b mut Buffer,
    /// Rows kept for what must show below (fields, countdown, buttons).
    reserve: u16,
    /// Where the last row of text was drawn (row, style), to mark a cut there.
    last_text: Option<(u16, Style)>,
    /// Some text did not fit.
    cut: bool,
}

impl Rows<'_> {
    fn left(&self) -> u16 {
        (self.area.y + self.area.height).saturating_sub(self.y)
    }

    /// Some of the bank's text: wrapped on the rows left above the reserve, its last row
    /// ending with `…` when it had to be cut.
    fn text(&mut self, line: Line<'static>) {
        let wanted = wrapped_rows(&line_text(&line), self.area.width);
        let room = self.left().saturating_sub(self.reserve);
        let height = wanted.min(room);
        self.cut |= height < wanted;
        if height == 0 {
            return;
        }
        let style = line.style;
        self.line_within(line, height);
        self.last_text = Some((self.y.saturating_sub(1), style));
    }

    /// Ends the last row of text with `…` when some text did not fit.
    fn mark_cut(&mut self) {
        if let (true, Some((y, style))) = (self.cut, self.last_text) {
            let x = self.area.right().saturating_sub(1);
            self.buf.set_string(x, y, "…", style);
        }
    }

    /// A line, wrapped on as many rows as it needs (and has).
    fn line(&mut self, line: Line<'static>) {
        self.line_within(line, u16::MAX);
    }

    /// A line, wrapped on at most `most` rows.
    fn line_within(&mut self, line: Line<'static>, most: u16) {
        let height = wrapped_rows(&line_text(&line), self.area.width)
            .min(self.left())
            .min(most);
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
