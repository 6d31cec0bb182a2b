//! Typed page views (render stage): what each template gets, one `Serialize` struct per kind
//! of page. Field names are the names the templates use; views borrow from the immutable
//! `Site` and are built in `pages`. A page's `page` (title, URL, description) is [`PageMeta`];
//! the rest of its context is its view.

use crate::config::{AccessibilityStatement, Gemeente, Planperiode, Sector, Steunpunt, Stijl, Term, Vocabulary};
use crate::content::{AddendumStatus, Chapter};
use crate::markdown::Heading;
use crate::data::{Begrip, Overleg, RouteStap, Vraag};
use crate::export::Summary;
use crate::school::School;
use crate::text::Date;
use serde::Serialize;

/// A link to the same page in another language (`switch`), or a `hreflang` alternate.
#[derive(Serialize)]
pub struct LanguageLink<'a> {
    pub lang: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub naam: Option<&'a str>,
    pub url: String,
}

/// `site` in every template: the SWV's identity and the main navigation.
#[derive(Serialize)]
pub struct SiteView<'a> {
    pub naam: &'a str,
    pub korte_naam: &'a str,
    pub code: &'a str,
    pub sector: Sector,
    pub sector_label: &'a str,
    pub regio: &'a str,
    pub gemeenten: Vec<Gemeente>,
    pub planperiode: &'a Planperiode,
    pub steunpunt: &'a Steunpunt,
    pub tel_href: String,
    pub stijl: &'a Stijl,
    pub base_url: &'a str,
    pub taal: &'a str,
    pub nav: Vec<NavItem>,
    pub aantal_scholen: usize,
    pub heeft_logo: bool,
}

/// `urls` in every template: the site's fixed pages, named as the functions of `url` that
/// make them. Pages with a key (a gemeente, a kind of support, an OOGO download) and theme
/// files come from the template function `url(page=..., key=...)`.
#[derive(Serialize)]
pub struct Urls {
    pub home: String,
    pub plan_index: String,
    pub changes: String,
    pub changes_feed: String,
    pub versions: String,
    pub figures: String,
    pub plain_language_plan: String,
    pub verantwoording: String,
    pub schools: String,
    pub compare: String,
    pub dekking: String,
    pub open_data: String,
    pub open_data_json: String,
    pub open_data_csv: String,
    pub open_data_json_gz: String,
    pub open_data_csv_gz: String,
    pub figures_json: String,
    pub steunpunt_index: String,
    pub faq: String,
    pub begrippen: String,
    pub search: String,
    pub oogo: String,
    pub accessibility_statement: String,
}

impl Default for Urls {
    fn default() -> Urls {
        use crate::url;
        Urls {
            home: url::home(),
            plan_index: url::plan_index(),
            changes: url::changes(),
            changes_feed: url::changes_feed(),
            versions: url::versions(),
            figures: url::figures(),
            plain_language_plan: url::plain_language_plan(),
            verantwoording: url::verantwoording(),
            schools: url::schools(),
            compare: url::compare(),
            dekking: url::dekking(),
            open_data: url::open_data(),
            open_data_json: url::open_data_json(),
            open_data_csv: url::open_data_csv(),
            open_data_json_gz: url::compressed(&url::open_data_json()),
            open_data_csv_gz: url::compressed(&url::open_data_csv()),
            figures_json: url::figures_json(),
            steunpunt_index: url::steunpunt_index(),
            faq: url::faq(),
            begrippen: url::begrippen(),
            search: url::search(),
            oogo: url::oogo(),
            accessibility_statement: url::accessibility_statement(),
        }
    }
}

/// An entry of the main navigation; its text is the interface string `t[key]`.
#[derive(Serialize)]
pub struct NavItem {
    pub key: &'static str,
    pub url: String,
}

/// `page` in every template.
#[derive(Serialize)]
pub struct PageMeta<'a> {
    pub titel: &'a str,
    pub url: &'a str,
    pub beschrijving: &'a str,
}

