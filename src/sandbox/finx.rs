//! The finX sandbox: a faithful local emulator of the finX (finleap connect / Qwist) one-time
//! Financial Data flow, served under `/finx` on the sandbox's port, so the finX API base URL is
//! `http://127.0.0.1:PORT/finx`. It follows `docs/finx-api.md` and seed 004 to the letter, and
//! its §9 where they are silent.
//!
//! - `POST /onetime/access` (client Basic auth): a widget link, 201 `{"location", "id"}`;
//! - the widget at `location` (`/finx/widget/?token=…`): real HTML, no JavaScript, German by
//!   default, English with `language=en`: the test banks with a search, the IBAN shortcut, the
//!   login (`figo01` / PIN `654321`), the OTP (`123456`), the account choice, cancel; it ends
//!   with a 303 to `redirect_uri` with `code`, `state`, `success` (and `cancel`);
//! - `POST /auth/token` (client Basic auth): code exchange and rotating refresh tokens;
//! - `GET /rest/accounts`, `/rest/accounts/{id}`, `/rest/accounts/{id}/balance`,
//!   `/rest/transactions`, `/rest/accounts/{id}/transactions` (Bearer);
//! - errors in finX's `{"error": {"code", "group", "description", "data"}}` envelope;
//! - sandbox-only: `POST /finx/sandbox/next_sync` (the bank moves on between two syncs) and
//!   the banks' icons.
//!
//! The client is [`SANDBOX_FINX_CLIENT_ID`](crate::sandbox::SANDBOX_FINX_CLIENT_ID) /
//! [`SANDBOX_FINX_CLIENT_SECRET`](crate::sandbox::SANDBOX_FINX_CLIENT_SECRET), printed in
//! `coffre sandbox`'s banner. The sandbox's fault injection (`--faults`) wraps this router too
//! (its 429/5xx bodies are the sandbox's common ones, not finX's envelope).
//!
//! Two layers, arrows pointing one way: [`world`] (links, widget sessions, codes and tokens,
//! test banks, the generated data and its queries; no HTTP) under [`routes`] (handlers,
//! parameters, the error envelope, the JSON objects, the widget pages).
//!
//! # Where the docs are silent (each choice is detailed in the module named)
//!
//! - error bodies and statuses (§9.3): `routes::error`; who may call: `routes::client`;
//! - link fields and their checks: `routes::access`; languages, the IBAN shortcut,
//!   `account_types`, `allow_multi_selection`, attempts, the callback on failure (§9.4) and
//!   link lifetime: `world::link`;
//! - token shape, lifetimes, rotation, used codes (§9.2): `world::tokens`; the token endpoint's
//!   body and grants (§9.10): `routes::token`;
//! - the JSON objects (numbers, timestamps, null vs absent): `routes::wire`;
//! - order, tiebreak, `since`/`until`, pending (§9.5, §9.7, §9.8): `world::query`; the query
//!   string (§9.6): `routes::params`; linear paging and what a sync does to pending lines:
//!   `world::ledger`;
//! - the test banks and the IBANs of the docs' examples: `world::banks`; the data set:
//!   `world::generate`;
//! - persistence (none: finX keeps one-time data one hour) and the sandbox clock: [`world`].

pub mod routes;
pub mod world;
