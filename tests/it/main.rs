//! The integration tests (everything but the TUI, which has its own binary), one module per
//! area: the Oxlin client against the in-process sandbox, the sandbox over HTTP and through the
//! docs' own curl commands, the store, `coffre sync` and the exports read by the real tools.
//! One binary, so that an edit relinks one test executable instead of thirty.

mod support;

mod data_dir_private;
mod export_tools;
mod oxlin_calls;
mod oxlin_challenge;
mod oxlin_flow;
mod oxlin_pgp;
mod oxlin_reads;
mod oxlin_redirect;
mod oxlin_refresh;
mod oxlin_secrets;
mod oxlin_wire;
mod sandbox_auth;
mod sandbox_curl;
mod sandbox_curl_challenges;
mod sandbox_curl_embedded;
mod sandbox_curl_redirect;
mod sandbox_data;
mod sandbox_errors;
mod sandbox_faults;
mod sandbox_flows;
mod sandbox_keys;
mod sandbox_providers;
mod sandbox_redirect;
mod sandbox_state;
mod session_handoff;
mod session_kept;
mod store_concurrency;
mod store_migration;
mod store_upserts;
mod sync_headless;
mod sync_killed;
mod sync_login;
