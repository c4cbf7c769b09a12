//! The filter dialog (`f` in the transactions view): account, date range, pending/booked and
//! amount range. Fields are edited as text and parsed on Enter; a bad value keeps the dialog
//! open with the reason, so a filter is never half applied.
//!
//! It edits the view's `store::window::TxSelection` itself: the account is its id key, and
//! what the dialog does not show (the search, the category of `c`) is kept as it was.
//!
//! Docs gap (ours): dates are typed `YYYY-MM-DD` or `DD/MM/YYYY`; amounts are signed, with a dot
//! or a comma (`-50`, `12,5`); account and status are picked with ←/→.

use std::str::FromStr;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};
use rust_decimal::Decimal;
use rust_i18n::t;

use crate::domain::BookingStatus;
use crate::i18n::Lang;
use crate::store::window::TxSelection;
use crate::ui::theme::Theme;

/// The fields' catalogue keys (`locales/bank_detail.toml`, `filter.*`), in the dialog's order.
const FIELDS: [&str; 6] = [
    "filter.account",
    "filter.from",
    "filter.to",
    "filter.status",
    "filter.min",
    "filter.max",
];

/// The dialog's state: one text per field, the focused field, the last parse error.
#[derive(Debug, Clone, Default)]
pub struct FilterDialog {
    focus: usize,
    /// The account's id key (`None`: every account).
    account: Option<String>,
    status: Option<BookingStatus>,
    from: String,
    to: String,
    min: String,
    max: String,
    /// The category filter (`c` in the view), kept as it is.
    category: Option<String>,
    /// The search, kept as it is.
    search: String,
    /// Why the last Enter was refused: a catalogue key, worded when drawn.
    pub error: Option<&'static str>,
}

/// What a key did to the dialog.
#[derive(Debug, Clone, PartialEq)]
pub enum FilterAction {
    /// Still editing.
    Editing,
    /// Apply this selection and close.
    Apply(TxSelection),
    /// Close without changing anything.
    Cancel,
}

impl FilterDialog {
    /// A dialog showing the current filter.
    pub fn new(current: &TxSelection) -> Self {
        let date = |d: Option<NaiveDate>| {
            d.map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default()
        };
        let amount = |a: Option<Decimal>| a.map(|a| a.to_string()).unwrap_or_default();
        FilterDialog {
            focus: 0,
            account: current.account.clone(),
            status: current.status,
            from: date(current.from),
            to: date(current.to),
            min: amount(current.min),
            max: amount(current.max),
            category: current.category.clone(),
            search: current.search.clone(),
            error: None,
        }
    }

    /// Handles a key; `accounts` are the accounts' id keys, in the order ←/→ steps through them.
    pub fn on_key(&mut self, key: KeyEvent, accounts: &[&str]) -> FilterAction {
        match key.code {
            KeyCode::Esc => return FilterAction::Cancel,
            KeyCode::Enter => match self.parse() {
                Ok(filter) => return FilterAction::Apply(filter),
                Err(why) => self.error = Some(why),
            },
            KeyCode::Tab | KeyCode::Down => self.focus = (self.focus + 1) % FIELDS.len(),
            KeyCode::BackTab | KeyCode::Up => {
                self.focus = (self.focus + FIELDS.len() - 1) % FIELDS.len()
            }
            KeyCode::Left | KeyCode::Right => {
                let forward = key.code == KeyCode::Right;
                match self.focus {
                    0 => self.account = step_through(self.account.as_deref(), accounts, forward),
                    3 => self.status = cycle_status(self.status, forward),
                    _ => {}
                }
            }
            KeyCode::Backspace => {
                if let Some(text) = self.text_mut() {
                    text.pop();
                }
            }
            KeyCode::Char(c) if key.modifiers.difference(KeyModifiers::SHIFT).is_empty() => {
                if let Some(text) = self.text_mut().filter(|t| t.chars().count() < 24) {
                    text.push(c);
                }
            }
            // Ctrl+U, Ctrl+W: the editing keys of every text field.
            _ => {
                if let Some(text) = self.text_mut() {
                    crate::ui::widgets::text_field::edit_string(text, key);
                }
            }
        }
        FilterAction::Editing
    }

