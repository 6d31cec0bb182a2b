//! Markdown bodies to HTML, with what a published plan needs beyond CommonMark:
//! stable heading ids (explicit `{#id}` or derived from the text), a table of contents,
//! numbered footnotes with back links, accessible tables (scope, caption, keyboard-scrollable
//! wrapper, no inline styles), source-relative internal links (`@/plan/03-x.md#anker`) resolved
//! to site URLs, and raw HTML kept out of the output.
//!
//! The same pass records the plain text of every section (for search and summaries) and every
//! internal link with its source position, so broken links are reported at `file:line:column`.

use crate::diagnostics::{did_you_mean, Diagnostics, LineIndex, Position};
use crate::text::slugify;
use pulldown_cmark::{html, Alignment, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A heading of a rendered body.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
    /// Byte offset of the heading in the body's Markdown: where its section starts, for the
    /// addenda that replace, add or withdraw sections (`amendments`).
    #[serde(skip)]
    pub start: usize,
    /// The OOGO themes the author tagged this section with (`{oogo=thuiszitters,middelen}`
    /// after the heading): what a gemeente's summary quotes for each theme.
    #[serde(skip)]
    pub oogo: Vec<String>,
    /// Where the heading is, for messages about its attributes.
    #[serde(skip)]
    pub pos: Position,
}

/// The text under one heading (or before the first one, with `id` empty).
#[derive(Debug, Clone, Serialize, Default)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub level: u8,
    pub text: String,
    /// The same text by block (paragraph, list item, table row), so a summary can quote the
    /// section with its paragraphs and lists rather than as one run of words.
    #[serde(skip)]
    pub alineas: Vec<Alinea>,
    /// The OOGO themes of the section's heading (see [`Heading::oogo`]).
    #[serde(skip)]
    pub oogo: Vec<String>,
}

/// One block of a section's plain text.
#[derive(Debug, Clone, Serialize, Default, PartialEq)]
pub struct Alinea {
    pub tekst: String,
    /// An item of a list (bulleted or numbered).
    pub lijst: bool,
}

/// An internal link found in a body, to be checked once every page is known.
#[derive(Debug, Clone)]
pub struct InternalLink {
    /// Site URL without fragment, for example `/plan/toelaatbaarheid/`.
    pub url: String,
    /// The fragment after `#`, if any.
    pub anchor: Option<String>,
    /// The link as written, for messages.
    pub written: String,
    pub pos: Position,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    pub sections: Vec<Section>,
    pub links: Vec<InternalLink>,
}

impl Rendered {
    /// Every id an `#anchor` may point at in this body.
    pub fn anchors(&self) -> impl Iterator<Item = &str> {
        self.headings.iter().map(|h| h.id.as_str())
    }
}

/// The name under which [`BodySource::link_targets`] marks a source folder that could not be
/// read (`steunpunt/*`): links to files in it are not checked, its own error says enough.
pub const UNREADABLE_FOLDER: &str = "*";

/// The URL schemes a link in Markdown may use. Anything else (`javascript:`, `vbscript:`,
/// `data:`, `file:`, ...) could run code in a reader's browser or open something unexpected.
const LINK_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// The scheme of `dest` in lower case (`javascript` for `JaVa&#x09;Script:alert(1)` once
/// pulldown-cmark has decoded it), the way a browser reads it: leading spaces and control
/// characters are ignored and tabs and newlines inside are dropped. `None` for a relative
/// link or a path.
pub fn scheme(dest: &str) -> Option<String> {
    let cleaned: String = dest.trim_start_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let (scheme, _) = cleaned.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic()) && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// A control character other than tab, newline and carriage return (NUL, ESC, ...).
fn is_stray_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// Where a body comes from, for messages and link resolution.
pub struct BodySource<'a> {
    pub rel: &'a str,
    pub text: &'a str,
    /// Lines before the body in its file (front matter), so positions point into the file.
    pub line_offset: usize,
    /// Source paths (`plan/03-basisondersteuning.md`) that `@/` links may name, with their URLs.
    pub link_targets: &'a BTreeMap<String, String>,
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_HEADING_ATTRIBUTES | Options::ENABLE_STRIKETHROUGH
}

