//! An OpenDocument text (`.odt`, LibreOffice's own format) read as structure, like `docx`:
//! headings (`text:h`, or paragraphs whose style is, or is based on, `Heading N`/`Kop N` or has
//! an outline level), lists (bullet or numbered from their list style), tables, footnotes,
//! bold, italic and links.
//!
//! Why: SWVs that work in LibreOffice have their plan as `.odt`; saving it as `.docx` first
//! would be one more step that can lose structure.

use super::docx::{plain, push_heading, Document, BOLD, ITALIC, LINK_END, LINK_START, LINK_URL};
use super::footnotes::Footnote;
use super::paragraphs::Block;
use super::ImportError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.try_get_attribute(name).ok().flatten().and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

#[derive(Default, Clone)]
struct Style {
    parent: Option<String>,
    level: Option<u8>,
    list_style: Option<String>,
    bold: bool,
    italic: bool,
}

/// Whether an element came as `<x>` (with an end to come) or `<x/>`.
enum Kind {
    Start,
    Empty,
}

/// Paragraph and text styles of `styles.xml` and the automatic styles of `content.xml`, and
/// whether each list style numbers its first level.
#[derive(Default)]
struct Styles {
    styles: HashMap<String, Style>,
    numbered_lists: HashMap<String, bool>,
}

