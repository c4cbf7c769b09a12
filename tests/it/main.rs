//! The integration tests (everything but the TUI, which has its own binary), one module per
//! area: the Oxlin client against the in-process sandbox, the sandbox over HTTP and through the
//! docs' own curl commands, the store, `coffre sync` and the exports read by the real tools.
//! One binary, so that an edit relinks one test executable instead of thirty.

mod support;

mod data_dir_private;
mod exact_amounts;
mod export_fuzz;
mod export_tools;
mod hostile_echo;
mod hostile_numbers;
mod hostile_rules;
mod hostile_text;
mod oxlin_calls;
mod oxlin_challenge;
mod oxlin_flow;
mod oxlin_hostile;
mod oxlin_pgp;
mod oxlin_reads;
mod oxlin_redirect;
mod oxlin_refresh;
mod oxlin_secrets;
mod oxlin_wire;
mod redirect_callback;
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
mod session_keyring;
mod store_concurrency;
mod store_migration;
mod store_reconcile;
mod store_upserts;
mod sync_exit_codes;
mod sync_faults;
mod sync_headless;
mod sync_killed;
mod sync_lock;
mod sync_login;
mod sync_reconcile;
mod sync_try_later;
mod wire_fuzz;
