//! `passend import PLAN.txt`: the text of an ondersteuningsplan as a PDF tool leaves it
//! (`pdftotext`, copy and paste from a viewer, OCR) turned back into plan chapters
//! `NN-slug.md` that `passend check` accepts.
//!
//! Extracted text is damaged in a few predictable ways; each pass undoes one of them, and what
//! it was unsure about goes into the [`Report`] with the input line number. The passes, one
//! module each, in the order [`convert`] runs them:
//!
//! 1. `decode`: bytes to text (UTF-8, BOM, Windows-1252 with a warning; UTF-16 and NUL bytes
//!    refused);
//! 2. `lines`: normalised lines; **pages** start at a form feed, a line indented by exactly
//!    one space (how some tools mark a new page) or after a run of blank lines;
//! 3. `ocr`: **OCR confusions**, only those in one small explicit table ([`OCR_FIXES`]);
//! 4. `pages`: **running headers and footers**, lines that repeat at the edges of pages,
//!    compared with their digits ignored so `Plan 2024 | 12` and `Plan 2024 | 13` are one line;
//!    lone page numbers;
//! 5. `toc`: **a table of contents**, runs of numbered titles with page numbers or dot
//!    leaders, or titles that come back as headings further on; then `columns`: **two
//!    columns read across** put back in column order; and `breaks`: in text
//!    without any blank line, **paragraph ends and title lines** recovered from sentence ends
//!    and line lengths;
//! 6. `footnotes`: numbered lines at the bottom of a page, linked to their number after a word
//!    on the same page (or a known OCR garbling of it: `!2` for 12, `?,` for a lost
//!    superscript); what cannot be linked is kept under "Noten" at the end of the chapter;
//! 7. `tables`: flattened tables, kept line by line;
//! 8. `headings`: numbered chapters in sequence, `Hoofdstuk 3`, `Bijlage 2`, sections `1.1`
//!    and `3.7.1` where their number continues the numbering (chapters implied by `n.1`), and
//!    short title lines between paragraphs;
//! 9. `paragraphs`: broken lines joined, hyphenation undone using the document's own words,
//!    bullet glyphs (`•`, `e `, `«`, `o `, ...) turned into list items;
//! 10. `assemble`: chapter files with front matter, their Markdown (`markdown`) and
//!     `wettelijke_onderdelen`/`oogo` suggested from keywords (`keywords`).
//!
//! A Word document (`.docx`) or OpenDocument text (`.odt`) skips the text passes: `docx` and
//! `odt` read its structure (heading styles, lists, tables, footnotes) into the same blocks
//! `assemble` takes. `facts` finds the
//! SWV's name, gemeenten and planperiode in the kept text, for `passend init --plan`, and
//! `datasets` the budget, deelnamepercentages and school lists it holds (drafts of data files).
//!
//! Two modules are not passes but shared by several: `shape`, the recognisers of what a line
//! looks like (heading numbering, bullets, sentence ends), and `hyphenation`, joining a line
//! onto the one before (footnotes and paragraphs). A pass uses only earlier passes, these two
//! and `report`; no module uses a later one.
//!
//! Nothing is invented: every word written is a word of the input (or of the OCR table).
//! [`convert`] does the work without touching the disk; [`run`] reads, converts and writes.

mod assemble;
mod breaks;
mod columns;
pub mod datasets;
mod decode;
mod docx;
pub mod facts;
mod footnotes;
mod headings;
mod hyphenation;
mod keywords;
mod lines;
mod markdown;
mod ocr;
mod odt;
mod pages;
mod paragraphs;
mod report;
mod shape;
mod tables;
mod toc;

pub use assemble::ChapterFile;
pub use ocr::OCR_FIXES;
pub use report::{Report, RunningLine};

use std::fmt;
use std::path::{Path, PathBuf};

