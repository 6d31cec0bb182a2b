//! Structured data of the site in `content/data/`: begrippen, the route to help, the FAQ, the
//! OOGO, the begroting, kengetallen and doelen. Every file is optional; when present it is
//! validated against the config (gemeenten, OOGO themes) with file and line in each message.

use crate::config::Config;
use crate::text::Date;
use crate::diagnostics::{suggestion, Diagnostics, Position};
use crate::source::{array_table_offsets, find_key_after, parse_toml, read_text, SourceFile};
use crate::text::slugify;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Begrip {
    pub term: String,
    pub volledig: Option<String>,
    /// One plain sentence: shown on hover/focus and to screen readers where the term is used.
    pub kort: String,
    #[serde(default)]
    pub uitleg: String,
    #[serde(default)]
    pub synoniemen: Vec<String>,
    /// Anchor on /begrippen/, derived from the term.
    #[serde(skip_deserializing)]
    pub id: String,
}

impl Begrip {
    /// The A-Z group of the term on /begrippen/: its first letter, as a capital without accent.
    pub fn letter(&self) -> String {
        let folded = crate::text::fold(&self.term);
        folded.chars().next().filter(char::is_ascii_alphanumeric).map_or('#', |c| c.to_ascii_uppercase()).to_string()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteStap {
    pub titel: String,
    pub wie: String,
    pub waarvoor: String,
    #[serde(default)]
    pub contact: String,
    pub termijn: Option<String>,
    #[serde(default)]
    pub formeel: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaqThema {
    pub key: String,
    pub titel: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vraag {
    pub thema: String,
    pub id: Option<String>,
    pub vraag: String,
    #[serde(default)]
    pub antwoord: String,
    /// The answer rendered from Markdown.
    #[serde(skip_deserializing)]
    pub antwoord_html: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overleg {
    pub datum: Date,
    #[serde(default)]
    pub gemeenten: Vec<String>,
    pub onderwerp: String,
    #[serde(default)]
    pub verslag: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overeenstemmingspunt {
    pub id: String,
    pub tekst: String,
    pub thema: String,
    /// A key of the vocabulary `oogo_status`: `akkoord`, `in bespreking`, `geen overeenstemming`.
    pub status: String,
    pub datum: Option<Date>,
    /// Empty: all gemeenten of the region.
    #[serde(default)]
    pub gemeenten: Vec<String>,
}

impl Overeenstemmingspunt {
    pub fn concerns(&self, gemeente: &str) -> bool {
        self.gemeenten.is_empty() || self.gemeenten.iter().any(|g| g == gemeente)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenVraag {
    pub vraag: String,
    pub thema: String,
    #[serde(default)]
    pub gemeenten: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Oogo {
    #[serde(default)]
    pub overleg: Vec<Overleg>,
    #[serde(default)]
    pub overeenstemmingspunt: Vec<Overeenstemmingspunt>,
    #[serde(default)]
    pub open_vraag: Vec<OpenVraag>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Post {
    pub post: String,
    pub categorie: Option<String>,
    pub bedragen: Vec<i64>,
    /// A correction row may hold negative amounts; on any other row a minus sign is a typo.
    #[serde(default)]
    pub negatief_toegestaan: bool,
}

/// The largest amount a budget row may hold (a thousand billion): far above any SWV's budget,
/// and small enough that sums of millions of rows cannot overflow.
pub const MAX_AMOUNT: i64 = 1_000_000_000_000;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Begroting {
    #[serde(default)]
    pub eenheid: String,
    #[serde(default)]
    pub jaren: Vec<i32>,
    #[serde(default)]
    pub baten: Vec<Post>,
    #[serde(default)]
    pub lasten: Vec<Post>,
    /// The reserve: its state before the first year, the signaleringswaarde and the buffer.
    #[serde(default)]
    pub reserve: Option<Reserve>,
    /// Totals as a source declares them (plans print them; an import finds them): checked
    /// against the rows, never shown. Pages always show the computed totals.
    #[serde(default)]
    pub totalen: Option<Totalen>,
    /// The name readers see for each `categorie` of the lasten (`sbo-so = "Bekostiging sbo, so
    /// en vso"`): a key is never shown.
    #[serde(default)]
    pub categorieen: BTreeMap<String, String>,
}

/// `[reserve]` of begroting.toml: with each year's resultaat it gives the reserve per year
/// (`{{ begroting(soort="reserve") }}`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reserve {
    /// The reserve at 31 December of the year before the first.
    pub begin: i64,
    /// The inspectie's signaleringswaarde for a reserve, as a percentage of the baten (3.5).
    pub signaleringswaarde_procent: Option<f64>,
    /// The signaleringswaarde's floor (for samenwerkingsverbanden € 250.000).
    pub signaleringswaarde_minimum: Option<i64>,
    /// The minimal buffer the risk analysis asks for.
    pub buffer: Option<i64>,
}

/// Declared totals per year of the begroting, with the rounding they may differ by.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Totalen {
    #[serde(default)]
    pub baten: Vec<i64>,
    #[serde(default)]
    pub lasten: Vec<i64>,
    #[serde(default)]
    pub resultaat: Vec<i64>,
    /// How far a declared total may be from the computed one (rounding to thousands: 1000).
    #[serde(default)]
    pub tolerantie: i64,
}

impl Begroting {
    /// What readers see for a categorie: its name from `[categorieen]`, else the key (the
    /// load reports the missing name).
    pub fn categorie_label<'a>(&'a self, key: &'a str) -> &'a str {
        self.categorieen.get(key).map_or(key, String::as_str)
    }

    /// The lasten of year `index` per categorie, in the order the categorieen first appear
    /// (rows without one together as "Overige lasten" at the end).
    pub fn lasten_per_categorie(&self, index: usize) -> Vec<(Option<&str>, i64)> {
        let mut parts: Vec<(Option<&str>, i64)> = Vec::new();
        for p in &self.lasten {
            let amount = p.bedragen.get(index).copied().unwrap_or(0);
            let key = p.categorie.as_deref();
            match parts.iter_mut().find(|(k, _)| *k == key) {
                Some(part) => part.1 = part.1.saturating_add(amount),
                None => parts.push((key, amount)),
            }
        }
        parts.sort_by_key(|(k, _)| k.is_none());
        parts
    }

    /// Per year: the reserve at 31 December, from `[reserve] begin` and the resultaten.
    pub fn reserves(&self) -> Option<Vec<i64>> {
        let mut reserve = self.reserve.as_ref()?.begin;
        Some(self.totals().iter().map(|t| {
            reserve = reserve.saturating_add(t.3);
            reserve
        }).collect())
    }

    /// Per year: the signaleringswaarde, `[reserve] signaleringswaarde_procent` of the baten, in whole euros
    /// (computed in integers: 3.5% is 350 per 10.000).
    pub fn signaleringswaarden(&self) -> Option<Vec<i64>> {
        let reserve = self.reserve.as_ref()?;
        let per_10000 = (reserve.signaleringswaarde_procent? * 100.0).round() as i128;
        let floor = reserve.signaleringswaarde_minimum.unwrap_or(0);
        Some(self.totals().iter().map(|t| ((t.1 as i128 * per_10000 / 10_000) as i64).max(floor)).collect())
    }

    /// Per year: (year, total baten, total lasten, resultaat). Computed, never typed in, so the
    /// published totals always add up. Loading refuses amounts above [`MAX_AMOUNT`], so the
    /// sums cannot overflow; should they all the same, they saturate rather than wrap round
    /// into a wrong sign.
    pub fn totals(&self) -> Vec<(i32, i64, i64, i64)> {
        let sum = |posts: &[Post], i: usize| posts.iter().filter_map(|p| p.bedragen.get(i)).fold(0i64, |total, &a| total.saturating_add(a));
        self.jaren
            .iter()
            .enumerate()
            .map(|(i, y)| {
                let (b, l) = (sum(&self.baten, i), sum(&self.lasten, i));
                (*y, b, l, b.saturating_sub(l))
            })
            .collect()
    }
}

/// A kengetal: its values at the file's peildatum (region, gemeenten, the national figure),
/// and the same figure at other dates (`[[kengetal.reeks]]`), earlier counts or prognoses.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kengetal {
    pub key: String,
    pub label: String,
    pub eenheid: String,
    pub regio: f64,
    /// The national figure at the same date, where one is published (DUO, Ingrado).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub landelijk: Option<f64>,
    /// Where the figure comes from ("DUO, 1 oktober-telling").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bron: Option<String>,
    #[serde(default)]
    pub gemeenten: BTreeMap<String, f64>,
    /// The figure at other dates; the entry at the peildatum is the kengetal itself.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reeks: Vec<Meting>,
}

/// One date of a kengetal's series.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meting {
    pub datum: Date,
    pub regio: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub landelijk: Option<f64>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub gemeenten: BTreeMap<String, f64>,
    /// An expected value, not a count: shown as a prognosis and never as a measurement.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub prognose: bool,
}

/// A point of a series, the kengetal's own values at the peildatum included.
#[derive(Debug, Clone, Copy)]
pub struct Punt<'a> {
    pub datum: Date,
    pub regio: f64,
    pub landelijk: Option<f64>,
    pub gemeenten: &'a BTreeMap<String, f64>,
    pub prognose: bool,
}

impl Kengetal {
    /// Every point of the series in date order: the `reeks` and the peildatum's values.
    pub fn punten(&self, peildatum: Option<Date>) -> Vec<Punt<'_>> {
        let mut punten: Vec<Punt> = self.reeks.iter().map(|m| Punt { datum: m.datum, regio: m.regio, landelijk: m.landelijk, gemeenten: &m.gemeenten, prognose: m.prognose }).collect();
        if let Some(datum) = peildatum {
            punten.push(Punt { datum, regio: self.regio, landelijk: self.landelijk, gemeenten: &self.gemeenten, prognose: false });
        }
        punten.sort_by_key(|p| p.datum);
        punten
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kengetallen {
    pub peildatum: Option<Date>,
    #[serde(default)]
    pub kengetal: Vec<Kengetal>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Doel {
    pub titel: String,
    pub thema: String,
    pub indicator: String,
    pub nulmeting: f64,
    pub nulmeting_jaar: i32,
    pub streefwaarde: f64,
    pub streefjaar: i32,
    pub eenheid: String,
    /// The kengetal that measures this goal: its region values after the nulmeting (not its
    /// prognoses) are the goal's measurements, so a new count needs typing in once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kengetal: Option<String>,
    /// Measurements of a goal no kengetal holds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meting: Vec<DoelMeting>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DoelMeting {
    pub datum: Date,
    pub waarde: f64,
}

/// Where a goal stands at its latest measurement.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Voortgang {
    pub datum: Date,
    pub waarde: f64,
    /// The value the straight line from nulmeting to streefwaarde passes at that date.
    pub verwacht: f64,
    /// `op-koers`, `achter` or `bereikt`: keys of the `voortgang` vocabulary.
    pub status: &'static str,
    /// How much of the way from nulmeting to streefwaarde is done, 0 to 100.
    pub procent_gedaan: f64,
}

impl Doel {
    /// Measurements in date order: the linked kengetal's region values after the nulmeting
    /// year, then the goal's own.
    pub fn metingen(&self, kengetallen: &Kengetallen) -> Vec<DoelMeting> {
        let mut out: Vec<DoelMeting> = Vec::new();
        if let Some(k) = self.kengetal.as_ref().and_then(|key| kengetallen.kengetal.iter().find(|k| &k.key == key)) {
            out.extend(k.punten(kengetallen.peildatum).into_iter().filter(|p| !p.prognose && p.datum.year > self.nulmeting_jaar).map(|p| DoelMeting { datum: p.datum, waarde: p.regio }));
        }
        out.extend(self.meting.iter().cloned());
        out.sort_by_key(|m| m.datum);
        out
    }

    /// The latest measurement against the straight line from nulmeting (in the middle of its
    /// year's autumn count, 1 October) to streefwaarde (1 October of the streefjaar).
    pub fn voortgang(&self, kengetallen: &Kengetallen) -> Option<Voortgang> {
        let last = self.metingen(kengetallen).pop()?;
        let start = Date::new(self.nulmeting_jaar, 10, 1)?.to_days() as f64;
        let end = Date::new(self.streefjaar, 10, 1)?.to_days() as f64;
        let share = if end > start { ((last.datum.to_days() as f64 - start) / (end - start)).clamp(0.0, 1.0) } else { 1.0 };
        let verwacht = self.nulmeting + (self.streefwaarde - self.nulmeting) * share;
        let down = self.streefwaarde < self.nulmeting;
        let reached = if down { last.waarde <= self.streefwaarde } else { last.waarde >= self.streefwaarde };
        let on_track = if down { last.waarde <= verwacht + 1e-9 } else { last.waarde >= verwacht - 1e-9 };
        let span = self.streefwaarde - self.nulmeting;
        let gedaan = if span == 0.0 { 100.0 } else { ((last.waarde - self.nulmeting) / span * 100.0).clamp(0.0, 100.0) };
        Some(Voortgang { datum: last.datum, waarde: last.waarde, verwacht, status: if reached { "bereikt" } else if on_track { "op-koers" } else { "achter" }, procent_gedaan: gedaan })
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Data {
    pub begrippen: Vec<Begrip>,
    pub route: Vec<RouteStap>,
    pub faq_themas: Vec<FaqThema>,
    pub faq: Vec<Vraag>,
    pub oogo: Oogo,
    pub begroting: Begroting,
    pub kengetallen: Kengetallen,
    pub doelen: Vec<Doel>,
    /// Markdown fragments rendered from data (FAQ answers): (source file, page URL, rendered),
    /// so their links are checked like those in pages.
    #[serde(skip)]
    pub fragments: Vec<(String, String, crate::markdown::Rendered)>,
    /// Data files that exist but could not be read or parsed (their errors are reported): the
    /// figures drawn from them are left out without a second error each.
    #[serde(skip)]
    pub broken: Vec<&'static str>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BegrippenFile {
    #[serde(default)]
    begrip: Vec<Begrip>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RouteFile {
    #[serde(default)]
    stap: Vec<RouteStap>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FaqFile {
    #[serde(default)]
    thema: Vec<FaqThema>,
    #[serde(default)]
    vraag: Vec<Vraag>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DoelenFile {
    #[serde(default)]
    doel: Vec<Doel>,
}

/// The totals a begroting declares, against those computed from its rows; the declared
/// resultaat against declared baten minus lasten; years against the planperiode.
fn check_declared_totals(b: &Begroting, file: &SourceFile, config: &Config, diags: &mut Diagnostics) {
    let p = &config.planperiode;
    if let Some(j) = b.jaren.iter().find(|j| **j < p.start || **j > p.eind) {
        diags.error(&file.rel, crate::source::find_key(&file.text, "jaren"), format!("jaar {j} ligt buiten de planperiode {}-{}", p.start, p.eind), "een begroting bij dit plan gaat over de jaren van de planperiode");
    }
    let mut seen = std::collections::BTreeSet::new();
    if let Some(j) = b.jaren.iter().find(|j| !seen.insert(**j)) {
        diags.error(&file.rel, crate::source::find_key(&file.text, "jaren"), format!("jaar {j} staat twee keer in `jaren`"), "noem elk jaar één keer");
    }
    let Some(declared) = &b.totalen else { return };
    let totals = b.totals();
    let at = |key: &str| crate::source::find_key_in(&file.text, "totalen", key);
    let money = crate::text::nl::integer;
    for (key, values, computed) in [
        ("baten", &declared.baten, totals.iter().map(|t| t.1).collect::<Vec<_>>()),
        ("lasten", &declared.lasten, totals.iter().map(|t| t.2).collect()),
        ("resultaat", &declared.resultaat, totals.iter().map(|t| t.3).collect()),
    ] {
        if values.is_empty() {
            continue;
        }
        if values.len() != b.jaren.len() {
            diags.error(&file.rel, at(key), format!("`totalen.{key}` heeft {} bedragen voor {} jaren", values.len(), b.jaren.len()), "geef voor elk jaar in `jaren` één totaal");
            continue;
        }
        for ((year, d), c) in b.jaren.iter().zip(values).zip(&computed) {
            if (d - c).abs() > declared.tolerantie {
                diags.error(&file.rel, at(key), format!("het totaal {key} {year} is opgegeven als {}, maar de regels tellen op tot {} (verschil {})", money(*d), money(*c), money(d - c)), format!("controleer de posten of het totaal; een afrondingsverschil tot {} mag (`tolerantie`)", money(declared.tolerantie)));
            }
        }
    }
    if declared.baten.len() == b.jaren.len() && declared.lasten.len() == b.jaren.len() && declared.resultaat.len() == b.jaren.len() {
        for (i, year) in b.jaren.iter().enumerate() {
            let expected = declared.baten[i] - declared.lasten[i];
            if (declared.resultaat[i] - expected).abs() > declared.tolerantie {
                diags.error(&file.rel, at("resultaat"), format!("het resultaat {year} is opgegeven als {}, maar baten min lasten is {}", money(declared.resultaat[i]), money(expected)), "het resultaat is de baten min de lasten");
            }
        }
    }
}

/// A percentage from 0 to 100; anything else is a typo or a fraction (0.024 for 2,4%).
fn check_percent(value: f64, file: &SourceFile, at: Position, what: &str, diags: &mut Diagnostics) {
    if !(0.0..=100.0).contains(&value) {
        diags.error(&file.rel, at, format!("{what} = {value} is geen percentage tussen 0 en 100"), "schrijf een percentage als getal tussen 0 en 100: 2.4 voor 2,4%");
    }
}

/// Offsets of the `[[<parent>.<child>]]` headers inside the `n`-th `[[<parent>]]` entry.
fn nested_offsets(file: &SourceFile, parent: &str, child: &str, n: usize) -> Vec<usize> {
    let parents = array_table_offsets(&file.text, parent);
    let (from, to) = (parents.get(n).copied().unwrap_or(0), parents.get(n + 1).copied().unwrap_or(usize::MAX));
    array_table_offsets(&file.text, &format!("{parent}.{child}")).into_iter().filter(|o| (from..to).contains(o)).collect()
}

fn doel_meting_offsets(file: &SourceFile, n: usize) -> Vec<usize> {
    nested_offsets(file, "doel", "meting", n)
}

/// A kengetal's series: a date once (the peildatum counts), gemeenten of the region,
/// percentages from 0 to 100, and a peildatum when there is a series at all.
fn check_series(k: &Kengetal, i: usize, all: &Kengetallen, file: &SourceFile, config: &Config, diags: &mut Diagnostics) {
    let percent = k.eenheid == "procent";
    let head = entry_key(file, "kengetal", i, "regio");
    if percent {
        check_percent(k.regio, file, head, &format!("kengetal `{}`: regio", k.key), diags);
        if let Some(l) = k.landelijk {
            check_percent(l, file, entry_key(file, "kengetal", i, "landelijk"), &format!("kengetal `{}`: landelijk", k.key), diags);
        }
        for (g, v) in &k.gemeenten {
            check_percent(*v, file, head, &format!("kengetal `{}`: {g}", k.key), diags);
        }
    }
    if !k.reeks.is_empty() && all.peildatum.is_none() {
        diags.error(&file.rel, entry_key(file, "kengetal", i, "key"), format!("kengetal `{}` heeft een reeks, maar het bestand heeft geen peildatum", k.key), "zet bovenaan content/data/kengetallen.toml peildatum = 2025-10-01: de datum van de waarden bij elk kengetal zelf");
    }
    let offsets = nested_offsets(file, "kengetal", "reeks", i);
    let mut seen: BTreeSet<Date> = all.peildatum.into_iter().collect();
    for (n, m) in k.reeks.iter().enumerate() {
        let from = offsets.get(n).copied().unwrap_or(0);
        let at = |key: &str| find_key_after(&file.text, key, from);
        if !seen.insert(m.datum) {
            let also = if Some(m.datum) == all.peildatum { " (de peildatum: de waarden bij het kengetal zelf)" } else { "" };
            diags.error(&file.rel, at("datum"), format!("kengetal `{}` heeft twee waarden op {}{also}", k.key, m.datum), "geef elke datum één keer; de waarden op de peildatum staan bij het kengetal zelf");
        }
        for g in m.gemeenten.keys() {
            if !config.gemeenten.is_empty() && config.gemeente(g).is_none() {
                diags.error(&file.rel, at("datum"), format!("kengetal `{}` ({}) noemt gemeente `{g}` die niet bij de regio hoort", k.key, m.datum), suggestion(g, config.gemeenten.iter().map(String::as_str)));
            }
        }
        if percent {
            check_percent(m.regio, file, at("regio"), &format!("kengetal `{}` ({}): regio", k.key, m.datum), diags);
            if let Some(l) = m.landelijk {
                check_percent(l, file, at("landelijk"), &format!("kengetal `{}` ({}): landelijk", k.key, m.datum), diags);
            }
            for (g, v) in &m.gemeenten {
                check_percent(*v, file, at("datum"), &format!("kengetal `{}` ({}): {g}", k.key, m.datum), diags);
            }
        }
        if !m.prognose && m.datum > Date::today() {
            diags.error(&file.rel, at("datum"), format!("kengetal `{}`: de waarde op {} ligt in de toekomst maar is geen prognose", k.key, m.datum), "zet prognose = true bij een verwachte waarde, of controleer de datum");
        }
    }
}

/// Read `content/data/<name>` if it exists.
fn read_data<T: serde::de::DeserializeOwned>(root: &Path, name: &str, diags: &mut Diagnostics) -> Option<(T, SourceFile)> {
    let path = crate::layout::SiteLayout::new(root).data_file(name);
    if !crate::source::exists(root, &path, diags) {
        return None;
    }
    let file = read_text(root, &path, diags)?;
    let value = parse_toml(&file.text, &file.rel, 0, diags)?;
    Some((value, file))
}

/// Position of the `n`-th `[[table]]` entry's `key`, for messages about one entry of a list.
fn entry_key(file: &SourceFile, table: &str, n: usize, key: &str) -> Position {
    let offsets = array_table_offsets(&file.text, table);
    offsets.get(n).map(|&from| find_key_after(&file.text, key, from)).unwrap_or(Position::START)
}

pub fn load(root: &Path, config: &Config, link_targets: &BTreeMap<String, String>, diags: &mut Diagnostics) -> Data {
    let mut data = Data::default();

    if let Some((f, file)) = read_data::<BegrippenFile>(root, "begrippen.toml", diags) {
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for (i, mut b) in f.begrip.into_iter().enumerate() {
            b.id = slugify(&b.term);
            if let Some(first) = seen.get(&b.id) {
                diags.error(&file.rel, entry_key(&file, "begrip", i, "term"), format!("begrip `{}` staat er twee keer in (ook als nummer {})", b.term, first + 1), "voeg de uitleg samen in één begrip, of voeg een ander woord toe als synoniem");
                continue;
            }
            if b.kort.trim().is_empty() {
                diags.error(&file.rel, entry_key(&file, "begrip", i, "kort"), format!("begrip `{}` heeft geen korte uitleg (`kort`)", b.term), "schrijf in één zin wat het woord betekent");
            }
            seen.insert(b.id.clone(), i);
            data.begrippen.push(b);
        }
        data.begrippen.sort_by_key(|b| b.term.to_lowercase());
    }

    if let Some((f, file)) = read_data::<RouteFile>(root, "route.toml", diags) {
        for (i, stap) in f.stap.iter().enumerate() {
            if stap.contact.trim().is_empty() {
                diags.error(&file.rel, entry_key(&file, "stap", i, "titel"), format!("stap `{}` heeft geen contact", stap.titel), "schrijf bij `contact` hoe ouders deze persoon of instantie bereiken");
            }
            if stap.formeel && stap.termijn.as_deref().unwrap_or("").trim().is_empty() {
                diags.error(&file.rel, entry_key(&file, "stap", i, "titel"), format!("formele stap `{}` heeft geen termijn", stap.titel), "schrijf bij `termijn` binnen welke tijd ouders bezwaar of een klacht moeten indienen");
            }
        }
        data.route = f.stap;
    }

    if let Some((f, file)) = read_data::<FaqFile>(root, "faq.toml", diags) {
        let keys: Vec<&str> = f.thema.iter().map(|t| t.key.as_str()).collect();
        let mut ids = BTreeSet::new();
        for (i, v) in f.vraag.iter().enumerate() {
            if !keys.contains(&v.thema.as_str()) {
                diags.error(&file.rel, entry_key(&file, "vraag", i, "thema"), format!("vraag `{}` heeft onbekend thema `{}`", v.vraag, v.thema), suggestion(&v.thema, keys.iter().copied()));
            }
            if v.antwoord.trim().is_empty() {
                diags.error(&file.rel, entry_key(&file, "vraag", i, "vraag"), format!("vraag `{}` heeft geen antwoord", v.vraag), "schrijf het antwoord bij `antwoord`");
            }
            let id = v.id.clone().unwrap_or_else(|| slugify(&v.vraag));
            if !ids.insert(id.clone()) {
                diags.error(&file.rel, entry_key(&file, "vraag", i, "id"), format!("het id `{id}` komt twee keer voor"), "geef elke vraag een eigen id");
            }
        }
        data.faq_themas = f.thema;
        let answer_lines: Vec<usize> = array_table_offsets(&file.text, "vraag")
            .iter()
            .map(|&from| find_key_after(&file.text, "antwoord", from).line.saturating_sub(1))
            .collect();
        for (i, mut v) in f.vraag.into_iter().enumerate() {
            v.id.get_or_insert_with(|| slugify(&v.vraag));
            let source = crate::markdown::BodySource { rel: &file.rel, text: &v.antwoord, line_offset: answer_lines.get(i).copied().unwrap_or(0), link_targets };
            let rendered = crate::markdown::render(&source, diags);
            v.antwoord_html = rendered.html.clone();
            data.fragments.push((file.rel.clone(), crate::url::faq(), rendered));
            data.faq.push(v);
        }
    }

    if let Some((oogo, file)) = read_data::<Oogo>(root, "oogo.toml", diags) {
        let themes = &config.vocabulaires.oogo_thema;
        let statuses = &config.vocabulaires.oogo_status;
        let check_gemeenten = |gemeenten: &[String], table: &str, i: usize, diags: &mut Diagnostics| {
            for g in gemeenten {
                if !config.gemeenten.is_empty() && config.gemeente(g).is_none() {
                    diags.error(&file.rel, entry_key(&file, table, i, "gemeenten"), format!("gemeente `{g}` hoort niet bij de regio"), suggestion(g, config.gemeenten.iter().map(String::as_str)));
                }
            }
        };
        for (i, o) in oogo.overleg.iter().enumerate() {
            check_gemeenten(&o.gemeenten, "overleg", i, diags);
        }
        for (i, p) in oogo.overeenstemmingspunt.iter().enumerate() {
            if !themes.contains(&p.thema) {
                diags.error(&file.rel, entry_key(&file, "overeenstemmingspunt", i, "thema"), format!("overeenstemmingspunt `{}` heeft onbekend thema `{}`", p.id, p.thema), suggestion(&p.thema, themes.keys()));
            }
            if !statuses.contains(&p.status) {
                diags.error(&file.rel, entry_key(&file, "overeenstemmingspunt", i, "status"), format!("overeenstemmingspunt `{}` heeft onbekende status `{}`", p.id, p.status), suggestion(&p.status, statuses.keys()));
            }
            check_gemeenten(&p.gemeenten, "overeenstemmingspunt", i, diags);
        }
        for (i, q) in oogo.open_vraag.iter().enumerate() {
            if !themes.contains(&q.thema) {
                diags.error(&file.rel, entry_key(&file, "open_vraag", i, "thema"), format!("open vraag heeft onbekend thema `{}`", q.thema), suggestion(&q.thema, themes.keys()));
            }
            check_gemeenten(&q.gemeenten, "open_vraag", i, diags);
        }
        data.oogo = oogo;
    }

    if let Some((begroting, file)) = read_data::<Begroting>(root, "begroting.toml", diags) {
        for (table, posts) in [("baten", &begroting.baten), ("lasten", &begroting.lasten)] {
            for (i, p) in posts.iter().enumerate() {
                if p.bedragen.len() != begroting.jaren.len() {
                    diags.error(&file.rel, entry_key(&file, table, i, "bedragen"), format!("post `{}` heeft {} bedragen voor {} jaren", p.post, p.bedragen.len(), begroting.jaren.len()), "geef voor elk jaar in `jaren` één bedrag");
                }
                if let Some(a) = p.bedragen.iter().find(|a| a.unsigned_abs() > MAX_AMOUNT as u64) {
                    diags.error(&file.rel, entry_key(&file, table, i, "bedragen"), format!("bedrag {a} bij post `{}` is te groot", p.post), "een bedrag in de begroting is hooguit 1.000.000.000.000; controleer het aantal cijfers");
                }
                if let Some(a) = p.bedragen.iter().find(|a| **a < 0).filter(|_| !p.negatief_toegestaan) {
                    diags.error(
                        &file.rel,
                        entry_key(&file, table, i, "bedragen"),
                        format!("bedrag {a} bij post `{}` is negatief", p.post),
                        "baten en lasten zijn positieve bedragen; is dit een correctie, zet dan `negatief_toegestaan = true` bij deze post",
                    );
                }
            }
        }
        if !begroting.categorieen.is_empty() || begroting.lasten.iter().any(|p| p.categorie.is_some()) {
            let mut named = BTreeSet::new();
            for (i, p) in begroting.lasten.iter().enumerate() {
                if let Some(c) = &p.categorie {
                    if !begroting.categorieen.contains_key(c) && named.insert(c.clone()) {
                        diags.warning(&file.rel, entry_key(&file, "lasten", i, "categorie"), format!("categorie `{c}` heeft geen naam voor lezers"), format!("zet onder [categorieen] {c} = \"<naam zoals lezers die zien>\""));
                    }
                }
            }
        }
        check_declared_totals(&begroting, &file, config, diags);
        data.begroting = begroting;
    }

    if let Some((kengetallen, file)) = read_data::<Kengetallen>(root, "kengetallen.toml", diags) {
        for (i, k) in kengetallen.kengetal.iter().enumerate() {
            for g in k.gemeenten.keys() {
                if !config.gemeenten.is_empty() && config.gemeente(g).is_none() {
                    diags.error(&file.rel, entry_key(&file, "kengetal", i, "key"), format!("kengetal `{}` noemt gemeente `{g}` die niet bij de regio hoort", k.key), suggestion(g, config.gemeenten.iter().map(String::as_str)));
                }
            }
            let sum: f64 = k.gemeenten.values().sum();
            if k.eenheid == "aantal" && !k.gemeenten.is_empty() && (sum - k.regio).abs() > 0.5 {
                diags.warning(&file.rel, entry_key(&file, "kengetal", i, "regio"), format!("kengetal `{}`: de gemeenten tellen op tot {sum}, maar regio = {}", k.key, k.regio), "controleer de aantallen per gemeente of het regiototaal");
            }
            check_series(k, i, &kengetallen, &file, config, diags);
        }
        data.kengetallen = kengetallen;
    }

    if let Some((f, file)) = read_data::<DoelenFile>(root, "doelen.toml", diags) {
        let kengetal_keys: Vec<&str> = data.kengetallen.kengetal.iter().map(|k| k.key.as_str()).collect();
        for (i, d) in f.doel.iter().enumerate() {
            if !config.vocabulaires.oogo_thema.contains(&d.thema) {
                diags.error(&file.rel, entry_key(&file, "doel", i, "thema"), format!("doel `{}` heeft onbekend thema `{}`", d.titel, d.thema), suggestion(&d.thema, config.vocabulaires.oogo_thema.keys()));
            }
            if let Some(key) = &d.kengetal {
                if !kengetal_keys.contains(&key.as_str()) && !data.broken.contains(&"kengetallen.toml") && !diags.has_errors_in(&format!("{}/kengetallen.toml", crate::layout::DATA)) {
                    diags.error(&file.rel, entry_key(&file, "doel", i, "kengetal"), format!("doel `{}` noemt onbekend kengetal `{key}`", d.titel), suggestion(key, kengetal_keys.iter().copied()));
                }
            }
            if d.eenheid == "procent" {
                for (key, v) in [("nulmeting", d.nulmeting), ("streefwaarde", d.streefwaarde)] {
                    check_percent(v, &file, entry_key(&file, "doel", i, key), &format!("doel `{}`: {key}", d.titel), diags);
                }
            }
            let own = doel_meting_offsets(&file, i);
            let mut seen = BTreeSet::new();
            for (n, m) in d.meting.iter().enumerate() {
                let at = own.get(n).map(|&o| find_key_after(&file.text, "datum", o)).unwrap_or(Position::START);
                if !seen.insert(m.datum) {
                    diags.error(&file.rel, at, format!("doel `{}` heeft twee metingen op {}", d.titel, m.datum), "geef elke meting een eigen datum, of verwijder de dubbele");
                }
                if d.eenheid == "procent" {
                    check_percent(m.waarde, &file, at, &format!("doel `{}`: meting {}", d.titel, m.datum), diags);
                }
                if m.datum.year < d.nulmeting_jaar {
                    diags.error(&file.rel, at, format!("doel `{}`: meting {} ligt voor de nulmeting ({})", d.titel, m.datum, d.nulmeting_jaar), "een meting volgt op de nulmeting; controleer het jaar");
                }
            }
        }
        data.doelen = f.doel;
    }
    for (name, loaded) in [("begroting.toml", !data.begroting.jaren.is_empty()), ("kengetallen.toml", !data.kengetallen.kengetal.is_empty()), ("doelen.toml", !data.doelen.is_empty())] {
        if !loaded && diags.has_errors_in(&format!("{}/{name}", crate::layout::DATA)) {
            data.broken.push(name);
        }
    }
    data
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn begrip_letters_fold_like_search() {
        let letter = |term: &str| Begrip { term: term.into(), volledig: None, kort: String::new(), uitleg: String::new(), synoniemen: Vec::new(), id: String::new() }.letter();
        assert_eq!(letter("ééntje"), "E");
        assert_eq!(letter("Ĳsselmeer"), "I");
        assert_eq!(letter("3-jarigen"), "3");
        assert_eq!(letter("'s-Hertogenbosch"), "#");
    }

    #[test]
    fn a_goal_is_on_track_at_or_beyond_the_line_to_its_target() {
        let goal = |waarde: f64, month: u8| Doel {
            titel: "t".into(), thema: "x".into(), indicator: "i".into(), nulmeting: 30.0, nulmeting_jaar: 2025, streefwaarde: 10.0, streefjaar: 2030, eenheid: "aantal".into(), kengetal: None,
            meting: vec![DoelMeting { datum: Date::new(2026, month, 1).unwrap(), waarde }],
        };
        let none = Kengetallen::default();
        // A year after the nulmeting the line is at 26: 26 is on track, 27 behind, 10 reached.
        let v = goal(26.0, 10).voortgang(&none).unwrap();
        assert_eq!((v.status, (v.verwacht * 10.0).round() / 10.0, v.procent_gedaan), ("op-koers", 26.0, 20.0));
        assert_eq!(goal(27.0, 10).voortgang(&none).unwrap().status, "achter");
        assert_eq!(goal(10.0, 4).voortgang(&none).unwrap().status, "bereikt");
        // A goal that goes up.
        let mut up = goal(34.0, 10);
        (up.nulmeting, up.streefwaarde) = (30.0, 50.0);
        assert_eq!(up.voortgang(&none).unwrap().status, "op-koers");
    }

    #[test]
    fn begroting_totals_are_computed() {
        let b = Begroting {
            eenheid: "euro".into(),
            jaren: vec![2026, 2027],
            baten: vec![Post { post: "a".into(), categorie: None, bedragen: vec![10, 20], negatief_toegestaan: false }],
            lasten: vec![Post { post: "b".into(), categorie: None, bedragen: vec![12, 5], negatief_toegestaan: false }, Post { post: "c".into(), categorie: None, bedragen: vec![1, 1], negatief_toegestaan: false }],
            reserve: Some(Reserve { begin: 100, signaleringswaarde_procent: Some(3.5), signaleringswaarde_minimum: Some(1), buffer: None }),
            totalen: None,
            categorieen: BTreeMap::new(),
        };
        assert_eq!(b.totals(), vec![(2026, 10, 13, -3), (2027, 20, 6, 14)]);
        // The reserve follows the resultaten; the signaleringswaarde is 3.5% of the baten in
        // whole euros (0.35 and 0.7 round down), never below its floor.
        assert_eq!(b.reserves(), Some(vec![97, 111]));
        assert_eq!(b.signaleringswaarden(), Some(vec![1, 1]));
    }
}
