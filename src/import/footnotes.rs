//! Pass 6, footnotes: numbered lines at the bottom of a page become footnotes, linked to their
//! marker after a word on the same page; what cannot be linked is kept under "Noten".
//!
//! Why: extraction puts a page's footnotes between its last sentence and the next page's
//! first, and turns the superscript markers into plain digits glued to a word (`ouders2`) or,
//! after OCR, into symbols (`!2` for 12, `ouders?,` for a lost superscript). The footnote text
//! would otherwise interrupt the paragraph and the marker would read as part of the word.
//! Markers are only looked for on the footnote's own page, where the numbering makes them
//! unambiguous.

use super::hyphenation::Joiner;
use super::lines::{Gone, Line};
use super::report::Report;
use super::shape::{bullet, has_url, heading_like, parse_heading_syntax, table_row, words, Row, SynKind};
use std::collections::{BTreeMap, HashSet};

#[derive(Debug, Clone)]
pub(super) struct Footnote {
    /// Markdown label, unique in the document: the number, `12-2` for a second 12.
    pub(super) label: String,
    number: u32,
    /// The number as printed, digits only (empty when OCR left only a symbol).
    printed: String,
    pub(super) text: String,
    /// Input line of the footnote text.
    pub(super) line: usize,
    /// Input line of the marker in the text, once found.
    pub(super) marker_line: Option<usize>,
    /// Index of its page segment.
    segment: usize,
}

impl Footnote {
    /// A footnote a Word document defines, already linked to its marker `label`.
    pub(super) fn from_document(label: String, text: String) -> Footnote {
        Footnote { number: label.parse().unwrap_or(0), printed: label.clone(), label, text, line: 0, marker_line: Some(0), segment: 0 }
    }
}

