//! `passend import PLAN.txt`: the text of an ondersteuningsplan as a PDF tool leaves it
//! (`pdftotext`, copy and paste from a viewer, OCR) turned back into plan chapters
//! `NN-slug.md` that `passend check` accepts.
//!
//! Extracted text is damaged in a few predictable ways; each step below undoes one of them, and
//! what it was unsure about goes into the [`Report`] with the input line number:
//!
//! - **pages**: a form feed, a line indented by exactly one space (how some tools mark a new
//!   page) or a run of blank lines starts a page;
//! - **running headers and footers**: lines that repeat at the edges of pages, compared with
//!   their digits ignored so `Plan 2024 | 12` and `Plan 2024 | 13` are one line; lone page numbers;
//! - **a table of contents**: runs of numbered titles with page numbers or dot leaders, or
//!   titles that come back as headings further on;
//! - **footnotes**: numbered lines at the bottom of a page, linked to their number after a word
//!   on the same page (or a known OCR garbling of it: `!2` for 12, `?,` for a lost superscript);
//!   what cannot be linked is kept under "Noten" at the end of the chapter;
//! - **headings**: numbered chapters in sequence, `Hoofdstuk 3`, `Bijlage 2`, sections `1.1`
//!   and `3.7.1`, and short title lines between paragraphs;
//! - **paragraphs**: broken lines joined, hyphenation undone using the document's own words,
//!   bullet glyphs (`•`, `e `, `«`, `o `, ...) turned into list items, flattened tables kept
//!   line by line;
//! - **OCR confusions**: only those in one small explicit table ([`OCR_FIXES`]).
//!
//! Nothing is invented: every word written is a word of the input (or of the OCR table).
//! [`convert`] does the work without touching the disk; [`run`] reads, converts and writes.

use crate::config::Vocabularies;
use crate::text::slugify;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

/// Known OCR confusions in Dutch plans, and the only words the importer changes. The flag says
/// whether the whole word must match (`Iwoo`) or the text is a stem found inside longer words
/// (`codrdin` in `ondersteuningscodrdinatoren`). Capitalised forms are fixed too.
pub const OCR_FIXES: &[(&str, &str, bool)] = &[
    ("coérdin", "coördin", false),
    ("codrdin", "coördin", false),
    ("coodrdin", "coördin", false),
    ("co6érdin", "coördin", false),
    ("co6rdin", "coördin", false),
    ("coôrdin", "coördin", false),
    ("geévalueer", "geëvalueer", false),
    ("creér", "creër", false),
    ("financiél", "financiël", false),
    ("financién", "financiën", false),
    ("categorieén", "categorieën", false),
    ("oriént", "oriënt", false),
    ("residentiél", "residentiël", false),
    ("ministeriél", "ministeriël", false),
    ("materiél", "materiël", false),
    ("justitiél", "justitiël", false),
    ("beéindig", "beëindig", false),
    ("geéxpliciteerd", "geëxpliciteerd", false),
    ("geéntameerd", "geëntameerd", false),
    ("verifiér", "verifiër", false),
    ("interveniér", "interveniër", false),
    ("Iwoo", "lwoo", true),
    ("o0.a.", "o.a.", true),
    ("O0V", "OOV", true),
    ("lJssel", "IJssel", true),
    ("lIssel", "IJssel", true),
];

/// Keywords that suggest a legal element (`wettelijk_onderdeel`) for a chapter. Each rule:
/// key, keywords (lowercase; short ones match whole words), the number of hits needed, and
/// keywords of which at least one must also occur.
const LEGAL_RULES: &[(&str, &[&str], usize, &[&str])] = &[
    ("basisondersteuning", &["basisondersteuning"], 2, &[]),
    ("voorzieningen", &["dekkend netwerk", "dekkend aanbod", "voorziening", "arrangement", "bovenschools"], 3, &[]),
    ("middelen", &["begroting", "middelen", "bekostiging", "budget"], 3, &[]),
    ("toelaatbaarheid", &["toelaatbaarheidsverklaring", "tlv", "toelaatbaarheid"], 2, &[]),
    ("terugplaatsing", &["terugplaatsing", "terugplaatsen", "teruggeplaatst", "terugkeer", "overplaatsing"], 1, &[]),
    ("resultaten", &["resultaten", "kengetallen", "monitor", "opbrengsten", "streefcijfer"], 2, &[]),
    ("informatie-ouders", &["ouders"], 2, &["informatie", "informeren", "voorlichting", "onderwijsconsulent", "steunpunt"]),
    ("overdracht-sbo", &["speciaal basisonderwijs", "sbo"], 1, &["lichte ondersteuning"]),
    ("groeiregeling", &["groeiregeling", "tussentijdse groei", "peildatum", "teldatum"], 2, &[]),
    ("lwoo-pro", &["lwoo", "leerwegondersteun", "praktijkonderwijs"], 2, &[]),
];

/// Keywords that suggest an OOGO theme (`oogo_thema`), in the same form as [`LEGAL_RULES`].
const OOGO_RULES: &[(&str, &[&str], usize, &[&str])] = &[
    ("missie-visie", &["missie", "visie"], 2, &[]),
    ("jeugdhulp", &["jeugdhulp", "jeugdzorg", "zorgaanbieder", "wijkteam", "cjg"], 2, &[]),
    ("doorgaande-lijn", &["overstap", "doorgaande", "po-vo", "vo-mbo", "overgang"], 2, &[]),
    ("thuiszitters", &["thuiszit", "leerplicht", "verzuim", "schoolverlat"], 2, &[]),
    ("leerlingenvervoer", &["leerlingenvervoer", "vervoer"], 1, &[]),
    ("huisvesting", &["huisvesting"], 1, &[]),
    ("arbeidsmarkt", &["arbeidsmarkt", "dagbesteding", "beschut werk", "startkwalificatie", "participatiewet"], 1, &[]),
    ("middelen", &["begroting", "middelen", "bekostiging", "budget"], 3, &[]),
    ("resultaten", &["resultaten", "kengetallen", "monitor", "streefcijfer"], 2, &[]),
    ("ouders", &["ouders"], 3, &["betrokken", "betrekken", "informeren", "steunpunt", "onderwijsconsulent"]),
    ("ontwikkelagenda", &["ontwikkelagenda"], 1, &[]),
    ("professionalisering", &["professionalis", "scholing", "deskundigheid", "expertise"], 2, &[]),
];

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/// One chapter file produced by the import.
#[derive(Debug, Clone)]
pub struct ChapterFile {
    /// `NN-slug.md`.
    pub file_name: String,
    pub title: String,
    pub order: u32,
    /// Input line of the chapter heading (of the first text, for the part before chapter 1).
    pub line: usize,
    /// The whole file: front matter and body.
    pub markdown: String,
    /// Footnotes linked to their place in the text.
    pub footnotes: usize,
    /// Footnotes kept under "Noten" because their place was not found.
    pub notes: usize,
    pub wettelijke_onderdelen: Vec<String>,
    pub oogo: Vec<String>,
}

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
    /// (wrong, right) -> count.
    pub ocr_fixes: BTreeMap<(String, String), usize>,
    /// Input line and message, for everything the importer was unsure about.
    pub warnings: Vec<(usize, String)>,
    pub written: Vec<PathBuf>,
}

/// The converted plan: chapters in order, and the report.
#[derive(Debug, Clone)]
pub struct Import {
    pub chapters: Vec<ChapterFile>,
    pub report: Report,
}

#[derive(Debug)]
pub enum ImportError {
    Read { path: PathBuf, error: std::io::Error },
    /// Not UTF-8 and not plausibly Windows-1252 either; `offset` counts bytes from 0.
    NotUtf8 { file: String, offset: usize, line: usize, column: usize, byte: u8 },
    Utf16 { file: String },
    Empty { file: String },
    /// NUL bytes: a binary file (a PDF or Word file itself), not extracted text.
    Binary { file: String, line: usize, column: usize },
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
        let existing: Vec<String> = import.chapters.iter().filter(|c| dir.join(&c.file_name).exists()).map(|c| c.file_name.clone()).collect();
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
    Ok(())
}

/// Convert the bytes of a PDF-extracted plan into chapters. `source` names the input in the
/// report and in messages.
pub fn convert(source: &str, bytes: &[u8]) -> Result<Import, ImportError> {
    let (text, encoding, encoding_warning) = decode(source, bytes)?;
    if let Some(offset) = text.find('\0') {
        let pos = crate::diagnostics::Position::at(&text, offset);
        return Err(ImportError::Binary { file: source.to_string(), line: pos.line, column: pos.column });
    }
    if text.trim().is_empty() {
        return Err(ImportError::Empty { file: source.to_string() });
    }
    let mut report = Report { source: source.to_string(), encoding: encoding.to_string(), ..Report::default() };
    if let Some((line, message)) = encoding_warning {
        report.warnings.push((line, message));
    }
    let mut lines = split_lines(&text);
    report.lines = lines.last().map(|l| l.no).unwrap_or(0);
    fix_ocr(&mut lines, &mut report);
    remove_running_lines(&mut lines, &mut report);
    remove_page_numbers(&mut lines, &mut report);
    carry_page_starts(&mut lines);
    remove_toc(&mut lines, &mut report);
    carry_page_starts(&mut lines);
    report.pages = 1 + lines.iter().skip(1).filter(|l| l.page_start && l.gone.is_none() && !l.text.is_empty()).count();
    let vocab = Vocab::build(&lines);
    let mut joiner = Joiner { vocab, joined: 0, kept: 0, warnings: Vec::new(), soft: false };
    let pages = segments(&lines);
    let mut footnotes = extract_footnotes(&mut lines, &pages, &mut joiner, &mut report);
    link_footnotes(&mut lines, &pages, &mut footnotes, &mut report);
    let kinds = classify(&lines, &mut report);
    let blocks = build_blocks(&lines, &kinds, &mut joiner, &mut report);
    report.hyphenations_joined = joiner.joined;
    report.hyphens_kept = joiner.kept;
    report.warnings.extend(joiner.warnings);
    let chapters = assemble(source, &lines, blocks, &mut footnotes, &mut report);
    report.chapters = chapters.iter().map(|c| (c.file_name.clone(), c.title.clone(), c.line)).collect();
    report.footnotes_found = footnotes.len();
    report.footnotes_matched = footnotes.iter().filter(|f| f.marker_line.is_some()).count();
    report.notes = footnotes.iter().filter(|f| f.marker_line.is_none()).map(|f| (f.label.clone(), f.line)).collect();
    report.warnings.sort_by_key(|(line, _)| *line);
    Ok(Import { chapters, report })
}

