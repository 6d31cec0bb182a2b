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

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Level 1 is the document title.
    Heading(u8, String),
    Paragraph(Vec<Inline>),
    List(Vec<Vec<Inline>>),
    Table { caption: String, header: Vec<String>, rows: Vec<Vec<String>> },
    /// Start the next block on a new page when printed.
    PageBreak,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    pub title: String,
    pub blocks: Vec<Block>,
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
        self.blocks.push(Block::Table { caption: caption.into(), header: header.into_iter().map(str::to_string).collect(), rows });
    }

    /// The text of every heading, in order: what tests and readers compare across formats.
    pub fn headings(&self) -> Vec<&str> {
        self.blocks.iter().filter_map(|b| if let Block::Heading(_, t) = b { Some(t.as_str()) } else { None }).collect()
    }

    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            match block {
                Block::Heading(level, text) => out.push_str(&format!("{} {}\n\n", "#".repeat(usize::from(*level)), escape_markdown(text))),
                Block::Paragraph(inlines) => out.push_str(&format!("{}\n\n", md_inlines(inlines))),
                Block::List(items) => {
                    for item in items {
                        out.push_str(&format!("- {}\n", md_inlines(item)));
                    }
                    out.push('\n');
                }
                Block::Table { caption, header, rows } => {
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
        let mut d = Document { title: "T".into(), blocks: vec![] };
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
    fn markdown_shows_html_as_text() {
        let mut d = Document::default();
        d.text("<script>alert(1)</script> & <img src=x onerror=alert(2)> `code`");
        let md = d.to_markdown();
        assert_eq!(md.trim_end(), "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt; \\`code\\`");
    }
}
