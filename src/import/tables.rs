//! Pass 7, tables: runs of lines that look like rows of a table (several numbers, or cells
//! separated by `|`), or like its cells written out column by column, are marked, to be kept
//! line by line, with a warning.
//!
//! Why: extraction flattens a table into lines of loose words and numbers (`Basisschool De
//! Linde 412 398 -3%`). Joined into a paragraph they would be unreadable; the importer cannot
//! rebuild the columns either, so it keeps the rows as they are and asks the author to make a
//! Markdown table of them.

use super::lines::{gap_between, Kind, Line};
use super::report::Report;
use super::shape::{bullet, ends_terminal, figures, is_number_token, parse_heading_syntax, table_row, words, Row, SynKind};

/// Runs of table rows (two strong ones, or three rows in all), with short label lines and
/// lines glued between rows taken along; then tables written out column by column.
pub(super) fn mark_tables(lines: &[Line], nb: &[usize], kinds: &mut [Kind], report: &mut Report) {
    mark_row_tables(lines, nb, kinds, report);
    mark_column_tables(lines, nb, kinds, report);
}

/// A table that the extractor wrote out one column after the other (`pdftotext` without
/// `-layout` reads a table by columns when its cells are far apart): a run of six or more
/// short lines on one page, each one cell (a name, or a number alone), with three numbers or
/// more and two labels or more. The cells cannot be put back in rows reliably, so the lines
/// are kept one by one, and the warning asks the author to rebuild the table.
fn mark_column_tables(lines: &[Line], nb: &[usize], kinds: &mut [Kind], report: &mut Report) {
    let number_only = |t: &str| t.split_whitespace().all(is_number_token);
    let text: Vec<bool> = nb.iter().map(|&i| matches!(kinds[i], Kind::Text)).collect();
    let cell = |k: usize| {
        let t = &lines[nb[k]].text;
        text[k]
            && words(t) <= 4
            && t.chars().count() <= 40
            && !ends_terminal(t)
            && bullet(t).is_none()
            && (number_only(t) || parse_heading_syntax(t).is_none())
    };
    let mut k = 0;
    while k < nb.len() {
        if !cell(k) {
            k += 1;
            continue;
        }
        let start = k;
        while k + 1 < nb.len() && cell(k + 1) && !lines[nb[k + 1]].page_start {
            k += 1;
        }
        let run = &nb[start..=k];
        let numbers = run.iter().filter(|&&i| number_only(&lines[i].text)).count();
        let labels = run.len() - numbers;
        if run.len() >= 6 && numbers >= 3 && labels >= 2 && numbers * 4 >= run.len() {
            let id = report.tables.len();
            for &i in run {
                kinds[i] = Kind::Table(id);
            }
            let (first, last) = (lines[run[0]].no, lines[run[run.len() - 1]].no);
            report.tables.push((first, last));
            report.warnings.push((first, format!("regels {first}-{last} lijken een tabel die kolom voor kolom is uitgeschreven (een cel per regel); regel voor regel overgenomen: zet ze om naar een Markdown-tabel")));
        }
        k += 1;
    }
}

/// Runs of lines that each are a row of a table.
fn mark_row_tables(lines: &[Line], nb: &[usize], kinds: &mut [Kind], report: &mut Report) {
    // A numbered line is a row only when what follows the number is one (`1.4 Percentage
    // thuiszitters 0,2 0,1 0,1`, an indicator code and its figures), or the whole line is
    // clearly one (`1 Personeel 412.000 418.000`, a budget line; years do not count, so
    // `3.2 Begroting 2022 - 2026` stays a heading).
    let row_of = |t: &str| match parse_heading_syntax(t) {
        Some(s) if !matches!(s.kind, SynKind::Num(..)) => Row::No,
        Some(s) if table_row(&s.title) == Row::Strong || (figures(&s.title) >= 2 && table_row(t) == Row::Strong) => Row::Strong,
        Some(_) => Row::No,
        None => table_row(t),
    };
    let rows: Vec<Row> = nb.iter().map(|&i| row_of(&lines[i].text)).collect();
    let mut k = 0;
    while k < nb.len() {
        if rows[k] == Row::No {
            k += 1;
            continue;
        }
        let start = k;
        let mut end = k;
        let mut j = k + 1;
        loop {
            if j < nb.len() && rows[j] != Row::No {
                end = j;
                j += 1;
                continue;
            }
            // Up to three lines glued between rows, or one short label line.
            let mut bridged = None;
            for m in 1..=3 {
                let Some(&target) = nb.get(j + m - 1) else { break };
                let idx = j + m - 1;
                if rows[idx] != Row::No {
                    bridged = Some(idx);
                    break;
                }
                let _ = target;
            }
            let Some(to) = bridged else { break };
            let between = &nb[j..to];
            let glued = (j..=to).all(|x| !gap_between(lines, nb[x - 1], nb[x]));
            let label = between.len() == 1 && words(&lines[between[0]].text) <= 4 && !ends_terminal(&lines[between[0]].text) && bullet(&lines[between[0]].text).is_none();
            if glued || label {
                end = to;
                j = to + 1;
            } else {
                break;
            }
        }
        let strong = rows[start..=end].iter().filter(|r| **r == Row::Strong).count();
        let all = rows[start..=end].iter().filter(|r| **r != Row::No).count();
        if strong >= 2 || all >= 3 {
            let id = report.tables.len();
            for &i in &nb[start..=end] {
                kinds[i] = Kind::Table(id);
            }
            report.tables.push((lines[nb[start]].no, lines[nb[end]].no));
            report.warnings.push((lines[nb[start]].no, format!("regels {}-{} lijken een tabel zonder opmaak; regel voor regel overgenomen: zet ze om naar een Markdown-tabel", lines[nb[start]].no, lines[nb[end]].no)));
        }
        k = end + 1;
    }
}
