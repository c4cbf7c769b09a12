//! Provider picker: every bank, filtered by fuzzy search as you type (nucleo-matcher), with its
//! country and channel modes. When a bank has several available channels the user chooses:
//! payment accounts via the bank's website (REDIRECT) or other accounts via a form (EMBEDDED).
//!
//! An unavailable bank (the provider or every channel marked unavailable, or no channel at all)
//! is listed where the search puts it, greyed, with "unavailable, try later" in place of its
//! modes; the cursor stops on it like on any other (it never silently skips to another bank), a
//! line under the list says why it is greyed while the cursor is on it (`unavailable.rs`), and
//! Enter on it says it cannot be opened, under the search field, without leaving the list. A
//! click on a bank puts the cursor on it.
//!
//! When German banks are offered, the picker first asks the country ([`CountryQuestion`]):
//! France opens this list, Germany the optional IBAN field and then finX's page.
//!
//! Docs gap: the API does not say how to present two channels; we follow the test bank's own
//! wording ("CONNECT MY CHECKING ACCOUNTS" vs "I don't have a checking account").

use crossterm::event::{KeyCode, KeyEvent, MouseButton, MouseEvent, MouseEventKind};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher};
use ratatui::layout::Rect;

use crate::domain::{CallFailure, Channel, ChannelMode, Provider};
use crate::screens::clean;
use crate::ui::widgets::key_hints::KeyHint;
use crate::ui::widgets::text_field::{FieldKind, TextField};

mod chooser;
mod country;
mod frame;
pub mod iban;
mod list;
mod unavailable;

pub use country::{CountryAnswer, CountryQuestion};
pub use unavailable::Unavailable;

/// The picker's state.
#[derive(Debug, Clone)]
pub struct ProviderPicker {
    providers: Vec<Provider>,
    search: TextField,
    /// Indexes into `providers`, best match first.
    filtered: Vec<usize>,
    /// Position in `filtered`.
    cursor: usize,
    /// The channel chooser: (provider index, cursor among its available channels).
    choosing: Option<(usize, usize)>,
    /// Why the bank under the cursor cannot be opened (after Enter on an unavailable one).
    notice: Option<String>,
    /// Where the last frame drew the bank rows (mouse clicks).
    list_area: Rect,
    /// Providers are being loaded.
    pub loading: bool,
    /// Loading failed.
    pub error: Option<CallFailure>,
    /// The country question, asked first when German banks are offered (`None`: the list).
    country: Option<CountryQuestion>,
}

/// What a key press on the picker asks for.
#[derive(Debug)]
pub enum PickerAction {
    /// Nothing outside the picker.
    None,
    /// Connect to this bank through this channel.
    Pick(Provider, Channel),
    /// Link a German bank through finX's page (the IBAN skips its bank choice).
    German {
        /// A valid German IBAN, without spaces.
        iban: Option<String>,
    },
}

impl ProviderPicker {
    /// Keys shown in the hint bar and the help.
    pub const KEYS: &[KeyHint] = &[
        ("type", "search"),
        ("↑↓ wheel", "move"),
        ("Enter", "choose"),
        ("Esc", "dashboard"),
    ];
    /// Keys while the channel chooser is open.
    pub const CHOOSER_KEYS: &[KeyHint] = &[
        ("1 2", "choose"),
        ("↑↓", "move"),
        ("Enter", "choose"),
        ("Esc", "back to the list"),
    ];

