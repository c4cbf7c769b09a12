//! Adding or renewing a German bank (pure): the wait on finX's page opens, and the runner is
//! asked to link the bank (`BrowserCommand::LinkGermanBank`, see `tasks::finx_link`). The wait's
//! keys and the runner's answers are widget mode's (`app::widget`): Esc back to the dashboard,
//! a failure said on the wait screen, the dashboard with the bank at the end.

use rust_i18n::t;

use crate::app::widget::BrowserCommand;
use crate::app::{Command, Model, Screen};
use crate::domain::ConnectionId;
use crate::screens::redirect::RedirectWait;

/// Opens finX's page for a new German bank (`iban` skips its bank choice), or for renewing the
/// access of the finX bank `renew` (named `bank`).
pub(crate) fn link_german_bank(
    model: &mut Model,
    iban: Option<String>,
    renew: Option<(ConnectionId, String)>,
) -> Vec<Command> {
    let request = model.next_id();
    let title = match &renew {
        Some((_, bank)) => crate::screens::clean(bank),
        None => t!("finx_tui.wait.title", locale = model.lang.code()).into_owned(),
    };
    model.status = None;
    model.onboarding.renewing = None;
    model.screen = Screen::Redirect(RedirectWait::german_bank(title, request));
    vec![Command::Browser(BrowserCommand::LinkGermanBank {
        request,
        iban,
        renew: renew.map(|(id, _)| id),
    })]
}