/// Close the block of `section.text` that began at `start`: its words become one [`Alinea`].
fn end_block(section: &mut Section, start: &mut usize, lijst: bool) {
    let tekst = section.text[*start..].split_whitespace().collect::<Vec<_>>().join(" ");
    *start = section.text.len();
    if !tekst.is_empty() {
        section.alineas.push(Alinea { tekst, lijst });
    }
}

/// Render `src.text`, reporting problems into `diags`.
pub fn render(src: &BodySource<'_>, diags: &mut Diagnostics) -> Rendered {
    let mut r = Renderer { src, lines: LineIndex::new(src.text), diags, out: Vec::new(), result: Rendered::default(), ids: BTreeSet::new(), warned_html: false };
    r.run();
    r.result
}

struct Renderer<'a, 'd> {
    src: &'a BodySource<'a>,
    lines: LineIndex<'a>,
    diags: &'d mut Diagnostics,
    out: Vec<Event<'a>>,
    result: Rendered,
    ids: BTreeSet<String>,
    warned_html: bool,
}

struct OpenHeading {
    placeholder: usize,
    start: usize,
    level: u8,
    explicit_id: Option<String>,
    oogo: Vec<String>,
    text: String,
    pos: Position,
}

struct Footnote<'a> {
    number: usize,
    events: Vec<Event<'a>>,
    defined_at: Option<Position>,
    first_ref_at: Option<Position>,
}

impl<'a, 'd> Renderer<'a, 'd> {
    fn pos(&self, offset: usize) -> Position {
        self.lines.position(offset).shifted(self.src.line_offset)
    }

