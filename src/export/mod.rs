//! The OOGO summary for gemeenten: per gemeente (and for the whole region) what the plan says
//! along the leeswijzer's themes, which voorzieningen lie there, the figures, the
//! overeenstemmingspunten and the completeness check. One [`Summary`] feeds every format: the
//! `/oogo/<gemeente>/` page and `passend export oogo` (html, md, odt, docx, csv, json).

use crate::data::{Doel, OpenVraag, Overeenstemmingspunt};
use crate::text::nl;
use crate::site::Site;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub titel: String,
    /// None for the summary of the whole region.
    pub gemeente: Option<String>,
    /// File and URL name: the gemeente's slug, or `regio`.
    pub slug: String,
    pub kerngegevens: Kerngegevens,
    pub themas: Vec<ThemaSummary>,
    pub voorzieningen: Vec<Voorzieningen>,
    /// Special schools (sbo, so, vso) elsewhere in the region that pupils from here may travel to.
    pub speciale_scholen_elders: Vec<SchoolRef>,
    /// The expertise of the schools here (specialists, trainings), as their profiles name it:
    /// what a gemeente's jeugdhulp can build on.
    pub expertise: Vec<SchoolExpertise>,
    pub kengetallen: Vec<KengetalRegel>,
    pub kengetallen_peildatum: Option<String>,
    pub begroting: Vec<BegrotingJaar>,
    pub overeenstemmingspunten: Vec<Overeenstemmingspunt>,
    pub open_vragen: Vec<OpenVraag>,
    pub volledigheid: Vec<Onderdeel>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Kerngegevens {
    pub swv: String,
    pub code: String,
    pub sector: String,
    pub regio: String,
    pub planperiode: String,
    pub status: String,
    pub vastgesteld: Option<String>,
    pub gemeenten: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HoofdstukRef {
    pub titel: String,
    pub samenvatting: String,
    /// Absolute URL on the published site.
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ThemaSummary {
    pub key: String,
    pub label: String,
    pub bespreekpunten: Vec<String>,
    pub hoofdstukken: Vec<HoofdstukRef>,
    pub overeenstemmingspunten: Vec<Overeenstemmingspunt>,
    pub doelen: Vec<Doel>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SchoolRef {
    pub id: String,
    pub naam: String,
    pub plaats: String,
    pub gemeente: String,
    pub onderwijstype: String,
    pub niveau: String,
    pub url: String,
}

/// One school's expertise.
#[derive(Debug, Clone, Serialize)]
pub struct SchoolExpertise {
    pub naam: String,
    pub plaats: String,
    pub expertise: Vec<String>,
}

/// Schools offering `extra` or `arrangement` for one kind of need.
#[derive(Debug, Clone, Serialize)]
pub struct Voorzieningen {
    pub key: String,
    pub label: String,
    pub scholen: Vec<SchoolRef>,
    /// Named voorzieningen (plusklas, rebound, ...) at those schools serving this need.
    pub arrangementen: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct KengetalRegel {
    pub label: String,
    pub eenheid: String,
    pub gemeente: Option<String>,
    pub regio: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct BegrotingJaar {
    pub jaar: i32,
    pub baten: String,
    pub lasten: String,
    pub resultaat: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Onderdeel {
    pub key: String,
    pub label: String,
    pub hoofdstukken: Vec<String>,
    pub gedekt: bool,
}

fn format_value(value: f64, eenheid: &str) -> String {
    if eenheid == "procent" {
        nl::percent(value)
    } else if value.fract() == 0.0 {
        nl::integer(value as i64)
    } else {
        nl::decimal(value, 1)
    }
}

/// The summary for `gemeente` (as spelled in the config), or for the whole region.
pub fn summary(site: &Site, gemeente: Option<&str>) -> Summary {
    let c = &site.config;
    let vocab = &c.vocabulaires;
    let base = c.base_url.trim_end_matches('/');
    let concerns = |gs: &[String]| gemeente.is_none_or(|g| gs.is_empty() || gs.iter().any(|x| x == g));
    let punten: Vec<Overeenstemmingspunt> = site.data.oogo.overeenstemmingspunt.iter().filter(|p| concerns(&p.gemeenten)).cloned().collect();

    let themas = vocab
        .oogo_thema
        .iter()
        .map(|t| ThemaSummary {
            key: t.key.clone(),
            label: t.label.clone(),
            bespreekpunten: t.bespreekpunten.clone(),
            hoofdstukken: site
                .chapters
                .iter()
                .filter(|ch| ch.oogo.contains(&t.key))
                .map(|ch| HoofdstukRef { titel: ch.title.clone(), samenvatting: ch.samenvatting.clone(), url: format!("{base}{}", ch.url) })
                .collect(),
            overeenstemmingspunten: punten.iter().filter(|p| p.thema == t.key).cloned().collect(),
            doelen: site.data.doelen.iter().filter(|d| d.thema == t.key).cloned().collect(),
        })
        .collect();

    let in_scope = |school_gemeente: &str| gemeente.is_none_or(|g| g == school_gemeente);
    let school_ref = |s: &crate::school::School, kind: &str| SchoolRef {
        id: s.id.clone(),
        naam: s.naam.clone(),
        plaats: s.adres.plaats.clone(),
        gemeente: s.gemeente.clone(),
        onderwijstype: vocab.onderwijstype.label(&s.onderwijstype).to_string(),
        niveau: vocab.niveau.label(s.level(kind)).to_string(),
        url: format!("{base}{}", s.url),
    };
    let voorzieningen = vocab
        .ondersteuning
        .iter()
        .map(|kind| {
            let schools: Vec<&crate::school::School> = site.schools.iter().filter(|s| in_scope(&s.gemeente) && s.offers_more_than_basis(&kind.key)).collect();
            let mut arrangementen: Vec<String> = site
                .schools
                .iter()
                .filter(|s| in_scope(&s.gemeente))
                .flat_map(|s| s.voorzieningen.iter().filter(|v| v.ondersteuning.contains(&kind.key)).map(move |v| format!("{} ({})", v.naam, s.naam)))
                .collect();
            arrangementen.sort();
            Voorzieningen { key: kind.key.clone(), label: kind.label.clone(), scholen: schools.iter().map(|s| school_ref(s, &kind.key)).collect(), arrangementen }
        })
        .collect();
    let speciale_scholen_elders = match gemeente {
        Some(g) => site
            .schools
            .iter()
            .filter(|s| s.gemeente != g && vocab.is_special(&s.onderwijstype))
            .map(|s| SchoolRef { niveau: String::new(), ..school_ref(s, "") })
            .collect(),
        None => Vec::new(),
    };

    let expertise = site
        .schools
        .iter()
        .filter(|s| in_scope(&s.gemeente) && !s.expertise.is_empty())
        .map(|s| SchoolExpertise { naam: s.naam.clone(), plaats: s.adres.plaats.clone(), expertise: s.expertise.clone() })
        .collect();
    let kengetallen = site
        .data
        .kengetallen
        .kengetal
        .iter()
        .map(|k| KengetalRegel {
            label: k.label.clone(),
            eenheid: k.eenheid.clone(),
            gemeente: gemeente.and_then(|g| k.gemeenten.get(g)).map(|v| format_value(*v, &k.eenheid)),
            regio: format_value(k.regio, &k.eenheid),
        })
        .collect();
    let begroting = site
        .data
        .begroting
        .totals()
        .into_iter()
        .map(|(jaar, b, l, r)| BegrotingJaar { jaar, baten: nl::euro(b), lasten: nl::euro(l), resultaat: nl::euro(r) })
        .collect();
    let volledigheid = c
        .required_elements()
        .map(|e| {
            let hoofdstukken: Vec<String> = site.chapters.iter().filter(|ch| ch.wettelijke_onderdelen.contains(&e.key)).map(|ch| ch.title.clone()).collect();
            Onderdeel { key: e.key.clone(), label: e.label.clone(), gedekt: !hoofdstukken.is_empty(), hoofdstukken }
        })
        .collect();

    let wie = gemeente.map(|g| format!("gemeente {g}")).unwrap_or_else(|| format!("de regio {}", c.regio));
    Summary {
        titel: format!("OOGO-samenvatting ondersteuningsplan {}-{} voor {wie}", c.planperiode.start, c.planperiode.eind),
        gemeente: gemeente.map(str::to_string),
        slug: gemeente.map(crate::text::slugify).unwrap_or_else(|| "regio".into()),
        kerngegevens: Kerngegevens {
            swv: c.naam.clone(),
            code: c.code.clone(),
            sector: site.strings[&c.taal][c.sector.string_key()].clone(),
            regio: c.regio.clone(),
            planperiode: format!("{}-{}", c.planperiode.start, c.planperiode.eind),
            status: c.planperiode.status.clone(),
            vastgesteld: c.planperiode.vastgesteld.map(|d| d.to_dutch()),
            gemeenten: c.gemeenten.clone(),
        },
        themas,
        voorzieningen,
        speciale_scholen_elders,
        expertise,
        kengetallen,
        kengetallen_peildatum: site.data.kengetallen.peildatum.map(|d| d.to_dutch()),
        begroting,
        overeenstemmingspunten: punten,
        open_vragen: site.data.oogo.open_vraag.iter().filter(|q| concerns(&q.gemeenten)).cloned().collect(),
        volledigheid,
    }
}

/// One summary per gemeente, then the one for the region.
pub fn all_summaries(site: &Site) -> Vec<Summary> {
    let mut all: Vec<Summary> = site.config.gemeenten.iter().map(|g| summary(site, Some(g))).collect();
    all.push(summary(site, None));
    all
}

/// The stylesheet the HTML export links to (a theme asset), written beside it by `export oogo`
/// (the export page links it as `url::relative` to itself).
pub fn stylesheet() -> String {
    crate::url::output_file(&crate::url::oogo_stylesheet())
}

/// What `passend export oogo --gemeente G --format F` asks for: the gemeenten (as spelled in
/// the config; `None` for the region), then the formats. Without `--gemeente`, every gemeente
/// and the region; without `--format`, every format.
#[allow(clippy::type_complexity)]
pub fn select(config: &crate::config::Config, gemeente: Option<&str>, format: Option<&str>) -> Result<(Vec<Option<String>>, Vec<&'static str>), String> {
    let gemeenten: Vec<Option<String>> = match gemeente {
        Some(name) => match config.gemeente(name) {
            Some(g) => vec![Some(g.to_string())],
            None if crate::text::slugify(name) == "regio" => vec![None],
            None => {
                let hint = crate::diagnostics::suggestion(name, config.gemeenten.iter().map(String::as_str));
                return Err(format!("gemeente `{name}` hoort niet bij de regio; {hint} (gemeenten: {}, of `regio` voor de hele regio)", config.gemeenten.join(", ")));
            }
        },
        None => config.gemeenten.iter().map(|g| Some(g.clone())).chain([None]).collect(),
    };
    let formats: Vec<&'static str> = match format {
        Some(f) => match FORMATS.iter().find(|known| **known == f) {
            Some(known) => vec![*known],
            None => return Err(format!("onbekend formaat `{f}`; {}", crate::diagnostics::suggestion(f, FORMATS))),
        },
        None => FORMATS.to_vec(),
    };
    Ok((gemeenten, formats))
}

pub mod document;
pub mod docx;
pub mod odt;

use document::{Block, Document, Inline};

/// The formats `passend export oogo --format` knows, in the order the site offers them.
pub const FORMATS: [&str; 6] = ["html", "md", "odt", "docx", "csv", "json"];

/// Output path of one exported file, relative to the site (or `--output`) root.
pub fn file_name(summary: &Summary, format: &str) -> String {
    crate::url::output_file(&crate::url::oogo_file(&summary.slug, format))
}

/// The summary as a document: the same headings, in the same order, in every format.
pub fn document(s: &Summary) -> Document {
    let mut d = Document { title: s.titel.clone(), blocks: Vec::new() };
    d.heading(1, &s.titel);
    d.heading(2, "Kerngegevens");
    let k = &s.kerngegevens;
    d.list(vec![
        vec![Inline::bold("Samenwerkingsverband: "), Inline::text(format!("{} ({})", k.swv, k.code))],
        vec![Inline::bold("Sector: "), Inline::text(&k.sector)],
        vec![Inline::bold("Planperiode: "), Inline::text(&k.planperiode)],
        vec![Inline::bold("Status van het plan: "), Inline::text(match &k.vastgesteld {
            Some(d) => format!("{} op {d}", k.status),
            None => k.status.clone(),
        })],
        vec![Inline::bold("Gemeenten in de regio: "), Inline::text(k.gemeenten.join(", "))],
    ]);
    d.heading(2, "Het plan per thema");
    for (i, t) in s.themas.iter().enumerate() {
        d.blocks.push(Block::PageBreak);
        d.heading(3, format!("{}. {}", i + 1, t.label));
        if t.hoofdstukken.is_empty() {
            d.text("Het plan zegt hier niets over.");
        }
        d.list(t.hoofdstukken.iter().map(|h| vec![Inline::link(&h.titel, &h.url), Inline::text(format!(": {}", h.samenvatting))]).collect());
        if !t.doelen.is_empty() {
            d.paragraph(vec![Inline::bold("Doelen")]);
            d.list(
                t.doelen
                    .iter()
                    .map(|doel| vec![Inline::text(format!("{}: {} ({} in {}, doel {} in {})", doel.titel, doel.indicator, format_value(doel.nulmeting, &doel.eenheid), doel.nulmeting_jaar, format_value(doel.streefwaarde, &doel.eenheid), doel.streefjaar))])
                    .collect(),
            );
        }
        if !t.overeenstemmingspunten.is_empty() {
            d.paragraph(vec![Inline::bold("Afspraken")]);
            d.list(t.overeenstemmingspunten.iter().map(|p| vec![Inline::text(format!("{} ({})", p.tekst, p.status))]).collect());
        }
        d.paragraph(vec![Inline::bold("Om te bespreken")]);
        d.list(t.bespreekpunten.iter().map(|b| vec![Inline::text(b)]).collect());
    }
    d.blocks.push(Block::PageBreak);
    let waar = s.gemeente.as_ref().map(|g| format!(" in {g}")).unwrap_or_default();
    d.heading(2, format!("Voorzieningen voor extra ondersteuning{waar}"));
    d.text("Scholen die extra ondersteuning of een arrangement bieden, per soort ondersteuning. Belangrijk voor leerlingenvervoer en huisvesting.");
    d.table(
        "Scholen met extra ondersteuning",
        vec!["Ondersteuning", "Scholen", "Voorzieningen"],
        s.voorzieningen
            .iter()
            .map(|v| {
                let scholen = if v.scholen.is_empty() { "geen".to_string() } else { v.scholen.iter().map(|x| format!("{} ({}, {})", x.naam, x.plaats, x.niveau.to_lowercase())).collect::<Vec<_>>().join("; ") };
                vec![v.label.clone(), scholen, v.arrangementen.join("; ")]
            })
            .collect(),
    );
    if !s.speciale_scholen_elders.is_empty() {
        d.text(format!(
            "Speciale scholen elders in de regio: {}.",
            s.speciale_scholen_elders.iter().map(|x| format!("{} ({}, {})", x.naam, x.onderwijstype, x.plaats)).collect::<Vec<_>>().join("; ")
        ));
    }
    if !s.expertise.is_empty() {
        d.text("Expertise op de scholen, zoals zij die in hun profiel noemen:");
        d.list(s.expertise.iter().map(|e| vec![Inline::text(format!("{} ({}): {}", e.naam, e.plaats, e.expertise.join(", ")))]).collect());
    }
    if !s.kengetallen.is_empty() || !s.begroting.is_empty() {
        d.heading(2, "Cijfers");
        if !s.kengetallen.is_empty() {
            let peildatum = s.kengetallen_peildatum.as_ref().map(|p| format!(" op {p}")).unwrap_or_default();
            match &s.gemeente {
                Some(g) => d.table(
                    format!("Kengetallen{peildatum}"),
                    vec!["Kengetal", g.as_str(), "Regio"],
                    s.kengetallen.iter().map(|k| vec![k.label.clone(), k.gemeente.clone().unwrap_or_else(|| "onbekend".into()), k.regio.clone()]).collect(),
                ),
                None => d.table(format!("Kengetallen{peildatum}"), vec!["Kengetal", "Regio"], s.kengetallen.iter().map(|k| vec![k.label.clone(), k.regio.clone()]).collect()),
            }
        }
        if !s.begroting.is_empty() {
            d.table(
                "Meerjarenbegroting van het samenwerkingsverband (hele regio)",
                vec!["Jaar", "Baten", "Lasten", "Resultaat"],
                s.begroting.iter().map(|b| vec![b.jaar.to_string(), b.baten.clone(), b.lasten.clone(), b.resultaat.clone()]).collect(),
            );
        }
    }
    d.heading(2, "Overeenstemmingspunten");
    if s.overeenstemmingspunten.is_empty() {
        d.text("Er zijn nog geen overeenstemmingspunten.");
    } else {
        d.table(
            "Afspraken",
            vec!["Punt", "Thema", "Status", "Datum"],
            s.overeenstemmingspunten.iter().map(|p| vec![p.tekst.clone(), p.thema.clone(), p.status.clone(), p.datum.map(|x| x.to_dutch()).unwrap_or_default()]).collect(),
        );
    }
    if !s.open_vragen.is_empty() {
        d.paragraph(vec![Inline::bold("Open vragen")]);
        d.list(s.open_vragen.iter().map(|q| vec![Inline::text(format!("{} ({})", q.vraag, q.thema))]).collect());
    }
    d.heading(2, "Volledigheid van het plan");
    d.table(
        "Wettelijk verplichte onderdelen",
        vec!["Onderdeel", "Hoofdstukken", "Aanwezig"],
        s.volledigheid.iter().map(|o| vec![o.label.clone(), o.hoofdstukken.join(", "), if o.gedekt { "ja".into() } else { "nee".into() }]).collect(),
    );
    d
}

/// The structured parts as CSV for a spreadsheet: semicolon-separated with a byte order mark,
/// which is what Excel with Dutch settings opens correctly.
pub fn csv(s: &Summary) -> String {
    let mut rows: Vec<[String; 6]> = vec![["soort", "thema", "onderwerp", "waarde", "status", "datum"].map(String::from)];
    for v in &s.voorzieningen {
        for school in &v.scholen {
            rows.push(["school met extra ondersteuning".into(), v.label.clone(), school.naam.clone(), format!("{}, {}", school.plaats, school.gemeente), school.niveau.clone(), String::new()]);
        }
    }
    for e in &s.expertise {
        rows.push(["expertise op school".into(), String::new(), e.naam.clone(), e.plaats.clone(), e.expertise.join(", "), String::new()]);
    }
    for p in &s.overeenstemmingspunten {
        rows.push(["overeenstemmingspunt".into(), p.thema.clone(), p.tekst.clone(), p.gemeenten.join(", "), p.status.clone(), p.datum.map(|d| d.to_string()).unwrap_or_default()]);
    }
    for k in &s.kengetallen {
        rows.push(["kengetal".into(), String::new(), k.label.clone(), k.gemeente.clone().unwrap_or_else(|| k.regio.clone()), String::new(), String::new()]);
    }
    for o in &s.volledigheid {
        rows.push(["wettelijk onderdeel".into(), String::new(), o.label.clone(), o.hoofdstukken.join(", "), if o.gedekt { "aanwezig".into() } else { "ontbreekt".into() }, String::new()]);
    }
    let mut out = String::from("\u{feff}");
    for row in rows {
        out.push_str(&row.iter().map(|f| crate::text::csv::cell(f, ';')).collect::<Vec<_>>().join(";"));
        out.push_str("\r\n");
    }
    out
}

/// Every non-HTML export file of `summary` (HTML goes through the theme's templates).
pub fn files(summary: &Summary) -> Vec<(String, Vec<u8>)> {
    let doc = document(summary);
    vec![
        (file_name(summary, "md"), doc.to_markdown().into_bytes()),
        (file_name(summary, "odt"), odt::write(&doc)),
        (file_name(summary, "docx"), docx::write(&doc)),
        (file_name(summary, "csv"), csv(summary).into_bytes()),
        (file_name(summary, "json"), serde_json::to_string_pretty(summary).expect("summary serializes").into_bytes()),
    ]
}
