//! Joining one line onto the one before it, used by the footnote and paragraph passes: with a
//! space, or without one where the line ends in hyphenation or a URL broken across lines.
//!
//! Why: a PDF hyphenates words at the line end (`onder-`/`steuning`), and in Dutch a hyphen at
//! the line end may also belong to the word (`vmbo-`/`kader`, `sociaal-`/`emotioneel`).
//! Extraction keeps both the same way, so the document's own words decide ([`DocumentWords`]: does
//! `ondersteuning` or `vmbo-kader` occur elsewhere?); a soft hyphen is certain; guesses are
//! reported as warnings.

use super::lines::Line;
use std::collections::HashSet;

/// Words of the document itself, to decide whether a hyphen at a line end is hyphenation
/// (`onder-`/`steuning`: `ondersteuning` occurs elsewhere) or part of the word (`vmbo-`/`kader`).
pub(super) struct DocumentWords {
    words: HashSet<String>,
    hyphenated: HashSet<String>,
    prefixes: HashSet<String>,
}

impl DocumentWords {
    pub(super) fn build(lines: &[Line]) -> DocumentWords {
        let mut v = DocumentWords { words: HashSet::new(), hyphenated: HashSet::new(), prefixes: HashSet::new() };
        let mut prev_hyphen = false;
        for l in lines.iter().filter(|l| !l.text.is_empty()) {
            let tokens: Vec<&str> = l.text.split_whitespace().collect();
            let this_hyphen = l.text.ends_with('-');
            for (k, tok) in tokens.iter().enumerate() {
                if (k + 1 == tokens.len() && this_hyphen) || (k == 0 && prev_hyphen) {
                    continue;
                }
                let w = tok.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
                if w.is_empty() {
                    continue;
                }
                if w.contains('-') {
                    let parts: Vec<&str> = w.split('-').collect();
                    for (p, part) in parts.iter().enumerate() {
                        if part.is_empty() {
                            continue;
                        }
                        v.words.insert(part.to_string());
                        if p + 1 < parts.len() {
                            v.prefixes.insert(part.to_string());
                        }
                    }
                    v.hyphenated.insert(w);
                } else {
                    v.words.insert(w);
                }
            }
            prev_hyphen = this_hyphen;
        }
        v
    }
}

pub(super) struct Joiner {
    pub(super) words: DocumentWords,
    pub(super) joined: usize,
    pub(super) kept: usize,
    pub(super) warnings: Vec<(usize, String)>,
    /// The line being joined onto ended in a soft hyphen.
    pub(super) soft: bool,
}

fn is_url_token(t: &str) -> bool {
    let t = t.trim_start_matches(['(', '<']);
    t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www.")
}

impl Joiner {
    /// `a` followed by line `b` (input line `line`): with a space, or without one when `a` ends
    /// in hyphenation or a URL breaks across the lines.
    pub(super) fn join(&mut self, a: &str, b: &str, line: usize) -> String {
        let soft = std::mem::take(&mut self.soft);
        if a.is_empty() {
            return b.to_string();
        }
        let last_tok = a.rsplit(' ').next().unwrap_or("");
        let b_first = b.split(' ').next().unwrap_or("");
        if let Some(stem) = a.strip_suffix('-') {
            if is_url_token(last_tok) || stem.is_empty() || stem.ends_with(' ') {
                return format!("{a}{b}");
            }
            if !stem.chars().next_back().is_some_and(char::is_alphabetic) {
                return format!("{a}{b}");
            }
            let conj = b_first.trim_end_matches([',', ';', ':']);
            if matches!(conj, "en" | "of" | "tot" | "t/m" | "noch" | "en/of") {
                self.kept += 1;
                return format!("{a} {b}");
            }
            let right: String = b_first.chars().take_while(|c| c.is_alphabetic()).collect();
            if right.is_empty() || !b.starts_with(|c: char| c.is_lowercase()) {
                self.kept += 1;
                return format!("{a}{b}");
            }
            let left: String = {
                let rev: Vec<char> = stem.chars().rev().take_while(|c| c.is_alphabetic()).collect();
                rev.into_iter().rev().collect()
            };
            let (l, r) = (left.to_lowercase(), right.to_lowercase());
            let vowel = |c: Option<char>| c.is_some_and(|c| "aeiouy".contains(c));
            let (keep, sure) = if soft || self.words.words.contains(&format!("{l}{r}")) {
                (false, true)
            } else if self.words.hyphenated.contains(&format!("{l}-{r}")) || self.words.prefixes.contains(&l) {
                (true, true)
            } else if l.ends_with('s') && l.len() > 4 && self.words.words.contains(&l[..l.len() - 1]) {
                // `tevredenheids-`: a linking s joins a compound without a hyphen.
                (false, false)
            } else if (r.chars().count() >= 4 && l.chars().count() >= 3 && self.words.words.contains(&r)) || (vowel(l.chars().next_back()) && vowel(r.chars().next())) {
                // Two words of their own (`sociaal-emotioneel`), or vowels that would clash.
                (true, false)
            } else {
                (false, false)
            };
            let result = if keep { format!("{a}{b}") } else { format!("{stem}{b}") };
            if keep {
                self.kept += 1;
            } else {
                self.joined += 1;
            }
            if !sure {
                let word: String = if keep { format!("{left}-{right}") } else { format!("{left}{right}") };
                self.warnings.push((line, format!("afgebroken woord '{left}-' + '{right}' samengevoegd tot '{word}' (onzeker)")));
            }
            return result;
        }
        if is_url_token(last_tok) && !b_first.is_empty() && (b_first.contains('/') || b_first.ends_with(".pdf") || b_first.ends_with(".html")) && !b_first.starts_with(|c: char| c.is_uppercase()) {
            return format!("{a}{b}");
        }
        format!("{a} {b}")
    }
}
