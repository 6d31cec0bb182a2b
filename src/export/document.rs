//! A small document model (headings, paragraphs with links, lists, tables) that the OOGO
//! summary is written into once, and the writers for Markdown, ODT and DOCX read from. Keeping
//! the structure in one place means every format has the same headings in the same order.

use crate::text::escape_markdown;
/// A run of text, optionally a link or bold.
#[derive(Debug, Clone, PartialEq)]
pub struct Inline {
    pub text: String,
    pub link: Option<String>,
    pub bold: bool,
}

impl Inline {
    pub fn text(t: impl Into<String>) -> Inline {
        Inline { text: t.into(), link: None, bold: false }
    }
    pub fn bold(t: impl Into<String>) -> Inline {
        Inline { text: t.into(), link: None, bold: true }
    }
    pub fn link(t: impl Into<String>, url: impl Into<String>) -> Inline {
        Inline { text: t.into(), link: Some(url.into()), bold: false }
    }
}

/// One paragraph of quoted plan text.
#[derive(Debug, Clone, PartialEq)]
pub struct Quoted {
    pub text: String,
    /// A list item of the plan.
    pub item: bool,
    /// The title of a subsection inside the quote.
    pub title: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Level 2 and 3 are in the table of contents; level 4 titles quoted sections.
    Heading(u8, String),
    Paragraph(Vec<Inline>),
    List(Vec<Vec<Inline>>),
    /// `widths` in percent of the text width, one per column, fitted to the content (or set:
    /// the answer column is empty but is where the gemeente writes).
    Table { caption: String, header: Vec<String>, rows: Vec<Vec<String>>, widths: Vec<u32> },
    /// Text of the plan, quoted as it is in force.
    Quote(Vec<Quoted>),
    /// The first page: no running header or page number.
    TitlePage { top: String, title: String, subtitle: String, lines: Vec<String> },
    /// A table of contents of the level 2 and 3 headings, starting on a new page.
    Contents(String),
    /// Start the next block on a new page when printed.
    PageBreak,
}

/// Colours and font of the SWV's style tokens.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Look {
    /// `#1b4f72`.
    pub colour: String,
    pub accent: String,
    pub font: String,
    /// The logo's file name and bytes.
    pub logo: Option<(String, Vec<u8>)>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    pub title: String,
    /// The running header of every page after the title page.
    pub header: String,
    pub look: Look,
    pub blocks: Vec<Block>,
}

/// Width and height in pixels of a PNG, GIF or JPEG image, so the logo keeps its proportions.
pub fn image_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let be16 = |i: usize| Some(u32::from(u16::from_be_bytes([*bytes.get(i)?, *bytes.get(i + 1)?])));
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        let be32 = |i: usize| Some(u32::from_be_bytes(bytes.get(i..i + 4)?.try_into().ok()?));
        return Some((be32(16)?, be32(20)?));
    }
    if bytes.starts_with(b"GIF8") {
        let le16 = |i: usize| Some(u32::from(u16::from_le_bytes([*bytes.get(i)?, *bytes.get(i + 1)?])));
        return Some((le16(6)?, le16(8)?));
    }
    if bytes.starts_with(&[0xff, 0xd8]) {
        // Walk the segments to the frame header (SOF0..SOF15 except DHT, JPG and DAC).
        let mut i = 2;
        while i + 9 < bytes.len() && bytes[i] == 0xff {
            let marker = bytes[i + 1];
            if (0xc0..=0xcf).contains(&marker) && ![0xc4, 0xc8, 0xcc].contains(&marker) {
                return Some((be16(i + 7)?, be16(i + 5)?));
            }
            i += 2 + be16(i + 2)? as usize;
        }
    }
    None
}

/// The logo's size on the title page in cm: 2.2 cm high, at most 8 cm wide.
pub fn logo_size_cm(bytes: &[u8]) -> (f64, f64) {
    match image_size(bytes) {
        Some((w, h)) if w > 0 && h > 0 => {
            let width = (2.2 * f64::from(w) / f64::from(h)).min(8.0);
            (width, width * f64::from(h) / f64::from(w))
        }
        _ => (5.0, 2.2),
    }
}

