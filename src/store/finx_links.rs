//! Where a finX link lives: one row of `finx_links` per bank access linked through the finX
//! widget, with the refresh token that keeps it alive, the finX server (`api_url`) and app
//! (`client_id`) it belongs to, when it was last refreshed and when it ends (90 days later,
//! `finx::tokens::access_ends`).
//!
//! The refresh token rotates at every refresh and the old one is spent, so each new one is
//! written by [`Store::keep_finx_token`] in its own committed transaction, synced to disk
//! (`synchronous = FULL` for it, as `Store::set_secrets` does), before anything uses it.
//!
//! Docs gap (ours): finX says nothing of where a client keeps its tokens. The token lives in
//! this table, in the store file (`0600`, in a `0700` data dir, like the Oxlin session's `file`
//! place); the OS keyring is not offered for finX yet. A link is keyed by a local `link_id`
//! (the `id` of the widget link that made it) because the access id is only known once the
//! accounts are read; [`Store::set_finx_access_id`] records it then. Links are listed per server
//! and app, so a sandbox link is never sent to a real host.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};
use secrecy::{ExposeSecret, SecretString};

use super::{Store, StoreError};
use crate::finx::tokens::access_ends;

/// Whose a finX link is: its local id, and the finX server and app it was made with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinxLinkOwner {
    /// The local id of the link (the widget link's `id`).
    pub link_id: String,
    /// The finX API the link was made on.
    pub api_url: String,
    /// The app (client id) that made it.
    pub client_id: String,
}

/// One linked finX access, as stored.
#[derive(Debug, Clone)]
pub struct FinxLink {
    /// Whose it is.
    pub owner: FinxLinkOwner,
    /// finX's access id, once the accounts were read.
    pub access_id: Option<String>,
    /// The current refresh token (a secret: never printed, `Debug` hides it).
    pub refresh_token: SecretString,
    /// When it was linked.
    pub linked_at: DateTime<Utc>,
    /// When its token was last refreshed.
    pub refreshed_at: Option<DateTime<Utc>>,
    /// When the access ends unless refreshed again.
    pub access_ends: Option<DateTime<Utc>>,
}

fn instant(seconds: Option<i64>) -> Option<DateTime<Utc>> {
    seconds.and_then(|s| DateTime::from_timestamp(s, 0))
}