/// The converted plan: chapters in order, and the report.
#[derive(Debug, Clone)]
pub struct Import {
    pub chapters: Vec<ChapterFile>,
    pub report: Report,
    /// The text that was kept, line by line with its input line number (paragraph number for
    /// a Word document): where [`facts`] looks for the SWV's name, gemeenten and planperiode.
    pub text: Vec<(usize, String)>,
    /// Data found in the text (budget, deelnamepercentages, school lists), with drafts.
    pub data: Vec<datasets::Suggestion>,
    /// Images of a Word or OpenDocument document: file name and contents. The chapters refer
    /// to them as `/afbeeldingen/NAME`, so they belong in the site's `static/afbeeldingen/`.
    pub images: Vec<(String, Vec<u8>)>,
}

pub use docx::IMAGE_DIR;

#[derive(Debug)]
pub enum ImportError {
    Read { path: PathBuf, error: std::io::Error },
    /// Not UTF-8 and not plausibly Windows-1252 either; `offset` counts bytes from 0.
    NotUtf8 { file: String, offset: usize, line: usize, column: usize, byte: u8 },
    Utf16 { file: String },
    Empty { file: String },
    /// NUL bytes: a binary file (a PDF or Word file itself), not extracted text.
    Binary { file: String, line: usize, column: usize },
    /// A Word document (or what looks like one) that cannot be read: what is wrong and what to
    /// do instead.
    Document { file: String, message: String, hint: String },
    /// A PDF itself rather than its text.
    Pdf { file: String },
    /// Files that would be overwritten (nothing was written).
    Exists { dir: PathBuf, files: Vec<String> },
    Write { path: PathBuf, error: std::io::Error },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Read { path, error } => write!(f, "{}: kan het bestand niet lezen: {error}", path.display()),
            ImportError::NotUtf8 { file, offset, line, column, byte } => write!(
                f,
                "{file}:{line}:{column}: het bestand is geen UTF-8-tekst: ongeldige byte 0x{byte:02X} op byte-positie {offset}\n  hint: sla de tekst op als UTF-8, bijvoorbeeld met `pdftotext -enc UTF-8 plan.pdf plan.txt`"
            ),
            ImportError::Utf16 { file } => write!(f, "{file}: het bestand is UTF-16-tekst\n  hint: sla de tekst op als UTF-8 ('Opslaan als' > codering UTF-8)"),
            ImportError::Empty { file } => write!(f, "{file}: het bestand bevat geen tekst"),
            ImportError::Binary { file, line, column } => write!(
                f,
                "{file}:{line}:{column}: het bestand bevat NUL-bytes en is dus geen tekstbestand\n  hint: geef de tekst van het plan mee, bijvoorbeeld gemaakt met `pdftotext -layout plan.pdf plan.txt`"
            ),
            ImportError::Document { file, message, hint } => write!(f, "{file}: {message}\n  hint: {hint}"),
            ImportError::Pdf { file } => write!(
                f,
                "{file}: dit is een PDF-bestand; passend import leest de tekst ervan of een Word-document\n  hint: maak de tekst met `pdftotext -layout plan.pdf plan.txt`, of importeer het Word-document (.docx) waaruit de PDF gemaakt is"
            ),
            ImportError::Exists { dir, files } => write!(
                f,
                "{} bevat al {}: {}\n  hint: kies een andere map met --output, of overschrijf met --force",
                dir.display(),
                if files.len() == 1 { "het bestand" } else { "de bestanden" },
                files.join(", ")
            ),
            ImportError::Write { path, error } => write!(f, "{}: schrijven mislukt: {error}", path.display()),
        }
    }
}

impl std::error::Error for ImportError {}

/// The report `write` puts beside the chapters.
pub const REPORT_FILE: &str = "IMPORT-REPORT.md";

/// `passend import`: read `input`, convert it and write one file per chapter to `output`.
/// Existing files are only overwritten with `force`; without it nothing is written when any
/// of the files exists.
pub fn run(input: &Path, output: &Path, force: bool) -> Result<Import, ImportError> {
    let bytes = std::fs::read(input).map_err(|error| ImportError::Read { path: input.to_path_buf(), error })?;
    let name = input.display().to_string();
    let mut import = convert(&name, &bytes)?;
    write(&mut import, output, force)?;
    Ok(import)
}