/// A line that starts a footnote: a number (or a symbol OCR made of one) and text.
/// Returns the digits as printed and the text.
fn footnote_start(t: &str) -> Option<(String, &str)> {
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    let superscript: String = t.chars().take_while(|c| superscript_digit(*c).is_some()).collect();
    let (printed, rest) = if !digits.is_empty() {
        if digits.len() > 3 {
            return None;
        }
        let rest = &t[digits.len()..];
        let rest = rest.strip_prefix(['%', '°', '\'', '’', '*']).unwrap_or(rest);
        (digits, rest)
    } else if !superscript.is_empty() {
        (superscript.chars().filter_map(superscript_digit).collect(), &t[superscript.len()..])
    } else if let Some(rest) = t.strip_prefix(['°', '%']) {
        (String::new(), rest)
    } else {
        return None;
    };
    if !(rest.starts_with(' ') || rest.starts_with("http") || rest.starts_with("www")) {
        return None;
    }
    let rest = rest.trim_start();
    if rest.is_empty() || rest.split_whitespace().all(|w| w.chars().all(|c| !c.is_alphabetic())) {
        return None;
    }
    // A date (`1 april 2022.`) is not a footnote.
    let mut ws = rest.split_whitespace();
    if let (Some(month), Some(year)) = (ws.next(), ws.next()) {
        const MONTHS: &[&str] = &["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];
        let year = year.trim_end_matches(['.', ',', ';', ')']);
        if MONTHS.contains(&month.to_lowercase().as_str()) && year.len() == 4 && year.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
    }
    Some((printed, rest))
}

fn superscript_digit(c: char) -> Option<char> {
    Some(match c {
        '⁰' => '0',
        '¹' => '1',
        '²' => '2',
        '³' => '3',
        '⁴' => '4',
        '⁵' => '5',
        '⁶' => '6',
        '⁷' => '7',
        '⁸' => '8',
        '⁹' => '9',
        _ => return None,
    })
}

/// The number a footnote line stands for, given the one expected next. OCR loses digits of
/// small superscript numbers (11 printed as 1, 23 as 2) or leaves a symbol; those take the
/// expected number, with a warning.
fn footnote_number(printed: &str, rest: &str, expected: u32) -> Option<(u32, Option<String>)> {
    let Ok(n) = printed.parse::<u32>() else {
        return Some((expected, Some(format!("voetnootnummer onleesbaar; gelezen als {expected}"))));
    };
    let exp = expected.to_string();
    if n == expected {
        return Some((n, None));
    }
    if n > expected && n <= expected + 5 {
        if expected == 1 {
            return Some((n, None));
        }
        let missing = if n == expected + 1 { format!("{expected}") } else { format!("{expected} tot en met {}", n - 1) };
        return Some((n, Some(format!("voetnoot {n} volgt op {}: voetnoot {missing} niet gevonden", expected.saturating_sub(1)))));
    }
    if n > 0 && printed.len() < exp.len() && (exp.starts_with(printed) || exp.ends_with(printed)) {
        return Some((expected, Some(format!("voetnootnummer '{printed}' gelezen als {expected} (cijfer weggevallen)"))));
    }
    if n == 1 && expected > 1 && (has_url(rest) || words(rest) >= 4) {
        return Some((1, Some("de nummering van de voetnoten begint opnieuw bij 1".to_string())));
    }
    None
}

/// A page break that the text lost: footnotes at the bottom of a page followed, without a
/// blank line or form feed, by the numbered heading that starts the next page. The heading is
/// marked as a page start, so the notes are at the bottom of their page again (and the
/// heading stands apart). Only a block that starts as a footnote and is at most six lines
/// long counts, and only a numbered heading (`1.1 Titel`, `Hoofdstuk 2`, `Bijlage 1`).
pub(super) fn mark_lost_page_breaks(lines: &mut [Line]) {
    let mut block_start: Option<usize> = None;
    let mut block_len = 0;
    for i in 0..lines.len() {
        if lines[i].gone.is_some() {
            continue;
        }
        if lines[i].text.is_empty() || lines[i].page_start {
            block_start = None;
            block_len = 0;
            if lines[i].text.is_empty() {
                continue;
            }
        }
        let t = &lines[i].text;
        let heading = parse_heading_syntax(t).is_some_and(|s| !matches!(s.kind, SynKind::Roman(_)) && heading_like(&s.title));
        let notes_before = block_start.is_some_and(|b| footnote_start(&lines[b].text).is_some() && table_row(&lines[b].text) == Row::No) && (1..=6).contains(&block_len);
        if heading && notes_before {
            lines[i].page_start = true;
            block_start = None;
            block_len = 0;
            continue;
        }
        if block_start.is_none() {
            block_start = Some(i);
        }
        block_len += 1;
    }
}

/// Footnotes sit at the bottom of a page: the trailing blocks of a page whose first line is a
/// footnote start, numbered in sequence through the document. Their lines are removed from the
/// text; each footnote remembers its page so its marker can be looked for there.
pub(super) fn extract_footnotes(lines: &mut [Line], segments: &[std::ops::Range<usize>], joiner: &mut Joiner, report: &mut Report) -> Vec<Footnote> {
    let mut notes: Vec<Footnote> = Vec::new();
    let mut labels: HashSet<String> = HashSet::new();
    let mut expected = 1u32;
    for (seg, range) in segments.iter().enumerate() {
        // Blocks of consecutive text lines, separated by blank lines.
        let mut blocks: Vec<Vec<usize>> = Vec::new();
        let mut current: Vec<usize> = Vec::new();
        for i in range.clone() {
            if lines[i].gone.is_some() {
                continue;
            }
            if lines[i].text.is_empty() {
                if !current.is_empty() {
                    blocks.push(std::mem::take(&mut current));
                }
            } else {
                current.push(i);
            }
        }
        if !current.is_empty() {
            blocks.push(current);
        }
        // A table row (`1 Personeel 412.000 418.000`) starts like a footnote: never one.
        let is_note_block = |b: &Vec<usize>| {
            footnote_start(&lines[b[0]].text).is_some()
                && b.iter().all(|&i| table_row(&lines[i].text) != Row::Strong)
                && b.iter().skip(1).all(|&i| bullet(&lines[i].text).is_none() && !parse_heading_syntax(&lines[i].text).is_some_and(|s| matches!(s.kind, SynKind::Num(ref c, true) if c.len() == 1)))
        };
        let mut zone = blocks.len();
        while zone > 0 && is_note_block(&blocks[zone - 1]) {
            zone -= 1;
        }
        // Validate from the top of the zone; a block that does not fit the numbering is text.
        'outer: while zone < blocks.len() {
            let first = blocks[zone][0];
            let (printed, rest) = footnote_start(&lines[first].text).expect("note block");
            let single_title = blocks[zone].len() == 1 && heading_like(rest) && !has_url(rest) && words(rest) <= 8;
            if single_title || footnote_number(&printed, rest, expected).is_none() {
                zone += 1;
                continue 'outer;
            }
            break;
        }
        for block in &blocks[zone..] {
            for &i in block {
                let line_no = lines[i].no;
                let text = lines[i].text.clone();
                let soft = lines[i].soft_hyphen;
                lines[i].gone = Some(Gone::Footnote);
                let start = footnote_start(&text).and_then(|(printed, rest)| footnote_number(&printed, rest, expected).map(|n| (printed, rest.to_string(), n)));
                match start {
                    // Inside a block a new note must continue the numbering (a restart at 1 is
                    // only believed at the start of a block).
                    Some((printed, rest, (number, warning))) if i == block[0] || notes.last().is_none_or(|n| n.segment != seg) || number >= expected => {
                        if let Some(w) = warning {
                            report.warnings.push((line_no, w));
                        }
                        let mut label = number.to_string();
                        let mut k = 2;
                        while labels.contains(&label) {
                            label = format!("{number}-{k}");
                            k += 1;
                        }
                        labels.insert(label.clone());
                        expected = number + 1;
                        notes.push(Footnote { label, number, printed, text: rest, line: line_no, marker_line: None, segment: seg });
                        joiner.soft = soft;
                    }
                    _ => {
                        // A continuation line of the footnote above.
                        if let Some(note) = notes.last_mut() {
                            let joined = joiner.join(&note.text, &text, line_no);
                            note.text = joined;
                            joiner.soft = soft;
                        }
                    }
                }
            }
        }
    }
    joiner.soft = false;
    notes
}