    fn run(&mut self) {
        self.check_undefined_footnotes();
        let events: Vec<(Event<'a>, std::ops::Range<usize>)> = Parser::new_ext(self.src.text, options()).into_offset_iter().collect();
        let mut heading: Option<OpenHeading> = None;
        let mut footnotes: BTreeMap<String, Footnote<'a>> = BTreeMap::new();
        let mut in_footnote: Option<String> = None;
        let mut table_alignments: Vec<Alignment> = Vec::new();
        let mut in_table_head = false;
        let mut cell = 0usize;
        let mut section = Section::default();
        // Where the current block's text starts in `section.text`, and how deep in lists we are.
        let mut block_start = 0usize;
        let mut list_depth = 0usize;
        let mut link_depth_in_heading = 0;
        // Text of the latest heading: the caption of a table that has no "Tabel ..." paragraph.
        let mut last_heading = String::new();

        for (event, range) in events {
            // Footnote definitions are rendered at the end; collect their events separately.
            if let Some(label) = &in_footnote {
                if matches!(event, Event::End(TagEnd::FootnoteDefinition)) {
                    in_footnote = None;
                } else {
                    let event = self.filter_inline(event, &range);
                    if let Event::Text(t) = &event {
                        section.text.push_str(t);
                        section.text.push(' ');
                    }
                    // A footnote is not part of the block it follows in the source.
                    block_start = section.text.len();
                    footnotes.get_mut(label).expect("open footnote").events.push(event);
                }
                continue;
            }
            match event {
                Event::Start(Tag::Heading { level, id, attrs, .. }) => {
                    // `oogo=a,b` (quotes allowed) names the themes; repeated keys add up.
                    let oogo: Vec<String> = attrs
                        .iter()
                        .filter(|(k, _)| k.as_ref() == "oogo")
                        .flat_map(|(_, v)| v.as_deref().unwrap_or("").trim_matches(|c| c == '"' || c == '\'').split(',').map(|x| x.trim().to_string()).collect::<Vec<_>>())
                        .filter(|x| !x.is_empty())
                        .collect();
                    let mut level = heading_number(level);
                    let pos = self.pos(range.start);
                    if level == 1 {
                        self.diags.warning(self.src.rel, pos, "kop van niveau 1 (`#`) in de tekst", "de titel uit de front matter is al de hoofdkop; begin koppen in de tekst met `##`");
                        level = 2;
                    }
                    self.out.push(Event::Html(CowStr::Borrowed("")));
                    heading = Some(OpenHeading { placeholder: self.out.len() - 1, start: range.start, level, explicit_id: id.map(|s| s.to_string()), oogo, text: String::new(), pos });
                }
                Event::End(TagEnd::Heading(_)) => {
                    let h = heading.take().expect("heading open");
                    // An explicit `{#id}` goes into the id attribute as written: a quote in it
                    // would end the attribute (`{#x"onmouseover="...}`), so only anchor characters.
                    let explicit = h.explicit_id.clone().map(|id| {
                        if id.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.')) {
                            return id;
                        }
                        self.diags.error(self.src.rel, h.pos, format!("het id `{id}` van dit kopje bevat tekens die niet in een anker horen"), format!("gebruik letters, cijfers, - en _, bijvoorbeeld {{#{}}}", slugify(&id)));
                        slugify(&id)
                    });
                    let id = self.unique_id(explicit.clone().unwrap_or_else(|| slugify(&h.text)), explicit.is_some(), h.pos);
                    self.out[h.placeholder] = Event::Html(CowStr::from(format!("<h{} id=\"{}\">", h.level, id)));
                    self.out.push(Event::Html(CowStr::from(format!("</h{}>", h.level))));
                    end_block(&mut section, &mut block_start, list_depth > 0);
                    self.result.sections.push(std::mem::take(&mut section));
                    block_start = 0;
                    section = Section { id: id.clone(), title: h.text.trim().to_string(), level: h.level, text: String::new(), alineas: Vec::new(), oogo: h.oogo.clone() };
                    last_heading = h.text.trim().to_string();
                    self.result.headings.push(Heading { level: h.level, id, text: h.text.trim().to_string(), start: h.start, oogo: h.oogo, pos: h.pos });
                }
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    let key = label.to_string();
                    let n = footnotes.len() + 1;
                    let entry = footnotes.entry(key.clone()).or_insert(Footnote { number: n, events: Vec::new(), defined_at: None, first_ref_at: None });
                    if entry.defined_at.is_some() {
                        let pos = self.pos(range.start);
                        self.diags.error(self.src.rel, pos, format!("voetnoot `[^{key}]` is twee keer gedefinieerd"), "geef elke voetnoot een eigen label");
                    }
                    entry.defined_at = Some(self.pos(range.start));
                    in_footnote = Some(key);
                }
                Event::FootnoteReference(label) => {
                    let key = label.to_string();
                    let n = footnotes.len() + 1;
                    let pos = self.pos(range.start);
                    let entry = footnotes.entry(key.clone()).or_insert(Footnote { number: n, events: Vec::new(), defined_at: None, first_ref_at: None });
                    let back_id = if entry.first_ref_at.is_none() { format!(" id=\"fnref-{}\"", slugify(&key)) } else { String::new() };
                    entry.first_ref_at.get_or_insert(pos);
                    self.out.push(Event::Html(CowStr::from(format!(
                        "<sup class=\"voetnoot-ref\"{back_id}><a href=\"#fn-{}\"><span class=\"visually-hidden\">voetnoot </span>{}</a></sup>",
                        slugify(&key),
                        entry.number
                    ))));
                }
                Event::Start(Tag::Table(alignments)) => {
                    let caption = self.take_caption_paragraph();
                    table_alignments = alignments;
                    // Every table gets a caption; without a "Tabel ..." paragraph the section's
                    // heading names it, for screen readers only (it is on screen just above).
                    let (caption, class) = match caption {
                        Some(caption) => (caption, ""),
                        None if !last_heading.is_empty() => (crate::text::escape_html(&last_heading), " class=\"visually-hidden\""),
                        None => ("Tabel".to_string(), " class=\"visually-hidden\""),
                    };
                    let id = self.unique_id(format!("tabel-{}", slugify(&strip_tags(&caption))), false, self.pos(range.start));
                    let open = format!("<div class=\"tabel\" role=\"region\" tabindex=\"0\" aria-labelledby=\"{id}\"><table><caption id=\"{id}\"{class}>{caption}</caption>");
                    self.out.push(Event::Html(CowStr::from(open)));
                }
                Event::End(TagEnd::Table) => self.out.push(Event::Html(CowStr::Borrowed("</tbody></table></div>\n"))),
                Event::Start(Tag::TableHead) => {
                    in_table_head = true;
                    cell = 0;
                    self.out.push(Event::Html(CowStr::Borrowed("<thead><tr>")));
                }
                Event::End(TagEnd::TableHead) => {
                    end_block(&mut section, &mut block_start, false);
                    in_table_head = false;
                    self.out.push(Event::Html(CowStr::Borrowed("</tr></thead><tbody>\n")));
                }
                Event::Start(Tag::TableRow) => {
                    cell = 0;
                    self.out.push(Event::Html(CowStr::Borrowed("<tr>")));
                }
                Event::End(TagEnd::TableRow) => {
                    end_block(&mut section, &mut block_start, false);
                    self.out.push(Event::Html(CowStr::Borrowed("</tr>\n")));
                }
                Event::Start(Tag::TableCell) => {
                    let class = match table_alignments.get(cell) {
                        Some(Alignment::Right) => " class=\"rechts\"",
                        Some(Alignment::Center) => " class=\"midden\"",
                        _ => "",
                    };
                    let open = if in_table_head {
                        format!("<th scope=\"col\"{class}>")
                    } else if cell == 0 {
                        format!("<th scope=\"row\"{class}>")
                    } else {
                        format!("<td{class}>")
                    };
                    self.out.push(Event::Html(CowStr::from(open)));
                }
                Event::End(TagEnd::TableCell) => {
                    let close = if in_table_head || cell == 0 { "</th>" } else { "</td>" };
                    self.out.push(Event::Html(CowStr::Borrowed(close)));
                    section.text.push(' ');
                    cell += 1;
                }
                Event::Start(Tag::Link { .. }) if heading.is_some() => {
                    // A link inside a heading would nest interactive content in the TOC; keep the text.
                    link_depth_in_heading += 1;
                }
                Event::End(TagEnd::Link) if link_depth_in_heading > 0 => link_depth_in_heading -= 1,
                other => {
                    let other = self.filter_inline(other, &range);
                    if let Event::Text(t) | Event::Code(t) = &other {
                        match heading.as_mut() {
                            Some(h) => h.text.push_str(t),
                            None => section.text.push_str(t),
                        }
                    }
                    if matches!(other, Event::End(TagEnd::Paragraph | TagEnd::Item) | Event::SoftBreak | Event::HardBreak) {
                        section.text.push(' ');
                    }
                    match &other {
                        Event::Start(Tag::Item) => {
                            // An item's own text ends where a nested list or the item begins.
                            end_block(&mut section, &mut block_start, list_depth > 0);
                            list_depth += 1;
                        }
                        Event::End(TagEnd::Item) => {
                            end_block(&mut section, &mut block_start, true);
                            list_depth -= 1;
                        }
                        Event::End(TagEnd::Paragraph) if heading.is_none() => end_block(&mut section, &mut block_start, list_depth > 0),
                        _ => {}
                    }
                    self.out.push(other);
                }
            }
        }
        end_block(&mut section, &mut block_start, false);
        self.result.sections.push(section);
        self.result.sections.retain(|s| !s.id.is_empty() || !s.text.trim().is_empty());
        for s in &mut self.result.sections {
            s.text = s.text.split_whitespace().collect::<Vec<_>>().join(" ");
        }

