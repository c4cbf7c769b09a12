//! Freshness badges: how long ago an account was synced, turned "stale" past a threshold and
//! "offline" when the API cannot be reached. Pure: `now` comes from the caller. Stale and offline
//! badges use a compact age (`stale 2 d`) so the column stays narrow on an 80-column terminal.

use chrono::{DateTime, Utc};
use ratatui::style::Style;
use ratatui::text::Span;

use crate::ui::format::ago;
use crate::ui::theme::Theme;

/// The badge for an account synced at `synced_at`, seen from `now`.
pub fn freshness_badge(
    synced_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    stale_after_hours: i64,
    offline: bool,
    theme: &Theme,
) -> Span<'static> {
    let Some(at) = synced_at else {
        return Span::styled("never synced", theme.error);
    };
    let stale = (now - at).num_hours() >= stale_after_hours;
    let (text, style): (String, Style) = match (offline, stale) {
        (true, _) => (format!("offline {}", short_ago(at, now)), theme.dim),
        (false, true) => (format!("stale {}", short_ago(at, now)), theme.error),
        (false, false) => (ago(at, now), theme.ok),
    };
    Span::styled(text, style)
}

/// A compact age for a badge: `now`, `3 min`, `2 h`, `5 d`.
pub fn short_ago(then: DateTime<Utc>, now: DateTime<Utc>) -> String {
    match (now - then).num_seconds() {
        s if s < 60 => "now".to_string(),
        s if s < 3600 => format!("{} min", s / 60),
        s if s < 86_400 => format!("{} h", s / 3600),
        s => format!("{} d", s / 86_400),
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
        let badge = |mins: i64, off: bool| {
            freshness_badge(Some(now - Duration::minutes(mins)), now, 24, off, &t)
                .content
                .to_string()
        };
        assert_eq!(badge(3, false), "3 min ago");
        assert_eq!(badge(60 * 30, false), "stale 1 d");
        assert_eq!(badge(3, true), "offline 3 min");
        assert_eq!(
            freshness_badge(None, now, 24, false, &t).content,
            "never synced"
        );
    }
}
