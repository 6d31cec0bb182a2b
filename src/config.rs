//! `passend.toml`: who the SWV is, its gemeenten, planperiode, steunpunt, style tokens, and the
//! vocabularies (legal elements, OOGO themes, kinds of support, ...) that the rest of the site
//! is checked against.
//!
//! Vocabularies are data, not code: defaults ship in `vocabularies.toml` next to this file and a
//! site extends or overrides them in `[[vocabulaires.<list>]]` tables.

use crate::text::Date;
use crate::diagnostics::{suggestion, Diagnostics, Position};
use crate::source::{array_table_offsets, find_key, find_key_in, parse_toml, SourceFile};
use crate::text::slugify;
use serde::{Deserialize, Serialize};

const DEFAULT_VOCABULARIES: &str = include_str!("vocabularies.toml");

/// The neutral base of [`Config::fallback`]: every required setting, none of them a real SWV's.
const FALLBACK_CONFIG: &str = r#"
naam = ""
code = ""
sector = "po-vo"
regio = ""
gemeenten = []
base_url = "https://example.invalid"
planperiode = { start = 2000, eind = 2000 }
steunpunt = { naam = "", telefoon = "", email = "", openingstijden = "", adres = "" }
"#;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Full name: "Samenwerkingsverband Passend Onderwijs Lindeveld".
    pub naam: String,
    /// Short name for the header and the page title; defaults to `naam`.
    #[serde(default)]
    pub korte_naam: String,
    /// The SWV's registration code(s), for example "PO 99-01".
    pub code: String,
    #[serde(with = "swv_sector")]
    pub sector: Sector,
    pub regio: String,
    /// The gemeenten of the werkgebied; every school must lie in one of them.
    pub gemeenten: Vec<String>,
    /// Where the site will be published, for sitemap and feed links: "https://www.example.nl".
    pub base_url: String,
    #[serde(default = "default_language")]
    pub taal: String,
    /// Further interface languages (English is built in; others need i18n/<taal>.toml).
    /// Steunpunt pages can be translated as `content/steunpunt/<naam>.<taal>.md`.
    #[serde(default)]
    pub extra_talen: Vec<String>,
    /// Name of a folder under themes/.
    #[serde(default = "default_theme")]
    pub thema: String,
    pub planperiode: Planperiode,
    pub steunpunt: Steunpunt,
    #[serde(default)]
    pub stijl: Stijl,
    #[serde(default)]
    pub scholen: SchoolSettings,
    /// The toegankelijkheidsverklaring (accessibility statement) required of public-sector sites.
    #[serde(default)]
    pub toegankelijkheid: AccessibilityStatement,
    /// Thresholds of the plain-language (B1) check.
    #[serde(default)]
    pub eenvoudige_taal: crate::plain_language::Thresholds,
    #[serde(default, skip_serializing)]
    pub vocabulaires: Vocabularies,
    /// Made by [`Config::fallback`] from a passend.toml with errors: its values are partly
    /// defaults, so checks that compare against them (the planperiode) are skipped.
    #[serde(skip)]
    pub fallback: bool,
}

/// The part of education something is for: primair onderwijs (`po`), voortgezet onderwijs (`vo`)
/// or both (`beide`). The one sector of the site: of the SWV itself, of a chapter, of a legal
/// element or school type in the vocabularies, and of a voorziening.
///
/// passend.toml spells the SWV's own "both" as `po-vo` (see [`swv_sector`]); everywhere else it
/// is `beide`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Sector {
    Po,
    Vo,
    #[default]
    Beide,
}

impl Sector {
    pub fn key(self) -> &'static str {
        match self {
            Sector::Po => "po",
            Sector::Vo => "vo",
            Sector::Beide => "beide",
        }
    }

    /// The key of this sector's name in the interface strings (`sector_po`, …).
    pub fn string_key(self) -> &'static str {
        match self {
            Sector::Po => "sector_po",
            Sector::Vo => "sector_vo",
            Sector::Beide => "sector_beide",
        }
    }

    /// Whether something for `other` concerns this sector: an element required for `beide`
    /// applies to every SWV, and an SWV for both sectors has every element.
    pub fn covers(self, other: Sector) -> bool {
        self == Sector::Beide || other == Sector::Beide || self == other
    }
}

/// The SWV's `sector` in passend.toml: `po`, `vo` or `po-vo`, a [`Sector`] whose `beide` is
/// spelled `po-vo` there.
pub mod swv_sector {
    use super::Sector;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// The spelling in passend.toml; serde's messages for a wrong value name these.
    #[derive(Serialize, Deserialize)]
    enum Written {
        #[serde(rename = "po")]
        Po,
        #[serde(rename = "vo")]
        Vo,
        #[serde(rename = "po-vo")]
        PoVo,
    }