/// Column widths in percent fitted to the content: each column gets room for its longest word
/// and, up to a limit, its longest cell, so a long "Punt" column is wide and a date column narrow.
pub fn fit_widths(header: &[String], rows: &[Vec<String>]) -> Vec<u32> {
    let need: Vec<f64> = (0..header.len())
        .map(|i| {
            let cells = std::iter::once(&header[i]).chain(rows.iter().filter_map(|r| r.get(i)));
            let (longest_word, longest_cell) = cells.fold((0usize, 0usize), |(w, c), cell| {
                let word = cell.split_whitespace().map(|x| x.chars().count()).max().unwrap_or(0);
                (w.max(word), c.max(cell.chars().count()))
            });
            (longest_word.max(longest_cell.min(60)) as f64).max(4.0)
        })
        .collect();
    let total: f64 = need.iter().sum();
    let mut widths: Vec<u32> = need.iter().map(|n| ((n / total * 100.0).round() as u32).max(8)).collect();
    // Rounding: the widest column takes up the difference, so the widths add up to 100.
    let sum: u32 = widths.iter().sum();
    if let Some(max) = widths.iter_mut().max() {
        *max = (*max + 100).saturating_sub(sum);
    }
    widths
}

impl Document {
    pub fn heading(&mut self, level: u8, text: impl Into<String>) {
        self.blocks.push(Block::Heading(level, text.into()));
    }
    pub fn paragraph(&mut self, inlines: Vec<Inline>) {
        self.blocks.push(Block::Paragraph(inlines));
    }
    pub fn text(&mut self, text: impl Into<String>) {
        self.paragraph(vec![Inline::text(text)]);
    }
    pub fn list(&mut self, items: Vec<Vec<Inline>>) {
        if !items.is_empty() {
            self.blocks.push(Block::List(items));
        }
    }
    pub fn table(&mut self, caption: impl Into<String>, header: Vec<&str>, rows: Vec<Vec<String>>) {
        let header: Vec<String> = header.into_iter().map(str::to_string).collect();
        let widths = fit_widths(&header, &rows);
        self.blocks.push(Block::Table { caption: caption.into(), header, rows, widths });
    }
    pub fn table_with_widths(&mut self, caption: impl Into<String>, header: Vec<&str>, rows: Vec<Vec<String>>, widths: Vec<u32>) {
        self.blocks.push(Block::Table { caption: caption.into(), header: header.into_iter().map(str::to_string).collect(), rows, widths });
    }

    /// The text of every heading, in order: what tests and readers compare across formats.
    pub fn headings(&self) -> Vec<&str> {
        self.blocks.iter().filter_map(|b| if let Block::Heading(_, t) = b { Some(t.as_str()) } else { None }).collect()
    }

    /// The headings a table of contents lists (levels 2 and 3), with their level.
    pub fn contents(&self) -> Vec<(u8, &str)> {
        self.blocks.iter().filter_map(|b| if let Block::Heading(l @ 2..=3, t) = b { Some((*l, t.as_str())) } else { None }).collect()
    }

    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            match block {
                Block::TitlePage { top, title, subtitle, lines } => {
                    out.push_str(&format!("{}\n\n# {}\n\n**{}**\n\n", escape_markdown(top), escape_markdown(title), escape_markdown(subtitle)));
                    for l in lines {
                        out.push_str(&format!("{}  \n", escape_markdown(l)));
                    }
                    out.push('\n');
                }
                Block::Contents(title) => {
                    out.push_str(&format!("## {}\n\n", escape_markdown(title)));
                    for (level, text) in self.contents() {
                        let indent = if level == 3 { "  " } else { "" };
                        out.push_str(&format!("{indent}- [{}](#{})\n", escape_markdown(text), crate::text::slugify(text)));
                    }
                    out.push('\n');
                }
                Block::Heading(level, text) => out.push_str(&format!("{} {}\n\n", "#".repeat(usize::from(*level)), escape_markdown(text))),
                Block::Paragraph(inlines) => out.push_str(&format!("{}\n\n", md_inlines(inlines))),
                Block::List(items) => {
                    for item in items {
                        out.push_str(&format!("- {}\n", md_inlines(item)));
                    }
                    out.push('\n');
                }
                Block::Quote(paragraphs) => {
                    let mut previous_item = false;
                    for (i, q) in paragraphs.iter().enumerate() {
                        let text = escape_markdown(&q.text);
                        if i > 0 && !(q.item && previous_item) {
                            out.push_str(">\n");
                        }
                        match (q.title, q.item) {
                            (true, _) => out.push_str(&format!("> **{text}**\n")),
                            (false, true) => out.push_str(&format!("> - {text}\n")),
                            (false, false) => out.push_str(&format!("> {text}\n")),
                        }
                        previous_item = q.item;
                    }
                    out.push('\n');
                }
                Block::Table { caption, header, rows, .. } => {
                    out.push_str(&format!("Tabel: {}\n\n", escape_markdown(caption)));
                    out.push_str(&format!("| {} |\n", header.iter().map(|h| md_cell(h)).collect::<Vec<_>>().join(" | ")));
                    out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
                    for row in rows {
                        out.push_str(&format!("| {} |\n", row.iter().map(|c| md_cell(c)).collect::<Vec<_>>().join(" | ")));
                    }
                    out.push('\n');
                }
                Block::PageBreak => {}
            }
        }
        out
    }
}

