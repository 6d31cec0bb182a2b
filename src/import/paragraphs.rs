//! Pass 9, paragraphs and lists: the lines left in the text become blocks: paragraphs of joined
//! lines, bullet and numbered list items, headings and table rows.
//!
//! Why: a PDF breaks every line at the page width, so extracted text has a line break after
//! every few words and a paragraph end looks like any other line end. Lines are joined unless a
//! short line, a sentence end followed by a capital, a blank line or a page break says a new
//! paragraph starts. Bullet glyphs (`•`, and what OCR makes of them: `e `, `«`, `o `) start
//! list items; `-` only where an item may begin, since it also ends hyphenated lines.

use super::hyphenation::Joiner;
use super::lines::{ChapterHead, Kind, Line};
use super::report::Report;
use super::shape::{bullet, ends_sentence, ends_terminal, numbered_item, starts_lower, starts_upper, words};

#[derive(Debug, Clone)]
pub(super) enum Block {
    Chapter(ChapterHead, usize),
    Heading(u8, String),
    Para(String),
    /// A bullet item: its nesting level (0 for a list at the top; only Word and OpenDocument
    /// documents say more) and text.
    Bullet(u8, String),
    /// A numbered item: level, marker (`3.` or `b)`) and text.
    Numbered(u8, String, String),
    Table(Vec<String>),
    /// An image copied into the site: alt text (none: the author must write one) and path.
    Image(Option<String>, String),
    /// A table whose cells are known (from a Word document): rows of cells, the first row the
    /// header.
    Grid(Vec<Vec<String>>),
}

/// Length of a full text line (most lines of a paragraph are about this long), to tell the
/// short last line of a paragraph or a title from a line broken by the page width.
fn line_width(lines: &[Line]) -> usize {
    // Lines the page width broke: no punctuation at the end, the next line goes on in lower case.
    let kept: Vec<&Line> = lines.iter().filter(|l| l.kept()).collect();
    let mut wrapped: Vec<usize> = kept
        .windows(2)
        .filter(|w| w[1].no == w[0].no + 1 && !ends_terminal(&w[0].text) && starts_lower(&w[1].text) && words(&w[0].text) >= 5)
        .map(|w| w[0].text.chars().count())
        .collect();
    if wrapped.len() < 2 {
        wrapped = kept.iter().filter(|l| words(&l.text) >= 5).map(|l| l.text.chars().count()).collect();
    }
    wrapped.sort_unstable();
    wrapped.get(wrapped.len() / 2).copied().unwrap_or(80)
}

#[derive(PartialEq)]
enum Gap {
    None,
    Blank,
    Page,
}

pub(super) fn build_blocks(lines: &[Line], kinds: &[Kind], joiner: &mut Joiner, report: &mut Report) -> Vec<Block> {
    let width = line_width(lines);
    let mut blocks: Vec<Block> = Vec::new();
    // The open paragraph or item: its text so far, the last line appended, and whether it is an item.
    let mut open: Option<(Block, String)> = None;
    let mut gap = Gap::None;
    let mut last_table: Option<usize> = None;
    let close = |open: &mut Option<(Block, String)>, blocks: &mut Vec<Block>| {
        if let Some((b, _)) = open.take() {
            blocks.push(b);
        }
    };
    for (i, line) in lines.iter().enumerate() {
        if line.gone.is_some() {
            continue;
        }
        if line.text.is_empty() {
            if gap == Gap::None {
                gap = Gap::Blank;
            }
            continue;
        }
        if line.page_start {
            gap = Gap::Page;
        }
        let t = line.text.as_str();
        match &kinds[i] {
            Kind::Consumed => {
                gap = Gap::None;
                continue;
            }
            Kind::Chapter(head) => {
                close(&mut open, &mut blocks);
                blocks.push(Block::Chapter(head.clone(), line.no));
                gap = Gap::None;
                last_table = None;
                continue;
            }
            Kind::Heading(level, text) => {
                close(&mut open, &mut blocks);
                blocks.push(Block::Heading(*level, text.clone()));
                gap = Gap::None;
                last_table = None;
                continue;
            }
            Kind::ChapterAndHeading(head, level, text) => {
                close(&mut open, &mut blocks);
                blocks.push(Block::Chapter(head.clone(), line.no));
                blocks.push(Block::Heading(*level, text.clone()));
                gap = Gap::None;
                last_table = None;
                continue;
            }
            Kind::Table(id) => {
                close(&mut open, &mut blocks);
                if last_table == Some(*id) {
                    if let Some(Block::Table(rows)) = blocks.last_mut() {
                        rows.push(t.to_string());
                    }
                } else {
                    blocks.push(Block::Table(vec![t.to_string()]));
                }
                last_table = Some(*id);
                gap = Gap::None;
                continue;
            }
            Kind::Text => last_table = None,
        }
        let prev_last = open.as_ref().map(|(_, last)| last.clone());
        let fresh = gap != Gap::None || prev_last.is_none();
        let prev_ends = prev_last.as_deref().is_none_or(|p| ends_terminal(p) || p.ends_with(';'));
        let in_item = matches!(open, Some((Block::Bullet(..) | Block::Numbered(..), _)));
        let item_may_start = fresh || prev_ends || in_item;
        let bullet_text = bullet(t).filter(|_| {
            let c = t.chars().next().unwrap_or(' ');
            !matches!(c, '-' | '–' | '+') || item_may_start
        });
        if let Some(text) = bullet_text {
            close(&mut open, &mut blocks);
            report.bullets += 1;
            open = Some((Block::Bullet(0, text.to_string()), t.to_string()));
            joiner.soft = line.soft_hyphen;
            gap = Gap::None;
            continue;
        }
        if let Some((marker, text)) = numbered_item(t).filter(|_| item_may_start) {
            close(&mut open, &mut blocks);
            open = Some((Block::Numbered(0, marker, text.to_string()), t.to_string()));
            joiner.soft = line.soft_hyphen;
            gap = Gap::None;
            continue;
        }
        let join = match &prev_last {
            None => false,
            Some(a) => {
                let a_open = a.ends_with(|c: char| c.is_lowercase() || c == ',') || (ends_terminal(a) && !ends_sentence(a));
                let b_lower = starts_lower(t) || (t.starts_with(['(', '\u{e000}']) && !starts_upper(t)) || (a_open && t.starts_with(|c: char| c.is_ascii_digit() || c == '€'));
                if a.ends_with('-') && !a.ends_with(" -") {
                    gap == Gap::None || b_lower
                } else {
                    match gap {
                        Gap::None => {
                            let short = a.chars().count() * 100 < width * 55;
                            let title_break = short && !ends_terminal(a) && !a.ends_with(',') && starts_upper(t) && !in_item;
                            let paragraph_end = ends_terminal(a) && starts_upper(t) && (in_item || a.chars().count() * 100 < width * 70);
                            !(title_break || paragraph_end)
                        }
                        _ => !ends_sentence(a) && b_lower,
                    }
                }
            }
        };
        if join {
            if let Some((block, last)) = open.as_mut() {
                let text = match block {
                    Block::Para(s) | Block::Bullet(_, s) | Block::Numbered(_, _, s) => s,
                    _ => unreachable!("only text blocks are open"),
                };
                *text = joiner.join(text, t, line.no);
                *last = t.to_string();
            }
        } else {
            close(&mut open, &mut blocks);
            open = Some((Block::Para(t.to_string()), t.to_string()));
        }
        joiner.soft = line.soft_hyphen;
        gap = Gap::None;
    }
    close(&mut open, &mut blocks);
    blocks
}