impl Report {
    /// The report as `passend import` prints it.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let push = |out: &mut String, s: String| {
            out.push_str(&s);
            out.push('\n');
        };
        push(&mut out, format!("passend import: {} ({} regels, {}, {} pagina's herkend)", self.source, self.lines, self.encoding, self.pages));
        push(&mut out, format!("Hoofdstukken: {} gevonden", self.chapters.len()));
        let width = self.chapters.iter().map(|c| c.0.chars().count()).max().unwrap_or(0);
        for (file, title, line) in &self.chapters {
            push(&mut out, format!("  {file:<width$}  regel {line:>5}  {title}"));
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

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

type Decoded = (String, &'static str, Option<(usize, String)>);

/// UTF-8 (with or without BOM) as is; text that is not UTF-8 but reads as Windows-1252 (what
/// many PDF tools on Windows write) is decoded with a warning; anything else is an error that
/// names the first bad byte.
fn decode(file: &str, bytes: &[u8]) -> Result<Decoded, ImportError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(ImportError::Utf16 { file: file.to_string() });
    }
    let (body, bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, 3),
        None => (bytes, 0),
    };
    match std::str::from_utf8(body) {
        Ok(text) => Ok((text.to_string(), if bom > 0 { "UTF-8 met BOM" } else { "UTF-8" }, None)),
        Err(e) => {
            let bad = e.valid_up_to();
            let before = String::from_utf8_lossy(&body[..bad]);
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map(|l| l.chars().count()).unwrap_or(0) + 1;
            // Real UTF-8 characters elsewhere mean a damaged UTF-8 file: reading it as
            // Windows-1252 would garble those, so that is an error.
            let utf8_chars: usize = body.utf8_chunks().map(|c| c.valid().chars().filter(|ch| !ch.is_ascii()).count()).sum();
            if utf8_chars == 0 && looks_like_windows_1252(body) {
                let text: String = body.iter().map(|&b| windows_1252(b)).collect();
                let warning = format!(
                    "byte 0x{:02X} op byte-positie {} (kolom {column}) is geen UTF-8; het bestand is gelezen als Windows-1252 (Latin-1): controleer letters als ë en é",
                    body[bad],
                    bad + bom
                );
                return Ok((text, "Windows-1252", Some((line, warning))));
            }
            Err(ImportError::NotUtf8 { file: file.to_string(), offset: bad + bom, line, column, byte: body[bad] })
        }
    }
}

fn looks_like_windows_1252(bytes: &[u8]) -> bool {
    let undefined = [0x81, 0x8D, 0x8F, 0x90, 0x9D];
    let control = |b: u8| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C);
    let high = bytes.iter().filter(|&&b| b >= 0x80).count();
    !bytes.iter().any(|&b| control(b) || b == 0x7F || undefined.contains(&b)) && high * 4 <= bytes.len()
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š',
        '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// Why a line is not part of the text any more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gone {
    Running,
    PageNumber,
    Toc,
    Footnote,
}

#[derive(Debug, Clone)]
struct Line {
    /// 1-based line number in the input.
    no: usize,
    /// Whitespace normalised and trimmed; empty for a blank line.
    text: String,
    /// First line of a page.
    page_start: bool,
    /// Ends in a soft hyphen: certainly hyphenation.
    soft_hyphen: bool,
    gone: Option<Gone>,
}

impl Line {
    fn kept(&self) -> bool {
        self.gone.is_none() && !self.text.is_empty()
    }
}

/// Split into normalised lines and mark page starts: form feeds, or (when there are none) a
/// line indented by exactly one space in an otherwise unindented text, or a line after two
/// or more blank lines.
fn split_lines(text: &str) -> Vec<Line> {
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

fn fix_ocr(lines: &mut [Line], report: &mut Report) {
    for line in lines.iter_mut() {
        for &(from, to, whole) in OCR_FIXES {
            for (f, t) in [(from.to_string(), to.to_string()), (capitalize(from), capitalize(to))] {
                if !line.text.contains(&f) {
                    continue;
                }
                let (fixed, n) = replace_checked(&line.text, &f, &t, whole);
                if n > 0 {
                    line.text = fixed;
                    *report.ocr_fixes.entry((f.clone(), t.clone())).or_insert(0) += n;
                }
            }
        }
    }
}

fn capitalize(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

fn replace_checked(text: &str, from: &str, to: &str, whole: bool) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut n = 0;
    let mut rest = text;
    while let Some(pos) = rest.find(from) {
        out.push_str(&rest[..pos]);
        let before = out.chars().next_back();
        let after = rest[pos + from.len()..].chars().next();
        if !whole || (!before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)) {
            out.push_str(to);
            n += 1;
        } else {
            out.push_str(from);
        }
        rest = &rest[pos + from.len()..];
    }
    out.push_str(rest);
    (out, n)
}

// ---------------------------------------------------------------------------------------------
// Pages: running headers and footers, page numbers, table of contents
// ---------------------------------------------------------------------------------------------

/// Page number of each line (0-based), counting page starts of lines not yet removed.
fn page_of(lines: &[Line]) -> Vec<usize> {
    let mut page = 0;
    let mut out = Vec::with_capacity(lines.len());
    let mut seen_text = false;
    for l in lines {
        if l.page_start && !l.text.is_empty() && seen_text {
            page += 1;
        }
        if !l.text.is_empty() {
            seen_text = true;
        }
        out.push(page);
    }
    out
}

/// Whether line `i` is among the first or last `n` non-blank lines of its page.
fn edges(lines: &[Line], n: usize) -> Vec<bool> {
    let pages = page_of(lines);
    let mut by_page: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, l) in lines.iter().enumerate() {
        if !l.text.is_empty() && l.gone != Some(Gone::Toc) {
            by_page.entry(pages[i]).or_default().push(i);
        }
    }
    let mut out = vec![false; lines.len()];
    for idx in by_page.values() {
        for (k, &i) in idx.iter().enumerate() {
            if k < n || k + n >= idx.len() {
                out[i] = true;
            }
        }
    }
    out
}

/// The line with digits folded to `#` and a page number before or after it dropped, so the
/// footer of every page has the same key.
fn running_key(t: &str) -> Option<String> {
    // Numbered headings differ only in their number ("Bijlage 1", "Bijlage 2"): compare those
    // as written, so only a heading repeated word for word counts as a running header.
    if parse_heading_syntax(t).is_some() {
        let key = t.to_lowercase();
        return (key.chars().filter(|c| c.is_alphabetic()).count() >= 3).then_some(key);
    }
    let mut s = String::new();
    let mut in_digits = false;
    for c in t.to_lowercase().chars() {
        if c.is_ascii_digit() {
            if !in_digits {
                s.push('#');
            }
            in_digits = true;
        } else {
            in_digits = false;
            s.push(c);
        }
    }
    let mut words: Vec<&str> = s.split_whitespace().collect();
    let page_token = |w: &str| matches!(w, "#" | "#/#" | "-#-" | "(#)" | "[#]");
    while words.len() > 1 && words.last().is_some_and(|w| page_token(w)) {
        words.pop();
    }
    while words.len() > 1 && page_token(words[0]) {
        words.remove(0);
    }
    let key = words.join(" ");
    (key.chars().filter(|c| c.is_alphabetic()).count() >= 3).then_some(key)
}

/// Lines that repeat at the edges of pages. Three or more occurrences, mostly at a page edge;
/// or two, both at an edge, that look like a footer (three words or more with a digit, `|` or
/// a dash). Sentences (ending in punctuation or starting in lower case), list items and
/// headings are never taken, except that a heading repeated on every page keeps its first
/// occurrence.
fn remove_running_lines(lines: &mut [Line], report: &mut Report) {
    let pages = page_of(lines).last().copied().unwrap_or(0) + 1;
    let at_edge = edges(lines, 2);
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, l) in lines.iter().enumerate() {
        if l.kept() {
            if let Some(key) = running_key(&l.text) {
                groups.entry(key).or_default().push(i);
            }
        }
    }
    let mut found: Vec<RunningLine> = Vec::new();
    for occ in groups.values() {
        let n = occ.len();
        if n < 2 {
            continue;
        }
        let sample = &lines[occ[0]].text;
        if ends_terminal(sample) || sample.ends_with(',') || starts_lower(sample) || bullet(sample).is_some() {
            continue;
        }
        let heading = parse_heading_syntax(sample).is_some();
        let at_edges = occ.iter().filter(|&&i| at_edge[i]).count();
        let shape = words(sample) >= 3 && (sample.chars().any(|c| c.is_ascii_digit()) || sample.contains(['|', '—', '–', '·']) || sample.contains(" - "));
        let spread = occ.windows(2).all(|w| lines[w[1]].no - lines[w[0]].no >= 15);
        let remove = if pages > 1 {
            (n >= 3 && at_edges * 2 >= n) || (n == 2 && at_edges == 2 && shape && !heading) || (n >= 5 && shape && spread)
        } else {
            n >= 3 && shape && spread
        };
        if !remove || (heading && n < 3) {
            continue;
        }
        let targets: Vec<usize> = if heading { occ[1..].to_vec() } else { occ.clone() };
        for &i in &targets {
            lines[i].gone = Some(Gone::Running);
        }
        found.push(RunningLine { text: sample.clone(), lines: targets.iter().map(|&i| lines[i].no).collect() });
    }
    found.sort_by_key(|r| r.lines[0]);
    report.running = found;
}

fn is_page_number(t: &str) -> bool {
    let lower = t.to_lowercase();
    let mut s = lower.trim_matches(|c: char| c == '-' || c == '–' || c == '—' || c == ' ' || c == '|');
    for prefix in ["pagina ", "page ", "blz. ", "blz ", "p. "] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest;
        }
    }
    let number = |x: &str| (1..=3).contains(&x.len()) && x.chars().all(|c| c.is_ascii_digit());
    if number(s) {
        return true;
    }
    for sep in ["/", " / ", " van ", " of "] {
        if let Some((a, b)) = s.split_once(sep) {
            if number(a.trim()) && number(b.trim()) {
                return true;
            }
        }
    }
    false
}