fn md_cell(s: &str) -> String {
    escape_markdown(s).replace('|', "\\|").replace('\n', " ")
}

fn md_inlines(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .map(|i| match (&i.link, i.bold) {
            (Some(url), _) => format!("[{}]({url})", escape_markdown(&i.text)),
            (None, true) => format!("**{}**", escape_markdown(&i.text)),
            (None, false) => escape_markdown(&i.text),
        })
        .collect()
}


/// Write `files` as a ZIP package; the first file is stored uncompressed (ODF's `mimetype`
/// must be), the rest deflated. Fixed timestamps keep exports byte-identical between runs.
pub fn zip_package(files: &[(&str, Vec<u8>)], first_stored: bool) -> Vec<u8> {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    let mut buffer = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buffer);
        let fixed = zip::DateTime::from_date_and_time(2000, 1, 1, 0, 0, 0).expect("valid date");
        for (i, (name, bytes)) in files.iter().enumerate() {
            let method = if i == 0 && first_stored { zip::CompressionMethod::Stored } else { zip::CompressionMethod::Deflated };
            let options = SimpleFileOptions::default().compression_method(method).last_modified_time(fixed);
            zip.start_file(*name, options).expect("zip entry");
            zip.write_all(bytes).expect("zip write");
        }
        zip.finish().expect("zip finish");
    }
    buffer.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_has_headings_tables_and_links() {
        let mut d = Document { title: "T".into(), ..Document::default() };
        d.heading(1, "Titel");
        d.paragraph(vec![Inline::link("Hoofdstuk", "https://x.nl/plan/a/"), Inline::text(": uitleg")]);
        d.table("Cijfers", vec!["A", "B"], vec![vec!["1".into(), "x|y".into()]]);
        let md = d.to_markdown();
        assert!(md.starts_with("# Titel\n"));
        assert!(md.contains("[Hoofdstuk](https://x.nl/plan/a/): uitleg"));
        assert!(md.contains("| 1 | x\\|y |"));
        assert_eq!(d.headings(), ["Titel"]);
    }

    #[test]
    fn logo_keeps_its_proportions() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend(400u32.to_be_bytes());
        png.extend(100u32.to_be_bytes());
        assert_eq!(image_size(&png), Some((400, 100)));
        let (w, h) = logo_size_cm(&png);
        assert!((w - 8.0).abs() < 1e-9 && (h - 2.0).abs() < 1e-9, "{w} x {h}");
        let gif = [b"GIF89a".as_slice(), &[20, 0, 10, 0]].concat();
        assert_eq!(image_size(&gif), Some((20, 10)));
        let jpeg = [0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0, 50, 0, 150, 3, 0, 0, 0];
        assert_eq!(image_size(&jpeg), Some((150, 50)));
    }

    #[test]
    fn column_widths_follow_the_content() {
        let header: Vec<String> = vec!["Punt".into(), "Status".into(), "Datum".into()];
        let rows = vec![vec!["Elke school krijgt uiterlijk in 2028 een vaste jeugdhulpverlener in het ondersteuningsteam.".to_string(), "Akkoord".into(), "19 maart 2026".into()]];
        let w = fit_widths(&header, &rows);
        assert_eq!(w.iter().sum::<u32>(), 100);
        assert!(w[0] > 2 * w[1] && w[0] > 2 * w[2], "{w:?}");
    }

    #[test]
    fn markdown_shows_html_as_text() {
        let mut d = Document::default();
        d.text("<script>alert(1)</script> & <img src=x onerror=alert(2)> `code`");
        let md = d.to_markdown();
        assert_eq!(md.trim_end(), "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt; \\`code\\`");
    }
}
