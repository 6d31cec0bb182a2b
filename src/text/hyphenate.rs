//! Soft hyphens in long words, for titles and tables of contents on a phone.
//!
//! A Dutch compound (`Samenwerkingsverband`, `Ontwikkelingsperspectiefplan`) can be wider than
//! a 320 px screen. CSS `hyphens: auto` needs a hyphenation dictionary in the browser, which
//! many (Chromium on Linux among them) do not have, so the browser breaks such a word anywhere
//! without a hyphen. A soft hyphen (U+00AD) at each syllable boundary lets every browser break
//! it there, with a visible hyphen, and is invisible otherwise (screen readers and search
//! ignore it). Syllables come from the Dutch TeX patterns (`hypher`).

/// Words of at least this many letters get soft hyphens: shorter ones fit a phone's line.
pub const LONG_WORD: usize = 14;

/// `text` with a soft hyphen between the syllables of every word of [`LONG_WORD`] letters or
/// more; everything else unchanged.
pub fn soft_hyphens(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if word.chars().count() >= LONG_WORD {
            let parts: Vec<&str> = hypher::hyphenate(word, hypher::Lang::Dutch).collect();
            out.push_str(&parts.join("\u{AD}"));
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphabetic() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_words_get_soft_hyphens_at_syllables() {
        let s = soft_hyphens("Samenwerkingsverband Passend Onderwijs, Ontwikkelingsperspectiefplan (OPP)");
        assert_eq!(s.replace('\u{AD}', ""), "Samenwerkingsverband Passend Onderwijs, Ontwikkelingsperspectiefplan (OPP)");
        assert!(s.starts_with("Sa\u{AD}men\u{AD}wer\u{AD}kings\u{AD}ver\u{AD}band "), "{s}");
        assert!(s.contains(" Passend Onderwijs, "), "short words stay whole: {s}");
        assert!(s.contains("plan (OPP)"));
        assert_eq!(soft_hyphens(""), "");
        assert_eq!(soft_hyphens("Coördinatie-overleg"), "Coördinatie-overleg");
    }
}
