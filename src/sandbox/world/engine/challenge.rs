//! The SMS challenge of seed 002 (oxlin-api.md §5.7), in its documented shape and order: first an
//! offer to send the code (INFO_MSG 303 + OK_CANCEL 304), then the code form (INFO_MSG 305,
//! NUMERIC 306, TIMEOUT_MSG 308, OK_CANCEL 307), with ERROR_MSG 309 after a wrong code (placed
//! after 305, as the seed prints it).
//!
//! Answers are checked when they arrive (`user_input`), so a malformed answer gets a clear 422
//! and the challenge stays pending. Codes are secrets: no message echoes one.

use std::collections::BTreeMap;

use secrecy::{ExposeSecret, SecretString};
use serde_json::{Value, json};
use tokio::sync::mpsc;

use super::job::{Ctx, Stop};
use crate::sandbox::world::testbank::ChallengeScript;

/// An input a pending challenge expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedInput {
    pub id: &'static str,
    pub label: &'static str,
    pub regexp: String,
    /// `OK_CANCEL`, `NUMERIC`, …
    pub kind: &'static str,
}

/// A checked answer to a challenge.
#[derive(Debug)]
pub struct Answers {
    /// An OK_CANCEL answered `false`.
    pub cancelled: bool,
    /// The other inputs, by credential id.
    pub values: BTreeMap<String, SecretString>,
}

/// Checks `given` (credential id, value) against the pending challenge.
pub fn check_answers(
    expected: &[ExpectedInput],
    given: &[(String, String)],
) -> Result<Answers, String> {
    let ids: Vec<&str> = expected.iter().map(|e| e.id).collect();
    let mut cancelled = false;
    for (id, value) in given {
        let input = expected.iter().find(|e| e.id == id).ok_or_else(|| {
            format!(
                "credential `{id}` does not answer the pending challenge (it expects {})",
                ids.join(", ")
            )
        })?;
        if input.kind == "OK_CANCEL" {
            match value.as_str() {
                "true" => {}
                "false" => cancelled = true,
                _ => {
                    return Err(format!(
                        "credential `{id}` ({}) is an OK_CANCEL: its value must be \"true\" or \"false\"",
                        input.label
                    ));
                }
            }
        }
    }
    let mut values = BTreeMap::new();
    if !cancelled {
        for input in expected.iter().filter(|e| e.kind != "OK_CANCEL") {
            let value = given
                .iter()
                .find(|(id, _)| id == input.id)
                .map(|(_, v)| v)
                .ok_or_else(|| format!("credential `{}` ({}) is missing", input.id, input.label))?;
            let fits = regex::Regex::new(&input.regexp).map_or(true, |re| re.is_match(value));
            if !fits {
                return Err(format!(
                    "credential `{}` ({}) does not match {}",
                    input.id, input.label, input.regexp
                ));
            }
            values.insert(input.id.to_owned(), SecretString::from(value.clone()));
        }
    }
    Ok(Answers { cancelled, values })
}

fn message(id: &str, label: &str, kind: &str, params: Option<Value>) -> Value {
    let mut challenge =
        json!({ "id": id, "label": label, "regexp": ".*", "type": kind, "encrypt": false });
    if let Some(params) = params {
        challenge["params"] = params;
    }
    challenge
}

fn ok_cancel(id: &'static str, label: &'static str) -> (Value, ExpectedInput) {
    let input = ExpectedInput {
        id,
        label,
        regexp: ".*".to_owned(),
        kind: "OK_CANCEL",
    };
    (message(id, label, "OK_CANCEL", None), input)
}

/// The offer to send the code: INFO_MSG 303 + OK_CANCEL 304.
pub fn offer(script: &ChallengeScript) -> (Vec<Value>, Vec<ExpectedInput>) {
    let info = message(
        "303",
        "La connexion à Banque demande la saisie d’un code envoyé par SMS sur votre téléphone au {phone}. Souhaitez vous recevoir ce code maintenant ?",
        "INFO_MSG",
        Some(json!({ "phone": script.phone })),
    );
    let (send, input) = ok_cancel("304", "Envoyer le SMS");
    (vec![info, send], vec![input])
}

/// The code form, with ERROR_MSG 309 when `remaining` attempts follow a wrong code.
pub fn code_form(
    script: &ChallengeScript,
    remaining: Option<u32>,
    timeout_secs: u64,
) -> (Vec<Value>, Vec<ExpectedInput>) {
    let mut challenge = vec![message(
        "305",
        "Un code a été envoyé par SMS sur votre téléphone au {phone}.",
        "INFO_MSG",
        Some(json!({ "phone": script.phone })),
    )];
    if let Some(remaining) = remaining {
        challenge.push(message(
            "309",
            "Code invalide. Encore {remaining_attempts} tentatives",
            "ERROR_MSG",
            Some(json!({ "remaining_attempts": remaining.to_string() })),
        ));
    }
    let code = ExpectedInput {
        id: "306",
        label: "Code",
        regexp: script.code_regexp.clone(),
        kind: "NUMERIC",
    };
    challenge.push(json!({
        "id": "306", "label": "Code", "regexp": script.code_regexp, "type": "NUMERIC", "encrypt": false
    }));
    challenge.push(message(
        "308",
        "Il vous reste {timeout} pour valider votre code.",
        "TIMEOUT_MSG",
        Some(json!({ "timeout": timeout_secs.to_string() })),
    ));
    let (validate, input) = ok_cancel("307", "Valider");
    challenge.push(validate);
    (challenge, vec![code, input])
}

