//! The Markdown content of the site: plan chapters (`content/plan/NN-slug.md`), addenda
//! (`content/plan/addenda/*.md`) and steunpunt pages (`content/steunpunt/*.md`), each with TOML
//! front matter between `+++` lines.

use crate::config::{Config, Sector};
use crate::text::Date;
use crate::diagnostics::{suggestion, Diagnostics, Position};
use crate::markdown::{self, BodySource, Rendered};
use crate::plain_language;
use crate::source::{check_not_future, find_key, parse_toml, SourceFile};
use crate::url;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The front matter of a chapter: what the loader reads, and what `passend import` writes
/// (serialized in this field order).
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ChapterFront {
    pub(crate) title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) order: Option<u32>,
    #[serde(default)]
    pub(crate) sector: Sector,
    #[serde(default)]
    pub(crate) samenvatting: String,
    #[serde(default)]
    pub(crate) wettelijke_onderdelen: Vec<String>,
    #[serde(default)]
    pub(crate) oogo: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) bijgewerkt: Option<Date>,
}

/// A chapter of the ondersteuningsplan.
#[derive(Debug, Clone, Serialize)]
pub struct Chapter {
    /// Source path relative to the site root.
    pub source: String,
    /// File stem, `03-basisondersteuning`: what addenda name in `wijzigt`.
    pub stem: String,
    pub slug: String,
    pub url: String,
    pub order: u32,
    pub title: String,
    pub sector: Sector,
    pub samenvatting: String,
    pub wettelijke_onderdelen: Vec<String>,
    pub oogo: Vec<String>,
    pub bijgewerkt: Option<Date>,
    /// The text in force: the file's body with the vastgesteld addenda applied (`amendments`).
    /// (Shared with the plan's versions where they have the same text.)
    #[serde(skip)]
    pub body: std::sync::Arc<Rendered>,
    /// The tables of figures the text in force shows, for their CSV downloads.
    #[serde(skip)]
    pub tables: std::sync::Arc<Vec<crate::figures::Table>>,
    /// The body's Markdown as the file has it (the plan as vastgesteld), and the line it starts on.
    #[serde(skip)]
    pub markdown: String,
    #[serde(skip)]
    pub body_line: usize,
    /// What addenda did or would do to this chapter's sections, in date order.
    #[serde(skip)]
    pub notes: Vec<SectionNote>,
}

/// A change of an addendum to one section of a chapter, as the chapter page tells it.
#[derive(Debug, Clone, Serialize)]
pub struct SectionNote {
    /// The section's anchor in the chapter.
    pub anchor: String,
    pub soort: SectionChange,
    /// Slug of the addendum.
    pub addendum: String,
    pub datum: Date,
    /// False for a concept addendum: a proposed change, not in the text in force.
    pub in_force: bool,
    /// The version whose text this change replaced (its start date), for "de tekst zoals die was".
    pub vorige_versie: Option<Date>,
}

/// What an addendum does to a section of a chapter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionChange {
    /// Replaces the section (heading and everything under it) with a section of the addendum.
    Vervangt,
    /// Adds a section of the addendum before or after the section.
    VoegtToe,
    /// Withdraws the section: its heading stays, with a notice, so links to it still land.
    Vervalt,
}

