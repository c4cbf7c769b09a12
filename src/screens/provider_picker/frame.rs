//! The picker's frame: the search field (with the notice under it after Enter on a greyed
//! bank), then the list, the loading or error message, the line saying why the greyed bank
//! under the cursor cannot be chosen, and the channel chooser on top; and clicks on the rows,
//! looked up where the last frame drew them.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Widget};

use super::chooser::render_chooser;
use super::{ProviderPicker, Unavailable};
use rust_i18n::t;

use crate::screens::ViewCtx;
use crate::ui::format::fit;
use crate::ui::widgets::spinner::spinner_frame;

impl ProviderPicker {
    /// Draws the search field, the list, and the channel chooser when open.
    pub fn render(&mut self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        self.list_area = Rect::default();
        if let Some(country) = &self.country {
            return country.render(area, buf, ctx);
        }
        let code = ctx.lang.code();
        let title = format!(" {} ", t!("picker.title", locale = code));
        let block = Block::bordered().title(Line::styled(title, ctx.theme.title));
        let inner = block.inner(area);
        block.render(area, buf);
        let [search, list] =
            Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(inner);
        let search_label = t!("picker.search", locale = code);
        self.search.render_labelled(
            &search_label,
            search.intersection(Rect {
                height: 1,
                ..search
            }),
            buf,
            true,
            ctx.theme,
        );
        if let Some(notice) = &self.notice
            && search.height > 1
        {
            let row = Rect::new(search.x, search.y + 1, search.width, 1);
            // A narrow terminal gets the short form rather than a cut sentence.
            let width = search.width as usize;
            let short = t!("picker.unavailable_try_later", locale = code);
            let shortest = t!("picker.unavailable", locale = code);
            let text = [notice.as_str(), &short, &shortest]
                .into_iter()
                .find(|t| t.chars().count() <= width)
                .unwrap_or(&shortest);
            Line::styled(fit(text, width), ctx.theme.error).render(row, buf);
        }
        if self.loading {
            Line::styled(
                format!(
                    "{} {}",
                    spinner_frame(ctx.now),
                    t!("picker.loading", locale = code)
                ),
                ctx.theme.text,
            )
            .render(list, buf);
        } else if let Some(e) = &self.error {
            Paragraph::new(crate::wording::failures::call_failure(e, ctx.lang))
                .style(ctx.theme.error)
                .render(list, buf);
        } else if self.filtered.is_empty() {
            let none = t!("picker.no_match", locale = code);
            Line::styled(none, ctx.theme.dim).render(list, buf);
        } else {
            // Under the list, why the greyed bank under the cursor cannot be chosen.
            let why = self.selected().and_then(Unavailable::of);
            let list = match why {
                Some(why) if list.height >= 2 => {
                    let [rows, line] =
                        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(list);
                    why.render(line, buf, ctx);
                    rows
                }
                _ => list,
            };
            self.list_area = list;
            self.render_list(list, buf, ctx);
        }
        if let Some((provider, cursor)) = self.choosing {
            render_chooser(&self.providers[provider], cursor, area, buf, ctx);
        }
    }

    /// A click on a bank row puts the cursor there (as the rows were drawn last).
    pub(super) fn click(&mut self, column: u16, row: u16) {
        let area = self.list_area;
        if !area.contains(Position::new(column, row)) {
            return;
        }
        let first = self.first_row(area.height);
        let target = first + usize::from(row - area.y);
        if target < self.filtered.len() {
            self.cursor = target;
            self.notice = None;
        }
    }
}
