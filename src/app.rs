//! The Elm loop's pure core: the [`Model`], the facts that happen ([`Msg`]), the effects asked
//! for ([`Command`]) and [`update`], which decides what a `Msg` means. `update` never does IO and
//! never reads the clock: time arrives as `Msg::Tick(now)`, results as `Msg::Api(..)` tagged with
//! the request id or poller generation they answer, so stale results are dropped.

pub mod api_types;
pub mod command;
pub mod model;
pub mod msg;
pub mod update;

pub use command::Command;
pub use model::{Model, Screen};
pub use msg::{ApiEvent, Msg};
pub use update::update;
