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

struct Pattern<'a> {
    word: String,
    /// Short forms (TLV, so, OPP) only match exactly as written; longer words ignore case.
    exact: bool,
    begrip: &'a Begrip,
}

fn patterns(begrippen: &[Begrip]) -> Vec<Pattern<'_>> {
    let mut out = Vec::new();
    for b in begrippen {
        for word in std::iter::once(&b.term).chain(&b.synoniemen).chain(b.volledig.iter()) {
            let exact = word.chars().count() <= 4;
            out.push(Pattern { word: word.clone(), exact, begrip: b });
        }
    }
    // Longer words first, so "extra ondersteuning" wins over "ondersteuning".
    out.sort_by(|a, b| b.word.chars().count().cmp(&a.word.chars().count()).then(a.word.cmp(&b.word)));
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '\''
}

/// Byte position of the first whole-word occurrence of `p` in `text`.
fn find_word(text: &str, lower: &str, p: &Pattern<'_>) -> Option<usize> {
    let (haystack, needle) = if p.exact { (text, p.word.clone()) } else { (lower, p.word.to_lowercase()) };
    let mut from = 0;
    while let Some(i) = haystack[from..].find(&needle) {
        let start = from + i;
        let end = start + needle.len();
        let before_ok = haystack[..start].chars().next_back().is_none_or(|c| !is_word_char(c));
        let after_ok = haystack[end..].chars().next().is_none_or(|c| !is_word_char(c));
        if before_ok && after_ok && !in_entity(haystack, start) {
            return Some(start);
        }
        from = start + needle.len().max(1);
    }
    None
}

/// Whether byte `start` of an HTML text node lies inside a character reference (`&amp;`,
/// `&#39;`): a begrip "amp" must never cut one open.
fn in_entity(text: &str, start: usize) -> bool {
    let Some(amp) = text[..start].rfind('&') else { return false };
    let name = &text[amp + 1..];
    name.find(';').is_some_and(|len| amp + 1 + len >= start && name[..len].chars().all(|c| c.is_ascii_alphanumeric() || c == '#'))
}

/// Link the first use of each term inside `<main>` of `html`.
pub fn link_terms(html: &str, begrippen: &[Begrip]) -> String {
    let (Some(main_start), Some(main_end)) = (html.find("<main"), html.rfind("</main>")) else { return html.to_string() };
    let patterns = patterns(begrippen);
    let mut linked: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
    let mut out = String::with_capacity(html.len() + 4096);
    out.push_str(&html[..main_start]);
    let main = &html[main_start..main_end];
    let mut skip_depth: Vec<String> = Vec::new();
    let mut rest = main;
    while !rest.is_empty() {
        if rest.starts_with('<') {
            let end = rest.find('>').map(|i| i + 1).unwrap_or(rest.len());
            let tag = &rest[..end];
            let name: String = tag.trim_start_matches(['<', '/']).chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
            let label = !tag.starts_with("</") && is_label(tag);
            if (SKIP.contains(&name.as_str()) || label) && !tag.ends_with("/>") && !tag.starts_with("</") {
                skip_depth.push(name);
            } else if tag.starts_with("</") {
                if let Some(pos) = skip_depth.iter().rposition(|n| *n == name) {
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
        out.push_str(&link_in_text(text, &patterns, &mut linked));
    }
    out.push_str(&html[main_end..]);
    out
}

/// Link terms in one text node; `linked` holds the terms already linked on this page.
fn link_in_text<'a>(text: &str, patterns: &[Pattern<'a>], linked: &mut std::collections::BTreeSet<&'a str>) -> String {
    let mut out = String::new();
    let mut rest = text.to_string();
    loop {
        let lower = rest.to_lowercase();
        // Lowercasing can change byte lengths (rare in Dutch); then match case-sensitively only.
        let lower_ok = lower.len() == rest.len();
        let best = patterns
            .iter()
            .filter(|p| !linked.contains(p.begrip.id.as_str()) && (p.exact || lower_ok))
            .filter_map(|p| find_word(&rest, &lower, p).map(|pos| (pos, p)))
            .min_by_key(|(pos, p)| (*pos, std::cmp::Reverse(p.word.len())));
        let Some((pos, p)) = best else { break };
        let end = pos + p.word.len();
        linked.insert(p.begrip.id.as_str());
        out.push_str(&rest[..pos]);
        out.push_str(&format!(
            "<a class=\"begrip\" href=\"{href}\" aria-describedby=\"uitleg-{id}\">{word}</a><span class=\"begrip-uitleg\" id=\"uitleg-{id}\" role=\"tooltip\">{kort}</span>",
            href = crate::url::begrip(&p.begrip.id),
            id = p.begrip.id,
            word = &rest[pos..end],
            kort = escape_html(&p.begrip.kort)
        ));
        rest = rest[end..].to_string();
    }
    out.push_str(&rest);
    out
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
}