    /// The keys of the picker's current state.
    pub fn keys(&self) -> &'static [KeyHint] {
        if let Some(country) = &self.country {
            country.keys()
        } else if self.choosing.is_some() {
            Self::CHOOSER_KEYS
        } else {
            Self::KEYS
        }
    }

    /// An empty picker waiting for the provider list.
    pub fn loading() -> Self {
        ProviderPicker {
            providers: Vec::new(),
            search: TextField::new("Search", FieldKind::Text),
            filtered: Vec::new(),
            cursor: 0,
            choosing: None,
            notice: None,
            list_area: Rect::default(),
            loading: true,
            error: None,
            country: None,
        }
    }

    /// Asks first whether the bank is French or German.
    pub fn ask_country(&mut self) {
        self.country = Some(CountryQuestion::new());
    }

    /// Whether the country question is on screen (rather than the French banks' list).
    pub fn asks_country(&self) -> bool {
        self.country.is_some()
    }

    /// Fills the picker (bank text is sanitised here).
    pub fn set_providers(&mut self, providers: Vec<Provider>) {
        self.providers = providers
            .into_iter()
            .map(|mut p| {
                p.name = clean(&p.name);
                p.country = clean(&p.country);
                p
            })
            .collect();
        self.loading = false;
        self.error = None;
        self.refilter();
    }

    /// The providers, as loaded.
    pub fn providers(&self) -> &[Provider] {
        &self.providers
    }

    fn refilter(&mut self) {
        let query = self.search.value();
        self.filtered = if query.trim().is_empty() {
            (0..self.providers.len()).collect()
        } else {
            let mut matcher = Matcher::new(Config::DEFAULT);
            let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
            let names = self
                .providers
                .iter()
                .enumerate()
                .map(|(i, p)| Indexed(i, &p.name));
            let mut hits = pattern.match_list(names, &mut matcher);
            hits.sort_by_key(|(Indexed(i, _), score)| (std::cmp::Reverse(*score), *i));
            hits.into_iter().map(|(Indexed(i, _), _)| i).collect()
        };
        self.cursor = 0;
    }

    fn move_by(&mut self, step: isize) {
        let last = self.filtered.len().saturating_sub(1);
        self.cursor = self.cursor.saturating_add_signed(step).min(last);
    }

    /// The provider under the cursor (available or not).
    pub fn selected(&self) -> Option<&Provider> {
        self.filtered.get(self.cursor).map(|&i| &self.providers[i])
    }

    /// Handles a key.
    pub fn on_key(&mut self, key: KeyEvent) -> PickerAction {
        if let Some(country) = &mut self.country {
            match country.on_key(key) {
                CountryAnswer::None => {}
                CountryAnswer::France => self.country = None,
                CountryAnswer::Germany { iban } => return PickerAction::German { iban },
            }
            return PickerAction::None;
        }
        if let Some((provider, cursor)) = self.choosing {
            let channels = available(&self.providers[provider]);
            match key.code {
                KeyCode::Up => self.choosing = Some((provider, cursor.saturating_sub(1))),
                KeyCode::Down => {
                    self.choosing =
                        Some((provider, (cursor + 1).min(channels.len().saturating_sub(1))))
                }
                // The choices are numbered on screen, so their digit picks them too.
                KeyCode::Enter | KeyCode::Char('1'..='9') => {
                    let index = match key.code {
                        KeyCode::Char(digit) => digit as usize - '1' as usize,
                        _ => cursor,
                    };
                    if let Some(ch) = channels.get(index) {
                        let action =
                            PickerAction::Pick(self.providers[provider].clone(), (*ch).clone());
                        self.choosing = None;
                        return action;
                    }
                }
                KeyCode::Esc => self.choosing = None,
                _ => {}
            }
            return PickerAction::None;
        }
        self.notice = None;
        match key.code {
            KeyCode::Up => self.move_by(-1),
            KeyCode::Down => self.move_by(1),
            KeyCode::Enter => {
                if let Some(p) = self.selected().filter(|p| is_closed(p)) {
                    self.notice = Some(match Unavailable::of(p) {
                        Some(Unavailable::NoChannel) => format!(
                            "{} offers no channel coffre can use: choose another bank.",
                            p.name
                        ),
                        _ => format!(
                            "{} is unavailable for now: try again later, or choose another bank.",
                            p.name
                        ),
                    });
                } else if let Some(p) = self.selected() {
                    let channels = available(p);
                    if channels.len() == 1 {
                        return PickerAction::Pick(p.clone(), channels[0].clone());
                    }
                    self.choosing = Some((self.filtered[self.cursor], 0));
                }
            }
            _ => {
                if self.search.handle_key(key) {
                    self.refilter();
                }
            }
        }
        PickerAction::None
    }

    /// The mouse wheel moves the cursor three banks at a time, a click puts it on the bank
    /// clicked (not while the chooser is open).
    pub fn on_mouse(&mut self, event: MouseEvent) {
        let step = match event.kind {
            MouseEventKind::ScrollDown => 1,
            MouseEventKind::ScrollUp => -1,
            MouseEventKind::Down(MouseButton::Left) if self.choosing.is_none() => {
                return self.click(event.column, event.row);
            }
            _ => return,
        };
        if self.choosing.is_none() {
            (0..3).for_each(|_| self.move_by(step));
        }
    }

    /// Whether the channel chooser is open (Esc closes it rather than leaving the screen).
    pub fn is_choosing(&self) -> bool {
        self.choosing.is_some() || self.country.as_ref().is_some_and(|c| c.is_typing())
    }
}

/// The bank cannot be opened now (greyed): see [`Unavailable`] for why.
fn is_closed(p: &Provider) -> bool {
    Unavailable::of(p).is_some()
}

/// The channels a user may pick (not marked unavailable), REDIRECT first.
fn available(p: &Provider) -> Vec<&Channel> {
    let mut v: Vec<&Channel> = p.channels.iter().filter(|c| !c.unavailable).collect();
    v.sort_by_key(|c| c.mode != ChannelMode::Redirect);
    v
}

/// A provider name with its index, for nucleo's `match_list`.
struct Indexed<'a>(usize, &'a str);

impl AsRef<str> for Indexed<'_> {
    fn as_ref(&self) -> &str {
        self.1
    }
}
