//! The screens of the onboarding flow and the dashboard. Each file holds one screen's
//! state, its keys (`on_key` returning a small action enum the app turns into commands) and its
//! view (`render`). Pure: no IO, no clock (time arrives in [`ViewCtx::now`]).

pub mod challenge;
pub mod consent;
pub mod credential_form;
pub mod dashboard;
pub mod export_dialog;
mod export_dialog_view;
pub mod login;
pub mod provider_picker;
pub mod redirect;
pub mod syncing;

use chrono::{DateTime, Utc};

use crate::i18n::Lang;
use crate::ui::format::NumberStyle;
use crate::ui::theme::Theme;

/// What every screen's view may read besides its own state.
#[derive(Debug, Clone, Copy)]
pub struct ViewCtx<'a> {
    /// Colours.
    pub theme: &'a Theme,
    /// The time of the last tick (countdowns, spinners, "3 min ago").
    pub now: DateTime<Utc>,
    /// How amounts are written.
    pub numbers: NumberStyle,
    /// The language of the UI text.
    pub lang: Lang,
}

/// Bank text made safe for the screen (escape, control and bidi characters removed).
pub fn clean(text: &str) -> String {
    crate::sanitize::clean_line(text)
}
