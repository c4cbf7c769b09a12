//! Rebuild the crate when a string catalogue under `locales/` changes: `rust_i18n::i18n!`
//! reads those files in a proc macro, whose reads cargo does not track by itself.

fn main() {
    println!("cargo:rerun-if-changed=locales");
}
