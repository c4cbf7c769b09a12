//! Consent checklist: the accounts the bank listed, each with its type, name, masked IBAN and
//! balance; all ticked at first; space toggles, `a` ticks all or none; Enter sends the consents.
//! Accounts left unticked are refused, and the API deletes them: the screen says so. A click
//! selects an account, a click on its box ticks or unticks it.

use crossterm::event::{KeyCode, KeyEvent, MouseButton, MouseEvent, MouseEventKind};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Widget};
use rust_i18n::t;

use crate::domain::{Account, AccountId, AccountKind, ConnectionId};
use crate::screens::{ViewCtx, clean};
use crate::ui::format::{masked_iban, money};
use crate::ui::widgets::checklist::Checklist;
use crate::ui::widgets::key_hints::KeyHint;

/// The checklist's state.
#[derive(Debug, Clone)]
pub struct ConsentChecklist {
    /// The connection whose accounts these are.
    pub connection: ConnectionId,
    /// The channel definition the consents go to.
    pub channel: String,
    accounts: Vec<Account>,
    list: Checklist,
    /// Where the last frame drew the rows (mouse clicks).
    list_area: Rect,
}

/// What a key press asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum ConsentAction {
    /// Nothing outside the screen.
    None,
    /// Send the consents: ids to share, ids refused.
    Send {
        /// Accounts the user shares.
        accepted: Vec<AccountId>,
        /// Accounts refused (the API deletes them).
        refused: Vec<AccountId>,
    },
}

impl ConsentChecklist {
    /// Keys shown in the hint bar and the help.
    pub const KEYS: &[KeyHint] = &[
        ("Space", "tick"),
        ("a", "all/none"),
        ("↑↓ wheel", "move"),
        ("Enter", "send"),
    ];

    /// The checklist for these accounts (text sanitised).
    pub fn new(connection: ConnectionId, channel: String, accounts: Vec<Account>) -> Self {
        let accounts: Vec<Account> = accounts
            .into_iter()
            .map(|mut a| {
                a.name = clean(&a.name);
                if let AccountKind::Other(kind) = &mut a.kind {
                    *kind = clean(kind);
                }
                if let Some(balance) = &mut a.balance {
                    balance.currency = clean(&balance.currency);
                }
                a
            })
            .collect();
        let list = Checklist::all_checked(accounts.len());
        ConsentChecklist {
            connection,
            channel,
            accounts,
            list,
            list_area: Rect::default(),
        }
    }

    /// Handles a key.
    pub fn on_key(&mut self, key: KeyEvent) -> ConsentAction {
        match key.code {
            KeyCode::Up => self.list.move_by(-1),
            KeyCode::Down => self.list.move_by(1),
            KeyCode::Char(' ') => self.list.toggle(),
            KeyCode::Char('a') => self.list.toggle_all(),
            KeyCode::Enter => {
                let (mut accepted, mut refused) = (Vec::new(), Vec::new());
                for (a, checked) in self.accounts.iter().zip(&self.list.checked) {
                    if *checked {
                        &mut accepted
                    } else {
                        &mut refused
                    }
                    .push(a.id.clone());
                }
                return ConsentAction::Send { accepted, refused };
            }
            _ => {}
        }
        ConsentAction::None
    }

    /// The mouse wheel moves the cursor one account per notch; a click puts it on the account
    /// clicked, and a click on its box (`[x]`) ticks or unticks it too.
    pub fn on_mouse(&mut self, event: MouseEvent) {
        match event.kind {
            MouseEventKind::ScrollDown => self.list.move_by(1),
            MouseEventKind::ScrollUp => self.list.move_by(-1),
            MouseEventKind::Down(MouseButton::Left) => {
                let area = self.list_area;
                if !area.contains(Position::new(event.column, event.row)) {
                    return;
                }
                let first = (self.list.cursor + 1).saturating_sub(usize::from(area.height));
                let target = first + usize::from(event.row - area.y);
                if target < self.accounts.len() {
                    self.list.cursor = target;
                    if event.column < area.x + 3 {
                        self.list.toggle();
                    }
                }
            }
            _ => {}
        }
    }

    /// Draws the intro, the checklist and what refusing means.
    pub fn render(&mut self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        let code = ctx.lang.code();
        let title = format!(" {} ", t!("onboarding.consent.title", locale = code));
        let block = Block::bordered().title(Line::styled(title, ctx.theme.title));
        let inner = block.inner(area);
        block.render(area, buf);
        let [list, note] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
        if self.accounts.is_empty() {
            Line::styled(
                t!("onboarding.consent.no_account", locale = code),
                ctx.theme.dim,
            )
            .render(list, buf);
            return;
        }
        // The IBAN column goes first when the window is narrow; the balance always shows.
        let show_iban = inner.width >= 70;
        let fixed = 4 + 12 + 17 + if show_iban { 15 } else { 0 };
        let name_w = (inner.width as usize).saturating_sub(fixed).max(6);
        let rows: Vec<String> = self
            .accounts
            .iter()
            .map(|a| {
                let name: String = a.name.chars().take(name_w).collect();
                let iban = match (&a.iban, show_iban) {
                    (Some(iban), true) => format!("{:<14} ", masked_iban(iban, ctx.numbers)),
                    (None, true) => " ".repeat(15),
                    _ => String::new(),
                };
                let balance = a
                    .balance
                    .as_ref()
                    .map(|b| money(b.amount, &b.currency, ctx.numbers))
                    .unwrap_or_default();
                let kind = kind_text(&a.kind);
                format!("{kind:<11} {name:<name_w$} {iban}{balance:>16}")
            })
            .collect();
        self.list_area = list;
        self.list.render(&rows, list, buf, ctx.theme);
        let refused = self.list.checked.iter().filter(|c| !**c).count();
        let text = match refused {
            0 => t!("onboarding.consent.all_shared", locale = code),
            n => t!("onboarding.consent.refused", locale = code, n = n),
        };
        Line::styled(
            text,
            if refused > 0 {
                ctx.theme.key
            } else {
                ctx.theme.dim
            },
        )
        .render(note, buf);
    }
}

/// The account type as the checklist's first column shows it: the aggregator's own codes
/// (`CHECKINGS`, `SAVINGS`, …), short and familiar from the bank's statements.
fn kind_text(kind: &AccountKind) -> &str {
    match kind {
        AccountKind::Checking => "CHECKINGS",
        AccountKind::Savings => "SAVINGS",
        AccountKind::Loan => "LOAN",
        AccountKind::CreditCard => "CREDIT_CARD",
        AccountKind::Other(text) => text,
    }
}
