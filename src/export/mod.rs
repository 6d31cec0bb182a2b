//! The OOGO summary for gemeenten: per gemeente (and for the whole region) what the plan says
//! along the leeswijzer's themes, which voorzieningen lie there, the figures, the
//! overeenstemmingspunten and the completeness check. One [`Summary`] feeds every format: the
//! `/oogo/<gemeente>/` page and `passend export oogo` (html, md, odt, docx, csv, json).

use crate::text::nl;
use crate::site::Site;
use serde::Serialize;
use std::sync::Arc;

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub titel: String,
    /// None for the summary of the whole region.
    pub gemeente: Option<String>,
    /// File and URL name: the gemeente's slug, or `regio`.
    pub slug: String,
    /// What the title page shows.
    pub omslag: Omslag,
    pub kerngegevens: Kerngegevens,
    pub themas: Vec<ThemaSummary>,
    pub voorzieningen: Vec<Voorzieningen>,
    /// Where pupils from here go for special education and bovenschoolse voorzieningen, in and
    /// outside the gemeente, with the facts the leerlingenvervoer plans with. Only the
    /// gemeente's own when `reisdoelen_elders` counts the others.
    pub reisdoelen: Vec<Reisdoel>,
    /// The places outside the gemeente counted per gemeente, when there are more than
    /// [`MAX_REISDOELEN_ELDERS`] of them; empty otherwise (and for the region).
    pub reisdoelen_elders: Vec<ReisdoelenElders>,
    /// Why they are counted instead of listed, and where they are listed, when they are.
    pub reisdoelen_elders_uitleg: Option<String>,
    /// The expertise of the schools here (specialists, trainings), as their profiles name it:
    /// what a gemeente's jeugdhulp can build on.
    pub expertise: Vec<SchoolExpertise>,
    pub kengetallen: Vec<KengetalRegel>,
    pub kengetallen_peildatum: Option<String>,
    /// The sources the kengetallen name, each once.
    pub kengetallen_bronnen: Vec<String>,
    /// Totals per year of the begroting in force (after the vastgesteld addenda).
    pub begroting: Vec<BegrotingJaar>,
    /// Its rows, baten then lasten, with the amounts per year in `begroting_jaren`.
    pub begroting_posten: Vec<BegrotingPost>,
    pub begroting_jaren: Vec<i32>,
    pub overeenstemmingspunten: Vec<Afspraak>,
    pub open_vragen: Vec<Vraag>,
    pub volledigheid: Vec<Onderdeel>,
}

