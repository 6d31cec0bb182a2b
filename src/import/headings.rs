//! Pass 8, headings: every line that is not a table row is decided to be a chapter heading
//! (numbered chapters in sequence, `Hoofdstuk 3`, `Bijlage 2`), a section heading (`1.1`,
//! `3.7.1`, Roman numerals, short title lines between paragraphs) or text.
//!
//! Why: a heading in a PDF is told apart by its font, which extraction loses; what is left is a
//! number and a short line, and the same shape also starts numbered lists, dates and sentences
//! (`2022 was een goed jaar`). So a chapter number must follow the one before it (or start
//! over, with a warning), a title may run on to a second line, and a number alone may have its
//! title on the next line.

use super::lines::{gap_between, ChapterHead, Kind, Line};
use super::report::Report;
use super::shape::{bullet, ends_terminal, has_url, heading_like, numbered_item, parse_heading_syntax, starts_lower, starts_upper, table_row, title_like, words, Row, SynKind};
use super::tables::mark_tables;
use super::toc::title_key;
use std::collections::HashMap;

/// The first numbered section (`a.b`) after position `k`, before the next chapter `n + 1`,
/// `Hoofdstuk` or `Bijlage`.
fn next_section(lines: &[Line], nb: &[usize], k: usize, n: u32) -> Option<(u32, u32)> {
    for &i in nb.iter().skip(k + 1).take(800) {
        let Some(s) = parse_heading_syntax(&lines[i].text) else { continue };
        match &s.kind {
            SynKind::Bijlage(_) | SynKind::Hoofdstuk(_) => return None,
            SynKind::Num(c, _) if c.len() == 1 && c[0] == n + 1 && heading_like(&s.title) => return None,
            SynKind::Num(c, _) if c.len() >= 2 && heading_like(&s.title) && table_row(&s.title) == Row::No => return Some((c[0], c[1])),
            _ => {}
        }
    }
    None
}

/// How a section number fits the numbering so far.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Fit {
    /// The next number: `2.3` after `2.2`, `2.2.1` after `2.2`, `2.4` after `2.3.5`.
    Exact,
    /// Plausible with a heading lost in between: `2.5` after `2.3`, `2.2` as the first of
    /// chapter 2.
    Near,
    /// The first section of the next chapter (`3.1` while in chapter 2): chapter 3 started
    /// without a heading of its own that was recognised. `true` when exactly `n.1`.
    Implied(bool),
    No,
}

/// Where section number `c` (two parts or more) fits, given the chapter and the last section
/// number accepted in it (`last` starts with the chapter number). A number that goes back,
/// repeats, jumps far ahead or belongs to another chapter does not fit: it is a list item, a
/// table cell or a cross-reference.
fn fit(chapter: Option<u32>, last: &[u32], c: &[u32]) -> Fit {
    let starts = |rest: &[u32]| {
        if rest.iter().all(|&x| x == 1) {
            Some(true)
        } else if rest.iter().all(|&x| x <= 2) && rest.len() == 1 {
            Some(false)
        } else {
            None
        }
    };
    let Some(cur) = chapter else {
        return match starts(&c[1..]) {
            Some(exact) if c[0] <= 30 => Fit::Implied(exact && c[0] == 1),
            _ => Fit::No,
        };
    };
    if c[0] == cur + 1 {
        return match starts(&c[1..]) {
            Some(exact) => Fit::Implied(exact),
            None => Fit::No,
        };
    }
    if c[0] != cur {
        return Fit::No;
    }
    continues(last, c)
}

