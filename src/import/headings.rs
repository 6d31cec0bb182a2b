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
use super::shape::{bullet, ends_terminal, has_url, heading_like, numbered_item, parse_heading_syntax, starts_lower, starts_upper, title_like, words, SynKind};
use super::tables::{mark_tables, table_row, Row};
use super::toc::title_key;

/// The first numbered section (`a.b`) after position `k`, before the next chapter `n + 1`,
/// `Hoofdstuk` or `Bijlage`.
fn next_section(lines: &[Line], nb: &[usize], k: usize, n: u32) -> Option<(u32, u32)> {
    for &i in nb.iter().skip(k + 1).take(800) {
        let Some(s) = parse_heading_syntax(&lines[i].text) else { continue };
        match &s.kind {
            SynKind::Bijlage(_) | SynKind::Hoofdstuk(_) => return None,
            SynKind::Num(c, _) if c.len() == 1 && c[0] == n + 1 && heading_like(&s.title) => return None,
            SynKind::Num(c, _) if c.len() >= 2 && heading_like(&s.title) => return Some((c[0], c[1])),
            _ => {}
        }
    }
    None
}

/// Decide for every line what it is: chapter heading, heading, table row or text.
pub(super) fn classify(lines: &[Line], report: &mut Report) -> Vec<Kind> {
    let nb: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].kept()).collect();
    let mut kinds = vec![Kind::Text; lines.len()];
    mark_tables(lines, &nb, &mut kinds, report);

    let mut chapter: Option<u32> = None;
    let mut chapter_title = String::new();
    let mut in_bijlagen = false;
    let mut numbered_level: u8 = 1;
    let mut prev_heading = false;
    for k in 0..nb.len() {
        let i = nb[k];
        if !matches!(kinds[i], Kind::Text) {
            prev_heading = false;
            continue;
        }
        let t = lines[i].text.as_str();
        let fresh = k == 0 || prev_heading || gap_between(lines, nb[k - 1], i);
        prev_heading = false;
        if !fresh {
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
                    let joined = format!("{title} {c}");
                    let after = nb.get(k + 2).map(|&x| lines[x].text.as_str()).unwrap_or("");
                    (words(c) <= 6 && !ends_terminal(c) && !c.ends_with(',') && heading_like(&joined) && !starts_lower(after)).then_some(Some(j))
                }
                // Text that goes on in lower case after a blank line: the line was not a title.
                (None, Some(j)) if runs_on(j) => None,
                _ => Some(None),
            }
        };
        let syn = parse_heading_syntax(t);
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
            let title_ok = !title.is_empty() && heading_like(&title);
            match (&syn.kind, cont) {
                (_, None) => {}
                (SynKind::Bijlage(label), Some(c)) if title.is_empty() || title_ok => {
                    let full = c.map(|j| format!("{title} {}", lines[j].text)).unwrap_or(title.clone());
                    in_bijlagen = true;
                    chapter = None;
                    decided = Some((Kind::Chapter(ChapterHead { number: None, bijlage: Some(label.clone()), title: full }), title_line.or(c)));
                }
                (SynKind::Hoofdstuk(n), Some(c)) if title.is_empty() || title_ok => {
                    let full = c.map(|j| format!("{title} {}", lines[j].text)).unwrap_or(title.clone());
                    chapter = Some(*n);
                    chapter_title = full.clone();
                    decided = Some((Kind::Chapter(ChapterHead { number: Some(*n), bijlage: None, title: full }), title_line.or(c)));
                }
                (SynKind::Num(c, _), Some(cont)) if c.len() == 1 && !in_bijlagen && title_ok && words(&title) <= 12 => {
                    let n = c[0];
                    let section = next_section(lines, &nb, k, n);
                    let follows = section.is_none_or(|(a, _)| a == n);
                    let full = cont.map(|j| format!("{title} {}", lines[j].text)).unwrap_or(title.clone());
                    let accept = match chapter {
                        None => n <= 30 && follows,
                        Some(cur) if n == cur + 1 => follows,
                        Some(cur) if n <= cur => {
                            let restart = section == Some((n, 1)) && title_key(&full) != title_key(&chapter_title);
                            if restart {
                                report.warnings.push((lines[i].no, format!("hoofdstuknummer {n} komt na hoofdstuk {cur} opnieuw voor; als nieuw hoofdstuk genomen")));
                            }
                            restart
                        }
                        Some(cur) => {
                            let ahead = section.is_some_and(|(a, _)| a == n);
                            if ahead {
                                report.warnings.push((lines[i].no, format!("hoofdstuk {n} volgt op hoofdstuk {cur}: hoofdstuk {} tot en met {} niet gevonden", cur + 1, n - 1)));
                            }
                            ahead
                        }
                    };
                    if accept {
                        chapter = Some(n);
                        chapter_title = full.clone();
                        decided = Some((Kind::Chapter(ChapterHead { number: Some(n), bijlage: None, title: full }), title_line.or(cont)));
                    }
                }
                (SynKind::Num(c, _), Some(cont)) if (c.len() >= 2 || in_bijlagen) && title_ok && words(&title) <= if c.len() == 1 { 10 } else { 14 } => {
                    let level = (c.len() + usize::from(in_bijlagen)).min(6) as u8;
                    if !in_bijlagen && c.len() >= 2 && chapter.is_some_and(|ch| ch != c[0]) {
                        report.warnings.push((lines[i].no, format!("paragraaf {} staat in hoofdstuk {}", t.split(' ').next().unwrap_or(""), chapter.unwrap_or(0))));
                    }
                    let number: String = c.iter().map(u32::to_string).collect::<Vec<_>>().join(".");
                    let number = if c.len() == 1 { format!("{number}.") } else { number };
                    let full = cont.map(|j| format!("{title} {}", lines[j].text)).unwrap_or(title.clone());
                    numbered_level = level;
                    decided = Some((Kind::Heading(level, format!("{number} {full}")), title_line.or(cont)));
                }
                (SynKind::Roman(r), Some(None)) if title_ok && words(&title) <= 12 => {
                    numbered_level = 2;
                    decided = Some((Kind::Heading(2, format!("{r} {title}")), None));
                }
                _ => {}
            }
        }
        if decided.is_none() && syn.is_none() && is_subhead(t) {
            let next_ok = next.is_some_and(|j| {
                let n = &lines[j].text;
                matches!(kinds[j], Kind::Text) && parse_heading_syntax(n).is_none() && (bullet(n).is_some() || (starts_upper(n) && words(n) >= 6))
            });
            if next_ok {
                decided = Some((Kind::Heading((numbered_level + 1).min(4), t.to_string()), None));
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
}