impl Store {
    /// Every finX link made on `api_url` by `client_id`, oldest first.
    pub fn finx_links(&self, api_url: &str, client_id: &str) -> Result<Vec<FinxLink>, StoreError> {
        let mut statement = self.conn.prepare_cached(
            "SELECT link_id, access_id, refresh_token, linked_at, refreshed_at, access_ends
             FROM finx_links WHERE api_url = ?1 AND client_id = ?2 ORDER BY linked_at, link_id",
        )?;
        let rows = statement.query_map([api_url, client_id], |r| {
            Ok(FinxLink {
                owner: FinxLinkOwner {
                    link_id: r.get(0)?,
                    api_url: api_url.to_owned(),
                    client_id: client_id.to_owned(),
                },
                access_id: r.get(1)?,
                refresh_token: SecretString::from(r.get::<_, String>(2)?),
                linked_at: instant(r.get(3)?).unwrap_or_default(),
                refreshed_at: instant(r.get(4)?),
                access_ends: instant(r.get(5)?),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The refresh token kept for `owner`'s link, if it is stored.
    pub fn finx_refresh_token(
        &self,
        owner: &FinxLinkOwner,
    ) -> Result<Option<SecretString>, StoreError> {
        let token: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT refresh_token FROM finx_links
                 WHERE link_id = ?1 AND api_url = ?2 AND client_id = ?3",
            )?
            .query_row([&owner.link_id, &owner.api_url, &owner.client_id], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(token.filter(|t| !t.is_empty()).map(SecretString::from))
    }

    /// Keeps `token` as `owner`'s refresh token, refreshed at `at` (the link is created by its
    /// first token), in one committed transaction synced to disk before this returns.
    pub fn keep_finx_token(
        &self,
        owner: &FinxLinkOwner,
        token: &SecretString,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        if owner.link_id.is_empty() {
            return Err(StoreError::Invalid("a finX link without an id".into()));
        }
        self.conn.execute_batch("PRAGMA synchronous = FULL")?;
        let written = self.conn.execute(
            "INSERT INTO finx_links (link_id, api_url, client_id, refresh_token, linked_at,
               refreshed_at, access_ends)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)
             ON CONFLICT(link_id) DO UPDATE SET api_url = excluded.api_url,
               client_id = excluded.client_id, refresh_token = excluded.refresh_token,
               refreshed_at = excluded.refreshed_at, access_ends = excluded.access_ends",
            params![
                owner.link_id,
                owner.api_url,
                owner.client_id,
                token.expose_secret(),
                at.timestamp(),
                access_ends(at).map(|end| end.timestamp()),
            ],
        );
        self.conn.execute_batch("PRAGMA synchronous = NORMAL")?;
        written?;
        Ok(())
    }

    /// Records finX's access id of the link `link_id` (known once its accounts are read).
    pub fn set_finx_access_id(&self, link_id: &str, access_id: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE finx_links SET access_id = ?2 WHERE link_id = ?1",
            [link_id, access_id],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owner(link_id: &str) -> FinxLinkOwner {
        FinxLinkOwner {
            link_id: link_id.into(),
            api_url: "http://127.0.0.1:4000/finx".into(),
            client_id: "coffre".into(),
        }
    }

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(seconds, 0).unwrap()
    }

    #[test]
    fn a_rotated_finx_token_replaces_the_old_one_and_moves_the_access_end() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite");
        let store = Store::open(&path).unwrap();
        let link = owner("L1");
        store
            .keep_finx_token(&link, &SecretString::from("rt-1"), at(1_000))
            .unwrap();
        store
            .keep_finx_token(&link, &SecretString::from("rt-2"), at(90_000))
            .unwrap();
        store.set_finx_access_id("L1", "X7").unwrap();
        // Another connection (another process) reads what was committed.
        let other = Store::open(&path).unwrap();
        let links = other.finx_links(&link.api_url, &link.client_id).unwrap();
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].refresh_token.expose_secret(), "rt-2");
        assert_eq!(links[0].access_id.as_deref(), Some("X7"));
        assert_eq!(links[0].linked_at, at(1_000));
        assert_eq!(links[0].refreshed_at, Some(at(90_000)));
        assert_eq!(links[0].access_ends, access_ends(at(90_000)));
        assert!(
            !format!("{:?}", links[0]).contains("rt-2"),
            "token in Debug"
        );
    }

    #[test]
    fn a_link_made_on_another_server_is_not_listed_nor_handed_out() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s.sqlite")).unwrap();
        store
            .keep_finx_token(&owner("L1"), &SecretString::from("rt-1"), at(0))
            .unwrap();
        let elsewhere = FinxLinkOwner {
            api_url: "https://api.finx-s.qwist.cloud".into(),
            ..owner("L1")
        };
        assert!(
            store
                .finx_links(&elsewhere.api_url, &elsewhere.client_id)
                .unwrap()
                .is_empty()
        );
        assert!(store.finx_refresh_token(&elsewhere).unwrap().is_none());
        assert!(store.finx_refresh_token(&owner("L1")).unwrap().is_some());
    }

    #[test]
    fn a_version_7_store_gains_the_finx_links_and_keeps_its_banks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite");
        {
            let db = rusqlite::Connection::open(&path).unwrap();
            for sql in &crate::store::schema::MIGRATIONS[..7] {
                db.execute_batch(sql).unwrap();
            }
            db.pragma_update(None, "user_version", 7).unwrap();
            db.execute_batch(
                "INSERT INTO connections (id, provider_id, name, state, next_action, synced_at)
                 VALUES ('oxlin:7', '87', 'Banque', 'ok', 'none', 0);",
            )
            .unwrap();
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(
            crate::store::schema::version(&store.conn).unwrap(),
            crate::store::schema::VERSION
        );
        assert_eq!(store.connections().unwrap().len(), 1);
        assert!(store.finx_links("http://x", "coffre").unwrap().is_empty());
    }
}
