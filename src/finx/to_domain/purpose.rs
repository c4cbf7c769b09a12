//! The SEPA purpose (`Verwendungszweck`) as a person reads it. German banks send the
//! remittance text with its SEPA tags: `EREF+5B5U3FFS MREF+xJbw CRED+… SVWZ+Order 123`; the
//! part a person wrote is the one after `SVWZ+` (finX also sends it alone, as
//! `sepa_remittance_info`).
//!
//! Docs gap (ours): a tag is one of [`TAGS`] followed by `+`, at the start of the text or after
//! whitespace; the `SVWZ+` text runs to the next tag. A purpose with tags but no `SVWZ+` has no
//! remittance text; a purpose without tags is all remittance text.

/// The SEPA tags of the DFÜ agreement (annex 3) that a purpose may carry.
pub const TAGS: [&str; 13] = [
    "EREF", "KREF", "MREF", "CRED", "DEBT", "SVWZ", "ABWA", "ABWE", "IBAN", "BIC", "COAM", "OAMT",
    "SQTP",
];

/// Where each tag of `purpose` starts: (byte offset of the tag, tag).
fn tags(purpose: &str) -> Vec<(usize, &'static str)> {
    let mut found = Vec::new();
    for (at, _) in purpose.char_indices() {
        let starts_word = at == 0 || purpose[..at].ends_with(char::is_whitespace);
        if !starts_word {
            continue;
        }
        if let Some(tag) = TAGS
            .iter()
            .find(|t| purpose[at..].starts_with(*t) && purpose[at + t.len()..].starts_with('+'))
        {
            found.push((at, *tag));
        }
    }
    found
}

/// The remittance text of `purpose`: its `SVWZ+` part, or all of it when it has no tag;
/// `None` when there is nothing to read.
pub fn remittance(purpose: &str) -> Option<String> {
    let found = tags(purpose);
    let text = if found.is_empty() {
        purpose
    } else {
        let index = found.iter().position(|(_, tag)| *tag == "SVWZ")?;
        let start = found[index].0 + "SVWZ+".len();
        let end = found.get(index + 1).map_or(purpose.len(), |(at, _)| *at);
        &purpose[start..end]
    };
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_svwz_part_is_what_the_person_wrote() {
        assert_eq!(
            remittance("EREF+5B5U3FFS MREF+xJbw SVWZ+Order 123").as_deref(),
            Some("Order 123")
        );
        assert_eq!(
            remittance("EREF+NOTPROVIDED SVWZ+Miete März 2024 ABWA+Hausverwaltung Müller")
                .as_deref(),
            Some("Miete März 2024")
        );
    }

    #[test]
    fn a_purpose_without_tags_is_all_text_and_tags_without_svwz_have_none() {
        assert_eq!(
            remittance(" Gehalt 03/2024 ").as_deref(),
            Some("Gehalt 03/2024")
        );
        assert_eq!(remittance("EREF+123 MREF+M-9"), None);
        assert_eq!(remittance("SVWZ+"), None);
        assert_eq!(remittance(""), None);
    }

    #[test]
    fn a_tag_inside_a_word_is_text() {
        assert_eq!(
            remittance("SVWZ+Kauf XEREF+1 bei Rewe").as_deref(),
            Some("Kauf XEREF+1 bei Rewe")
        );
    }

    proptest! {
        #[test]
        fn any_purpose_is_read_without_panic(text in "((EREF|SVWZ|MREF|[a-zä ]{0,3})\\+?.{0,6}){0,8}") {
            if let Some(read) = remittance(&text) {
                prop_assert!(!read.is_empty() && text.contains(&read));
            }
        }
    }
}
