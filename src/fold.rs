//! Accent folding: the accented Latin letters of French and its neighbours to ASCII (`é` → `e`,
//! `œ` → `oe`, `ß` → `ss`), other characters kept as they are. Used where text must match or
//! name things whatever its accents: the transactions search (`pret` finds `Prêt`, folded once
//! per row when rows are loaded) and ledger/beancount account names.
//!
//! A table rather than Unicode decomposition: it covers the letters banks write, needs no
//! normalisation tables, and keeps one character's fold stable across Unicode versions.

/// `text` with accented Latin letters folded to ASCII; `Cow`-like: ASCII text is copied as is.
pub fn fold_accents(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_folded(&mut out, text);
    out
}

/// Appends `text`, accents folded, to `out`.
pub fn push_folded(out: &mut String, text: &str) {
    if text.is_ascii() {
        out.push_str(text);
        return;
    }
    for c in text.chars() {
        match folded(c) {
            Some(ascii) => out.push_str(ascii),
            None => out.push(c),
        }
    }
}

/// The ASCII spelling of one accented Latin letter.
fn folded(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' => "a",
        'À' | 'Â' | 'Ä' | 'Á' | 'Ã' | 'Å' => "A",
        'ç' => "c",
        'Ç' => "C",
        'é' | 'è' | 'ê' | 'ë' => "e",
        'É' | 'È' | 'Ê' | 'Ë' => "E",
        'î' | 'ï' | 'í' | 'ì' => "i",
        'Î' | 'Ï' | 'Í' | 'Ì' => "I",
        'ô' | 'ö' | 'ó' | 'ò' | 'õ' | 'ø' => "o",
        'Ô' | 'Ö' | 'Ó' | 'Ò' | 'Õ' | 'Ø' => "O",
        'ù' | 'û' | 'ü' | 'ú' => "u",
        'Ù' | 'Û' | 'Ü' | 'Ú' => "U",
        'ÿ' | 'ý' => "y",
        'ñ' => "n",
        'Ñ' => "N",
        'œ' => "oe",
        'Œ' => "Oe",
        'æ' => "ae",
        'Æ' => "Ae",
        'ß' => "ss",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_fold_to_ascii_and_the_rest_is_kept() {
        assert_eq!(fold_accents("Prêt Épargne cœur"), "Pret Epargne coeur");
        assert_eq!(fold_accents("plain"), "plain");
        assert_eq!(fold_accents("日本 €"), "日本 €");
    }
}