    pub fn serialize<S: Serializer>(sector: &Sector, s: S) -> Result<S::Ok, S::Error> {
        match sector {
            Sector::Po => Written::Po,
            Sector::Vo => Written::Vo,
            Sector::Beide => Written::PoVo,
        }
        .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Sector, D::Error> {
        Ok(match Written::deserialize(d)? {
            Written::Po => Sector::Po,
            Written::Vo => Sector::Vo,
            Written::PoVo => Sector::Beide,
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Planperiode {
    pub start: i32,
    pub eind: i32,
    /// `concept` while the OOGO and OPR are still to agree; `vastgesteld` after.
    #[serde(default = "default_plan_status")]
    pub status: String,
    pub vastgesteld: Option<Date>,
    /// The plan's road to vaststelling: OPR, OOGO per gemeente, bestuur or ALV, inspectie.
    #[serde(default)]
    pub besluitvorming: Vec<Besluitstap>,
}

/// One step of the road of the plan or of an addendum (`[[planperiode.besluitvorming]]`, or
/// `[[besluitvorming]]` in an addendum): shown as a timeline, in date order.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Besluitstap {
    /// A key of the vocabulary `besluitstap`: `opr`, `oogo`, `vaststelling`, `alv`, `inspectie`.
    pub stap: String,
    pub datum: Date,
    /// For the OOGO: the gemeente (or gemeenten) this overleg was with.
    #[serde(default)]
    pub gemeente: Option<String>,
    /// The outcome in a few words: "ingestemd", "overeenstemming", "verzonden".
    #[serde(default)]
    pub uitkomst: Option<String>,
    /// A link to the document (besluit, verslag), https or a site path.
    #[serde(default)]
    pub document: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Steunpunt {
    pub naam: String,
    pub telefoon: String,
    pub email: String,
    pub openingstijden: Openingstijden,
    pub adres: String,
    /// Optional link to a contact form.
    pub formulier: Option<String>,
}

/// The keys of the days of the week in `[steunpunt] openingstijden`; each language names them
/// in its interface strings (`dag_maandag`, ...).
pub const DAGEN: [&str; 7] = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"];

/// The steunpunt's opening hours: as data (`[{ dagen = "maandag-donderdag", van = "8.30", tot =
/// "16.30" }]`), so every interface language shows them in its own words, or as one sentence
/// (older sites), which other languages show as written, marked as the main language.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Openingstijden {
    Tekst(String),
    Tijden(Vec<Openingstijd>),
}

/// One line of opening hours: a day (`vrijdag`) or a range of days (`maandag-donderdag`), and
/// the times as `8.30` or `08:30`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Openingstijd {
    pub dagen: String,
    pub van: String,
    pub tot: String,
}

impl Openingstijd {
    /// The first and last day's key, when both are days of [`DAGEN`] in order.
    pub fn days(&self) -> Option<(&'static str, &'static str)> {
        let (from, to) = self.dagen.split_once('-').unwrap_or((&self.dagen, &self.dagen));
        let index = |d: &str| DAGEN.iter().position(|k| *k == d.trim());
        let (a, b) = (index(from)?, index(to)?);
        (a <= b).then(|| (DAGEN[a], DAGEN[b]))
    }
}

/// Hours and minutes of `8.30`, `08:30` or `9`; `None` for anything else.
pub fn parse_time(text: &str) -> Option<(u32, u32)> {
    let (h, m) = text.trim().split_once(['.', ':']).unwrap_or((text.trim(), "00"));
    let ok = |p: &str, len: std::ops::RangeInclusive<usize>| len.contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit());
    if !ok(h, 1..=2) || !ok(m, 2..=2) {
        return None;
    }
    let (h, m) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some((h, m))
}

impl<'de> Deserialize<'de> for Openingstijden {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let shape = "schrijf een lijst als [{ dagen = \"maandag-donderdag\", van = \"8.30\", tot = \"16.30\" }], of één zin";
        match toml::Value::deserialize(d)? {
            toml::Value::String(s) => Ok(Openingstijden::Tekst(s)),
            // serde's own message, so its translation (`onbekende sleutel`, `bedoelde u`) applies.
            v @ toml::Value::Array(_) => v.try_into().map(Openingstijden::Tijden).map_err(|e| D::Error::custom(e.message().trim())),
            _ => Err(D::Error::custom(format!("openingstijden: {shape}"))),
        }
    }
}

impl Steunpunt {
    /// `tel:` URL form of the phone number: digits and a leading + only.
    pub fn tel_href(&self) -> String {
        crate::text::tel_href(&self.telefoon)
    }
}

/// Style tokens, in the manner of NL Design System design tokens: the theme's CSS reads them as
/// custom properties from the generated `/assets/tokens.css`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stijl {
    #[serde(default = "default_primary")]
    pub primaire_kleur: String,
    #[serde(default = "default_accent")]
    pub accent_kleur: String,
    /// Path of a logo image relative to the site's static/ folder.
    pub logo: Option<String>,
    #[serde(default = "default_font")]
    pub lettertype: String,
}

