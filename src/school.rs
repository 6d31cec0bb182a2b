//! School profiles (schoolondersteuningsprofielen, SOP): one TOML file per school location in
//! `schools/`, named after its id (BRIN + vestiging, `91AB00.toml`).

use crate::config::{is_email, is_url, Config, Sector};
use crate::text::Date;
use crate::diagnostics::{suggestion, Diagnostics};
use crate::source::{array_table_offsets, check_not_future, find_key, find_key_after, find_key_in, parse_toml, SourceFile};
use crate::text::is_phone;
use crate::url;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Adres {
    pub straat: String,
    pub postcode: String,
    pub plaats: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Leerlingen {
    pub aantal: u32,
    pub peildatum: Date,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(default)]
    pub telefoon: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub website: String,
}

/// What the school offers for one kind of need.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Support {
    /// A key of the `niveau` vocabulary: `basis`, `extra`, `arrangement` or `niet`.
    pub niveau: String,
    #[serde(default)]
    pub uitleg: String,
    /// Whether the level means the school offers more than basic support (its `aanbod`
    /// property in the vocabulary), set when the school is loaded.
    #[serde(skip)]
    pub aanbod: bool,
}

/// A voorziening or arrangement at the school: plusklas, taalklas, time-out, rebound, ...
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Voorziening {
    pub naam: String,
    #[serde(default)]
    pub voor_wie: String,
    pub capaciteit: Option<u32>,
    /// `po` or `vo`.
    pub sector: Option<Sector>,
    /// Kinds of need it serves.
    #[serde(default)]
    pub ondersteuning: Vec<String>,
}

/// Physical accessibility of the building.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Toegankelijkheid {
    #[serde(default)]
    pub rolstoel: bool,
    #[serde(default)]
    pub lift: bool,
    #[serde(default)]
    pub aangepast_toilet: bool,
    #[serde(default)]
    pub verzorgingsruimte: bool,
    #[serde(default)]
    pub stilteruimte: bool,
}

impl Toegankelijkheid {
    /// (key, label, present) in display order; the keys are the finder's filter values.
    pub fn features(&self) -> [(&'static str, &'static str, bool); 5] {
        [
            ("rolstoel", "Toegankelijk met een rolstoel", self.rolstoel),
            ("lift", "Lift", self.lift),
            ("aangepast-toilet", "Aangepast toilet", self.aangepast_toilet),
            ("verzorgingsruimte", "Verzorgingsruimte", self.verzorgingsruimte),
            ("stilteruimte", "Stilteruimte", self.stilteruimte),
        ]
    }
}

/// The school's own contact for questions about support: its intern begeleider (IB'er) or
/// zorgcoördinator. Parents are sent to this person, not to the school's front desk.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactOndersteuning {
    pub naam: String,
    /// The role as the school names it: "intern begeleider", "zorgcoördinator", ...
    #[serde(default)]
    pub rol: String,
    #[serde(default)]
    pub telefoon: String,
    #[serde(default)]
    pub email: String,
}

/// How and when to register a child (aanmelden), and where: schools publish their own
/// procedure and dates, and the school of registration has the zorgplicht.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Aanmelden {
    pub tekst: String,
    pub link: Option<String>,
}

/// The school's full SOP document and the date on it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SopDocument {
    pub link: String,
    pub datum: Option<Date>,
}

/// `sop_document` as written: a table `{ link, datum }`, or (the older form, still read) the
/// link alone as a string.
#[derive(Debug, Clone)]
struct SopDocumentField(SopDocument);