/// Placeholder for a footnote reference while the text is still being repaired; it becomes
/// `[^label]` when the Markdown is written.
fn placeholder(label: &str) -> String {
    format!("\u{e000}{label}\u{e001}")
}

/// A marker made of digits after a word: `ouders2`, `onderwijs.3`, and `!2`/`’3` for 12 and 13
/// (OCR reads a superscript 1 as `!` or an apostrophe). Byte range, number, whether OCR was read.
fn digit_markers(t: &str) -> Vec<(usize, usize, String, bool)> {
    let chars: Vec<(usize, char)> = t.char_indices().collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k].1;
        if let Some(d) = superscript_digit(c) {
            let mut e = k;
            let mut num = String::new();
            while e < chars.len() {
                match superscript_digit(chars[e].1) {
                    Some(x) => num.push(x),
                    None => break,
                }
                e += 1;
            }
            let _ = d;
            let end = chars.get(e).map(|x| x.0).unwrap_or(t.len());
            out.push((chars[k].0, end, num, false));
            k = e;
            continue;
        }
        if !c.is_ascii_digit() || (k > 0 && chars[k - 1].1.is_ascii_digit()) {
            k += 1;
            continue;
        }
        let mut e = k;
        while e < chars.len() && chars[e].1.is_ascii_digit() {
            e += 1;
        }
        let digits: String = chars[k..e].iter().map(|x| x.1).collect();
        let after = chars.get(e).map(|x| x.1);
        let after2 = chars.get(e + 1).map(|x| x.1);
        let next_ok = match after {
            None => true,
            Some(a) if a.is_alphanumeric() => false,
            Some('.' | ',') => !after2.is_some_and(|x| x.is_ascii_digit()),
            Some(_) => true,
        };
        if digits.len() > 2 || !next_ok {
            k = e;
            continue;
        }
        let mut start = k;
        let mut number = digits.clone();
        let mut ocr = false;
        if k >= 2 && matches!(chars[k - 1].1, '!' | '’' | '\'' | '|') && chars[k - 2].1.is_alphabetic() && digits.len() == 1 {
            start = k - 1;
            number = format!("1{digits}");
            ocr = true;
        }
        // What comes before: a word of three letters or more, possibly closed by punctuation.
        let mut p = start;
        if p > 0 && matches!(chars[p - 1].1, ')' | '.' | ',' | '”' | '’' | '"') && !ocr {
            p -= 1;
        }
        let letters = chars[..p].iter().rev().take_while(|x| x.1.is_alphabetic()).count();
        if letters >= 3 {
            let end = chars.get(e).map(|x| x.0).unwrap_or(t.len());
            out.push((chars[start].0, end, number, ocr));
        }
        k = e;
    }
    out
}

