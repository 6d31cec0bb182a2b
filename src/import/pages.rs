//! Pass 4, pages: running headers and footers and lone page numbers are removed; a removed
//! header or footer marks a page break; the text is cut into page segments.
//!
//! Why: every page of the PDF repeats its header and footer (`Ondersteuningsplan 2024-2028 |
//! 12`), and extraction puts them in the middle of the running text, often mid-sentence. They
//! are found as lines that repeat at the edges of pages, compared with their digits ignored so
//! that `Plan 2024 | 12` and `Plan 2024 | 13` are one line. Page segments matter later: a
//! footnote's marker is looked for on its own page.

use super::lines::{Gone, Line};
use super::report::{Report, RunningLine};
use super::shape::{bullet, ends_terminal, parse_heading_syntax, starts_lower, words};
use std::collections::BTreeMap;

/// Page number of each line (0-based), counting page starts of lines not yet removed.
fn page_of(lines: &[Line]) -> Vec<usize> {
    let mut page = 0;
    let mut out = Vec::with_capacity(lines.len());
    let mut seen_text = false;
    for l in lines {
        if l.page_start && !l.text.is_empty() && seen_text {
            page += 1;
        }
        if !l.text.is_empty() {
            seen_text = true;
        }
        out.push(page);
    }
    out
}

/// Whether line `i` is among the first or last `n` non-blank lines of its page.
fn edges(lines: &[Line], n: usize) -> Vec<bool> {
    let pages = page_of(lines);
    let mut by_page: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, l) in lines.iter().enumerate() {
        if !l.text.is_empty() && l.gone != Some(Gone::Toc) {
            by_page.entry(pages[i]).or_default().push(i);
        }
    }
    let mut out = vec![false; lines.len()];
    for idx in by_page.values() {
        for (k, &i) in idx.iter().enumerate() {
            if k < n || k + n >= idx.len() {
                out[i] = true;
            }
        }
    }
    out
}

/// The line with a page number before or after it dropped (`12`, `- 12 -`, `12/40`, `pagina
/// 12`), so the footer of every page has the same key. Other digits are compared as written:
/// a line that repeats its shape with other figures (`1-10-2011 336, waarvan 29 JRK`) is data,
/// not page furniture.
fn running_key(t: &str) -> Option<String> {
    // Numbered headings differ only in their number ("Bijlage 1", "Bijlage 2"): compare those
    // as written, so only a heading repeated word for word counts as a running header.
    if parse_heading_syntax(t).is_some() {
        let key = t.to_lowercase();
        return (key.chars().filter(|c| c.is_alphabetic()).count() >= 3).then_some(key);
    }
    let lower = t.to_lowercase();
    let mut words: Vec<&str> = lower.split_whitespace().collect();
    let number = |w: &str| {
        let w = w.trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | '-' | '–'));
        let digits = |x: &str| (1..=3).contains(&x.len()) && x.chars().all(|c| c.is_ascii_digit());
        digits(w) || w.split_once('/').is_some_and(|(a, b)| digits(a) && digits(b))
    };
    let punct = |w: &str| matches!(w, "-" | "–" | "—" | "|" | "·");
    let label = |w: &str| matches!(w, "pagina" | "page" | "blz." | "blz" | "p." | "van" | "of");
    // `pagina 3 van 40`, `- 3 -`, `3 |`: numbers with their label words and marks; marks
    // and words alone are left.
    let strip = |words: &mut Vec<&str>, at_end: bool| {
        let (mut numbers, mut take) = (0, 0);
        let mut cut = 0;
        while take + 1 < words.len() {
            let w = if at_end { words[words.len() - 1 - take] } else { words[take] };
            if number(w) && numbers < 2 {
                numbers += 1;
                cut = take + 1;
            } else if !(punct(w) || label(w)) {
                break;
            }
            take += 1;
        }
        // Marks and label words right after (or before) the last number go with it.
        while cut < take {
            let w = if at_end { words[words.len() - 1 - cut] } else { words[cut] };
            if punct(w) || (label(w) && cut > 0) {
                cut += 1;
            } else {
                break;
            }
        }
        if numbers > 0 {
            if at_end {
                words.truncate(words.len() - cut);
            } else {
                words.drain(..cut);
            }
        }
    };
    strip(&mut words, true);
    strip(&mut words, false);
    let key = words.join(" ");
    (key.chars().filter(|c| c.is_alphabetic()).count() >= 3).then_some(key)
}

