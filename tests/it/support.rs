//! Helpers shared by the integration tests: an in-process sandbox and its clients, the real
//! `curl` and `gpg`, the docs' printed commands, a sample store, a bank for `coffre sync`,
//! the one way to start an external tool (a missing one names its Debian package), a headless
//! Chromium through WebDriver and the widget sessions its stories start from.
// Each test module uses its own part of these helpers.
#![allow(dead_code)]

pub mod browser;
pub mod curl_run;
pub mod desktop;
pub mod finx_link;
pub mod finx_sample;
pub mod finx_sandbox;
pub mod finx_server;
pub mod gpg;
pub mod hostile_server;
pub mod oxlin_sandbox;
pub mod printed;
pub mod python;
pub mod sandbox_client;
pub mod store_sample;
pub mod sync_bank;
pub mod tools;
pub mod two_banks;
pub mod widget_session;
