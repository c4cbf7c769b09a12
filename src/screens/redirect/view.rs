//! The wait's view: one paragraph (what to do, the countdown, the address in one piece, the paste
//! field, the last note) and, on the right when it fits beside 30 columns of text, the QR code.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::{RedirectWait, WaitFor};
use crate::domain::CallFailure;
use crate::domain::WidgetPage;
use crate::screens::{ViewCtx, clean};
use crate::ui::widgets::qr::{qr_cells, render_qr};
use crate::ui::widgets::spinner::spinner_frame;
use crate::wording::browser::countdown;

impl RedirectWait {
    /// Draws the wait.
    pub fn render(&self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        // The bank's name may come straight from the API (renewing from the dashboard).
        let title = format!(" {} ", clean(&self.bank));
        let block = Block::bordered().title(Line::styled(title, ctx.theme.title));
        let inner = block.inner(area);
        block.render(area, buf);
        let qr = self
            .url
            .as_deref()
            .filter(|_| self.waiting_on_browser())
            .and_then(|url| qr_cells(url).map(|size| (url, size)))
            .filter(|(_, (w, h))| inner.width > 30 + w && inner.height >= *h);
        let qr_width = qr.map_or(0, |(_, (w, _))| w + 1);
        let [text, code] =
            Layout::horizontal([Constraint::Min(0), Constraint::Length(qr_width)]).areas(inner);
        let mut lines = self.lines(ctx, text.width < 40);
        if qr.is_none() && self.waiting_on_browser() && inner.width >= 30 {
            lines.push(Line::styled(
                "(enlarge the window to see a QR code of this link)",
                ctx.theme.dim,
            ));
        }
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(text, buf);
        if let Some((url, _)) = qr {
            let code = Rect {
                x: code.x + 1,
                width: code.width.saturating_sub(1),
                ..code
            };
            render_qr(url, code, buf);
        }
    }

    /// The paragraph; `compact` (a narrow window) keeps the keys, the countdown and the field.
    fn lines(&self, ctx: &ViewCtx, compact: bool) -> Vec<Line<'static>> {
        let theme = ctx.theme;
        let spin = spinner_frame(ctx.now);
        let left = self
            .deadline
            .map(|d| format!(" {}", countdown(d - ctx.now)))
            .unwrap_or_default();
        if let Some(e) = &self.error {
            return vec![
                Line::styled(failure_text(e), theme.error),
                Line::styled(self.back_hint(), theme.dim),
            ];
        }
        if let Some(step) = &self.step {
            return vec![Line::styled(format!("{spin} {step}{left}"), theme.text)];
        }
        let Some(url) = &self.url else {
            let asking = match self.purpose {
                WaitFor::BankWebsite => "Asking the bank for its login page…",
                WaitFor::Widget(_) => "Asking Oxlin for its page…",
                WaitFor::GermanBank => "Asking finX for its page…",
            };
            return vec![Line::styled(format!("{spin} {asking}"), theme.text)];
        };
        let mut lines = if compact {
            vec![
                Line::styled(format!("{spin} Waiting…{left}"), theme.text),
                Line::styled("y: copy the link", theme.dim),
                Line::styled("Tab: paste the address the browser ended on", theme.dim),
            ]
        } else {
            vec![
                Line::styled(
                    format!("{spin} Waiting for the browser to come back…{left}"),
                    theme.text,
                ),
                Line::styled(self.instruction(), theme.text),
                Line::styled(url.clone(), theme.key),
                Line::styled(
                    "On another device? Paste the address it ended on (Tab):",
                    theme.dim,
                ),
            ]
        };
        let field_style = if self.pasting {
            theme.selected
        } else {
            theme.text
        };
        let mut field = vec![
            Span::styled("> ", theme.key),
            Span::styled(clean(self.paste.value()), field_style),
        ];
        if self.pasting {
            field.push(Span::styled("▏", theme.key));
        }
        lines.push(Line::from(field));
        match &self.note {
            Some(Ok(news)) => lines.push(Line::styled(news.clone(), theme.ok)),
            Some(Err(refused)) => lines.push(Line::styled(refused.clone(), theme.error)),
            None => {}
        }
        lines
    }

    fn instruction(&self) -> &'static str {
        match &self.purpose {
            WaitFor::BankWebsite => "Log in on your bank's website (your browser should open).",
            WaitFor::Widget(WidgetPage::AddConnection) => {
                "Choose your bank and log in on Oxlin's page (your browser should open)."
            }
            WaitFor::Widget(WidgetPage::Renew(_)) => {
                "Give your credentials again or answer your bank on Oxlin's page (your browser should open)."
            }
            WaitFor::Widget(WidgetPage::Terms) => {
                "Oxlin asks you to accept its terms and conditions: read them on its page (your browser should open)."
            }
            WaitFor::GermanBank => {
                "Choose your bank and log in on finX's page (your browser should open)."
            }
        }
    }

    fn back_hint(&self) -> &'static str {
        match self.purpose {
            WaitFor::BankWebsite => "Esc: back to the banks.",
            WaitFor::Widget(_) | WaitFor::GermanBank => "Esc: back to the dashboard.",
        }
    }
}

/// The failure as a sentence. The runner's refusals here are about the browser's side (a
/// timeout, a refusal at the bank, an expired page), not the server: said without "The server
/// refused".
fn failure_text(error: &CallFailure) -> String {
    match error {
        CallFailure::Rejected(why) => {
            let why = clean(why);
            let mut chars = why.chars();
            match chars.next() {
                Some(first) => {
                    format!("{}{}.", first.to_uppercase(), chars.as_str()).replace("..", ".")
                }
                None => "The browser did not come back.".into(),
            }
        }
        other => crate::wording::failures::call_failure(other),
    }
}
