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
fn a_token_kept_elsewhere_leaves_only_its_place_in_the_row_and_a_deleted_link_is_gone() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("s.sqlite")).unwrap();
    let link = owner("L1");
    store
        .keep_finx_token(&link, &SecretString::from("rt-1"), at(0))
        .unwrap();
    store
        .keep_finx_token_elsewhere(&link, "keyring finx L1", at(60))
        .unwrap();
    let row = store.finx_link(&link).unwrap().unwrap();
    assert_eq!(row.place.as_deref(), Some("keyring finx L1"));
    assert_eq!(row.refresh_token.expose_secret(), "");
    assert_eq!(row.refreshed_at, Some(at(60)));
    assert!(store.finx_refresh_token(&link).unwrap().is_none());

    store
        .keep_finx_token(&link, &SecretString::from("rt-2"), at(120))
        .unwrap();
    assert_eq!(store.finx_link(&link).unwrap().unwrap().place, None);
    let gone = store.delete_finx_link(&link).unwrap().unwrap();
    assert_eq!(gone.refresh_token.expose_secret(), "rt-2");
    assert!(store.finx_link(&link).unwrap().is_none());
    assert!(store.delete_finx_link(&link).unwrap().is_none());
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