/// Symbols OCR makes of a superscript number, directly after a word and before punctuation:
/// `ouders?,`, `onderwijs® `, `(OPP)*`, `OCW™`. Byte range and the symbols.
fn garbled_markers(t: &str, previous: &str) -> Vec<(usize, usize, String)> {
    let chars: Vec<(usize, char)> = t.char_indices().collect();
    let garbage = |c: char| matches!(c, '?' | '®' | '™' | '*' | '°' | '’' | '\'');
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        if !garbage(chars[k].1) || k == 0 {
            k += 1;
            continue;
        }
        let before = chars[k - 1].1;
        let letters = chars[..k].iter().rev().take_while(|x| x.1.is_alphabetic()).count();
        if !(letters >= 2 || before == ')') {
            k += 1;
            continue;
        }
        let mut e = k + 1;
        while e < chars.len() && e < k + 2 && (garbage(chars[e].1) || chars[e].1 == '!') {
            e += 1;
        }
        let run: String = chars[k..e].iter().map(|x| x.1).collect();
        let after = chars.get(e).map(|x| x.1);
        let punct_after = matches!(after, Some('.' | ',' | ';' | ':'));
        // A quote that closes one opened earlier on the line (or the line before) is a quote.
        let opened = |open: char| {
            let before_run: String = chars[..k].iter().map(|x| x.1).collect();
            let context = format!("{}{before_run}", previous);
            let opens = context.matches(open).count() + context.matches(&format!(" {}", chars[k].1)).count();
            let closes = context.matches(chars[k].1).count().saturating_sub(context.matches(&format!(" {}", chars[k].1)).count());
            opens > closes
        };
        let ok = match run.as_str() {
            "’" => punct_after && !opened('‘'),
            "'" => punct_after && !opened('‘'),
            "?" => punct_after,
            "*" => before == ')' && (after.is_none() || after == Some(' ') || punct_after),
            _ => after.is_none() || after == Some(' ') || punct_after || after == Some(')'),
        };
        if ok {
            let end = chars.get(e).map(|x| x.0).unwrap_or(t.len());
            out.push((chars[k].0, end, run));
        }
        k = e;
    }
    out
}

/// Find each footnote's marker on its own page and put a placeholder there.
pub(super) fn link_footnotes(lines: &mut [Line], segments: &[std::ops::Range<usize>], notes: &mut [Footnote], report: &mut Report) {
    for (seg, range) in segments.iter().enumerate() {
        let in_seg: Vec<usize> = (0..notes.len()).filter(|&n| notes[n].segment == seg).collect();
        if in_seg.is_empty() {
            continue;
        }
        let body: Vec<usize> = range.clone().filter(|&i| lines[i].kept()).collect();
        // Digits after a word.
        for &i in &body {
            let found = digit_markers(&lines[i].text);
            let mut edits: Vec<(usize, usize, String)> = Vec::new();
            for (start, end, number, ocr) in found {
                let hit = in_seg.iter().copied().find(|&n| notes[n].marker_line.is_none() && (notes[n].number.to_string() == number || (!notes[n].printed.is_empty() && notes[n].printed == number)));
                if let Some(n) = hit {
                    notes[n].marker_line = Some(lines[i].no);
                    if ocr || notes[n].number.to_string() != number {
                        report.warnings.push((lines[i].no, format!("'{}' gelezen als verwijzing naar voetnoot {}", &lines[i].text[start..end], notes[n].number)));
                    }
                    edits.push((start, end, placeholder(&notes[n].label)));
                }
            }
            apply_edits(&mut lines[i].text, edits);
        }
        // A number the extractor put on a line of its own, or after a space (`prikkels 12`):
        // only the number of a footnote of this page, once on the page, and not after a word
        // that takes a number (`groep 8`) or before a unit (`12 weken`).
        for n in in_seg.iter().copied().filter(|&n| notes[n].marker_line.is_none()).collect::<Vec<_>>() {
            let number = notes[n].number.to_string();
            let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
            for (b, &i) in body.iter().enumerate() {
                let t = &lines[i].text;
                if *t == number && b > 0 {
                    candidates.push((i, 0, t.len()));
                    continue;
                }
                let tokens: Vec<(usize, &str)> = t.split(' ').scan(0, |at, w| {
                    let start = *at;
                    *at += w.len() + 1;
                    Some((start, w))
                }).collect();
                for (k, &(start, w)) in tokens.iter().enumerate().skip(1) {
                    let bare = w.trim_end_matches([',', '.', ';', ':']);
                    let before = tokens[k - 1].1;
                    let after = tokens.get(k + 1).map(|x| x.1.to_lowercase()).unwrap_or_default();
                    let word_before = before.chars().filter(|c| c.is_alphabetic()).count() >= 3 && before.chars().all(char::is_alphabetic) && !TAKES_NUMBER.contains(&before.to_lowercase().as_str());
                    if bare == number && word_before && !UNITS.iter().any(|u| after.starts_with(u)) {
                        candidates.push((i, start - 1, start + bare.len()));
                    }
                }
            }
            if let [(i, s, e)] = candidates[..] {
                notes[n].marker_line = Some(lines[i].no);
                if s == 0 && e == lines[i].text.len() {
                    // The number alone: the marker goes after the line before it.
                    let p = body[body.iter().position(|&x| x == i).unwrap_or(1).saturating_sub(1)];
                    lines[p].text.push_str(&placeholder(&notes[n].label));
                    lines[i].gone = Some(Gone::Footnote);
                    report.warnings.push((lines[i].no, format!("getal {number} op een eigen regel gelezen als verwijzing naar voetnoot {number}, na regel {} (onzeker: controleer de plaats)", lines[p].no)));
                } else {
                    report.warnings.push((lines[i].no, format!("'{}' gelezen als verwijzing naar voetnoot {number} (onzeker: controleer de plaats)", &lines[i].text[s + 1..e])));
                    apply_edits(&mut lines[i].text, vec![(s, e, placeholder(&notes[n].label))]);
                }
            }
        }
        // Symbols OCR made of the numbers: only when there are exactly as many as footnotes left.
        let left: Vec<usize> = in_seg.iter().copied().filter(|&n| notes[n].marker_line.is_none()).collect();
        if left.is_empty() {
            continue;
        }
        let symbols: Vec<(usize, usize, usize, String)> = body
            .iter()
            .enumerate()
            .flat_map(|(b, &i)| {
                let previous = if b > 0 { lines[body[b - 1]].text.as_str() } else { "" };
                garbled_markers(&lines[i].text, previous).into_iter().map(move |(s, e, r)| (i, s, e, r))
            })
            .collect();
        if symbols.len() != left.len() {
            continue;
        }
        let mut per_line: BTreeMap<usize, Vec<(usize, usize, String)>> = BTreeMap::new();
        for (&n, (i, s, e, run)) in left.iter().zip(symbols) {
            notes[n].marker_line = Some(lines[i].no);
            report.warnings.push((lines[i].no, format!("'{run}' na '{}' gelezen als verwijzing naar voetnoot {} (onzeker: controleer de plaats)", word_before(&lines[i].text, s), notes[n].number)));
            per_line.entry(i).or_default().push((s, e, placeholder(&notes[n].label)));
        }
        for (i, edits) in per_line {
            apply_edits(&mut lines[i].text, edits);
        }
    }
}

