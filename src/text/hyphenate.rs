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

/// Elements whose text gets soft hyphens in [`in_headings`].
const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4"];

/// `html` with [`soft_hyphens`] in the text of every heading (`h1`-`h4`), wherever the heading
/// came from (a template, Markdown, a TOML title), so that no long compound is broken in the
/// middle on a phone. Attributes, other elements and character references are left alone;
/// text that has soft hyphens already keeps them (its parts are short words).
pub fn in_headings(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 256);
    let mut depth = 0usize;
    let mut rest = html;
    while !rest.is_empty() {
        if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |i| i + 1);
            let tag = &rest[..end];
            let name: String = tag.trim_start_matches(['<', '/']).chars().take_while(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
            if HEADINGS.contains(&name.as_str()) {
                if tag.starts_with("</") {
                    depth = depth.saturating_sub(1);
                } else {
                    depth += 1;
                }
            }
            out.push_str(tag);
            rest = &rest[end..];
            continue;
        }
        let end = rest.find('<').unwrap_or(rest.len());
        let text = &rest[..end];
        if depth > 0 {
            // A character reference (`&amp;`) stays whole: only the words between them change.
            let mut part = text;
            while let Some(amp) = part.find('&') {
                out.push_str(&soft_hyphens(&part[..amp]));
                let len = part[amp..].find(';').map_or(1, |i| i + 1);
                out.push_str(&part[amp..amp + len]);
                part = &part[amp + len..];
            }
            out.push_str(&soft_hyphens(part));
        } else {
            out.push_str(text);
        }
        rest = &rest[end..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_soft_hyphens_and_nothing_else() {
        let html = "<title>Samenwerkingsverband</title><h2 id=\"ondersteuningsstructuur\">De Ondersteuningsstructuur &amp; Schoolondersteuningsprofielen</h2><p>Ondersteuningsstructuur</p>";
        let out = in_headings(html);
        assert_eq!(out.replace('\u{AD}', ""), html);
        assert!(out.starts_with("<title>Samenwerkingsverband</title><h2 id=\"ondersteuningsstructuur\">De On\u{AD}"), "{out}");
        assert!(out.contains(" &amp; School\u{AD}on\u{AD}"), "{out}");
        assert!(out.ends_with("<p>Ondersteuningsstructuur</p>"), "{out}");
        assert_eq!(in_headings(&out), out, "soft hyphens once");
    }

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
