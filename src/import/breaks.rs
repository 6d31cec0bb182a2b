//! Pass 5b, paragraph breaks: text with no blank lines at all (`pdftotext` without paragraph
//! breaks, copy and paste from some viewers) gets its paragraph ends back, as blank lines, so
//! the later passes see the same shape as in text that kept them.
//!
//! Why: the heading pass only trusts a title line or a number that does not continue the
//! numbering exactly when it stands apart, and without any blank line nothing stands apart: a
//! plan loses every unnumbered heading and every heading in its appendices. What is left to go
//! by is the typeset line: a paragraph ends where a sentence ends on a line well short of the
//! page width, and a title is a short line without a sentence end between a sentence end (or
//! a list, a table row or another title) and a new paragraph that starts with a capital.
//! Nothing is removed or joined here; a wrong break only splits a paragraph in two, and the
//! heading pass still checks every title against the numbering and its own rules.

use super::lines::Line;
use super::report::Report;
use super::shape::{bullet, ends_sentence, numbered_item, parse_heading_syntax, starts_upper, table_row, title_like, Row, SynKind};

/// Whether the text has (nearly) no blank lines between its lines of text: fewer than one in
/// fifty, over a text long enough to tell (twenty lines).
fn without_blank_lines(lines: &[Line], kept: &[usize]) -> bool {
    let blanks = (1..kept.len()).filter(|&k| (kept[k - 1] + 1..kept[k]).any(|x| lines[x].text.is_empty() && lines[x].gone.is_none())).count();
    kept.len() >= 20 && blanks * 50 <= kept.len()
}

/// Insert a blank line before every line that starts a paragraph or is a title, and after
/// every title, when the text has no blank lines of its own. Returns how many were inserted.
pub(super) fn recover_breaks(lines: &mut Vec<Line>, report: &mut Report) -> usize {
    let kept: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].kept()).collect();
    if !without_blank_lines(lines, &kept) {
        return 0;
    }
    // The page width in characters: the length most full lines reach (90th percentile).
    let mut lengths: Vec<usize> = kept.iter().map(|&i| lines[i].text.chars().count()).collect();
    lengths.sort_unstable();
    let width = lengths[lengths.len() * 9 / 10].max(20);
    let len = |i: usize| lines[i].text.chars().count();
    // Adjacent: no removed line or page start between (those already break).
    let adjacent = |a: usize, b: usize| !lines[b].page_start && (a + 1..b).all(|x| lines[x].gone.is_none() && !lines[x].text.is_empty());
    let list_item = |t: &str| bullet(t).is_some() || numbered_item(t).is_some();
    let opens = |t: &str| starts_upper(t) || bullet(t).is_some() || numbered_item(t).is_some() || t.starts_with(|c: char| c.is_ascii_digit());
    // A paragraph's first line: it starts like a sentence and runs to (near) the page width.
    let paragraph_start = |i: usize| starts_upper(&lines[i].text) && len(i) * 10 >= width * 6;
    // A title candidate: short, title-like, no sentence end, and what follows opens something.
    let short_title = |i: usize| {
        let t = &lines[i].text;
        let numbered = parse_heading_syntax(t).is_some_and(|s| !matches!(s.kind, SynKind::Roman(_)) || !s.title.is_empty());
        len(i) * 10 <= width * 7 && (title_like(t) || numbered) && table_row(t) == Row::No
    };
    let n = kept.len();
    // Titles, decided from the end: a title is followed by a paragraph, a list or another title.
    let mut title = vec![false; n];
    for k in (0..n).rev() {
        let i = kept[k];
        if !short_title(i) {
            continue;
        }
        let Some(&j) = kept.get(k + 1) else { continue };
        let next_ok = !adjacent(i, j) || paragraph_start(j) || bullet(&lines[j].text).is_some() || numbered_item(&lines[j].text).is_some() || title[k + 1];
        title[k] = next_ok;
    }
    // Where a break goes: before index k of `kept`.
    let mut before = vec![false; n];
    for k in 1..n {
        let (p, i) = (kept[k - 1], kept[k]);
        if !adjacent(p, i) {
            continue;
        }
        let pt = &lines[p].text;
        let closed = ends_sentence(pt);
        let after_block = closed || bullet(pt).is_some() || table_row(pt) != Row::No || (title[k - 1] && before[k - 1]);
        if title[k] && after_block {
            before[k] = true;
            if let Some(&j) = kept.get(k + 1) {
                if adjacent(i, j) {
                    before[k + 1] = true;
                }
            }
        } else if closed && len(p) * 10 < width * 8 && opens(&lines[i].text) {
            before[k] = true;
        } else if list_item(pt) && len(p) * 10 < width * 8 && starts_upper(&lines[i].text) && !list_item(&lines[i].text) {
            // A short list item followed by a sentence: the list has ended.
            before[k] = true;
        }
    }
    let count = before.iter().filter(|&&b| b).count();
    if count == 0 {
        return 0;
    }
    let mut out = Vec::with_capacity(lines.len() + count);
    let mut k = 0;
    for (i, line) in std::mem::take(lines).into_iter().enumerate() {
        if k < n && kept[k] == i {
            if before[k] {
                out.push(Line { no: line.no, text: String::new(), page_start: false, soft_hyphen: false, gone: None });
            }
            k += 1;
        }
        out.push(line);
    }
    *lines = out;
    report.warnings.push((
        1,
        format!("de tekst heeft geen witregels: {count} alinea-einden en koppen afgeleid uit zinseinden en regellengte (bladbreedte {width} tekens); controleer de alinea's"),
    ));
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        text.lines().enumerate().map(|(i, t)| Line { no: i + 1, text: t.to_string(), page_start: false, soft_hyphen: false, gone: None }).collect()
    }

    #[test]
    fn titles_and_paragraph_ends_get_a_blank_line() {
        let long = "De scholen in de regio werken samen aan een dekkend aanbod voor alle leerlingen die";
        let mut text = String::new();
        for _ in 0..14 {
            text.push_str(&format!("{long}\nondersteuning nodig hebben in de klas of daarbuiten, dichtbij huis en met de ouders erbij.\nZo blijft het kort.\n"));
        }
        text.push_str("Toelating\nDe commissie beslist over de toelating tot het speciaal onderwijs binnen zes weken na\nde aanvraag.\n");
        let mut ls = lines(&text);
        let mut report = Report::default();
        assert!(recover_breaks(&mut ls, &mut report) > 0);
        let out: Vec<&str> = ls.iter().map(|l| l.text.as_str()).collect();
        let at = out.iter().position(|&t| t == "Toelating").unwrap();
        assert_eq!((out[at - 1], out[at + 1]), ("", ""), "{out:?}");
        // A short sentence at the end of a paragraph ends it; a long line does not.
        let short = out.iter().position(|&t| t == "Zo blijft het kort.").unwrap();
        assert_eq!(out[short - 1], "ondersteuning nodig hebben in de klas of daarbuiten, dichtbij huis en met de ouders erbij.");
        assert_eq!(out[short + 1], "", "{out:?}");
        assert!(report.warnings[0].1.contains("geen witregels"));
    }

    #[test]
    fn text_with_blank_lines_is_left_alone() {
        let mut text = String::new();
        for _ in 0..30 {
            text.push_str("Een zin.\nKort\nDe volgende alinea begint hier en gaat nog even door tot het einde van de regel.\n\n");
        }
        let mut ls = lines(&text);
        let before = ls.len();
        assert_eq!(recover_breaks(&mut ls, &mut Report::default()), 0);
        assert_eq!(ls.len(), before);
    }
}
