//! Which channel a flow goes through once its provider is known (seed 002 "The webviews"): the
//! forced `channel_definition_id`; else, with `select_channel` and several channels, the
//! user's choice; else REDIRECT first, then EMBEDDED. An EMBEDDED channel shows its form; a
//! REDIRECT channel sends the browser to the sandbox's bank page, which comes back to the
//! widget (`/widget/flow/bank_return`).

use std::sync::Arc;

use super::flow::{Flow, FlowKind, Outcome, Step};
use crate::sandbox::world::connections::available_provider;
use crate::sandbox::world::providers::{ChannelDef, ProviderDef};
use crate::sandbox::world::redirect::{RedirectSession, open_session};
use crate::sandbox::world::state::{Sandbox, World};

/// The step a flow enters once the terms are settled: the bank list, or (with a provider
/// given) what [`enter_provider`] decides. A Terms flow is done.
pub fn begin(
    sandbox: &Arc<Sandbox>,
    world: &mut World,
    session_id: &str,
    user_id: &str,
    flow: &mut Flow,
) {
    if flow.kind == FlowKind::Terms {
        flow.step = Step::Done(Outcome::Success);
        return;
    }
    match flow.provider_id.clone() {
        Some(provider_id) => {
            enter_provider(sandbox, world, session_id, user_id, flow, &provider_id)
        }
        None => flow.step = Step::ChooseBank,
    }
}

/// The flow's provider is `provider_id`: the channel choice, the form or the bank page. An
/// unknown or unavailable provider, or a forced channel it does not have, ends the flow in
/// error (seed 002: "the user will be redirected on your redirect_uri with an error").
pub fn enter_provider(
    sandbox: &Arc<Sandbox>,
    world: &mut World,
    session_id: &str,
    user_id: &str,
    flow: &mut Flow,
    provider_id: &str,
) {
    let provider = match available_provider(provider_id) {
        Ok(provider) => provider,
        Err(refusal) => return fail(flow, "INVALID_PROVIDER", refusal.to_string()),
    };
    flow.provider_id = Some(provider.id.clone());
    let forced = flow.channel_definition_id.clone();
    let channel = match forced {
        Some(id) => match provider.channel(&id) {
            Some(channel) => channel,
            None => {
                let message = format!("provider `{}` has no channel `{id}`", provider.id);
                return fail(flow, "INVALID_CHANNEL", message);
            }
        },
        None if flow.params.select_channel.unwrap_or(false)
            && provider.channel_definitions.len() > 1 =>
        {
            flow.step = Step::ChooseChannel;
            return;
        }
        None => preferred(provider),
    };
    enter_channel(sandbox, world, session_id, user_id, flow, provider, channel);
}

/// REDIRECT first, then EMBEDDED (the docs' priority); a provider has at least one channel.
fn preferred(provider: &ProviderDef) -> &ChannelDef {
    provider
        .channel_definitions
        .iter()
        .find(|c| c.mode == "REDIRECT")
        .or_else(|| provider.channel_definitions.first())
        .expect("every provider of the catalogue has a channel")
}

/// The flow goes through `channel`: its form, or the bank page (a REDIRECT session that comes
/// back to `/widget/flow/bank_return`).
pub fn enter_channel(
    sandbox: &Arc<Sandbox>,
    world: &mut World,
    session_id: &str,
    user_id: &str,
    flow: &mut Flow,
    provider: &ProviderDef,
    channel: &ChannelDef,
) {
    flow.channel_definition_id = Some(channel.id.clone());
    if channel.mode != "REDIRECT" {
        flow.step = Step::Form;
        return;
    }
    let mut back = url::Url::parse(&format!("{}/widget/flow/bank_return", sandbox.base_url))
        .expect("the sandbox's base URL is a URL");
    back.query_pairs_mut().append_pair("session_id", session_id);
    let opened = open_session(
        world,
        RedirectSession {
            user_id: user_id.to_owned(),
            provider_id: provider.id.clone(),
            channel_definition_id: channel.id.clone(),
            redirect_uri: back,
            redirect_state: None,
            connection_id: flow.connection_id.clone(),
        },
    );
    let state = match opened {
        Ok(state) => state,
        Err(refusal) => return fail(flow, "INVALID_CONNECTION", refusal.to_string()),
    };
    let mut bank = url::Url::parse(&format!("{}/testbank/authorize", sandbox.base_url))
        .expect("the sandbox's base URL is a URL");
    bank.query_pairs_mut()
        .append_pair(
            "create",
            if flow.connection_id.is_some() {
                "false"
            } else {
                "true"
            },
        )
        .append_pair("redirect_uri", &format!("{}/oauth2/aisp", sandbox.base_url))
        .append_pair("state", &state);
    flow.step = Step::AtBank(bank.to_string());
}

/// With `multiple_channels`, the provider's channel the flow's connection does not use yet
/// (seed 002: "then we invite the user to edit his connection to add the second channel").
pub fn next_channel(world: &World, flow: &Flow) -> Option<&'static ChannelDef> {
    if !flow.params.multiple_channels.unwrap_or(false) || flow.kind != FlowKind::AddConnection {
        return None;
    }
    let connection_id = flow.connection_id.as_deref()?;
    let provider = crate::sandbox::world::providers::find(flow.provider_id.as_deref()?)?;
    provider.channel_definitions.iter().find(|def| {
        !world
            .engine
            .banks
            .contains_key(&(connection_id.to_owned(), def.id.clone()))
    })
}

fn fail(flow: &mut Flow, status: &str, message: String) {
    flow.step = Step::Done(Outcome::Failed {
        status: status.to_owned(),
        message,
    });
}
