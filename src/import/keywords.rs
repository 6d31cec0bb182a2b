//! Keyword suggestions: which legal elements (`wettelijke_onderdelen`) and OOGO themes (`oogo`)
//! a chapter seems to be about, from the `trefwoorden` of those vocabularies
//! (`src/vocabularies.toml`).
//!
//! Why: a plan's chapters follow the SWV's own structure, not the list of legally required
//! elements, and an imported chapter has no front matter at all. A suggestion from keywords
//! gives the author a start that `passend check` can then verify; the front matter marks it as
//! a suggestion to check.

use super::paragraphs::Block;
use super::shape::words;
use crate::config::Vocabulary;

/// The words of the blocks, for keyword suggestions.
pub(super) fn plain_text(blocks: &[Block]) -> String {
    let mut s = String::new();
    for b in blocks {
        match b {
            Block::Heading(_, t) | Block::Para(t) | Block::Bullet(_, t) | Block::Numbered(_, _, t) => {
                s.push_str(t);
                s.push('\n');
            }
            Block::Table(rows) => {
                for r in rows {
                    s.push_str(r);
                    s.push('\n');
                }
            }
            Block::Grid(rows) => {
                for r in rows {
                    s.push_str(&r.join(" "));
                    s.push('\n');
                }
            }
            Block::Chapter(..) | Block::Image(..) => {}
        }
    }
    s
}

/// Keys of the terms of `vocabulary` whose `trefwoorden` occur often enough in `text`, in
/// vocabulary order. Keywords of four bytes or fewer count as whole words only (`tlv`, `sbo`);
/// longer ones also inside words (`thuiszit` in `thuiszitters`). `minimaal` hits are needed per
/// 800 words of text, and at least one of `ook` when it is given.
pub(super) fn suggest(text: &str, vocabulary: &Vocabulary) -> Vec<String> {
    let lower = text.to_lowercase();
    // A long chapter mentions many things in passing: ask for more hits per 800 words.
    let scale = (words(text) as f64 / 800.0).max(1.0);
    let count = |kw: &str| -> usize {
        if kw.len() <= 4 {
            lower.split(|c: char| !c.is_alphanumeric()).filter(|w| *w == kw).count()
        } else {
            lower.matches(kw).count()
        }
    };
    vocabulary
        .iter()
        .filter(|term| {
            let Some(kw) = &term.trefwoorden else { return false };
            let needed = (kw.minimaal as f64 * scale).ceil() as usize;
            kw.woorden.iter().map(|k| count(k)).sum::<usize>() >= needed && (kw.ook.is_empty() || kw.ook.iter().any(|k| count(k) > 0))
        })
        .map(|term| term.key.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Vocabularies;

    #[test]
    fn every_legal_element_and_oogo_theme_has_keywords() {
        let v = Vocabularies::defaults();
        for term in v.wettelijk_onderdeel.iter().chain(v.oogo_thema.iter()) {
            let kw = term.trefwoorden.as_ref().unwrap_or_else(|| panic!("{} has no trefwoorden", term.key));
            assert!(!kw.woorden.is_empty() && kw.minimaal >= 1, "{}", term.key);
            assert!(kw.woorden.iter().chain(&kw.ook).all(|w| *w == w.to_lowercase()), "{}: keywords are lowercase", term.key);
        }
    }

    #[test]
    fn suggestions_follow_the_keywords_in_vocabulary_order() {
        let v = Vocabularies::defaults();
        let text = "De TLV wordt aangevraagd. Een toelaatbaarheidsverklaring geldt twee jaar. Ouders krijgen informatie van het steunpunt; ouders beslissen mee.";
        assert_eq!(suggest(text, &v.wettelijk_onderdeel), ["toelaatbaarheid", "informatie-ouders"]);
        assert_eq!(suggest("De tlvs en het tlv-formulier", &v.wettelijk_onderdeel), Vec::<String>::new(), "tlv counts only as a whole word, once here");
        assert_eq!(suggest("Ouders, ouders en ouders", &v.oogo_thema), Vec::<String>::new(), "ouders needs one of its `ook` words");
    }
}