/// Lone page numbers: at the edge of a page, or (without page marks) on their own between
/// blank lines, counting up.
fn remove_page_numbers(lines: &mut [Line], report: &mut Report) {
    let pages = page_of(lines).last().copied().unwrap_or(0) + 1;
    let at_edge = edges(lines, 3);
    let candidates: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].kept() && is_page_number(&lines[i].text)).collect();
    let chosen: Vec<usize> = if pages > 1 {
        candidates.into_iter().filter(|&i| at_edge[i]).collect()
    } else {
        let alone: Vec<usize> = candidates
            .into_iter()
            .filter(|&i| (i == 0 || lines[i - 1].text.is_empty()) && lines.get(i + 1).is_none_or(|l| l.text.is_empty()))
            .collect();
        let numbers: Vec<u32> = alone.iter().map(|&i| lines[i].text.chars().filter(char::is_ascii_digit).take(3).collect::<String>().parse().unwrap_or(0)).collect();
        if alone.len() >= 3 && numbers.windows(2).all(|w| w[1] > w[0]) {
            alone
        } else {
            Vec::new()
        }
    };
    for i in chosen {
        lines[i].gone = Some(Gone::PageNumber);
        report.page_numbers.push(lines[i].no);
    }
}

/// A removed footer ends a page and a removed header starts one: the next line of text starts
/// a page.
fn carry_page_starts(lines: &mut [Line]) {
    let mut carry = false;
    for l in lines.iter_mut() {
        match l.gone {
            Some(Gone::Running | Gone::PageNumber) => carry = true,
            Some(_) => carry |= l.page_start,
            None if l.text.is_empty() => {}
            None => {
                if carry {
                    l.page_start = true;
                }
                carry = false;
            }
        }
    }
}

/// A table of contents entry: the title (normalised, for comparing with headings later),
/// whether it ends in a page number and whether it has dot leaders.
fn toc_entry(t: &str) -> Option<(String, bool, bool)> {
    let digits: usize = t.chars().rev().take_while(char::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let before = &t[..t.len() - digits];
        let leader = before.trim_end().ends_with("..") || before.trim_end().ends_with('…') || before.contains(". . .");
        let title = before.trim_end_matches(['.', '…', ' ', '_', '·']);
        let separated = before.ends_with(' ') || before.ends_with('.') || before.ends_with('…');
        if separated && title.chars().any(char::is_alphabetic) {
            if leader {
                return Some((title_key(title), true, true));
            }
            if parse_heading_syntax(title).is_some_and(|s| s.title.is_empty() || heading_like(&s.title)) {
                return Some((title_key(title), true, false));
            }
        }
    }
    let syn = parse_heading_syntax(t)?;
    (!syn.title.is_empty() && heading_like(&syn.title)).then(|| (title_key(t), false, false))
}

/// The words of a title without its numbering and a trailing page number.
fn title_words(t: &str) -> BTreeSet<String> {
    let title = parse_heading_syntax(t).map(|s| s.title).unwrap_or_else(|| t.to_string());
    title.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().any(char::is_alphabetic)).map(str::to_lowercase).collect()
}

/// Two titles are the same heading when the words of the shorter are (almost all) in the
/// longer: a contents line often has a year or word more or less than the heading.
fn similar_titles(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    !small.is_empty() && small.intersection(large).count() * 5 >= small.len() * 4 && small.len() * 2 >= large.len()
}

/// Lowercase letters of a title without its numbering, for comparing.
fn title_key(t: &str) -> String {
    let title = parse_heading_syntax(t).map(|s| s.title).unwrap_or_else(|| t.to_string());
    title.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Runs of three or more contents entries (blank lines between them allowed) with page numbers,
/// or whose titles come back as headings later; a line with dot leaders and a page number on
/// its own; and an "Inhoud"/"Inhoudsopgave" line just before.
fn remove_toc(lines: &mut [Line], report: &mut Report) {
    let nb: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].kept()).collect();
    let entries: Vec<Option<(String, bool, bool)>> = nb.iter().map(|&i| toc_entry(&lines[i].text)).collect();
    // Titles of every line that could be a heading, by position in `nb`.
    let heading_titles: Vec<(usize, BTreeSet<String>)> =
        nb.iter().enumerate().filter(|(_, &i)| parse_heading_syntax(&lines[i].text).is_some()).map(|(k, &i)| (k, title_words(&lines[i].text))).collect();
    let mut k = 0;
    while k < nb.len() {
        if entries[k].is_none() {
            k += 1;
            continue;
        }
        let start = k;
        // A title that repeats one earlier in the run is the real heading after the contents.
        let mut seen: Vec<BTreeSet<String>> = Vec::new();
        while k < nb.len() && entries[k].is_some() {
            let w = title_words(&lines[nb[k]].text);
            if seen.iter().any(|s| similar_titles(s, &w)) {
                break;
            }
            seen.push(w);
            k += 1;
        }
        // Contents lines have page numbers; a heading just after them has none.
        let with_page_total = (start..k).filter(|&j| entries[j].as_ref().is_some_and(|e| e.1)).count();
        if with_page_total >= 2 {
            while k > start && entries[k - 1].as_ref().is_some_and(|e| !e.1) {
                k -= 1;
            }
        }
        if k == start {
            k += 1;
            continue;
        }
        let run = start..k;
        let with_page = run.clone().filter(|&j| entries[j].as_ref().is_some_and(|e| e.1)).count();
        let leaders = run.clone().filter(|&j| entries[j].as_ref().is_some_and(|e| e.2)).count();
        let later = &heading_titles[heading_titles.partition_point(|(p, _)| *p < k)..];
        let recurring = run
            .clone()
            .filter(|&j| {
                let entry = title_words(&lines[nb[j]].text);
                !entry.is_empty() && later.iter().any(|(_, h)| similar_titles(&entry, h))
            })
            .count();
        let is_toc = (run.len() >= 3 && (with_page >= 2 || recurring >= 2)) || (leaders == run.len() && leaders >= 1);
        if !is_toc {
            continue;
        }
        let mut first = nb[start];
        if start > 0 {
            let prev = nb[start - 1];
            let t = lines[prev].text.to_lowercase();
            let t = t.trim_end_matches(':');
            if matches!(t, "inhoud" | "inhoudsopgave" | "inhoudstafel" | "inhoudsopgave en leeswijzer" | "table of contents") {
                first = prev;
            }
        }
        let last = nb[k - 1];
        for line in lines[first..=last].iter_mut() {
            if line.gone.is_none() {
                line.gone = Some(Gone::Toc);
            }
        }
        report.toc.push((lines[first].no, lines[last].no));
    }
}

// ---------------------------------------------------------------------------------------------
// Footnotes
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
struct Footnote {
    /// Markdown label, unique in the document: the number, `12-2` for a second 12.
    label: String,
    number: u32,
    /// The number as printed, digits only (empty when OCR left only a symbol).
    printed: String,
    text: String,
    /// Input line of the footnote text.
    line: usize,
    /// Input line of the marker in the text, once found.
    marker_line: Option<usize>,
    /// Index of its page segment.
    segment: usize,
}

/// A line that starts a footnote: a number (or a symbol OCR made of one) and text.
/// Returns the digits as printed and the text.
fn footnote_start(t: &str) -> Option<(String, &str)> {
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    let superscript: String = t.chars().take_while(|c| superscript_digit(*c).is_some()).collect();
    let (printed, rest) = if !digits.is_empty() {
        if digits.len() > 3 {
            return None;
        }
        let rest = &t[digits.len()..];
        let rest = rest.strip_prefix(['%', '°', '\'', '’', '*']).unwrap_or(rest);
        (digits, rest)
    } else if !superscript.is_empty() {
        (superscript.chars().filter_map(superscript_digit).collect(), &t[superscript.len()..])
    } else if let Some(rest) = t.strip_prefix(['°', '%']) {
        (String::new(), rest)
    } else {
        return None;
    };
    if !(rest.starts_with(' ') || rest.starts_with("http") || rest.starts_with("www")) {
        return None;
    }
    let rest = rest.trim_start();
    if rest.is_empty() || rest.split_whitespace().all(|w| w.chars().all(|c| !c.is_alphabetic())) {
        return None;
    }
    Some((printed, rest))
}

fn superscript_digit(c: char) -> Option<char> {
    Some(match c {
        '⁰' => '0',
        '¹' => '1',
        '²' => '2',
        '³' => '3',
        '⁴' => '4',
        '⁵' => '5',
        '⁶' => '6',
        '⁷' => '7',
        '⁸' => '8',
        '⁹' => '9',
        _ => return None,
    })
}

fn has_url(t: &str) -> bool {
    t.contains("http://") || t.contains("https://") || t.contains("www.")
}

/// The number a footnote line stands for, given the one expected next. OCR loses digits of
/// small superscript numbers (11 printed as 1, 23 as 2) or leaves a symbol; those take the
/// expected number, with a warning.
fn footnote_number(printed: &str, rest: &str, expected: u32) -> Option<(u32, Option<String>)> {
    let Ok(n) = printed.parse::<u32>() else {
        return Some((expected, Some(format!("voetnootnummer onleesbaar; gelezen als {expected}"))));
    };
    let exp = expected.to_string();
    if n == expected {
        return Some((n, None));
    }
    if n > expected && n <= expected + 5 {
        if expected == 1 {
            return Some((n, None));
        }
        let missing = if n == expected + 1 { format!("{expected}") } else { format!("{expected} tot en met {}", n - 1) };
        return Some((n, Some(format!("voetnoot {n} volgt op {}: voetnoot {missing} niet gevonden", expected.saturating_sub(1)))));
    }
    if n > 0 && printed.len() < exp.len() && (exp.starts_with(printed) || exp.ends_with(printed)) {
        return Some((expected, Some(format!("voetnootnummer '{printed}' gelezen als {expected} (cijfer weggevallen)"))));
    }
    if n == 1 && expected > 1 && (has_url(rest) || words(rest) >= 4) {
        return Some((1, Some("de nummering van de voetnoten begint opnieuw bij 1".to_string())));
    }
    None
}

