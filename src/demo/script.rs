//! The autoplay's script: its steps (keys, typed text, pauses, waits for a screen), what it
//! can see of the screen ([`Sight`], read from the model each frame shows), and the onboarding
//! it plays ([`onboarding`]). The player is [`super::autoplay`].

use std::time::Duration;

use crossterm::event::KeyCode;

use super::banks::SMS_CODE;
use crate::app::{Model, Screen};

/// What the screen shows, as the script needs to know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sight {
    /// Nothing the script waits for (loading, the sync board, …).
    Busy,
    /// The dashboard, read from the store; `logged_in` once the session is open.
    Dashboard { logged_in: bool },
    /// The login screen.
    Login,
    /// The bank picker, with its banks loaded.
    Picker,
    /// The picker's "how do you want to connect" chooser.
    Chooser,
    /// A bank's credential form.
    Form,
    /// A bank's question; `asks_input` when it has a field (a code) to fill.
    Question { asks_input: bool },
    /// The consent checklist.
    Consent,
}

/// What `model` shows (the question open over the screen first).
pub fn sight(model: &Model) -> Sight {
    if let Some(dialog) = model.questions.open() {
        return Sight::Question {
            asks_input: dialog.asks_for_input(),
        };
    }
    match &model.screen {
        Screen::Dashboard(d) if !d.loading => Sight::Dashboard {
            logged_in: model.session.is_logged_in(),
        },
        Screen::Login(_) => Sight::Login,
        Screen::ProviderPicker(p) if !p.loading && p.is_choosing() => Sight::Chooser,
        Screen::ProviderPicker(p) if !p.loading => Sight::Picker,
        Screen::CredentialForm(_) => Sight::Form,
        Screen::Challenge(c) => Sight::Question {
            asks_input: c.asks_for_input(),
        },
        Screen::Consent(_) => Sight::Consent,
        _ => Sight::Busy,
    }
}

/// One step of a script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Wait until the screen shows this.
    Until(Sight),
    /// Wait this long (at speed 1), as a person reads.
    Pause(Duration),
    /// Press a key.
    Press(KeyCode),
    /// Type text, one key per character, [`super::autoplay::KEY_GAP`] apart.
    Type(String),
    /// Type text into a secret field: the hint shows a dot per key.
    TypeSecret(String),
}

/// The onboarding, from the dashboard of the demo's store: log in (`l`, the `password`), add
/// the Linxo test bank through its form with the `sms` file, send the SMS, type the code,
/// share the accounts, back on the dashboard.
pub fn onboarding(password: &str) -> Vec<Step> {
    use KeyCode::{Char, Down, Enter, Tab};
    use Step::{Pause, Press, Type, TypeSecret, Until};
    let pause = |ms| Pause(Duration::from_millis(ms));
    vec![
        Until(Sight::Dashboard { logged_in: false }),
        pause(2500),
        Press(Char('l')),
        Until(Sight::Login),
        pause(1000),
        TypeSecret(password.to_owned()),
        pause(600),
        Press(Enter),
        Until(Sight::Dashboard { logged_in: true }),
        pause(2000),
        Press(Char('a')),
        Until(Sight::Picker),
        pause(1200),
        Type("linxo".into()),
        pause(1200),
        Press(Enter),
        Until(Sight::Chooser),
        pause(1500),
        Press(Down),
        pause(700),
        Press(Enter),
        Until(Sight::Form),
        pause(1200),
        Type("dev".into()),
        Press(Tab),
        TypeSecret("dev".into()),
        Press(Tab),
        Type("sms".into()),
        pause(1200),
        Press(Enter),
        Until(Sight::Question { asks_input: false }),
        pause(2000),
        Press(Enter),
        Until(Sight::Question { asks_input: true }),
        pause(1500),
        TypeSecret(SMS_CODE.into()),
        pause(800),
        Press(Enter),
        Until(Sight::Consent),
        pause(2000),
        Press(Enter),
        Until(Sight::Dashboard { logged_in: true }),
    ]
}
