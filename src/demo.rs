//! The stage demo (`coffre demo`): a person's year of banking, offline and the same every time,
//! with no configuration and no typing, and the built-in sandbox behind it so that adding a
//! bank (`a`) and syncing (`s`) still work live.
//!
//! - [`banks`]: who the demo is about and their banks (several banks, EUR, CHF and USD, a year
//!   of French bank labels with categories, a bank whose authorisation needs renewal, a bank
//!   that asks an SMS code at every sync);
//! - [`german_bank`]: a German bank through the sandbox's finX, so both aggregators show;
//! - [`stage`]: puts those banks in the sandbox's world and syncs them for real, over loopback
//!   HTTP, into a store in a private temporary data dir (never the user's), before the terminal
//!   opens, so the first frame is the dashboard;
//! - [`autoplay`]: `--autoplay`, the onboarding played as scripted key presses fed into the
//!   same event path as the keyboard, at a human pace, until a real key takes over;
//!   [`script`] is what it plays and sees, [`key_hint`] draws the key being pressed over the
//!   frame.
//!
//! Arrows: the demo uses the sandbox, the client, the sync and the store; the command line
//! (`cli::demo`) uses the demo, never the reverse.
//!
//! Docs gap (ours): the files are dated up to [`banks::DATA_TODAY`]; the demo moves them so that
//! their year ends on the day the demo starts (the clock is read once, in `cli::demo`, and
//! passed in: tests pass a fixed one and get the same data every run), as do the sync times
//! and the renewal's deadline.

pub mod autoplay;
pub mod banks;
pub mod german_bank;
pub mod key_hint;
pub mod script;
pub mod stage;