/// Footnotes sit at the bottom of a page: the trailing blocks of a page whose first line is a
/// footnote start, numbered in sequence through the document. Their lines are removed from the
/// text; each footnote remembers its page so its marker can be looked for there.
fn extract_footnotes(lines: &mut [Line], segments: &[std::ops::Range<usize>], joiner: &mut Joiner, report: &mut Report) -> Vec<Footnote> {
    let mut notes: Vec<Footnote> = Vec::new();
    let mut labels: HashSet<String> = HashSet::new();
    let mut expected = 1u32;
    for (seg, range) in segments.iter().enumerate() {
        // Blocks of consecutive text lines, separated by blank lines.
        let mut blocks: Vec<Vec<usize>> = Vec::new();
        let mut current: Vec<usize> = Vec::new();
        for i in range.clone() {
            if lines[i].gone.is_some() {
                continue;
            }
            if lines[i].text.is_empty() {
                if !current.is_empty() {
                    blocks.push(std::mem::take(&mut current));
                }
            } else {
                current.push(i);
            }
        }
        if !current.is_empty() {
            blocks.push(current);
        }
        let is_note_block = |b: &Vec<usize>| {
            footnote_start(&lines[b[0]].text).is_some()
                && b.iter().skip(1).all(|&i| bullet(&lines[i].text).is_none() && !parse_heading_syntax(&lines[i].text).is_some_and(|s| matches!(s.kind, SynKind::Num(ref c, true) if c.len() == 1)))
        };
        let mut zone = blocks.len();
        while zone > 0 && is_note_block(&blocks[zone - 1]) {
            zone -= 1;
        }
        // Validate from the top of the zone; a block that does not fit the numbering is text.
        'outer: while zone < blocks.len() {
            let first = blocks[zone][0];
            let (printed, rest) = footnote_start(&lines[first].text).expect("note block");
            let single_title = blocks[zone].len() == 1 && heading_like(rest) && !has_url(rest) && words(rest) <= 8;
            if single_title || footnote_number(&printed, rest, expected).is_none() {
                zone += 1;
                continue 'outer;
            }
            break;
        }
        for block in &blocks[zone..] {
            for &i in block {
                let line_no = lines[i].no;
                let text = lines[i].text.clone();
                let soft = lines[i].soft_hyphen;
                lines[i].gone = Some(Gone::Footnote);
                let start = footnote_start(&text).and_then(|(printed, rest)| footnote_number(&printed, rest, expected).map(|n| (printed, rest.to_string(), n)));
                match start {
                    // Inside a block a new note must continue the numbering (a restart at 1 is
                    // only believed at the start of a block).
                    Some((printed, rest, (number, warning))) if i == block[0] || notes.last().is_none_or(|n| n.segment != seg) || number >= expected => {
                        if let Some(w) = warning {
                            report.warnings.push((line_no, w));
                        }
                        let mut label = number.to_string();
                        let mut k = 2;
                        while labels.contains(&label) {
                            label = format!("{number}-{k}");
                            k += 1;
                        }
                        labels.insert(label.clone());
                        expected = number + 1;
                        notes.push(Footnote { label, number, printed, text: rest, line: line_no, marker_line: None, segment: seg });
                        joiner.soft = soft;
                    }
                    _ => {
                        // A continuation line of the footnote above.
                        if let Some(note) = notes.last_mut() {
                            let joined = joiner.join(&note.text, &text, line_no);
                            note.text = joined;
                            joiner.soft = soft;
                        }
                    }
                }
            }
        }
    }
    joiner.soft = false;
    notes
}

/// Line ranges of pages (segments), by page starts of the lines still in the text.
fn segments(lines: &[Line]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, l) in lines.iter().enumerate() {
        if i > start && l.page_start && l.kept() && lines[start..i].iter().any(Line::kept) {
            out.push(start..i);
            start = i;
        }
    }
    out.push(start..lines.len());
    out
}

/// Placeholder for a footnote reference while the text is still being repaired; it becomes
/// `[^label]` when the Markdown is written.
fn placeholder(label: &str) -> String {
    format!("\u{e000}{label}\u{e001}")
}

/// A marker made of digits after a word: `ouders2`, `onderwijs.3`, and `!2`/`’3` for 12 and 13
/// (OCR reads a superscript 1 as `!` or an apostrophe). Byte range, number, whether OCR was read.
fn digit_markers(t: &str) -> Vec<(usize, usize, String, bool)> {
    let chars: Vec<(usize, char)> = t.char_indices().collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k].1;
        if let Some(d) = superscript_digit(c) {
            let mut e = k;
            let mut num = String::new();
            while e < chars.len() {
                match superscript_digit(chars[e].1) {
                    Some(x) => num.push(x),
                    None => break,
                }
                e += 1;
            }
            let _ = d;
            let end = chars.get(e).map(|x| x.0).unwrap_or(t.len());
            out.push((chars[k].0, end, num, false));
            k = e;
            continue;
        }
        if !c.is_ascii_digit() || (k > 0 && chars[k - 1].1.is_ascii_digit()) {
            k += 1;
            continue;
        }
        let mut e = k;
        while e < chars.len() && chars[e].1.is_ascii_digit() {
            e += 1;
        }
        let digits: String = chars[k..e].iter().map(|x| x.1).collect();
        let after = chars.get(e).map(|x| x.1);
        let after2 = chars.get(e + 1).map(|x| x.1);
        let next_ok = match after {
            None => true,
            Some(a) if a.is_alphanumeric() => false,
            Some('.' | ',') => !after2.is_some_and(|x| x.is_ascii_digit()),
            Some(_) => true,
        };
        if digits.len() > 2 || !next_ok {
            k = e;
            continue;
        }
        let mut start = k;
        let mut number = digits.clone();
        let mut ocr = false;
        if k >= 2 && matches!(chars[k - 1].1, '!' | '’' | '\'' | '|') && chars[k - 2].1.is_alphabetic() && digits.len() == 1 {
            start = k - 1;
            number = format!("1{digits}");
            ocr = true;
        }
        // What comes before: a word of three letters or more, possibly closed by punctuation.
        let mut p = start;
        if p > 0 && matches!(chars[p - 1].1, ')' | '.' | ',' | '”' | '’' | '"') && !ocr {
            p -= 1;
        }
        let letters = chars[..p].iter().rev().take_while(|x| x.1.is_alphabetic()).count();
        if letters >= 3 {
            let end = chars.get(e).map(|x| x.0).unwrap_or(t.len());
            out.push((chars[start].0, end, number, ocr));
        }
        k = e;
    }
    out
}

/// Symbols OCR makes of a superscript number, directly after a word and before punctuation:
/// `ouders?,`, `onderwijs® `, `(OPP)*`, `OCW™`. Byte range and the symbols.
fn garbled_markers(t: &str, previous: &str) -> Vec<(usize, usize, String)> {
    let chars: Vec<(usize, char)> = t.char_indices().collect();
    let garbage = |c: char| matches!(c, '?' | '®' | '™' | '*' | '°' | '’' | '\'');
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        if !garbage(chars[k].1) || k == 0 {
            k += 1;
            continue;
        }
        let before = chars[k - 1].1;
        let letters = chars[..k].iter().rev().take_while(|x| x.1.is_alphabetic()).count();
        if !(letters >= 2 || before == ')') {
            k += 1;
            continue;
        }
        let mut e = k + 1;
        while e < chars.len() && e < k + 2 && (garbage(chars[e].1) || chars[e].1 == '!') {
            e += 1;
        }
        let run: String = chars[k..e].iter().map(|x| x.1).collect();
        let after = chars.get(e).map(|x| x.1);
        let punct_after = matches!(after, Some('.' | ',' | ';' | ':'));
        // A quote that closes one opened earlier on the line (or the line before) is a quote.
        let opened = |open: char| {
            let before_run: String = chars[..k].iter().map(|x| x.1).collect();
            let context = format!("{}{before_run}", previous);
            let opens = context.matches(open).count() + context.matches(&format!(" {}", chars[k].1)).count();
            let closes = context.matches(chars[k].1).count().saturating_sub(context.matches(&format!(" {}", chars[k].1)).count());
            opens > closes
        };
        let ok = match run.as_str() {
            "’" => punct_after && !opened('‘'),
            "'" => punct_after && !opened('‘'),
            "?" => punct_after,
            "*" => before == ')' && (after.is_none() || after == Some(' ') || punct_after),
            _ => after.is_none() || after == Some(' ') || punct_after || after == Some(')'),
        };
        if ok {
            let end = chars.get(e).map(|x| x.0).unwrap_or(t.len());
            out.push((chars[k].0, end, run));
        }
        k = e;
    }
    out
}

/// Find each footnote's marker on its own page and put a placeholder there.
fn link_footnotes(lines: &mut [Line], segments: &[std::ops::Range<usize>], notes: &mut [Footnote], report: &mut Report) {
    for (seg, range) in segments.iter().enumerate() {
        let in_seg: Vec<usize> = (0..notes.len()).filter(|&n| notes[n].segment == seg).collect();
        if in_seg.is_empty() {
            continue;
        }
        let body: Vec<usize> = range.clone().filter(|&i| lines[i].kept()).collect();
        // Digits after a word.
        for &i in &body {
            let found = digit_markers(&lines[i].text);
            let mut edits: Vec<(usize, usize, String)> = Vec::new();
            for (start, end, number, ocr) in found {
                let hit = in_seg.iter().copied().find(|&n| notes[n].marker_line.is_none() && (notes[n].number.to_string() == number || (!notes[n].printed.is_empty() && notes[n].printed == number)));
                if let Some(n) = hit {
                    notes[n].marker_line = Some(lines[i].no);
                    if ocr || notes[n].number.to_string() != number {
                        report.warnings.push((lines[i].no, format!("'{}' gelezen als verwijzing naar voetnoot {}", &lines[i].text[start..end], notes[n].number)));
                    }
                    edits.push((start, end, placeholder(&notes[n].label)));
                }
            }
            apply_edits(&mut lines[i].text, edits);
        }
        // Symbols OCR made of the numbers: only when there are exactly as many as footnotes left.
        let left: Vec<usize> = in_seg.iter().copied().filter(|&n| notes[n].marker_line.is_none()).collect();
        if left.is_empty() {
            continue;
        }
        let symbols: Vec<(usize, usize, usize, String)> = body
            .iter()
            .enumerate()
            .flat_map(|(b, &i)| {
                let previous = if b > 0 { lines[body[b - 1]].text.as_str() } else { "" };
                garbled_markers(&lines[i].text, previous).into_iter().map(move |(s, e, r)| (i, s, e, r))
            })
            .collect();
        if symbols.len() != left.len() {
            continue;
        }
        let mut per_line: BTreeMap<usize, Vec<(usize, usize, String)>> = BTreeMap::new();
        for (&n, (i, s, e, run)) in left.iter().zip(symbols) {
            notes[n].marker_line = Some(lines[i].no);
            report.warnings.push((lines[i].no, format!("'{run}' na '{}' gelezen als verwijzing naar voetnoot {} (onzeker: controleer de plaats)", word_before(&lines[i].text, s), notes[n].number)));
            per_line.entry(i).or_default().push((s, e, placeholder(&notes[n].label)));
        }
        for (i, edits) in per_line {
            apply_edits(&mut lines[i].text, edits);
        }
    }
}

fn word_before(t: &str, end: usize) -> &str {
    let before = &t[..end];
    let start = before.rfind(' ').map(|p| p + 1).unwrap_or(0);
    &before[start..]
}

fn apply_edits(text: &mut String, mut edits: Vec<(usize, usize, String)>) {
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    for (s, e, with) in edits {
        text.replace_range(s..e, &with);
    }
}