impl Styles {
    fn read(&mut self, file: &str, part: &str, xml: &str) -> Result<(), ImportError> {
        let mut reader = Reader::from_str(xml);
        let mut current: Option<(String, Style)> = None;
        let mut list: Option<String> = None;
        loop {
            let position = reader.buffer_position();
            let event = reader.read_event().map_err(|e| super::docx::xml_error(file, part, xml, position, e))?;
            let event_kind = if matches!(event, Event::Empty(_)) { Kind::Empty } else { Kind::Start };
            match event {
                Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                    "style:style" => {
                        let name = attr(&e, "style:name").unwrap_or_default();
                        let display = attr(&e, "style:display-name").unwrap_or_else(|| name.replace("_20_", " ")).to_lowercase();
                        let mut style = Style { parent: attr(&e, "style:parent-style-name"), list_style: attr(&e, "style:list-style-name").filter(|l| !l.is_empty()), ..Style::default() };
                        for prefix in ["heading ", "kop "] {
                            if let Some(l) = display.strip_prefix(prefix).and_then(|d| d.trim().parse::<u8>().ok()) {
                                style.level = Some(l.clamp(1, 9));
                            }
                        }
                        if matches!(display.as_str(), "title" | "titel") {
                            style.level = Some(0);
                        }
                        if let Some(l) = attr(&e, "style:default-outline-level").and_then(|v| v.parse::<u8>().ok()).filter(|&l| (1..=9).contains(&l)) {
                            style.level = Some(l);
                        }
                        if matches!(event_kind, Kind::Empty) {
                            self.styles.insert(name, style);
                        } else {
                            current = Some((name, style));
                        }
                    }
                    "style:text-properties" => {
                        if let Some((_, style)) = current.as_mut() {
                            style.bold |= attr(&e, "fo:font-weight").is_some_and(|w| w == "bold" || w.parse::<u32>().is_ok_and(|n| n >= 600));
                            style.italic |= attr(&e, "fo:font-style").as_deref() == Some("italic");
                        }
                    }
                    "text:list-style" => list = attr(&e, "style:name"),
                    "text:list-level-style-number" | "text:list-level-style-bullet" if attr(&e, "text:level").as_deref() == Some("1") => {
                        if let Some(l) = &list {
                            self.numbered_lists.insert(l.clone(), e.name().as_ref() == "text:list-level-style-number");
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match e.name().as_ref() {
                    "style:style" => {
                        if let Some((name, style)) = current.take() {
                            self.styles.insert(name, style);
                        }
                    }
                    "text:list-style" => list = None,
                    _ => {}
                },
                Event::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    /// A property of `name` or, when it has none, of the style it is based on.
    fn inherited<T>(&self, name: &str, get: impl Fn(&Style) -> Option<T>) -> Option<T> {
        let mut at = self.styles.get(name);
        for _ in 0..10 {
            let style = at?;
            if let Some(v) = get(style) {
                return Some(v);
            }
            at = style.parent.as_ref().and_then(|p| self.styles.get(p));
        }
        None
    }
}

/// Text with markup placeholders, as `docx` writes them.
#[derive(Default)]
struct Text {
    out: String,
}

impl Text {
    fn push(&mut self, s: &str) {
        for c in s.chars() {
            match c {
                '\u{e000}'..='\u{f8ff}' | '\u{fffd}' => {}
                '\t' | '\n' => self.out.push(' '),
                c if c.is_control() => {}
                c => self.out.push(c),
            }
        }
    }

    /// White space normalised, and kept outside bold and italic (`**a** b`, not `**a **b`,
    /// which Markdown would not read as bold); empty markup dropped.
    fn finish(&self) -> String {
        let text = self.out.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut out = String::with_capacity(text.len());
        let mut open = [false, false];
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            let k = match c {
                BOLD => 0,
                ITALIC => 1,
                c => {
                    out.push(c);
                    continue;
                }
            };
            if open[k] {
                let spaces = out.len() - out.trim_end_matches(' ').len();
                out.truncate(out.len() - spaces);
                if out.ends_with(c) {
                    out.pop();
                } else {
                    out.push(c);
                }
                out.push_str(&" ".repeat(spaces));
            } else {
                while chars.peek() == Some(&' ') {
                    chars.next();
                    out.push(' ');
                }
                out.push(c);
            }
            open[k] = !open[k];
        }
        out.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
    }
}

/// A paragraph being read: its style, its outline level (`text:h`) and its text.
type Para = (Option<String>, Option<u8>, Text);

/// Read `content.xml` (with `styles.xml` for the named styles) into blocks.
/// An image frame (`draw:frame`): its picture in the zip, title and description, and which
/// of the two is being read (1 title, 2 description).
#[derive(Default)]
struct Frame {
    href: Option<String>,
    title: String,
    desc: String,
    reading: u8,
}

/// `pictures`: the files under `Pictures/` in the document, by their name in the zip.
pub(super) fn read(file: &str, content: &str, styles_xml: Option<&str>, pictures: &HashMap<String, Vec<u8>>) -> Result<Document, ImportError> {
    let mut styles = Styles::default();
    if let Some(xml) = styles_xml {
        styles.read(file, "styles.xml", xml)?;
    }
    styles.read(file, "content.xml", content)?;
    let mut doc = Document { blocks: Vec::new(), footnotes: Vec::new(), warnings: Vec::new(), paragraphs: 0, headings: 0, tables: Vec::new(), bullets: 0, plain: Vec::new(), kind: "OpenDocument-tekst (.odt)", outline: Vec::new(), images: Vec::new() };
    let mut reader = Reader::from_str(content);
    // The paragraph being read: its style or outline level, and its text.
    let mut para: Option<Para> = None;
    // Open spans: whether each added bold or italic.
    let mut spans: Vec<(bool, bool)> = Vec::new();
    let mut links: Vec<Option<String>> = Vec::new();
    // Lists: the list style of each open `text:list` (inherited when a nested one has none),
    // and the item numbers per depth.
    let mut lists: Vec<(Option<String>, u32)> = Vec::new();
    let mut in_note_citation = false;
    // A footnote body being read: the paragraph it interrupts is set aside.
    let mut note: Option<(Text, Option<Para>)> = None;
    let mut table_depth = 0usize;
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut cell: Option<String> = None;
    let mut span_cells = 1usize;
    let mut chapters = 0u32;
    // The image frame being read (its picture and alt text), and the images of the paragraph.
    let mut frame: Option<Frame> = None;
    let mut images: Vec<Frame> = Vec::new();
    loop {
        let position = reader.buffer_position();
        let event = reader.read_event().map_err(|e| super::docx::xml_error(file, "content.xml", content, position, e))?;
        match event {
            Event::Start(e) | Event::Empty(e) if matches!(e.name().as_ref(), "text:s" | "text:tab" | "text:line-break") => {
                let n: usize = if e.name().as_ref() == "text:s" { attr(&e, "text:c").and_then(|c| c.parse().ok()).unwrap_or(1) } else { 1 };
                if let Some((_, _, t)) = para.as_mut() {
                    t.push(&" ".repeat(n.min(8)));
                }
            }
            Event::Start(e) => match e.name().as_ref() {
                "text:p" | "text:h" => {
                    let style = attr(&e, "text:style-name");
                    let level = if e.name().as_ref() == "text:h" { Some(attr(&e, "text:outline-level").and_then(|l| l.parse::<u8>().ok()).unwrap_or(1).clamp(1, 9)) } else { None };
                    para = Some((style, level, Text::default()));
                }
                "text:span" => {
                    let style = attr(&e, "text:style-name").unwrap_or_default();
                    let bold = styles.inherited(&style, |s| s.bold.then_some(true)).unwrap_or(false);
                    let italic = styles.inherited(&style, |s| s.italic.then_some(true)).unwrap_or(false);
                    if let Some((_, _, t)) = para.as_mut() {
                        if italic {
                            t.out.push(ITALIC);
                        }
                        if bold {
                            t.out.push(BOLD);
                        }
                    }
                    spans.push((bold, italic));
                }
                "text:a" => {
                    let href = attr(&e, "xlink:href");
                    if let (Some((_, _, t)), Some(_)) = (para.as_mut(), &href) {
                        t.out.push(LINK_START);
                    }
                    links.push(href);
                }
                "text:list" => {
                    let style = attr(&e, "text:style-name").or_else(|| lists.last().and_then(|l| l.0.clone()));
                    lists.push((style, 0));
                }
                "text:list-item" => {
                    if let Some(l) = lists.last_mut() {
                        l.1 += 1;
                    }
                }
                // Footnotes and endnotes alike become footnotes.
                "text:note" => note = Some((Text::default(), para.take())),
                "text:note-citation" => in_note_citation = true,
                "table:table" => {
                    table_depth += 1;
                    if table_depth == 1 {
                        rows.clear();
                    }
                }
                "table:table-row" if table_depth == 1 => rows.push(Vec::new()),
                "table:table-cell" if table_depth == 1 => {
                    cell = Some(String::new());
                    span_cells = attr(&e, "table:number-columns-spanned").and_then(|v| v.parse().ok()).unwrap_or(1);
                }
                "draw:frame" => frame = Some(Frame::default()),
                "draw:image" => {
                    if let Some(f) = frame.as_mut() {
                        f.href = attr(&e, "xlink:href");
                    }
                }
                "svg:title" | "svg:desc" => {
                    if let Some(f) = frame.as_mut() {
                        f.reading = if e.name().as_ref() == "svg:title" { 1 } else { 2 };
                    }
                }
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                "table:table-cell" if table_depth == 1 => {
                    if let Some(row) = rows.last_mut() {
                        row.push(String::new());
                    }
                }
                "draw:image" => match frame.as_mut() {
                    Some(f) => f.href = attr(&e, "xlink:href"),
                    None => doc.warnings.push((doc.paragraphs + 1, "afbeelding niet overgenomen; TODO: zet haar in static/ met een alt-tekst".to_string())),
                },
                _ => {}
            },
            Event::Text(e) => {
                if in_note_citation {
                    continue;
                }
                let s = e.xml10_content();
                if let Some(f) = frame.as_mut().filter(|f| f.reading > 0) {
                    if f.reading == 1 { &mut f.title } else { &mut f.desc }.push_str(&s);
                    continue;
                }
                match (&mut note, para.as_mut()) {
                    (Some((t, _)), _) => t.push(&s),
                    (None, Some((_, _, t))) => t.push(&s),
                    _ => {}
                }
            }
            Event::GeneralRef(e) => {
                let s = if e.is_char_ref() {
                    e.resolve_char_ref().ok().flatten().map(String::from).unwrap_or_default()
                } else {
                    quick_xml::escape::resolve_predefined_entity(&e.xml10_content()).unwrap_or("").to_string()
                };
                match (&mut note, para.as_mut()) {
                    (Some((t, _)), _) => t.push(&s),
                    (None, Some((_, _, t))) => t.push(&s),
                    _ => {}
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "text:span" => {
                    let (bold, italic) = spans.pop().unwrap_or((false, false));
                    if let Some((_, _, t)) = para.as_mut() {
                        if bold {
                            t.out.push(BOLD);
                        }
                        if italic {
                            t.out.push(ITALIC);
                        }
                    }
                }
                "text:a" => {
                    if let (Some(Some(href)), Some((_, _, t))) = (links.pop(), para.as_mut()) {
                        t.out.push(LINK_URL);
                        t.out.push_str(&href);
                        t.out.push(LINK_END);
                    }
                }
                "text:note-citation" => in_note_citation = false,
                "svg:title" | "svg:desc" => {
                    if let Some(f) = frame.as_mut() {
                        f.reading = 0;
                    }
                }
                "draw:frame" => images.extend(frame.take()),
                "text:note" => {
                    if let Some((t, outer)) = note.take() {
                        let label = (doc.footnotes.len() + 1).to_string();
                        doc.footnotes.push(Footnote::from_document(label.clone(), t.finish()));
                        para = outer;
                        if let Some((_, _, pt)) = para.as_mut() {
                            pt.out.push_str(&format!("\u{e000}{label}\u{e001}"));
                        }
                    }
                }
                "text:list" => {
                    lists.pop();
                }
                "text:p" | "text:h" if note.is_some() => {
                    if let Some((t, _)) = note.as_mut() {
                        t.push(" ");
                    }
                }
                "text:p" | "text:h" => {
                    let Some((style, outline, t)) = para.take() else { continue };
                    doc.paragraphs += 1;
                    let no = doc.paragraphs;
                    let text = t.finish();
                    let mut figures = Vec::new();
                    let mut warnings = Vec::new();
                    for f in std::mem::take(&mut images) {
                        // The description, else the title, is the alt text.
                        let alt = [f.desc.trim(), f.title.trim()].into_iter().find(|a| !a.is_empty()).map(str::to_string);
                        match f.href.as_ref().and_then(|h| pictures.get_key_value(h.as_str())).filter(|_| cell.is_none()) {
                            Some((name, data)) => figures.extend(super::docx::take_image(&mut doc, &mut warnings, no, alt, name, data)),
                            None => warnings.push((no, "afbeelding niet overgenomen; TODO: zet haar in static/ met een alt-tekst".to_string())),
                        }
                    }
                    doc.warnings.extend(warnings);
                    if text.is_empty() {
                        doc.blocks.extend(figures);
                        continue;
                    }
                    doc.plain.push((no, plain(&text)));
                    if let Some(c) = cell.as_mut() {
                        if !c.is_empty() {
                            c.push(' ');
                        }
                        c.push_str(&text);
                        continue;
                    }
                    let level = outline.or_else(|| style.as_deref().and_then(|s| styles.inherited(s, |st| st.level)));
                    match level {
                        Some(0) => doc.blocks.push(Block::Para(plain(&text))),
                        Some(l) => push_heading(&mut doc, l, plain(&text), &mut chapters, no),
                        None if !lists.is_empty() => {
                            let list_style = lists.iter().rev().find_map(|l| l.0.clone()).or_else(|| style.as_deref().and_then(|s| styles.inherited(s, |st| st.list_style.clone())));
                            let numbered = list_style.and_then(|l| styles.numbered_lists.get(&l).copied()).unwrap_or(false);
                            let depth = (lists.len() - 1).min(8) as u8;
                            if numbered {
                                let n = lists.last().map(|l| l.1).unwrap_or(1);
                                doc.blocks.push(Block::Numbered(depth, format!("{n}."), text));
                            } else {
                                doc.bullets += 1;
                                doc.blocks.push(Block::Bullet(depth, text));
                            }
                        }
                        None => doc.blocks.push(Block::Para(text)),
                    }
                    doc.blocks.extend(figures);
                }
                "table:table-cell" if table_depth == 1 => {
                    if let (Some(c), Some(row)) = (cell.take(), rows.last_mut()) {
                        row.push(c);
                        row.extend(std::iter::repeat_n(String::new(), span_cells.clamp(1, 50) - 1));
                    }
                    span_cells = 1;
                }
                "table:table" => {
                    table_depth = table_depth.saturating_sub(1);
                    if table_depth == 0 && !rows.is_empty() {
                        // A spanned cell was followed by empty cells for the columns it
                        // covers (`table:covered-table-cell` is not read), so rows stay in line.
                        doc.blocks.push(Block::Grid(std::mem::take(&mut rows)));
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(doc)
}
