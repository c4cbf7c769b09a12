//! A bank's heading in the accounts view: its name (and the masked login, so two logins of
//! one bank are told apart), its sync progress or failure, and the action it needs with the
//! key that does it. At under 40 columns the status gives way to one marker: the spinner while a sync runs,
//! `⚠` when something is needed, `✓` otherwise.
//!
//! A German bank (finX) says so after its name, with the day its access ends (90 days after
//! the last refresh: its stored renewal date when it is near, else 90 days after its last
//! sync, since every finX sync refreshes first): "finX · access until 01/03/2027", in the
//! error colour under [`FINX_WARN_DAYS`] days (then `r` renews it).
//!
//! While the store write of a sync runs, "syncing…" gives way to the count of transactions
//! imported so far ("120 000 imported…", issue 13). Choice (ours): the count replaces the word
//! rather than following it, so the bank's standing action still fits an 80-column line.
//!
//! Widths are display columns (`ui::format::fit`): a bank name in Chinese or with emoji keeps
//! to its half of the line. What does not fit the line (a long failure, in French above all)
//! ends with `…` at its right edge instead of being clipped mid-word by the frame.

use chrono_tz::Europe::Paris;
use ratatui::text::{Line, Span};
use rust_i18n::t;

use super::Dashboard;
use super::accounts::needed_action;
use crate::domain::{Aggregator, NextAction, SyncStep};
use crate::finx::tokens::access_ends;
use crate::screens::ViewCtx;
use crate::screens::syncing::{SyncBoard, imported_short};
use crate::store::read_model::ConnectionSummary;
use crate::ui::format::{fit, fit_spans};
use crate::ui::widgets::spinner::spinner_frame;

impl Dashboard {
    pub(super) fn bank_line(
        &self,
        c: Option<usize>,
        ctx: &ViewCtx,
        sync: &SyncBoard,
        width: u16,
    ) -> Line<'static> {
        let Some(conn) = c.and_then(|c| self.connections.get(c)) else {
            let other = t!(
                "leftovers.bank_line.other_accounts",
                locale = ctx.lang.code()
            );
            return Line::styled(other.into_owned(), ctx.theme.title);
        };
        // A long bank name leaves room for its status and the action it needs (at under 40
        // columns, for a one-character marker).
        let narrow = width < 40;
        let name_w = if narrow {
            width.saturating_sub(2)
        } else {
            width / 2
        };
        let name = match &conn.login {
            Some(login) => format!("{} · login {login}", conn.bank()),
            None => conn.bank().to_string(),
        };
        let mut spans = vec![Span::styled(fit(&name, name_w as usize), ctx.theme.title)];
        if !narrow && let Some(span) = finx_access(conn, ctx) {
            spans.push(span);
        }
        let code = ctx.lang.code();
        let word = |key: &str| t!(format!("leftovers.bank_line.{key}"), locale = code).into_owned();
        let row = sync.rows.iter().find(|r| r.connection == *conn.id());
        let step = row.map(|r| &r.step);
        match step {
            Some(SyncStep::Failed(f)) => {
                let why = crate::wording::failures::sync_failure_hint(f, ctx.lang);
                let failed = t!("leftovers.bank_line.sync_failed", locale = code, why = why);
                spans.push(Span::styled(format!("  {failed}"), ctx.theme.error));
            }
            Some(
                s @ (SyncStep::Starting
                | SyncStep::ListingAccounts
                | SyncStep::Syncing
                | SyncStep::WaitingForUser),
            ) => {
                let what = match (s, row.map_or(0, |r| r.imported)) {
                    (SyncStep::WaitingForUser, _) => word("waiting"),
                    (_, imported) if imported > 0 => {
                        imported_short(imported, ctx.numbers, ctx.lang)
                    }
                    (SyncStep::ListingAccounts, _) => word("listing"),
                    _ => word("syncing"),
                };
                spans.push(Span::styled(
                    format!("  {} {what}…", spinner_frame(ctx.now)),
                    ctx.theme.key,
                ));
            }
            _ => {}
        }
        // A failed sync already says what to do: the standing action would repeat it.
        let failed = matches!(step, Some(SyncStep::Failed(_)));
        let shared = c.map_or(0, |c| self.accounts_of(c));
        let needed = needed_action(conn, ctx.now, shared, ctx.lang).filter(|_| !failed);
        if narrow {
            spans.truncate(1);
            // A sync under way shows first (its spinner), then what is needed, then "fine".
            let marker = match (&needed, step) {
                (_, Some(s)) if !matches!(s, SyncStep::Failed(_) | SyncStep::Done) => {
                    Span::styled(format!(" {}", spinner_frame(ctx.now)), ctx.theme.key)
                }
                (Some(_), _) | (None, Some(SyncStep::Failed(_))) => {
                    Span::styled(" ⚠", ctx.theme.error)
                }
                (None, _) => Span::styled(" ✓", ctx.theme.ok),
            };
            spans.push(marker);
            return Line::from(fit_spans(spans, usize::from(width)));
        }
        match needed {
            Some(action) => spans.push(Span::styled(format!("  ⚠ {action}"), ctx.theme.error)),
            None if step.is_none() => spans.push(Span::styled("  ✓", ctx.theme.ok)),
            None => {}
        }
        // A long failure (French ones run past 100 columns) is cut with `…`, not at the edge.
        Line::from(fit_spans(spans, usize::from(width)))
    }
}

/// Under this many days left, a finX access's end is shown as a warning.
pub const FINX_WARN_DAYS: i64 = 14;

/// "finX · access until DAY" for a German bank (the warning colour when it ends soon).
fn finx_access(conn: &ConnectionSummary, ctx: &ViewCtx) -> Option<Span<'static>> {
    if conn.id().aggregator() != Aggregator::Finx {
        return None;
    }
    let code = ctx.lang.code();
    let day = match conn.next_action {
        NextAction::RenewBefore(day) => Some(day),
        _ => conn
            .synced_at
            .and_then(access_ends)
            .map(|end| end.with_timezone(&Paris).date_naive()),
    };
    let Some(day) = day else {
        return Some(Span::styled(
            format!("  {}", t!("finx_tui.bank.finx", locale = code)),
            ctx.theme.dim,
        ));
    };
    let left = (day - ctx.now.with_timezone(&Paris).date_naive()).num_days();
    let text = t!(
        "finx_tui.bank.access_until",
        locale = code,
        day = day.format("%d/%m/%Y").to_string()
    );
    let style = if left < FINX_WARN_DAYS {
        ctx.theme.error
    } else {
        ctx.theme.dim
    };
    Some(Span::styled(format!("  {text}"), style))
}
