//! What one line looks like: heading numbering (`3.7.1`, `Hoofdstuk 3`, `Bijlage 2`, `IV`), table rows,
//! title-like text, bullet glyphs, numbered list items, sentence ends. Not a pass: the
//! recognisers that the passes from running headers to chapter assembly all ask, kept in one
//! place so that "is this a heading" means the same to each of them.
//!
//! Why: extracted text has lost its layout, so the shape of a line is all there is to tell a
//! heading from a sentence. It is also damaged: OCR turns bullets into `e `, `«`, `o ` or `®`,
//! and glues numbers to titles (`4.1.Regulier`, `3.12.1Tussentijds`).

#[derive(Debug, Clone, PartialEq)]
pub(super) enum SynKind {
    /// `1.`, `2`, `1.1`, `3.7.1`: the numbers, and whether a dot follows the last one.
    Num(Vec<u32>, bool),
    Bijlage(String),
    Hoofdstuk(u32),
    Roman(String),
}

#[derive(Debug, Clone)]
pub(super) struct Syn {
    pub(super) kind: SynKind,
    pub(super) title: String,
}

/// The numbering a heading could start with, and the title after it.
pub(super) fn parse_heading_syntax(t: &str) -> Option<Syn> {
    for (word, bijlage) in [("Bijlage", true), ("BIJLAGE", true), ("Hoofdstuk", false), ("HOOFDSTUK", false)] {
        let Some(rest) = t.strip_prefix(word) else { continue };
        if !rest.starts_with(' ') {
            return None;
        }
        let rest = rest.trim_start();
        let label: String = rest.chars().take_while(|c| c.is_alphanumeric()).collect();
        let valid = if bijlage {
            (!label.is_empty() && label.len() <= 2 && label.chars().all(|c| c.is_ascii_digit())) || is_roman(&label) || (label.len() == 1 && label.chars().all(|c| c.is_ascii_uppercase()))
        } else {
            !label.is_empty() && label.len() <= 2 && label.chars().all(|c| c.is_ascii_digit())
        };
        if !valid {
            return None;
        }
        let after = &rest[label.len()..];
        if !(after.is_empty() || after.starts_with([' ', '.', ':', '-', '–'])) {
            return None;
        }
        let title = after.trim_start_matches(['.', ':', '-', '–', ' ']).trim().to_string();
        let kind = if bijlage { SynKind::Bijlage(label) } else { SynKind::Hoofdstuk(label.parse().ok()?) };
        return Some(Syn { kind, title });
    }
    // Roman numerals: `IV Over te dragen bedragen`.
    if let Some((first, rest)) = t.split_once(' ') {
        if is_roman(first) && rest.trim_start().starts_with(|c: char| c.is_uppercase()) {
            return Some(Syn { kind: SynKind::Roman(first.to_string()), title: rest.trim().to_string() });
        }
    }
    let chars: Vec<char> = t.chars().collect();
    let mut comps = Vec::new();
    let mut k = 0;
    loop {
        let start = k;
        while k < chars.len() && chars[k].is_ascii_digit() {
            k += 1;
        }
        let len = k - start;
        if len == 0 || len > 2 {
            return None;
        }
        comps.push(chars[start..k].iter().collect::<String>().parse::<u32>().ok()?);
        if k + 1 < chars.len() && chars[k] == '.' && chars[k + 1].is_ascii_digit() && comps.len() < 4 {
            k += 1;
            continue;
        }
        break;
    }
    if comps[0] == 0 {
        return None;
    }
    let dot = chars.get(k) == Some(&'.');
    if dot {
        k += 1;
    }
    let rest: String = chars[k..].iter().collect();
    if rest.is_empty() {
        return (dot || comps.len() == 1).then_some(Syn { kind: SynKind::Num(comps, dot), title: String::new() });
    }
    if !rest.starts_with(' ') {
        // `4.1.Regulier` and `3.12.1Tussentijds`: numbers glued to the title.
        if comps.len() < 2 || !rest.starts_with(|c: char| c.is_uppercase()) {
            return None;
        }
    }
    Some(Syn { kind: SynKind::Num(comps, dot), title: rest.trim().to_string() })
}