/// The title page: who sends the document, to whom, about which plan, for which meeting.
#[derive(Debug, Clone, Serialize)]
pub struct Omslag {
    pub swv: String,
    /// "Samenvatting voor de gemeente Rietmeer".
    pub ondertitel: String,
    pub planperiode: String,
    /// "Concept" or "Vastgesteld op 1 juli 2026".
    pub status: String,
    /// The OOGO meeting this document is for: the latest in oogo.toml that concerns the
    /// gemeente, in words, with its subject.
    pub overleg: Option<String>,
    pub overleg_onderwerp: Option<String>,
    /// The logo's file name in `static/` (`stijl.logo`), and its bytes for ODT and DOCX.
    pub logo: Option<String>,
    #[serde(skip)]
    pub logo_bytes: Option<Vec<u8>>,
    /// The style tokens the documents take their colours and font from.
    pub kleur: String,
    pub accent: String,
    pub lettertype: String,
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

/// A section of the plan tagged for a theme, quoted in the text in force.
#[derive(Debug, Clone, Serialize)]
pub struct Citaat {
    /// The chapter's title.
    pub hoofdstuk: String,
    pub titel: String,
    /// Absolute URL of the section on the published site.
    pub url: String,
    /// The section's own text, then its subsections with their titles.
    pub delen: Vec<CitaatDeel>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CitaatDeel {
    pub titel: Option<String>,
    pub alineas: Vec<crate::markdown::Alinea>,
    /// The same paragraphs with consecutive list items together, for the HTML's lists.
    pub blokken: Vec<Blok>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Blok {
    pub lijst: bool,
    pub items: Vec<String>,
}

impl CitaatDeel {
    fn new(titel: Option<String>, alineas: &[crate::markdown::Alinea]) -> CitaatDeel {
        let mut blokken: Vec<Blok> = Vec::new();
        for a in alineas {
            match blokken.last_mut() {
                Some(b) if b.lijst && a.lijst => b.items.push(a.tekst.clone()),
                _ => blokken.push(Blok { lijst: a.lijst, items: vec![a.tekst.clone()] }),
            }
        }
        CitaatDeel { titel, alineas: alineas.to_vec(), blokken }
    }
}

/// An overeenstemmingspunt as a reader sees it: the labels of its theme and status.
#[derive(Debug, Clone, Serialize)]
pub struct Afspraak {
    pub id: String,
    pub tekst: String,
    /// The key of the theme and status (for links and styling, never shown).
    pub thema: String,
    pub status: String,
    pub thema_label: String,
    pub status_label: String,
    /// "19 maart 2026".
    pub datum: Option<String>,
    /// 2026-03-19, for the CSV.
    pub datum_iso: Option<String>,
    pub gemeenten: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Vraag {
    pub vraag: String,
    pub thema: String,
    pub thema_label: String,
}

/// A goal of the plan with its units: "58% in 2025, doel 100% in 2028".
#[derive(Debug, Clone, Serialize)]
pub struct DoelRegel {
    pub titel: String,
    pub indicator: String,
    pub nulmeting: String,
    pub nulmeting_jaar: i32,
    pub streefwaarde: String,
    pub streefjaar: i32,
    /// "71% op 1 juni 2026": the latest measurement, if any.
    pub laatste: Option<String>,
    /// The label of the `voortgang` vocabulary for that measurement.
    pub voortgang: Option<String>,
    /// The whole line in words, as every format shows it.
    pub tekst: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ThemaSummary {
    pub key: String,
    pub label: String,
    pub bespreekpunten: Vec<String>,
    /// The chapters tagged with the theme in their front matter.
    pub hoofdstukken: Arc<Vec<HoofdstukRef>>,
    /// The sections tagged with the theme (`{oogo=...}` at a heading), in force.
    pub secties: Arc<Vec<Citaat>>,
    pub overeenstemmingspunten: Vec<Afspraak>,
    pub open_vragen: Vec<Vraag>,
    pub doelen: Vec<DoelRegel>,
    /// The kengetallen the theme's goals are measured by, for this gemeente.
    pub cijfers: Vec<KengetalRegel>,
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

/// A school or voorziening pupils travel to.
#[derive(Debug, Clone, Serialize)]
pub struct Reisdoel {
    pub naam: String,
    /// A special school (else a voorziening at a school).
    pub school: bool,
    /// The school type's label, or "voorziening" with its host school.
    pub soort: String,
    pub adres: String,
    pub plaats: String,
    pub gemeente: String,
    /// In the summary's own gemeente.
    pub hier: bool,
    pub voor_wie: String,
    pub rolstoel: bool,
    pub url: String,
}

/// The most places outside a gemeente its summary lists one by one. A real region has a few
/// dozen special schools and voorzieningen, and a gemeente plans its leerlingenvervoer with
/// every one of them. A regional or national portal has thousands: listed in each of its 250
/// gemeenten' documents they made 270 kB of every document and 740 MB of a national build's
/// 1.2 GB (issue 18). Above this number each other gemeente gets one row with its counts and a
/// link to its own summary, which lists its places with their address.
pub const MAX_REISDOELEN_ELDERS: usize = 100;

/// The special schools and voorzieningen of one other gemeente, counted, with the link to the
/// summary that lists them.
#[derive(Debug, Clone, Serialize)]
pub struct ReisdoelenElders {
    pub gemeente: String,
    pub speciale_scholen: usize,
    pub voorzieningen: usize,
    /// The places in the gemeente's own summary on the site (`/oogo/<slug>/#voorzieningen`).
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
    pub landelijk: Option<String>,
    pub bron: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BegrotingJaar {
    pub jaar: i32,
    pub baten: String,
    pub lasten: String,
    pub resultaat: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct BegrotingPost {
    /// "Baten" or "Lasten".
    pub kant: String,
    pub post: String,
    pub bedragen: Vec<String>,
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

/// The first font family of a CSS font stack that an office application can name (a generic
/// family or a system alias means nothing there).
fn office_font(stack: &str) -> String {
    const GENERIC: [&str; 9] = ["system-ui", "-apple-system", "blinkmacsystemfont", "ui-sans-serif", "ui-serif", "sans-serif", "serif", "monospace", "inherit"];
    stack
        .split(',')
        .map(|f| f.trim().trim_matches(|c| c == '\'' || c == '"').to_string())
        .find(|f| !f.is_empty() && !GENERIC.contains(&f.to_lowercase().as_str()))
        .unwrap_or_else(|| "Liberation Sans".into())
}

/// The sections of `chapter` tagged with `theme`, each with its subsections (a subsection inside
/// a tagged section is not quoted twice).
fn citaten(chapter: &crate::content::Chapter, theme: &str, base: &str) -> Vec<Citaat> {
    let sections = &chapter.body.sections;
    let mut out = Vec::new();
    let mut i = 0;
    while i < sections.len() {
        let s = &sections[i];
        if !s.oogo.iter().any(|k| k == theme) {
            i += 1;
            continue;
        }
        let mut delen = vec![CitaatDeel::new(None, &s.alineas)];
        let mut j = i + 1;
        while j < sections.len() && sections[j].level > s.level {
            delen.push(CitaatDeel::new(Some(sections[j].title.clone()), &sections[j].alineas));
            j += 1;
        }
        out.push(Citaat { hoofdstuk: chapter.title.clone(), titel: s.title.clone(), url: format!("{base}{}#{}", chapter.url, s.id), delen });
        i = j;
    }
    out
}

/// The name of the summary of `gemeente` (or of the region) in its URL and files.
pub fn summary_slug(gemeente: Option<&str>) -> String {
    gemeente.map(crate::text::slugify).unwrap_or_else(|| "regio".into())
}

/// What the plan says per OOGO theme (in the order of the vocabulary): the chapters tagged
/// with it and the sections it quotes. The same for every gemeente, so made once and shared by
/// all summaries (on a national site they quote thousands of sections 251 times).
type PlanPerThema = Vec<(Arc<Vec<HoofdstukRef>>, Arc<Vec<Citaat>>)>;

fn plan_per_thema(site: &Site) -> PlanPerThema {
    let base = site.config.base_url.trim_end_matches('/');
    site.config
        .vocabulaires
        .oogo_thema
        .iter()
        .map(|t| {
            let hoofdstukken = site
                .chapters
                .iter()
                .filter(|ch| ch.oogo.contains(&t.key))
                .map(|ch| HoofdstukRef { titel: ch.title.clone(), samenvatting: ch.samenvatting.clone(), url: format!("{base}{}", ch.url) })
                .collect();
            (Arc::new(hoofdstukken), Arc::new(site.chapters.iter().flat_map(|ch| citaten(ch, &t.key, base)).collect()))
        })
        .collect()
}

/// The summary for `gemeente` (as spelled in the config), or for the whole region.
fn summary(site: &Site, plan: &PlanPerThema, gemeente: Option<&str>) -> Summary {
    let c = &site.config;
    let vocab = &c.vocabulaires;
    let base = c.base_url.trim_end_matches('/');
    let concerns = |gs: &[String]| gemeente.is_none_or(|g| gs.is_empty() || gs.iter().any(|x| x == g));
    let punten: Vec<Afspraak> = site
        .data
        .oogo
        .overeenstemmingspunt
        .iter()
        .filter(|p| concerns(&p.gemeenten))
        .map(|p| Afspraak {
            id: p.id.clone(),
            tekst: p.tekst.clone(),
            thema: p.thema.clone(),
            status: p.status.clone(),
            thema_label: vocab.oogo_thema.label(&p.thema).to_string(),
            status_label: vocab.oogo_status.label(&p.status).to_string(),
            datum: p.datum.map(|d| d.to_dutch()),
            datum_iso: p.datum.map(|d| d.to_string()),
            gemeenten: p.gemeenten.clone(),
        })
        .collect();
    let vragen: Vec<Vraag> = site
        .data
        .oogo
        .open_vraag
        .iter()
        .filter(|q| concerns(&q.gemeenten))
        .map(|q| Vraag { vraag: q.vraag.clone(), thema: q.thema.clone(), thema_label: vocab.oogo_thema.label(&q.thema).to_string() })
        .collect();
    let kengetallen_data = &site.data.kengetallen;
    let doel_regel = |d: &crate::data::Doel| {
        let v = d.voortgang(kengetallen_data);
        let laatste = v.as_ref().map(|v| format!("{} op {}", format_value(v.waarde, &d.eenheid), v.datum.to_dutch()));
        let voortgang = v.as_ref().map(|v| vocab.voortgang.label(v.status).to_string());
        let mut tekst = format!(
            "{}: {} ({} in {}, doel {} in {})",
            d.titel,
            d.indicator,
            format_value(d.nulmeting, &d.eenheid),
            d.nulmeting_jaar,
            format_value(d.streefwaarde, &d.eenheid),
            d.streefjaar
        );
        if let (Some(l), Some(v)) = (&laatste, &voortgang) {
            tekst.push_str(&format!("; laatste meting {l}: {}", v.to_lowercase()));
        }
        DoelRegel {
            titel: d.titel.clone(),
            indicator: d.indicator.clone(),
            nulmeting: format_value(d.nulmeting, &d.eenheid),
            nulmeting_jaar: d.nulmeting_jaar,
            streefwaarde: format_value(d.streefwaarde, &d.eenheid),
            streefjaar: d.streefjaar,
            laatste,
            voortgang,
            tekst,
        }
    };

    let kengetal_regel = |k: &crate::data::Kengetal| KengetalRegel {
        label: k.label.clone(),
        eenheid: k.eenheid.clone(),
        gemeente: gemeente.and_then(|g| k.gemeenten.get(g)).map(|v| format_value(*v, &k.eenheid)),
        regio: format_value(k.regio, &k.eenheid),
        landelijk: k.landelijk.map(|v| format_value(v, &k.eenheid)),
        bron: k.bron.clone(),
    };
    let themas = vocab
        .oogo_thema
        .iter()
        .zip(plan)
        .map(|(t, (hoofdstukken, secties))| ThemaSummary {
            cijfers: kengetallen_data
                .kengetal
                .iter()
                .filter(|k| site.data.doelen.iter().any(|d| d.thema == t.key && d.kengetal.as_deref() == Some(k.key.as_str())))
                .map(kengetal_regel)
                .collect(),
            key: t.key.clone(),
            label: t.label.clone(),
            bespreekpunten: t.bespreekpunten.clone(),
            hoofdstukken: Arc::clone(hoofdstukken),
            secties: Arc::clone(secties),
            overeenstemmingspunten: punten.iter().filter(|p| p.thema == t.key).cloned().collect(),
            open_vragen: vragen.iter().filter(|q| q.thema == t.key).cloned().collect(),
            doelen: site.data.doelen.iter().filter(|d| d.thema == t.key).map(doel_regel).collect(),
        })
        .collect();

    // The schools of the gemeente (of the region, for its summary), picked once: the lists per
    // kind of support below look at them sixteen times.
    let local: Vec<&crate::school::School> = site.schools.iter().filter(|s| gemeente.is_none_or(|g| g == s.gemeente)).map(|s| &**s).collect();
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
            let schools: Vec<&crate::school::School> = local.iter().filter(|s| s.offers_more_than_basis(&kind.key)).copied().collect();
            let mut arrangementen: Vec<String> = local
                .iter()
                .flat_map(|s| s.voorzieningen.iter().filter(|v| v.ondersteuning.contains(&kind.key)).map(move |v| format!("{} ({})", v.naam, s.naam)))
                .collect();
            arrangementen.sort();
            Voorzieningen { key: kind.key.clone(), label: kind.label.clone(), scholen: schools.iter().map(|s| school_ref(s, &kind.key)).collect(), arrangementen }
        })
        .collect();
    // Every special school and every bovenschoolse voorziening of the region: pupils from any
    // gemeente may need them, so the leerlingenvervoer plans with all of them, here first. Those
    // elsewhere are only counted when there are more than MAX_REISDOELEN_ELDERS (decided first,
    // so that a portal's 251 summaries do not each make and drop its 2,000 rows).
    let adres = |s: &crate::school::School| format!("{}, {} {}", s.adres.straat, s.adres.postcode, s.adres.plaats);
    let hier = |s: &crate::school::School| gemeente.is_some_and(|g| g == s.gemeente);
    let special = |s: &crate::school::School| vocab.is_special(&s.onderwijstype);
    let count_elders = gemeente.is_some() && site.schools.iter().filter(|s| !hier(s)).map(|s| usize::from(special(s)) + s.voorzieningen.len()).sum::<usize>() > MAX_REISDOELEN_ELDERS;
    let mut elders: std::collections::BTreeMap<&str, (usize, usize)> = std::collections::BTreeMap::new();
    let mut reisdoelen: Vec<Reisdoel> = Vec::new();
    for s in &site.schools {
        let hier = hier(s);
        if count_elders && !hier {
            let (scholen, voorzieningen) = elders.entry(&s.gemeente).or_default();
            *scholen += usize::from(special(s));
            *voorzieningen += s.voorzieningen.len();
            continue;
        }
        if special(s) {
            let soorten: Vec<&str> = vocab.ondersteuning.iter().filter(|k| s.ondersteuning.get(&k.key).is_some_and(|x| x.aanbod)).map(|k| k.label.as_str()).collect();
            reisdoelen.push(Reisdoel {
                naam: s.naam.clone(),
                school: true,
                soort: vocab.onderwijstype.label(&s.onderwijstype).to_string(),
                adres: adres(s),
                plaats: s.adres.plaats.clone(),
                gemeente: s.gemeente.clone(),
                hier,
                voor_wie: soorten.join(", "),
                rolstoel: s.toegankelijkheid.rolstoel,
                url: format!("{base}{}", s.url),
            });
        }
        for v in &s.voorzieningen {
            let mut voor_wie = v.voor_wie.clone();
            if let Some(n) = v.capaciteit {
                voor_wie = format!("{voor_wie} ({n} plaatsen)").trim().to_string();
            }
            reisdoelen.push(Reisdoel {
                naam: v.naam.clone(),
                school: false,
                soort: format!("voorziening bij {}", s.naam),
                adres: adres(s),
                plaats: s.adres.plaats.clone(),
                gemeente: s.gemeente.clone(),
                hier,
                voor_wie,
                rolstoel: s.toegankelijkheid.rolstoel,
                url: format!("{base}{}", s.url),
            });
        }
    }
    reisdoelen.sort_by(|a, b| (!a.hier, &a.gemeente, &a.naam).cmp(&(!b.hier, &b.gemeente, &b.naam)));
    let reisdoelen_elders: Vec<ReisdoelenElders> = elders
        .into_iter()
        .filter(|(_, (scholen, voorzieningen))| scholen + voorzieningen > 0)
        .map(|(g, (speciale_scholen, voorzieningen))| ReisdoelenElders {
            gemeente: g.to_string(),
            speciale_scholen,
            voorzieningen,
            url: format!("{base}{}#voorzieningen", crate::url::oogo_gemeente(&summary_slug(Some(g)))),
        })
        .collect();
    let reisdoelen_elders_uitleg = (!reisdoelen_elders.is_empty()).then(|| {
        let scholen: usize = reisdoelen_elders.iter().map(|e| e.speciale_scholen).sum();
        let voorzieningen: usize = reisdoelen_elders.iter().map(|e| e.voorzieningen).sum();
        format!(
            "Elders in de regio zijn {} scholen voor speciaal onderwijs en {} voorzieningen, in {} gemeenten: te veel voor één tabel. De tabel telt ze per gemeente. De samenvatting van elke gemeente noemt ze met adres, voor wie ze zijn en de toegang voor een rolstoel.",
            nl::integer(scholen as i64),
            nl::integer(voorzieningen as i64),
            nl::integer(reisdoelen_elders.len() as i64)
        )
    });

    let expertise = local
        .iter()
        .filter(|s| !s.expertise.is_empty())
        .map(|s| SchoolExpertise { naam: s.naam.clone(), plaats: s.adres.plaats.clone(), expertise: s.expertise.clone() })
        .collect();
    let kengetallen = kengetallen_data.kengetal.iter().map(kengetal_regel).collect();
    // site.data is the model in force: `amendments::apply` already put the vastgesteld
    // addenda's begroting rows in it, as the chapter on middelen shows them.
    let b = &site.data.begroting;
    let begroting = b.totals().into_iter().map(|(jaar, b, l, r)| BegrotingJaar { jaar, baten: nl::euro(b), lasten: nl::euro(l), resultaat: nl::euro(r) }).collect();
    let begroting_posten = b
        .baten
        .iter()
        .map(|p| ("Baten", p))
        .chain(b.lasten.iter().map(|p| ("Lasten", p)))
        .map(|(kant, p)| BegrotingPost { kant: kant.into(), post: p.post.clone(), bedragen: p.bedragen.iter().map(|x| nl::euro(*x)).collect() })
        .collect();
    let volledigheid = c
        .required_elements()
        .map(|e| {
            let hoofdstukken: Vec<String> = site.chapters.iter().filter(|ch| ch.wettelijke_onderdelen.contains(&e.key)).map(|ch| ch.title.clone()).collect();
            Onderdeel { key: e.key.clone(), label: e.label.clone(), gedekt: !hoofdstukken.is_empty(), hoofdstukken }
        })
        .collect();

    let overleg = site.data.oogo.overleg.iter().filter(|o| concerns(&o.gemeenten)).max_by_key(|o| o.datum);
    let logo_bytes = c.stijl.logo.as_ref().and_then(|l| std::fs::read(site.root.join("static").join(l)).ok());
    let planperiode = format!("{}-{}", c.planperiode.start, c.planperiode.eind);
    let status = match c.planperiode.vastgesteld {
        Some(d) if c.planperiode.status == "vastgesteld" => format!("Vastgesteld op {}", d.to_dutch()),
        _ => {
            let mut chars = c.planperiode.status.chars();
            chars.next().map(|f| f.to_uppercase().chain(chars).collect()).unwrap_or_default()
        }
    };
    let wie = gemeente.map(|g| format!("gemeente {g}")).unwrap_or_else(|| format!("de regio {}", c.regio));
    Summary {
        titel: format!("OOGO-samenvatting ondersteuningsplan {}-{} voor {wie}", c.planperiode.start, c.planperiode.eind),
        gemeente: gemeente.map(str::to_string),
        slug: summary_slug(gemeente),
        omslag: Omslag {
            swv: c.naam.clone(),
            ondertitel: match gemeente {
                Some(g) => format!("Samenvatting voor de gemeente {g}"),
                None => format!("Samenvatting voor de regio {}", c.regio),
            },
            planperiode: planperiode.clone(),
            status,
            overleg: overleg.map(|o| o.datum.to_dutch()),
            overleg_onderwerp: overleg.map(|o| o.onderwerp.clone()),
            logo: c.stijl.logo.clone(),
            logo_bytes,
            kleur: c.stijl.primaire_kleur.clone(),
            accent: c.stijl.accent_kleur.clone(),
            lettertype: office_font(&c.stijl.lettertype),
        },
        kerngegevens: Kerngegevens {
            swv: c.naam.clone(),
            code: c.code.clone(),
            sector: site.strings[&c.taal][c.sector.string_key()].clone(),
            regio: c.regio.clone(),
            planperiode,
            status: c.planperiode.status.clone(),
            vastgesteld: c.planperiode.vastgesteld.map(|d| d.to_dutch()),
            gemeenten: c.gemeenten.clone(),
        },
        themas,
        voorzieningen,
        reisdoelen,
        reisdoelen_elders,
        reisdoelen_elders_uitleg,
        expertise,
        kengetallen,
        kengetallen_peildatum: kengetallen_data.peildatum.map(|d| d.to_dutch()),
        kengetallen_bronnen: {
            let mut bronnen: Vec<String> = Vec::new();
            for b in kengetallen_data.kengetal.iter().filter_map(|k| k.bron.clone()) {
                if !bronnen.contains(&b) {
                    bronnen.push(b);
                }
            }
            bronnen
        },
        begroting,
        begroting_posten,
        begroting_jaren: b.jaren.clone(),
        overeenstemmingspunten: punten,
        open_vragen: vragen,
        volledigheid,
    }
}

/// The OOGO summaries of a site: one per gemeente (in the order of `gemeenten` in
/// passend.toml), then the region's. Each is made when first asked for and kept: the preview
/// asks only for the pages and files a reader opens. A build keeps only the region's: it makes
/// each gemeente's summary with [`Summaries::make`], writes what is made of it and lets it go (a
/// national site's 251 summaries hold 500 MB).
pub struct Summaries {
    made: Vec<std::sync::OnceLock<Summary>>,
    plan: std::sync::OnceLock<PlanPerThema>,
}

impl Summaries {
    /// None made yet.
    pub fn new(site: &Site) -> Summaries {
        Summaries { made: (0..=site.config.gemeenten.len()).map(|_| std::sync::OnceLock::new()).collect(), plan: std::sync::OnceLock::new() }
    }

    /// The summary of `gemeente` (as spelled in the config) or, for `None`, of the region.
    pub fn get(&self, site: &Site, gemeente: Option<&str>) -> &Summary {
        let at = match gemeente {
            Some(g) => site.config.gemeenten.iter().position(|x| x == g).expect("a gemeente of the config"),
            None => site.config.gemeenten.len(),
        };
        self.made[at].get_or_init(|| self.make(site, gemeente))
    }

    /// The summary of `gemeente`, made now and not kept (the build's OOGO producer lets each go
    /// once its page and documents are written).
    pub fn make(&self, site: &Site, gemeente: Option<&str>) -> Summary {
        summary(site, self.plan.get_or_init(|| plan_per_thema(site)), gemeente)
    }
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

use document::{Block, Document, Inline, Look, Quoted};

/// The formats `passend export oogo --format` knows, in the order the site offers them.
pub const FORMATS: [&str; 6] = ["html", "md", "odt", "docx", "csv", "json"];

/// A gemeente's page on the site (`/oogo/<slug>/`), which the build makes with the gemeente's
/// documents from the same summary (the region has no page of its own: /oogo/ shows it).
pub const PAGE: &str = "pagina";

/// What the build makes of a summary: the gemeente's page, then the documents ([`FORMATS`],
/// so a format added there is made by the build too).
pub const FILES: [&str; FORMATS.len() + 1] = {
    let mut files = [PAGE; FORMATS.len() + 1];
    let mut i = 0;
    while i < FORMATS.len() {
        files[i + 1] = FORMATS[i];
        i += 1;
    }
    files
};

/// Output path of one exported file, relative to the site (or `--output`) root.
pub fn file_name(summary: &Summary, format: &str) -> String {
    crate::url::output_file(&crate::url::oogo_file(&summary.slug, format))
}

/// The summary as a document: the same headings, in the same order, in every format. A
/// gemeente reads it before the meeting and writes its answer in it: a title page, the
/// contents, then per theme what the plan says (the sections in force), its goals, the
/// agreements and the points to discuss, each with an empty cell for the gemeente's reaction.
pub fn document(s: &Summary) -> Document {
    let o = &s.omslag;
    let header = match &s.gemeente {
        Some(g) => format!("{} · OOGO gemeente {g}", o.swv),
        None => format!("{} · OOGO regio {}", o.swv, s.kerngegevens.regio),
    };
    let look = Look { colour: o.kleur.clone(), accent: o.accent.clone(), font: o.lettertype.clone(), logo: o.logo.clone().zip(o.logo_bytes.clone()) };
    let mut d = Document { title: s.titel.clone(), header, look, blocks: Vec::new() };
    let mut lines = vec![format!("Ondersteuningsplan {}", o.planperiode), format!("Status van het plan: {}", o.status)];
    if let Some(datum) = &o.overleg {
        lines.push(format!("Voor het OOGO van {datum}"));
    }
    if let Some(onderwerp) = &o.overleg_onderwerp {
        lines.push(onderwerp.clone());
    }
    d.blocks.push(Block::TitlePage { top: o.swv.clone(), title: format!("OOGO-samenvatting ondersteuningsplan {}", o.planperiode), subtitle: o.ondertitel.clone(), lines });
    d.blocks.push(Block::Contents("Inhoud".into()));

    d.heading(2, "Kerngegevens");
    let k = &s.kerngegevens;
    d.list(vec![
        vec![Inline::bold("Samenwerkingsverband: "), Inline::text(format!("{} ({})", k.swv, k.code))],
        vec![Inline::bold("Sector: "), Inline::text(&k.sector)],
        vec![Inline::bold("Planperiode: "), Inline::text(&k.planperiode)],
        vec![Inline::bold("Status van het plan: "), Inline::text(&o.status)],
        vec![Inline::bold("Gemeenten in de regio: "), Inline::text(k.gemeenten.join(", "))],
    ]);
    let wie = s.gemeente.as_ref().map(|g| format!("de gemeente {g}")).unwrap_or_else(|| "de gemeenten".into());
    d.text(format!(
        "Per thema staat hieronder wat het plan zegt, in de tekst die nu geldt (met de vastgestelde addenda verwerkt), met de doelen, de afspraken en de punten om te bespreken. In de kolom 'Reactie gemeente' schrijft {wie} haar reactie voor het overleg."
    ));

    d.heading(2, "Het plan per thema");
    for (i, t) in s.themas.iter().enumerate() {
        d.heading(3, format!("{}. {}", i + 1, t.label));
        if t.secties.is_empty() && t.hoofdstukken.is_empty() {
            d.text("Het plan zegt hier niets over.");
        }
        for c in t.secties.iter() {
            d.heading(4, &c.titel);
            d.paragraph(vec![Inline::text("Uit het hoofdstuk "), Inline::link(&c.hoofdstuk, &c.url)]);
            let quoted: Vec<Quoted> = c
                .delen
                .iter()
                .flat_map(|deel| {
                    deel.titel.iter().map(|t| Quoted { text: t.clone(), item: false, title: true }).chain(deel.alineas.iter().map(|a| Quoted { text: a.tekst.clone(), item: a.lijst, title: false }))
                })
                .collect();
            d.blocks.push(Block::Quote(quoted));
        }
        let cited: Vec<&str> = t.secties.iter().map(|c| c.hoofdstuk.as_str()).collect();
        let more: Vec<&HoofdstukRef> = t.hoofdstukken.iter().filter(|h| !cited.contains(&h.titel.as_str())).collect();
        if !more.is_empty() {
            d.paragraph(vec![Inline::bold(if t.secties.is_empty() { "In het plan" } else { "Meer in het plan" })]);
            d.list(more.iter().map(|h| vec![Inline::link(&h.titel, &h.url), Inline::text(format!(": {}", h.samenvatting))]).collect());
        }
        if !t.doelen.is_empty() {
            d.paragraph(vec![Inline::bold("Doelen")]);
            d.list(t.doelen.iter().map(|doel| vec![Inline::text(&doel.tekst)]).collect());
        }
        if !t.cijfers.is_empty() {
            kengetallen_tabel(&mut d, s, format!("Cijfers bij dit thema{}", s.kengetallen_peildatum.as_ref().map(|p| format!(" op {p}")).unwrap_or_default()), &t.cijfers);
        }
        if !t.overeenstemmingspunten.is_empty() {
            d.paragraph(vec![Inline::bold("Afspraken")]);
            d.list(
                t.overeenstemmingspunten
                    .iter()
                    .map(|p| {
                        let datum = p.datum.as_ref().map(|x| format!(", {x}")).unwrap_or_default();
                        vec![Inline::text(format!("{} ", p.tekst)), Inline::bold(format!("({}{datum})", p.status_label))]
                    })
                    .collect(),
            );
        }
        if !t.open_vragen.is_empty() {
            d.paragraph(vec![Inline::bold("Open vragen")]);
            d.list(t.open_vragen.iter().map(|q| vec![Inline::text(&q.vraag)]).collect());
        }
        d.table_with_widths(
            format!("Om te bespreken: {}", t.label),
            vec!["Bespreekpunt", "Reactie gemeente"],
            t.bespreekpunten.iter().map(|b| vec![b.clone(), String::new()]).collect(),
            vec![45, 55],
        );
    }

    let waar = s.gemeente.as_ref().map(|g| format!(" van {g}")).unwrap_or_else(|| " van de regio".into());
    if !s.kengetallen.is_empty() {
        d.heading(2, format!("Cijfers{waar}"));
        let peildatum = s.kengetallen_peildatum.as_ref().map(|p| format!(" op {p}")).unwrap_or_default();
        kengetallen_tabel(&mut d, s, format!("Kengetallen{peildatum}"), &s.kengetallen);
        if !s.kengetallen_bronnen.is_empty() {
            d.text(format!("Bronnen: {}.", s.kengetallen_bronnen.join("; ")));
        }
    }

    d.heading(2, "Voorzieningen en leerlingenvervoer");
    d.text("Waar leerlingen naartoe gaan voor speciaal onderwijs en bovenschoolse voorzieningen: het adres, voor wie het is en of het gebouw toegankelijk is met een rolstoel. Belangrijk voor het leerlingenvervoer en de huisvesting.");
    let reisrij = |r: &Reisdoel| vec![r.naam.clone(), r.soort.clone(), r.adres.clone(), r.voor_wie.clone(), if r.rolstoel { "ja".into() } else { "nee".into() }];
    let kop = vec!["Naam", "Soort", "Adres", "Voor wie", "Rolstoel"];
    if let Some(g) = &s.gemeente {
        let hier: Vec<Vec<String>> = s.reisdoelen.iter().filter(|r| r.hier).map(reisrij).collect();
        if hier.is_empty() {
            d.text(format!("In {g} zelf is geen school voor speciaal onderwijs en geen bovenschoolse voorziening."));
        } else {
            d.table(format!("In {g}"), kop.clone(), hier);
        }
        if s.reisdoelen_elders.is_empty() {
            d.table(format!("Buiten {g}, elders in de regio"), kop, s.reisdoelen.iter().filter(|r| !r.hier).map(reisrij).collect());
        } else {
            d.text(s.reisdoelen_elders_uitleg.clone().unwrap_or_default());
            d.table(
                format!("Buiten {g}, elders in de regio, per gemeente"),
                vec!["Gemeente", "Scholen voor speciaal onderwijs", "Voorzieningen"],
                s.reisdoelen_elders.iter().map(|e| vec![e.gemeente.clone(), e.speciale_scholen.to_string(), e.voorzieningen.to_string()]).collect(),
            );
        }
    } else {
        d.table("In de regio", kop, s.reisdoelen.iter().map(reisrij).collect());
    }
    let waar_in = s.gemeente.as_ref().map(|g| format!(" in {g}")).unwrap_or_default();
    d.table(
        format!("Scholen met extra ondersteuning{waar_in}"),
        vec!["Ondersteuning", "Scholen", "Voorzieningen"],
        s.voorzieningen
            .iter()
            .map(|v| {
                let scholen = if v.scholen.is_empty() { "geen".to_string() } else { v.scholen.iter().map(|x| format!("{} ({}, {})", x.naam, x.plaats, x.niveau.to_lowercase())).collect::<Vec<_>>().join("; ") };
                vec![v.label.clone(), scholen, v.arrangementen.join("; ")]
            })
            .collect(),
    );
    if !s.expertise.is_empty() {
        d.text("Expertise op de scholen, zoals zij die in hun profiel noemen:");
        d.list(s.expertise.iter().map(|e| vec![Inline::text(format!("{} ({}): {}", e.naam, e.plaats, e.expertise.join(", ")))]).collect());
    }

    if !s.begroting.is_empty() {
        d.heading(2, "Begroting");
        d.text("De meerjarenbegroting van het samenwerkingsverband voor de hele regio, zoals die nu geldt (met de vastgestelde addenda verwerkt).");
        d.table(
            "Totalen per jaar",
            vec!["Jaar", "Baten", "Lasten", "Resultaat"],
            s.begroting.iter().map(|b| vec![b.jaar.to_string(), b.baten.clone(), b.lasten.clone(), b.resultaat.clone()]).collect(),
        );
        let jaren: Vec<String> = s.begroting_jaren.iter().map(|j| j.to_string()).collect();
        let mut kop = vec!["Post"];
        kop.extend(jaren.iter().map(String::as_str));
        d.table("Posten", kop, s.begroting_posten.iter().map(|p| std::iter::once(format!("{}: {}", p.kant, p.post)).chain(p.bedragen.iter().cloned()).collect()).collect());
    }

    d.heading(2, "Overeenstemmingspunten");
    if s.overeenstemmingspunten.is_empty() {
        d.text("Er zijn nog geen overeenstemmingspunten.");
    } else {
        d.table(
            "Afspraken",
            vec!["Punt", "Thema", "Status", "Datum"],
            s.overeenstemmingspunten.iter().map(|p| vec![p.tekst.clone(), p.thema_label.clone(), p.status_label.clone(), p.datum.clone().unwrap_or_default()]).collect(),
        );
    }
    if !s.open_vragen.is_empty() {
        d.paragraph(vec![Inline::bold("Open vragen")]);
        d.list(s.open_vragen.iter().map(|q| vec![Inline::text(format!("{} ({})", q.vraag, q.thema_label))]).collect());
    }
    d.heading(2, "Volledigheid van het plan");
    d.table(
        "Wettelijk verplichte onderdelen",
        vec!["Onderdeel", "Hoofdstukken", "Aanwezig"],
        s.volledigheid.iter().map(|o| vec![o.label.clone(), o.hoofdstukken.join(", "), if o.gedekt { "ja".into() } else { "nee".into() }]).collect(),
    );
    d
}

/// Kengetallen of the gemeente against the region and the country.
fn kengetallen_tabel(d: &mut Document, s: &Summary, caption: String, rows: &[KengetalRegel]) {
    let landelijk = |k: &KengetalRegel| k.landelijk.clone().unwrap_or_else(|| "-".into());
    match &s.gemeente {
        Some(g) => d.table(caption, vec!["Kengetal", g.as_str(), "Regio", "Landelijk"], rows.iter().map(|k| vec![k.label.clone(), k.gemeente.clone().unwrap_or_else(|| "onbekend".into()), k.regio.clone(), landelijk(k)]).collect()),
        None => d.table(caption, vec!["Kengetal", "Regio", "Landelijk"], rows.iter().map(|k| vec![k.label.clone(), k.regio.clone(), landelijk(k)]).collect()),
    }
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
        rows.push(["overeenstemmingspunt".into(), p.thema_label.clone(), p.tekst.clone(), p.gemeenten.join(", "), p.status_label.clone(), p.datum_iso.clone().unwrap_or_default()]);
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
