//! `coffre demo`: the stage demo, offline and the same every time, with no configuration and no
//! typing ([`crate::demo`]): a private temporary data dir (never the user's: `--data-dir`,
//! `COFFRE_DATA_DIR` and `--config` are ignored), the demo's banks seeded in the built-in
//! sandbox and synced into the store there before the terminal opens, and the TUI on the
//! dashboard from its first frame, with the sandbox behind it (`a` and `s` work live).
//!
//! `--autoplay` plays the onboarding with the keys shown; `--autoplay-speed` scales its pace.
//!
//! Docs gap (ours): the demo writes no log (its data dir is removed at the end) and keeps no
//! session; the sandbox runs with the same step delay as `coffre` without configuration (800 ms,
//! `--sandbox-delay-ms`).

use std::io::IsTerminal;
use std::path::Path;
use std::time::Duration;

use chrono::Utc;
use secrecy::SecretString;

use super::{DEMO_EMAIL, DEMO_PASSWORD, ThemeName, start_demo_sandbox, tui};
use crate::app::{AutoLogin, Model, terminal_events};
use crate::config::ui::UiSection;
use crate::demo::autoplay::{self, Autoplay, Pace};
use crate::demo::banks::Asking;
use crate::demo::stage;
use crate::store;
use crate::ui::format::NumberStyle;

/// What `coffre demo --help` says after the options.
pub const HELP: &str = "\
The demo runs on its own data, in a private temporary directory removed when it ends: your \
store, configuration and sessions are never read or written. It shows Camille Durand's year \
with three French banks through Oxlin (Crédit Agricole, whose authorisation needs renewal; \
BoursoBank, with a US dollar account; Crédit Mutuel, which asks an SMS code at every sync: answer \
123456), a Swiss franc account, and a German bank through finX (Musterbank Hamburg), on the \
dashboard from the first frame. The built-in sandbox runs behind it: \
`a` adds a bank (the Linxo Test Bank's form: dev / dev, file `sms` for an SMS code), `s` syncs.

With --autoplay it plays the onboarding by itself (login, bank search, form, SMS code, \
consent, dashboard), showing each key it presses; press any key to take over.";

/// `coffre demo` options.
#[derive(Debug, Clone, clap::Args)]
pub struct DemoArgs {
    /// Play the onboarding by itself (login, bank search, form, SMS code, consent, dashboard)
    /// at a human pace, showing each key; any key takes over.
    #[arg(long)]
    pub autoplay: bool,
    /// How fast the autoplay plays: 2 is twice a person's pace, 0.5 half as fast.
    #[arg(long, value_name = "FACTOR", default_value_t = 1.0, value_parser = parse_speed,
          requires = "autoplay")]
    pub autoplay_speed: f64,
}

/// A positive, finite speed factor.
fn parse_speed(text: &str) -> Result<f64, String> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|speed| Pace::human(*speed).is_some())
        .ok_or_else(|| format!("`{text}` is not a positive speed factor (like 1, 2 or 0.5)"))
}

/// How the demo looks: `--theme`, `--lang` (else the locale) and `--privacy`.
#[derive(Debug, Clone, Copy, Default)]
pub struct DemoLook {
    /// `--theme`.
    pub theme: Option<ThemeName>,
    /// `--lang`; else `LC_ALL`/`LC_MESSAGES`/`LANG` (the demo reads no configuration).
    pub lang: Option<crate::i18n::Lang>,
    /// `--privacy`: every amount masked from the first frame (a shared screen).
    pub privacy: bool,
}

/// Runs the demo until the user quits, its sandbox taking `step_delay` per sync step.
pub async fn run(args: &DemoArgs, step_delay: Duration, look: DemoLook) -> Result<(), String> {
    let dir = stage::private_data_dir()?;
    let (sandbox, oxlin) = start_demo_sandbox(step_delay, None).await?;
    let result = run_on(args, look, dir.path(), &sandbox, oxlin).await;
    sandbox.stop().await;
    result
}

async fn run_on(
    args: &DemoArgs,
    look: DemoLook,
    dir: &Path,
    sandbox: &crate::sandbox::RunningSandbox,
    oxlin: crate::oxlin::config::OxlinConfig,
) -> Result<(), String> {
    let store = store::store_file(dir, true);
    let asking = if args.autoplay {
        Asking::Quiet
    } else {
        Asking::AsStoried
    };
    let now = Utc::now();
    let login = (DEMO_EMAIL, DEMO_PASSWORD);
    stage::set(sandbox, &oxlin, login, &store, asking, now).await?;
    if !std::io::stdout().is_terminal() {
        return Err("the demo needs a terminal: its output is not one".into());
    }
    let mut model = Model::new(now, true, Some(login));
    let ui = UiSection::default();
    model.theme = ui.theme(look.theme).theme();
    model.lang = ui.language(look.lang);
    model.numbers = NumberStyle::of(model.lang).private(look.privacy);
    // The autoplay logs in itself (its first scene); otherwise, as `coffre` does.
    let auto_login = (!args.autoplay)
        .then(|| AutoLogin::Password(DEMO_EMAIL.to_owned(), SecretString::from(DEMO_PASSWORD)));
    let first = stage::open_on_dashboard(&mut model, &store, auto_login)?;
    if !args.autoplay {
        return tui::run_prepared(model, first, store, oxlin, terminal_events(), |_, _| {}).await;
    }
    let pace = Pace::human(args.autoplay_speed).unwrap_or(Pace::INSTANT);
    let script = autoplay::onboarding(DEMO_PASSWORD);
    let (player, events) = Autoplay::start(script, pace, terminal_events());
    tui::run_prepared(model, first, store, oxlin, events, move |model, frame| {
        player.overlay(model, frame)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_speed_is_a_positive_factor() {
        assert_eq!(parse_speed("2"), Ok(2.0));
        assert_eq!(parse_speed(" 0.5 "), Ok(0.5));
        for bad in ["0", "-1", "fast", "inf", "NaN", ""] {
            assert!(parse_speed(bad).is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn any_speed_text_is_taken_or_refused_without_panic(text in ".{0,40}") {
            match parse_speed(&text) {
                Ok(speed) => prop_assert!(speed.is_finite() && speed > 0.0),
                Err(message) => prop_assert!(message.contains("speed factor")),
            }
        }
    }
}
