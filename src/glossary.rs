//! Begrippen in context: the first use of a term from `content/data/begrippen.toml` on a
//! chapter, steunpunt or school page links to its entry on /begrippen/, with the short
//! definition available to screen readers (aria-describedby) and shown on hover and focus.
//!
//! It works on the rendered HTML of the page's `<main>`, so Markdown bodies and TOML text
//! (school explanations) are treated alike; text inside links, headings, code, buttons, labels,
//! summaries and navigation is left alone.

use crate::data::Begrip;
use crate::text::escape_html;

/// Elements whose text is never turned into a term link.
const SKIP: &[&str] = &["a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "button", "label", "summary", "nav", "script", "select", "option", "textarea", "dt", "caption", "th", "figure", "figcaption", "svg"];

/// Classes of the theme's labels (the PO/VO label of a chapter, badges): a term link inside
/// one would be a link in coloured text that is not a link's colour (a contrast failure) and a
/// label is no place to explain a word.
const LABEL_CLASSES: &[&str] = &["sector-label", "badge"];

/// Whether an opening tag has one of [`LABEL_CLASSES`].
fn is_label(tag: &str) -> bool {
    let Some(at) = tag.find("class=\"") else { return false };
    let classes = tag[at + 7..].split('"').next().unwrap_or("");
    classes.split_whitespace().any(|c| LABEL_CLASSES.contains(&c))
}

/// One word that links a begrip: its term, a synonym or its full form.
struct Pattern {
    /// Length in bytes of the word as written (and of its lowercase form where `!exact`).
    len: usize,
    /// Index into [`TermLinker::terms`].
    term: usize,
}

/// What a term link needs of its begrip, prepared once per build.
struct Term {
    /// Index of the begrip's id among the distinct ids: a page links each id once.
    group: usize,
    href: String,
    id: String,
    /// The short definition, HTML-escaped.
    kort: String,
}

/// Links the first use of each begrip on a page. Built once per build: one Aho–Corasick
/// automaton over every word of every begrip (exact forms on the text as written, the others
/// on its lowercase form), run over the page's text nodes only; this replaced a substring
/// search per word per text node, which was most of a national build's time (issue 18).
pub struct TermLinker {
    terms: Vec<Term>,
    groups: usize,
    /// Longer words first, so "extra ondersteuning" wins over "ondersteuning"; a pattern's
    /// index is its rank when two start at the same place with the same length.
    patterns: Vec<Pattern>,
    exact: Option<Automaton>,
    folded: Option<Automaton>,
}

/// An automaton and, per needle it knows, the patterns (indexes into `patterns`) spelled so.
struct Automaton {
    ac: aho_corasick::AhoCorasick,
    patterns: Vec<Vec<usize>>,
}

impl Automaton {
    fn new(needles: Vec<(String, usize)>) -> Option<Automaton> {
        let mut words: Vec<String> = Vec::new();
        let mut patterns: Vec<Vec<usize>> = Vec::new();
        let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for (word, p) in needles {
            if word.is_empty() {
                continue;
            }
            let at = *seen.entry(word.clone()).or_insert_with(|| {
                words.push(word);
                patterns.push(Vec::new());
                patterns.len() - 1
            });
            patterns[at].push(p);
        }
        if words.is_empty() {
            return None;
        }
        let ac = aho_corasick::AhoCorasick::new(&words).expect("begrippen fit in an automaton");
        Some(Automaton { ac, patterns })
    }
}

impl TermLinker {
    pub fn new(begrippen: &[Begrip]) -> TermLinker {
        let mut ids: Vec<&str> = Vec::new();
        let mut terms = Vec::new();
        let mut words: Vec<(String, bool, usize)> = Vec::new();
        for b in begrippen {
            let group = ids.iter().position(|i| *i == b.id).unwrap_or_else(|| {
                ids.push(&b.id);
                ids.len() - 1
            });
            terms.push(Term { group, href: crate::url::begrip(&b.id), id: b.id.clone(), kort: escape_html(&b.kort) });
            for word in std::iter::once(&b.term).chain(&b.synoniemen).chain(b.volledig.iter()) {
                words.push((word.clone(), word.chars().count() <= 4, terms.len() - 1));
            }
        }
        // The order of the former per-word search: longer words first, then alphabetical;
        // stable, so equal words keep the order of the begrippenlijst.
        words.sort_by(|a, b| b.0.chars().count().cmp(&a.0.chars().count()).then(a.0.cmp(&b.0)));
        let patterns: Vec<Pattern> = words.iter().map(|(w, _, term)| Pattern { len: w.len(), term: *term }).collect();
        // Short forms (TLV, so, OPP) only match exactly as written; longer words ignore case.
        let exact = Automaton::new(words.iter().enumerate().filter(|(_, w)| w.1).map(|(i, w)| (w.0.clone(), i)).collect());
        // A word whose lowercase form has another length can never match the lowercase text
        // (the text is only searched that way when lowercasing keeps its length).
        let folded = Automaton::new(words.iter().enumerate().filter(|(_, w)| !w.1).map(|(i, w)| (w.0.to_lowercase(), i)).filter(|(l, i)| l.len() == patterns[*i].len).collect());
        TermLinker { terms, groups: ids.len(), patterns, exact, folded }
    }

    /// Link the first use of each term inside `<main>` of `html`.
    pub fn link(&self, html: &str) -> String {
        let (Some(main_start), Some(main_end)) = (html.find("<main"), html.rfind("</main>")) else { return html.to_string() };
        if self.patterns.is_empty() || main_end < main_start {
            return html.to_string();
        }
        let mut linked = vec![false; self.groups];
        let mut out = String::with_capacity(html.len() + 4096);
        out.push_str(&html[..main_start]);
        let main = &html[main_start..main_end];
        let mut skip_depth: Vec<&str> = Vec::new();
        let mut rest = main;
        while !rest.is_empty() {
            if rest.starts_with('<') {
                let end = rest.find('>').map(|i| i + 1).unwrap_or(rest.len());
                let tag = &rest[..end];
                let after = tag.trim_start_matches(['<', '/']);
                let name = &after[..after.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(after.len())];
                let closing = tag.starts_with("</");
                let label = !closing && is_label(tag);
                if (SKIP.iter().any(|s| s.eq_ignore_ascii_case(name)) || label) && !tag.ends_with("/>") && !closing {
                    skip_depth.push(name);
                } else if closing {
                    if let Some(pos) = skip_depth.iter().rposition(|n| n.eq_ignore_ascii_case(name)) {
                        skip_depth.truncate(pos);
                    }
                }
                out.push_str(tag);
                rest = &rest[end..];
                continue;
            }
            let end = rest.find('<').unwrap_or(rest.len());
            let text = &rest[..end];
            rest = &rest[end..];
            if !skip_depth.is_empty() || text.trim().is_empty() {
                out.push_str(text);
                continue;
            }
            self.link_in_text(text, &mut linked, &mut out);
        }
        out.push_str(&html[main_end..]);
        out
    }

    /// Link terms in one text node; `linked` holds the begrippen already linked on this page.
    /// Each round links the earliest whole-word match (the longest, then the highest ranked,
    /// where several start there) of a begrip not yet linked, then goes on after it.
    ///
    /// Linear in the text: it is lowercased once, and a round stops reading matches once no
    /// later one can start at or before the best so far (a 30 MB chapter is one text node).
    fn link_in_text(&self, text: &str, linked: &mut [bool], out: &mut String) {
        // Lowercased per character, so that offsets agree with the text where every character
        // keeps its byte length (Dutch text does); elsewhere match case-sensitively only.
        let lowered: String = text.chars().flat_map(char::to_lowercase).collect();
        let lower_ok = lowered.len() == text.len() && text.chars().all(|c| c.to_lowercase().map(char::len_utf8).sum::<usize>() == c.len_utf8());
        let longest = self.patterns.iter().map(|p| p.len).max().unwrap_or(0);
        let mut rest = text;
        loop {
            let lower = &lowered[text.len() - rest.len()..];
            let mut best: Option<(usize, std::cmp::Reverse<usize>, usize)> = None;
            let mut consider = |automaton: &Option<Automaton>, haystack: &str| {
                let Some(a) = automaton else { return };
                // Overlapping matches come by end position: once one ends beyond the best
                // start plus the longest word, none after it can start earlier.
                for m in a.ac.find_overlapping_iter(haystack) {
                    let (start, end) = (m.start(), m.end());
                    if best.is_some_and(|b| end > b.0 + longest) {
                        break;
                    }
                    let candidates = a.patterns[m.pattern().as_usize()].iter().filter(|&&p| !linked[self.terms[self.patterns[p].term].group]);
                    let Some(&p) = candidates.min() else { continue };
                    let before_ok = haystack[..start].chars().next_back().is_none_or(|c| !is_word_char(c));
                    let after_ok = haystack[end..].chars().next().is_none_or(|c| !is_word_char(c));
                    if before_ok && after_ok && !in_entity(haystack, start) {
                        let key = (start, std::cmp::Reverse(end - start), p);
                        if best.is_none_or(|b| key < b) {
                            best = Some(key);
                        }
                    }
                }
            };
            consider(&self.exact, rest);
            if lower_ok {
                consider(&self.folded, lower);
            }
            let Some((pos, _, p)) = best else { break };
            let end = pos + self.patterns[p].len;
            let term = &self.terms[self.patterns[p].term];
            linked[term.group] = true;
            out.push_str(&rest[..pos]);
            out.push_str("<a class=\"begrip\" href=\"");
            out.push_str(&term.href);
            out.push_str("\" aria-describedby=\"uitleg-");
            out.push_str(&term.id);
            out.push_str("\">");
            out.push_str(&rest[pos..end]);
            out.push_str("</a><span class=\"begrip-uitleg\" id=\"uitleg-");
            out.push_str(&term.id);
            out.push_str("\" role=\"tooltip\">");
            out.push_str(&term.kort);
            out.push_str("</span>");
            rest = &rest[end..];
        }
        out.push_str(rest);
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '\''
}

/// Whether byte `start` of an HTML text node lies inside a character reference (`&amp;`,
/// `&#39;`): a begrip "amp" must never cut one open.
fn in_entity(text: &str, start: usize) -> bool {
    // A reference is short (`&eacute;`): look back 32 bytes, not through the whole text.
    let mut from = start.saturating_sub(32);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let Some(amp) = text[from..start].rfind('&').map(|i| from + i) else { return false };
    let name = &text[amp + 1..];
    name.find(';').is_some_and(|len| amp + 1 + len >= start && name[..len].chars().all(|c| c.is_ascii_alphanumeric() || c == '#'))
}

/// Link the first use of each term inside `<main>` of `html` (one page; a build makes one
/// [`TermLinker`] for all of its pages).
pub fn link_terms(html: &str, begrippen: &[Begrip]) -> String {
    TermLinker::new(begrippen).link(html)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn begrip(term: &str, syn: &[&str]) -> Begrip {
        Begrip { term: term.into(), volledig: None, kort: format!("Uitleg van {term}."), uitleg: String::new(), synoniemen: syn.iter().map(|s| s.to_string()).collect(), id: crate::text::slugify(term) }
    }

    #[test]
    fn links_first_use_only_outside_links_and_headings() {
        let terms = vec![begrip("TLV", &["toelaatbaarheidsverklaring"]), begrip("Zorgplicht", &[])];
        let html = "<header>TLV</header><main><h2>TLV</h2><p>Een toelaatbaarheidsverklaring (TLV) en de zorgplicht. Nog een TLV.</p><a href=\"x\">zorgplicht</a></main>";
        let out = link_terms(html, &terms);
        assert!(out.starts_with("<header>TLV</header><main><h2>TLV</h2>"));
        assert_eq!(out.matches("class=\"begrip\"").count(), 2);
        // Not in a label: the first use after it is linked.
        let label = link_terms("<main><p class=\"sector-label\">VO: met vso</p><p>Het vso.</p></main>", &[begrip("vso", &[])]);
        assert!(label.starts_with("<main><p class=\"sector-label\">VO: met vso</p><p>Het <a class=\"begrip\""), "{label}");
        assert!(out.contains("<a class=\"begrip\" href=\"/begrippen/#tlv\" aria-describedby=\"uitleg-tlv\">toelaatbaarheidsverklaring</a>"));
        assert!(out.contains("href=\"/begrippen/#zorgplicht\" aria-describedby=\"uitleg-zorgplicht\">zorgplicht</a>"));
        assert!(out.contains("(TLV) en"), "the second use is not linked again");
    }

    #[test]
    fn short_forms_match_exactly_and_whole_words() {
        let terms = vec![begrip("so", &[])];
        assert!(!link_terms("<main><p>Sommige sociale kinderen. SO.</p></main>", &terms).contains("begrip"));
        assert!(link_terms("<main><p>Naar het so gaan.</p></main>", &terms).contains("#so\""));
    }

    #[test]
    fn never_links_inside_a_character_reference() {
        let terms = vec![begrip("amp", &[]), begrip("quot", &[])];
        let out = link_terms("<main><p>Ouders &amp; school &quot;samen&quot;, amp.</p></main>", &terms);
        assert!(out.contains("Ouders &amp; school &quot;samen&quot;, <a class=\"begrip\""), "{out}");
    }

    #[test]
    fn earliest_then_longest_match_wins_and_each_begrip_links_once() {
        let terms = vec![begrip("Ondersteuning", &[]), begrip("Extra ondersteuning", &["extra hulp"]), begrip("OPP", &[])];
        let out = link_terms("<main><p>Extra ondersteuning met een OPP, extra hulp en ondersteuning. OPP.</p></main>", &terms);
        // "Extra ondersteuning" starts first and is longer than the "ondersteuning" inside it;
        // its synonym "extra hulp" is the same begrip and stays plain; the later
        // "ondersteuning" is the other begrip's first use.
        assert!(out.starts_with("<main><p><a class=\"begrip\" href=\"/begrippen/#extra-ondersteuning\" aria-describedby=\"uitleg-extra-ondersteuning\">Extra ondersteuning</a>"), "{out}");
        assert!(out.contains("extra hulp en <a class=\"begrip\" href=\"/begrippen/#ondersteuning\""), "{out}");
        assert_eq!(out.matches("href=\"/begrippen/#opp\"").count(), 1, "{out}");
        assert!(out.ends_with("</span>. OPP.</p></main>"), "{out}");
    }
}
