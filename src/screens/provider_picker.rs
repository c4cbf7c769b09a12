//! Provider picker: every bank, filtered by fuzzy search as you type (nucleo-matcher), with its
//! country and channel modes. When a bank has several available channels the user chooses:
//! payment accounts via the bank's website (REDIRECT) or other accounts via a form (EMBEDDED).
//!
//! An unavailable bank (the provider or every channel marked unavailable) is listed where the
//! search puts it, greyed, with "unavailable, try later" in place of its modes; the cursor stops
//! on it like on any other (it never silently skips to another bank), and Enter on it says why
//! it cannot be opened, under the search field, without leaving the list.
//!
//! Docs gap: the API does not say how to present two channels; we follow the test bank's own
//! wording ("CONNECT MY CHECKING ACCOUNTS" vs "I don't have a checking account").

use crossterm::event::{KeyCode, KeyEvent, MouseEvent, MouseEventKind};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Widget};

use crate::domain::{CallFailure, Channel, ChannelMode, Provider};
use crate::screens::{ViewCtx, clean};
use crate::ui::format::fit;
use crate::ui::widgets::key_hints::KeyHint;
use crate::ui::widgets::spinner::spinner_frame;
use crate::ui::widgets::text_field::{FieldKind, TextField};
use chooser::render_chooser;

mod chooser;
mod list;

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
    /// Providers are being loaded.
    pub loading: bool,
    /// Loading failed.
    pub error: Option<CallFailure>,
}

/// What a key press on the picker asks for.
#[derive(Debug)]
pub enum PickerAction {
    /// Nothing outside the picker.
    None,
    /// Connect to this bank through this channel.
    Pick(Provider, Channel),
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
        if self.choosing.is_some() {
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
            loading: true,
            error: None,
        }
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
                    self.notice = Some(format!(
                        "{} is unavailable for now: try again later, or choose another bank.",
                        p.name
                    ));
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

    /// The mouse wheel moves the cursor three banks at a time (not while the chooser is open).
    pub fn on_mouse(&mut self, event: MouseEvent) {
        let step = match event.kind {
            MouseEventKind::ScrollDown => 1,
            MouseEventKind::ScrollUp => -1,
            _ => return,
        };
        if self.choosing.is_none() {
            (0..3).for_each(|_| self.move_by(step));
        }
    }

    /// Whether the channel chooser is open (Esc closes it rather than leaving the screen).
    pub fn is_choosing(&self) -> bool {
        self.choosing.is_some()
    }

    /// Draws the search field, the list, and the channel chooser when open.
    pub fn render(&self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        let block = Block::bordered().title(Line::styled(" Choose your bank ", ctx.theme.title));
        let inner = block.inner(area);
        block.render(area, buf);
        let [search, list] =
            Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(inner);
        self.search.render(
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
            let text = [notice.as_str(), "Unavailable: try later", "Unavailable"]
                .into_iter()
                .find(|t| t.chars().count() <= width)
                .unwrap_or("Unavailable");
            Line::styled(fit(text, width), ctx.theme.error).render(row, buf);
        }
        if self.loading {
            Line::styled(
                format!("{} Loading banks…", spinner_frame(ctx.now)),
                ctx.theme.text,
            )
            .render(list, buf);
        } else if let Some(e) = &self.error {
            Paragraph::new(crate::wording::failures::call_failure(e))
                .style(ctx.theme.error)
                .render(list, buf);
        } else if self.filtered.is_empty() {
            Line::styled("No bank matches this search.", ctx.theme.dim).render(list, buf);
        } else {
            self.render_list(list, buf, ctx);
        }
        if let Some((provider, cursor)) = self.choosing {
            render_chooser(&self.providers[provider], cursor, area, buf, ctx);
        }
    }
}

/// The bank cannot be opened now: marked unavailable, or every channel is.
fn is_closed(p: &Provider) -> bool {
    p.unavailable || available(p).is_empty()
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