impl Default for Stijl {
    fn default() -> Self {
        Stijl { primaire_kleur: default_primary(), accent_kleur: default_accent(), logo: None, lettertype: default_font() }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchoolSettings {
    /// A school profile (SOP) older than this is flagged as out of date. The law asks for an SOP
    /// at least once every four years.
    #[serde(default = "default_max_sop_age")]
    pub max_sop_leeftijd_maanden: i32,
    /// The licence of `/data/scholen.json` and `.csv`, named on `/data/`. Public bodies in the
    /// Netherlands publish open data under CC0 unless they say otherwise.
    #[serde(default = "default_open_data_licence")]
    pub open_data_licentie: String,
    #[serde(default = "default_open_data_licence_url")]
    pub open_data_licentie_url: String,
}

fn default_open_data_licence() -> String {
    "CC0 1.0 (vrij te hergebruiken, zonder voorwaarden)".into()
}

fn default_open_data_licence_url() -> String {
    "https://creativecommons.org/publicdomain/zero/1.0/deed.nl".into()
}

impl Default for SchoolSettings {
    fn default() -> Self {
        SchoolSettings { max_sop_leeftijd_maanden: default_max_sop_age(), open_data_licentie: default_open_data_licence(), open_data_licentie_url: default_open_data_licence_url() }
    }
}

/// What the toegankelijkheidsverklaring page says. `status` is a key of the vocabulary
/// `toegankelijkheidsstatus`: the statuses of the Dutch model statement (A: voldoet volledig ...
/// E: geen inzicht).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessibilityStatement {
    #[serde(default = "default_accessibility_status")]
    pub status: String,
    /// Date of the last check.
    pub datum: Option<Date>,
    /// How it was checked.
    #[serde(default = "default_accessibility_method")]
    pub onderzoek: String,
    /// Known shortcomings and what is done about them.
    #[serde(default)]
    pub afwijkingen: Vec<String>,
    /// Where visitors report a barrier; defaults to the steunpunt's e-mail.
    pub contact: Option<String>,
}

impl Default for AccessibilityStatement {
    fn default() -> Self {
        AccessibilityStatement { status: default_accessibility_status(), datum: None, onderzoek: default_accessibility_method(), afwijkingen: Vec::new(), contact: None }
    }
}

fn default_accessibility_status() -> String {
    "voldoet gedeeltelijk".into()
}
fn default_accessibility_method() -> String {
    "Elke pagina wordt bij elke wijziging automatisch getoetst met axe-core (WCAG 2.2 A en AA) in een echte browser en met de Nu Html Checker.".into()
}

fn default_language() -> String {
    "nl".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_plan_status() -> String {
    "concept".into()
}
fn default_primary() -> String {
    "#1b4f72".into()
}
fn default_accent() -> String {
    "#a8431a".into()
}
fn default_font() -> String {
    "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif".into()
}
fn default_max_sop_age() -> i32 {
    48
}

/// One entry of a vocabulary. Lists use the fields that apply to them.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub key: String,
    pub label: String,
    #[serde(default)]
    pub beschrijving: String,
    #[serde(default)]
    pub uitleg: String,
    /// For legal elements (for which kind of SWV it is required) and school types.
    #[serde(default)]
    pub sector: Sector,
    #[serde(default)]
    pub bespreekpunten: Vec<String>,
    /// For legal elements and OOGO themes: the keywords by which `passend import` suggests the
    /// term for an imported chapter. Not part of any page.
    #[serde(default, skip_serializing)]
    pub trefwoorden: Option<Keywords>,
    /// For levels: the level of every kind of support a school does not list (exactly one level
    /// has it: `basis`).
    #[serde(default, skip_serializing)]
    pub standaard: bool,
    /// For levels: the school offers more than basic support (`extra`, `arrangement`), so it
    /// is found for this kind in the finder, the dekking and the OOGO summaries.
    #[serde(default, skip_serializing)]
    pub aanbod: bool,
    /// For school types: special education (`sbo`, `so`, `vso`), which the OOGO summary of a
    /// gemeente lists even when the school lies elsewhere in the region.
    #[serde(default, skip_serializing)]
    pub speciaal: bool,
}

/// Keywords that suggest a term for a chapter of text (`passend import`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Keywords {
    /// Lowercase words or stems; those of four bytes or fewer only match whole words.
    pub woorden: Vec<String>,
    /// Hits of `woorden` together needed per 800 words of text.
    pub minimaal: usize,
    /// When given, at least one of these must occur as well.
    #[serde(default)]
    pub ook: Vec<String>,
}