/// One `[[wijziging]]` in an addendum's front matter, as written; `amendments` checks and applies
/// it. One flat table for every kind (`soort`), so a misspelt key is named with 'bedoelde u'.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wijziging {
    /// `vervangt`, `voegt_toe`, `vervalt`, `planperiode`, `begroting` or `voorziening`.
    pub soort: String,
    /// The chapter, by file stem (`04-extra-ondersteuning`).
    pub hoofdstuk: Option<String>,
    /// The section of that chapter, by its anchor (`arrangementen`).
    pub sectie: Option<String>,
    /// The anchor of the section in this addendum that holds the new text.
    pub tekst: Option<String>,
    /// The title of the section in the chapter; by default a replaced section keeps its own and
    /// an added one takes the addendum's heading.
    pub titel: Option<String>,
    /// For `voegt_toe`: `voor` or `na` (default) the section.
    pub plaats: Option<String>,
    /// For `planperiode`: the new last year.
    pub eind: Option<i32>,
    /// For `begroting`: `baten` or `lasten`, the row's `post`, and its new `bedragen`.
    pub kant: Option<String>,
    pub post: Option<String>,
    pub bedragen: Option<Vec<i64>>,
    /// For `voorziening`: the id of the school that hosts it, and the voorziening.
    pub school: Option<String>,
    pub voorziening: Option<crate::school::Voorziening>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AddendumFront {
    title: String,
    datum: Date,
    status: AddendumStatus,
    #[serde(default)]
    wijzigt: Vec<String>,
    #[serde(default)]
    samenvatting: String,
    #[serde(default)]
    wijziging: Vec<Wijziging>,
    #[serde(default)]
    besluitvorming: Vec<crate::config::Besluitstap>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AddendumStatus {
    Concept,
    Vastgesteld,
}

/// An addendum: a later change to one or more chapters, with its own status.
#[derive(Debug, Clone, Serialize)]
pub struct Addendum {
    pub source: String,
    pub slug: String,
    pub url: String,
    pub title: String,
    pub datum: Date,
    pub status: AddendumStatus,
    /// Stems of the chapters it amends: `wijzigt` as written, and every chapter its
    /// `[[wijziging]]`s name.
    pub wijzigt: Vec<String>,
    pub samenvatting: String,
    #[serde(skip)]
    pub body: Rendered,
    #[serde(skip)]
    pub markdown: String,
    /// Its changes as data, in the order written.
    #[serde(skip)]
    pub wijzigingen: Vec<Wijziging>,
    /// Its road to vaststelling (OPR, OOGO, bestuur), in date order.
    pub besluitvorming: Vec<crate::config::Besluitstap>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PageFront {
    title: String,
    order: Option<u32>,
    #[serde(default)]
    samenvatting: String,
    bijgewerkt: Option<Date>,
}

/// A page of the ouder- en jeugdsteunpunt section.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    pub source: String,
    /// Language of the page: the site's main language, or that of a translation.
    pub lang: String,
    pub slug: String,
    pub url: String,
    pub order: u32,
    pub title: String,
    pub samenvatting: String,
    pub bijgewerkt: Option<Date>,
    #[serde(skip)]
    pub body: Rendered,
}

/// Front matter and body of a Markdown file.
struct Split<'a> {
    front: &'a str,
    /// Line number (0-based) at which the front matter text starts.
    front_line: usize,
    body: &'a str,
    body_line: usize,
}

/// Split a Markdown file into its front matter (between the first two lines that read `+++`,
/// trailing spaces allowed as editors leave them) and its body.
fn split_front_matter<'a>(file: &'a SourceFile, diags: &mut Diagnostics) -> Option<Split<'a>> {
    let text = file.text.as_str();
    let is_fence = |line: &str| line.trim_end() == "+++";
    let mut lines = text.split_inclusive('\n').scan(0, |offset, line| {
        let start = *offset;
        *offset += line.len();
        Some((start, line))
    });
    if !lines.next().is_some_and(|(_, line)| is_fence(line)) {
        diags.error(&file.rel, Position::START, "front matter ontbreekt: het bestand begint niet met een regel `+++`", "zet bovenaan een blok tussen twee regels `+++` met ten minste title = \"...\"");
        return None;
    }
    let front_start = text.find('\n').map_or(text.len(), |i| i + 1);
    let Some((close, fence)) = lines.find(|(_, line)| is_fence(line)) else {
        diags.error(&file.rel, Position::START, "de front matter wordt niet afgesloten met een regel `+++`", "zet na de laatste sleutel een regel met alleen `+++`");
        return None;
    };
    let front = &text[front_start..close];
    let body_start = close + fence.len();
    let body = &text[body_start..];
    Some(Split { front, front_line: 1, body, body_line: text[..body_start].matches('\n').count() })
}

/// Front matter, rendered body, and the body's raw text with the line it starts on.
fn load_markdown<'f, F: DeserializeOwned>(
    file: &'f SourceFile,
    link_targets: &BTreeMap<String, String>,
    diags: &mut Diagnostics,
) -> Option<(F, Rendered, &'f str, usize)> {
    let split = split_front_matter(file, diags)?;
    let front: Option<F> = parse_toml(split.front, &file.rel, split.front_line, diags);
    let body = markdown::render(&BodySource { rel: &file.rel, text: split.body, line_offset: split.body_line, link_targets }, diags);
    Some((front?, body, split.body, split.body_line))
}