/// A page whose template needs nothing but `page` and the base context.
#[derive(Serialize)]
pub struct Empty {}

#[derive(Serialize)]
pub struct Link<'a> {
    pub titel: &'a str,
    pub url: &'a str,
}

#[derive(Serialize)]
pub struct Label<'a> {
    pub key: &'a str,
    pub label: &'a str,
}

#[derive(Serialize)]
pub struct TocEntry<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub children: Vec<TocEntry<'a>>,
}

#[derive(Serialize, Clone)]
pub struct ChapterSummary<'a> {
    pub titel: &'a str,
    pub url: &'a str,
    pub order: u32,
    pub samenvatting: &'a str,
    pub sector: &'static str,
    pub sector_label: Option<&'static str>,
    pub bijgewerkt: Option<Date>,
}

#[derive(Serialize)]
pub struct AddendumSummary<'a> {
    pub titel: &'a str,
    pub url: &'a str,
    pub datum: Date,
    pub status: AddendumStatus,
    pub samenvatting: &'a str,
    pub wijzigt: Vec<Link<'a>>,
    /// Its road to vaststelling, labelled.
    pub besluitvorming: Vec<Stap<'a>>,
    /// What each of its `[[wijziging]]`s changes, in words, with a link where it landed.
    pub wijzigingen: Vec<ChangeLine>,
}

/// One change of an addendum as the changes page lists it.
#[derive(Serialize)]
pub struct ChangeLine {
    pub tekst: String,
    pub url: Option<String>,
}

/// A link to a page whose URL is made for it (a version, a comparison).
#[derive(Serialize)]
pub struct LinkTo<'a> {
    pub titel: &'a str,
    pub url: String,
}

/// One step of the road to vaststelling, with the label of its kind.
#[derive(Serialize)]
pub struct Stap<'a> {
    pub label: &'a str,
    pub datum: Date,
    pub gemeente: Option<&'a str>,
    pub uitkomst: Option<&'a str>,
    pub document: Option<&'a str>,
}

/// /plan/cijfers/: every table of figures, grouped, with the chapters that show it.
#[derive(Serialize)]
pub struct FiguresPage<'a> {
    pub groepen: Vec<FigureGroup<'a>>,
}

#[derive(Serialize)]
pub struct FigureGroup<'a> {
    pub key: &'static str,
    pub titel: &'a str,
    pub tabellen: Vec<FigureTable<'a>>,
}

#[derive(Serialize)]
pub struct FigureTable<'a> {
    pub html: String,
    /// The chapters that show this table.
    pub hoofdstukken: Vec<Link<'a>>,
}

/// A vastgesteld version of the plan, as listed and linked.
#[derive(Serialize)]
pub struct VersionSummary<'a> {
    pub datum: Date,
    pub tot: Option<Date>,
    /// The addendum that made it; `None` for the plan as vastgesteld.
    pub addendum: Option<Link<'a>>,
    pub geldend: bool,
    /// The chapters it changed, with the comparison's URL.
    pub gewijzigd: Vec<LinkTo<'a>>,
}

/// /plan/versies/: every vastgesteld version.
#[derive(Serialize)]
pub struct Versions<'a> {
    pub versies: &'a [VersionSummary<'a>],
}

/// A chapter as it read in a version that is no longer in force.
#[derive(Serialize)]
pub struct VersionPage<'a> {
    pub chapter: ChapterSummary<'a>,
    pub versie: &'a VersionSummary<'a>,
    pub content: &'a str,
    pub toc: Vec<TocEntry<'a>>,
    pub vergelijking: Option<String>,
}

/// One section of a comparison: its title and its paragraphs as runs of kept, inserted and
/// deleted words.
#[derive(Serialize)]
pub struct ComparedSection {
    pub titel: String,
    pub id: String,
    pub status: &'static str,
    pub alineas: Vec<Vec<Run>>,
}

#[derive(Serialize)]
pub struct Run {
    /// `gelijk`, `nieuw` or `weg`.
    pub soort: &'static str,
    pub tekst: String,
}