fn is_roman(s: &str) -> bool {
    matches!(s, "I" | "II" | "III" | "IV" | "V" | "VI" | "VII" | "VIII" | "IX" | "X" | "XI" | "XII" | "XIII" | "XIV" | "XV")
}

/// Could this be the title of a heading: short, starting with a capital, no sentence end.
pub(super) fn heading_like(title: &str) -> bool {
    let t = title.trim();
    let n = t.chars().count();
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    let visible = t.chars().filter(|c| !c.is_whitespace()).count();
    (2..=110).contains(&n)
        && (1..=14).contains(&words(t))
        && starts_upper(t)
        && !t.ends_with(['.', ',', ';', ':'])
        && !has_url(t)
        && letters * 2 >= visible
}

/// A title on a line of its own (after `Bijlage 3` or `3.` alone).
pub(super) fn title_like(t: &str) -> bool {
    heading_like(t) && words(t) <= 10 && bullet(t).is_none()
}

pub(super) fn words(t: &str) -> usize {
    t.split_whitespace().count()
}

pub(super) fn starts_upper(t: &str) -> bool {
    let t = t.trim_start_matches(['‘', '“', '"', '\'', '(']);
    t.starts_with(|c: char| c.is_uppercase())
}

pub(super) fn starts_lower(t: &str) -> bool {
    t.starts_with(|c: char| c.is_lowercase())
}

/// Like [`ends_terminal`], but a line ending in an abbreviation (`ca.`, `o.a.`) goes on.
pub(super) fn ends_sentence(t: &str) -> bool {
    const ABBREVIATIONS: &[&str] = &[
        "ca.", "o.a.", "bijv.", "bv.", "resp.", "m.u.v.", "i.c.", "t.a.v.", "incl.", "excl.", "art.", "nr.", "vs.", "d.w.z.", "i.p.v.", "m.b.t.", "t.b.v.", "o.b.v.",
        "mr.", "dr.", "prof.", "drs.", "ir.", "ing.", "zgn.", "z.g.", "evt.", "max.", "min.", "ong.",
    ];
    let last = t.rsplit(' ').next().unwrap_or("").to_lowercase();
    ends_terminal(t) && !ABBREVIATIONS.contains(&last.as_str())
}

/// Ends a sentence or clause: `.`, `!`, `?`, `:` or `;`, maybe followed by a closing quote or
/// bracket.
pub(super) fn ends_terminal(t: &str) -> bool {
    let t = t.trim_end_matches(['’', '”', '"', '\'', ')', ']', '\u{e001}']);
    let t = if t.ends_with(|c: char| c.is_alphanumeric()) && t.contains('\u{e000}') { t.rsplit_once('\u{e000}').map(|(a, _)| a).unwrap_or(t) } else { t };
    t.ends_with(['.', '!', '?', ':', ';'])
}

/// The text of a bullet item, without its glyph. `-` and `–` are only taken as bullets by the
/// caller where a new item can begin.
pub(super) fn bullet(t: &str) -> Option<&str> {
    let mut cs = t.chars();
    let c = cs.next()?;
    let rest = cs.as_str();
    let glued = matches!(c, '•' | '●' | '▪' | '■' | '◦' | '‣' | '∙' | '·' | '○' | '□' | '➢' | '►' | '✓' | '✔' | '❖' | '→' | '⁃');
    let spaced = matches!(c, '-' | '–' | '*' | '«' | '»' | '®' | '¢' | '=' | '°' | '+' | 'e' | 'o' | '.');
    if !(glued || (spaced && rest.starts_with(' '))) {
        return None;
    }
    let text = rest.trim_start();
    if text.is_empty() {
        return None;
    }
    let first = text.chars().next()?;
    let ok = match c {
        'e' | 'o' | '.' => first.is_alphabetic() || matches!(first, '(' | '‘' | '“' | '"'),
        '°' => !text.starts_with("http") && !text.starts_with("www"),
        _ => true,
    };
    ok.then_some(text)
}