// ---------------------------------------------------------------------------------------------
// Headings, lists, tables
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
enum SynKind {
    /// `1.`, `2`, `1.1`, `3.7.1`: the numbers, and whether a dot follows the last one.
    Num(Vec<u32>, bool),
    Bijlage(String),
    Hoofdstuk(u32),
    Roman(String),
}

#[derive(Debug, Clone)]
struct Syn {
    kind: SynKind,
    title: String,
}

/// The numbering a heading could start with, and the title after it.
fn parse_heading_syntax(t: &str) -> Option<Syn> {
    for (word, bijlage) in [("Bijlage", true), ("BIJLAGE", true), ("Hoofdstuk", false), ("HOOFDSTUK", false)] {
        let Some(rest) = t.strip_prefix(word) else { continue };
        if !rest.starts_with(' ') {
            return None;
        }
        let rest = rest.trim_start();
        let label: String = rest.chars().take_while(|c| c.is_alphanumeric()).collect();
        let valid = if bijlage {
            (!label.is_empty() && label.len() <= 2 && label.chars().all(|c| c.is_ascii_digit())) || is_roman(&label) || (label.len() == 1 && label.chars().all(|c| c.is_ascii_uppercase()))
        } else {
            !label.is_empty() && label.len() <= 2 && label.chars().all(|c| c.is_ascii_digit())
        };
        if !valid {
            return None;
        }
        let after = &rest[label.len()..];
        if !(after.is_empty() || after.starts_with([' ', '.', ':', '-', '–'])) {
            return None;
        }
        let title = after.trim_start_matches(['.', ':', '-', '–', ' ']).trim().to_string();
        let kind = if bijlage { SynKind::Bijlage(label) } else { SynKind::Hoofdstuk(label.parse().ok()?) };
        return Some(Syn { kind, title });
    }
    // Roman numerals: `IV Over te dragen bedragen`.
    if let Some((first, rest)) = t.split_once(' ') {
        if is_roman(first) && rest.trim_start().starts_with(|c: char| c.is_uppercase()) {
            return Some(Syn { kind: SynKind::Roman(first.to_string()), title: rest.trim().to_string() });
        }
    }
    let chars: Vec<char> = t.chars().collect();
    let mut comps = Vec::new();
    let mut k = 0;
    loop {
        let start = k;
        while k < chars.len() && chars[k].is_ascii_digit() {
            k += 1;
        }
        let len = k - start;
        if len == 0 || len > 2 {
            return None;
        }
        comps.push(chars[start..k].iter().collect::<String>().parse::<u32>().ok()?);
        if k + 1 < chars.len() && chars[k] == '.' && chars[k + 1].is_ascii_digit() && comps.len() < 4 {
            k += 1;
            continue;
        }
        break;
    }
    if comps[0] == 0 {
        return None;
    }
    let dot = chars.get(k) == Some(&'.');
    if dot {
        k += 1;
    }
    let rest: String = chars[k..].iter().collect();
    if rest.is_empty() {
        return (dot || comps.len() == 1).then_some(Syn { kind: SynKind::Num(comps, dot), title: String::new() });
    }
    if !rest.starts_with(' ') {
        // `4.1.Regulier` and `3.12.1Tussentijds`: numbers glued to the title.
        if comps.len() < 2 || !rest.starts_with(|c: char| c.is_uppercase()) {
            return None;
        }
    }
    Some(Syn { kind: SynKind::Num(comps, dot), title: rest.trim().to_string() })
}

fn is_roman(s: &str) -> bool {
    matches!(s, "I" | "II" | "III" | "IV" | "V" | "VI" | "VII" | "VIII" | "IX" | "X" | "XI" | "XII" | "XIII" | "XIV" | "XV")
}

/// Could this be the title of a heading: short, starting with a capital, no sentence end.
fn heading_like(title: &str) -> bool {
    let t = title.trim();
    let n = t.chars().count();
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    let visible = t.chars().filter(|c| !c.is_whitespace()).count();
    (2..=110).contains(&n)
        && (1..=14).contains(&words(t))
        && starts_upper(t)
        && !t.ends_with(['.', ',', ';', ':'])
        && !has_url(t)
        && letters * 2 >= visible
}

/// A title on a line of its own (after `Bijlage 3` or `3.` alone).
fn title_like(t: &str) -> bool {
    heading_like(t) && words(t) <= 10 && bullet(t).is_none()
}

fn words(t: &str) -> usize {
    t.split_whitespace().count()
}

fn starts_upper(t: &str) -> bool {
    let t = t.trim_start_matches(['‘', '“', '"', '\'', '(']);
    t.starts_with(|c: char| c.is_uppercase())
}

fn starts_lower(t: &str) -> bool {
    t.starts_with(|c: char| c.is_lowercase())
}

/// Ends a sentence or clause: `.`, `!`, `?`, `:` or `;`, maybe followed by a closing quote or
/// bracket.
/// Like [`ends_terminal`], but a line ending in an abbreviation (`ca.`, `o.a.`) goes on.
fn ends_sentence(t: &str) -> bool {
    const ABBREVIATIONS: &[&str] = &[
        "ca.", "o.a.", "bijv.", "bv.", "resp.", "m.u.v.", "i.c.", "t.a.v.", "incl.", "excl.", "art.", "nr.", "vs.", "d.w.z.", "i.p.v.", "m.b.t.", "t.b.v.", "o.b.v.",
        "mr.", "dr.", "prof.", "drs.", "ir.", "ing.", "zgn.", "z.g.", "evt.", "max.", "min.", "ong.",
    ];
    let last = t.rsplit(' ').next().unwrap_or("").to_lowercase();
    ends_terminal(t) && !ABBREVIATIONS.contains(&last.as_str())
}

fn ends_terminal(t: &str) -> bool {
    let t = t.trim_end_matches(['’', '”', '"', '\'', ')', ']', '\u{e001}']);
    let t = if t.ends_with(|c: char| c.is_alphanumeric()) && t.contains('\u{e000}') { t.rsplit_once('\u{e000}').map(|(a, _)| a).unwrap_or(t) } else { t };
    t.ends_with(['.', '!', '?', ':', ';'])
}

/// The text of a bullet item, without its glyph. `-` and `–` are only taken as bullets by the
/// caller where a new item can begin.
fn bullet(t: &str) -> Option<&str> {
    let mut cs = t.chars();
    let c = cs.next()?;
    let rest = cs.as_str();
    let glued = matches!(c, '•' | '●' | '▪' | '■' | '◦' | '‣' | '∙' | '·' | '○' | '□' | '➢' | '►' | '✓' | '✔' | '❖' | '→' | '⁃');
    let spaced = matches!(c, '-' | '–' | '*' | '«' | '»' | '®' | '¢' | '=' | '°' | '+' | 'e' | 'o' | '.');
    if !(glued || (spaced && rest.starts_with(' '))) {
        return None;
    }
    let text = rest.trim_start();
    if text.is_empty() {
        return None;
    }
    let first = text.chars().next()?;
    let ok = match c {
        'e' | 'o' | '.' => first.is_alphabetic() || matches!(first, '(' | '‘' | '“' | '"'),
        '°' => !text.starts_with("http") && !text.starts_with("www"),
        _ => true,
    };
    ok.then_some(text)
}

/// `1. tekst`, `2) tekst`, `a. tekst`, `b) tekst`, and `1.De tekst` with the space lost.
/// Returns the marker as it should be written and the text.
fn numbered_item(t: &str) -> Option<(String, &str)> {
    let chars: Vec<(usize, char)> = t.char_indices().take(4).collect();
    let (label_len, is_digit) = if chars.first()?.1.is_ascii_digit() {
        let n = chars.iter().take_while(|x| x.1.is_ascii_digit()).count();
        (n, true)
    } else if chars.first()?.1.is_ascii_alphabetic() {
        (1, false)
    } else {
        return None;
    };
    if label_len > 2 {
        return None;
    }
    let punct = chars.get(label_len)?.1;
    if punct != '.' && punct != ')' {
        return None;
    }
    let after_idx = chars.get(label_len)?.0 + 1;
    let rest = &t[after_idx..];
    let text = if let Some(r) = rest.strip_prefix(' ') {
        r.trim_start()
    } else if is_digit && punct == '.' && rest.starts_with(|c: char| c.is_uppercase()) {
        rest
    } else {
        return None;
    };
    if text.is_empty() || !text.starts_with(|c: char| !c.is_ascii_digit()) {
        return None;
    }
    let label = &t[..chars[label_len - 1].0 + chars[label_len - 1].1.len_utf8()];
    Some((format!("{label}{punct}"), text))
}

fn is_number_token(w: &str) -> bool {
    let w = w.trim_matches(|c: char| matches!(c, '|' | '(' | ')' | '€' | ';' | ':' | '-' | '–'));
    !w.is_empty() && w.chars().any(|c| c.is_ascii_digit()) && w.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '%'))
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Row {
    Strong,
    Weak,
    No,
}

/// A row of a flattened table: several numbers (a third of the words or more), or cells
/// separated by `|`; weaker: a line ending in a number, like a count after a name.
fn table_row(t: &str) -> Row {
    let ws: Vec<&str> = t.split_whitespace().collect();
    let numbers = ws.iter().filter(|w| is_number_token(w)).count();
    let pipes = t.matches('|').count();
    if (numbers >= 3 && numbers * 3 >= ws.len()) || pipes >= 2 {
        return Row::Strong;
    }
    let last_number = ws.last().is_some_and(|w| is_number_token(w) && w.chars().filter(char::is_ascii_digit).count() >= 2);
    if ((last_number && ws.len() >= 3) || (pipes >= 1 && numbers >= 1)) && !ends_terminal(t) {
        return Row::Weak;
    }
    Row::No
}

#[derive(Debug, Clone)]
struct ChapterHead {
    number: Option<u32>,
    bijlage: Option<String>,
    title: String,
}

#[derive(Debug, Clone)]
enum Kind {
    Text,
    Chapter(ChapterHead),
    Heading(u8, String),
    /// Taken into the heading above (a title on its own line).
    Consumed,
    /// Part of flattened table `n`.
    Table(usize),
}

/// Whether there is a blank or removed line between lines `a` and `b`.
fn gap_between(lines: &[Line], a: usize, b: usize) -> bool {
    (a + 1..b).any(|x| lines[x].text.is_empty() || lines[x].gone.is_some()) || lines[b].page_start
}

