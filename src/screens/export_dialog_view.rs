//! Drawing the export dialog: a box over the bottom of the dashboard with what is exported, the
//! format (`◂ ▸`), the path, where a name alone goes (when there is room), and below it the
//! error (wrapped, it may be long), the wait, or the keys. On a narrow terminal lines are cut and
//! the box keeps its height.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use super::export_dialog::{CHOICES, ExportDialog};
use crate::screens::ViewCtx;
use crate::ui::widgets::spinner::spinner_frame;

impl ExportDialog {
    /// Draws the dialog over the bottom of `area`.
    pub fn render(&self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        let theme = ctx.theme;
        let height = 8.min(area.height);
        let boxed = Rect {
            y: area.bottom().saturating_sub(height),
            height,
            ..area
        };
        Clear.render(boxed, buf);
        let block = Block::bordered().title(Span::styled(" Export ", theme.title));
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
        Line::styled(self.scope.description.clone(), theme.text).render(line(0), buf);
        let format_style = if self.on_path {
            theme.text
        } else {
            theme.selected
        };
        if inner.height > 1 {
            Line::from(vec![
                Span::styled("Format ", theme.dim),
                Span::styled(format!("◂ {} ▸", CHOICES[self.choice].2), format_style),
            ])
            .render(line(1), buf);
        }
        if inner.height > 2 {
            self.path
                .render(line(2), buf, self.on_path && !self.writing, theme);
        }
        // The hint only when there is room for it and a last line below.
        let hint = inner.height >= 6;
        if hint {
            Line::styled(
                "A name alone is saved in $XDG_DOWNLOAD_DIR, else the folder coffre started in.",
                theme.dim,
            )
            .render(line(3), buf);
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
            Line::styled(
                format!("{} Writing… (Esc closes)", spinner_frame(ctx.now)),
                theme.text,
            )
        } else if let Some(e) = &self.error {
            Line::styled(e.clone(), theme.error)
        } else {
            Line::styled(
                "Enter export  Esc cancel  Tab format/file  ←→ format",
                theme.dim,
            )
        };
        // An error may be long (a path, the system's reason): it wraps into the free rows.
        Paragraph::new(last)
            .wrap(Wrap { trim: true })
            .render(rest, buf);
    }
}