/// A chapter's changes on one date, word by word.
#[derive(Serialize)]
pub struct ComparisonPage<'a> {
    pub chapter: ChapterSummary<'a>,
    pub versie: &'a VersionSummary<'a>,
    pub vorige: Option<String>,
    pub secties: Vec<ComparedSection>,
}

/// A page of the steunpunt section as listed in its navigation.
#[derive(Serialize, Clone)]
pub struct SectionLink {
    pub titel: String,
    pub url: String,
    pub samenvatting: String,
}

#[derive(Serialize)]
pub struct Home<'a> {
    /// The first [`super::pages::LIST_PAGE`] chapters, and when there are more the words of
    /// the link to all of them (`urls.plan_index`).
    pub chapters: &'a [ChapterSummary<'a>],
    pub alle_hoofdstukken: Option<String>,
    pub addenda: &'a [AddendumSummary<'a>],
    pub besluitvorming: &'a [Stap<'a>],
    pub steunpunt_pages: &'a [SectionLink],
}

#[derive(Serialize)]
pub struct PlanIndex<'a> {
    pub chapters: &'a [ChapterSummary<'a>],
    pub addenda: &'a [AddendumSummary<'a>],
    pub besluitvorming: &'a [Stap<'a>],
    pub versies: &'a [VersionSummary<'a>],
    pub pager: Option<Pager>,
}

/// Where a page stands in a list split over several pages: at national scale a list of 3,000
/// chapters or a table of 250 gemeenten would be megabytes on a phone (issue 18). None while
/// the list fits on one page, as on any one SWV's site.
#[derive(Serialize)]
pub struct Pager {
    /// This page's number, from 1.
    pub nummer: usize,
    pub totaal: usize,
    /// The number of this page's first item in the whole list, from 1 (an `<ol start>`).
    pub eerste: usize,
    pub vorige: Option<String>,
    pub volgende: Option<String>,
    pub paginas: Vec<PagerLink>,
}

#[derive(Serialize)]
pub struct PagerLink {
    pub url: String,
    /// What the page holds: "251-500", or "Aalten - Bergen".
    pub label: String,
    pub huidig: bool,
}

#[derive(Serialize)]
pub struct ChapterPage<'a> {
    pub chapter: ChapterSummary<'a>,
    pub content: &'a str,
    pub toc: Vec<TocEntry<'a>>,
    pub prev: Option<ChapterSummary<'a>>,
    pub next: Option<ChapterSummary<'a>>,
    pub wettelijke_onderdelen: Vec<Label<'a>>,
    pub oogo: Vec<Label<'a>>,
    /// Vastgesteld addenda that changed this chapter, and concept ones that would.
    pub amended_by: Vec<&'a AddendumSummary<'a>>,
    pub proposed_by: Vec<&'a AddendumSummary<'a>>,
    /// The chapter's changes against the version before, when it has one.
    pub vergelijking: Option<String>,
}

#[derive(Serialize)]
pub struct Changes<'a> {
    pub addenda: &'a [AddendumSummary<'a>],
}

#[derive(Serialize)]
pub struct AddendumPage<'a> {
    pub addendum: &'a AddendumSummary<'a>,
    pub content: &'a str,
    pub concept: bool,
}

/// The changes feed (atom.xml).
#[derive(Serialize)]
pub struct Feed<'a> {
    pub addenda: &'a [AddendumSummary<'a>],
    pub versies: &'a [VersionSummary<'a>],
    pub updated: Option<Date>,
}

/// A Markdown page of the steunpunt section (or its generated index).
#[derive(Serialize)]
pub struct SectionPage<'a> {
    pub content: &'a str,
    pub toc: Vec<TocEntry<'a>>,
    pub subpages: Vec<&'a SectionLink>,
    pub section: &'a [SectionLink],
}

#[derive(Serialize)]
pub struct Route<'a> {
    pub stappen: &'a [RouteStap],
    pub section: &'a [SectionLink],
}

