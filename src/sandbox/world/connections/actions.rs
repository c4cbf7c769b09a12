//! What the user does to a connection once it exists: trigger a sync (of one connection or of
//! all of them), answer a challenge, give or refuse consent per account. The HTTP side
//! (statuses, bodies) is the routes' `connections::actions`.
//!
//! Docs gaps (oxlin-api.md §11), our choices: a sync is refused while a job already runs on the
//! connection, or when no channel is set up to sync; a sync of every connection skips those.
//! An answer with no challenge pending is refused as a conflict; an answer that does not fit the
//! pending challenge is an invalid value and the challenge stays pending. A consent for an
//! account of another connection is "not found"; `true` makes the account `ACTIVE`, `false`
//! deletes it and its transactions, then a SYNC_ALL runs on each channel that has `ACTIVE`
//! accounts.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::{owned, ready_channels};
use crate::sandbox::world::engine::{self, AnswerProblem, JobKind, Trigger};
use crate::sandbox::world::error::{WorldError, WorldResult};
use crate::sandbox::world::state::{Sandbox, World};

/// Starts a job of `kind` on every ready channel of the user's connection `id`.
pub fn sync(
    sandbox: &Arc<Sandbox>,
    world: &mut World,
    user_id: &str,
    id: &str,
    kind: JobKind,
) -> WorldResult<()> {
    owned(&world.bank, user_id, id)?;
    let channels = ready_channels(world, id);
    if channels.is_empty() {
        return Err(WorldError::Conflict(format!(
            "connection `{id}` has no channel set up to sync"
        )));
    }
    if channels.iter().any(|key| world.engine.is_running(key)) {
        return Err(WorldError::Conflict(format!(
            "a sync already runs on connection `{id}`"
        )));
    }
    for key in channels {
        engine::start(sandbox, world, key, kind, Trigger::User);
    }
    Ok(())
}

/// Starts a SYNC_ALL on every connection of the user that is set up and not syncing; answers
/// the ids of the connections a sync started on.
pub fn sync_every_connection(
    sandbox: &Arc<Sandbox>,
    world: &mut World,
    user_id: &str,
) -> Vec<String> {
    let mine: Vec<String> = world
        .bank
        .connections
        .values()
        .filter(|c| c.user_id == user_id)
        .map(|c| c.id.clone())
        .collect();
    let mut started = Vec::new();
    for id in mine {
        let channels = ready_channels(world, &id);
        if channels.is_empty() || channels.iter().any(|k| world.engine.is_running(k)) {
            continue;
        }
        for key in channels {
            engine::start(sandbox, world, key, JobKind::SyncAll, Trigger::User);
        }
        started.push(id);
    }
    started
}

/// Hands the user's answer, (credential id, value) pairs, to the challenge pending on channel
/// `channel_definition_id` of the user's connection `id`.
pub fn answer_challenge(
    world: &mut World,
    user_id: &str,
    id: &str,
    channel_definition_id: &str,
    given: &[(String, String)],
) -> WorldResult<()> {
    let connection = owned(&world.bank, user_id, id)?;
    if !connection
        .channels
        .iter()
        .any(|c| c.channel_definition_id == channel_definition_id)
    {
        return Err(WorldError::not_found("channel", channel_definition_id));
    }
    let key = (id.to_owned(), channel_definition_id.to_owned());
    match world.engine.answer(&key, given) {
        Ok(()) => Ok(()),
        Err(AnswerProblem::NothingPending) => Err(WorldError::Conflict(format!(
            "no challenge waits for an answer on channel `{channel_definition_id}` of connection `{id}`"
        ))),
        Err(AnswerProblem::Invalid(problem)) => Err(WorldError::Invalid(problem)),
    }
}

/// Applies the user's consents, (account id, consent) pairs, on the accounts of connection `id`,
/// then syncs the channels whose accounts were consented. Nothing changes when one account is
/// not the connection's.
pub fn give_consents(
    sandbox: &Arc<Sandbox>,
    world: &mut World,
    user_id: &str,
    id: &str,
    consents: &[(String, bool)],
) -> WorldResult<()> {
    owned(&world.bank, user_id, id)?;
    for (account_id, _) in consents {
        if world
            .bank
            .accounts
            .get(account_id)
            .is_none_or(|a| a.connection_id != id)
        {
            return Err(WorldError::not_found("account", account_id));
        }
    }
    let mut touched = BTreeSet::new();
    for (account_id, consent) in consents {
        if *consent {
            if let Some(account) = world.bank.accounts.get_mut(account_id) {
                account.status = "ACTIVE".to_owned();
                touched.insert((id.to_owned(), account.channel_definition_id.clone()));
            }
        } else {
            world.bank.remove_account_data(account_id);
        }
    }
    for key in touched {
        engine::start(sandbox, world, key, JobKind::SyncAll, Trigger::Chained);
    }
    Ok(())
}