/// `1. tekst`, `2) tekst`, `a. tekst`, `b) tekst`, and `1.De tekst` with the space lost.
/// Returns the marker as it should be written and the text.
pub(super) fn numbered_item(t: &str) -> Option<(String, &str)> {
    let chars: Vec<(usize, char)> = t.char_indices().take(4).collect();
    let (label_len, is_digit) = if chars.first()?.1.is_ascii_digit() {
        let n = chars.iter().take_while(|x| x.1.is_ascii_digit()).count();
        (n, true)
    } else if chars.first()?.1.is_ascii_alphabetic() {
        (1, false)
    } else {
        return None;
    };
    if label_len > 2 {
        return None;
    }
    let punct = chars.get(label_len)?.1;
    if punct != '.' && punct != ')' {
        return None;
    }
    let after_idx = chars.get(label_len)?.0 + 1;
    let rest = &t[after_idx..];
    let text = if let Some(r) = rest.strip_prefix(' ') {
        r.trim_start()
    } else if is_digit && punct == '.' && rest.starts_with(|c: char| c.is_uppercase()) {
        rest
    } else {
        return None;
    };
    if text.is_empty() || !text.starts_with(|c: char| !c.is_ascii_digit()) {
        return None;
    }
    let label = &t[..chars[label_len - 1].0 + chars[label_len - 1].1.len_utf8()];
    Some((format!("{label}{punct}"), text))
}

pub(super) fn is_number_token(w: &str) -> bool {
    let w = w.trim_matches(|c: char| matches!(c, '|' | '(' | ')' | '€' | ';' | ':' | '-' | '–'));
    !w.is_empty() && w.chars().any(|c| c.is_ascii_digit()) && w.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '%'))
}

/// Numbers in `t` that are not years.
pub(super) fn figures(t: &str) -> usize {
    t.split_whitespace().filter(|w| is_number_token(w) && !(w.len() == 4 && (w.starts_with("19") || w.starts_with("20")) && w.chars().all(|c| c.is_ascii_digit()))).count()
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Row {
    Strong,
    Weak,
    No,
}

/// A row of a flattened table: several numbers (a third of the words or more), or cells
/// separated by `|`; weaker: a line ending in a number, like a count after a name.
pub(super) fn table_row(t: &str) -> Row {
    let ws: Vec<&str> = t.split_whitespace().collect();
    let numbers = ws.iter().filter(|w| is_number_token(w)).count();
    let pipes = t.matches('|').count();
    if (numbers >= 3 && numbers * 3 >= ws.len()) || pipes >= 2 {
        return Row::Strong;
    }
    let last_number = ws.last().is_some_and(|w| is_number_token(w) && w.chars().filter(char::is_ascii_digit).count() >= 2);
    if ((last_number && ws.len() >= 3) || (pipes >= 1 && numbers >= 1)) && !ends_terminal(t) {
        return Row::Weak;
    }
    Row::No
}

pub(super) fn has_url(t: &str) -> bool {
    t.contains("http://") || t.contains("https://") || t.contains("www.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_syntax() {
        let s = parse_heading_syntax("3.12.1Tussentijds overstappen").unwrap();
        assert_eq!(s.kind, SynKind::Num(vec![3, 12, 1], false));
        assert_eq!(s.title, "Tussentijds overstappen");
        assert_eq!(parse_heading_syntax("Bijlage 2 Meerjarenbegroting").unwrap().kind, SynKind::Bijlage("2".into()));
        assert!(parse_heading_syntax("1.5wv").is_none());
        assert!(parse_heading_syntax("2022 was een goed jaar").is_none());
        assert!(parse_heading_syntax("Bijlagen zijn er niet").is_none());
    }
}