/// An entry of a vocabulary list, named by its key: what merging and lookup go by.
pub trait Keyed {
    fn key(&self) -> &str;
}

impl Keyed for Term {
    fn key(&self) -> &str {
        &self.key
    }
}

impl Keyed for SynonymGroup {
    fn key(&self) -> &str {
        &self.key
    }
}

/// An ordered list of entries (terms, or synonym groups), looked up by key.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Vocabulary<T = Term>(pub Vec<T>);

impl<T> Default for Vocabulary<T> {
    fn default() -> Self {
        Vocabulary(Vec::new())
    }
}

impl<T: Keyed> Vocabulary<T> {
    pub fn get(&self, key: &str) -> Option<&T> {
        self.0.iter().find(|t| t.key() == key)
    }
    pub fn contains(&self, key: &str) -> bool {
        self.get(key).is_some()
    }
    pub fn keys(&self) -> impl Iterator<Item = &str> + Clone {
        self.0.iter().map(|t| t.key())
    }
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }
    pub fn position(&self, key: &str) -> usize {
        self.0.iter().position(|t| t.key() == key).unwrap_or(usize::MAX)
    }
    /// Entries of `overrides` replace same-key entries here; new keys are appended.
    fn merge(&mut self, overrides: Vocabulary<T>) {
        for entry in overrides.0 {
            match self.0.iter_mut().find(|t| t.key() == entry.key()) {
                Some(existing) => *existing = entry,
                None => self.0.push(entry),
            }
        }
    }
}

impl Vocabulary<Term> {
    pub fn label<'a>(&'a self, key: &'a str) -> &'a str {
        self.get(key).map(|t| t.label.as_str()).unwrap_or(key)
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vocabularies {
    #[serde(default)]
    pub wettelijk_onderdeel: Vocabulary,
    #[serde(default)]
    pub oogo_thema: Vocabulary,
    #[serde(default)]
    pub ondersteuning: Vocabulary,
    #[serde(default)]
    pub niveau: Vocabulary,
    #[serde(default)]
    pub onderwijstype: Vocabulary,
    #[serde(default)]
    pub vo_niveau: Vocabulary,
    #[serde(default)]
    pub denominatie: Vocabulary,
    /// The statuses of an overeenstemmingspunt in `content/data/oogo.toml`.
    #[serde(default)]
    pub oogo_status: Vocabulary,
    /// The statuses of the toegankelijkheidsverklaring (`[toegankelijkheid] status`).
    #[serde(default)]
    pub toegankelijkheidsstatus: Vocabulary,
    /// The steps of the road to vaststelling (`besluitvorming`).
    #[serde(default)]
    pub besluitstap: Vocabulary,
    /// Where a goal of doelen.toml stands at its latest measurement (computed, never typed).
    #[serde(default)]
    pub voortgang: Vocabulary,
    /// Words that mean the same to a parent, for search: `[[vocabulaires.synoniem]]`.
    #[serde(default)]
    pub synoniem: SynonymList,
    /// Everyday words of parents and what search looks for as well: `[[vocabulaires.ouderwoord]]`.
    #[serde(default)]
    pub ouderwoord: Vocabulary<ParentWords>,
}

/// Words a parent uses for what the site calls otherwise (`druk`, `kan niet stilzitten`), and
/// the words search looks for as well (`zoekt = ["adhd"]`). One way: unlike a synonym group, a
/// search for `adhd` does not look for `druk`, which would dilute it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ParentWords {
    pub key: String,
    pub woorden: Vec<String>,
    pub zoekt: Vec<String>,
}

impl Keyed for ParentWords {
    fn key(&self) -> &str {
        &self.key
    }
}

/// A group of words search treats as the same: `key` names the group (a site replaces a default
/// group by using its key), `woorden` are words or short phrases.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SynonymGroup {
    pub key: String,
    pub woorden: Vec<String>,
}

/// The synonym groups, merged like the other vocabularies: same key replaces, new key is added.
pub type SynonymList = Vocabulary<SynonymGroup>;