/// The first numbered section (`a.b`) after position `k`, before the next chapter `n + 1`,
/// `Hoofdstuk` or `Bijlage`.
fn next_section(lines: &[Line], nb: &[usize], k: usize, n: u32) -> Option<(u32, u32)> {
    for &i in nb.iter().skip(k + 1).take(800) {
        let Some(s) = parse_heading_syntax(&lines[i].text) else { continue };
        match &s.kind {
            SynKind::Bijlage(_) | SynKind::Hoofdstuk(_) => return None,
            SynKind::Num(c, _) if c.len() == 1 && c[0] == n + 1 && heading_like(&s.title) => return None,
            SynKind::Num(c, _) if c.len() >= 2 && heading_like(&s.title) => return Some((c[0], c[1])),
            _ => {}
        }
    }
    None
}

/// Decide for every line what it is: chapter heading, heading, table row or text.
fn classify(lines: &[Line], report: &mut Report) -> Vec<Kind> {
    let nb: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].kept()).collect();
    let mut kinds = vec![Kind::Text; lines.len()];
    mark_tables(lines, &nb, &mut kinds, report);

    let mut chapter: Option<u32> = None;
    let mut chapter_title = String::new();
    let mut in_bijlagen = false;
    let mut numbered_level: u8 = 1;
    let mut prev_heading = false;
    for k in 0..nb.len() {
        let i = nb[k];
        if !matches!(kinds[i], Kind::Text) {
            prev_heading = false;
            continue;
        }
        let t = lines[i].text.as_str();
        let fresh = k == 0 || prev_heading || gap_between(lines, nb[k - 1], i);
        prev_heading = false;
        if !fresh {
            continue;
        }
        let next = nb.get(k + 1).copied();
        let next_adjacent = next.filter(|&j| !gap_between(lines, i, j));
        let next_is_text = next.is_some_and(|j| matches!(kinds[j], Kind::Text));
        // A heading's text must not run on into a lower-case line; a short run-on is part of it.
        let runs_on = |j: usize| starts_lower(&lines[j].text) && numbered_item(&lines[j].text).is_none() && bullet(&lines[j].text).is_none();
        let continuation = |title: &str| -> Option<Option<usize>> {
            match (next_adjacent, next) {
                (Some(j), _) if runs_on(j) => {
                    let c = &lines[j].text;
                    let joined = format!("{title} {c}");
                    let after = nb.get(k + 2).map(|&x| lines[x].text.as_str()).unwrap_or("");
                    (words(c) <= 6 && !ends_terminal(c) && !c.ends_with(',') && heading_like(&joined) && !starts_lower(after)).then_some(Some(j))
                }
                // Text that goes on in lower case after a blank line: the line was not a title.
                (None, Some(j)) if runs_on(j) => None,
                _ => Some(None),
            }
        };
        let syn = parse_heading_syntax(t);
        let mut decided: Option<(Kind, Option<usize>)> = None;
        if let Some(syn) = &syn {
            // A number or label alone, with the title on the next line.
            let (title, title_line) = if syn.title.is_empty() {
                match next {
                    Some(j) if next_is_text && title_like(&lines[j].text) && parse_heading_syntax(&lines[j].text).is_none() => (lines[j].text.clone(), Some(j)),
                    _ => (String::new(), None),
                }
            } else {
                (syn.title.clone(), None)
            };
            let cont = if title_line.is_some() || title.is_empty() { Some(None) } else { continuation(&title) };
            let title_ok = !title.is_empty() && heading_like(&title);
            match (&syn.kind, cont) {
                (_, None) => {}
                (SynKind::Bijlage(label), Some(c)) if title.is_empty() || title_ok => {
                    let full = c.map(|j| format!("{title} {}", lines[j].text)).unwrap_or(title.clone());
                    in_bijlagen = true;
                    chapter = None;
                    decided = Some((Kind::Chapter(ChapterHead { number: None, bijlage: Some(label.clone()), title: full }), title_line.or(c)));
                }
                (SynKind::Hoofdstuk(n), Some(c)) if title.is_empty() || title_ok => {
                    let full = c.map(|j| format!("{title} {}", lines[j].text)).unwrap_or(title.clone());
                    chapter = Some(*n);
                    chapter_title = full.clone();
                    decided = Some((Kind::Chapter(ChapterHead { number: Some(*n), bijlage: None, title: full }), title_line.or(c)));
                }
                (SynKind::Num(c, _), Some(cont)) if c.len() == 1 && !in_bijlagen && title_ok && words(&title) <= 12 => {
                    let n = c[0];
                    let section = next_section(lines, &nb, k, n);
                    let follows = section.is_none_or(|(a, _)| a == n);
                    let full = cont.map(|j| format!("{title} {}", lines[j].text)).unwrap_or(title.clone());
                    let accept = match chapter {
                        None => n <= 30 && follows,
                        Some(cur) if n == cur + 1 => follows,
                        Some(cur) if n <= cur => {
                            let restart = section == Some((n, 1)) && title_key(&full) != title_key(&chapter_title);
                            if restart {
                                report.warnings.push((lines[i].no, format!("hoofdstuknummer {n} komt na hoofdstuk {cur} opnieuw voor; als nieuw hoofdstuk genomen")));
                            }
                            restart
                        }
                        Some(cur) => {
                            let ahead = section.is_some_and(|(a, _)| a == n);
                            if ahead {
                                report.warnings.push((lines[i].no, format!("hoofdstuk {n} volgt op hoofdstuk {cur}: hoofdstuk {} tot en met {} niet gevonden", cur + 1, n - 1)));
                            }
                            ahead
                        }
                    };
                    if accept {
                        chapter = Some(n);
                        chapter_title = full.clone();
                        decided = Some((Kind::Chapter(ChapterHead { number: Some(n), bijlage: None, title: full }), title_line.or(cont)));
                    }
                }
                (SynKind::Num(c, _), Some(cont)) if (c.len() >= 2 || in_bijlagen) && title_ok && words(&title) <= if c.len() == 1 { 10 } else { 14 } => {
                    let level = (c.len() + usize::from(in_bijlagen)).min(6) as u8;
                    if !in_bijlagen && c.len() >= 2 && chapter.is_some_and(|ch| ch != c[0]) {
                        report.warnings.push((lines[i].no, format!("paragraaf {} staat in hoofdstuk {}", t.split(' ').next().unwrap_or(""), chapter.unwrap_or(0))));
                    }
                    let number: String = c.iter().map(u32::to_string).collect::<Vec<_>>().join(".");
                    let number = if c.len() == 1 { format!("{number}.") } else { number };
                    let full = cont.map(|j| format!("{title} {}", lines[j].text)).unwrap_or(title.clone());
                    numbered_level = level;
                    decided = Some((Kind::Heading(level, format!("{number} {full}")), title_line.or(cont)));
                }
                (SynKind::Roman(r), Some(None)) if title_ok && words(&title) <= 12 => {
                    numbered_level = 2;
                    decided = Some((Kind::Heading(2, format!("{r} {title}")), None));
                }
                _ => {}
            }
        }
        if decided.is_none() && syn.is_none() && is_subhead(t) {
            let next_ok = next.is_some_and(|j| {
                let n = &lines[j].text;
                matches!(kinds[j], Kind::Text) && parse_heading_syntax(n).is_none() && (bullet(n).is_some() || (starts_upper(n) && words(n) >= 6))
            });
            if next_ok {
                decided = Some((Kind::Heading((numbered_level + 1).min(4), t.to_string()), None));
            }
        }
        if let Some((kind, consumed)) = decided {
            if let Kind::Chapter(_) = kind {
                numbered_level = 1;
            }
            kinds[i] = kind;
            if let Some(j) = consumed {
                kinds[j] = Kind::Consumed;
            }
            prev_heading = true;
            report.headings += 1;
        }
    }
    kinds
}