/// Write the chapters of `import` into `dir` (created when missing).
pub fn write(import: &mut Import, dir: &Path, force: bool) -> Result<(), ImportError> {
    if !force {
        let images: Vec<String> = import.images.iter().map(|(name, _)| format!("{IMAGE_DIR}/{name}")).collect();
        let existing: Vec<String> = import
            .chapters
            .iter()
            .map(|c| c.file_name.as_str())
            .chain([REPORT_FILE])
            .chain(images.iter().map(String::as_str))
            .filter(|name| dir.join(name).exists())
            .map(str::to_string)
            .collect();
        if !existing.is_empty() {
            return Err(ImportError::Exists { dir: dir.to_path_buf(), files: existing });
        }
    }
    std::fs::create_dir_all(dir).map_err(|error| ImportError::Write { path: dir.to_path_buf(), error })?;
    for chapter in &import.chapters {
        let path = dir.join(&chapter.file_name);
        std::fs::write(&path, &chapter.markdown).map_err(|error| ImportError::Write { path: path.clone(), error })?;
        import.report.written.push(path);
    }
    // Images in a folder of their own, for the site's static/ folder.
    if !import.images.is_empty() {
        let folder = dir.join(IMAGE_DIR);
        std::fs::create_dir_all(&folder).map_err(|error| ImportError::Write { path: folder.clone(), error })?;
        for (name, data) in &import.images {
            let path = folder.join(name);
            std::fs::write(&path, data).map_err(|error| ImportError::Write { path: path.clone(), error })?;
            import.report.written.push(path);
        }
    }
    // The report beside the chapters, for whoever checks them later.
    let path = dir.join(REPORT_FILE);
    std::fs::write(&path, format!("# Import van {}\n\n```text\n{}```\n", import.report.source, import.report.to_text())).map_err(|error| ImportError::Write { path, error })?;
    Ok(())
}

/// Convert the bytes of a PDF-extracted plan into chapters. `source` names the input in the
/// report and in messages.
pub fn convert(source: &str, bytes: &[u8]) -> Result<Import, ImportError> {
    if docx::is_zip(bytes) || docx::is_ole(bytes) {
        return convert_docx(source, bytes);
    }
    if bytes.starts_with(b"%PDF-") {
        return Err(ImportError::Pdf { file: source.to_string() });
    }
    let (text, encoding, encoding_warning) = decode::text_of(source, bytes)?;
    let mut report = Report { source: source.to_string(), encoding: encoding.to_string(), ..Report::default() };
    if let Some((line, message)) = encoding_warning {
        report.warnings.push((line, message));
    }
    let (mut lines, layout) = lines::split_lines(&text);
    report.lines = lines.last().map(|l| l.no).unwrap_or(0);
    if layout.double_spaced {
        report.warnings.push((1, "witregel na elke regel: losse witregels genegeerd, drie of meer gelden als alinea-einde".to_string()));
    }
    for line in layout.glyphs_dropped {
        report.warnings.push((line, "onleesbaar teken (U+FFFD of een symbool uit een privé-bereik) in de tekst weggelaten; controleer het woord".to_string()));
    }
    ocr::fix_ocr(&mut lines, &mut report);
    pages::remove_running_lines(&mut lines, &mut report);
    pages::remove_page_numbers(&mut lines, &mut report);
    pages::carry_page_starts(&mut lines);
    toc::remove_toc(&mut lines, &mut report);
    pages::carry_page_starts(&mut lines);
    columns::untangle(&mut lines, &mut report);
    breaks::recover_breaks(&mut lines, &mut report);
    report.pages = 1 + lines.iter().skip(1).filter(|l| l.page_start && l.gone.is_none() && !l.text.is_empty()).count();
    let words = hyphenation::DocumentWords::build(&lines);
    let mut joiner = hyphenation::Joiner { words, joined: 0, kept: 0, warnings: Vec::new(), soft: false };
    footnotes::mark_lost_page_breaks(&mut lines);
    let pages = pages::segments(&lines);
    let mut footnotes = footnotes::extract_footnotes(&mut lines, &pages, &mut joiner, &mut report);
    footnotes::link_footnotes(&mut lines, &pages, &mut footnotes, &mut report);
    let kinds = headings::classify(&lines, &mut report);
    let blocks = paragraphs::build_blocks(&lines, &kinds, &mut joiner, &mut report);
    report.hyphenations_joined = joiner.joined;
    report.hyphens_kept = joiner.kept;
    report.warnings.extend(joiner.warnings);
    let chapters = assemble::assemble(source, &lines, blocks, &mut footnotes, &mut report);
    report.chapters = chapters.iter().map(|c| (c.file_name.clone(), c.title.clone(), c.line)).collect();
    report.footnotes_found = footnotes.len();
    report.footnotes_matched = footnotes.iter().filter(|f| f.marker_line.is_some()).count();
    report.notes = footnotes.iter().filter(|f| f.marker_line.is_none()).map(|f| (f.label.clone(), f.line)).collect();
    report.warnings.sort_by_key(|(line, _)| *line);
    let text: Vec<(usize, String)> = lines.iter().filter(|l| l.kept()).map(|l| (l.no, l.text.clone())).collect();
    let data = datasets::find(source, &text);
    report.data = data.iter().map(|d| (d.what.clone(), d.first, d.last)).collect();
    Ok(Import { chapters, report, text, data, images: Vec::new() })
}