/// A chapter's body with its figures (`{{ begroting(...) }}` and the like) from `data`.
pub fn render_chapter_body(rel: &str, text: &str, line_offset: usize, figures: &Figures, diags: &mut Diagnostics) -> (Rendered, Vec<crate::figures::Table>) {
    crate::figures::render(&BodySource { rel, text, line_offset, link_targets: figures.link_targets }, figures.data, figures.config, diags)
}

/// What a chapter's figures are drawn from: the data (in force) and the site's settings.
pub struct Figures<'a> {
    pub data: &'a crate::data::Data,
    pub config: &'a Config,
    pub link_targets: &'a BTreeMap<String, String>,
}

/// The plain-language check of a `samenvatting` field, at the line of its key.
fn check_summary(file: &SourceFile, samenvatting: &str, config: &Config, diags: &mut Diagnostics) {
    let line = find_key(&file.text, "samenvatting").line;
    let sentences = plain_language::sentences(samenvatting, line);
    plain_language::check(&file.rel, "de samenvatting", &sentences, &config.eenvoudige_taal, diags);
}

/// `03-basisondersteuning` -> (Some(3), "basisondersteuning").
pub fn order_and_slug(stem: &str) -> (Option<u32>, String) {
    match stem.split_once('-') {
        Some((num, rest)) if !num.is_empty() && num.chars().all(|c| c.is_ascii_digit()) && !rest.is_empty() => (num.parse().ok(), crate::text::slugify(rest)),
        _ => (None, crate::text::slugify(stem)),
    }
}

pub use crate::source::stem_of;

/// Check each key against a vocabulary, pointing at the key's place in the front matter.
fn check_keys(file: &SourceFile, field: &str, keys: &[String], vocab: &crate::config::Vocabulary, diags: &mut Diagnostics) {
    for key in keys {
        if !vocab.contains(key) {
            diags.error(&file.rel, find_key(&file.text, field), format!("onbekende sleutel `{key}` in `{field}`"), suggestion(key, vocab.keys()));
        }
    }
}

pub fn load_chapter(file: &SourceFile, figures: &Figures, diags: &mut Diagnostics) -> Option<Chapter> {
    let config = figures.config;
    let split = split_front_matter(file, diags)?;
    let front: Option<ChapterFront> = parse_toml(split.front, &file.rel, split.front_line, diags);
    let (body, tables) = render_chapter_body(&file.rel, split.body, split.body_line, figures, diags);
    let (front, markdown, body_line) = (front?, split.body, split.body_line);
    let stem = stem_of(file);
    let (file_order, slug) = order_and_slug(&stem);
    let order = match (front.order, file_order) {
        (Some(o), _) | (None, Some(o)) => o,
        (None, None) => {
            diags.warning(&file.rel, Position::START, "dit hoofdstuk heeft geen volgorde", "geef de bestandsnaam een nummer (03-naam.md) of zet order = 3 in de front matter");
            u32::MAX
        }
    };
    if front.title.trim().is_empty() {
        diags.error(&file.rel, find_key(&file.text, "title"), "de titel is leeg", "geef het hoofdstuk een titel");
    }
    if front.samenvatting.trim().is_empty() {
        diags.warning(&file.rel, Position::START.shifted(1), "dit hoofdstuk heeft geen `samenvatting`", "schrijf in twee tot vier korte zinnen voor ouders waar het hoofdstuk over gaat");
    }
    check_summary(file, &front.samenvatting, config, diags);
    let vocab = &config.vocabulaires;
    check_keys(file, "wettelijke_onderdelen", &front.wettelijke_onderdelen, &vocab.wettelijk_onderdeel, diags);
    // An element of the other sector (lwoo-pro in a po plan) is not part of this plan's
    // verantwoording: said here, where it is written, rather than as a broken link on the page.
    for key in front.wettelijke_onderdelen.iter().filter(|k| vocab.wettelijk_onderdeel.get(k).is_some_and(|t| !config.sector.covers(t.sector))) {
        diags.warning(&file.rel, find_key(&file.text, "wettelijke_onderdelen"), format!("wettelijk onderdeel `{key}` hoort niet bij een samenwerkingsverband voor {}", config.sector.key()), "haal het uit `wettelijke_onderdelen`, of zet `sector` in passend.toml goed");
    }
    check_keys(file, "oogo", &front.oogo, &vocab.oogo_thema, diags);
    // Sections tagged for a theme (`## Kop {oogo=thuiszitters}`), checked where they are written.
    for h in &body.headings {
        for key in h.oogo.iter().filter(|k| !vocab.oogo_thema.contains(k)) {
            diags.error(&file.rel, h.pos, format!("onbekend OOGO-thema `{key}` bij het kopje `{}`", h.text), suggestion(key, vocab.oogo_thema.keys()));
        }
    }
    check_not_future(file, "bijgewerkt", front.bijgewerkt, diags);
    Some(Chapter {
        source: file.rel.clone(),
        url: url::chapter(&slug),
        stem,
        slug,
        order,
        title: front.title,
        sector: front.sector,
        samenvatting: front.samenvatting,
        wettelijke_onderdelen: front.wettelijke_onderdelen,
        oogo: front.oogo,
        bijgewerkt: front.bijgewerkt,
        body: std::sync::Arc::new(body),
        tables: std::sync::Arc::new(tables),
        markdown: markdown.to_string(),
        body_line,
        notes: Vec::new(),
    })
}