#[derive(Serialize)]
pub struct FaqThema<'a> {
    pub key: &'a str,
    pub titel: &'a str,
    pub vragen: Vec<&'a Vraag>,
}

#[derive(Serialize)]
pub struct Faq<'a> {
    pub themas: Vec<FaqThema<'a>>,
    /// schema.org FAQPage data, as a JSON string safe inside a script element.
    pub jsonld: String,
    pub section: &'a [SectionLink],
}

/// schema.org FAQPage (fields in the order serde_json wrote them before: by name).
#[derive(Serialize)]
pub struct FaqJsonLd<'a> {
    #[serde(rename = "@context")]
    pub context: &'static str,
    #[serde(rename = "@type")]
    pub kind: &'static str,
    #[serde(rename = "mainEntity")]
    pub main_entity: Vec<JsonLdQuestion<'a>>,
}

#[derive(Serialize)]
pub struct JsonLdQuestion<'a> {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    #[serde(rename = "acceptedAnswer")]
    pub accepted_answer: JsonLdAnswer,
    pub name: &'a str,
}

#[derive(Serialize)]
pub struct JsonLdAnswer {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub text: String,
}

#[derive(Serialize)]
pub struct Letter<'a> {
    pub letter: String,
    pub id: String,
    pub begrippen: Vec<&'a Begrip>,
}

#[derive(Serialize)]
pub struct Begrippen<'a> {
    pub letters: Vec<Letter<'a>>,
    pub section: &'a [SectionLink],
}

#[derive(Serialize)]
pub struct PlainPlan<'a> {
    pub chapters: &'a [ChapterSummary<'a>],
    pub section: &'a [SectionLink],
    pub pager: Option<Pager>,
}

#[derive(Serialize)]
pub struct LegalElement<'a> {
    pub key: &'a str,
    pub label: &'a str,
    pub beschrijving: &'a str,
    pub sector: Sector,
    pub hoofdstukken: Vec<Link<'a>>,
}

#[derive(Serialize)]
pub struct Verantwoording<'a> {
    pub onderdelen: Vec<LegalElement<'a>>,
}

#[derive(Serialize)]
pub struct LetterLink {
    pub letter: String,
    pub url: String,
}

#[derive(Serialize)]
pub struct Search<'a> {
    /// As on [`Home`].
    pub chapters: &'a [ChapterSummary<'a>],
    pub alle_hoofdstukken: Option<String>,
    pub zoekblok: String,
    pub soorten: Vec<crate::search::Kind>,
    pub gemeenten: Vec<crate::search::SearchGemeente>,
    pub letters: Vec<LetterLink>,
    pub heeft_begrippen: bool,
}

/// /data/: the open data files, their columns and their licence.
#[derive(Serialize)]
pub struct OpenDataPage<'a> {
    pub kolommen: Vec<crate::opendata::Column>,
    pub aantal: usize,
    pub licentie: &'a str,
    pub licentie_url: &'a str,
    pub scheidingsteken: char,
}

#[derive(Serialize)]
pub struct AccessibilityPage<'a> {
    pub verklaring: &'a AccessibilityStatement,
    pub contact: &'a str,
}

/// A school as listed anywhere.
#[derive(Serialize)]
pub struct SchoolSummary<'a> {
    pub id: &'a str,
    pub url: &'a str,
    pub naam: &'a str,
    pub plaats: &'a str,
    pub gemeente: &'a str,
    pub onderwijstype: &'a str,
    pub onderwijstype_label: &'a str,
    pub verouderd: bool,
}

/// A school as listed on the finder's pages.
#[derive(Serialize)]
pub struct SchoolCard<'a> {
    #[serde(flatten)]
    pub school: SchoolSummary<'a>,
    pub extra: Vec<&'a str>,
    pub rolstoel: bool,
    /// What the building has (`Lift`, `Aangepast toilet`, ...).
    pub toegankelijk: Vec<&'static str>,
}