impl<'de> Deserialize<'de> for SopDocumentField {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = SopDocumentField;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a table { link, datum } or a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(SopDocumentField(SopDocument { link: v.to_string(), datum: None }))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                // Through the struct's own Deserialize, so an unknown key gets serde's message
                // (and our 'bedoelde u') like every other table.
                SopDocument::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(SopDocumentField)
            }
        }
        d.deserialize_any(Visitor)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct SchoolFile {
    brin: String,
    vestiging: String,
    naam: String,
    bestuur: String,
    onderwijstype: String,
    #[serde(default)]
    denominatie: Option<String>,
    gemeente: String,
    vastgesteld: Option<Date>,
    sop_document: Option<SopDocumentField>,
    #[serde(default)]
    niveaus: Vec<String>,
    #[serde(default)]
    expertise: Vec<String>,
    #[serde(default)]
    basisondersteuning: String,
    contact_ondersteuning: Option<ContactOndersteuning>,
    aanmelden: Option<Aanmelden>,
    #[serde(default)]
    bijzonderheden: String,
    adres: Adres,
    leerlingen: Option<Leerlingen>,
    #[serde(default)]
    contact: Contact,
    #[serde(default)]
    ondersteuning: BTreeMap<String, Support>,
    #[serde(default)]
    voorzieningen: Vec<Voorziening>,
    #[serde(default)]
    toegankelijkheid: Toegankelijkheid,
    #[serde(default)]
    grenzen: Vec<String>,
    #[serde(default)]
    ambities: Vec<String>,
    #[serde(default)]
    ketenpartners: Vec<String>,
}

/// A validated school location.
#[derive(Debug, Clone, Serialize)]
pub struct School {
    pub source: String,
    /// BRIN + vestiging: `91AB00`.
    pub id: String,
    pub url: String,
    pub brin: String,
    pub vestiging: String,
    pub naam: String,
    pub bestuur: String,
    pub onderwijstype: String,
    pub denominatie: Option<String>,
    /// The gemeente as spelled in passend.toml.
    pub gemeente: String,
    pub gemeente_slug: String,
    pub vastgesteld: Option<Date>,
    /// True when the SOP is older than `scholen.max_sop_leeftijd_maanden`.
    pub verouderd: bool,
    pub sop_document: Option<SopDocument>,
    pub niveaus: Vec<String>,
    /// Specialists in the team and trainings the school works with ("gedragsspecialist",
    /// "Kanjertraining"), as the school names them.
    pub expertise: Vec<String>,
    /// The school's own description of its basisondersteuning, beyond the SWV-wide level.
    pub basisondersteuning: String,
    pub contact_ondersteuning: Option<ContactOndersteuning>,
    pub aanmelden: Option<Aanmelden>,
    pub bijzonderheden: String,
    pub adres: Adres,
    pub leerlingen: Option<Leerlingen>,
    pub contact: Contact,
    /// Support per kind of need, for every kind in the vocabulary (unlisted kinds have the
    /// vocabulary's standard level, `basis`).
    pub ondersteuning: BTreeMap<String, Support>,
    pub voorzieningen: Vec<Voorziening>,
    pub toegankelijkheid: Toegankelijkheid,
    pub grenzen: Vec<String>,
    pub ambities: Vec<String>,
    pub ketenpartners: Vec<String>,
}

impl School {
    /// The level of support for `kind`; empty for a kind that is not in the vocabulary.
    pub fn level(&self, kind: &str) -> &str {
        self.ondersteuning.get(kind).map_or("", |s| s.niveau.as_str())
    }

    /// Offers more than basic support for this kind (a level with `aanbod`: `extra`,
    /// `arrangement`), or hosts a voorziening for it (a plusklas, a rebound, also one an addendum
    /// added): what the finder and the dekking count.
    pub fn offers_more_than_basis(&self, kind: &str) -> bool {
        self.ondersteuning.get(kind).is_some_and(|s| s.aanbod) || self.voorzieningen.iter().any(|v| v.ondersteuning.iter().any(|k| k == kind))
    }

