//! The plain-language (B1) check of `passend check`: texts parents read first (every
//! `samenvatting`, the steunpunt pages including the page for jongeren) are measured with the
//! Flesch-Douma readability score (the Dutch adaptation of Flesch reading ease) and per
//! sentence for length and very long words. Thresholds live in `passend.toml` under
//! `[eenvoudige_taal]`. Findings are warnings (errors with `--strict`) at the sentence's line.

use crate::diagnostics::{Diagnostics, Position};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    /// Sentences with more words than this are too long for B1 readers.
    #[serde(default = "default_sentence")]
    pub max_woorden_per_zin: usize,
    /// Words with more syllables than this are hard (long compounds, jargon).
    #[serde(default = "default_syllables")]
    pub max_lettergrepen_per_woord: usize,
    /// Texts scoring below this Flesch-Douma score are too hard (60-70: plain, B1).
    #[serde(default = "default_score")]
    pub min_flesch_douma: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds { max_woorden_per_zin: default_sentence(), max_lettergrepen_per_woord: default_syllables(), min_flesch_douma: default_score() }
    }
}

fn default_sentence() -> usize {
    20
}
fn default_syllables() -> usize {
    7
}
fn default_score() -> f64 {
    50.0
}

/// A sentence with the line it starts on.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    pub text: String,
    pub line: usize,
}

/// Syllables of a Dutch word, counted as groups of vowels (`ij` counts as a vowel).
pub fn syllables(word: &str) -> usize {
    let lower = crate::text::fold(word).replace("ij", "y");
    let mut count = 0;
    let mut in_vowel = false;
    for c in lower.chars() {
        let vowel = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
        if vowel && !in_vowel {
            count += 1;
        }
        in_vowel = vowel;
    }
    count.max(usize::from(word.chars().any(char::is_alphabetic)))
}

fn words(sentence: &str) -> Vec<&str> {
    sentence.split(|c: char| c.is_whitespace() || c == '/').map(|w| w.trim_matches(|c: char| !c.is_alphanumeric())).filter(|w| w.chars().any(char::is_alphabetic)).collect()
}

/// Flesch-Douma: 206.835 - 0.93 * (words per sentence) - 77 * (syllables per word).
pub fn flesch_douma(sentences: &[Sentence]) -> f64 {
    let all: Vec<&str> = sentences.iter().flat_map(|s| words(&s.text)).collect();
    if all.is_empty() || sentences.is_empty() {
        return 100.0;
    }
    let syll: usize = all.iter().map(|w| syllables(w)).sum();
    206.835 - 0.93 * (all.len() as f64 / sentences.len() as f64) - 77.0 * (syll as f64 / all.len() as f64)
}

/// Strip inline Markdown: `[text](url)` -> `text`, emphasis marks, heading marks.
fn plain(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line.trim_start_matches(['#', '>', ' ', '-', '*']).trim_start();
    // Numbered list items: "1. "
    if let Some(i) = rest.find(". ") {
        if i > 0 && rest[..i].chars().all(|c| c.is_ascii_digit()) {
            rest = &rest[i + 2..];
        }
    }
    while let Some(i) = rest.find("](") {
        let before = &rest[..i];
        out.push_str(&before.replace('[', ""));
        rest = &rest[i + 2..];
        rest = &rest[rest.find(')').map(|j| j + 1).unwrap_or(rest.len())..];
    }
    out.push_str(rest);
    out.replace(['*', '_', '`'], "").replace(" {#", " ").replace('}', "")
}

/// Sentences of a Markdown text (body or single field) with their lines, starting at `first_line`.
/// Headings, tables, code blocks and front matter are not prose and are skipped.
pub fn sentences(text: &str, first_line: usize) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut start_line = first_line;
    let mut in_code = false;
    for (i, raw) in text.lines().enumerate() {
        let line_no = first_line + i;
        let trimmed = raw.trim();
        if trimmed.starts_with("```") {
            in_code = !in_code;
            continue;
        }
        let structural = in_code || trimmed.starts_with('|') || trimmed.starts_with('#') || trimmed.starts_with("[^") || trimmed.starts_with("Tabel");
        if trimmed.is_empty() || structural || trimmed.starts_with("- ") || trimmed.starts_with("* ") || trimmed.chars().next().is_some_and(|c| c.is_ascii_digit()) && trimmed.contains(". ") {
            // A list item or a blank line ends the running sentence; list items are sentences of their own.
            flush(&mut current, start_line, &mut out);
            if structural || trimmed.is_empty() {
                continue;
            }
        }
        let text = plain(trimmed);
        if current.is_empty() {
            start_line = line_no;
        }
        for ch in text.chars() {
            current.push(ch);
            if matches!(ch, '.' | '!' | '?') {
                flush(&mut current, start_line, &mut out);
                start_line = line_no;
            }
        }
        current.push(' ');
    }
    flush(&mut current, start_line, &mut out);
    out
}