/// A school on /scholen/, with the keys the finder script filters on.
#[derive(Serialize)]
pub struct FinderCard<'a> {
    #[serde(flatten)]
    pub card: SchoolCard<'a>,
    pub gemeente_slug: &'a str,
    pub extra_keys: String,
    pub voorziening_keys: String,
    pub expertise_keys: String,
    pub toegankelijk_keys: String,
}

#[derive(Serialize)]
pub struct Voorziening {
    pub key: String,
    pub naam: String,
}

#[derive(Serialize)]
pub struct Finder<'a> {
    /// Empty when the region has more than [`super::pages::MAX_CARDS`] schools: then the
    /// page leads to the pages per gemeente and per kind of support, without the script's
    /// filter over every card (a national site's /scholen/ was 7 MB).
    pub scholen: Vec<FinderCard<'a>>,
    pub aantal_scholen: usize,
    pub gemeenten: Vec<Gemeente>,
    pub onderwijstypen: Vec<&'a Term>,
    pub soorten: &'a Vocabulary,
    pub voorzieningen: Vec<Voorziening>,
    /// Every specialist and training named by a school (the key is its slug).
    pub expertise: Vec<Voorziening>,
    pub toegankelijkheid: Vec<Label<'a>>,
}

#[derive(Serialize)]
pub struct Compare<'a> {
    pub soorten: &'a Vocabulary,
}

#[derive(Serialize)]
pub struct SupportItem<'a> {
    pub key: &'a str,
    pub label: &'a str,
    pub wat: &'a str,
    pub uitleg: &'a str,
}

#[derive(Serialize)]
pub struct LevelGroup<'a> {
    pub key: &'a str,
    pub label: &'a str,
    pub uitleg: &'a str,
    pub items: Vec<SupportItem<'a>>,
}

#[derive(Serialize)]
pub struct Feature<'a> {
    pub key: &'a str,
    pub label: &'a str,
    pub aanwezig: bool,
}

/// A school with its labels resolved and its support grouped by level.
#[derive(Serialize)]
pub struct SchoolDetail<'a> {
    #[serde(flatten)]
    pub school: &'a School,
    pub onderwijstype_label: &'a str,
    pub denominatie_label: Option<&'a str>,
    pub niveau_labels: Vec<&'a str>,
    pub groepen: Vec<LevelGroup<'a>>,
    pub toegankelijkheid_lijst: Vec<Feature<'a>>,
}

#[derive(Serialize)]
pub struct SchoolPage<'a> {
    pub school: SchoolDetail<'a>,
}

/// What a static finder page filters on.
#[derive(Serialize)]
#[serde(untagged)]
pub enum Filter<'a> {
    Gemeente(&'a Gemeente),
    Ondersteuning(&'a Term),
    Beide { naam: &'a str, label: String, uitleg: &'a str, gemeente_url: String, ondersteuning_url: String },
}

#[derive(Serialize)]
pub struct SchoolGroup<'a> {
    pub naam: &'a str,
    pub slug: &'a str,
    /// Empty when the page would list more than [`super::pages::MAX_CARDS`] schools: then
    /// the group links to its own page with `aantal`.
    pub scholen: Vec<SchoolCard<'a>>,
    pub aantal: usize,
    /// On a page per kind of support: the page of this gemeente and kind.
    pub url: Option<String>,
}

/// A link to a finder page with the number of schools on it.
#[derive(Serialize)]
pub struct CountLink<'a> {
    pub label: &'a str,
    pub url: String,
    pub aantal: usize,
}

#[derive(Serialize)]
pub struct SchoolFilter<'a> {
    /// `gemeente`, `ondersteuning` or `beide` (a gemeente and a kind of support).
    pub soort: &'static str,
    pub filter: Filter<'a>,
    pub groepen: Vec<SchoolGroup<'a>>,
    /// On a gemeente's page: its pages per kind of support.
    pub soorten: Vec<CountLink<'a>>,
    /// On a page of a gemeente and kind: the other gemeenten with schools offering it.
    pub elders: Vec<CountLink<'a>>,
}