        let mut body = String::new();
        html::push_html(&mut body, std::mem::take(&mut self.out).into_iter());
        body.push_str(&self.footnotes_html(footnotes));
        self.result.html = body;
    }

    /// pulldown-cmark leaves a reference without a definition as plain text, so references are
    /// matched against definitions (`[^label]:` at the start of a line) in the source itself.
    fn check_undefined_footnotes(&mut self) {
        let text = self.src.text;
        let mut defined = BTreeSet::new();
        let mut references = Vec::new();
        let mut from = 0;
        while let Some(i) = text[from..].find("[^") {
            let start = from + i;
            let Some(len) = text[start..].find(']') else { break };
            let label = &text[start + 2..start + len];
            from = start + len;
            if label.is_empty() || label.contains(char::is_whitespace) {
                continue;
            }
            let at_line_start = start == 0 || text[..start].ends_with('\n');
            if at_line_start && text[start + len + 1..].starts_with(':') {
                defined.insert(label);
            } else {
                references.push((label, start));
            }
        }
        for (label, offset) in references {
            if !defined.contains(label) {
                let pos = self.pos(offset);
                self.diags.error(self.src.rel, pos, format!("voetnoot `[^{label}]` wordt gebruikt maar niet gedefinieerd"), format!("voeg onderaan een regel `[^{label}]: tekst van de voetnoot` toe"));
            }
        }
    }

    /// Resolve links, keep raw HTML out. Returns the event to emit.
    fn filter_inline(&mut self, event: Event<'a>, range: &std::ops::Range<usize>) -> Event<'a> {
        match event {
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest = self.resolve_link(&dest_url, range.start);
                let title = self.without_controls(title, range.start);
                Event::Start(Tag::Link { link_type, dest_url: CowStr::from(dest), title, id })
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest = self.check_image(&dest_url, range.start);
                let title = self.without_controls(title, range.start);
                Event::Start(Tag::Image { link_type, dest_url: CowStr::from(dest), title, id })
            }
            // A character reference (`&#27;`, `&#x1b;`) decodes to a control character that the
            // check on the file's bytes never saw; it is as invisible and as out of place.
            Event::Text(text) => Event::Text(self.without_controls(text, range.start)),
            Event::Html(raw) | Event::InlineHtml(raw) => {
                if !self.warned_html && !raw.trim().is_empty() && !raw.trim_start().starts_with("<!--") {
                    self.warned_html = true;
                    let pos = self.pos(range.start);
                    self.diags.warning(self.src.rel, pos, "HTML in Markdown wordt niet uitgevoerd maar als tekst getoond", "schrijf de opmaak in Markdown; gebruik voor een tabel de | tabel | notatie");
                }
                if raw.trim_start().starts_with("<!--") {
                    Event::Text(CowStr::Borrowed(""))
                } else {
                    Event::Text(raw)
                }
            }
            other => other,
        }
    }

    /// `text` (page text, a link's title) without control characters. One can only be there as
    /// a character reference (`&#27;`, `&#x1b;`): the check on the file's bytes never saw it,
    /// and it is as invisible and as out of place, so it is an error too.
    fn without_controls(&mut self, text: CowStr<'a>, offset: usize) -> CowStr<'a> {
        let Some(c) = text.chars().find(|&c| is_stray_control(c)) else { return text };
        let pos = self.pos(offset);
        self.diags.error(
            self.src.rel,
            pos,
            format!("onzichtbaar stuurteken U+{:04X} in de tekst (als tekenverwijzing)", u32::from(c)),
            format!("verwijder de tekenverwijzing `&#{};`; een stuurteken hoort niet op een webpagina", u32::from(c)),
        );
        CowStr::from(text.replace(is_stray_control, ""))
    }

    fn resolve_link(&mut self, dest: &str, offset: usize) -> String {
        let pos = self.pos(offset);
        if let Some(rest) = dest.strip_prefix("@/") {
            let (path, anchor) = split_anchor(rest);
            match self.src.link_targets.get(path) {
                Some(url) => {
                    self.result.links.push(InternalLink { url: url.clone(), anchor: anchor.map(str::to_string), written: dest.to_string(), pos });
                    match anchor {
                        Some(a) => format!("{url}#{a}"),
                        None => url.clone(),
                    }
                }
                None if self.src.link_targets.contains_key(&format!("{}/{UNREADABLE_FOLDER}", path.rsplit_once('/').map_or("", |(dir, _)| dir))) => dest.to_string(),
                None => {
                    let hint = match did_you_mean(path, self.src.link_targets.keys().map(String::as_str)) {
                        Some(best) => format!("bedoelde u `@/{best}`?"),
                        None => "een @/-link noemt een bronbestand, bijvoorbeeld `@/plan/03-basisondersteuning.md#kopje`".to_string(),
                    };
                    self.diags.error(self.src.rel, pos, format!("link naar onbekend bestand `{dest}`"), hint);
                    dest.to_string()
                }
            }
        } else if let Some(anchor) = dest.strip_prefix('#') {
            // Same-page anchors are checked against this page by the caller (url left empty).
            self.result.links.push(InternalLink { url: String::new(), anchor: Some(anchor.to_string()), written: dest.to_string(), pos });
            dest.to_string()
        } else if dest.starts_with('/') && !dest.starts_with("//") {
            let (path, anchor) = split_anchor(dest);
            self.result.links.push(InternalLink { url: path.to_string(), anchor: anchor.map(str::to_string), written: dest.to_string(), pos });
            dest.to_string()
        } else if let Some(scheme) = scheme(dest).filter(|s| !LINK_SCHEMES.contains(&s.as_str())) {
            self.diags.error(
                self.src.rel,
                pos,
                format!("link met het schema `{scheme}:` is niet toegestaan"),
                "een link gaat naar een webadres (https://), een e-mailadres (mailto:), een telefoonnummer (tel:) of een bronbestand (@/plan/...)",
            );
            "#".to_string()
        } else if dest.ends_with(".md") || dest.contains(".md#") {
            self.diags.error(self.src.rel, pos, format!("relatieve link `{dest}` naar een Markdown-bestand"), format!("schrijf een bronlink vanaf content/, bijvoorbeeld `@/plan/{}`", dest.trim_start_matches("./")));
            dest.to_string()
        } else {
            dest.to_string()
        }
    }

    /// Images come from the site itself: the site promises readers no requests to other
    /// servers (a remote image is a tracking pixel), and `javascript:` or `data:` sources are
    /// ways to run or smuggle content.
    fn check_image(&mut self, dest: &str, offset: usize) -> String {
        if scheme(dest).is_none() && !dest.trim_start().starts_with("//") {
            return dest.to_string();
        }
        let pos = self.pos(offset);
        self.diags.error(
            self.src.rel,
            pos,
            format!("afbeelding `{dest}` komt niet van deze site"),
            "zet de afbeelding in de map static/ en verwijs ernaar met een pad, bijvoorbeeld ![Kaart van de regio](/kaart.png)",
        );
        String::new()
    }

    /// An explicit id is kept as written (a duplicate is an error, since links rely on it);
    /// a derived id gets `-2`, `-3`, ... when two headings have the same text.
    fn unique_id(&mut self, id: String, explicit: bool, pos: Position) -> String {
        let base = if id.is_empty() { "kop".to_string() } else { id };
        if self.ids.insert(base.clone()) {
            return base;
        }
        if explicit {
            self.diags.error(self.src.rel, pos, format!("het id `{base}` komt twee keer voor op deze pagina"), "geef elk kopje een eigen {#id}");
        }
        let mut n = 2;
        loop {
            let candidate = format!("{base}-{n}");
            if self.ids.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }

    /// A paragraph directly before a table that starts with "Tabel" becomes its caption.
    fn take_caption_paragraph(&mut self) -> Option<String> {
        if !matches!(self.out.last(), Some(Event::End(TagEnd::Paragraph))) {
            return None;
        }
        let start = self.out.iter().rposition(|e| matches!(e, Event::Start(Tag::Paragraph)))?;
        let first_text = self.out[start + 1..].iter().find_map(|e| if let Event::Text(t) = e { Some(t.to_string()) } else { None })?;
        if !first_text.trim_start().starts_with("Tabel") {
            return None;
        }
        let inner: Vec<Event<'a>> = self.out.drain(start..).collect();
        let mut caption = String::new();
        html::push_html(&mut caption, inner[1..inner.len() - 1].iter().cloned());
        Some(caption.trim().to_string())
    }

    fn footnotes_html(&mut self, footnotes: BTreeMap<String, Footnote<'a>>) -> String {
        let mut ordered: Vec<(String, Footnote<'a>)> = footnotes.into_iter().collect();
        ordered.sort_by_key(|(_, f)| f.number);
        let mut items = String::new();
        for (label, note) in ordered {
            match (note.defined_at, note.first_ref_at) {
                (None, Some(pos)) => {
                    self.diags.error(self.src.rel, pos, format!("voetnoot `[^{label}]` wordt gebruikt maar niet gedefinieerd"), format!("voeg onderaan een regel `[^{label}]: tekst van de voetnoot` toe"));
                    continue;
                }
                (Some(pos), None) => {
                    self.diags.warning(self.src.rel, pos, format!("voetnoot `[^{label}]` wordt nergens gebruikt"), format!("verwijs ernaar met `[^{label}]` in de tekst, of verwijder hem"));
                    continue;
                }
                _ => {}
            }
            let slug = slugify(&label);
            let mut content = String::new();
            html::push_html(&mut content, note.events.into_iter());
            items.push_str(&format!(
                "<li id=\"fn-{slug}\">{} <a href=\"#fnref-{slug}\" class=\"voetnoot-terug\">terug<span class=\"visually-hidden\"> naar de tekst bij voetnoot {}</span></a></li>\n",
                content.trim(),
                note.number
            ));
        }
        if items.is_empty() {
            return String::new();
        }
        format!("<section class=\"voetnoten\" aria-label=\"Voetnoten\">\n<ol>\n{items}</ol>\n</section>\n")
    }
}

fn heading_number(level: HeadingLevel) -> u8 {
    level as u8
}

fn split_anchor(s: &str) -> (&str, Option<&str>) {
    match s.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor)),
        None => (s, None),
    }
}

