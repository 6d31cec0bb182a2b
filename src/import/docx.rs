//! A Word document (`.docx`) read as structure rather than as extracted text: heading styles
//! (also Dutch Word's `Kop 1`-`Kop 3`, and outline levels) become chapters and sections, list
//! paragraphs list items, tables Markdown tables, footnotes footnotes, bold, italic and
//! hyperlinks their Markdown. The result is blocks for `assemble`, as the text passes give.
//!
//! Why: most plans are written in Word, and the document itself says what is a heading, a list
//! or a table; guessing that from extracted text is what the other passes have to do. A file
//! that is not a Word document (a zip of something else, an encrypted or old `.doc` file, a
//! broken zip) is refused with what it is and what to do instead.

use super::footnotes::Footnote;
use super::lines::ChapterHead;
use super::paragraphs::Block;
use super::shape::{parse_heading_syntax, SynKind};
use super::ImportError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;
use std::io::Read;

/// Bytes any part of the document may unpack to: a larger part is a zip bomb, not a plan.
const PART_LIMIT: u64 = 200 * 1024 * 1024;

/// Placeholders for inline markup, turned into Markdown by `markdown::escape_markdown` after
/// the text around them is escaped (footnote markers use U+E000 and U+E001 the same way).
pub(super) const BOLD: char = '\u{e002}';
pub(super) const ITALIC: char = '\u{e003}';
pub(super) const LINK_START: char = '\u{e004}';
pub(super) const LINK_URL: char = '\u{e005}';
pub(super) const LINK_END: char = '\u{e006}';

/// A ZIP local file header or an empty archive.
pub(super) fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// An OLE compound file: an old `.doc`, or a `.docx` saved with a password (Word encrypts it
/// into this container).
pub(super) fn is_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// What a Word document gives the importer.
pub(super) struct Document {
    pub(super) blocks: Vec<Block>,
    pub(super) footnotes: Vec<Footnote>,
    /// Paragraph number (1-based, body order) and message.
    pub(super) warnings: Vec<(usize, String)>,
    pub(super) paragraphs: usize,
    pub(super) headings: usize,
    pub(super) tables: Vec<(usize, usize)>,
    pub(super) bullets: usize,
    /// The text of every paragraph (table cells too), without markup, by paragraph number.
    pub(super) plain: Vec<(usize, String)>,
    /// What kind of document it was, for the report.
    pub(super) kind: &'static str,
    /// Chapters and headings as the report lists them: level, title, paragraph number.
    pub(super) outline: Vec<(u8, String, usize)>,
    /// Images found in the document: file name (for `static/afbeeldingen/`) and contents.
    pub(super) images: Vec<(String, Vec<u8>)>,
}

fn error(file: &str, message: impl Into<String>, hint: &str) -> ImportError {
    ImportError::Document { file: file.to_string(), message: message.into(), hint: hint.to_string() }
}

/// Read a `.docx` from its bytes. `file` names it in errors.
/// What the zip holds: a Word document already read, or the parts of an OpenDocument text for
/// `odt` (which builds on this module's document model, so the call goes through `import`).
pub(super) enum Opened {
    Word(Box<Document>),
    OpenDocument { content: String, styles: Option<String>, pictures: HashMap<String, Vec<u8>> },
}