/// Every step's `stap` is a key of the vocabulary, its document a safe link; `offsets` are those
/// of the steps' `[[...]]` headers in `text`, for positions.
pub fn check_besluitvorming(steps: &[Besluitstap], vocab: &Vocabulary, rel: &str, text: &str, offsets: &[usize], diags: &mut Diagnostics) {
    for (i, s) in steps.iter().enumerate() {
        let at = |key: &str| crate::source::find_key_after(text, key, offsets.get(i).copied().unwrap_or(0));
        if !vocab.contains(&s.stap) {
            diags.error(rel, at("stap"), format!("onbekende stap `{}` in de besluitvorming", s.stap), suggestion(&s.stap, vocab.keys()));
        }
        if let Some(doc) = &s.document {
            if !(is_url(doc) || doc.starts_with('/')) {
                diags.error(rel, at("document"), format!("`{doc}` is geen webadres of pad op de site"), "schrijf een adres dat begint met https:// of een pad dat begint met /");
            }
        }
        if let Some(w) = steps[..i].iter().rev().find(|p| p.datum > s.datum) {
            diags.error(rel, at("datum"), format!("de stappen staan niet op volgorde: {} komt na {} ({})", s.datum, w.datum, w.stap), "zet de stappen in de volgorde waarin ze gebeurden");
        }
    }
}

impl Vocabularies {
    pub fn defaults() -> Vocabularies {
        toml::from_str(DEFAULT_VOCABULARIES).expect("built-in vocabularies.toml is valid")
    }

    fn merged_with(mut self, overrides: Vocabularies) -> Vocabularies {
        self.wettelijk_onderdeel.merge(overrides.wettelijk_onderdeel);
        self.oogo_thema.merge(overrides.oogo_thema);
        self.ondersteuning.merge(overrides.ondersteuning);
        self.niveau.merge(overrides.niveau);
        self.onderwijstype.merge(overrides.onderwijstype);
        self.vo_niveau.merge(overrides.vo_niveau);
        self.denominatie.merge(overrides.denominatie);
        self.oogo_status.merge(overrides.oogo_status);
        self.toegankelijkheidsstatus.merge(overrides.toegankelijkheidsstatus);
        self.besluitstap.merge(overrides.besluitstap);
        self.voortgang.merge(overrides.voortgang);
        self.synoniem.merge(overrides.synoniem);
        self.ouderwoord.merge(overrides.ouderwoord);
        self
    }

    /// The level of a kind of support a school does not list (`standaard = true`: `basis`).
    /// Empty when a site's overrides left no standard level (reported by the check).
    pub fn standard_level(&self) -> &str {
        self.niveau.iter().find(|t| t.standaard).map_or("", |t| t.key.as_str())
    }

    /// Whether `level` means the school offers more than basic support (`aanbod = true`).
    pub fn is_offer(&self, level: &str) -> bool {
        self.niveau.get(level).is_some_and(|t| t.aanbod)
    }

    /// Whether school type `onderwijstype` is special education (`speciaal = true`).
    pub fn is_special(&self, onderwijstype: &str) -> bool {
        self.onderwijstype.get(onderwijstype).is_some_and(|t| t.speciaal)
    }

    /// The sector of school type `onderwijstype` (`beide` for an unknown type).
    pub fn sector_of(&self, onderwijstype: &str) -> Sector {
        self.onderwijstype.get(onderwijstype).map_or(Sector::Beide, |t| t.sector)
    }
}

/// A gemeente of the werkgebied with its URL slug: the one gemeente type (search adds the stems
/// that name it in a query, `search::SearchGemeente`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Gemeente {
    pub naam: String,
    pub slug: String,
}

impl Config {
    /// Parse and validate `passend.toml`. Vocabularies come out merged with the defaults.
    pub fn load(file: &SourceFile, diags: &mut Diagnostics) -> Option<Config> {
        let config: Config = parse_toml(&file.text, &file.rel, 0, diags)?;
        let config = config.completed();
        config.validate(file, diags);
        Some(config)
    }

    /// A configuration to check the rest of the site against when `passend.toml` itself has
    /// errors, so that one run reports the errors of every file. It holds every top-level
    /// setting of `text` that is valid on its own (the gemeenten, say, when only the steunpunt
    /// is wrong) over neutral defaults; checks that need a setting it lacks (an empty list of
    /// gemeenten) are skipped by their callers. Never used to build a site.
    pub fn fallback(text: &str) -> Config {
        let parse = |table: toml::Table| toml::Value::Table(table).try_into::<Config>();
        let mut best: toml::Table = toml::from_str(FALLBACK_CONFIG).expect("the fallback configuration is valid TOML");
        if let Ok(written) = toml::from_str::<toml::Table>(text) {
            for (key, value) in written {
                let mut trial = best.clone();
                trial.insert(key, value);
                if parse(trial.clone()).is_ok() {
                    best = trial;
                }
            }
        }
        let mut config = parse(best).expect("the fallback configuration deserializes").completed();
        config.fallback = true;
        config
    }

    /// Defaults that depend on other settings, and the vocabularies merged with the built-in ones.
    fn completed(mut self) -> Config {
        self.vocabulaires = Vocabularies::defaults().merged_with(std::mem::take(&mut self.vocabulaires));
        if self.korte_naam.is_empty() {
            self.korte_naam = self.naam.clone();
        }
        self
    }

