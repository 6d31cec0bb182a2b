//! Pass 5a, columns: two columns of text that the extractor read across instead of down, one
//! line of the left column, then one of the right, and so on, are put back in reading order
//! (the left column, then the right one), with a warning naming the input lines.
//!
//! Why: `pdftotext` without `-layout` reads a page by text lines; where the two columns of a
//! page have their lines at the same height it can take them row by row, and every sentence is
//! then cut in half by a line of the other column. Joined as they stand, the paragraphs would
//! read as nonsense. The sign is in the line ends: a line that stops in the middle of a
//! sentence is not continued by the next line (which starts a new sentence, or a word that
//! cannot follow), but by the line after it. Only runs where that holds again and again are
//! touched; every line is kept, only their order changes.

use super::lines::Line;
use super::report::Report;
use super::shape::{bullet, ends_terminal, numbered_item, starts_lower, starts_upper, table_row, Row};

/// Line `b` can follow line `a`: `a` breaks off mid-sentence and `b` goes on in lower case,
/// or `a` ends a sentence and `b` starts the next with a capital.
fn fits(a: &str, b: &str) -> bool {
    let item = numbered_item(b).is_some() || bullet(b).is_some();
    (!ends_terminal(a) && starts_lower(b) && !item) || (ends_terminal(a) && !a.ends_with('-') && starts_upper(b))
}

/// Line `b` cannot follow line `a` in the same text: `a` stops mid-sentence and `b` starts a
/// new one with a capital, or `a` ends a sentence and `b` goes on in lower case.
fn broken(a: &str, b: &str) -> bool {
    let mid = !ends_terminal(a) && !a.ends_with(',');
    (mid && starts_upper(b) && numbered_item(b).is_none() && bullet(b).is_none()) || (ends_terminal(a) && starts_lower(b) && numbered_item(b).is_none() && bullet(b).is_none()) || (a.ends_with('-') && !starts_lower(b))
}

/// Find runs of interleaved columns among adjacent lines of text and put each run in column
/// order. Returns the input line ranges that were reordered.
pub(super) fn untangle(lines: &mut [Line], report: &mut Report) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    // The page width: the length most full lines reach (90th percentile). Lines of two columns
    // side by side are each well short of it.
    let mut lengths: Vec<usize> = lines.iter().filter(|l| l.kept()).map(|l| l.text.chars().count()).collect();
    lengths.sort_unstable();
    let width = lengths.get(lengths.len() * 9 / 10).copied().unwrap_or(0);
    let mut start = 0;
    // Runs of adjacent kept lines: no blank, removed or page-start line inside.
    while start < lines.len() {
        if !lines[start].kept() {
            start += 1;
            continue;
        }
        let mut end = start + 1;
        while end < lines.len() && lines[end].kept() && !lines[end].page_start {
            end += 1;
        }
        untangle_run(lines, start, end, width, report, &mut found);
        start = end;
    }
    found
}

/// Within the adjacent lines `from..to`, among lines well short of the page width, the
/// stretches where line `k` cannot be followed by
/// `k + 1` but can be by `k + 2` (twice or more, at most four lines apart), and no
/// line is cut off from the one two further on anywhere in the stretch. The stretch reaches
/// back to the start of the lines (and on to their end) where that holds there too.
fn untangle_run(lines: &mut [Line], from: usize, to: usize, width: usize, report: &mut Report, found: &mut Vec<(usize, usize)>) {
    if to - from < 6 {
        return;
    }
    let text = |i: usize| lines[i].text.as_str();
    let prose = |i: usize| table_row(text(i)) == Row::No && text(i).chars().count() * 10 <= width * 7;
    let skip_ok = |k: usize| prose(k) && prose(k + 2) && !broken(text(k), text(k + 2));
    let evidence: Vec<usize> = (from..to.saturating_sub(2))
        .filter(|&k| prose(k) && prose(k + 1) && prose(k + 2) && fits(text(k), text(k + 2)) && broken(text(k), text(k + 1)))
        .collect();
    let mut spans = Vec::new();
    let mut e = 0;
    while e < evidence.len() {
        let mut f = e;
        while f + 1 < evidence.len() && evidence[f + 1] - evidence[f] <= 4 {
            f += 1;
        }
        let (first_k, last_k) = (evidence[e], evidence[f]);
        if f - e + 1 >= 2 && (first_k..=last_k).all(skip_ok) {
            let a = if (from..first_k).all(skip_ok) { from } else { first_k };
            let b = if (last_k..to - 2).all(skip_ok) { to - 1 } else { (last_k + 3).min(to - 1) };
            // Whole rows: an even number of lines.
            let b = if (b - a) % 2 == 0 { b - 1 } else { b };
            if spans.last().is_none_or(|&(_, end)| a > end) {
                spans.push((a, b));
            }
        }
        e = f + 1;
    }
    for (a, b) in spans {
        {
            let span: Vec<Line> = lines[a..=b].to_vec();
            let left = span.iter().step_by(2);
            let right = span.iter().skip(1).step_by(2);
            for (slot, line) in lines[a..=b].iter_mut().zip(left.chain(right)) {
                *slot = line.clone();
            }
            let (first, last) = (span.first().map_or(0, |l| l.no), span.last().map_or(0, |l| l.no));
            report.warnings.push((
                first,
                format!("regels {first}-{last} lijken twee kolommen die regel om regel door elkaar staan; gelezen als eerst de linker-, dan de rechterkolom: controleer de volgorde met het origineel"),
            ));
            report.columns.push((first, last));
            found.push((first, last));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        text.lines().enumerate().map(|(i, t)| Line { no: i + 1, text: t.to_string(), page_start: false, soft_hyphen: false, gone: None }).collect()
    }

    #[test]
    fn interleaved_columns_are_read_column_by_column() {
        let left = ["Ouders zijn welkom op school. Zij", "kennen hun kind het best. Daarom", "praat de school met hen voordat", "er een plan komt. De school legt", "uit wat zij ziet en wat zij doet."];
        let right = ["Het loket helpt als het niet lukt.", "Een consulent komt dan op school", "en praat met de ouders en met de", "leraar. Samen zoeken zij een weg", "die past bij het kind en het gezin."];
        // Text across the page first, so the page width is known.
        let full = "Het samenwerkingsverband schrijft dit plan samen met de scholen, de ouders en de gemeenten.\n".repeat(6);
        let mixed: String = left.iter().zip(right).map(|(l, r)| format!("{l}\n{r}\n")).collect();
        let mut ls = lines(&format!("{full}\n{mixed}"));
        let mut report = Report::default();
        assert_eq!(untangle(&mut ls, &mut report), vec![(8, 17)]);
        let out: Vec<&str> = ls[7..].iter().map(|l| l.text.as_str()).collect();
        assert_eq!(out, left.iter().chain(right.iter()).copied().collect::<Vec<_>>());
        // Each line keeps its input line number.
        assert_eq!(ls[8].no, 10);
    }

    #[test]
    fn one_column_of_text_is_left_alone() {
        let text = "De scholen in het westen werken\nal jaren samen met de wijkteams\nvan de gemeente. Die houden elke\nweek spreekuur op school.\nOuders kunnen daar terecht met\nvragen over hun kind en over\nde hulp die de gemeente biedt.\n";
        let mut ls = lines(text);
        assert!(untangle(&mut ls, &mut Report::default()).is_empty());
    }
}