/// Convert a Word or OpenDocument document: its structure is read from the document itself (see `docx`); the
/// text passes are not needed. Report lines are paragraph numbers.
fn convert_docx(source: &str, bytes: &[u8]) -> Result<Import, ImportError> {
    let doc = match docx::read(source, bytes)? {
        docx::Opened::Word(doc) => *doc,
        docx::Opened::OpenDocument { content, styles, pictures } => odt::read(source, &content, styles.as_deref(), &pictures)?,
    };
    let mut report = Report { source: source.to_string(), encoding: doc.kind.to_string(), lines: doc.paragraphs, ..Report::default() };
    report.headings = doc.headings;
    report.outline = doc.outline;
    report.bullets = doc.bullets;
    report.warnings = doc.warnings;
    let mut footnotes = doc.footnotes;
    let chapters = assemble::assemble(source, &[], doc.blocks, &mut footnotes, &mut report);
    report.chapters = chapters.iter().map(|c| (c.file_name.clone(), c.title.clone(), c.line)).collect();
    report.footnotes_found = footnotes.len();
    report.footnotes_matched = footnotes.iter().filter(|f| f.marker_line.is_some()).count();
    report.notes = footnotes.iter().filter(|f| f.marker_line.is_none()).map(|f| (f.label.clone(), f.line)).collect();
    report.warnings.sort_by_key(|(line, _)| *line);
    let data = datasets::find(source, &doc.plain);
    report.data = data.iter().map(|d| (d.what.clone(), d.first, d.last)).collect();
    report.images = doc.images.iter().map(|(name, _)| name.clone()).collect();
    Ok(Import { chapters, report, text: doc.plain, data, images: doc.images })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(input: &str) -> String {
        let import = convert("plan.txt", input.as_bytes()).unwrap();
        import.chapters.iter().map(|c| c.markdown.clone()).collect::<Vec<_>>().join("\n=====\n")
    }

    #[test]
    fn a_small_plan() {
        let out = md("1. Visie\n\n1.1 Samen\n\nDe scholen werken samen aan onder-\nsteuning voor ouders3. De onder-\nsteuning is dichtbij.\n\n3 Zie de wet.\n");
        assert!(out.contains("## 1.1 Samen"), "{out}");
        assert!(out.contains("aan ondersteuning voor ouders[^3]. De ondersteuning is dichtbij."), "{out}");
        assert!(out.contains("[^3]: Zie de wet."), "{out}");
    }
}