    fn validate(&self, file: &SourceFile, diags: &mut Diagnostics) {
        let at = |key: &str| find_key(&file.text, key);
        let in_table = |table: &str, key: &str| find_key_in(&file.text, table, key);
        let rel = file.rel.as_str();
        if self.naam.trim().is_empty() {
            diags.error(rel, at("naam"), "`naam` is leeg", "vul de volledige naam van het samenwerkingsverband in");
        }
        if self.gemeenten.is_empty() {
            diags.error(rel, at("gemeenten"), "er staan geen gemeenten in `gemeenten`", "noem de gemeenten van het werkgebied, bijvoorbeeld gemeenten = [\"Lindeveld\", \"Rietmeer\"]");
        }
        let mut seen = std::collections::BTreeSet::new();
        for g in &self.gemeenten {
            if !seen.insert(slugify(g)) {
                diags.error(rel, at("gemeenten"), format!("gemeente `{g}` staat twee keer in `gemeenten`"), "noem elke gemeente één keer");
            }
        }
        if !(self.base_url.starts_with("https://") || self.base_url.starts_with("http://")) {
            diags.error(rel, at("base_url"), format!("`base_url` = `{}` is geen webadres", self.base_url), "schrijf het volledige adres, bijvoorbeeld \"https://www.passendlindeveld.nl\"");
        }
        let p = &self.planperiode;
        if p.eind < p.start || p.eind - p.start > 4 || p.start < 2000 {
            diags.error(rel, at("planperiode"), format!("planperiode {}-{} klopt niet", p.start, p.eind), "een ondersteuningsplan loopt hooguit vier jaar: start <= eind <= start + 4");
        }
        let statuses = ["concept", "vastgesteld"];
        if !statuses.contains(&p.status.as_str()) {
            diags.error(rel, in_table("planperiode", "status"), format!("onbekende planstatus `{}`", p.status), suggestion(&p.status, statuses));
        }
        let offsets = crate::source::array_table_offsets(&file.text, "planperiode.besluitvorming");
        check_besluitvorming(&p.besluitvorming, &self.vocabulaires.besluitstap, rel, &file.text, &offsets, diags);
        if let (Some(last), Some(vastgesteld)) = (p.besluitvorming.iter().filter(|s| s.stap != "inspectie").map(|s| s.datum).max(), p.vastgesteld) {
            if last > vastgesteld && p.status == "vastgesteld" {
                let i = p.besluitvorming.iter().position(|s| s.datum == last).unwrap_or(0);
                diags.error(rel, crate::source::find_key_after(&file.text, "datum", offsets.get(i).copied().unwrap_or(0)), format!("deze stap ({last}) ligt na de vaststelling van het plan ({vastgesteld})"), "OPR en OOGO gaan aan de vaststelling vooraf; controleer de datums");
            }
        }
        for lang in std::iter::once(&self.taal).chain(&self.extra_talen) {
            if !(2..=3).contains(&lang.len()) || !lang.chars().all(|c| c.is_ascii_lowercase()) {
                diags.error(rel, at("extra_talen"), format!("`{lang}` is geen taalcode"), "gebruik een ISO 639-1-code van twee letters, bijvoorbeeld \"en\", \"ar\", \"tr\", \"pl\" of \"uk\"");
            }
        }
        let status = self.toegankelijkheid.status.as_str();
        let statuses = &self.vocabulaires.toegankelijkheidsstatus;
        if !statuses.contains(status) {
            diags.error(rel, in_table("toegankelijkheid", "status"), format!("onbekende status van de toegankelijkheidsverklaring `{status}`"), suggestion(status, statuses.keys()));
        }
        if !is_email(&self.steunpunt.email) {
            diags.error(rel, at("email"), format!("`{}` is geen geldig e-mailadres", self.steunpunt.email), "schrijf het als naam@domein.nl");
        }
        if self.steunpunt.telefoon.chars().filter(char::is_ascii_digit).count() < 10 {
            diags.error(rel, at("telefoon"), format!("telefoonnummer `{}` heeft te weinig cijfers", self.steunpunt.telefoon), "schrijf het volledige nummer met netnummer, bijvoorbeeld \"0341 820 400\"");
        }
        if let Openingstijden::Tijden(lines) = &self.steunpunt.openingstijden {
            let at = || find_key_in(&file.text, "steunpunt", "openingstijden");
            for line in lines {
                if line.days().is_none() {
                    let first = line.dagen.split('-').map(str::trim).find(|d| !DAGEN.contains(d)).unwrap_or(&line.dagen);
                    let hint = if DAGEN.contains(&first) { "noem de eerste dag eerst, bijvoorbeeld \"maandag-donderdag\"".to_string() } else { suggestion(first, DAGEN) };
                    diags.error(rel, at(), format!("openingstijden: `{}` is geen dag of reeks dagen", line.dagen), hint);
                }
                match (parse_time(&line.van), parse_time(&line.tot)) {
                    (Some(van), Some(tot)) if van >= tot => diags.error(rel, at(), format!("openingstijden {}: `van` {} ligt niet voor `tot` {}", line.dagen, line.van, line.tot), "zet de openingstijd voor de sluitingstijd"),
                    (van, tot) => {
                        for (time, ok) in [(&line.van, van), (&line.tot, tot)] {
                            if ok.is_none() {
                                diags.error(rel, at(), format!("openingstijden {}: `{time}` is geen tijd", line.dagen), "schrijf een tijd als \"8.30\" of \"16.00\"");
                            }
                        }
                    }
                }
            }
        }
        if let Some(form) = &self.steunpunt.formulier {
            if !is_url(form) {
                diags.error(rel, at("formulier"), format!("`{form}` is geen webadres"), "begin met https://");
            }
        }
        for (key, colour) in [("primaire_kleur", &self.stijl.primaire_kleur), ("accent_kleur", &self.stijl.accent_kleur)] {
            match parse_hex_colour(colour) {
                None => diags.error(rel, at(key), format!("`{key}` = `{colour}` is geen kleur"), "schrijf een kleur als #rrggbb, bijvoorbeeld \"#1b4f72\""),
                Some(rgb) => {
                    let ratio = contrast_ratio(rgb, (255, 255, 255));
                    if ratio < 4.5 {
                        diags.warning(
                            rel,
                            at(key),
                            format!("`{key}` {colour} heeft te weinig contrast met wit ({ratio:.1}:1; WCAG AA vraagt 4,5:1)"),
                            "kies een donkerdere kleur, zodat witte tekst erop en gekleurde tekst op wit leesbaar is",
                        );
                    }
                }
            }
        }
        // Only a site's own [[vocabulaires.niveau]] can break this: the defaults have one.
        let standard: Vec<&str> = self.vocabulaires.niveau.iter().filter(|t| t.standaard).map(|t| t.key.as_str()).collect();
        if standard.len() != 1 {
            let message = match standard[..] {
                [] => "geen niveau in vocabulaire niveau heeft `standaard = true`".to_string(),
                _ => format!("meer dan één niveau in vocabulaire niveau heeft `standaard = true`: {}", standard.join(", ")),
            };
            let pos = array_table_offsets(&file.text, "vocabulaires.niveau").first().map_or(Position::START, |&i| Position::at(&file.text, i));
            diags.error(rel, pos, message, "geef precies één niveau standaard = true: het niveau van elke soort ondersteuning die een school niet noemt, meestal `basis`");
        }
        // These keys become parts of URLs (/scholen/ondersteuning/<key>/, /oogo/<thema>/ ...).
        for (list, vocab) in [("ondersteuning", &self.vocabulaires.ondersteuning), ("onderwijstype", &self.vocabulaires.onderwijstype), ("oogo_thema", &self.vocabulaires.oogo_thema)] {
            for term in vocab.iter().filter(|t| slugify(&t.key) != t.key) {
                // At the entry's own `key = "..."` in passend.toml (a default term is always a slug).
                let written = file.text.find(&format!("\"{}\"", term.key)).map(|i| crate::diagnostics::Position::at(&file.text, i));
                diags.error(
                    rel,
                    written.unwrap_or_else(|| at(list)),
                    format!("sleutel `{}` in vocabulaire {list} is niet URL-veilig", term.key),
                    format!("gebruik kleine letters, cijfers en streepjes, bijvoorbeeld \"{}\"", slugify(&term.key)),
                );
            }
        }
    }