/// Words a number follows as part of what they name, not as a footnote: `groep 8`, `artikel 3`.
const TAKES_NUMBER: &[&str] = &[
    "groep", "groepen", "artikel", "artikelen", "lid", "hoofdstuk", "paragraaf", "bijlage", "fase", "stap", "niveau", "klas", "leerjaar", "week", "jaar", "cluster", "categorie", "tabel",
    "figuur", "versie", "nummer", "pagina", "blz", "punt", "ronde", "route", "optie", "doel", "speerpunt", "ambitie", "programma", "budget", "zone", "deel",
];

/// Words after a number that make it a quantity or a date: `12 weken`, `3 procent`, `15 maart`.
const UNITS: &[&str] = &[
    "procent", "%", "jaar", "jaren", "week", "weken", "dag", "dagen", "maand", "leerling", "scholen", "school", "keer", "uur", "euro", "minuten", "personen", "mensen", "kinderen", "ouders",
    "fte", "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december",
];

fn word_before(t: &str, end: usize) -> &str {
    let before = &t[..end];
    let start = before.rfind(' ').map(|p| p + 1).unwrap_or(0);
    &before[start..]
}

fn apply_edits(text: &mut String, mut edits: Vec<(usize, usize, String)>) {
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    for (s, e, with) in edits {
        text.replace_range(s..e, &with);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footnote_markers() {
        assert_eq!(digit_markers("voor ouders2, en").len(), 1);
        assert_eq!(digit_markers("te voorkomen!2. De")[0].2, "12");
        assert!(digit_markers("P3 Basisondersteuning 102.000").is_empty());
        assert!(digit_markers("groep 6, 7 en 8").is_empty());
        assert_eq!(garbled_markers("ouders?, docenten", "").len(), 1);
        assert!(garbled_markers("Wat is dit? Dat", "").is_empty());
        assert!(garbled_markers("de ‘warme overdracht’ en", "").is_empty());
        assert!(garbled_markers("school overstijgen'.", "aan het criterium ‘als de").is_empty());
        assert_eq!(garbled_markers("het samenwerkingsverband’.", "").len(), 1);
    }
}
