//! The first question of "add a bank" when German banks are offered (a `[finx]` section, or the
//! built-in sandbox): France (Oxlin's banks, the picker's list) or Germany (finX). For Germany,
//! an optional IBAN field, checked as it is typed ([`check_german_iban`]): with a valid IBAN
//! finX's page skips its bank choice; empty, the bank is chosen there. Enter opens finX's page
//! only with an empty field or a valid IBAN.
//!
//! Docs gap (ours): finX publishes no bank catalogue for the picker (the banks are listed in
//! its own page), so Germany is one choice rather than a list of German banks.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};
use rust_i18n::t;

use super::iban::{IbanCheck, check_german_iban};
use crate::screens::ViewCtx;
use crate::ui::widgets::key_hints::KeyHint;
use crate::ui::widgets::text_field::{FieldKind, TextField};

/// The country question, then the German bank's IBAN field.
#[derive(Debug, Clone)]
pub struct CountryQuestion {
    /// 0: France, 1: Germany.
    cursor: usize,
    /// Germany was chosen: the optional IBAN.
    iban: Option<TextField>,
}

/// What a key on the question asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CountryAnswer {
    /// Nothing yet.
    None,
    /// A French bank: the picker's list.
    France,
    /// A German bank through finX's page, skipping its bank choice with this IBAN.
    Germany {
        /// The valid German IBAN typed, without spaces.
        iban: Option<String>,
    },
}

impl CountryQuestion {
    /// Keys while asking the country.
    pub const KEYS: &[KeyHint] = &[
        ("1 2", "choose"),
        ("↑↓", "move"),
        ("Enter", "choose"),
        ("Esc", "dashboard"),
    ];
    /// Keys while typing the IBAN.
    pub const IBAN_KEYS: &[KeyHint] = &[
        ("type", "IBAN (optional)"),
        ("Enter", "open finX's page"),
        ("Esc", "back"),
    ];

    /// The question, France first.
    pub fn new() -> Self {
        CountryQuestion {
            cursor: 0,
            iban: None,
        }
    }

    /// The keys of its state.
    pub fn keys(&self) -> &'static [KeyHint] {
        if self.iban.is_some() {
            Self::IBAN_KEYS
        } else {
            Self::KEYS
        }
    }

    /// Whether the IBAN field is open (Esc closes it rather than leaving the screen).
    pub fn is_typing(&self) -> bool {
        self.iban.is_some()
    }

    /// Handles a key.
    pub fn on_key(&mut self, key: KeyEvent) -> CountryAnswer {
        if let Some(field) = &mut self.iban {
            match key.code {
                KeyCode::Esc => self.iban = None,
                KeyCode::Enter => match check_german_iban(field.value()) {
                    IbanCheck::Empty => return CountryAnswer::Germany { iban: None },
                    IbanCheck::Valid(iban) => return CountryAnswer::Germany { iban: Some(iban) },
                    _ => {}
                },
                _ => {
                    field.handle_key(key);
                }
            }
            return CountryAnswer::None;
        }
        match key.code {
            KeyCode::Up => self.cursor = 0,
            KeyCode::Down => self.cursor = 1,
            KeyCode::Char('1') => return CountryAnswer::France,
            KeyCode::Char('2') => self.open_germany(),
            KeyCode::Enter if self.cursor == 0 => return CountryAnswer::France,
            KeyCode::Enter => self.open_germany(),
            _ => {}
        }
        CountryAnswer::None
    }

    fn open_germany(&mut self) {
        self.cursor = 1;
        self.iban = Some(TextField::new("IBAN", FieldKind::Text));
    }

    /// Draws the question, or the IBAN field with what it says of the IBAN typed.
    pub fn render(&self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        let code = ctx.lang.code();
        let title = match self.iban {
            None => t!("finx_tui.country.title", locale = code),
            Some(_) => t!("finx_tui.iban.title", locale = code),
        };
        let block = Block::bordered().title(Line::styled(format!(" {title} "), ctx.theme.title));
        let inner = block.inner(area);
        block.render(area, buf);
        let Some(field) = &self.iban else {
            let choice = |i: usize, key: &str| {
                let style = if i == self.cursor {
                    ctx.theme.selected
                } else {
                    ctx.theme.text
                };
                Line::styled(format!("{}. {}", i + 1, t!(key, locale = code)), style)
            };
            let lines = vec![
                Line::styled(
                    t!("finx_tui.country.question", locale = code),
                    ctx.theme.text,
                ),
                Line::raw(""),
                choice(0, "finx_tui.country.france"),
                choice(1, "finx_tui.country.germany"),
            ];
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .render(inner, buf);
            return;
        };
        let [intro, input, said] = Layout::vertical([
            Constraint::Length(3),
            Constraint::Length(2),
            Constraint::Min(1),
        ])
        .areas(inner);
        Paragraph::new(t!("finx_tui.iban.intro", locale = code))
            .style(ctx.theme.text)
            .wrap(Wrap { trim: false })
            .render(intro, buf);
        let label = t!("finx_tui.iban.label", locale = code);
        let row = Rect {
            height: 1.min(input.height),
            ..input
        };
        field.render_labelled(&label, row, buf, true, ctx.theme);
        let check = check_german_iban(field.value());
        let style = match check {
            IbanCheck::Empty | IbanCheck::TooShort | IbanCheck::Valid(_) => ctx.theme.dim,
            _ => ctx.theme.error,
        };
        Paragraph::new(iban_words(&check, field.value(), code))
            .style(style)
            .wrap(Wrap { trim: false })
            .render(said, buf);
    }
}

impl Default for CountryQuestion {
    fn default() -> Self {
        Self::new()
    }
}

/// What the field says of the IBAN typed so far.
fn iban_words(check: &IbanCheck, typed: &str, code: &str) -> String {
    let typed = typed.chars().filter(|c| !c.is_whitespace()).count();
    match check {
        IbanCheck::Empty => t!("finx_tui.iban.empty", locale = code),
        IbanCheck::NotGerman => t!("finx_tui.iban.not_german", locale = code),
        IbanCheck::BadCharacter => t!("finx_tui.iban.bad_character", locale = code),
        IbanCheck::TooShort => t!("finx_tui.iban.too_short", locale = code, count = typed),
        IbanCheck::TooLong => t!("finx_tui.iban.too_long", locale = code),
        IbanCheck::WrongCheckDigits => t!("finx_tui.iban.wrong_check", locale = code),
        IbanCheck::Valid(_) => t!("finx_tui.iban.valid", locale = code),
    }
    .into_owned()
}