/// Whether numbering `c` continues after `last` (empty: nothing numbered yet): the next
/// sibling of `last` or of one of its parents (exact), or its first child; a skip of up to
/// three, or a first child numbered 2, is near.
fn continues(last: &[u32], c: &[u32]) -> Fit {
    if last.is_empty() {
        return if c.iter().all(|&x| x == 1) {
            Fit::Exact
        } else if c.len() == 1 && c[0] <= 3 {
            Fit::Near
        } else {
            Fit::No
        };
    }
    let common = last.iter().zip(c).take_while(|(a, b)| a == b).count();
    if common == last.len() {
        // Deeper than the last one: its first child.
        if c.len() != last.len() + 1 {
            return Fit::No;
        }
        return match c[last.len()] {
            1 => Fit::Exact,
            2 => Fit::Near,
            _ => Fit::No,
        };
    }
    if common == c.len() || c[common] < last[common] {
        return Fit::No;
    }
    // A later sibling of the last one or of one of its parents.
    let step = c[common] - last[common];
    let rest = &c[common + 1..];
    if step == 1 && rest.iter().all(|&x| x == 1) {
        Fit::Exact
    } else if step <= 3 && rest.iter().all(|&x| x <= 2) {
        Fit::Near
    } else {
        Fit::No
    }
}

/// How the document itself writes each word in ordinary (mixed-case) text, by its lower-case
/// form: the most common spelling, not counting the first word of a line or a sentence (which
/// has a capital anyway). An ALL-CAPS title is put in sentence case with these: acronyms
/// (`VSO`), names (`Rijnstreek`) and ordinary words (`scholen`) come out as the text has them.
fn casing(lines: &[Line], nb: &[usize]) -> HashMap<String, String> {
    let mut counts: HashMap<String, HashMap<String, usize>> = HashMap::new();
    for &i in nb {
        let t = &lines[i].text;
        if !t.chars().any(char::is_lowercase) {
            continue;
        }
        let mut sentence_start = true;
        for token in t.split_whitespace() {
            for w in token.split(|c: char| !c.is_alphabetic()).filter(|w| w.chars().count() >= 2) {
                if !sentence_start {
                    *counts.entry(w.to_lowercase()).or_default().entry(w.to_string()).or_insert(0) += 1;
                }
            }
            sentence_start = token.ends_with(['.', '!', '?', ':']);
        }
    }
    counts.into_iter().filter_map(|(lower, forms)| forms.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map(|(form, _)| (lower, form))).collect()
}

/// Whether `t` is written in capitals only (two letters or more).
fn all_caps(t: &str) -> bool {
    t.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !t.chars().any(char::is_lowercase)
}

/// An ALL-CAPS title in sentence case: each word as the document writes it elsewhere
/// ([`casing`]), a word it does not use elsewhere in lower case unless it has no vowel
/// (`SWV`), and the first letter a capital.
fn sentence_case(t: &str, casing: &HashMap<String, String>) -> String {
    if !all_caps(t) {
        return t.to_string();
    }
    let mut out = String::with_capacity(t.len());
    let mut word = String::new();
    let mut first = true;
    let flush = |word: &mut String, out: &mut String, first: &mut bool| {
        if word.is_empty() {
            return;
        }
        let lower = word.to_lowercase();
        let vowelless = word.chars().count() >= 2 && !lower.chars().any(|c| "aeiouyàáâäèéêëìíîïòóôöùúûü".contains(c));
        let form = match casing.get(&lower) {
            Some(form) => form.clone(),
            None if vowelless => word.clone(),
            None => lower,
        };
        if *first {
            let mut cs = form.chars();
            if let Some(c) = cs.next() {
                out.extend(c.to_uppercase());
                out.push_str(cs.as_str());
            }
        } else {
            out.push_str(&form);
        }
        *first = false;
        word.clear();
    };
    for c in t.chars() {
        if c.is_alphabetic() {
            word.push(c);
        } else {
            flush(&mut word, &mut out, &mut first);
            out.push(c);
        }
    }
    flush(&mut word, &mut out, &mut first);
    out
}

/// A title and the line it runs on to: glued after a `/`, else with a space.
fn join_title(title: &str, more: &str) -> String {
    if title.ends_with('/') {
        format!("{title}{more}")
    } else {
        format!("{title} {more}")
    }
}