/// Text of an HTML fragment without its tags, for ids and plain-text uses.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The error for a link written in Markdown that does not resolve. Used by the output check
/// and by the early check in `Site::load`, which give the same message so it is reported once.
pub fn report_broken(source: &str, link: &InternalLink, reason: &str, diags: &mut Diagnostics) {
    let hint = match &link.anchor {
        Some(a) if reason.contains("anker") => format!("controleer het id `{a}`: geef het kopje een id met {{#{a}}} of gebruik het id uit de inhoudsopgave van die pagina"),
        _ => "controleer de link; een link naar een ander hoofdstuk schrijft u als @/plan/03-naam.md".to_string(),
    };
    diags.error(source, link.pos, format!("link `{}` werkt niet: {reason}", link.written), hint);
}

/// Check anchors of links between Markdown pages before anything is rendered, so these errors
/// are reported in the same run as any other error in the sources.
pub fn check_markdown_anchors(bodies: &[(&str, &str, &Rendered)], diags: &mut Diagnostics) {
    let anchors: BTreeMap<&str, BTreeSet<&str>> = bodies.iter().map(|(_, url, body)| (*url, body.anchors().collect())).collect();
    for (source, page_url, body) in bodies {
        for link in &body.links {
            let Some(anchor) = &link.anchor else { continue };
            let target_url = if link.url.is_empty() { *page_url } else { link.url.as_str() };
            if let Some(ids) = anchors.get(target_url) {
                // Generated parts of a page (footnotes, summary) are checked after rendering.
                if !ids.contains(anchor.as_str()) && !anchor.starts_with("fn") && !anchor.starts_with("p-") {
                    let shown = if link.url.is_empty() { "zelf" } else { target_url };
                    report_broken(source, link, &format!("de pagina `{shown}` heeft geen anker `#{anchor}`"), diags);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets() -> BTreeMap<String, String> {
        BTreeMap::from([("plan/05-toelaatbaarheid.md".to_string(), "/plan/toelaatbaarheid/".to_string())])
    }

    fn go(text: &str) -> (Rendered, Diagnostics) {
        let t = targets();
        let mut d = Diagnostics::new();
        let r = render(&BodySource { rel: "content/plan/01-x.md", text, line_offset: 5, link_targets: &t }, &mut d);
        (r, d)
    }

    #[test]
    fn sections_keep_their_blocks_and_oogo_themes() {
        let (r, d) = go("## Thuiszitters {#thuis oogo=thuiszitters,jeugdhulp}\n\nEerste\nalinea.\n\n- een\n- twee\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\nSlot[^1].\n\n[^1]: Noot.\n\n### Zonder id {oogo=\"middelen\"}\n\nTekst.\n");
        assert!(d.is_empty(), "{}", d.to_text());
        assert_eq!(r.headings[0].oogo, ["thuiszitters", "jeugdhulp"]);
        assert_eq!(r.headings[1].id, "zonder-id", "the attribute block is not part of the id");
        assert_eq!(r.sections[1].oogo, ["middelen"]);
        let blocks: Vec<(&str, bool)> = r.sections[0].alineas.iter().map(|a| (a.tekst.as_str(), a.lijst)).collect();
        assert_eq!(blocks, [("Eerste alinea.", false), ("een", true), ("twee", true), ("A B", false), ("1 2", false), ("Slot.", false)]);
        assert!(!r.html.contains("oogo"), "the attribute does not reach the page");
    }

    #[test]
    fn headings_get_ids_and_sections() {
        let (r, d) = go("Intro.\n\n## Overstap PO–VO\n\nTekst.\n\n### Route {#route-tlv}\n\nMeer.\n\n## Overstap PO–VO\n");
        assert!(d.is_empty(), "{}", d.to_text());
        let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["overstap-po-vo", "route-tlv", "overstap-po-vo-2"]);
        assert!(r.html.contains("<h3 id=\"route-tlv\">Route</h3>"));
        assert_eq!(r.sections[0].text, "Intro.");
        assert_eq!(r.sections[1].title, "Overstap PO–VO");
        assert_eq!(r.sections[1].text, "Tekst.");
    }

    #[test]
    fn internal_links_resolve_or_report_with_position() {
        let (r, d) = go("Zie [TLV](@/plan/05-toelaatbaarheid.md#route).\n\nEn [dit](@/plan/05-toelaatbaarheid.mdx).\n");
        assert!(r.html.contains("href=\"/plan/toelaatbaarheid/#route\""));
        assert_eq!(r.links[0].anchor.as_deref(), Some("route"));
        let errs = d.sorted();
        assert_eq!(errs.len(), 1);
        assert_eq!((errs[0].line, errs[0].column), (8, 4));
        assert!(errs[0].hint.contains("@/plan/05-toelaatbaarheid.md"));
    }

    #[test]
    fn tables_are_accessible_and_footnotes_numbered() {
        let (r, d) = go("Tabel 1. Budget\n\n| Post | Bedrag |\n|---|--:|\n| A | 1 |\n\nTekst[^a].\n\n[^a]: Bron.\n");
        assert!(d.is_empty(), "{}", d.to_text());
        assert!(r.html.contains("<caption id=\"tabel-tabel-1-budget\">Tabel 1. Budget</caption>"), "{}", r.html);
        assert!(r.html.contains("<th scope=\"col\" class=\"rechts\">Bedrag</th>"));
        assert!(r.html.contains("<th scope=\"row\">A</th><td class=\"rechts\">1</td>"));
        assert!(!r.html.contains("style="));
        assert!(r.html.contains("href=\"#fn-a\""));
        assert!(r.html.contains("<li id=\"fn-a\"><p>Bron.</p> <a href=\"#fnref-a\""));
    }

    #[test]
    fn a_table_without_caption_paragraph_is_named_by_its_heading() {
        let (r, _) = go("## Termijnen\n\n| Stap | Weken |\n|---|---|\n| A | 6 |\n");
        assert!(r.html.contains("aria-labelledby=\"tabel-termijnen\"><table><caption id=\"tabel-termijnen\" class=\"visually-hidden\">Termijnen</caption>"), "{}", r.html);
    }

    #[test]
    fn raw_html_never_reaches_output() {
        let (r, d) = go("Hallo <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n");
        assert!(!r.html.contains("<script"));
        assert!(!r.html.contains("<img"));
        assert_eq!(d.warnings(), 1);
    }

    #[test]
    fn undefined_footnote_is_an_error() {
        let (_, d) = go("Tekst[^x].\n");
        assert_eq!(d.errors(), 1);
    }
}
