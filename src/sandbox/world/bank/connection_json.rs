//! The Connection object of oxlin-api.md §5.4, and the connection status derived from its
//! channels.
//!
//! Docs gap: the derivation rule is not published beyond "only channel AUTH_FAILED → FAILED"
//! (S002). We chose: `RUNNING` while any channel runs; `NONE` when no channel has ever ended
//! (`NEVER`/`EMPTY` only); `SUCCESS` when every channel that ran succeeded; `FAILED` when none
//! did; `PARTIAL_SUCCESS` otherwise. Dates that are not known yet are left out, not null.

use serde_json::{Value, json};

use crate::sandbox::world::bank::{ChannelRecord, ConnectionRecord};
use crate::sandbox::world::providers;

impl ConnectionRecord {
    /// The connection status, derived from the channels.
    pub fn status(&self) -> &'static str {
        let states: Vec<&str> = self.channels.iter().map(|c| c.status.as_str()).collect();
        if states.contains(&"RUNNING") {
            return "RUNNING";
        }
        let ended: Vec<&str> = states
            .into_iter()
            .filter(|s| *s != "NEVER" && *s != "EMPTY")
            .collect();
        let succeeded = ended.iter().filter(|s| **s == "SUCCESS").count();
        match (ended.len(), succeeded) {
            (0, _) => "NONE",
            (n, s) if n == s => "SUCCESS",
            (_, 0) => "FAILED",
            _ => "PARTIAL_SUCCESS",
        }
    }

    /// The Connection object (channels keyed `channel_definition_id`).
    pub fn to_json(&self) -> Value {
        let unavailable = providers::find(&self.provider_id).is_some_and(|p| p.unavailable);
        let owner = match &self.owner_name {
            Some(name) => json!({ "name": name }),
            None => json!({}),
        };
        json!({
            "id": self.id,
            "user_id": self.user_id,
            "provider_id": self.provider_id,
            "name": self.name,
            "status": self.status(),
            "creation_date": self.creation_date,
            "auto_sync": self.auto_sync,
            "logo_url": format!(
                "https://static.oxlin.io/common/pictures/providers_logos/{}.png",
                self.provider_id
            ),
            "channels": self.channels.iter().map(|c| c.to_json(unavailable)).collect::<Vec<_>>(),
            "owner": owner,
            "consent_per_account": self.consent_per_account,
        })
    }
}

impl ChannelRecord {
    fn to_json(&self, unavailable: bool) -> Value {
        let mut channel = json!({
            "channel_definition_id": self.channel_definition_id,
            "mode": self.mode,
            "status": self.status,
            "credentials": self
                .credentials
                .iter()
                .map(|(id, masked)| json!({ "id": id, "masked_value": masked }))
                .collect::<Vec<_>>(),
            "account_types": self.account_types,
            "channel_definition_unavailable": unavailable,
        });
        for (key, date) in [
            ("expires", self.expires),
            ("last_success_date", self.last_success_date),
            ("last_end_date", self.last_end_date),
        ] {
            if let Some(date) = date {
                channel[key] = json!(date);
            }
        }
        channel
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn connection(states: &[&str]) -> ConnectionRecord {
        ConnectionRecord {
            id: "1".into(),
            user_id: "2".into(),
            provider_id: "87".into(),
            name: "Linxo Test Bank".into(),
            creation_date: 1,
            auto_sync: true,
            consent_per_account: true,
            owner_name: None,
            channels: states
                .iter()
                .map(|s| ChannelRecord {
                    channel_definition_id: "13400".into(),
                    mode: "EMBEDDED".into(),
                    status: (*s).into(),
                    expires: None,
                    last_success_date: None,
                    last_end_date: Some(5),
                    credentials: vec![("300".into(), "**v".into())],
                    account_types: vec!["CHECKINGS".into()],
                    strong_auth_at: None,
                })
                .collect(),
            test_bank: None,
            sync_count: 0,
        }
    }

    #[test]
    fn status_is_derived_from_the_channels() {
        assert_eq!(connection(&["NEVER", "EMPTY"]).status(), "NONE");
        assert_eq!(connection(&["SUCCESS", "RUNNING"]).status(), "RUNNING");
        assert_eq!(connection(&["AUTH_FAILED"]).status(), "FAILED");
        assert_eq!(connection(&["SUCCESS", "EMPTY"]).status(), "SUCCESS");
        assert_eq!(
            connection(&["SUCCESS", "AUTH_FAILED"]).status(),
            "PARTIAL_SUCCESS"
        );
    }

    #[test]
    fn json_shows_masked_credentials_and_known_dates_only() {
        let json = connection(&["SUCCESS"]).to_json();
        let channel = &json["channels"][0];
        assert_eq!(channel["credentials"][0]["masked_value"], "**v");
        assert_eq!(channel["last_end_date"], 5);
        assert!(channel.get("last_success_date").is_none());
        assert_eq!(json["status"], "SUCCESS");
    }
}
