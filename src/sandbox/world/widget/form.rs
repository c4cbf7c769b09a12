//! The credential form of an EMBEDDED channel as the widget takes it: each field checked
//! against its channel definition (present, matching the bank's `regexp`), with one problem per
//! field; then the connection made (or the existing one given new credentials), the widget's
//! queue subscribed and LIST_ACCOUNTS started, as `POST /connections` does.
//!
//! Docs gap, our choice: the browser posts the values to the sandbox's own page over HTTP, so
//! `encrypt: true` fields are not PGP-encrypted by anyone (the real widget encrypts in its own
//! page; here page and server are one process): they are taken as typed, kept as secrets.

use std::collections::BTreeMap;
use std::sync::Arc;

use secrecy::SecretString;

use super::flow::{Flow, Step};
use crate::sandbox::world::connections::credentials::{self, Prepared};
use crate::sandbox::world::connections::{install, new_connection};
use crate::sandbox::world::providers::{ChannelDef, ProviderDef};
use crate::sandbox::world::queues::{self, CONNECTIONS_TOPIC};
use crate::sandbox::world::state::{Sandbox, World};
use crate::sandbox::world::testbank;

/// What is wrong with one field of the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldProblem {
    /// Empty, and the field's rule wants a value.
    Missing,
    /// The value does not match the bank's rule (the `regexp`).
    NoMatch { regexp: String },
    /// The test-bank file field names no known file (the loader's explanation).
    UnknownFile(String),
}

/// Checks every field of `channel` in `given` (credential id → typed value): the values as
/// secrets, or the problem of each failing field.
pub fn check_fields(
    channel: &ChannelDef,
    given: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, SecretString>, BTreeMap<String, FieldProblem>> {
    let mut values = BTreeMap::new();
    let mut problems = BTreeMap::new();
    for def in &channel.credentials {
        let value = given.get(&def.id).map(String::as_str).unwrap_or("");
        let rule = regex::Regex::new(&def.regexp).ok();
        let fits = rule.as_ref().is_none_or(|re| re.is_match(value));
        if fits {
            values.insert(def.id.clone(), SecretString::from(value.to_owned()));
        } else if value.is_empty() {
            problems.insert(def.id.clone(), FieldProblem::Missing);
        } else {
            problems.insert(
                def.id.clone(),
                FieldProblem::NoMatch {
                    regexp: def.regexp.clone(),
                },
            );
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(values)
}

/// Checks the form and loads the test-bank file it names: ready to [`connect`], or the
/// problems of every failing field at once (the file is checked even when another field
/// fails).
pub fn prepare(
    channel: &ChannelDef,
    given: &BTreeMap<String, String>,
) -> Result<Prepared, BTreeMap<String, FieldProblem>> {
    let checked = check_fields(channel, given);
    let mut problems = checked.as_ref().err().cloned().unwrap_or_default();
    let (_, _, file_id) = credentials::roles(channel);
    let unknown_file = |why: String| {
        (
            file_id.unwrap_or("302").to_owned(),
            FieldProblem::UnknownFile(why),
        )
    };
    if let Some(file_id) = file_id
        && !problems.contains_key(file_id)
    {
        let selector = given.get(file_id).map(String::as_str).unwrap_or("");
        if let Err(why) = testbank::load(selector) {
            problems.extend([unknown_file(why.to_string())]);
        }
    }
    match checked {
        Ok(values) if problems.is_empty() => credentials::prepare(channel, &values)
            .map_err(|refusal| BTreeMap::from([unknown_file(refusal.to_string())])),
        _ => Err(problems),
    }
}

/// Creates the flow's connection (or reuses the flow's existing one), subscribes the widget's
/// queue (and the client's when `captive_mode=false`), installs the credentials and starts
/// LIST_ACCOUNTS. The flow moves to [`Step::Working`].
pub fn connect(
    sandbox: &Arc<Sandbox>,
    world: &mut World,
    user_id: &str,
    flow: &mut Flow,
    provider: &ProviderDef,
    channel: &ChannelDef,
    prepared: Prepared,
) {
    let connection_id = match &flow.connection_id {
        Some(id) if world.bank.connections.contains_key(id) => id.clone(),
        _ => {
            let id = sandbox.next_id();
            let connection = new_connection(provider, id.clone(), user_id);
            world.bank.connections.insert(id.clone(), connection);
            id
        }
    };
    subscribe_queues(sandbox, world, user_id, flow);
    flow.connection_id = Some(connection_id.clone());
    flow.channel_definition_id = Some(channel.id.clone());
    flow.step = Step::Working;
    install(sandbox, world, &connection_id, channel, prepared);
}

/// Subscribes the widget's own queue (once per flow) and, when `captive_mode=false`, the
/// client's.
pub fn subscribe_queues(sandbox: &Sandbox, world: &mut World, user_id: &str, flow: &mut Flow) {
    let topics = || vec![CONNECTIONS_TOPIC.to_owned()];
    if flow.queue_id.is_none() {
        flow.queue_id = Some(queues::subscribe(sandbox, world, user_id, topics()));
    }
    if !flow.params.captive() && flow.client_queue_id.is_none() {
        flow.client_queue_id = Some(queues::subscribe(sandbox, world, user_id, topics()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::world::providers::find;

    fn embedded() -> &'static ChannelDef {
        find("87").unwrap().channel("13400").unwrap()
    }

    fn form(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn an_empty_required_field_is_missing_and_the_others_pass() {
        let problems =
            check_fields(embedded(), &form(&[("300", "dev"), ("302", "sms")])).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems["301"], FieldProblem::Missing);
    }

    #[test]
    fn an_unknown_test_bank_file_is_a_problem_of_its_field_even_beside_a_missing_one() {
        let given = form(&[("300", "dev"), ("301", "dev"), ("302", "no-such-file")]);
        let problems = prepare(embedded(), &given).unwrap_err();
        assert!(matches!(problems["302"], FieldProblem::UnknownFile(_)));
        let given = form(&[("300", "dev"), ("302", "no-such-file")]);
        let problems = prepare(embedded(), &given).unwrap_err();
        assert_eq!(problems["301"], FieldProblem::Missing);
        assert!(matches!(problems["302"], FieldProblem::UnknownFile(_)));
    }

    #[test]
    fn a_complete_form_selects_its_test_bank_file() {
        let given = form(&[("300", "dev"), ("301", "dev"), ("302", "sms")]);
        let prepared = prepare(embedded(), &given).unwrap();
        assert!(prepared.bank.challenge.is_some());
    }
}
