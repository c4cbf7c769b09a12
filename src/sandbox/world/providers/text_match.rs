//! Case- and accent-insensitive matching of provider names ("credit agricole" finds
//! "Crédit Agricole", "societe" finds "Société Générale", "strasse" finds "Straße").

/// Lower-cases `text` and folds the accented Latin letters of European bank names to ASCII.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => out.push('a'),
            'ç' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' => out.push('i'),
            'ñ' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            'ß' => out.push_str("ss"),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            '’' => out.push('\''),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn accents_and_case_are_folded() {
        assert_eq!(fold(" Crédit Agricole "), "credit agricole");
        assert_eq!(fold("SOCIÉTÉ GÉNÉRALE"), "societe generale");
        assert_eq!(fold("Caisse d’Épargne"), "caisse d'epargne");
        assert_eq!(fold("Straße"), "strasse");
    }
}
