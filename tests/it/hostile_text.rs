//! Bank text that XML cannot carry: a label with U+FFFE (or another noncharacter, or a C0
//! control) made the whole OFX export invalid. The sanitiser drops them, so such a label goes
//! through `to_domain`, the store and `coffre export --format ofx` into a file `xmllint` accepts.

use coffre::oxlin::{to_domain, wire};
use coffre::store::Store;

use crate::support::store_sample::{at, bank_batch};
use crate::support::sync_bank::coffre;
use crate::support::tools::tool;

#[tokio::test]
async fn a_label_with_xml_illegal_characters_still_exports_valid_ofx() {
    let wire: wire::Transaction = serde_json::from_str(
        r#"{"id":"t1","account_id":"a1","amount":"-12.30","date":1704412800,
            "label":"CB \ufffe SHOP \uffff\u0001\ufdd0 END","notes":"one\u0002\ntwo\ufffe"}"#,
    )
    .unwrap();
    let domain = to_domain::transaction(&wire);
    assert_eq!(domain.label, "CB SHOP END");

    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("data")).unwrap();
    let mut store = Store::open(&dir.path().join("data/coffre.sqlite")).unwrap();
    let mut batch = bank_batch();
    batch.synced[0].transactions[0] = domain;
    store.apply(&batch, at(1_700_000_100)).unwrap();
    drop(store);

    let file = dir.path().join("export.ofx");
    let out = coffre(
        dir.path(),
        &[
            "export",
            "--format",
            "ofx",
            "--output",
            file.to_str().unwrap(),
        ],
    )
    .await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&file).unwrap();
    let lint = tool("xmllint", "libxml2-utils")
        .arg("--noout")
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        lint.status.success(),
        "xmllint refused the export:\n{}",
        String::from_utf8_lossy(&lint.stderr)
    );
    assert!(text.contains("CB SHOP END"), "{text}");
}

#[test]
fn a_lone_surrogate_escape_never_reaches_the_sanitiser() {
    // `\ud800` cannot become a Rust `String`: serde_json refuses the value (this item only).
    let lone = serde_json::from_str::<wire::Transaction>(
        r#"{"id":"t1","amount":"1.00","label":"A\ud800B"}"#,
    );
    let error = lone.unwrap_err().to_string();
    assert!(error.contains("escape"), "{error}");
}