/// Whether a title on one line goes on on the next: it ends in a joining word or mark, or both
/// are in capitals.
fn title_goes_on(title: &str, next: &str) -> bool {
    const JOINING: &[&str] = &["en", "of", "van", "voor", "de", "het", "een", "met", "in", "op", "naar", "tot", "bij", "over", "door", "aan", "en/of"];
    let last = title.rsplit(' ').next().unwrap_or("").to_lowercase();
    let ends_open = title.ends_with(['/', '-', '&', ',']) && !title.ends_with(" -") || JOINING.contains(&last.as_str());
    (ends_open || (all_caps(title) && all_caps(next))) && parse_heading_syntax(next).is_none() && !ends_terminal(next) && words(next) <= 8 && bullet(next).is_none()
}

/// Words after which a number at the start of the next line is a reference, not a heading.
const REFERRING: &[&str] = &["zie", "paragraaf", "paragrafen", "hoofdstuk", "hoofdstukken", "bijlage", "bijlagen", "artikel", "lid", "par", "in", "onder", "van", "en", "tot", "uit", "op", "met", "volgens"];

/// The appendix label expected after `label`: `2` after `1`, `B` after `A`.
fn next_label(label: &str) -> Option<String> {
    if let Ok(n) = label.parse::<u32>() {
        return Some((n + 1).to_string());
    }
    let mut cs = label.chars();
    match (cs.next(), cs.next()) {
        (Some(c), None) if c.is_ascii_uppercase() && c != 'Z' => Some(char::from(c as u8 + 1).to_string()),
        _ => None,
    }
}