fn flush(current: &mut String, line: usize, out: &mut Vec<Sentence>) {
    let text = current.trim().to_string();
    current.clear();
    if words(&text).len() >= 2 {
        out.push(Sentence { text, line });
    }
}

/// Check one text; `what` names it in messages ("de samenvatting", "deze pagina").
pub fn check(rel: &str, what: &str, sentences: &[Sentence], t: &Thresholds, diags: &mut Diagnostics) {
    if sentences.is_empty() {
        return;
    }
    for s in sentences {
        let ws = words(&s.text);
        let long_word = ws.iter().find(|w| syllables(w) > t.max_lettergrepen_per_woord);
        if ws.len() > t.max_woorden_per_zin {
            diags.warning(
                rel,
                Position { line: s.line, column: 1 },
                format!("zin van {} woorden is te lang voor taalniveau B1 (max {}): \"{}\"", ws.len(), t.max_woorden_per_zin, shorten(&s.text)),
                "splits de zin in twee of drie korte zinnen",
            );
        } else if let Some(w) = long_word {
            diags.warning(rel, Position { line: s.line, column: 1 }, format!("het woord \"{w}\" is lang en moeilijk ({} lettergrepen)", syllables(w)), "gebruik een korter of bekender woord, of leg het uit");
        }
    }
    let score = flesch_douma(sentences);
    if score < t.min_flesch_douma {
        let worst = sentences.iter().max_by_key(|s| words(&s.text).len()).expect("non-empty");
        diags.warning(
            rel,
            Position { line: worst.line, column: 1 },
            format!("{what} is moeilijk leesbaar: Flesch-Douma {score:.0} (minimaal {:.0} voor B1); de langste zin staat hier", t.min_flesch_douma),
            "gebruik kortere zinnen en kortere, bekende woorden",
        );
    }
}

fn shorten(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() <= 12 {
        s.to_string()
    } else {
        format!("{} ...", words[..12].join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_dutch_syllables() {
        assert_eq!(syllables("school"), 1);
        assert_eq!(syllables("ondersteuning"), 4);
        assert_eq!(syllables("blijven"), 2);
        assert_eq!(syllables("toelaatbaarheidsverklaring"), 7);
    }

    #[test]
    fn splits_sentences_with_lines_and_skips_tables() {
        let text = "Eerste zin is kort. Tweede\nzin loopt door.\n\n| a | b |\n\n## Kop\n\n- Een punt in een lijst\n";
        let s = sentences(text, 10);
        assert_eq!(s.iter().map(|x| (x.text.as_str(), x.line)).collect::<Vec<_>>(), [("Eerste zin is kort.", 10), ("Tweede zin loopt door.", 10), ("Een punt in een lijst", 17)]);
    }

    #[test]
    fn flags_a_long_sentence_and_passes_a_plain_one() {
        let t = Thresholds::default();
        let mut d = Diagnostics::new();
        check("a.md", "de tekst", &sentences("Uw kind krijgt hulp. Wij bellen u snel terug.", 1), &t, &mut d);
        assert!(d.is_empty(), "{}", d.to_text());
        let long = "Het samenwerkingsverband draagt in samenspraak met de schoolbesturen en gemeenten zorg voor een dekkend netwerk van voorzieningen waarbij de toelaatbaarheidsverklaringsprocedure wordt geharmoniseerd.";
        check("a.md", "de tekst", &sentences(long, 4), &t, &mut d);
        assert!(d.to_text().contains("a.md:4:1: waarschuwing: zin van 22 woorden is te lang"), "{}", d.to_text());
        assert!(d.to_text().contains("Flesch-Douma"));
    }
}