pub fn load_addendum(file: &SourceFile, config: &Config, link_targets: &BTreeMap<String, String>, diags: &mut Diagnostics) -> Option<Addendum> {
    let (front, body, markdown, _) = load_markdown::<AddendumFront>(file, link_targets, diags)?;
    check_summary(file, &front.samenvatting, config, diags);
    let mut wijzigt = front.wijzigt;
    for w in &front.wijziging {
        if let Some(h) = &w.hoofdstuk {
            if !wijzigt.contains(h) {
                wijzigt.push(h.clone());
            }
        }
    }
    let slug = crate::text::slugify(&stem_of(file));
    check_not_future(file, "datum", Some(front.datum), diags);
    let offsets = crate::source::array_table_offsets(&file.text, "besluitvorming");
    crate::config::check_besluitvorming(&front.besluitvorming, &config.vocabulaires.besluitstap, &file.rel, &file.text, &offsets, diags);
    Some(Addendum {
        source: file.rel.clone(),
        url: url::addendum(&slug),
        slug,
        title: front.title,
        datum: front.datum,
        status: front.status,
        wijzigt,
        samenvatting: front.samenvatting,
        body,
        markdown: markdown.to_string(),
        wijzigingen: front.wijziging,
        besluitvorming: front.besluitvorming,
    })
}

/// `contact.en` -> ("contact", Some("en")): the language suffix of a translated page.
pub fn split_language(stem: &str) -> (&str, Option<&str>) {
    match stem.rsplit_once('.') {
        Some((base, lang)) if (2..=3).contains(&lang.len()) && lang.chars().all(|c| c.is_ascii_lowercase()) => (base, Some(lang)),
        _ => (stem, None),
    }
}

/// A steunpunt page, or its translation (`contact.en.md`). Parents read these first, so the
/// whole Dutch text gets the plain-language check.
pub fn load_page(file: &SourceFile, config: &Config, link_targets: &BTreeMap<String, String>, diags: &mut Diagnostics) -> Option<Page> {
    let (front, body, raw_body, body_line) = load_markdown::<PageFront>(file, link_targets, diags)?;
    let full_stem = stem_of(file);
    let (stem, lang) = split_language(&full_stem);
    if lang.is_none() {
        check_summary(file, &front.samenvatting, config, diags);
        let sentences = plain_language::sentences(raw_body, body_line + 1);
        plain_language::check(&file.rel, "deze pagina", &sentences, &config.eenvoudige_taal, diags);
    }
    let lang = lang.unwrap_or(&config.taal).to_string();
    let (file_order, slug) = order_and_slug(stem);
    check_not_future(file, "bijgewerkt", front.bijgewerkt, diags);
    let page_url = if lang == config.taal { url::steunpunt_page(&slug) } else { url::in_language(&lang, &url::steunpunt_page(&slug)) };
    Some(Page {
        source: file.rel.clone(),
        lang,
        url: page_url,
        slug,
        order: front.order.or(file_order).unwrap_or(u32::MAX),
        title: front.title,
        samenvatting: front.samenvatting,
        bijgewerkt: front.bijgewerkt,
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_and_slug_from_file_name() {
        assert_eq!(order_and_slug("03-basisondersteuning"), (Some(3), "basisondersteuning".into()));
        assert_eq!(order_and_slug("10-ouders-en-jongeren"), (Some(10), "ouders-en-jongeren".into()));
        assert_eq!(order_and_slug("bijlage"), (None, "bijlage".into()));
    }
}