    pub fn gemeenten(&self) -> Vec<Gemeente> {
        self.gemeenten.iter().map(|naam| Gemeente { naam: naam.clone(), slug: slugify(naam) }).collect()
    }

    /// The configured gemeente matching `name` case-insensitively.
    pub fn gemeente(&self, name: &str) -> Option<&str> {
        let wanted = slugify(name);
        self.gemeenten.iter().find(|g| slugify(g) == wanted).map(String::as_str)
    }

    /// Legal elements that apply to this SWV's sector.
    pub fn required_elements(&self) -> impl Iterator<Item = &Term> {
        self.vocabulaires.wettelijk_onderdeel.iter().filter(move |t| self.sector.covers(t.sector))
    }
}

pub fn is_email(s: &str) -> bool {
    let Some((user, domain)) = s.split_once('@') else { return false };
    !user.is_empty()
        && !s.chars().any(char::is_whitespace)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
}

pub fn is_url(s: &str) -> bool {
    let rest = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split('/').next().unwrap_or("");
        host.contains('.') && !s.chars().any(char::is_whitespace)
    })
}

fn parse_hex_colour(s: &str) -> Option<(u8, u8, u8)> {
    let hex = s.strip_prefix('#')?;
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some((byte(0)?, byte(2)?, byte(4)?))
}

