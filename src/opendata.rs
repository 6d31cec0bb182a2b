//! Open data: every school profile as `/data/scholen.json` and `/data/scholen.csv`, so others
//! (gemeenten, researchers, other websites) can reuse the profiles without scraping pages. The
//! columns and their meaning are one table here, which both the CSV and its documentation on
//! `/data/` read, so the file and its description cannot drift apart.

use crate::school::School;
use crate::site::Site;
use serde::Serialize;
use serde_json::{json, Value};

/// `{"scholen": [...], "soorten": [{key, label}], "niveaus": {key: label}}`, schools with every
/// field of their profile (unlisted kinds of support filled in as `basis`).
pub fn json(site: &Site) -> String {
    let vocab = &site.config.vocabulaires;
    // Fields in the order serde_json sorts an object's keys. The schools are turned into JSON
    // values one at a time as they are written: 10,000 at once held 400 MB (issue 18).
    #[derive(Serialize)]
    struct Doc<'a> {
        bron: &'a str,
        niveaus: serde_json::Map<String, Value>,
        scholen: Scholen<'a>,
        soorten: Vec<Value>,
    }
    struct Scholen<'a>(&'a Site);
    impl Serialize for Scholen<'_> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeSeq;
            let vocab = &self.0.config.vocabulaires;
            let mut seq = serializer.serialize_seq(Some(self.0.schools.len()))?;
            for s in &self.0.schools {
                let mut v = serde_json::to_value(s).expect("school serializes");
                v["onderwijstype_label"] = json!(vocab.onderwijstype.label(&s.onderwijstype));
                v.as_object_mut().expect("object").remove("source");
                seq.serialize_element(&v)?;
            }
            seq.end()
        }
    }
    let doc = Doc {
        bron: &site.config.naam,
        niveaus: vocab.niveau.iter().map(|t| (t.key.clone(), json!(t.label))).collect(),
        scholen: Scholen(site),
        soorten: vocab.ondersteuning.iter().map(|t| json!({"key": t.key, "label": t.label})).collect(),
    };
    serde_json::to_string_pretty(&doc).expect("json")
}

/// `/data/cijfers.json`: the plan's figures in force. Totals, reserves and progress are the
/// computed ones the pages show, so a reuser does not have to redo (or get wrong) the sums.
pub fn figures_json(site: &Site) -> String {
    let data = &site.data;
    let b = &data.begroting;
    let vocab = &site.config.vocabulaires;
    let post = |p: &crate::data::Post| json!({"post": p.post, "categorie": p.categorie, "categorie_label": p.categorie.as_deref().map(|c| b.categorie_label(c)), "bedragen": p.bedragen});
    let begroting = json!({
        "eenheid": b.eenheid,
        "jaren": b.jaren,
        "baten": b.baten.iter().map(post).collect::<Vec<_>>(),
        "lasten": b.lasten.iter().map(post).collect::<Vec<_>>(),
        "totalen": b.totals().iter().map(|(jaar, baten, lasten, resultaat)| json!({"jaar": jaar, "baten": baten, "lasten": lasten, "resultaat": resultaat})).collect::<Vec<_>>(),
        "reserve": b.reserves(),
        "signaleringswaarde": b.signaleringswaarden(),
    });
    let peildatum = data.kengetallen.peildatum;
    let kengetallen: Vec<Value> = data
        .kengetallen
        .kengetal
        .iter()
        .map(|k| {
            json!({
                "key": k.key, "label": k.label, "eenheid": k.eenheid, "bron": k.bron,
                "reeks": k.punten(peildatum).iter().map(|p| json!({"datum": p.datum.to_string(), "regio": p.regio, "landelijk": p.landelijk, "gemeenten": p.gemeenten, "prognose": p.prognose})).collect::<Vec<_>>(),
            })
        })
        .collect();
    let doelen: Vec<Value> = data
        .doelen
        .iter()
        .map(|d| {
            let voortgang = d.voortgang(&data.kengetallen);
            json!({
                "titel": d.titel, "thema": d.thema, "thema_label": vocab.oogo_thema.label(&d.thema), "indicator": d.indicator, "eenheid": d.eenheid,
                "nulmeting": d.nulmeting, "nulmeting_jaar": d.nulmeting_jaar, "streefwaarde": d.streefwaarde, "streefjaar": d.streefjaar,
                "metingen": d.metingen(&data.kengetallen).iter().map(|m| json!({"datum": m.datum.to_string(), "waarde": m.waarde})).collect::<Vec<_>>(),
                "voortgang": voortgang.map(|v| json!({"datum": v.datum.to_string(), "waarde": v.waarde, "verwacht": v.verwacht, "status": v.status, "status_label": vocab.voortgang.label(v.status)})),
            })
        })
        .collect();
    let doc = json!({
        "bron": site.config.naam,
        "peildatum_kengetallen": peildatum.map(|d| d.to_string()),
        "begroting": begroting,
        "kengetallen": kengetallen,
        "doelen": doelen,
    });
    serde_json::to_string_pretty(&doc).expect("json")
}