/// A short title line between paragraphs: one to eight words, a capital, no punctuation at the
/// end, no year (a date line is not a heading).
fn is_subhead(t: &str) -> bool {
    let w = words(t);
    (1..=8).contains(&w)
        && t.chars().count() <= 60
        && starts_upper(t)
        && !t.ends_with(['.', ',', ';', ':', '!', '?'])
        && !t.contains(':')
        && !has_url(t)
        && t.split_whitespace().any(|x| x.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        && !t.split_whitespace().any(|x| x.len() == 4 && x.chars().all(|c| c.is_ascii_digit()))
        && bullet(t).is_none()
        && numbered_item(t).is_none()
        && table_row(t) == Row::No
        && !t.contains('\u{e000}')
}

/// Runs of table rows (two strong ones, or three rows in all), with short label lines and
/// lines glued between rows taken along.
fn mark_tables(lines: &[Line], nb: &[usize], kinds: &mut [Kind], report: &mut Report) {
    let rows: Vec<Row> = nb.iter().map(|&i| if parse_heading_syntax(&lines[i].text).is_some() { Row::No } else { table_row(&lines[i].text) }).collect();
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

// ---------------------------------------------------------------------------------------------
// Joining lines into paragraphs
// ---------------------------------------------------------------------------------------------

/// Words of the document itself, to decide whether a hyphen at a line end is hyphenation
/// (`onder-`/`steuning`: `ondersteuning` occurs elsewhere) or part of the word (`vmbo-`/`kader`).
struct Vocab {
    words: HashSet<String>,
    hyphenated: HashSet<String>,
    prefixes: HashSet<String>,
}

impl Vocab {
    fn build(lines: &[Line]) -> Vocab {
        let mut v = Vocab { words: HashSet::new(), hyphenated: HashSet::new(), prefixes: HashSet::new() };
        let mut prev_hyphen = false;
        for l in lines.iter().filter(|l| !l.text.is_empty()) {
            let tokens: Vec<&str> = l.text.split_whitespace().collect();
            let this_hyphen = l.text.ends_with('-');
            for (k, tok) in tokens.iter().enumerate() {
                if (k + 1 == tokens.len() && this_hyphen) || (k == 0 && prev_hyphen) {
                    continue;
                }
                let w = tok.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
                if w.is_empty() {
                    continue;
                }
                if w.contains('-') {
                    let parts: Vec<&str> = w.split('-').collect();
                    for (p, part) in parts.iter().enumerate() {
                        if part.is_empty() {
                            continue;
                        }
                        v.words.insert(part.to_string());
                        if p + 1 < parts.len() {
                            v.prefixes.insert(part.to_string());
                        }
                    }
                    v.hyphenated.insert(w);
                } else {
                    v.words.insert(w);
                }
            }
            prev_hyphen = this_hyphen;
        }
        v
    }
}

struct Joiner {
    vocab: Vocab,
    joined: usize,
    kept: usize,
    warnings: Vec<(usize, String)>,
    /// The line being joined onto ended in a soft hyphen.
    soft: bool,
}

fn is_url_token(t: &str) -> bool {
    let t = t.trim_start_matches(['(', '<']);
    t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www.")
}

impl Joiner {
    /// `a` followed by line `b` (input line `line`): with a space, or without one when `a` ends
    /// in hyphenation or a URL breaks across the lines.
    fn join(&mut self, a: &str, b: &str, line: usize) -> String {
        let soft = std::mem::take(&mut self.soft);
        if a.is_empty() {
            return b.to_string();
        }
        let last_tok = a.rsplit(' ').next().unwrap_or("");
        let b_first = b.split(' ').next().unwrap_or("");
        if let Some(stem) = a.strip_suffix('-') {
            if is_url_token(last_tok) || stem.is_empty() || stem.ends_with(' ') {
                return format!("{a}{b}");
            }
            if !stem.chars().next_back().is_some_and(char::is_alphabetic) {
                return format!("{a}{b}");
            }
            let conj = b_first.trim_end_matches([',', ';', ':']);
            if matches!(conj, "en" | "of" | "tot" | "t/m" | "noch" | "en/of") {
                self.kept += 1;
                return format!("{a} {b}");
            }
            let right: String = b_first.chars().take_while(|c| c.is_alphabetic()).collect();
            if right.is_empty() || !b.starts_with(|c: char| c.is_lowercase()) {
                self.kept += 1;
                return format!("{a}{b}");
            }
            let left: String = {
                let rev: Vec<char> = stem.chars().rev().take_while(|c| c.is_alphabetic()).collect();
                rev.into_iter().rev().collect()
            };
            let (l, r) = (left.to_lowercase(), right.to_lowercase());
            let vowel = |c: Option<char>| c.is_some_and(|c| "aeiouy".contains(c));
            let (keep, sure) = if soft || self.vocab.words.contains(&format!("{l}{r}")) {
                (false, true)
            } else if self.vocab.hyphenated.contains(&format!("{l}-{r}")) || self.vocab.prefixes.contains(&l) {
                (true, true)
            } else if l.ends_with('s') && l.len() > 4 && self.vocab.words.contains(&l[..l.len() - 1]) {
                // `tevredenheids-`: a linking s joins a compound without a hyphen.
                (false, false)
            } else if (r.chars().count() >= 4 && l.chars().count() >= 3 && self.vocab.words.contains(&r)) || (vowel(l.chars().next_back()) && vowel(r.chars().next())) {
                // Two words of their own (`sociaal-emotioneel`), or vowels that would clash.
                (true, false)
            } else {
                (false, false)
            };
            let result = if keep { format!("{a}{b}") } else { format!("{stem}{b}") };
            if keep {
                self.kept += 1;
            } else {
                self.joined += 1;
            }
            if !sure {
                let word: String = if keep { format!("{left}-{right}") } else { format!("{left}{right}") };
                self.warnings.push((line, format!("afgebroken woord '{left}-' + '{right}' samengevoegd tot '{word}' (onzeker)")));
            }
            return result;
        }
        if is_url_token(last_tok) && !b_first.is_empty() && (b_first.contains('/') || b_first.ends_with(".pdf") || b_first.ends_with(".html")) && !b_first.starts_with(|c: char| c.is_uppercase()) {
            return format!("{a}{b}");
        }
        format!("{a} {b}")
    }
}

#[derive(Debug, Clone)]
enum Block {
    Chapter(ChapterHead, usize),
    Heading(u8, String),
    Para(String),
    Bullet(String),
    /// Marker (`3.` or `b)`) and text.
    Numbered(String, String),
    Table(Vec<String>),
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

fn build_blocks(lines: &[Line], kinds: &[Kind], joiner: &mut Joiner, report: &mut Report) -> Vec<Block> {
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
            open = Some((Block::Bullet(text.to_string()), t.to_string()));
            joiner.soft = line.soft_hyphen;
            gap = Gap::None;
            continue;
        }
        if let Some((marker, text)) = numbered_item(t).filter(|_| item_may_start) {
            close(&mut open, &mut blocks);
            open = Some((Block::Numbered(marker, text.to_string()), t.to_string()));
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
                    Block::Para(s) | Block::Bullet(s) | Block::Numbered(_, s) => s,
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

// ---------------------------------------------------------------------------------------------
// Chapters and Markdown
// ---------------------------------------------------------------------------------------------

struct Draft {
    head: Option<ChapterHead>,
    line: usize,
    blocks: Vec<Block>,
    notes: Vec<usize>,
}

fn assemble(source: &str, lines: &[Line], blocks: Vec<Block>, notes: &mut [Footnote], report: &mut Report) -> Vec<ChapterFile> {
    let mut drafts: Vec<Draft> = vec![Draft { head: None, line: lines.iter().find(|l| l.kept()).map(|l| l.no).unwrap_or(1), blocks: Vec::new(), notes: Vec::new() }];
    for block in blocks {
        match block {
            Block::Chapter(mut head, line) => {
                head.title = strip_placeholders(&head.title);
                drafts.push(Draft { head: Some(head), line, blocks: Vec::new(), notes: Vec::new() })
            }
            other => drafts.last_mut().expect("one draft").blocks.push(other),
        }
    }
    // The part before the first chapter: a chapter of its own when it has text, with its first
    // heading or title line as title.
    let mut preamble = drafts.remove(0);
    let mut preamble_title = None;
    match preamble.blocks.first() {
        Some(Block::Heading(_, text)) => preamble_title = Some(strip_placeholders(text)),
        Some(Block::Para(text)) if words(text) <= 6 && !ends_terminal(text) && !text.contains('\u{e000}') => preamble_title = Some(text.clone()),
        _ => {}
    }
    if preamble_title.is_some() {
        preamble.blocks.remove(0);
    }
    // A title page (a few short lines) is not a chapter; a foreword with sentences is.
    let substantial = preamble.blocks.iter().any(|b| match b {
        Block::Para(t) => words(t) > 8 || ends_sentence(t),
        Block::Heading(..) | Block::Chapter(..) => false,
        _ => true,
    });
    if substantial {
        let title = preamble_title.unwrap_or_else(|| "Inleiding".to_string());
        drafts.insert(0, Draft { head: Some(ChapterHead { number: Some(0), bijlage: None, title }), line: preamble.line, blocks: preamble.blocks, notes: Vec::new() });
    } else {
        let mut dropped: Vec<String> = preamble_title.into_iter().collect();
        dropped.extend(preamble.blocks.iter().filter_map(|b| match b {
            Block::Heading(_, t) | Block::Para(t) => Some(strip_placeholders(t)),
            _ => None,
        }));
        if !dropped.is_empty() {
            report.warnings.push((preamble.line, format!("tekst vóór het eerste hoofdstuk niet overgenomen (titel van het document?): \"{}\"", dropped.join(" / "))));
        }
        if drafts.is_empty() {
            drafts.push(Draft { head: Some(ChapterHead { number: Some(1), bijlage: None, title: "Inleiding".into() }), line: preamble.line, blocks: Vec::new(), notes: Vec::new() });
        }
    }
    if drafts.len() == 1 && drafts[0].head.as_ref().is_some_and(|h| h.number == Some(0)) {
        report.warnings.push((1, "geen genummerde hoofdstukken gevonden: alle tekst staat in één hoofdstuk".to_string()));
    }

    // Bodies first: a footnote whose marker did not make it into the text (it was in a title)
    // is kept as a note like one whose marker was never found.
    let bodies: Vec<(String, Vec<String>)> = drafts
        .iter()
        .map(|d| {
            let mut used = Vec::new();
            let body = render_blocks(&d.blocks, &mut used);
            (body, used)
        })
        .collect();
    let all_used: HashSet<&str> = bodies.iter().flat_map(|(_, used)| used.iter().map(String::as_str)).collect();
    for (n, note) in notes.iter_mut().enumerate() {
        if note.marker_line.is_some() && !all_used.contains(note.label.as_str()) {
            note.marker_line = None;
        }
        if note.marker_line.is_none() {
            let d = drafts.iter().rposition(|d| d.line <= note.line).unwrap_or(0);
            drafts[d].notes.push(n);
            report.warnings.push((note.line, format!("voetnoot {} staat niet bij een woord in de tekst; bewaard onder \"Noten\"", note.label)));
        }
    }

    let vocabularies = Vocabularies::defaults();
    let last_lines: Vec<usize> = drafts.iter().skip(1).map(|d| d.line.saturating_sub(1)).chain(std::iter::once(report.lines)).collect();
    let mut files: Vec<ChapterFile> = Vec::new();
    let mut names: HashSet<String> = HashSet::new();
    let mut last_order: Option<u32> = None;
    for (d, (draft, (body, used))) in drafts.into_iter().zip(bodies).enumerate() {
        let head = draft.head.expect("every draft has a head");
        let order = match (head.bijlage.is_some(), head.number, last_order) {
            (false, Some(n), None) => n,
            (false, Some(n), Some(prev)) if n > prev => n,
            (_, _, Some(prev)) => prev + 1,
            (_, _, None) => 1,
        };
        last_order = Some(order);
        let title = match (&head.bijlage, head.title.trim()) {
            (Some(label), "") => format!("Bijlage {label}"),
            (Some(label), t) => format!("Bijlage {label}: {t}"),
            (None, "") => format!("Hoofdstuk {order}"),
            (None, t) => t.to_string(),
        };
        let mut slug = slugify(&title);
        if slug.len() > 60 {
            let cut = slug[..60].rfind('-').unwrap_or(60);
            slug.truncate(cut);
        }
        if slug.is_empty() {
            slug = format!("hoofdstuk-{order}");
        }
        let mut file_name = format!("{order:02}-{slug}.md");
        let mut k = 2;
        while !names.insert(file_name.clone()) {
            file_name = format!("{order:02}-{slug}-{k}.md");
            k += 1;
        }
        let plain = format!("{title}\n{}", plain_text(&draft.blocks));
        let legal = suggest(&plain, LEGAL_RULES, |k| vocabularies.wettelijk_onderdeel.contains(k), |k| vocabularies.wettelijk_onderdeel.position(k));
        let oogo = suggest(&plain, OOGO_RULES, |k| vocabularies.oogo_thema.contains(k), |k| vocabularies.oogo_thema.position(k));
        let mut md = String::new();
        md.push_str("+++\n");
        md.push_str(&format!("# Geïmporteerd uit {} (regels {}-{}) met passend import; vergelijk de tekst met het origineel.\n", file_name_of(source), draft.line, last_lines[d].max(draft.line)));
        md.push_str(&format!("title = {}\n", toml_string(&title)));
        md.push_str(&format!("order = {order}\n"));
        md.push_str("sector = \"beide\"\n");
        md.push_str("samenvatting = \"\" # TODO: schrijf een samenvatting in gewone taal\n");
        md.push_str(&format!("wettelijke_onderdelen = {} # voorgesteld op grond van trefwoorden; controleer\n", toml_list(&legal)));
        md.push_str(&format!("oogo = {} # voorgesteld op grond van trefwoorden; controleer\n", toml_list(&oogo)));
        md.push_str("+++\n");
        md.push_str(&body);
        let mut footnote_count = 0;
        for label in &used {
            if let Some(note) = notes.iter().find(|n| &n.label == label) {
                md.push_str(&format!("\n[^{label}]: {}\n", escape_markdown(&note.text, true, &mut Vec::new())));
                footnote_count += 1;
            }
        }
        if !draft.notes.is_empty() {
            md.push_str("\n## Noten\n\n");
            for &n in &draft.notes {
                md.push_str(&format!("- Noot {}: {}\n", notes[n].label, escape_markdown(&notes[n].text, false, &mut Vec::new())));
            }
        }
        files.push(ChapterFile {
            file_name,
            title,
            order,
            line: draft.line,
            markdown: md,
            footnotes: footnote_count,
            notes: draft.notes.len(),
            wettelijke_onderdelen: legal,
            oogo,
        });
    }
    files
}

fn strip_placeholders(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut inside = false;
    for c in s.chars() {
        match c {
            '\u{e000}' => inside = true,
            '\u{e001}' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

fn file_name_of(source: &str) -> String {
    Path::new(source).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| source.to_string())
}

fn render_blocks(blocks: &[Block], used: &mut Vec<String>) -> String {
    #[derive(PartialEq, Clone, Copy)]
    enum List {
        Bullet,
        Ordered,
    }
    let mut out = String::new();
    let mut prev: Option<List> = None;
    for block in blocks {
        let (text, list) = match block {
            Block::Heading(level, text) => (format!("{} {}", "#".repeat(*level as usize), escape_markdown(text, false, used)), None),
            Block::Para(text) => (escape_markdown(text, true, used), None),
            Block::Bullet(text) => (format!("- {}", escape_markdown(text, true, used)), Some(List::Bullet)),
            Block::Numbered(marker, text) if marker.starts_with(|c: char| c.is_ascii_digit()) && marker.ends_with('.') => {
                (format!("{marker} {}", escape_markdown(text, true, used)), Some(List::Ordered))
            }
            Block::Numbered(marker, text) => (format!("{} {}", escape_markdown(marker, true, used), escape_markdown(text, false, used)), None),
            Block::Table(rows) => {
                let rows: Vec<String> = rows.iter().map(|r| escape_markdown(r, true, used)).collect();
                (rows.join("\\\n"), None)
            }
            Block::Chapter(..) => continue,
        };
        if !out.is_empty() {
            out.push_str(if list.is_some() && list == prev { "\n" } else { "\n\n" });
        }
        out.push_str(&text);
        prev = list;
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// The words of the blocks, for keyword suggestions.
fn plain_text(blocks: &[Block]) -> String {
    let mut s = String::new();
    for b in blocks {
        match b {
            Block::Heading(_, t) | Block::Para(t) | Block::Bullet(t) | Block::Numbered(_, t) => {
                s.push_str(t);
                s.push('\n');
            }
            Block::Table(rows) => {
                for r in rows {
                    s.push_str(r);
                    s.push('\n');
                }
            }
            Block::Chapter(..) => {}
        }
    }
    s
}

/// Keys whose keywords occur often enough in `text`, in vocabulary order.
fn suggest(text: &str, rules: &[(&str, &[&str], usize, &[&str])], exists: impl Fn(&str) -> bool, position: impl Fn(&str) -> usize) -> Vec<String> {
    let lower = text.to_lowercase();
    // A long chapter mentions many things in passing: ask for more hits per 800 words.
    let scale = (words(text) as f64 / 800.0).max(1.0);
    let count = |kw: &str| -> usize {
        if kw.len() <= 4 {
            lower.split(|c: char| !c.is_alphanumeric()).filter(|w| *w == kw).count()
        } else {
            lower.matches(kw).count()
        }
    };
    let mut keys: Vec<String> = rules
        .iter()
        .filter(|(key, kws, min, also)| {
            let needed = (*min as f64 * scale).ceil() as usize;
            exists(key) && kws.iter().map(|k| count(k)).sum::<usize>() >= needed && (also.is_empty() || also.iter().any(|k| count(k) > 0))
        })
        .map(|(key, ..)| key.to_string())
        .collect();
    keys.sort_by_key(|k| position(k));
    keys.dedup();
    keys
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn toml_list(keys: &[String]) -> String {
    let items: Vec<String> = keys.iter().map(|k| toml_string(k)).collect();
    format!("[{}]", items.join(", "))
}

/// Text as Markdown that means exactly the text: every character Markdown could read as syntax
/// (emphasis, links, raw HTML, entities, tables) is escaped; URLs become autolinks; footnote
/// placeholders become `[^label]` (recorded in `used`). With `block_start`, a start that would
/// open a list, heading, quote or rule is escaped too.
fn escape_markdown(text: &str, block_start: bool, used: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (k, word) in text.split(' ').enumerate() {
        if k > 0 {
            out.push(' ');
        }
        let lead = word.len() - word.trim_start_matches(['(', '‘', '“']).len();
        let candidate = &word[lead..];
        if (candidate.starts_with("http://") || candidate.starts_with("https://")) && !candidate.contains(['<', '>', '\u{e000}', '`']) {
            let url = candidate.trim_end_matches(['.', ',', ';', ':', ')', '’', '”', '\'', '"']);
            if url.len() > "https://".len() {
                escape_chars(&word[..lead], &mut out, used);
                out.push('<');
                out.push_str(url);
                out.push('>');
                escape_chars(&candidate[url.len()..], &mut out, used);
                continue;
            }
        }
        escape_chars(word, &mut out, used);
    }
    if block_start {
        if out.starts_with(['-', '+', '=']) {
            out.insert(0, '\\');
        } else {
            let digits = out.chars().take_while(char::is_ascii_digit).count();
            if (1..=9).contains(&digits) && out[digits..].starts_with(['.', ')']) && (out.len() == digits + 1 || out[digits + 1..].starts_with(' ')) {
                out.insert(digits, '\\');
            }
        }
    }
    out
}

fn escape_chars(s: &str, out: &mut String, used: &mut Vec<String>) {
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '\u{e000}' => {
                let label: String = chars.by_ref().take_while(|&c| c != '\u{e001}').collect();
                out.push_str(&format!("[^{label}]"));
                if !used.contains(&label) {
                    used.push(label);
                }
            }
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' | '&' | '{' | '}' | '^' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(input: &str) -> String {
        let import = convert("plan.txt", input.as_bytes()).unwrap();
        import.chapters.iter().map(|c| c.markdown.clone()).collect::<Vec<_>>().join("\n=====\n")
    }

    #[test]
    fn windows_1252_is_read_with_a_warning_and_broken_utf8_is_an_error() {
        let latin = b"1. Visie\n\nDe co\xf6rdinatie van de zorg ligt bij de school.\n";
        let import = convert("plan.txt", latin).unwrap();
        assert_eq!(import.report.encoding, "Windows-1252");
        assert!(import.chapters[0].markdown.contains("coördinatie"));
        assert!(import.report.warnings[0].1.contains("Windows-1252"));
        let broken = "1. Visie\n\nDe coördinatie \u{e9}\n".as_bytes().iter().copied().chain([0xFF, b'\n']).collect::<Vec<u8>>();
        match convert("plan.txt", &broken) {
            Err(ImportError::NotUtf8 { offset, line, .. }) => {
                assert_eq!(line, 4);
                assert_eq!(offset, broken.len() - 2);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn escaping_keeps_text_literal() {
        let mut used = Vec::new();
        assert_eq!(escape_markdown("IQ < 35 en *let op* [zie] a_b", true, &mut used), "IQ \\< 35 en \\*let op\\* \\[zie\\] a\\_b");
        assert_eq!(escape_markdown("- geen lijst", true, &mut used), "\\- geen lijst");
        assert_eq!(escape_markdown("2022. Jaar", true, &mut used), "2022\\. Jaar", "CommonMark allows nine digits in a list marker");
        assert_eq!(escape_markdown("In 2022. Jaar", true, &mut used), "In 2022. Jaar");
        assert_eq!(escape_markdown("3. Drie", true, &mut used), "3\\. Drie");
        assert_eq!(escape_markdown("Zie https://example.nl/a_b.pdf.", false, &mut used), "Zie <https://example.nl/a_b.pdf>.");
        assert_eq!(escape_markdown("ouders\u{e000}2\u{e001},", false, &mut used), "ouders[^2],");
        assert_eq!(used, ["2"]);
    }

    #[test]
    fn heading_syntax() {
        let s = parse_heading_syntax("3.12.1Tussentijds overstappen").unwrap();
        assert_eq!(s.kind, SynKind::Num(vec![3, 12, 1], false));
        assert_eq!(s.title, "Tussentijds overstappen");
        assert_eq!(parse_heading_syntax("Bijlage 2 Meerjarenbegroting").unwrap().kind, SynKind::Bijlage("2".into()));
        assert!(parse_heading_syntax("1.5wv").is_none());
        assert!(parse_heading_syntax("2022 was een goed jaar").is_none());
        assert!(parse_heading_syntax("Bijlagen zijn er niet").is_none());
    }

    #[test]
    fn footnote_markers() {
        assert_eq!(digit_markers("voor ouders2, en").len(), 1);
        assert_eq!(digit_markers("te voorkomen!2. De")[0].2, "12");
        assert!(digit_markers("P3 Basisondersteuning 102.000").is_empty());
        assert!(digit_markers("groep 6, 7 en 8").is_empty());
        assert_eq!(garbled_markers("ouders?, docenten", "").len(), 1);
        assert!(garbled_markers("Wat is dit? Dat", "").is_empty());
        assert!(garbled_markers("de ‘warme overdracht’ en", "").is_empty());
        assert!(garbled_markers("school overstijgen'.", "aan het criterium ‘als de").is_empty());
        assert_eq!(garbled_markers("het samenwerkingsverband’.", "").len(), 1);
    }

    #[test]
    fn a_small_plan() {
        let out = md("1. Visie\n\n1.1 Samen\n\nDe scholen werken samen aan onder-\nsteuning voor ouders3. De onder-\nsteuning is dichtbij.\n\n3 Zie de wet.\n");
        assert!(out.contains("## 1.1 Samen"), "{out}");
        assert!(out.contains("aan ondersteuning voor ouders[^3]. De ondersteuning is dichtbij."), "{out}");
        assert!(out.contains("[^3]: Zie de wet."), "{out}");
    }
}