pub(super) fn read(file: &str, bytes: &[u8]) -> Result<Opened, ImportError> {
    if is_ole(bytes) {
        return Err(error(
            file,
            "het bestand is een versleuteld Word-document (met wachtwoord) of een oud .doc-bestand",
            "open het in Word of LibreOffice, haal het wachtwoord eraf en sla het op als .docx (Word-document)",
        ));
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| error(file, format!("het bestand begint als een zip-bestand (zoals .docx), maar is beschadigd: {e}"), "sla het document opnieuw op als .docx, of geef de tekst mee (pdftotext plan.pdf plan.txt)"))?;
    let names: Vec<String> = zip.file_names().filter_map(|n| n.ok().map(|n| n.into_owned())).collect();
    let mut bytes_of = |name: &str| -> Result<Option<Vec<u8>>, ImportError> {
        let Ok(entry) = zip.by_name(name) else { return Ok(None) };
        if entry.encrypted() {
            return Err(error(file, format!("{name} in het zip-bestand is versleuteld"), "sla het document op zonder wachtwoord"));
        }
        let mut data = Vec::new();
        entry.take(PART_LIMIT + 1).read_to_end(&mut data).map_err(|e| error(file, format!("{name} in het zip-bestand is niet te lezen: {e}"), "sla het document opnieuw op als .docx"))?;
        if data.len() as u64 > PART_LIMIT {
            return Err(error(file, format!("{name} pakt uit tot meer dan {} MB", PART_LIMIT / 1024 / 1024), "dit is geen gewoon Word-document; sla het plan opnieuw op als .docx"));
        }
        Ok(Some(data))
    };
    let utf8 = |name: &str, data: Option<Vec<u8>>| -> Result<Option<String>, ImportError> {
        data.map(|d| String::from_utf8(d).map_err(|_| error(file, format!("{name} is geen UTF-8-XML"), "sla het document opnieuw op als .docx"))).transpose()
    };
    let mut part = |name: &str| -> Result<Option<String>, ImportError> { utf8(name, bytes_of(name)?) };
    let Some(document) = part("word/document.xml")? else {
        let odt = part("mimetype")?.is_some_and(|m| m.contains("opendocument.text"));
        if odt {
            let content = part("content.xml")?.ok_or_else(|| error(file, "het OpenDocument-bestand (.odt) bevat geen content.xml", "sla het document opnieuw op in LibreOffice"))?;
            let styles = part("styles.xml")?;
            let mut pictures = HashMap::new();
            for name in names.iter().filter(|n| n.starts_with("Pictures/")) {
                if let Some(data) = bytes_of(name)? {
                    pictures.insert(name.clone(), data);
                }
            }
            return Ok(Opened::OpenDocument { content, styles, pictures });
        }
        return Err(error(file, "het zip-bestand bevat geen word/document.xml of content.xml en is dus geen Word- of OpenDocument-tekst", "geef het plan mee als .docx, als .odt of als tekst (pdftotext plan.pdf plan.txt)"));
    };
    let styles = part("word/styles.xml")?.map(|x| parse_styles(file, "word/styles.xml", &x)).transpose()?.unwrap_or_default();
    let numbering = part("word/numbering.xml")?.map(|x| parse_numbering(file, "word/numbering.xml", &x)).transpose()?.unwrap_or_default();
    let (rels, media_rels) = part("word/_rels/document.xml.rels")?.map(|x| parse_rels(file, "word/_rels/document.xml.rels", &x)).transpose()?.unwrap_or_default();
    let notes = part("word/footnotes.xml")?.map(|x| parse_footnotes(file, "word/footnotes.xml", &x, &rels)).transpose()?.unwrap_or_default();
    // The images the document refers to, by relationship id: (file name in the zip, bytes).
    let mut media = HashMap::new();
    for (id, target) in media_rels {
        let name = match target.strip_prefix('/') {
            Some(absolute) => absolute.to_string(),
            None => format!("word/{target}"),
        };
        if let Some(data) = bytes_of(&name)? {
            media.insert(id, (name, data));
        }
    }
    parse_document(file, &document, &styles, &numbering, &rels, &notes, &media).map(|d| Opened::Word(Box::new(d)))
}

/// Image formats a browser shows, by file extension; others (`.emf`, `.wmf`, `.tiff`) are
/// reported instead of copied.
pub(super) const WEB_IMAGES: &[&str] = &["png", "jpg", "jpeg", "gif", "svg", "webp"];

