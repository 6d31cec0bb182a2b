//! Pass 2, text to lines: the line model every later pass reads and marks, and the split of the
//! text into normalised lines with the first line of each page marked.
//!
//! Why: extracted text marks page breaks in several ways (a form feed from `pdftotext`, a line
//! indented by exactly one space from some tools, a run of blank lines from copy and paste), and
//! carries typographic debris: ligatures (`ﬁ`), non-breaking and zero-width spaces, soft
//! hyphens, and symbol-font bullets as private-use characters. Lines are normalised once here so
//! that every later pass compares plain text. Passes never delete lines: they mark them
//! [`Gone`] (so input line numbers stay right for the report) and record what a line is in
//! [`Kind`].

/// Why a line is not part of the text any more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Gone {
    Running,
    PageNumber,
    Toc,
    Footnote,
}

/// One line of the input (a form feed inside a line splits it into two with the same number).
#[derive(Debug, Clone)]
pub(super) struct Line {
    /// 1-based line number in the input.
    pub(super) no: usize,
    /// Whitespace normalised and trimmed; empty for a blank line.
    pub(super) text: String,
    /// First line of a page.
    pub(super) page_start: bool,
    /// Ends in a soft hyphen: certainly hyphenation.
    pub(super) soft_hyphen: bool,
    pub(super) gone: Option<Gone>,
}

impl Line {
    pub(super) fn kept(&self) -> bool {
        self.gone.is_none() && !self.text.is_empty()
    }
}

/// Split into normalised lines and mark page starts: form feeds, or (when there are none) a
/// line indented by exactly one space in an otherwise unindented text, or a line after two
/// or more blank lines.
pub(super) fn split_lines(text: &str) -> Vec<Line> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let has_ff = text.contains('\u{c}');
    let raw: Vec<&str> = text.split('\n').collect();
    let (mut single, mut indented, mut nonblank) = (0usize, 0usize, 0usize);
    for l in &raw {
        if l.trim().is_empty() {
            continue;
        }
        nonblank += 1;
        if l.starts_with(char::is_whitespace) {
            indented += 1;
            if l.starts_with(' ') && l[1..].starts_with(|c: char| !c.is_whitespace()) {
                single += 1;
            }
        }
    }
    let space_marks_pages = !has_ff && single >= 2 && single * 10 >= indented * 8 && single * 5 <= nonblank;
    let mut lines = Vec::with_capacity(raw.len());
    let mut pending = false;
    let mut blanks = 0;
    for (i, raw_line) in raw.iter().enumerate() {
        for (k, part) in raw_line.split('\u{c}').enumerate() {
            if k > 0 {
                pending = true;
            }
            let (t, soft) = normalize(part);
            if t.is_empty() {
                blanks += 1;
                lines.push(Line { no: i + 1, text: String::new(), page_start: false, soft_hyphen: false, gone: None });
                continue;
            }
            let mut page_start = pending || (!has_ff && blanks >= 2);
            if space_marks_pages && k == 0 && part.starts_with(' ') && part[1..].starts_with(|c: char| !c.is_whitespace()) {
                page_start = true;
            }
            pending = false;
            blanks = 0;
            lines.push(Line { no: i + 1, text: t, page_start, soft_hyphen: soft, gone: None });
        }
    }
    while lines.last().is_some_and(|l| l.text.is_empty()) {
        lines.pop();
    }
    lines
}

/// One line with its whitespace normalised, ligatures spelled out and invisible characters
/// dropped. Returns whether it ended in a soft hyphen (which becomes `-`).
fn normalize(s: &str) -> (String, bool) {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{ad}' => out.push('\u{ad}'),
            '\t' | '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => out.push(' '),
            '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' => {}
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            '\u{fb05}' | '\u{fb06}' => out.push_str("st"),
            // Symbol-font bullets come through as private-use characters.
            '\u{e000}'..='\u{f8ff}' => {
                if out.trim().is_empty() {
                    out.push('•');
                }
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    let collapsed = out.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
    let soft = collapsed.ends_with('\u{ad}');
    let mut text: String = collapsed.chars().filter(|&c| c != '\u{ad}').collect();
    if soft {
        text.push('-');
    }
    (text, soft)
}

/// Whether there is a blank or removed line between lines `a` and `b`.
pub(super) fn gap_between(lines: &[Line], a: usize, b: usize) -> bool {
    (a + 1..b).any(|x| lines[x].text.is_empty() || lines[x].gone.is_some()) || lines[b].page_start
}

/// A chapter heading as found: its number (none for an appendix), appendix label, and title.
#[derive(Debug, Clone)]
pub(super) struct ChapterHead {
    pub(super) number: Option<u32>,
    pub(super) bijlage: Option<String>,
    pub(super) title: String,
}

/// What a line of the text is, as the tables and headings passes decide.
#[derive(Debug, Clone)]
pub(super) enum Kind {
    Text,
    Chapter(ChapterHead),
    Heading(u8, String),
    /// Taken into the heading above (a title on its own line).
    Consumed,
    /// Part of flattened table `n`.
    Table(usize),
}