/// Decide for every line what it is: chapter heading, heading, table row or text.
///
/// Chapters and numbered sections follow a model of the document's numbering: a chapter
/// number must be the next one (a list `1. 2. 3. 4.` inside a chapter is not a run of
/// chapters), a section number must continue the sequence ([`fit`]), and a section `n.1`
/// while in chapter `n - 1` starts chapter `n` when its heading was not recognised. A number
/// that fits exactly is a heading even without a blank line before it (a heading at the top
/// of a page, run on from the page before).
pub(super) fn classify(lines: &[Line], report: &mut Report) -> Vec<Kind> {
    let nb: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].kept()).collect();
    let mut kinds = vec![Kind::Text; lines.len()];
    mark_tables(lines, &nb, &mut kinds, report);
    let casing = casing(lines, &nb);
    let caps = |t: &str| sentence_case(t, &casing);

    let mut chapter: Option<u32> = None;
    let mut chapter_title = String::new();
    // The last section number accepted, starting with the chapter number.
    let mut last: Vec<u32> = Vec::new();
    let mut in_bijlagen = false;
    let mut last_bijlage: Option<String> = None;
    let mut numbered_level: u8 = 1;
    let mut prev_heading = false;
    // Where the last chapter-like line that was not taken as a chapter stood, and its number:
    // the next number right after it is a list item too.
    let mut last_item: Option<(usize, u32)> = None;
    for k in 0..nb.len() {
        let i = nb[k];
        if !matches!(kinds[i], Kind::Text) {
            prev_heading = false;
            continue;
        }
        let t = lines[i].text.as_str();
        let fresh = k == 0 || prev_heading || gap_between(lines, nb[k - 1], i);
        // Without a blank line before it, only a number that continues the numbering exactly
        // can start a heading, and not after a word that refers to one (`zie paragraaf`).
        let refers = k > 0 && !prev_heading && {
            let p = lines[nb[k - 1]].text.to_lowercase();
            let last_word = p.rsplit(' ').next().unwrap_or("").trim_matches(|c: char| !c.is_alphanumeric()).to_string();
            p.ends_with('-') || (!ends_terminal(&p) && REFERRING.contains(&last_word.as_str()))
        };
        prev_heading = false;
        let syn = parse_heading_syntax(t);
        if !fresh && (refers || syn.is_none()) {
            continue;
        }
        let next = nb.get(k + 1).copied();
        let next_adjacent = next.filter(|&j| !gap_between(lines, i, j));
        let next_is_text = next.is_some_and(|j| matches!(kinds[j], Kind::Text));
        // A heading's text must not run on into a lower-case line; a short run-on is part of it.
        let runs_on = |j: usize| starts_lower(&lines[j].text) && numbered_item(&lines[j].text).is_none() && bullet(&lines[j].text).is_none();
        let continuation = |title: &str| -> Option<Option<usize>> {
            match (next_adjacent, next) {
                (Some(j), _) if runs_on(j) => {
                    let c = &lines[j].text;
                    let joined = join_title(title, c);
                    let after = nb.get(k + 2).map(|&x| lines[x].text.as_str()).unwrap_or("");
                    (words(c) <= 6 && !ends_terminal(c) && !c.ends_with(',') && heading_like(&joined) && !starts_lower(after)).then_some(Some(j))
                }
                (Some(j), _) if title_goes_on(title, &lines[j].text) && heading_like(&join_title(title, &lines[j].text)) => Some(Some(j)),
                // Text that goes on in lower case after a blank line: the line was not a title.
                (None, Some(j)) if runs_on(j) => None,
                _ => Some(None),
            }
        };
        let mut decided: Option<(Kind, Option<usize>)> = None;
        if let Some(syn) = &syn {
            // A number or label alone, with the title on the next line.
            let (title, title_line) = if syn.title.is_empty() {
                match next {
                    Some(j) if next_is_text && title_like(&lines[j].text) && parse_heading_syntax(&lines[j].text).is_none() => (lines[j].text.clone(), Some(j)),
                    _ => (String::new(), None),
                }
            } else {
                (syn.title.clone(), None)
            };
            let cont = if title_line.is_some() || title.is_empty() { Some(None) } else { continuation(&title) };
            let title_ok = !title.is_empty() && heading_like(&title) && table_row(&title) != Row::Strong;
            let full_of = |c: Option<usize>| caps(&c.map(|j| join_title(&title, &lines[j].text)).unwrap_or(title.clone()));
            // A number right after the one before it, which was not a chapter: a list.
            let in_list = |n: u32| last_item.is_some_and(|(at, m)| m + 1 == n && at + 3 >= k);
            match (&syn.kind, cont) {
                (_, None) => {}
                (SynKind::Bijlage(label), Some(c))
                    if (title.is_empty() || title_ok) && (fresh || last_bijlage.as_ref().map_or(label == "1" || label == "A", |l| next_label(l).as_ref() == Some(label))) =>
                {
                    let full = full_of(c);
                    in_bijlagen = true;
                    last_bijlage = Some(label.clone());
                    chapter = None;
                    last.clear();
                    decided = Some((Kind::Chapter(ChapterHead { number: None, bijlage: Some(label.clone()), title: full }), title_line.or(c)));
                }
                (SynKind::Hoofdstuk(n), Some(c)) if (title.is_empty() || title_ok) && !in_bijlagen => {
                    let n = *n;
                    let accept = match chapter {
                        None => fresh,
                        Some(cur) if n == cur + 1 => true,
                        Some(cur) if n > cur && fresh => {
                            let ahead = next_section(lines, &nb, k, n).is_none_or(|(a, _)| a == n);
                            if ahead {
                                report.warnings.push((lines[i].no, format!("hoofdstuk {n} volgt op hoofdstuk {cur}: hoofdstuk {} tot en met {} niet gevonden", cur + 1, n - 1)));
                            }
                            ahead
                        }
                        Some(_) => false,
                    };
                    if accept {
                        let full = full_of(c);
                        chapter = Some(n);
                        last = vec![n];
                        chapter_title = full.clone();
                        decided = Some((Kind::Chapter(ChapterHead { number: Some(n), bijlage: None, title: full }), title_line.or(c)));
                    }
                }
                (SynKind::Num(c, _), Some(cont)) if c.len() == 1 && !in_bijlagen && title_ok && words(&title) <= 12 => {
                    let n = c[0];
                    let section = next_section(lines, &nb, k, n);
                    let follows = section.is_none_or(|(a, _)| a == n);
                    let full = full_of(cont);
                    let accept = match chapter {
                        _ if in_list(n) => false,
                        None => n <= 30 && if fresh { follows } else { section == Some((n, 1)) },
                        Some(cur) if n == cur + 1 => if fresh { follows } else { section == Some((n, 1)) },
                        Some(cur) if n <= cur => {
                            let restart = fresh && section == Some((n, 1)) && title_key(&full) != title_key(&chapter_title);
                            if restart {
                                report.warnings.push((lines[i].no, format!("hoofdstuknummer {n} komt na hoofdstuk {cur} opnieuw voor; als nieuw hoofdstuk genomen")));
                            }
                            restart
                        }
                        Some(cur) => {
                            let ahead = fresh && section.is_some_and(|(a, _)| a == n);
                            if ahead {
                                report.warnings.push((lines[i].no, format!("hoofdstuk {n} volgt op hoofdstuk {cur}: hoofdstuk {} tot en met {} niet gevonden", cur + 1, n - 1)));
                            }
                            ahead
                        }
                    };
                    if accept {
                        chapter = Some(n);
                        last = vec![n];
                        chapter_title = full.clone();
                        decided = Some((Kind::Chapter(ChapterHead { number: Some(n), bijlage: None, title: full }), title_line.or(cont)));
                    } else {
                        last_item = Some((k, n));
                    }
                }
                (SynKind::Num(c, _), Some(cont)) if c.len() >= 2 && !in_bijlagen && title_ok && words(&title) <= 14 => {
                    let how = fit(chapter, &last, c);
                    let number: String = c.iter().map(u32::to_string).collect::<Vec<_>>().join(".");
                    let accept = match how {
                        Fit::Exact | Fit::Implied(true) => true,
                        Fit::Near | Fit::Implied(false) => fresh,
                        Fit::No => false,
                    };
                    if !accept && fresh {
                        report.warnings.push((lines[i].no, format!("\"{t}\" lijkt een kop, maar {number} past niet in de nummering (na {}); als tekst overgenomen", if last.is_empty() { "het begin".to_string() } else { last.iter().map(u32::to_string).collect::<Vec<_>>().join(".") })));
                    }
                    if accept {
                        let full = full_of(cont);
                        let level = c.len().min(6) as u8;
                        let heading = format!("{number} {full}");
                        if let Fit::Implied(_) = how {
                            let n = c[0];
                            // The chapter's title is the title-like line just before, if any.
                            let title_before = (k > 0)
                                .then(|| nb[k - 1])
                                .filter(|&p| {
                                    let pt = &lines[p].text;
                                    let unnumbered = matches!(&kinds[p], Kind::Text | Kind::Heading(..)) && parse_heading_syntax(pt).is_none();
                                    let numbered_same = matches!(&kinds[p], Kind::Text) && parse_heading_syntax(pt).is_some_and(|s| matches!(s.kind, SynKind::Num(ref x, _) if x == &[n]) && heading_like(&s.title));
                                    let alone = k < 2 || gap_between(lines, nb[k - 2], p);
                                    alone && (unnumbered || numbered_same) && title_like(&parse_heading_syntax(pt).map(|s| s.title).unwrap_or(pt.clone()))
                                });
                            let head = |title: String| ChapterHead { number: Some(n), bijlage: None, title };
                            match title_before {
                                Some(p) => {
                                    let title = caps(&parse_heading_syntax(&lines[p].text).map(|s| s.title).unwrap_or(lines[p].text.clone()));
                                    if !matches!(kinds[p], Kind::Heading(..)) {
                                        report.headings += 1;
                                    }
                                    report.warnings.push((lines[p].no, format!("hoofdstuk {n} begint zonder eigen kop: paragraaf {number} volgt; \"{title}\" als titel genomen")));
                                    chapter_title = title.clone();
                                    kinds[p] = Kind::Chapter(head(title));
                                    decided = Some((Kind::Heading(level, heading), title_line.or(cont)));
                                }
                                None => {
                                    report.warnings.push((lines[i].no, format!("hoofdstuk {n} begint zonder eigen kop: paragraaf {number} volgt; titel ontbreekt")));
                                    chapter_title = String::new();
                                    decided = Some((Kind::ChapterAndHeading(head(String::new()), level, heading), title_line.or(cont)));
                                }
                            }
                            chapter = Some(n);
                        } else {
                            if how == Fit::Near {
                                report.warnings.push((lines[i].no, format!("paragraaf {number} volgt op {}: tussenliggende kop niet gevonden", last.iter().map(u32::to_string).collect::<Vec<_>>().join("."))));
                            }
                            decided = Some((Kind::Heading(level, heading), title_line.or(cont)));
                        }
                        last = c.clone();
                        numbered_level = level;
                    }
                }
                (SynKind::Num(c, _), Some(cont))
                    if in_bijlagen && title_ok && words(&title) <= if c.len() == 1 { 10 } else { 14 } && (fresh || continues(&last, c) == Fit::Exact) =>
                {
                    // Appendices number their own parts; `last` follows them only to take a
                    // heading without a blank line before it where it fits exactly.
                    last = c.clone();
                    let level = (c.len() + 1).min(6) as u8;
                    let number: String = c.iter().map(u32::to_string).collect::<Vec<_>>().join(".");
                    let number = if c.len() == 1 { format!("{number}.") } else { number };
                    let full = full_of(cont);
                    numbered_level = level;
                    decided = Some((Kind::Heading(level, format!("{number} {full}")), title_line.or(cont)));
                }
                (SynKind::Roman(r), Some(None)) if fresh && title_ok && words(&title) <= 12 => {
                    numbered_level = 2;
                    decided = Some((Kind::Heading(2, format!("{r} {}", caps(&title))), None));
                }
                _ => {}
            }
        }
        if decided.is_none() && syn.is_none() && fresh && is_subhead(t) {
            let next_ok = next.is_some_and(|j| {
                let n = &lines[j].text;
                matches!(kinds[j], Kind::Text) && parse_heading_syntax(n).is_none() && (bullet(n).is_some() || (starts_upper(n) && words(n) >= 6)) && table_row(n) == Row::No
            });
            if next_ok {
                decided = Some((Kind::Heading((numbered_level + 1).min(4), caps(t)), None));
            }
        }
        if let Some((kind, consumed)) = decided {
            if let Kind::Chapter(_) = kind {
                numbered_level = 1;
            }
            kinds[i] = kind;
            if let Some(j) = consumed {
                kinds[j] = Kind::Consumed;
            }
            prev_heading = true;
            report.headings += 1;
        }
    }
    for (i, kind) in kinds.iter().enumerate() {
        let chapter = |h: &ChapterHead| match (&h.bijlage, h.number) {
            (Some(label), _) => format!("Bijlage {label}: {}", h.title),
            (None, Some(n)) => format!("{n}. {}", h.title),
            (None, None) => h.title.clone(),
        };
        match kind {
            Kind::Chapter(h) => report.outline.push((1, chapter(h), lines[i].no)),
            Kind::Heading(level, text) => report.outline.push((*level, text.clone(), lines[i].no)),
            Kind::ChapterAndHeading(h, level, text) => {
                report.outline.push((1, chapter(h), lines[i].no));
                report.outline.push((*level, text.clone(), lines[i].no));
            }
            _ => {}
        }
    }
    kinds
}

/// A short title line between paragraphs: one to eight words, a capital, no punctuation at the
/// end, no year (a date line is not a heading).
fn is_subhead(t: &str) -> bool {
    let w = words(t);
    (1..=8).contains(&w)
        && t.chars().count() <= 60
        && starts_upper(t)
        && !t.ends_with(['.', ',', ';', ':', '!', '?'])
        && !t.contains(':')
        && !has_url(t)
        && t.split_whitespace().any(|x| x.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        && !t.split_whitespace().any(|x| x.len() == 4 && x.chars().all(|c| c.is_ascii_digit()))
        && bullet(t).is_none()
        && numbered_item(t).is_none()
        && table_row(t) == Row::No
        && !t.contains('\u{e000}')
        // A line that ends in `en`, `van`, `de`, ... is a sentence broken by the page width.
        && !t.rsplit(' ').next().is_some_and(|w| ["en", "of", "van", "voor", "de", "het", "een", "met", "in", "op", "naar", "tot", "bij", "aan", "door", "die", "dat", "te"].contains(&w))
}
