//! The follower of a flow: a tokio task that reads the widget's own queue (the events of the
//! flow's connection and channel) and moves the flow on: a challenge to show, the Oxlin consent
//! to give (every listed account, unless `select_accounts` lets the user choose), the end.
//!
//! One follower per flow, started with it. It holds only a `Weak` reference to the sandbox,
//! locks the world for each look (never across an `.await`) and stops when a newer flow
//! replaced its flow, when the session, its queue or the sandbox is gone, or after
//! [`LONGEST_FLOW`] (a forgotten browser tab does not keep it alive). It outlives the end of
//! its flow so that "try again" after a failure is followed too.

use std::sync::{Arc, Weak};
use std::time::Duration;

use serde_json::Value;

use super::flow::{Outcome, Step};
use crate::sandbox::world::connections::actions::give_consents;
use crate::sandbox::world::state::{Sandbox, World};

/// How often the follower looks at its queue.
const LOOK_EVERY: Duration = Duration::from_millis(40);
/// The longest a follower follows one flow.
const LONGEST_FLOW: Duration = Duration::from_secs(30 * 60);

/// Starts following the flow of session `session_id` at `generation`.
pub fn spawn(sandbox: &Arc<Sandbox>, session_id: &str, generation: u64) {
    let weak: Weak<Sandbox> = Arc::downgrade(sandbox);
    let session_id = session_id.to_owned();
    tokio::spawn(async move {
        let started = tokio::time::Instant::now();
        while started.elapsed() < LONGEST_FLOW {
            tokio::time::sleep(LOOK_EVERY).await;
            let Some(sandbox) = weak.upgrade() else {
                return;
            };
            if !look(&sandbox, &mut sandbox.world(), &session_id, generation) {
                return;
            }
        }
    });
}

/// Reads the flow's new events and applies them; false when there is nothing more to follow.
pub fn look(sandbox: &Arc<Sandbox>, world: &mut World, session_id: &str, generation: u64) -> bool {
    let Some(session) = world.widget.sessions.get(session_id) else {
        return false;
    };
    let Some(flow) = session
        .flow
        .as_ref()
        .filter(|_| session.generation == generation)
    else {
        return false;
    };
    let (Some(queue_id), Some(connection_id)) = (flow.queue_id.clone(), flow.connection_id.clone())
    else {
        return true;
    };
    // Manage accounts follows every channel of the connection; the other flows one channel.
    let channel_id = flow.channel_definition_id.clone();
    let user_id = session.user_id.clone();
    let select_accounts = flow.params.select_accounts.unwrap_or(false);
    let events: Vec<Value> = match world.bank.queues.get_mut(&queue_id) {
        Some(queue) => queue.events.drain(..).collect(),
        None => return false,
    };
    if !world.bank.connections.contains_key(&connection_id) {
        set_step(world, session_id, Step::Done(Outcome::Cancelled));
        return false;
    }
    for event in events {
        let ours = event["resource"]["id"].as_str() == Some(connection_id.as_str())
            && channel_id
                .as_deref()
                .is_none_or(|c| event["channel_definition_id"].as_str() == Some(c));
        if !ours {
            continue;
        }
        let kind = event["event_type"].as_str().unwrap_or_default().to_owned();
        let payload = event[kind.to_lowercase()].clone();
        let next = if kind.ends_with("_USER_INPUT_REQUESTED") {
            let challenge = payload["challenge"].as_array().cloned().unwrap_or_default();
            Some(Step::Challenge(challenge))
        } else if kind.ends_with("_FAILED") {
            Some(Step::Done(Outcome::Failed {
                status: payload["status"].as_str().unwrap_or("FAILED").to_owned(),
                message: payload["message"].as_str().unwrap_or_default().to_owned(),
            }))
        } else if kind == "LIST_ACCOUNTS_SUCCESS" {
            Some(after_listing(
                sandbox,
                world,
                &user_id,
                &connection_id,
                &payload,
                select_accounts,
            ))
        } else if kind == "SYNC_ALL_SUCCESS" {
            Some(Step::Done(Outcome::Success))
        } else if kind.ends_with("_STARTED") {
            Some(Step::Working)
        } else {
            None
        };
        if let Some(step) = next {
            set_step(world, session_id, step);
        }
    }
    true
}

/// What follows a successful listing: the account choice, the Oxlin consent (then the
/// SYNC_ALL it starts), the SYNC_ALL the engine chains for consented accounts, or the end when
/// the bank lists no account.
fn after_listing(
    sandbox: &Arc<Sandbox>,
    world: &mut World,
    user_id: &str,
    connection_id: &str,
    summary: &Value,
    select_accounts: bool,
) -> Step {
    let ids = |key: &str| -> Vec<String> {
        summary[key]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let pending = ids("pending_consent");
    let all = ids("account_ids");
    if !pending.is_empty() && select_accounts {
        return Step::Consent;
    }
    if !pending.is_empty() {
        let consents: Vec<(String, bool)> = pending.into_iter().map(|id| (id, true)).collect();
        return match give_consents(sandbox, world, user_id, connection_id, &consents) {
            Ok(()) => Step::Working,
            Err(refusal) => Step::Done(Outcome::Failed {
                status: "FAILED".to_owned(),
                message: refusal.to_string(),
            }),
        };
    }
    if all.is_empty() {
        Step::Done(Outcome::Success)
    } else {
        Step::Working
    }
}

fn set_step(world: &mut World, session_id: &str, step: Step) {
    if let Some(flow) = super::flow_mut(world, session_id) {
        flow.step = step;
    }
}