/// An image of the document as the chapter gets it: copied under a plain numbered name (the
/// document's own names say nothing, `image1.png`), and shown with its alt text, or a TODO
/// the author must replace, since an image without a description tells a blind reader nothing.
/// Returns the block, or `None` (with a warning) for a format a browser cannot show.
pub(super) fn take_image(doc: &mut Document, warnings: &mut Vec<(usize, String)>, paragraph: usize, alt: Option<String>, name: &str, data: &[u8]) -> Option<Block> {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    if !WEB_IMAGES.contains(&ext.as_str()) {
        warnings.push((paragraph, format!("afbeelding {name} niet overgenomen: .{ext} kan een browser niet tonen; sla haar op als PNG, zet haar in static/ en verwijs ernaar")));
        return None;
    }
    let file = format!("afbeelding-{}.{ext}", doc.images.len() + 1);
    doc.images.push((file.clone(), data.to_vec()));
    if alt.is_none() {
        warnings.push((paragraph, format!("afbeelding {file} heeft geen alt-tekst; TODO: beschrijf in het hoofdstuk wat zij laat zien")));
    }
    Some(Block::Image(alt, format!("/{IMAGE_DIR}/{file}")))
}

/// Where imported images go, under the site's `static/` (and so in the site's root).
pub const IMAGE_DIR: &str = "afbeeldingen";

