//! Sync progress: one row per connection with a spinner and its step; a failed sync shows what
//! happened and what to do next (AUTH_FAILED: back to the form; PASSWORD_CHANGE_REQUIRED and
//! USER_ACTION_REQUIRED: what to do at the bank). The background poller feeds the steps. A
//! running row shows when coffre stops waiting for it ("gives up in 2:41", see
//! `app::progress::deadline`); Esc leaves the wait for the dashboard, the sync goes on. While the
//! store write runs, a row counts the transactions fetched and stored so far (issue 13:
//! "12 345 transactions imported", [`imported_words`]). Its words follow the UI's language
//! (`locales/onboarding.toml`); the bank's name and what it said stay as sent.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};
use rust_i18n::t;

use crate::domain::{ConnectionId, SyncStep};
use crate::i18n::Lang;
use crate::screens::ViewCtx;
use crate::ui::format::{NumberStyle, count};
use crate::ui::widgets::key_hints::KeyHint;
use crate::ui::widgets::spinner::spinner_frame;

/// One connection being synced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionProgress {
    /// The connection id.
    pub connection: ConnectionId,
    /// The bank's name (sanitised).
    pub bank: String,
    /// Where it is.
    pub step: SyncStep,
    /// The poller generation whose events are current (older ones are dropped).
    pub generation: u64,
    /// When coffre stops waiting for news of this sync (each piece of news moves it on).
    pub deadline: chrono::DateTime<chrono::Utc>,
    /// Transactions fetched and stored so far by this sync (0 until the store write begins).
    pub imported: usize,
}

impl ConnectionProgress {
    /// Whether the sync still runs.
    pub fn is_running(&self) -> bool {
        !matches!(self.step, SyncStep::Done | SyncStep::Failed(_))
    }
}

/// The sync screen's state: the progress of every connection.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncBoard {
    /// One row per connection.
    pub rows: Vec<ConnectionProgress>,
}

impl SyncBoard {
    /// Keys shown in the hint bar and the help.
    pub const KEYS: &[KeyHint] = &[("Esc", "dashboard (the sync goes on)")];
    /// Keys once a sync has failed.
    pub const FAILED_KEYS: &[KeyHint] = &[("Enter", "next step"), ("Esc", "dashboard")];

    /// The keys of the board's current state.
    pub fn keys(&self) -> &'static [KeyHint] {
        if self
            .rows
            .iter()
            .any(|r| matches!(r.step, SyncStep::Failed(_)))
        {
            Self::FAILED_KEYS
        } else {
            Self::KEYS
        }
    }

    /// Whether any sync is running (quitting then asks first).
    pub fn any_running(&self) -> bool {
        self.rows.iter().any(ConnectionProgress::is_running)
    }

    /// The row of a connection.
    pub fn row_mut(&mut self, connection: &ConnectionId) -> Option<&mut ConnectionProgress> {
        self.rows.iter_mut().find(|r| r.connection == *connection)
    }

    /// Draws one line per connection, plus the next action under a failed one.
    pub fn render(&self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        let code = ctx.lang.code();
        let title = format!(" {} ", t!("onboarding.sync.title", locale = code));
        let block = Block::bordered().title(Line::styled(title, ctx.theme.title));
        let mut lines = Vec::new();
        for row in &self.rows {
            let (mark, text, style) = match &row.step {
                SyncStep::Starting => (
                    spinner_frame(ctx.now),
                    t!("onboarding.sync.connecting", locale = code),
                    ctx.theme.text,
                ),
                SyncStep::ListingAccounts => (
                    spinner_frame(ctx.now),
                    t!("onboarding.sync.listing", locale = code),
                    ctx.theme.text,
                ),
                SyncStep::WaitingForUser => (
                    '?',
                    t!("onboarding.sync.waiting", locale = code),
                    ctx.theme.key,
                ),
                SyncStep::Syncing => (
                    spinner_frame(ctx.now),
                    t!("onboarding.sync.importing", locale = code),
                    ctx.theme.text,
                ),
                SyncStep::Done => ('✓', t!("onboarding.sync.done", locale = code), ctx.theme.ok),
                SyncStep::Failed(_) => (
                    '✗',
                    t!("onboarding.sync.stopped", locale = code),
                    ctx.theme.error,
                ),
            };
            let mut line = vec![
                Span::styled(format!("{mark} "), style),
                Span::styled(format!("{}: ", row.bank), ctx.theme.title),
                Span::styled(text, style),
            ];
            if row.is_running() {
                line.push(Span::styled(
                    t!(
                        "onboarding.sync.gives_up_in",
                        locale = code,
                        time = crate::ui::format::countdown((row.deadline - ctx.now).num_seconds())
                    ),
                    ctx.theme.dim,
                ));
            }
            lines.push(Line::from(line));
            if row.is_running() && row.imported > 0 {
                lines.push(Line::styled(
                    format!("  {}", imported_words(row.imported, ctx.numbers, ctx.lang)),
                    ctx.theme.text,
                ));
            }
            if let SyncStep::Failed(failure) = &row.step {
                lines.push(Line::styled(
                    format!(
                        "  {}",
                        crate::wording::failures::sync_next_action(failure, ctx.lang)
                    ),
                    ctx.theme.error,
                ));
            }
        }
        if lines.is_empty() {
            lines.push(Line::styled(
                t!("onboarding.sync.nothing", locale = code),
                ctx.theme.dim,
            ));
        }
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block)
            .render(area, buf);
    }
}

/// The running count of a sync's store write on the sync screen: `12 345 transactions
/// imported`. The words for this count live here and in [`imported_short`], nowhere else.
pub fn imported_words(imported: usize, numbers: NumberStyle, lang: Lang) -> String {
    let n = count(imported, numbers);
    match imported {
        1 => t!("onboarding.sync.imported_one", locale = lang.code(), n = n),
        _ => t!("onboarding.sync.imported_many", locale = lang.code(), n = n),
    }
    .into_owned()
}

/// The same count where room is short (a bank's line on the dashboard): `12 345 imported`.
pub fn imported_short(imported: usize, numbers: NumberStyle, lang: Lang) -> String {
    let n = count(imported, numbers);
    t!(
        "onboarding.sync.imported_short",
        locale = lang.code(),
        n = n
    )
    .into_owned()
}
