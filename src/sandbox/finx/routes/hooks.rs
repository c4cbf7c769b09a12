//! Sandbox-only calls, not part of finX: `POST /finx/sandbox/next_sync` (Bearer) makes the
//! bank of the token's access move on one step, as between two syncs (pending lines book under
//! new ids or drop, new ones arrive: the world's `ledger` module doc), and answers
//! `{"access_id", "booked", "dropped", "arrived"}`. In-process tests call
//! `FinxState::next_sync` directly; this is for a client in another process (`coffre sync`
//! against `coffre sandbox`) and for curl.

use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use serde_json::{Value, json};

use super::client::access_of;
use super::error::{FinxError, FinxResult};
use crate::sandbox::routes::AppState;

/// `POST /finx/sandbox/next_sync`.
pub async fn next_sync(
    State(sandbox): State<AppState>,
    headers: HeaderMap,
) -> FinxResult<Json<Value>> {
    let mut finx = sandbox.finx.lock();
    let access_id = access_of(&headers, &finx)?;
    let report = finx
        .next_sync(&access_id)
        .ok_or_else(FinxError::not_found)?;
    Ok(Json(json!({
        "access_id": access_id,
        "booked": report.booked,
        "dropped": report.dropped,
        "arrived": report.arrived,
    })))
}