    /// Offers more than basic support for `kind` to pupils of `sector`, for the dekking's PO and
    /// VO tables: its own level counts for the sector of its type (`own`, from the vocabulary),
    /// a voorziening for the sector it names (a vo plusklas at a basisschool is vo), or for the
    /// school's when it names none. So a VO school never fills a PO parent's cell.
    pub fn offers_in_sector(&self, kind: &str, sector: Sector, own: Sector) -> bool {
        (own == sector && self.ondersteuning.get(kind).is_some_and(|s| s.aanbod)) || self.voorzieningen.iter().any(|v| v.sector.unwrap_or(own) == sector && v.ondersteuning.iter().any(|k| k == kind))
    }
}

fn is_postcode(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 7 && b[..4].iter().all(u8::is_ascii_digit) && b[0] != b'0' && b[4] == b' ' && b[5..].iter().all(u8::is_ascii_uppercase)
}

fn is_brin(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 4 && b[..2].iter().all(u8::is_ascii_digit) && b[2..].iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

pub fn load_school(file: &SourceFile, config: &Config, diags: &mut Diagnostics) -> Option<School> {
    let raw: SchoolFile = parse_toml(&file.text, &file.rel, 0, diags)?;
    let rel = file.rel.as_str();
    let at = |key: &str| find_key(&file.text, key);
    let vocab = &config.vocabulaires;

    if !is_brin(&raw.brin) {
        diags.error(rel, at("brin"), format!("BRIN `{}` heeft niet de vorm 12AB", raw.brin), "een BRIN-nummer is twee cijfers en twee hoofdletters, bijvoorbeeld \"91AB\"");
    }
    if raw.vestiging.len() != 2 || !raw.vestiging.chars().all(|c| c.is_ascii_digit()) {
        diags.error(rel, at("vestiging"), format!("vestiging `{}` is geen nummer van twee cijfers", raw.vestiging), "gebruik \"00\" voor de hoofdvestiging, \"01\" voor de eerste nevenvestiging");
    }
    let id = format!("{}{}", raw.brin, raw.vestiging);
    let stem = crate::source::stem_of(file);
    if stem != id {
        diags.warning(rel, at("brin"), format!("het bestand heet `{stem}.toml` maar de school heeft id `{id}`"), format!("noem het bestand `{id}.toml`, dan is het makkelijk te vinden"));
    }
    let gemeente = match config.gemeente(&raw.gemeente) {
        Some(g) => g.to_string(),
        // No gemeenten to check against (passend.toml has errors, reported there).
        None if config.gemeenten.is_empty() => raw.gemeente.clone(),
        None => {
            diags.error(rel, at("gemeente"), format!("gemeente `{}` hoort niet bij het werkgebied", raw.gemeente), suggestion(&raw.gemeente, config.gemeenten.iter().map(String::as_str)));
            raw.gemeente.clone()
        }
    };
    if !vocab.onderwijstype.contains(&raw.onderwijstype) {
        diags.error(rel, at("onderwijstype"), format!("onbekend onderwijstype `{}`", raw.onderwijstype), suggestion(&raw.onderwijstype, vocab.onderwijstype.keys()));
    }
    if let Some(d) = &raw.denominatie {
        if !vocab.denominatie.contains(d) {
            diags.error(rel, at("denominatie"), format!("onbekende denominatie `{d}`"), suggestion(d, vocab.denominatie.keys()));
        }
    }
    let is_vo = vocab.sector_of(&raw.onderwijstype) == Sector::Vo;
    for n in &raw.niveaus {
        if !vocab.vo_niveau.contains(n) {
            diags.error(rel, at("niveaus"), format!("onbekend niveau `{n}`"), suggestion(n, vocab.vo_niveau.keys()));
        }
    }
    if !raw.niveaus.is_empty() && !is_vo {
        diags.warning(rel, at("niveaus"), "`niveaus` gelden alleen voor voortgezet onderwijs", "verwijder `niveaus` bij een school in het primair onderwijs");
    }
    if !is_postcode(&raw.adres.postcode) {
        diags.error(rel, at("postcode"), format!("postcode `{}` heeft niet de vorm 1234 AB", raw.adres.postcode), "schrijf vier cijfers, een spatie en twee hoofdletters, bijvoorbeeld \"3851 AB\"");
    }
    // (table, key, value) of every e-mail address, phone number and link, so each is checked
    // the same way and reported where it is written.
    let support_contact = raw.contact_ondersteuning.as_ref();
    let emails = [("contact", &raw.contact.email), ("contact_ondersteuning", support_contact.map_or(&raw.contact.email, |c| &c.email))];
    for (i, (table, email)) in emails.iter().enumerate() {
        if (i == 0 || support_contact.is_some()) && !email.is_empty() && !is_email(email) {
            diags.error(rel, find_key_in(&file.text, table, "email"), format!("`{email}` is geen geldig e-mailadres"), "schrijf het als naam@school.nl");
        }
    }
    let phones = [("contact", Some(&raw.contact.telefoon)), ("contact_ondersteuning", support_contact.map(|c| &c.telefoon))];
    for (table, phone) in phones {
        if let Some(phone) = phone.filter(|p| !p.is_empty()) {
            // A warning: the number is still shown as written (escaped), only not as a `tel:`
            // link, which needs a number a phone can dial.
            if !is_phone(phone) {
                diags.warning(rel, find_key_in(&file.text, table, "telefoon"), format!("`{phone}` is geen volledig telefoonnummer; het wordt niet als belbare link getoond"), "schrijf het nummer met netnummer en alleen cijfers en spaties, bijvoorbeeld \"0341 820 111\"");
            }
        }
    }
    let links = [
        (find_key_in(&file.text, "contact", "website"), Some(&raw.contact.website).filter(|w| !w.is_empty())),
        (find_key_in(&file.text, "sop_document", "link"), raw.sop_document.as_ref().map(|d| &d.0.link)),
        (find_key_in(&file.text, "aanmelden", "link"), raw.aanmelden.as_ref().and_then(|a| a.link.as_ref())),
    ];
    for (pos, value) in links {
        if let Some(v) = value {
            if !is_url(v) {
                diags.error(rel, pos, format!("`{v}` is geen volledig webadres"), "begin met https://, bijvoorbeeld \"https://www.school.nl\"");
            }
        }
    }
    if let Some(c) = support_contact {
        if c.naam.trim().is_empty() {
            diags.error(rel, find_key_in(&file.text, "contact_ondersteuning", "naam"), "`contact_ondersteuning` heeft geen naam", "schrijf de naam van de intern begeleider of zorgcoördinator");
        }
    }
    if let Some(a) = &raw.aanmelden {
        if a.tekst.trim().is_empty() {
            diags.error(rel, find_key_in(&file.text, "aanmelden", "tekst"), "`aanmelden` heeft geen tekst", "beschrijf in een paar zinnen hoe en wanneer ouders hun kind aanmelden");
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    for e in &raw.expertise {
        if e.trim().is_empty() {
            diags.error(rel, at("expertise"), "lege waarde in `expertise`", "verwijder de lege tekst \"\" uit de lijst");
        } else if !seen.insert(crate::text::slugify(e)) {
            diags.error(rel, at("expertise"), format!("`{e}` staat twee keer in `expertise`"), "noem elke specialist of training één keer");
        }
    }
    check_not_future(file, "vastgesteld", raw.vastgesteld, diags);
    if let Some(d) = &raw.sop_document {
        if let Some(datum) = d.0.datum.filter(|&datum| datum > Date::today()) {
            diags.error(rel, find_key_in(&file.text, "sop_document", "datum"), format!("`sop_document.datum` = {datum} ligt in de toekomst"), "controleer de datum (jaar, maand, dag)");
        }
    }
    if let Some(l) = &raw.leerlingen {
        check_not_future(file, "peildatum", Some(l.peildatum), diags);
    }
    let max_age = config.scholen.max_sop_leeftijd_maanden;
    let verouderd = match raw.vastgesteld {
        Some(d) if d.months_until(Date::today()) >= max_age => {
            diags.warning(rel, at("vastgesteld"), format!("het schoolondersteuningsprofiel is vastgesteld op {} en is ouder dan {max_age} maanden", d.to_dutch()), "laat de school het profiel opnieuw vaststellen en werk de datum bij");
            true
        }
        Some(_) => false,
        None => {
            diags.warning(rel, at("naam"), "`vastgesteld` ontbreekt: wanneer is dit profiel vastgesteld?", "voeg vastgesteld = 2025-06-01 toe (de datum van vaststelling)");
            false
        }
    };

    let mut ondersteuning = BTreeMap::new();
    for (kind, support) in &raw.ondersteuning {
        let pos = at(&format!("ondersteuning.{kind}"));
        if !vocab.ondersteuning.contains(kind) {
            diags.error(rel, pos, format!("onbekende soort ondersteuning `{kind}`"), suggestion(kind, vocab.ondersteuning.keys()));
        }
        if !vocab.niveau.contains(&support.niveau) {
            let pos = find_key_after(&file.text, "niveau", offset_of(&file.text, pos.line));
            diags.error(rel, pos, format!("onbekend niveau `{}` bij `{kind}`", support.niveau), suggestion(&support.niveau, vocab.niveau.keys()));
        }
    }
    for term in vocab.ondersteuning.iter() {
        let mut support = raw.ondersteuning.get(&term.key).cloned().unwrap_or(Support { niveau: vocab.standard_level().into(), uitleg: String::new(), aanbod: false });
        support.aanbod = vocab.is_offer(&support.niveau);
        ondersteuning.insert(term.key.clone(), support);
    }
    let voorziening_offsets = array_table_offsets(&file.text, "voorzieningen");
    for (i, v) in raw.voorzieningen.iter().enumerate() {
        let from = voorziening_offsets.get(i).copied().unwrap_or(0);
        for kind in &v.ondersteuning {
            if !vocab.ondersteuning.contains(kind) {
                diags.error(rel, find_key_after(&file.text, "ondersteuning", from), format!("onbekende soort ondersteuning `{kind}` bij voorziening `{}`", v.naam), suggestion(kind, vocab.ondersteuning.keys()));
            }
        }
        if v.sector == Some(Sector::Beide) {
            diags.error(rel, find_key_after(&file.text, "sector", from), format!("onbekende sector `beide` bij voorziening `{}`", v.naam), "gebruik \"po\" of \"vo\"");
        }
    }

    Some(School {
        source: file.rel.clone(),
        url: url::school(&id),
        id,
        brin: raw.brin,
        vestiging: raw.vestiging,
        naam: raw.naam,
        bestuur: raw.bestuur,
        onderwijstype: raw.onderwijstype,
        denominatie: raw.denominatie,
        gemeente_slug: crate::text::slugify(&gemeente),
        gemeente,
        vastgesteld: raw.vastgesteld,
        verouderd,
        sop_document: raw.sop_document.map(|d| d.0),
        niveaus: raw.niveaus,
        expertise: raw.expertise,
        basisondersteuning: raw.basisondersteuning,
        contact_ondersteuning: raw.contact_ondersteuning,
        aanmelden: raw.aanmelden,
        bijzonderheden: raw.bijzonderheden,
        adres: raw.adres,
        leerlingen: raw.leerlingen,
        contact: raw.contact,
        ondersteuning,
        voorzieningen: raw.voorzieningen,
        toegankelijkheid: raw.toegankelijkheid,
        grenzen: raw.grenzen,
        ambities: raw.ambities,
        ketenpartners: raw.ketenpartners,
    })
}

/// Byte offset of the start of 1-based `line` in `text`.
fn offset_of(text: &str, line: usize) -> usize {
    text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postcode_and_brin_forms() {
        assert!(is_postcode("3851 AB"));
        assert!(!is_postcode("3851AB"));
        assert!(!is_postcode("0851 AB"));
        assert!(!is_postcode("3851 ab"));
        assert!(is_brin("91AB"));
        assert!(!is_brin("9AB1"));
    }
}
