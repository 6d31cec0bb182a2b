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

/// What [`split_lines`] noticed about the layout of the whole text, for the report.
#[derive(Debug, Default)]
pub(super) struct Layout {
    /// A blank line after (nearly) every line of text: single blank lines were ignored.
    pub(super) double_spaced: bool,
    /// Input lines where a U+FFFD or private-use glyph inside the text was dropped.
    pub(super) glyphs_dropped: Vec<usize>,
}

/// Whether (nearly) every line of text is followed by a blank line, as some converters write
/// it: then a single blank line means nothing, and a paragraph break shows as three or more.
/// Short texts of one-line paragraphs look the same, so sentences must also be seen to run on
/// across the blank lines (a line without a sentence end, the next in lower case).
fn double_spaced(raw: &[&str]) -> bool {
    let blank = |l: &str| l.trim().is_empty();
    let text_lines = (0..raw.len()).filter(|&i| !blank(raw[i]) && i + 1 < raw.len()).count();
    let followed = (0..raw.len().saturating_sub(1)).filter(|&i| !blank(raw[i]) && blank(raw[i + 1])).count();
    let glued = (0..raw.len().saturating_sub(1)).filter(|&i| !blank(raw[i]) && !blank(raw[i + 1])).count();
    let runs_on = (0..raw.len().saturating_sub(2))
        .filter(|&i| {
            let (a, b) = (raw[i].trim_end(), raw[i + 2].trim_start());
            !blank(a) && blank(raw[i + 1]) && !a.ends_with(['.', '!', '?', ':', ';']) && b.starts_with(|c: char| c.is_lowercase())
        })
        .count();
    text_lines >= 8 && followed * 10 >= text_lines * 9 && glued * 20 <= text_lines && runs_on >= 3 && runs_on * 5 >= text_lines
}

/// Split into normalised lines and mark page starts: form feeds, or (when there are none) a
/// line indented by exactly one space in an otherwise unindented text, or a line after two
/// or more blank lines. In double-spaced text a run of `n` blank lines counts as `(n - 1) / 2`.
pub(super) fn split_lines(text: &str) -> (Vec<Line>, Layout) {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let has_ff = text.contains('\u{c}');
    let raw: Vec<&str> = text.split('\n').collect();
    let mut layout = Layout { double_spaced: double_spaced(&raw), ..Layout::default() };
    // Blank lines that do not count (the spacing of double-spaced text).
    let mut ignored = vec![false; raw.len()];
    if layout.double_spaced {
        let mut i = 0;
        while i < raw.len() {
            if !raw[i].trim().is_empty() {
                i += 1;
                continue;
            }
            let start = i;
            while i < raw.len() && raw[i].trim().is_empty() {
                i += 1;
            }
            let n = i - start;
            for flag in &mut ignored[start + (n - 1) / 2..i] {
                *flag = true;
            }
        }
    }
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
        if ignored[i] && !raw_line.contains('\u{c}') {
            continue;
        }
        for (k, part) in raw_line.split('\u{c}').enumerate() {
            if k > 0 {
                pending = true;
            }
            let (t, soft, dropped) = normalize(part);
            if dropped {
                layout.glyphs_dropped.push(i + 1);
            }
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
    (lines, layout)
}

/// One line with its whitespace normalised, ligatures spelled out and invisible characters
/// dropped. Returns whether it ended in a soft hyphen (which becomes `-`), and whether a
/// glyph inside the text was dropped.
///
/// A U+FFFD (a glyph the extractor could not map) or a private-use character (a symbol-font
/// glyph such as U+F0B7 or U+F0A7) is a bullet at the start of a line; after a section number
/// (`2.1<TAB>U+FFFD Titel`) it is the bullet-like marker some templates put before a title
/// and is dropped; anywhere else it is dropped too, and the report names the line.
fn normalize(s: &str) -> (String, bool, bool) {
    let mut dropped = false;
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
            '\u{e000}'..='\u{f8ff}' | '\u{fffd}' => {
                let before = out.trim();
                if before.is_empty() {
                    out.push('•');
                } else if !before.chars().all(|c| c.is_ascii_digit() || c == '.') {
                    dropped = true;
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
    (text, soft, dropped)
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
    /// A section heading that starts a chapter whose own heading was not found (`3.1` right
    /// after chapter 2).
    ChapterAndHeading(ChapterHead, u8, String),
    /// Taken into the heading above (a title on its own line).
    Consumed,
    /// Part of flattened table `n`.
    Table(usize),
}