/// Runs the whole challenge; `Ok` once the right code came in.
pub async fn run(
    ctx: &Ctx,
    prefix: &str,
    script: &ChallengeScript,
    answers: &mut mpsc::Receiver<Answers>,
) -> Result<(), Stop> {
    let (challenge, expected) = offer(script);
    if ask(ctx, prefix, challenge, expected, answers)
        .await?
        .cancelled
    {
        return Err(cancelled());
    }
    let timeout_secs = ctx
        .sandbox
        .upgrade()
        .ok_or(Stop::Gone)?
        .config
        .challenge_timeout
        .as_secs();
    let mut wrong = 0;
    loop {
        let remaining = (wrong > 0).then(|| script.max_attempts.saturating_sub(wrong));
        let (challenge, expected) = code_form(script, remaining, timeout_secs);
        let answer = ask(ctx, prefix, challenge, expected, answers).await?;
        if answer.cancelled {
            return Err(cancelled());
        }
        let right = answer
            .values
            .get("306")
            .is_some_and(|code| code.expose_secret() == script.code);
        if right {
            return Ok(());
        }
        wrong += 1;
        if wrong >= script.max_attempts {
            return Err(Stop::Failed(
                "TOO_MANY_ATTEMPTS",
                "too many wrong codes".to_owned(),
            ));
        }
    }
}

fn cancelled() -> Stop {
    Stop::Failed(
        "CHALLENGE_CANCELLED",
        "the user cancelled the challenge".to_owned(),
    )
}

/// Posts one challenge and waits for its answer, up to the configured timeout.
async fn ask(
    ctx: &Ctx,
    prefix: &str,
    challenge: Vec<Value>,
    expected: Vec<ExpectedInput>,
    answers: &mut mpsc::Receiver<Answers>,
) -> Result<Answers, Stop> {
    let timeout = ctx.with(|sandbox, world| {
        if let Some(job) = world.engine.running.get_mut(&ctx.key) {
            job.awaiting = Some(expected);
        }
        let event = format!("{prefix}_USER_INPUT_REQUESTED");
        ctx.emit(sandbox, world, &event, json!({ "challenge": challenge }));
        sandbox.config.challenge_timeout
    })?;
    match tokio::time::timeout(timeout, answers.recv()).await {
        Ok(Some(answer)) => Ok(answer),
        Ok(None) => Err(Stop::Gone),
        Err(_elapsed) => {
            ctx.with(|_, world| {
                if let Some(job) = world.engine.running.get_mut(&ctx.key) {
                    job.awaiting = None;
                }
            })?;
            Err(Stop::Failed(
                "CHALLENGE_TIMED_OUT",
                "nobody answered the challenge in time".to_owned(),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sms() -> ChallengeScript {
        ChallengeScript {
            phone: "0606060606".into(),
            code: "123456".into(),
            code_regexp: "^[0-9]{6}$".into(),
            max_attempts: 3,
        }
    }

    fn ids(challenge: &[Value]) -> Vec<&str> {
        challenge.iter().filter_map(|c| c["id"].as_str()).collect()
    }

    #[test]
    fn code_form_follows_the_documented_order() {
        let (first, _) = code_form(&sms(), None, 120);
        assert_eq!(ids(&first), ["305", "306", "308", "307"]);
        let (retry, _) = code_form(&sms(), Some(1), 120);
        assert_eq!(ids(&retry), ["305", "309", "306", "308", "307"]);
        assert_eq!(retry[1]["params"]["remaining_attempts"], "1");
        assert_eq!(retry[3]["params"]["timeout"], "120");
    }

    #[test]
    fn code_failing_its_regexp_is_refused_without_echo() {
        let (_, expected) = code_form(&sms(), None, 120);
        let given = [("306".to_owned(), "98x".to_owned())];
        let problem = check_answers(&expected, &given).unwrap_err();
        assert!(
            problem.contains("306") && !problem.contains("98x"),
            "{problem}"
        );
    }

    #[test]
    fn cancel_alone_is_a_complete_answer() {
        let (_, expected) = code_form(&sms(), None, 120);
        let given = [("307".to_owned(), "false".to_owned())];
        assert!(check_answers(&expected, &given).unwrap().cancelled);
        let unknown = [("999".to_owned(), "x".to_owned())];
        assert!(check_answers(&expected, &unknown).is_err());
    }
}
