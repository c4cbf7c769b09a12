//! One webview flow: which webview started it, its parameters, where it stands ([`Step`]) and
//! how it ends ([`Outcome`]), and the redirect URL it ends on ([`Flow::return_url`]).
//!
//! Docs gaps, our choices: the redirect URL keeps its own query (a client puts its `state`
//! there) and gets `connection_id` (whenever a connection exists), `status` (`success`,
//! `error`, `cancelled`, `expired`) and, when `captive_mode=false`, the `queue_id` the client
//! polls; a failure adds `error` (the channel's status, e.g. `AUTH_FAILED`). The terms webview
//! gets `result=success|error` (and `status=expired` for an expired session).

use serde_json::Value;

/// The widget parameters (seed 002's table); `None` means "not given".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params {
    pub provider_id: Option<String>,
    pub channel_definition_id: Option<String>,
    /// Default true (P: captivemode).
    pub captive_mode: Option<bool>,
    /// Agreement only.
    pub select_accounts: Option<bool>,
    pub multiple_channels: Option<bool>,
    pub select_channel: Option<bool>,
}

impl Params {
    /// These parameters, each replaced by `overrides`' when that one is given (a page's query
    /// overrides the session's defaults).
    pub fn overridden_by(&self, overrides: &Params) -> Params {
        Params {
            provider_id: overrides.provider_id.clone().or(self.provider_id.clone()),
            channel_definition_id: overrides
                .channel_definition_id
                .clone()
                .or(self.channel_definition_id.clone()),
            captive_mode: overrides.captive_mode.or(self.captive_mode),
            select_accounts: overrides.select_accounts.or(self.select_accounts),
            multiple_channels: overrides.multiple_channels.or(self.multiple_channels),
            select_channel: overrides.select_channel.or(self.select_channel),
        }
    }

    /// `captive_mode`, true unless set to false.
    pub fn captive(&self) -> bool {
        self.captive_mode.unwrap_or(true)
    }
}

/// The language of the pages: French by default, English with `lng=en`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    /// `en` (or `en-GB`, …) is English; anything else, or nothing, French.
    pub fn from_query(lng: Option<&str>) -> Lang {
        match lng {
            Some(l) if l.to_ascii_lowercase().starts_with("en") => Lang::En,
            _ => Lang::Fr,
        }
    }

    /// The French or the English text.
    pub fn pick(self, fr: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Fr => fr,
            Lang::En => en,
        }
    }

    /// The `lng` value of this language.
    pub fn code(self) -> &'static str {
        self.pick("fr", "en")
    }
}

/// Which webview started the flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlowKind {
    AddConnection,
    EditCredentials,
    UserInput,
    Terms,
    /// Agreement only: consent to, or stop consenting to, a connection's accounts.
    ManageAccounts,
}

/// Where a flow stands: the page the user sees.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// The terms must be accepted first.
    Terms,
    /// The bank list with its search field.
    ChooseBank,
    /// The provider has several channels and `select_channel` asks the user to pick one.
    ChooseChannel,
    /// The credential form of the flow's EMBEDDED channel.
    Form,
    /// The user is sent to the bank's page (REDIRECT channel) at this address.
    AtBank(String),
    /// A bank operation runs: the waiting page.
    Working,
    /// The bank asks a challenge: these inputs (the `*_USER_INPUT_REQUESTED` challenge array).
    Challenge(Vec<Value>),
    /// `select_accounts` (or manage accounts): the user picks the accounts to share.
    Consent,
    /// The flow is over.
    Done(Outcome),
}

/// How a flow ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Success,
    /// The bank operation failed: the channel's status and the engine's message.
    Failed {
        status: String,
        message: String,
    },
    Cancelled,
    Expired,
}

impl Outcome {
    /// The `status` value of the redirect.
    pub fn status(&self) -> &'static str {
        match self {
            Outcome::Success => "success",
            Outcome::Failed { .. } => "error",
            Outcome::Cancelled => "cancelled",
            Outcome::Expired => "expired",
        }
    }
}

/// One webview flow.
#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    pub kind: FlowKind,
    pub lang: Lang,
    /// Where the browser goes at the end; `None`: the last page says the result instead.
    pub redirect_url: Option<url::Url>,
    /// The session's defaults overridden by the page's query.
    pub params: Params,
    pub provider_id: Option<String>,
    pub channel_definition_id: Option<String>,
    pub connection_id: Option<String>,
    /// The widget's own queue, where the engine reports on this flow's connection.
    pub queue_id: Option<String>,
    /// The queue subscribed for the client when `captive_mode=false`.
    pub client_queue_id: Option<String>,
    pub step: Step,
}

impl Flow {
    /// A flow at `step` with nothing chosen yet.
    pub fn new(kind: FlowKind, lang: Lang, redirect_url: Option<url::Url>, params: Params) -> Self {
        Flow {
            kind,
            lang,
            redirect_url,
            provider_id: params.provider_id.clone(),
            channel_definition_id: params.channel_definition_id.clone(),
            params,
            connection_id: None,
            queue_id: None,
            client_queue_id: None,
            step: Step::ChooseBank,
        }
    }

    /// The query parameters the redirect carries for `outcome`.
    pub fn result_pairs(&self, outcome: &Outcome) -> Vec<(&'static str, String)> {
        if self.kind == FlowKind::Terms {
            let result = if *outcome == Outcome::Success {
                "success"
            } else {
                "error"
            };
            let mut pairs = vec![("result", result.to_owned())];
            if *outcome == Outcome::Expired {
                pairs.push(("status", "expired".to_owned()));
            }
            return pairs;
        }
        let mut pairs = Vec::new();
        if let Some(id) = &self.connection_id {
            pairs.push(("connection_id", id.clone()));
        }
        pairs.push(("status", outcome.status().to_owned()));
        if let Outcome::Failed { status, .. } = outcome {
            pairs.push(("error", status.clone()));
        }
        if !self.params.captive()
            && let Some(queue) = &self.client_queue_id
        {
            pairs.push(("queue_id", queue.clone()));
        }
        pairs
    }

    /// The redirect URL with the results of `outcome` appended, or `None` without one.
    pub fn return_url(&self, outcome: &Outcome) -> Option<url::Url> {
        let base = self.redirect_url.as_ref()?;
        Some(with_pairs(base, &self.result_pairs(outcome)))
    }
}

/// `url` with `pairs` appended to its query (its own query is kept).
pub fn with_pairs(url: &url::Url, pairs: &[(&'static str, String)]) -> url::Url {
    let mut url = url.clone();
    {
        let mut query = url.query_pairs_mut();
        for (key, value) in pairs {
            query.append_pair(key, value);
        }
    }
    url
}

#[cfg(test)]
mod tests;