/// One column of scholen.csv: its name, what it holds (shown on `/data/`), and its cell.
#[derive(Serialize)]
pub struct Column {
    pub naam: String,
    pub uitleg: String,
    #[serde(skip)]
    cell: Cell,
}

/// How a column's cell is made from a school.
enum Cell {
    Field(fn(&School) -> String),
    Level(String),
    Explanation(String),
}

fn list(items: &[String]) -> String {
    serde_json::to_string(items).expect("json")
}

fn date(d: Option<crate::text::Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// The fixed columns before the kinds of support, with their meaning.
#[allow(clippy::type_complexity)]
const BEFORE: &[(&str, &str, fn(&School) -> String)] = &[
    ("id", "BRIN en vestigingsnummer samen, zoals 91AB00: de sleutel van de rij", |s| s.id.clone()),
    ("brin", "BRIN-nummer van de school (DUO: instellingscode)", |s| s.brin.clone()),
    ("vestiging", "vestigingsnummer (00 is de hoofdvestiging)", |s| s.vestiging.clone()),
    ("naam", "naam van de vestiging", |s| s.naam.clone()),
    ("bestuur", "naam van het schoolbestuur", |s| s.bestuur.clone()),
    ("onderwijstype", "soort school: bao, sbo, so, vo of vso", |s| s.onderwijstype.clone()),
    ("denominatie", "richting, zoals openbaar of rooms-katholiek (leeg: onbekend)", |s| s.denominatie.clone().unwrap_or_default()),
    ("gemeente", "gemeente van het werkgebied waarin de school ligt", |s| s.gemeente.clone()),
    ("straat", "straat en huisnummer", |s| s.adres.straat.clone()),
    ("postcode", "postcode (1234 AB)", |s| s.adres.postcode.clone()),
    ("plaats", "plaats", |s| s.adres.plaats.clone()),
    ("leerlingen", "aantal leerlingen op de peildatum", |s| s.leerlingen.as_ref().map(|l| l.aantal.to_string()).unwrap_or_default()),
    ("peildatum", "datum van het leerlingenaantal (JJJJ-MM-DD)", |s| date(s.leerlingen.as_ref().map(|l| l.peildatum))),
    ("telefoon", "telefoonnummer van de school", |s| s.contact.telefoon.clone()),
    ("email", "e-mailadres van de school", |s| s.contact.email.clone()),
    ("website", "website van de school", |s| s.contact.website.clone()),
    ("vastgesteld", "datum waarop het schoolondersteuningsprofiel is vastgesteld", |s| date(s.vastgesteld)),
    ("verouderd", "true als het profiel ouder is dan de termijn van het samenwerkingsverband", |s| s.verouderd.to_string()),
    ("sop_document.link", "webadres van het volledige schoolondersteuningsprofiel", |s| s.sop_document.as_ref().map(|d| d.link.clone()).unwrap_or_default()),
    ("sop_document.datum", "datum op dat document", |s| date(s.sop_document.as_ref().and_then(|d| d.datum))),
    ("niveaus", "alleen vo: de niveaus, als JSON-lijst", |s| list(&s.niveaus)),
    ("expertise", "specialisten en trainingen in het team, als JSON-lijst", |s| list(&s.expertise)),
    ("basisondersteuning", "de eigen beschrijving van de basisondersteuning op deze school", |s| s.basisondersteuning.clone()),
    ("contact_ondersteuning.naam", "naam van de intern begeleider of zorgcoördinator", |s| s.contact_ondersteuning.as_ref().map(|c| c.naam.clone()).unwrap_or_default()),
    ("contact_ondersteuning.rol", "diens rol op school", |s| s.contact_ondersteuning.as_ref().map(|c| c.rol.clone()).unwrap_or_default()),
    ("contact_ondersteuning.telefoon", "diens telefoonnummer", |s| s.contact_ondersteuning.as_ref().map(|c| c.telefoon.clone()).unwrap_or_default()),
    ("contact_ondersteuning.email", "diens e-mailadres", |s| s.contact_ondersteuning.as_ref().map(|c| c.email.clone()).unwrap_or_default()),
    ("aanmelden.tekst", "hoe en wanneer ouders hun kind aanmelden", |s| s.aanmelden.as_ref().map(|a| a.tekst.clone()).unwrap_or_default()),
    ("aanmelden.link", "webadres met meer over aanmelden", |s| s.aanmelden.as_ref().and_then(|a| a.link.clone()).unwrap_or_default()),
    ("bijzonderheden", "wat de school verder over zichzelf vertelt", |s| s.bijzonderheden.clone()),
];

/// The fixed columns after the kinds of support.
#[allow(clippy::type_complexity)]
const AFTER: &[(&str, &str, fn(&School) -> String)] = &[
    ("rolstoel", "gebouw toegankelijk met een rolstoel (true of false)", |s| s.toegankelijkheid.rolstoel.to_string()),
    ("lift", "lift aanwezig (true of false)", |s| s.toegankelijkheid.lift.to_string()),
    ("aangepast_toilet", "aangepast toilet (true of false)", |s| s.toegankelijkheid.aangepast_toilet.to_string()),
    ("verzorgingsruimte", "verzorgingsruimte (true of false)", |s| s.toegankelijkheid.verzorgingsruimte.to_string()),
    ("stilteruimte", "stilteruimte (true of false)", |s| s.toegankelijkheid.stilteruimte.to_string()),
    ("voorzieningen", "voorzieningen en arrangementen, als JSON-lijst van objecten (naam, voor_wie, capaciteit, sector, ondersteuning)", |s| serde_json::to_string(&s.voorzieningen).expect("json")),
    ("grenzen", "wat de school niet kan bieden, als JSON-lijst", |s| list(&s.grenzen)),
    ("ambities", "wat de school nog wil ontwikkelen, als JSON-lijst", |s| list(&s.ambities)),
    ("ketenpartners", "partners waarmee de school samenwerkt, als JSON-lijst", |s| list(&s.ketenpartners)),
];

/// Every column of scholen.csv, in order: the fixed ones, then per kind of support of the
/// vocabulary its level and explanation, then the building and the lists.
pub fn columns(site: &Site) -> Vec<Column> {
    let vocab = &site.config.vocabulaires;
    let fixed = |(naam, uitleg, f): &(&str, &str, fn(&School) -> String)| Column { naam: naam.to_string(), uitleg: uitleg.to_string(), cell: Cell::Field(*f) };
    let mut cols: Vec<Column> = BEFORE.iter().map(fixed).collect();
    let levels = vocab.niveau.keys().collect::<Vec<_>>().join(", ");
    for kind in vocab.ondersteuning.iter() {
        cols.push(Column { naam: format!("ondersteuning.{}.niveau", kind.key), uitleg: format!("{}: niveau ({levels})", kind.label), cell: Cell::Level(kind.key.clone()) });
        cols.push(Column { naam: format!("ondersteuning.{}.uitleg", kind.key), uitleg: format!("{}: uitleg van de school", kind.label), cell: Cell::Explanation(kind.key.clone()) });
    }
    cols.extend(AFTER.iter().map(fixed));
    cols
}

/// The column names of scholen.csv, in order.
pub fn csv_columns(site: &Site) -> Vec<String> {
    columns(site).into_iter().map(|c| c.naam).collect()
}

/// The separator of scholen.csv: Excel with Dutch settings splits on `;`, not on `,`.
pub const CSV_SEPARATOR: char = ';';

/// CSV as Excel with Dutch settings opens it (like the OOGO CSV): a byte order mark, `;`
/// between cells, CRLF, one row per school. Lists and voorzieningen are JSON arrays inside
/// their cell, so every field survives a round trip; formulas are neutralised (`text::csv`).
pub fn csv(site: &Site) -> String {
    let cols = columns(site);
    let sep = CSV_SEPARATOR.to_string();
    let line = |cells: Vec<String>| cells.iter().map(|f| crate::text::csv::cell(f, CSV_SEPARATOR)).collect::<Vec<_>>().join(&sep) + "\r\n";
    let mut out = String::from("\u{feff}");
    out.push_str(&line(cols.iter().map(|c| c.naam.clone()).collect()));
    for s in &site.schools {
        out.push_str(&line(
            cols.iter()
                .map(|c| match &c.cell {
                    Cell::Field(f) => f(s),
                    Cell::Level(kind) => s.ondersteuning[kind].niveau.clone(),
                    Cell::Explanation(kind) => s.ondersteuning[kind].uitleg.clone(),
                })
                .collect(),
        ));
    }
    out
}

/// `bytes` gzip-compressed, the same bytes on every build (no file name or time in the header).
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::GzBuilder::new().mtime(0).write(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}