    fn text_mut(&mut self) -> Option<&mut String> {
        match self.focus {
            1 => Some(&mut self.from),
            2 => Some(&mut self.to),
            4 => Some(&mut self.min),
            5 => Some(&mut self.max),
            _ => None,
        }
    }

    fn parse(&self) -> Result<TxSelection, &'static str> {
        let filter = TxSelection {
            account: self.account.clone(),
            status: self.status,
            from: parse_date(&self.from).map_err(|_| "filter.bad_from")?,
            to: parse_date(&self.to).map_err(|_| "filter.bad_to")?,
            min: parse_amount(&self.min).map_err(|_| "filter.bad_min")?,
            max: parse_amount(&self.max).map_err(|_| "filter.bad_max")?,
            category: self.category.clone(),
            search: self.search.clone(),
        };
        if let (Some(a), Some(b)) = (filter.from, filter.to)
            && a > b
        {
            return Err("filter.from_after_to");
        }
        if let (Some(a), Some(b)) = (filter.min, filter.max)
            && a > b
        {
            return Err("filter.min_above_max");
        }
        Ok(filter)
    }

    /// Draws the dialog over the bottom of `area` in `lang`; `account_name(key)` names the
    /// account whose id key is `key`.
    pub fn render(
        &self,
        area: Rect,
        buf: &mut Buffer,
        (theme, lang): (&Theme, Lang),
        account_name: &dyn Fn(&str) -> String,
    ) {
        let w = |key: &str| t!(key, locale = lang.code()).into_owned();
        let height = (FIELDS.len() as u16 + 3).min(area.height);
        let boxed = Rect {
            y: area.bottom().saturating_sub(height),
            height,
            ..area
        };
        Clear.render(boxed, buf);
        let values = [
            self.account
                .as_deref()
                .map_or(w("filter.all_accounts"), account_name),
            self.from.clone(),
            self.to.clone(),
            self.status.map_or(w("filter.both_statuses"), |s| {
                crate::wording::actions::booking_word(s, lang)
            }),
            self.min.clone(),
            self.max.clone(),
        ];
        // The labels right-aligned to the longest in this language (11 columns at least).
        let width = FIELDS
            .iter()
            .map(|k| w(k).chars().count())
            .max()
            .unwrap_or(0)
            .max(11);
        let mut lines: Vec<Line> = FIELDS
            .iter()
            .zip(values)
            .enumerate()
            .map(|(i, (name, value))| {
                let style = if i == self.focus {
                    theme.selected
                } else {
                    theme.text
                };
                let arrows = if matches!(i, 0 | 3) { "◂ ▸ " } else { "" };
                Line::from(vec![
                    Span::styled(format!("{:>width$} ", w(name)), theme.dim),
                    Span::styled(format!("{arrows}{value}"), style),
                ])
            })
            .collect();
        lines.push(match &self.error {
            Some(e) => Line::styled(w(e), theme.error),
            None => Line::styled(w("filter.keys"), theme.dim),
        });
        Paragraph::new(lines)
            .block(Block::bordered().title(Span::styled(
                format!(" {} ", w("filter.title")),
                theme.title,
            )))
            .render(boxed, buf);
    }
}

/// The option after (or before) `current` among `codes`, through "every one" (`None`): the
/// categories of the `c` and `C` keys of the transactions view (codes sorted), and the
/// filter's accounts (id keys in the dashboard's order).
pub fn step_through(current: Option<&str>, codes: &[&str], forward: bool) -> Option<String> {
    let pos = current
        .and_then(|c| codes.iter().position(|k| *k == c))
        .map_or(0, |p| p + 1);
    let len = codes.len() + 1;
    let next = if forward {
        (pos + 1) % len
    } else {
        (pos + len - 1) % len
    };
    next.checked_sub(1).map(|i| codes[i].to_string())
}