pub(super) fn xml_error(file: &str, part: &str, xml: &str, position: u64, e: impl std::fmt::Display) -> ImportError {
    let pos = crate::diagnostics::Position::at(xml, (position as usize).min(xml.len()));
    error(file, format!("{part}:{}:{}: ongeldige XML: {e}", pos.line, pos.column), "sla het document opnieuw op als .docx")
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.try_get_attribute(name).ok().flatten().and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

/// `w:b`, `w:i`: on unless `w:val` says off.
fn toggle(e: &BytesStart) -> bool {
    !matches!(attr(e, "w:val").as_deref(), Some("0" | "false" | "off"))
}

/// Each event of `xml`, with the text of text and entity events already resolved.
enum Ev {
    Start(String, BytesStart<'static>),
    Empty(String, BytesStart<'static>),
    End(String),
    Text(String),
}

fn walk(file: &str, part: &str, xml: &str, mut f: impl FnMut(Ev)) -> Result<(), ImportError> {
    let mut reader = Reader::from_str(xml);
    loop {
        let position = reader.buffer_position();
        let event = reader.read_event().map_err(|e| xml_error(file, part, xml, position, e))?;
        match event {
            Event::Start(e) => f(Ev::Start(e.local_name().as_ref().to_string(), e.into_owned())),
            Event::Empty(e) => f(Ev::Empty(e.local_name().as_ref().to_string(), e.into_owned())),
            Event::End(e) => f(Ev::End(e.local_name().as_ref().to_string())),
            Event::Text(e) => f(Ev::Text(e.xml10_content().into_owned())),
            Event::CData(e) => f(Ev::Text(e.xml10_content().into_owned())),
            Event::GeneralRef(e) => {
                let text = if e.is_char_ref() {
                    e.resolve_char_ref().ok().flatten().map(String::from).unwrap_or_default()
                } else {
                    quick_xml::escape::resolve_predefined_entity(&e.xml10_content()).unwrap_or("").to_string()
                };
                f(Ev::Text(text));
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

#[derive(Default, Clone)]
struct Style {
    /// 0 for a document title, 1-9 for headings.
    level: Option<u8>,
    based_on: Option<String>,
    /// A list style: its numbering.
    num_id: Option<String>,
    toc: bool,
}

/// Heading level of a style from its name (`heading 2`, `Kop 2`, `Title`, `Titel`) or outline
/// level.
fn parse_styles(file: &str, part: &str, xml: &str) -> Result<HashMap<String, Style>, ImportError> {
    let mut styles: HashMap<String, Style> = HashMap::new();
    let mut current: Option<(String, Style)> = None;
    walk(file, part, xml, |ev| match ev {
        Ev::Start(name, e) if name == "style" => current = attr(&e, "w:styleId").map(|id| (id, Style::default())),
        Ev::Start(name, e) | Ev::Empty(name, e) => {
            let Some((_, style)) = current.as_mut() else { return };
            match name.as_str() {
                "name" => {
                    let n = attr(&e, "w:val").unwrap_or_default().to_lowercase();
                    let n = n.trim();
                    for prefix in ["heading ", "kop ", "heading", "kop"] {
                        if let Some(level) = n.strip_prefix(prefix).and_then(|d| d.trim().parse::<u8>().ok()) {
                            style.level = Some(level.clamp(1, 9));
                        }
                    }
                    if matches!(n, "title" | "titel") {
                        style.level = Some(0);
                    }
                    style.toc = n.starts_with("toc ") || n.starts_with("inhopg") || n == "toc heading" || n == "kop van inhoudsopgave";
                }
                "outlineLvl" => {
                    if let Some(l) = attr(&e, "w:val").and_then(|v| v.parse::<u8>().ok()).filter(|&l| l < 9) {
                        style.level.get_or_insert(l + 1);
                    }
                }
                "basedOn" => style.based_on = attr(&e, "w:val"),
                "numId" => style.num_id = attr(&e, "w:val"),
                _ => {}
            }
        }
        Ev::End(name) if name == "style" => {
            if let Some((id, style)) = current.take() {
                styles.insert(id, style);
            }
        }
        _ => {}
    })?;
    // A style based on a heading style is a heading of that level.
    let ids: Vec<String> = styles.keys().cloned().collect();
    for id in ids {
        let mut at = styles[&id].clone();
        for _ in 0..8 {
            if at.level.is_some() {
                break;
            }
            let Some(parent) = at.based_on.as_ref().and_then(|p| styles.get(p)) else { break };
            at.level = parent.level;
            at = Style { based_on: parent.based_on.clone(), ..at };
        }
        if let Some(style) = styles.get_mut(&id) {
            style.level = style.level.or(at.level);
        }
    }
    Ok(styles)
}

/// Whether list level `ilvl` of numbering `numId` is a bullet list (otherwise numbered).
fn parse_numbering(file: &str, part: &str, xml: &str) -> Result<HashMap<(String, String), bool>, ImportError> {
    let mut abstract_fmt: HashMap<(String, String), bool> = HashMap::new();
    let mut num_to_abstract: HashMap<String, String> = HashMap::new();
    let (mut abs, mut lvl, mut num): (Option<String>, Option<String>, Option<String>) = (None, None, None);
    walk(file, part, xml, |ev| match ev {
        Ev::Start(name, e) | Ev::Empty(name, e) => match name.as_str() {
            "abstractNum" => abs = attr(&e, "w:abstractNumId"),
            "lvl" => lvl = attr(&e, "w:ilvl"),
            "numFmt" => {
                if let (Some(a), Some(l)) = (&abs, &lvl) {
                    abstract_fmt.insert((a.clone(), l.clone()), attr(&e, "w:val").as_deref() == Some("bullet"));
                }
            }
            "num" => num = attr(&e, "w:numId"),
            "abstractNumId" => {
                if let (Some(n), Some(a)) = (&num, attr(&e, "w:val")) {
                    num_to_abstract.insert(n.clone(), a);
                }
            }
            _ => {}
        },
        Ev::End(name) if name == "abstractNum" => abs = None,
        Ev::End(name) if name == "num" => num = None,
        _ => {}
    })?;
    let mut out = HashMap::new();
    for (n, a) in num_to_abstract {
        for ((aa, l), bullet) in &abstract_fmt {
            if *aa == a {
                out.insert((n.clone(), l.clone()), *bullet);
            }
        }
    }
    Ok(out)
}

/// The document's relationships: external targets (hyperlinks) and images inside the zip, each
/// by id.
type Rels = (HashMap<String, String>, HashMap<String, String>);

fn parse_rels(file: &str, part: &str, xml: &str) -> Result<Rels, ImportError> {
    let mut rels = HashMap::new();
    let mut media = HashMap::new();
    walk(file, part, xml, |ev| {
        if let Ev::Start(name, e) | Ev::Empty(name, e) = ev {
            if name != "Relationship" {
                return;
            }
            let (Some(id), Some(target)) = (attr(&e, "Id"), attr(&e, "Target")) else { return };
            if attr(&e, "TargetMode").as_deref() == Some("External") {
                rels.insert(id, target);
            } else if attr(&e, "Type").is_some_and(|t| t.ends_with("/image")) {
                media.insert(id, target);
            }
        }
    })?;
    Ok((rels, media))
}

/// The text of each footnote by its id (separators left out), with its inline markup.
fn parse_footnotes(file: &str, part: &str, xml: &str, rels: &HashMap<String, String>) -> Result<HashMap<String, String>, ImportError> {
    let mut notes = HashMap::new();
    let mut current: Option<(String, Inline)> = None;
    walk(file, part, xml, |ev| {
        match &ev {
            Ev::Start(name, e) if name == "footnote" => {
                let kind = attr(e, "w:type");
                current = attr(e, "w:id").filter(|_| kind.is_none() || kind.as_deref() == Some("normal")).map(|id| (id, Inline::default()));
                return;
            }
            Ev::End(name) if name == "footnote" => {
                if let Some((id, inline)) = current.take() {
                    notes.insert(id, inline.finish().trim().to_string());
                }
                return;
            }
            Ev::End(name) if name == "p" => {
                if let Some((_, inline)) = current.as_mut() {
                    inline.space();
                }
                return;
            }
            _ => {}
        }
        if let Some((_, inline)) = current.as_mut() {
            inline.event(ev, rels, &mut |_| String::new());
        }
    })?;
    Ok(notes)
}

/// The runs of one paragraph (or footnote) as text with markup placeholders.
#[derive(Default)]
struct Inline {
    out: String,
    in_rpr: bool,
    in_text: bool,
    bold: bool,
    italic: bool,
    /// Markup open in `out`.
    open_bold: bool,
    open_italic: bool,
    link: Option<String>,
    link_open: bool,
    /// Images: alt text (if any) and relationship id of the picture (if any).
    images: Vec<(Option<String>, Option<String>)>,
}

impl Inline {
    fn space(&mut self) {
        if !self.out.ends_with(' ') && !self.out.is_empty() {
            self.out.push(' ');
        }
    }

    /// Close a marker before any white space at the end (`**a** b`, not `**a **b`, which
    /// Markdown would not read as bold).
    fn close(&mut self, marker: char) {
        let trimmed = self.out.trim_end_matches(' ').len();
        let spaces = self.out.len() - trimmed;
        self.out.truncate(trimmed);
        self.out.push(marker);
        self.out.push_str(&" ".repeat(spaces));
    }

    /// Close or open bold and italic to match the run about to be written. Markup stays open
    /// at the end of a run: the next run may go on in the same style.
    fn markup(&mut self) {
        let (b, i) = (self.bold, self.italic);
        if self.open_italic && !i {
            self.close(ITALIC);
            self.open_italic = false;
        }
        if self.open_bold && !b {
            if self.open_italic {
                self.close(ITALIC);
                self.open_italic = false;
            }
            self.close(BOLD);
            self.open_bold = false;
        }
        if b && !self.open_bold {
            self.out.push(BOLD);
            self.open_bold = true;
        }
        if i && !self.open_italic {
            self.out.push(ITALIC);
            self.open_italic = true;
        }
    }

    fn text(&mut self, t: &str) {
        let t: String = t.chars().filter(|&c| !matches!(c, '\u{e000}'..='\u{f8ff}' | '\u{fffd}') && (!c.is_control() || c == '\t')).map(|c| if c == '\t' { ' ' } else { c }).collect();
        if t.is_empty() {
            return;
        }
        if t.trim().is_empty() {
            // White space between runs: outside the markup, so `**a** b` not `**a **b`.
            self.out.push(' ');
            return;
        }
        if self.link.is_some() && !self.link_open {
            self.close_markup();
            self.out.push(LINK_START);
            self.link_open = true;
        }
        let lead = t.len() - t.trim_start().len();
        self.out.push_str(&t[..lead]);
        self.markup();
        let inner = t.trim();
        self.out.push_str(inner);
        let trail = &t[lead + inner.len()..];
        if !trail.is_empty() {
            self.close_markup();
            self.out.push_str(trail);
        }
    }

    fn close_markup(&mut self) {
        let (b, i) = (self.bold, self.italic);
        self.bold = false;
        self.italic = false;
        self.markup();
        self.bold = b;
        self.italic = i;
    }

    fn end_link(&mut self) {
        if let Some(url) = self.link.take() {
            if self.link_open {
                self.close_markup();
                self.out.push(LINK_URL);
                self.out.push_str(&url);
                self.out.push(LINK_END);
            }
        }
        self.link_open = false;
    }

    /// One event inside a paragraph. `footnote` turns a footnote reference id into its
    /// placeholder.
    fn event(&mut self, ev: Ev, rels: &HashMap<String, String>, footnote: &mut dyn FnMut(&str) -> String) {
        match ev {
            Ev::Start(name, e) | Ev::Empty(name, e) => match name.as_str() {
                "rPr" => self.in_rpr = true,
                "b" if self.in_rpr => self.bold = toggle(&e),
                "i" if self.in_rpr => self.italic = toggle(&e),
                "r" => {
                    self.bold = false;
                    self.italic = false;
                }
                "t" => self.in_text = true,
                "tab" if !self.in_rpr => self.text(" "),
                "br" | "cr" => self.text(" "),
                "noBreakHyphen" => self.text("-"),
                "hyperlink" => self.link = attr(&e, "r:id").and_then(|id| rels.get(&id).cloned()),
                "footnoteReference" => {
                    if let Some(id) = attr(&e, "w:id") {
                        self.close_markup();
                        let marker = footnote(&id);
                        self.out.push_str(&marker);
                    }
                }
                "docPr" => {
                    let alt = attr(&e, "descr").or_else(|| attr(&e, "title")).filter(|a| !a.trim().is_empty());
                    self.images.push((alt, None));
                }
                "blip" => {
                    if let (Some(last), Some(id)) = (self.images.last_mut(), attr(&e, "r:embed")) {
                        last.1.get_or_insert(id);
                    }
                }
                _ => {}
            },
            Ev::End(name) => match name.as_str() {
                "rPr" => self.in_rpr = false,
                "t" => self.in_text = false,
                "hyperlink" => self.end_link(),
                _ => {}
            },
            Ev::Text(t) if self.in_text => self.text(&t),
            Ev::Text(_) => {}
        }
    }

    fn finish(mut self) -> String {
        self.end_link();
        self.close_markup();
        let mut out = String::with_capacity(self.out.len());
        for w in self.out.split(' ').filter(|w| !w.is_empty()) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
        out
    }
}

/// The text of `s` without markup placeholders (for titles), for Word and ODT alike.
pub(super) fn plain(s: &str) -> String {
    let mut out = String::new();
    let mut in_url = false;
    for c in s.chars() {
        match c {
            BOLD | ITALIC | LINK_START => {}
            LINK_URL => in_url = true,
            LINK_END => in_url = false,
            c if !in_url => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Para {
    style: Option<String>,
    outline: Option<u8>,
    num: Option<(String, String)>,
    inline: Inline,
}

fn parse_document(
    file: &str,
    xml: &str,
    styles: &HashMap<String, Style>,
    numbering: &HashMap<(String, String), bool>,
    rels: &HashMap<String, String>,
    notes: &HashMap<String, String>,
    media: &HashMap<String, (String, Vec<u8>)>,
) -> Result<Document, ImportError> {
    let mut doc = Document { blocks: Vec::new(), footnotes: Vec::new(), warnings: Vec::new(), paragraphs: 0, headings: 0, tables: Vec::new(), bullets: 0, plain: Vec::new(), kind: "Word-document (.docx)", outline: Vec::new(), images: Vec::new() };
    let mut para: Option<Para> = None;
    let mut in_ppr = false;
    let mut in_num_pr = false;
    // Tables: rows of cells of the outermost table being read; nested tables go into the cell.
    let mut table_depth = 0usize;
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut cell: Option<String> = None;
    let mut span = 1usize;
    let mut table_start = 0;
    let mut chapters = 0u32;
    let mut counters: HashMap<(String, String), u32> = HashMap::new();
    let mut note_ids: Vec<String> = Vec::new();
    let mut warnings: Vec<(usize, String)> = Vec::new();
    walk(file, "word/document.xml", xml, |ev| {
        match &ev {
            Ev::Start(name, _) if name == "tbl" => {
                table_depth += 1;
                if table_depth == 1 {
                    rows.clear();
                    table_start = doc.paragraphs + 1;
                }
                return;
            }
            Ev::End(name) if name == "tbl" => {
                table_depth = table_depth.saturating_sub(1);
                if table_depth == 0 && !rows.is_empty() {
                    doc.tables.push((table_start, doc.paragraphs.max(table_start)));
                    doc.blocks.push(Block::Grid(std::mem::take(&mut rows)));
                }
                return;
            }
            Ev::Start(name, _) if name == "tr" && table_depth == 1 => {
                rows.push(Vec::new());
                return;
            }
            Ev::Start(name, _) if name == "tc" && table_depth == 1 => {
                cell = Some(String::new());
                return;
            }
            Ev::Empty(name, e) if name == "gridSpan" && table_depth == 1 => {
                span = attr(e, "w:val").and_then(|v| v.parse().ok()).unwrap_or(1);
                return;
            }
            Ev::End(name) if name == "tc" && table_depth == 1 => {
                if let (Some(c), Some(row)) = (cell.take(), rows.last_mut()) {
                    row.push(c);
                    // A merged cell: empty cells after it keep the columns in line.
                    row.extend(std::iter::repeat_n(String::new(), span.clamp(1, 50) - 1));
                }
                span = 1;
                return;
            }
            Ev::Start(name, _) if name == "p" => {
                para = Some(Para { style: None, outline: None, num: None, inline: Inline::default() });
                return;
            }
            Ev::Start(name, _) if name == "pPr" => {
                in_ppr = true;
                return;
            }
            Ev::End(name) if name == "pPr" => {
                in_ppr = false;
                return;
            }
            Ev::Start(name, _) if name == "numPr" => {
                in_num_pr = true;
                return;
            }
            Ev::End(name) if name == "numPr" => {
                in_num_pr = false;
                return;
            }
            _ => {}
        }
        let Some(p) = para.as_mut() else { return };
        if in_ppr {
            if let Ev::Start(name, e) | Ev::Empty(name, e) = &ev {
                match name.as_str() {
                    "pStyle" => p.style = attr(e, "w:val"),
                    "outlineLvl" => p.outline = attr(e, "w:val").and_then(|v| v.parse::<u8>().ok()).filter(|&l| l < 9).map(|l| l + 1),
                    "ilvl" if in_num_pr => p.num.get_or_insert((String::new(), String::new())).1 = attr(e, "w:val").unwrap_or_default(),
                    "numId" if in_num_pr => p.num.get_or_insert((String::new(), String::new())).0 = attr(e, "w:val").unwrap_or_default(),
                    _ => {}
                }
            }
            return;
        }
        if let Ev::End(name) = &ev {
            if name == "p" {
                let p = para.take().expect("open paragraph");
                doc.paragraphs += 1;
                let no = doc.paragraphs;
                let style = p.style.as_ref().and_then(|s| styles.get(s)).cloned().unwrap_or_default();
                let mut pictures = Vec::new();
                for (alt, id) in p.inline.images.clone() {
                    match id.and_then(|id| media.get(&id)).filter(|_| cell.is_none()) {
                        Some((name, data)) => pictures.extend(take_image(&mut doc, &mut warnings, no, alt, name, data)),
                        None => warnings.push((
                            no,
                            match alt {
                                Some(a) => format!("afbeelding niet overgenomen (alt-tekst: \"{a}\"); zet haar in static/ en verwijs ernaar"),
                                None => "afbeelding zonder alt-tekst niet overgenomen; TODO: zet haar in static/ met een alt-tekst".to_string(),
                            },
                        )),
                    }
                }
                let text = p.inline.finish();
                if !text.is_empty() {
                    doc.plain.push((no, plain(&text)));
                }
                if let Some(c) = cell.as_mut() {
                    if !text.is_empty() {
                        if !c.is_empty() {
                            c.push(' ');
                        }
                        c.push_str(&text);
                    }
                    return;
                }
                if text.is_empty() || style.toc {
                    doc.blocks.extend(pictures);
                    return;
                }
                let level = p.outline.or(style.level);
                match level {
                    Some(0) => doc.blocks.push(Block::Para(plain(&text))),
                    Some(l) => push_heading(&mut doc, l, plain(&text), &mut chapters, no),
                    None => {
                        let num = p.num.clone().or_else(|| style.num_id.clone().map(|id| (id, "0".to_string())));
                        match num.filter(|(id, _)| !id.is_empty() && id != "0") {
                            Some(key) => {
                                let bullet = numbering.get(&key).copied().unwrap_or(true);
                                // A new item at a level restarts the deeper levels.
                                let level: u32 = key.1.parse().unwrap_or(0);
                                counters.retain(|(id, l), _| *id != key.0 || l.parse::<u32>().unwrap_or(0) <= level);
                                let depth = level.min(8) as u8;
                                if bullet {
                                    doc.bullets += 1;
                                    doc.blocks.push(Block::Bullet(depth, text));
                                } else {
                                    let n = counters.entry(key).or_insert(0);
                                    *n += 1;
                                    doc.blocks.push(Block::Numbered(depth, format!("{n}."), text));
                                }
                            }
                            None => doc.blocks.push(Block::Para(text)),
                        }
                    }
                }
                // The pictures of a paragraph follow its text.
                doc.blocks.extend(pictures);
                return;
            }
        }
        let mut marker = |id: &str| {
            if !note_ids.iter().any(|n| n == id) {
                note_ids.push(id.to_string());
            }
            let label = note_ids.iter().position(|n| n == id).map(|k| k + 1).unwrap_or(0);
            format!("\u{e000}{label}\u{e001}")
        };
        p.inline.event(ev, rels, &mut marker);
    })?;
    for (k, id) in note_ids.iter().enumerate() {
        let label = (k + 1).to_string();
        match notes.get(id) {
            Some(text) => doc.footnotes.push(Footnote::from_document(label, text.clone())),
            None => warnings.push((0, format!("voetnoot {label} verwijst naar een voetnoot die niet in word/footnotes.xml staat"))),
        }
    }
    doc.warnings = warnings;
    Ok(doc)
}
/// A heading of a Word or OpenDocument file at outline level `level`. Level 1 is a chapter: it
/// takes its number from its title ("Hoofdstuk 3", "3 Titel") or is an appendix ("Bijlage A"),
/// and otherwise counts on from the chapter before.
pub(super) fn push_heading(doc: &mut Document, level: u8, title: String, chapters: &mut u32, paragraph: usize) {
    doc.headings += 1;
    if level > 1 {
        doc.outline.push((level.min(6), title.clone(), paragraph));
        doc.blocks.push(Block::Heading(level.min(6), title));
        return;
    }
    *chapters += 1;
    let mut head = ChapterHead { number: Some(*chapters), bijlage: None, title: title.clone() };
    if let Some(syn) = parse_heading_syntax(&title) {
        match syn.kind {
            SynKind::Bijlage(label) => head = ChapterHead { number: None, bijlage: Some(label), title: syn.title },
            SynKind::Hoofdstuk(n) => head = ChapterHead { number: Some(n), bijlage: None, title: syn.title },
            SynKind::Num(c, _) if c.len() == 1 && !syn.title.is_empty() => head = ChapterHead { number: Some(c[0]), bijlage: None, title: syn.title },
            _ => {}
        }
    }
    if let Some(n) = head.number {
        *chapters = n;
    }
    let shown = match (&head.bijlage, head.number) {
        (Some(label), _) => format!("Bijlage {label}: {}", head.title),
        (None, Some(n)) => format!("{n}. {}", head.title),
        (None, None) => head.title.clone(),
    };
    doc.outline.push((1, shown, paragraph));
    doc.blocks.push(Block::Chapter(head, paragraph));
}

