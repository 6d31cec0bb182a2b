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

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kengetal {
    pub key: String,
    pub label: String,
    pub eenheid: String,
    pub regio: f64,
    #[serde(default)]
    pub gemeenten: BTreeMap<String, f64>,
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
        }
        data.kengetallen = kengetallen;
    }

    if let Some((f, file)) = read_data::<DoelenFile>(root, "doelen.toml", diags) {
        for (i, d) in f.doel.iter().enumerate() {
            if !config.vocabulaires.oogo_thema.contains(&d.thema) {
                diags.error(&file.rel, entry_key(&file, "doel", i, "thema"), format!("doel `{}` heeft onbekend thema `{}`", d.titel, d.thema), suggestion(&d.thema, config.vocabulaires.oogo_thema.keys()));
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
    fn begroting_totals_are_computed() {
        let b = Begroting {
            eenheid: "euro".into(),
            jaren: vec![2026, 2027],
            baten: vec![Post { post: "a".into(), categorie: None, bedragen: vec![10, 20], negatief_toegestaan: false }],
            lasten: vec![Post { post: "b".into(), categorie: None, bedragen: vec![12, 5], negatief_toegestaan: false }, Post { post: "c".into(), categorie: None, bedragen: vec![1, 1], negatief_toegestaan: false }],
            reserve: Some(Reserve { begin: 100, signaleringswaarde_procent: Some(3.5), signaleringswaarde_minimum: Some(1), buffer: None }),
            totalen: None,
        };
        assert_eq!(b.totals(), vec![(2026, 10, 13, -3), (2027, 20, 6, 14)]);
        // The reserve follows the resultaten; the signaleringswaarde is 3.5% of the baten in
        // whole euros (0.35 and 0.7 round down), never below its floor.
        assert_eq!(b.reserves(), Some(vec![97, 111]));
        assert_eq!(b.signaleringswaarden(), Some(vec![1, 1]));
    }
}
