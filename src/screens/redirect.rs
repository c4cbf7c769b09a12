//! REDIRECT: the bank's authorisation page. Shows the URL (and a QR code of it when the window is
//! large enough), while the runner opens the browser and waits for the redirect on a listener
//! bound to 127.0.0.1 only (RFC 8252). Esc cancels; the runner's timeout arrives as an error.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use crate::domain::CallFailure;
use crate::screens::{ViewCtx, clean};
use crate::ui::widgets::key_hints::KeyHint;
use crate::ui::widgets::qr::{qr_lines, render_qr};
use crate::ui::widgets::spinner::spinner_frame;

/// The redirect screen's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedirectWait {
    /// The bank's name.
    pub bank: String,
    /// The id of the authorisation request in flight.
    pub request: u64,
    /// The authorisation URL once known.
    pub url: Option<String>,
    /// The failure (timeout, refused, cancelled at the bank).
    pub error: Option<CallFailure>,
}

impl RedirectWait {
    /// Keys shown in the hint bar and the help.
    pub const KEYS: &[KeyHint] = &[("Esc", "cancel")];

    /// Draws the instructions, the URL and the QR code.
    pub fn render(&self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        // The bank's name may come straight from the API (renewing from the dashboard).
        let title = format!(" {} ", clean(&self.bank));
        let block = Block::bordered().title(Line::styled(title, ctx.theme.title));
        let inner = block.inner(area);
        block.render(area, buf);
        // The QR code goes on the right when there is room for it beside 30 columns of text.
        let qr_width = self
            .url
            .as_deref()
            .filter(|_| self.error.is_none())
            .and_then(qr_lines)
            .map_or(0, |l| l.first().map_or(0, |r| r.chars().count()));
        let [text, qr] =
            Layout::horizontal([Constraint::Min(30), Constraint::Length(qr_width as u16)])
                .areas(inner);
        let lines = match (&self.url, &self.error) {
            (_, Some(e)) => vec![
                Line::styled(failure_text(e), ctx.theme.error),
                Line::styled("Esc: back to the banks.", ctx.theme.dim),
            ],
            (None, None) => vec![Line::styled(
                format!(
                    "{} Asking the bank for its login page…",
                    spinner_frame(ctx.now)
                ),
                ctx.theme.text,
            )],
            (Some(url), None) => vec![
                Line::styled(
                    "Log in on your bank's website (your browser should open).",
                    ctx.theme.text,
                ),
                Line::styled(
                    format!(
                        "{} Waiting for the bank to send you back…",
                        spinner_frame(ctx.now)
                    ),
                    ctx.theme.text,
                ),
                Line::styled(url.clone(), ctx.theme.key),
            ],
        };
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(text, buf);
        if let (Some(url), None) = (&self.url, &self.error)
            && !render_qr(url, qr, buf)
        {
            let below = Rect {
                y: text.y + 5,
                height: text.height.saturating_sub(5),
                ..text
            };
            Line::styled(
                "(enlarge the window to see a QR code of this link)",
                ctx.theme.dim,
            )
            .render(below, buf);
        }
    }
}

/// The failure as a sentence. The runner's refusals here are about the bank's website (a
/// timeout, a refusal at the bank), not the server: said without "The server refused".
fn failure_text(error: &CallFailure) -> String {
    match error {
        CallFailure::Rejected(why) => {
            let why = clean(why);
            let mut chars = why.chars();
            match chars.next() {
                Some(first) => {
                    format!("{}{}.", first.to_uppercase(), chars.as_str()).replace("..", ".")
                }
                None => "The bank did not send you back.".into(),
            }
        }
        other => crate::wording::failures::call_failure(other),
    }
}