/// Lines that repeat at the edges of pages. Three or more occurrences, mostly at a page edge;
/// or two, both at an edge, that look like a footer (three words or more with a digit, `|` or
/// a dash). Sentences (ending in punctuation or starting in lower case), list items and
/// headings are never taken, except that a heading repeated on every page keeps its first
/// occurrence.
pub(super) fn remove_running_lines(lines: &mut [Line], report: &mut Report) {
    let pages = page_of(lines).last().copied().unwrap_or(0) + 1;
    let at_edge = edges(lines, 2);
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, l) in lines.iter().enumerate() {
        if l.kept() {
            if let Some(key) = running_key(&l.text) {
                groups.entry(key).or_default().push(i);
            }
        }
    }
    let mut found: Vec<RunningLine> = Vec::new();
    for occ in groups.values() {
        let n = occ.len();
        if n < 2 {
            continue;
        }
        let sample = &lines[occ[0]].text;
        if ends_terminal(sample) || sample.ends_with(',') || starts_lower(sample) || bullet(sample).is_some() {
            continue;
        }
        let heading = parse_heading_syntax(sample).is_some();
        let at_edges = occ.iter().filter(|&&i| at_edge[i]).count();
        let shape = words(sample) >= 3 && (sample.chars().any(|c| c.is_ascii_digit()) || sample.contains(['|', '—', '–', '·']) || sample.contains(" - "));
        let spread = occ.windows(2).all(|w| lines[w[1]].no - lines[w[0]].no >= 15);
        let remove = if pages > 1 {
            (n >= 3 && at_edges * 2 >= n) || (n == 2 && at_edges == 2 && shape && !heading) || (n >= 5 && shape && spread)
        } else {
            n >= 3 && shape && spread
        };
        if !remove || (heading && n < 3) {
            continue;
        }
        let targets: Vec<usize> = if heading { occ[1..].to_vec() } else { occ.clone() };
        for &i in &targets {
            lines[i].gone = Some(Gone::Running);
        }
        found.push(RunningLine { text: sample.clone(), lines: targets.iter().map(|&i| lines[i].no).collect() });
    }
    found.sort_by_key(|r| r.lines[0]);
    report.running = found;
}

fn is_page_number(t: &str) -> bool {
    let lower = t.to_lowercase();
    let mut s = lower.trim_matches(|c: char| c == '-' || c == '–' || c == '—' || c == ' ' || c == '|');
    for prefix in ["pagina ", "page ", "blz. ", "blz ", "p. "] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest;
        }
    }
    let number = |x: &str| (1..=3).contains(&x.len()) && x.chars().all(|c| c.is_ascii_digit());
    if number(s) {
        return true;
    }
    for sep in ["/", " / ", " van ", " of "] {
        if let Some((a, b)) = s.split_once(sep) {
            if number(a.trim()) && number(b.trim()) {
                return true;
            }
        }
    }
    false
}

/// Lone page numbers: at the edge of a page, or (without page marks) on their own between
/// blank lines, counting up.
pub(super) fn remove_page_numbers(lines: &mut [Line], report: &mut Report) {
    let pages = page_of(lines).last().copied().unwrap_or(0) + 1;
    let at_edge = edges(lines, 3);
    let candidates: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].kept() && is_page_number(&lines[i].text)).collect();
    let chosen: Vec<usize> = if pages > 1 {
        // Page numbers go up through the document: a number at a page edge that does not
        // continue them (a table cell, a count) stays in the text.
        let value = |i: usize| lines[i].text.chars().filter(char::is_ascii_digit).take(3).collect::<String>().parse::<u32>().unwrap_or(0);
        let mut last: Option<u32> = None;
        let mut chosen = Vec::new();
        for i in candidates.into_iter().filter(|&i| at_edge[i]) {
            let v = value(i);
            if last.is_none_or(|l| v > l && v <= l + 10) {
                last = Some(v);
                chosen.push(i);
            } else {
                report.warnings.push((lines[i].no, format!("\"{}\" staat aan de rand van een pagina maar volgt de paginanummers niet; als tekst behouden", lines[i].text)));
            }
        }
        chosen
    } else {
        let alone: Vec<usize> = candidates
            .into_iter()
            .filter(|&i| (i == 0 || lines[i - 1].text.is_empty()) && lines.get(i + 1).is_none_or(|l| l.text.is_empty()))
            .collect();
        let numbers: Vec<u32> = alone.iter().map(|&i| lines[i].text.chars().filter(char::is_ascii_digit).take(3).collect::<String>().parse().unwrap_or(0)).collect();
        if alone.len() >= 3 && numbers.windows(2).all(|w| w[1] > w[0]) {
            alone
        } else {
            Vec::new()
        }
    };
    for i in chosen {
        lines[i].gone = Some(Gone::PageNumber);
        report.page_numbers.push(lines[i].no);
    }
}

/// A removed footer ends a page and a removed header starts one: the next line of text starts
/// a page.
pub(super) fn carry_page_starts(lines: &mut [Line]) {
    let mut carry = false;
    for l in lines.iter_mut() {
        match l.gone {
            Some(Gone::Running | Gone::PageNumber) => carry = true,
            Some(_) => carry |= l.page_start,
            None if l.text.is_empty() => {}
            None => {
                if carry {
                    l.page_start = true;
                }
                carry = false;
            }
        }
    }
}

/// Line ranges of pages (segments), by page starts of the lines still in the text.
pub(super) fn segments(lines: &[Line]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, l) in lines.iter().enumerate() {
        if i > start && l.page_start && l.kept() && lines[start..i].iter().any(Line::kept) {
            out.push(start..i);
            start = i;
        }
    }
    out.push(start..lines.len());
    out
}
