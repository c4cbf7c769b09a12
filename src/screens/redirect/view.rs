//! The wait's view: one paragraph (what to do, the countdown, the address in one piece, the paste
//! field, the last note) and, on the right when it fits beside 30 columns of text, the QR code.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};
use rust_i18n::t;

use super::{KeyNote, RedirectWait, WaitFor};
use crate::domain::CallFailure;
use crate::domain::WidgetPage;
use crate::i18n::Lang;
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
            let enlarge = t!("redirect.enlarge_for_qr", locale = ctx.lang.code());
            lines.push(Line::styled(enlarge, ctx.theme.dim));
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
        let (theme, lang, code) = (ctx.theme, ctx.lang, ctx.lang.code());
        let spin = spinner_frame(ctx.now);
        let left = self
            .deadline
            .map(|d| format!(" {}", countdown(d - ctx.now, ctx.lang)))
            .unwrap_or_default();
        if let Some(e) = &self.error {
            return vec![
                Line::styled(failure_text(e, lang), theme.error),
                Line::styled(self.back_hint(lang), theme.dim),
            ];
        }
        if let Some(step) = &self.step {
            return vec![Line::styled(format!("{spin} {step}{left}"), theme.text)];
        }
        let Some(url) = &self.url else {
            let asking = match self.purpose {
                WaitFor::BankWebsite => t!("redirect.asking_bank", locale = code),
                WaitFor::Widget(_) => t!("redirect.asking_oxlin", locale = code),
                WaitFor::GermanBank => t!("redirect.asking_finx", locale = code),
            };
            return vec![Line::styled(format!("{spin} {asking}"), theme.text)];
        };
        let mut lines = if compact {
            vec![
                Line::styled(
                    format!(
                        "{spin} {}{left}",
                        t!("redirect.waiting_short", locale = code)
                    ),
                    theme.text,
                ),
                Line::styled(t!("redirect.copy_short", locale = code), theme.dim),
                Line::styled(t!("redirect.paste_short", locale = code), theme.dim),
            ]
        } else {
            vec![
                Line::styled(
                    format!("{spin} {}{left}", t!("redirect.waiting", locale = code)),
                    theme.text,
                ),
                Line::styled(self.instruction(lang), theme.text),
                Line::styled(url.clone(), theme.key),
                Line::styled(t!("redirect.other_device", locale = code), theme.dim),
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
        match (&self.note, self.key_note) {
            (Some(Ok(news)), _) => lines.push(Line::styled(news.clone(), theme.ok)),
            (Some(Err(refused)), _) => lines.push(Line::styled(refused.clone(), theme.error)),
            (None, Some(KeyNote::PasteFirst)) => lines.push(Line::styled(
                key_note(KeyNote::PasteFirst, lang),
                theme.error,
            )),
            (None, Some(note)) => lines.push(Line::styled(key_note(note, lang), theme.ok)),
            (None, None) => {}
        }
        lines
    }

    fn instruction(&self, lang: Lang) -> String {
        let code = lang.code();
        match &self.purpose {
            WaitFor::BankWebsite => t!("redirect.do_bank", locale = code),
            WaitFor::Widget(WidgetPage::AddConnection) => t!("redirect.do_add", locale = code),
            WaitFor::Widget(WidgetPage::Renew(_)) => t!("redirect.do_renew", locale = code),
            WaitFor::Widget(WidgetPage::Terms) => t!("redirect.do_terms", locale = code),
            WaitFor::GermanBank => t!("redirect.do_finx", locale = code),
        }
        .into_owned()
    }

    fn back_hint(&self, lang: Lang) -> String {
        match self.purpose {
            WaitFor::BankWebsite => t!("redirect.back_banks", locale = lang.code()),
            WaitFor::Widget(_) | WaitFor::GermanBank => {
                t!("redirect.back_dashboard", locale = lang.code())
            }
        }
        .into_owned()
    }
}

/// The screen's answer to a key, in `lang`.
fn key_note(note: KeyNote, lang: Lang) -> String {
    let code = lang.code();
    match note {
        KeyNote::LinkCopied => t!("redirect.link_copied", locale = code),
        KeyNote::PasteFirst => t!("redirect.paste_first", locale = code),
        KeyNote::Checking => t!("redirect.checking", locale = code),
    }
    .into_owned()
}

/// The failure as a sentence. The runner's refusals here are about the browser's side (a
/// timeout, a refusal at the bank, an expired page), not the server: said without "The server
/// refused".
fn failure_text(error: &CallFailure, lang: Lang) -> String {
    match error {
        CallFailure::Rejected(why) => {
            let why = clean(why);
            let mut chars = why.chars();
            match chars.next() {
                Some(first) => {
                    format!("{}{}.", first.to_uppercase(), chars.as_str()).replace("..", ".")
                }
                None => t!("redirect.no_return", locale = lang.code()).into_owned(),
            }
        }
        other => crate::wording::failures::call_failure(other, lang),
    }
}
