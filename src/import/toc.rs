//! Pass 5, table of contents: runs of numbered titles with page numbers or dot leaders, or whose
//! titles come back as headings further on, are removed, with an "Inhoud" line just before.
//!
//! Why: a plan starts with a table of contents, and its lines look exactly like the chapter
//! headings they list (`3.2 Basisondersteuning ........ 14`). Left in, every chapter would be
//! found twice; the contents line often differs from the heading by a year or a word, so titles
//! are compared by their words.

use super::lines::{Gone, Line};
use super::report::Report;
use super::shape::{heading_like, parse_heading_syntax};
use std::collections::BTreeSet;

/// A table of contents entry: the title (normalised, for comparing with headings later),
/// whether it ends in a page number and whether it has dot leaders.
fn toc_entry(t: &str) -> Option<(String, bool, bool)> {
    let digits: usize = t.chars().rev().take_while(char::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let before = &t[..t.len() - digits];
        let leader = before.trim_end().ends_with("..") || before.trim_end().ends_with('…') || before.contains(". . .");
        let title = before.trim_end_matches(['.', '…', ' ', '_', '·']);
        let separated = before.ends_with(' ') || before.ends_with('.') || before.ends_with('…');
        if separated && title.chars().any(char::is_alphabetic) {
            if leader {
                return Some((title_key(title), true, true));
            }
            if parse_heading_syntax(title).is_some_and(|s| s.title.is_empty() || heading_like(&s.title)) {
                return Some((title_key(title), true, false));
            }
        }
    }
    let syn = parse_heading_syntax(t)?;
    (!syn.title.is_empty() && heading_like(&syn.title)).then(|| (title_key(t), false, false))
}

/// The words of a title without its numbering and a trailing page number.
fn title_words(t: &str) -> BTreeSet<String> {
    let title = parse_heading_syntax(t).map(|s| s.title).unwrap_or_else(|| t.to_string());
    title.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().any(char::is_alphabetic)).map(str::to_lowercase).collect()
}

/// Two titles are the same heading when the words of the shorter are (almost all) in the
/// longer: a contents line often has a year or word more or less than the heading.
fn similar_titles(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    !small.is_empty() && small.intersection(large).count() * 5 >= small.len() * 4 && small.len() * 2 >= large.len()
}

/// Lowercase letters of a title without its numbering, for comparing.
pub(super) fn title_key(t: &str) -> String {
    let title = parse_heading_syntax(t).map(|s| s.title).unwrap_or_else(|| t.to_string());
    title.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Runs of three or more contents entries (blank lines between them allowed) with page numbers,
/// or whose titles come back as headings later; a line with dot leaders and a page number on
/// its own; and an "Inhoud"/"Inhoudsopgave" line just before.
pub(super) fn remove_toc(lines: &mut [Line], report: &mut Report) {
    let nb: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].kept()).collect();
    let entries: Vec<Option<(String, bool, bool)>> = nb.iter().map(|&i| toc_entry(&lines[i].text)).collect();
    // Titles of every line that could be a heading, by position in `nb`.
    let heading_titles: Vec<(usize, BTreeSet<String>)> =
        nb.iter().enumerate().filter(|(_, &i)| parse_heading_syntax(&lines[i].text).is_some()).map(|(k, &i)| (k, title_words(&lines[i].text))).collect();
    let mut k = 0;
    while k < nb.len() {
        if entries[k].is_none() {
            k += 1;
            continue;
        }
        let start = k;
        // A title that repeats one earlier in the run is the real heading after the contents.
        let mut seen: Vec<BTreeSet<String>> = Vec::new();
        while k < nb.len() && entries[k].is_some() {
            let w = title_words(&lines[nb[k]].text);
            if seen.iter().any(|s| similar_titles(s, &w)) {
                break;
            }
            seen.push(w);
            k += 1;
        }
        // Contents lines have page numbers; a heading just after them has none.
        let with_page_total = (start..k).filter(|&j| entries[j].as_ref().is_some_and(|e| e.1)).count();
        if with_page_total >= 2 {
            while k > start && entries[k - 1].as_ref().is_some_and(|e| !e.1) {
                k -= 1;
            }
        }
        if k == start {
            k += 1;
            continue;
        }
        let run = start..k;
        let with_page = run.clone().filter(|&j| entries[j].as_ref().is_some_and(|e| e.1)).count();
        let leaders = run.clone().filter(|&j| entries[j].as_ref().is_some_and(|e| e.2)).count();
        let later = &heading_titles[heading_titles.partition_point(|(p, _)| *p < k)..];
        let recurring = run
            .clone()
            .filter(|&j| {
                let entry = title_words(&lines[nb[j]].text);
                !entry.is_empty() && later.iter().any(|(_, h)| similar_titles(&entry, h))
            })
            .count();
        let is_toc = (run.len() >= 3 && (with_page >= 2 || recurring >= 2)) || (leaders == run.len() && leaders >= 1);
        if !is_toc {
            continue;
        }
        let mut first = nb[start];
        if start > 0 {
            let prev = nb[start - 1];
            let t = lines[prev].text.to_lowercase();
            let t = t.trim_end_matches(':');
            if matches!(t, "inhoud" | "inhoudsopgave" | "inhoudstafel" | "inhoudsopgave en leeswijzer" | "table of contents") {
                first = prev;
            }
        }
        let last = nb[k - 1];
        for line in lines[first..=last].iter_mut() {
            if line.gone.is_none() {
                line.gone = Some(Gone::Toc);
            }
        }
        report.toc.push((lines[first].no, lines[last].no));
    }
}
