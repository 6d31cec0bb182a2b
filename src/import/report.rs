//! The report of an import: what was found, removed and repaired, with input line numbers, and
//! a warning for everything the importer was unsure about. Every pass adds to it; `passend
//! import` prints it ([`Report::to_text`]).
//!
//! Why: the repairs are guesses about damaged text, and the author who copies the chapters into
//! `content/plan/` has to check them against the original PDF; the report says where to look.

use std::collections::BTreeMap;
use std::path::PathBuf;

/// A running header or footer that was removed, with the input lines it stood on.
#[derive(Debug, Clone)]
pub struct RunningLine {
    pub text: String,
    pub lines: Vec<usize>,
}

/// What the import did, for the author who has to check the result.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub source: String,
    pub encoding: String,
    pub lines: usize,
    pub pages: usize,
    /// Chapters found: file name, title and the input line of the heading.
    pub chapters: Vec<(String, String, usize)>,
    /// Every chapter and heading found: level (1 for a chapter), title and input line.
    pub outline: Vec<(u8, String, usize)>,
    pub running: Vec<RunningLine>,
    /// Input lines of lone page numbers that were removed.
    pub page_numbers: Vec<usize>,
    /// First and last input line of each table of contents that was removed.
    pub toc: Vec<(usize, usize)>,
    pub footnotes_found: usize,
    pub footnotes_matched: usize,
    /// Footnotes kept as a note: label and input line.
    pub notes: Vec<(String, usize)>,
    pub hyphenations_joined: usize,
    pub hyphens_kept: usize,
    pub bullets: usize,
    pub headings: usize,
    /// First and last input line of each flattened table kept line by line.
    pub tables: Vec<(usize, usize)>,
    /// First and last input line of each run of two columns read across, put in column order.
    pub columns: Vec<(usize, usize)>,
    /// Images taken from a Word or OpenDocument document (file names in `afbeeldingen/`).
    pub images: Vec<String>,
    /// Data found in the text: what, first and last input line.
    pub data: Vec<(String, usize, usize)>,
    /// (wrong, right) -> count.
    pub ocr_fixes: BTreeMap<(String, String), usize>,
    /// Input line and message, for everything the importer was unsure about.
    pub warnings: Vec<(usize, String)>,
    pub written: Vec<PathBuf>,
}

impl Report {
    /// The report as `passend import` prints it.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let push = |out: &mut String, s: String| {
            out.push_str(&s);
            out.push('\n');
        };
        if self.pages == 0 {
            // A Word document: no pages, and places are paragraph numbers.
            push(&mut out, format!("passend import: {} ({} alinea's, {})", self.source, self.lines, self.encoding));
        } else {
            push(&mut out, format!("passend import: {} ({} regels, {}, {} pagina's herkend)", self.source, self.lines, self.encoding, self.pages));
        }
        push(&mut out, format!("Hoofdstukken: {} gevonden", self.chapters.len()));
        let width = self.chapters.iter().map(|c| c.0.chars().count()).max().unwrap_or(0);
        for (file, title, line) in &self.chapters {
            push(&mut out, format!("  {file:<width$}  regel {line:>5}  {title}"));
        }
        if !self.outline.is_empty() {
            push(&mut out, format!("Indeling: {} koppen", self.outline.len()));
            for (level, title, line) in &self.outline {
                push(&mut out, format!("  regel {line:>5}  {}{} {title}", "  ".repeat(usize::from(*level).saturating_sub(1)), "#".repeat(usize::from(*level))));
            }
        }
        if let Some(dir) = self.written.first().and_then(|p| p.parent()) {
            push(&mut out, format!("Geschreven: {} bestanden in {}", self.written.len(), dir.display()));
        }
        let removed: usize = self.running.iter().map(|r| r.lines.len()).sum();
        push(&mut out, format!("Kop- en voetteksten verwijderd: {removed} regels"));
        for r in &self.running {
            let lines: Vec<String> = r.lines.iter().map(usize::to_string).collect();
            push(&mut out, format!("  {}x \"{}\" (regels {})", r.lines.len(), r.text, lines.join(", ")));
        }
        push(&mut out, format!("Paginanummers verwijderd: {}", self.page_numbers.len()));
        for (a, b) in &self.toc {
            push(&mut out, format!("Inhoudsopgave verwijderd: regels {a}-{b}"));
        }
        push(&mut out, format!("Koppen: {}", self.headings));
        push(
            &mut out,
            format!(
                "Voetnoten: {} gevonden, {} gekoppeld aan hun plaats in de tekst, {} zonder plaats bewaard onder \"Noten\"",
                self.footnotes_found,
                self.footnotes_matched,
                self.notes.len()
            ),
        );
        if !self.notes.is_empty() {
            let list: Vec<String> = self.notes.iter().map(|(label, line)| format!("{label} (regel {line})")).collect();
            push(&mut out, format!("  zonder plaats: {}", list.join(", ")));
        }
        push(&mut out, format!("Afbrekingen hersteld: {} samengevoegd, {} koppeltekens behouden", self.hyphenations_joined, self.hyphens_kept));
        push(&mut out, format!("Opsommingstekens omgezet: {}", self.bullets));
        for (a, b) in &self.tables {
            push(&mut out, format!("Tabel zonder opmaak regel voor regel overgenomen: regels {a}-{b}"));
        }
        for (a, b) in &self.columns {
            push(&mut out, format!("Twee kolommen door elkaar, in kolomvolgorde gezet: regels {a}-{b}"));
        }
        if !self.images.is_empty() {
            push(&mut out, format!("Afbeeldingen overgenomen: {} ({}); de hoofdstukken tonen ze als /afbeeldingen/NAAM: ze horen in static/afbeeldingen/ van de site", self.images.len(), self.images.join(", ")));
        }
        for (what, a, b) in &self.data {
            push(&mut out, format!("Gegevens in de tekst: {what} (regels {a}-{b})"));
        }
        let fixes: usize = self.ocr_fixes.values().sum();
        push(&mut out, format!("OCR-correcties: {fixes}"));
        for ((from, to), n) in &self.ocr_fixes {
            push(&mut out, format!("  {n}x {from} -> {to}"));
        }
        push(&mut out, format!("Waarschuwingen: {}", self.warnings.len()));
        for (line, message) in &self.warnings {
            push(&mut out, format!("{}:{line}: waarschuwing: {message}", self.source));
        }
        out
    }
}