#[derive(Serialize)]
pub struct DekkingCel<'a> {
    pub gemeente: &'a str,
    pub slug: &'a str,
    pub aantal: usize,
}

#[derive(Serialize)]
pub struct DekkingRij<'a> {
    pub key: &'a str,
    pub label: &'a str,
    pub cellen: Vec<DekkingCel<'a>>,
    pub totaal: usize,
}

/// A bovenschoolse voorziening as a row of its sector's dekking table: where it is (its host
/// school's gemeente) and for which kinds of support.
#[derive(Serialize)]
pub struct DekkingVoorziening<'a> {
    pub naam: &'a str,
    pub school: &'a str,
    pub school_url: &'a str,
    pub gemeente_slug: &'a str,
    pub voor: Vec<&'a str>,
    pub capaciteit: Option<u32>,
}

/// The dekking of one sector: kinds of support by gemeente, counting only what pupils of that
/// sector can use, and the sector's voorzieningen.
#[derive(Serialize)]
pub struct DekkingSector<'a> {
    /// `po` or `vo`, for ids.
    pub key: &'static str,
    pub naam: &'a str,
    pub rijen: Vec<DekkingRij<'a>>,
    pub voorzieningen: Vec<DekkingVoorziening<'a>>,
}

#[derive(Serialize)]
pub struct Dekking<'a> {
    pub sectoren: Vec<DekkingSector<'a>>,
    /// The gemeenten of this page's columns.
    pub gemeenten: &'a [Gemeente],
    pub pager: Option<Pager>,
}

#[derive(Serialize)]
pub struct OogoStatus<'a> {
    pub naam: &'a str,
    pub slug: &'a str,
    pub url: String,
    /// The number of this gemeente's agreements per status, in the order of the vocabulary
    /// `oogo_status` (the table's columns).
    pub per_status: Vec<usize>,
    pub laatste_overleg: Option<Date>,
}

#[derive(Serialize)]
pub struct Oogo<'a> {
    /// The column headings: the labels of the vocabulary `oogo_status`.
    pub statussen: Vec<&'a str>,
    pub status: Vec<OogoStatus<'a>>,
    pub overleg: Vec<&'a Overleg>,
    pub regio: &'a Summary,
}

/// /oogo/<gemeente>/.
#[derive(Serialize)]
pub struct OogoSummary<'a> {
    pub summary: &'a Summary,
}

/// The printable export of a summary, which also works opened from a folder.
#[derive(Serialize)]
pub struct OogoExport<'a> {
    pub summary: &'a Summary,
    /// The stylesheet, relative to the page.
    pub stylesheet: String,
    /// The site's icon, relative to the page: without it a browser asks for /favicon.ico (a 404).
    pub icon: String,
}

/// Nested table of contents from `##` and `###` headings.
pub fn toc(headings: &[Heading]) -> Vec<TocEntry<'_>> {
    let mut entries: Vec<TocEntry> = Vec::new();
    for h in headings.iter().filter(|h| h.level <= 3) {
        let entry = TocEntry { id: &h.id, text: &h.text, children: Vec::new() };
        match (h.level, entries.last_mut()) {
            (3, Some(parent)) => parent.children.push(entry),
            _ => entries.push(entry),
        }
    }
    entries
}

/// The short sector label a chapter shows (none for both).
fn sector_label(s: Sector) -> Option<&'static str> {
    match s {
        Sector::Po => Some("PO"),
        Sector::Vo => Some("VO"),
        Sector::Beide => None,
    }
}

/// What lists of chapters show of one chapter.
pub fn chapter_summary(c: &Chapter) -> ChapterSummary<'_> {
    ChapterSummary { titel: &c.title, url: &c.url, order: c.order, samenvatting: &c.samenvatting, sector: c.sector.key(), sector_label: sector_label(c.sector), bijgewerkt: c.bijgewerkt }
}
