//! Why a greyed bank cannot be chosen. The cursor stops on a greyed bank like on any other, and a
//! line under the list says why it is greyed while the cursor is on it, so the user is never
//! left guessing (nor moved silently to another bank).
//!
//! Docs gap (ours): the API marks a provider or a channel `unavailable` without a reason, so
//! "unavailable at the aggregator" is as precise as coffre can be; a bank whose channels are all
//! of kinds coffre does not read arrives with no channel at all ("no channel coffre can use").

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::available;
use std::borrow::Cow;

use rust_i18n::t;

use crate::domain::Provider;
use crate::i18n::Lang;
use crate::screens::ViewCtx;
use crate::ui::format::fit;

/// Why a bank is greyed in the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unavailable {
    /// The aggregator marks the bank unavailable (maintenance, an outage at the bank).
    AtAggregator,
    /// Every channel of the bank is marked unavailable.
    EveryChannel,
    /// The bank offers no channel at all that coffre can use.
    NoChannel,
}

impl Unavailable {
    /// Why `p` cannot be chosen now, or `None` when it can.
    pub fn of(p: &Provider) -> Option<Unavailable> {
        if p.unavailable {
            Some(Unavailable::AtAggregator)
        } else if p.channels.is_empty() {
            Some(Unavailable::NoChannel)
        } else if available(p).is_empty() {
            Some(Unavailable::EveryChannel)
        } else {
            None
        }
    }

    /// The list's column for the bank (in place of its channel modes).
    pub fn column(self, lang: Lang) -> Cow<'static, str> {
        let code = lang.code();
        match self {
            Unavailable::AtAggregator | Unavailable::EveryChannel => {
                t!("picker.column_unavailable", locale = code)
            }
            Unavailable::NoChannel => t!("picker.column_no_channel", locale = code),
        }
    }

    /// The line under the list, longest first: the first that fits is shown.
    fn sentences(self, lang: Lang) -> [Cow<'static, str>; 3] {
        let code = lang.code();
        match self {
            Unavailable::AtAggregator => [
                t!("picker.greyed_aggregator_long", locale = code),
                t!("picker.greyed_aggregator", locale = code),
                t!("picker.unavailable", locale = code),
            ],
            Unavailable::EveryChannel => [
                t!("picker.greyed_channels_long", locale = code),
                t!("picker.greyed_channels", locale = code),
                t!("picker.unavailable", locale = code),
            ],
            Unavailable::NoChannel => [
                t!("picker.greyed_no_channel_long", locale = code),
                t!("picker.greyed_no_channel", locale = code),
                t!("picker.no_channel", locale = code),
            ],
        }
    }

    /// Draws why, on one row, in the words that fit.
    pub fn render(self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        let width = usize::from(area.width);
        let sentences = self.sentences(ctx.lang);
        let text = sentences
            .iter()
            .find(|t| t.chars().count() <= width)
            .unwrap_or(&sentences[2]);
        Line::styled(fit(text, width), ctx.theme.dim).render(area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Channel, ChannelMode};

    fn bank(unavailable: bool, channels: &[bool]) -> Provider {
        Provider {
            id: "1".into(),
            name: "Banque".into(),
            country: "FRA".into(),
            channels: channels
                .iter()
                .map(|off| Channel {
                    id: "10".into(),
                    mode: ChannelMode::Embedded,
                    account_types: Vec::new(),
                    credentials: Vec::new(),
                    unavailable: *off,
                })
                .collect(),
            unavailable,
        }
    }

    #[test]
    fn each_greyed_bank_gets_its_own_reason() {
        assert_eq!(Unavailable::of(&bank(false, &[false])), None);
        assert_eq!(Unavailable::of(&bank(false, &[true, false])), None);
        assert_eq!(
            Unavailable::of(&bank(true, &[false])),
            Some(Unavailable::AtAggregator)
        );
        assert_eq!(
            Unavailable::of(&bank(false, &[true, true])),
            Some(Unavailable::EveryChannel)
        );
        assert_eq!(
            Unavailable::of(&bank(false, &[])),
            Some(Unavailable::NoChannel)
        );
    }
}