fn cycle_status(current: Option<BookingStatus>, forward: bool) -> Option<BookingStatus> {
    use BookingStatus::{Booked, Pending};
    match (current, forward) {
        (None, true) | (Some(Booked), false) => Some(Pending),
        (Some(Pending), true) | (None, false) => Some(Booked),
        (Some(Booked), true) | (Some(Pending), false) => None,
    }
}

/// `""` is no bound; otherwise `YYYY-MM-DD` or `DD/MM/YYYY`.
fn parse_date(text: &str) -> Result<Option<NaiveDate>, ()> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d/%m/%Y"))
        .map(Some)
        .map_err(|_| ())
}

/// `""` is no bound; otherwise a signed decimal with a dot or a comma.
fn parse_amount(text: &str) -> Result<Option<Decimal>, ()> {
    let text = text.trim().replace(',', ".");
    if text.is_empty() {
        return Ok(None);
    }
    Decimal::from_str(&text).map(Some).map_err(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_cycle_goes_through_all_then_each_account() {
        let keys = ["oxlin:a1", "oxlin:a2"];
        let step = |current: Option<&str>, keys: &[&str], forward| {
            let mut dialog = FilterDialog::new(&TxSelection {
                account: current.map(str::to_owned),
                ..TxSelection::default()
            });
            let code = if forward {
                KeyCode::Right
            } else {
                KeyCode::Left
            };
            dialog.on_key(KeyEvent::from(code), keys);
            dialog.account
        };
        assert_eq!(step(None, &keys, true).as_deref(), Some("oxlin:a1"));
        assert_eq!(step(Some("oxlin:a2"), &keys, true), None);
        assert_eq!(step(None, &keys, false).as_deref(), Some("oxlin:a2"));
        assert_eq!(step(None, &[], true), None);
    }

    #[test]
    fn applying_the_filter_keeps_the_search_and_the_category() {
        let current = TxSelection {
            search: "edf".into(),
            category: Some("FOOD".into()),
            ..TxSelection::default()
        };
        let mut dialog = FilterDialog::new(&current);
        dialog.on_key(KeyEvent::from(KeyCode::Right), &["oxlin:a1"]);
        let FilterAction::Apply(applied) = dialog.on_key(KeyEvent::from(KeyCode::Enter), &[])
        else {
            panic!("Enter applies a valid filter");
        };
        assert_eq!(
            applied,
            TxSelection {
                account: Some("oxlin:a1".into()),
                ..current
            }
        );
    }

    #[test]
    fn category_cycle_goes_through_every_category_then_all() {
        let codes = ["FOOD", "SERVICES"];
        assert_eq!(step_through(None, &codes, true).as_deref(), Some("FOOD"));
        assert_eq!(
            step_through(Some("FOOD"), &codes, true).as_deref(),
            Some("SERVICES")
        );
        assert_eq!(step_through(Some("SERVICES"), &codes, true), None);
        assert_eq!(
            step_through(None, &codes, false).as_deref(),
            Some("SERVICES")
        );
        assert_eq!(
            step_through(Some("GONE"), &codes, true).as_deref(),
            Some("FOOD")
        );
        assert_eq!(step_through(None, &[], true), None);
    }

    #[test]
    fn dates_and_amounts_parse_in_both_spellings() {
        let d = NaiveDate::from_ymd_opt(2024, 2, 29);
        assert_eq!(parse_date("2024-02-29"), Ok(d));
        assert_eq!(parse_date("29/02/2024"), Ok(d));
        assert_eq!(parse_date("2023-02-29"), Err(()));
        assert_eq!(parse_amount("-12,5"), Ok(Decimal::from_str("-12.5").ok()));
        assert_eq!(parse_amount("12e"), Err(()));
        assert_eq!(parse_amount(" "), Ok(None));
    }
}
