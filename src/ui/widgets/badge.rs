//! Freshness badges: how long ago an account was synced, turned "stale" past a threshold and
//! "offline" when the API cannot be reached. Pure: `now` comes from the caller. Stale and offline
//! badges use a compact age (`stale 2 d`) so the column stays narrow on an 80-column terminal.

use chrono::{DateTime, Utc};
use ratatui::style::Style;
use ratatui::text::Span;

use rust_i18n::t;

use crate::i18n::Lang;
use crate::ui::format::ago;
use crate::ui::theme::Theme;

/// The badge for an account synced at `synced_at`, seen from `now`.
pub fn freshness_badge(
    synced_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    stale_after_hours: i64,
    offline: bool,
    theme: &Theme,
    lang: Lang,
) -> Span<'static> {
    let code = lang.code();
    let Some(at) = synced_at else {
        return Span::styled(t!("badge.never", locale = code), theme.error);
    };
    let stale = (now - at).num_hours() >= stale_after_hours;
    let short = short_ago(at, now, lang);
    let (text, style): (String, Style) = match (offline, stale) {
        (true, _) => (
            t!("badge.offline", locale = code, age = short).into(),
            theme.dim,
        ),
        (false, true) => (
            t!("badge.stale", locale = code, age = short).into(),
            theme.error,
        ),
        (false, false) => (ago(at, now, lang), theme.ok),
    };
    Span::styled(text, style)
}

/// A compact age for a badge: `now`, `3 min`, `2 h`, `5 d` (`5 j` in French).
pub fn short_ago(then: DateTime<Utc>, now: DateTime<Utc>, lang: Lang) -> String {
    let code = lang.code();
    match (now - then).num_seconds() {
        s if s < 60 => t!("badge.now", locale = code).into_owned(),
        s if s < 3600 => format!("{} min", s / 60),
        s if s < 86_400 => format!("{} h", s / 3600),
        s => t!("badge.days", locale = code, n = s / 86_400).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn fresh_then_stale_then_offline() {
        let now = Utc::now();
        let t = Theme::dark();
        let lang = Lang::En;
        let badge = |mins: i64, off: bool| {
            freshness_badge(Some(now - Duration::minutes(mins)), now, 24, off, &t, lang)
                .content
                .to_string()
        };
        assert_eq!(badge(3, false), "3 min ago");
        assert_eq!(badge(60 * 30, false), "stale 1 d");
        assert_eq!(badge(3, true), "offline 3 min");
        assert_eq!(
            freshness_badge(None, now, 24, false, &t, lang).content,
            "never synced"
        );
    }
}
