//! Names as DUO's register writes them (`OBS DE LINDE`, `'S-HERTOGENBOSCH`, `ALPHEN AAN DEN
//! RIJN`) in the case parents expect on a page (`OBS De Linde`, `'s-Hertogenbosch`, `Alphen aan
//! den Rijn`). Bottom layer: imports nothing of the crate.

/// Abbreviations that stay in capitals although they hold a vowel (a word without vowels, such
/// as `CBS` or `RKBS`, always does): school kinds and levels as schools write them.
const ABBREVIATIONS: &[&str] = &[
    "OBS", "IKC", "ICBS", "SO", "VSO", "SBO", "SBAO", "OSG", "ISK", "VMBO", "HAVO", "VWO", "MAVO", "PRO", "AZC", "BO", "VO", "PO", "ROC", "MBO", "IVO", "OPDC", "KC",
];

/// Words written in lower case inside a name (not as its first word): tussenvoegsels and
/// small words. `de`, `het` and `'t` are not among them: in school names they begin the
/// proper name (`OBS De Linde`, `Het Palet`).
const LOWER: &[&str] = &["van", "der", "den", "en", "op", "aan", "te", "ter", "in", "voor", "bij", "onder", "over", "a/d", "aan't", "uit", "tot"];

/// `text` in normal Dutch case when it is written all in capitals; text with any lower-case
/// letter is left as it is (the author chose its case).
pub fn normal_case(text: &str) -> String {
    if text.chars().any(char::is_lowercase) || !text.chars().any(char::is_uppercase) {
        return text.trim().to_string();
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    words.iter().enumerate().map(|(i, w)| word(w, i == 0)).collect::<Vec<_>>().join(" ")
}

fn word(w: &str, first: bool) -> String {
    // 's-Hertogenbosch, 't Klaverblad: the elided article stays lower case.
    for elided in ["'S-", "'T-", "’S-", "’T-"] {
        if let Some(rest) = w.strip_prefix(elided) {
            return format!("{}-{}", elided[..elided.len() - 1].to_lowercase(), word(rest, false));
        }
    }
    if matches!(w, "'T" | "'S" | "’T" | "’S") {
        return w.to_lowercase();
    }
    if w.contains('-') {
        return w.split('-').enumerate().map(|(i, part)| word(part, first && i == 0)).collect::<Vec<_>>().join("-");
    }
    let letters: String = w.chars().filter(|c| c.is_alphabetic()).collect();
    let vowels = letters.chars().any(|c| "AEIOUYÄËÏÖÜÉÈÁÀÓÒÚ".contains(c));
    if ABBREVIATIONS.contains(&letters.as_str()) && letters.len() == w.trim_matches(|c: char| !c.is_alphabetic()).len() || (!vowels && letters.chars().count() >= 2) || is_roman(&letters) {
        return w.to_string();
    }
    let lower = w.to_lowercase();
    if !first && LOWER.contains(&lower.as_str()) {
        return lower;
    }
    capitalise(&lower)
}

/// Upper-case the first letter, and the J of a leading IJ (`IJsselmonde`).
fn capitalise(lower: &str) -> String {
    let lead = lower.len() - lower.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
    let (prefix, rest) = lower.split_at(lead);
    if let Some(after) = rest.strip_prefix("ij") {
        return format!("{prefix}IJ{after}");
    }
    let mut chars = rest.chars();
    match chars.next() {
        Some(c) => format!("{prefix}{}{}", c.to_uppercase(), chars.as_str()),
        None => lower.to_string(),
    }
}

/// Roman numerals of a name (`WILLEM II`, `KONING WILLEM III`), not words such as `MIX`.
fn is_roman(letters: &str) -> bool {
    matches!(letters, "II" | "III" | "IV" | "VI" | "VII" | "VIII" | "IX" | "XI" | "XII")
}

#[cfg(test)]
mod tests {
    use super::normal_case;

    #[test]
    fn capitals_become_normal_dutch_case() {
        assert_eq!(normal_case("OBS DE LINDE"), "OBS De Linde");
        assert_eq!(normal_case("RKBS SINT-JOZEF"), "RKBS Sint-Jozef");
        assert_eq!(normal_case("'S-HERTOGENBOSCH"), "'s-Hertogenbosch");
        assert_eq!(normal_case("ALPHEN AAN DEN RIJN"), "Alphen aan den Rijn");
        assert_eq!(normal_case("BERGEN OP ZOOM"), "Bergen op Zoom");
        assert_eq!(normal_case("DEN HAAG"), "Den Haag");
        assert_eq!(normal_case("IJSSELMONDE"), "IJsselmonde");
        assert_eq!(normal_case("BASISSCHOOL 'T KLAVERBLAD"), "Basisschool 't Klaverblad");
        assert_eq!(normal_case("CBS WILLEM II"), "CBS Willem II");
        assert_eq!(normal_case("SBO DE WERF (LOCATIE NOORD)"), "SBO De Werf (Locatie Noord)");
        assert_eq!(normal_case("SCHOLENGEMEENSCHAP VOOR VWO HAVO EN VMBO"), "Scholengemeenschap voor VWO HAVO en VMBO");
        assert_eq!(normal_case("KINDCENTRUM DE VAN GOGH"), "Kindcentrum De van Gogh");
    }

    #[test]
    fn text_with_lower_case_is_left_alone() {
        assert_eq!(normal_case("OBS de Linde"), "OBS de Linde");
        assert_eq!(normal_case("  Rietmeer "), "Rietmeer");
        assert_eq!(normal_case("1234"), "1234");
    }
}
