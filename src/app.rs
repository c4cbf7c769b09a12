//! The Elm loop's pure core: the [`Model`], the facts that happen ([`Msg`]), the effects asked
//! for ([`Command`]) and [`update`], which decides what a `Msg` means. `update` never does IO and
//! never reads the clock: time arrives as `Msg::Tick(now)`, results as `Msg::Api(..)` tagged with
//! the request id or poller generation they answer, so stale results are dropped.
//!
//! `update` dispatches; the decisions live in the module of their concern: the user's
//! [`session`] (start, login, resume, offline), the [`onboarding`] of a bank (picker, form,
//! redirect), the sync [`progress`] (board, challenges, consents) and the dashboard.
//!
//! [`run`] (in `event_loop`) is the impure shell around that core: it reads the terminal, the
//! tasks' results and the clock, and draws with [`view()`] (pure, like `update`).

pub mod command;
pub mod event_loop;
pub mod model;
pub mod msg;
pub mod onboarding;
pub mod progress;
pub mod session;
pub mod update;
pub mod view;
pub mod widget;

pub use command::Command;
pub use event_loop::{run, terminal_events};
pub use model::{LoginScreen, Model, Onboarding, Screen};
pub use msg::{ApiEvent, Msg};
pub use session::{AutoLogin, Session, Startup, start};
pub use update::update;
pub use view::view;