/// WCAG 2 contrast ratio between two sRGB colours.
fn contrast_ratio(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {

    #[test]
    fn opening_hours_days_and_times() {
        assert_eq!(parse_time("8.30"), Some((8, 30)));
        assert_eq!(parse_time("08:30"), Some((8, 30)));
        assert_eq!(parse_time("9"), Some((9, 0)));
        for bad in ["24.00", "8.3", "12h", "8.60", "", "-1"] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
        let line = |dagen: &str| Openingstijd { dagen: dagen.into(), van: "8.30".into(), tot: "12.00".into() };
        assert_eq!(line("maandag-donderdag").days(), Some(("maandag", "donderdag")));
        assert_eq!(line("vrijdag").days(), Some(("vrijdag", "vrijdag")));
        assert_eq!(line("vrijdag-maandag").days(), None);
        assert_eq!(line("maandg").days(), None);
    }

    use super::*;

    #[test]
    fn default_vocabularies_have_what_the_issues_ask() {
        let v = Vocabularies::defaults();
        assert_eq!(v.ondersteuning.0.len(), 16);
        assert!(v.wettelijk_onderdeel.contains("overdracht-sbo"));
        assert_eq!(v.oogo_thema.0.first().unwrap().key, "missie-visie");
    }

    #[test]
    fn default_vocabularies_say_what_the_code_asks() {
        let v = Vocabularies::defaults();
        assert_eq!(v.standard_level(), "basis");
        let offers: Vec<&str> = v.niveau.iter().filter(|t| v.is_offer(&t.key)).map(|t| t.key.as_str()).collect();
        assert_eq!(offers, ["extra", "arrangement"]);
        let special: Vec<&str> = v.onderwijstype.keys().filter(|k| v.is_special(k)).collect();
        assert_eq!(special, ["sbo", "so", "vso"]);
        assert_eq!(v.sector_of("vso"), Sector::Vo);
        assert_eq!(v.sector_of("onbekend"), Sector::Beide);
        assert_eq!(v.oogo_status.keys().collect::<Vec<_>>(), ["akkoord", "in bespreking", "geen overeenstemming"]);
        assert_eq!(v.toegankelijkheidsstatus.0.len(), 5);
    }

    #[test]
    fn one_merge_for_terms_and_synonyms() {
        let base = Vocabularies::defaults().niveau.get("basis").unwrap().clone();
        let term = |key: &str, label: &str| Term { key: key.into(), label: label.into(), ..base.clone() };
        let mut terms = Vocabulary(vec![term("a", "A"), term("b", "B")]);
        terms.merge(Vocabulary(vec![term("b", "Bee"), term("c", "C")]));
        assert_eq!(terms.iter().map(|t| (t.key.as_str(), t.label.as_str())).collect::<Vec<_>>(), [("a", "A"), ("b", "Bee"), ("c", "C")]);
        let group = |key: &str, w: &str| SynonymGroup { key: key.into(), woorden: vec![w.into()] };
        let mut groups: SynonymList = Vocabulary(vec![group("x", "1")]);
        groups.merge(Vocabulary(vec![group("x", "2"), group("y", "3")]));
        assert_eq!(groups.iter().map(|g| g.woorden[0].as_str()).collect::<Vec<_>>(), ["2", "3"]);
    }

    #[test]
    fn one_sector_three_spellings_of_both() {
        assert!(Sector::Beide.covers(Sector::Po) && Sector::Po.covers(Sector::Beide) && !Sector::Po.covers(Sector::Vo));
        let config = Config::fallback("sector = \"po-vo\"");
        assert_eq!(config.sector, Sector::Beide);
        assert_eq!(toml::to_string(&config).unwrap().lines().find(|l| l.starts_with("sector")), Some("sector = \"po-vo\""));
        assert_eq!(Config::fallback("sector = \"vo\"").required_elements().filter(|t| t.key == "overdracht-sbo").count(), 0);
    }

    #[test]
    fn validators() {
        assert!(is_email("steunpunt@passendlindeveld.nl"));
        assert!(!is_email("steunpunt@"));
        assert!(is_url("https://www.example.nl/sop.pdf"));
        assert!(!is_url("www.example.nl"));
        assert!(contrast_ratio((0x1b, 0x4f, 0x72), (255, 255, 255)) > 4.5);
        assert!(contrast_ratio((0xff, 0xdd, 0x00), (255, 255, 255)) < 4.5);
    }
}
