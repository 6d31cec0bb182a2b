//! Open data: every school profile as `/data/scholen.json` and `/data/scholen.csv`, so others
//! (gemeenten, researchers, other websites) can reuse the profiles without scraping pages.

use crate::site::Site;
use serde_json::{json, Value};

/// `{"scholen": [...], "soorten": [{key, label}], "niveaus": {key: label}}`, schools with every
/// field of their profile (unlisted kinds of support filled in as `basis`).
pub fn json(site: &Site) -> String {
    let vocab = &site.config.vocabulaires;
    let scholen: Vec<Value> = site
        .schools
        .iter()
        .map(|s| {
            let mut v = serde_json::to_value(s).expect("school serializes");
            v["onderwijstype_label"] = json!(vocab.onderwijstype.label(&s.onderwijstype));
            v.as_object_mut().expect("object").remove("source");
            v
        })
        .collect();
    let doc = json!({
        "bron": site.config.naam,
        "scholen": scholen,
        "soorten": vocab.ondersteuning.iter().map(|t| json!({"key": t.key, "label": t.label})).collect::<Vec<_>>(),
        "niveaus": vocab.niveau.iter().map(|t| (t.key.clone(), json!(t.label))).collect::<serde_json::Map<_, _>>(),
    });
    serde_json::to_string_pretty(&doc).expect("json")
}

/// The column names of scholen.csv, in order.
pub fn csv_columns(site: &Site) -> Vec<String> {
    let mut cols: Vec<String> = [
        "id", "brin", "vestiging", "naam", "bestuur", "onderwijstype", "denominatie", "gemeente", "straat", "postcode", "plaats", "leerlingen",
        "peildatum", "telefoon", "email", "website", "vastgesteld", "verouderd", "sop_document", "niveaus",
    ]
    .map(String::from)
    .to_vec();
    for kind in site.config.vocabulaires.ondersteuning.keys() {
        cols.push(format!("ondersteuning.{kind}.niveau"));
        cols.push(format!("ondersteuning.{kind}.uitleg"));
    }
    cols.extend(["rolstoel", "lift", "aangepast_toilet", "verzorgingsruimte", "stilteruimte", "voorzieningen", "grenzen", "ambities", "ketenpartners"].map(String::from));
    cols
}

/// RFC 4180 CSV (comma, CRLF, UTF-8), one row per school. Lists and voorzieningen are JSON
/// arrays inside their cell, so every field survives a round trip.
pub fn csv(site: &Site) -> String {
    let mut out = csv_columns(site).join(",") + "\r\n";
    let list = |items: &Vec<String>| serde_json::to_string(items).expect("json");
    for s in &site.schools {
        let mut row: Vec<String> = vec![
            s.id.clone(),
            s.brin.clone(),
            s.vestiging.clone(),
            s.naam.clone(),
            s.bestuur.clone(),
            s.onderwijstype.clone(),
            s.denominatie.clone().unwrap_or_default(),
            s.gemeente.clone(),
            s.adres.straat.clone(),
            s.adres.postcode.clone(),
            s.adres.plaats.clone(),
            s.leerlingen.as_ref().map(|l| l.aantal.to_string()).unwrap_or_default(),
            s.leerlingen.as_ref().map(|l| l.peildatum.to_string()).unwrap_or_default(),
            s.contact.telefoon.clone(),
            s.contact.email.clone(),
            s.contact.website.clone(),
            s.vastgesteld.map(|d| d.to_string()).unwrap_or_default(),
            s.verouderd.to_string(),
            s.sop_document.clone().unwrap_or_default(),
            list(&s.niveaus),
        ];
        for kind in site.config.vocabulaires.ondersteuning.keys() {
            let support = &s.ondersteuning[kind];
            row.push(support.niveau.clone());
            row.push(support.uitleg.clone());
        }
        let t = &s.toegankelijkheid;
        row.extend([t.rolstoel, t.lift, t.aangepast_toilet, t.verzorgingsruimte, t.stilteruimte].map(|b| b.to_string()));
        row.push(serde_json::to_string(&s.voorzieningen).expect("json"));
        row.push(list(&s.grenzen));
        row.push(list(&s.ambities));
        row.push(list(&s.ketenpartners));
        out.push_str(&row.iter().map(|f| crate::text::csv::cell(f, ',')).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}
