//! Drawing the export dialog: a box over the bottom of the dashboard with what is exported, the
//! format (`◂ ▸`), the path, where a name alone goes (when there is room), and below it the
//! error (wrapped, it may be long), the wait, or the keys. On a narrow terminal lines are cut and
//! the box keeps its height.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};
use rust_i18n::t;

use super::export_dialog::{ExportDialog, format_name};
use crate::screens::ViewCtx;
use crate::ui::widgets::spinner::spinner_frame;

impl ExportDialog {
    /// Draws the dialog over the bottom of `area`.
    pub fn render(&self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        let (theme, lang, code) = (ctx.theme, ctx.lang, ctx.lang.code());
        let height = 8.min(area.height);
        let boxed = Rect {
            y: area.bottom().saturating_sub(height),
            height,
            ..area
        };
        Clear.render(boxed, buf);
        let title = format!(" {} ", t!("export.title", locale = code));
        let block = Block::bordered().title(Span::styled(title, theme.title));
        let inner = block.inner(boxed);
        block.render(boxed, buf);
        let line = |y: u16| Rect {
            y: inner.y + y,
            height: 1,
            ..inner
        };
        if inner.height == 0 {
            return;
        }
        Line::styled(self.scope.rows.describe(lang), theme.text).render(line(0), buf);
        let format_style = if self.on_path {
            theme.text
        } else {
            theme.selected
        };
        if inner.height > 1 {
            let (format, dialect) = self.format();
            Line::from(vec![
                Span::styled(
                    format!("{} ", t!("export.format", locale = code)),
                    theme.dim,
                ),
                Span::styled(
                    format!("◂ {} ▸", format_name(format, dialect, lang)),
                    format_style,
                ),
            ])
            .render(line(1), buf);
        }
        if inner.height > 2 {
            // The field's label is the UI's word for it, whatever the language at creation.
            let mut path = self.path.clone();
            path.label = t!("export.file", locale = code).into_owned();
            path.render(line(2), buf, self.on_path && !self.writing, theme);
        }
        // The hint only when there is room for it and a last line below.
        let hint = inner.height >= 6;
        if hint {
            Line::styled(t!("export.where", locale = code), theme.dim).render(line(3), buf);
        }
        let first_free = if hint { 4 } else { 3 };
        if inner.height <= first_free {
            return;
        }
        let rest = Rect {
            y: inner.y + first_free,
            height: inner.height - first_free,
            ..inner
        };
        let last = if self.writing {
            let writing = t!("export.writing", locale = code);
            Line::styled(format!("{} {writing}", spinner_frame(ctx.now)), theme.text)
        } else if let Some(e) = &self.error {
            Line::styled(e.clone(), theme.error)
        } else if self.path_missing {
            Line::styled(t!("export.path_missing", locale = code), theme.error)
        } else {
            Line::styled(t!("export.keys", locale = code), theme.dim)
        };
        // An error may be long (a path, the system's reason): it wraps into the free rows.
        Paragraph::new(last)
            .wrap(Wrap { trim: true })
            .render(rest, buf);
    }
}
