//! Which screen offers which command: the rule "no command is sent that the screen did not
//! offer" of the model-based test.

use coffre::app::{Command, Model, Screen};

/// What the user has in front of them: a bank question open over the screen
/// (`app::update::questions`) takes the keys, as the challenge screen does; else the screen.
pub fn shown_name(model: &Model) -> &'static str {
    if model.questions.open().is_some() {
        "challenge"
    } else {
        screen_name(&model.screen)
    }
}

/// The screen's name in failure messages.
pub fn screen_name(screen: &Screen) -> &'static str {
    match screen {
        Screen::Login(_) => "login",
        Screen::ProviderPicker(_) => "picker",
        Screen::CredentialForm(_) => "form",
        Screen::Redirect(_) => "redirect",
        Screen::Challenge(_) => "challenge",
        Screen::Consent(_) => "consent",
        Screen::Syncing => "syncing",
        Screen::Dashboard(_) => "dashboard",
    }
}

/// The screens from which a key may produce `command` (`None`: any screen).
pub fn offered_on(command: &Command) -> Option<&'static [&'static str]> {
    match command {
        Command::LogIn { .. } => Some(&["login"]),
        Command::SubmitCredentials { .. } => Some(&["form"]),
        Command::AnswerChallenge { .. } => Some(&["challenge"]),
        Command::SendConsents { .. } | Command::SaveConnection { .. } => Some(&["consent"]),
        Command::CancelRedirect { .. } => Some(&["redirect"]),
        Command::SyncNow { .. }
        | Command::RenewCredentials { .. }
        | Command::AddChannel { .. }
        | Command::GiveConsent { .. }
        | Command::DeleteConnection { .. }
        | Command::ArchiveAccount { .. }
        | Command::Export { .. } => Some(&["dashboard"]),
        _ => None,
    }
}

/// Commands only a person may cause: never the answer to an API result or a tick.
pub fn acts_for_the_user(command: &Command) -> bool {
    matches!(
        command,
        Command::LogIn { .. }
            | Command::SubmitCredentials { .. }
            | Command::AnswerChallenge { .. }
            | Command::SendConsents { .. }
            | Command::SaveConnection { .. }
            | Command::DeleteConnection { .. }
            | Command::ArchiveAccount { .. }
            | Command::Export { .. }
            | Command::Quit
    )
}
