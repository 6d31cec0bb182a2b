//! DUO's register of school locations ("Adressen alle vestigingen", open onderwijsdata) as the
//! source of each school's identity: name, address, gemeente, denominatie, phone and website.
//! Only those fields are written; the support profile is the school's and never touched.
//!
//! DUO renamed its columns (`BRIN NUMMER` became `INSTELLINGSCODE`, `VESTIGINGSNUMMER`
//! `VESTIGINGSCODE`); both are read. The register writes names in capitals, which become normal
//! Dutch case (`text::case`).

use super::edit::{list, text, Edit};
use super::table::Table;
use super::{Context, Outcome, Selection};
use crate::diagnostics::{suggestion, Diagnostics, Position};
use crate::text::{is_phone, normal_case, slugify};
use std::collections::{BTreeMap, BTreeSet};

const BRIN: &[&str] = &["BRIN NUMMER", "INSTELLINGSCODE", "BRIN"];
const VESTIGING: &[&str] = &["VESTIGINGSNUMMER", "VESTIGINGSCODE"];
const NAAM: &[&str] = &["VESTIGINGSNAAM"];
const STRAAT: &[&str] = &["STRAATNAAM"];
const HUISNUMMER: &[&str] = &["HUISNUMMER-TOEVOEGING", "HUISNUMMER"];
const POSTCODE: &[&str] = &["POSTCODE"];
const PLAATS: &[&str] = &["PLAATSNAAM"];
const GEMEENTE: &[&str] = &["GEMEENTENAAM"];
const DENOMINATIE: &[&str] = &["DENOMINATIE"];
const TELEFOON: &[&str] = &["TELEFOONNUMMER"];
const WEBSITE: &[&str] = &["INTERNETADRES"];
const STRUCTUUR: &[&str] = &["ONDERWIJSSTRUCTUUR"];
const SOORT_PO: &[&str] = &["SOORT PO", "SOORT PRIMAIR ONDERWIJS"];
const SWV: &[&str] = &["SAMENWERKINGSVERBAND", "CODE SAMENWERKINGSVERBAND", "SWV"];

/// Whether a table's header is DUO's register (rather than the SOP sheet).
pub(super) fn is_register(table: &Table) -> bool {
    table.column(NAAM).is_some() || table.column(BRIN).is_some()
}

/// One school location as the register has it, in the site's spelling.
struct Location {
    line: usize,
    brin: String,
    vestiging: String,
    naam: String,
    straat: String,
    postcode: String,
    plaats: String,
    /// As in passend.toml, when it is one of its gemeenten.
    gemeente: Option<String>,
    gemeente_register: String,
    denominatie: Option<String>,
    telefoon: Option<String>,
    website: Option<String>,
    onderwijstype: String,
    niveaus: Vec<String>,
    swv: String,
}

/// Create or update the identity of every selected school of the register.
pub(super) fn import(ctx: &Context, table: &Table, selection: &Selection, diags: &mut Diagnostics) -> Outcome {
    let file = ctx.input.as_str();
    let mut outcome = Outcome::default();
    if !table.require(file, &[BRIN, VESTIGING, NAAM, STRAAT, HUISNUMMER, POSTCODE, PLAATS, GEMEENTE], diags) {
        return outcome;
    }
    if selection.swv.is_some() && table.column(SWV).is_none() {
        diags.error(file, Position::START, format!("--swv vraagt een kolom {}, die dit bestand niet heeft", SWV.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(" of ")), "kies de scholen met --brin, of laat --swv weg: dan komen de scholen in de gemeenten uit passend.toml");
        return outcome;
    }
    let locations: Vec<Location> = table.rows.iter().filter_map(|(line, cells)| location(ctx, table, *line, cells, diags)).collect();

    let wanted_brin: BTreeSet<String> = selection.brin.iter().map(|b| b.trim().to_uppercase()).collect();
    let wanted_swv = selection.swv.as_deref().map(swv_code);
    let selected = |l: &Location| match (&wanted_swv, wanted_brin.is_empty()) {
        (Some(code), _) => swv_code(&l.swv) == *code,
        (None, false) => wanted_brin.contains(&l.brin),
        (None, true) => l.gemeente.is_some(),
    };
    for brin in &wanted_brin {
        if !locations.iter().any(|l| &l.brin == brin) {
            let close = locations.iter().map(|l| l.brin.as_str()).collect::<BTreeSet<_>>();
            diags.error(file, Position::START, format!("BRIN `{brin}` staat niet in het register"), suggestion(brin, close.iter().copied().take(500).collect::<Vec<_>>().iter().copied()));
        }
    }
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for l in locations.iter().filter(|l| selected(l)) {
        let id = format!("{}{}", l.brin, l.vestiging);
        if let Some(first) = seen.insert(id.clone(), l.line) {
            diags.error(file, Position { line: l.line, column: 1 }, format!("vestiging `{id}` staat twee keer in het register (ook op regel {first})"), "verwijder een van de twee regels");
            continue;
        }
        if l.gemeente.is_none() {
            diags.error(
                file,
                Position { line: l.line, column: 1 },
                format!("{} ({id}) ligt in gemeente `{}`, die niet bij het werkgebied hoort", l.naam, l.gemeente_register),
                suggestion(&l.gemeente_register, ctx.config.gemeenten.iter().map(String::as_str)),
            );
            continue;
        }
        match ctx.existing.get(&id) {
            Some(existing) => {
                let mut edit = Edit::new(existing.doc.clone());
                set_identity(&mut edit, l);
                outcome.update(existing, edit);
            }
            None => outcome.create(ctx, &id, new_school(ctx, l), diags),
        }
    }
    // Schools of the site that the register no longer has: reported, never deleted (a
    // school that closed or merged is the SWV's decision to take off the site).
    let in_scope = |id: &str| match (&wanted_swv, wanted_brin.is_empty()) {
        (None, false) => wanted_brin.iter().any(|b| id.starts_with(b.as_str())),
        _ => true,
    };
    for (id, existing) in &ctx.existing {
        if in_scope(id) && !seen.contains_key(id) {
            outcome.report.absent.push((id.clone(), existing.rel.clone()));
        }
    }
    outcome
}

/// DUO's code of an SWV compared without spaces and case: `PO 99-01` is `po99-01`.
fn swv_code(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase()
}

fn location(ctx: &Context, table: &Table, line: usize, cells: &[String], diags: &mut Diagnostics) -> Option<Location> {
    let file = ctx.input.as_str();
    let cell = |names: &[&str]| table.column(names).and_then(|i| cells.get(i)).map(|c| c.trim().to_string()).unwrap_or_default();
    let at = |names: &[&str]| Position { line, column: table.column(names).map_or(1, |i| i + 1) };
    let brin = cell(BRIN).to_uppercase();
    if !is_brin(&brin) {
        diags.error(file, at(BRIN), format!("`{brin}` is geen BRIN-nummer (kolom {})", table.header[table.column(BRIN)?]), "een BRIN-nummer is twee cijfers en twee letters of cijfers, zoals 91AB; controleer of dit het register van DUO is");
        return None;
    }
    // `VESTIGINGSCODE` holds BRIN and number together (`91AB00`); `VESTIGINGSNUMMER` in older
    // files the number alone or also the whole code.
    let code = cell(VESTIGING).to_uppercase();
    let vestiging = code.strip_prefix(brin.as_str()).unwrap_or(&code).to_string();
    let vestiging = if vestiging.len() == 1 { format!("0{vestiging}") } else { vestiging };
    if vestiging.len() != 2 || !vestiging.chars().all(|c| c.is_ascii_digit()) {
        diags.error(file, at(VESTIGING), format!("`{code}` is geen vestigingsnummer bij BRIN {brin}"), "een vestigingsnummer is twee cijfers (00, 01), of de BRIN met die twee cijfers (91AB00)");
        return None;
    }
    let raw_postcode: String = cell(POSTCODE).chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
    let postcode = if raw_postcode.len() == 6 { format!("{} {}", &raw_postcode[..4], &raw_postcode[4..]) } else { raw_postcode.clone() };
    let gemeente_register = normal_case(&cell(GEMEENTE));
    let gemeente = ctx.config.gemeente(&gemeente_register).map(str::to_string);
    let straat = format!("{} {}", normal_case(&cell(STRAAT)), house_number(&cell(HUISNUMMER))).trim().to_string();
    let vocab = &ctx.config.vocabulaires;
    let denominatie_register = cell(DENOMINATIE);
    let denominatie = if denominatie_register.is_empty() {
        None
    } else {
        let slug = slugify(&denominatie_register);
        let found = vocab.denominatie.iter().find(|t| t.key == slug || slugify(&t.label) == slug).map(|t| t.key.clone());
        if found.is_none() && gemeente.is_some() {
            diags.warning(file, at(DENOMINATIE), format!("denominatie `{denominatie_register}` staat niet in de woordenlijst `denominatie`; niet overgenomen"), suggestion(&slug, vocab.denominatie.keys()));
        }
        found
    };
    let telefoon = Some(cell(TELEFOON)).filter(|t| !t.is_empty());
    let telefoon = match telefoon {
        Some(t) if !is_phone(&t) => {
            if gemeente.is_some() {
                diags.warning(file, at(TELEFOON), format!("`{t}` is geen volledig telefoonnummer; niet overgenomen"), "vul het nummer met netnummer zelf in bij [contact]");
            }
            None
        }
        other => other,
    };
    let website = Some(cell(WEBSITE)).filter(|w| !w.is_empty()).map(|w| if w.contains("://") { w } else { format!("https://{}", w.to_lowercase()) });
    let website = website.filter(|w| crate::config::is_url(w));
    let structuur = cell(STRUCTUUR).to_uppercase();
    let soort = cell(SOORT_PO).to_lowercase();
    let onderwijstype = if table.column(STRUCTUUR).is_some() {
        if soort.contains("vso") { "vso" } else { "vo" }
    } else if soort.contains("sbo") {
        "sbo"
    } else if soort.contains("so") {
        "so"
    } else {
        "bao"
    };
    let niveaus = structuur
        .split(['/', ',', ' '])
        .flat_map(|part| -> &[&str] {
            match part {
            "PRO" => &["praktijkonderwijs"][..],
            "VMBO" => &["vmbo-b", "vmbo-k", "vmbo-gt"][..],
            "MAVO" => &["vmbo-gt"][..],
            "HAVO" => &["havo"][..],
            "VWO" => &["vwo"][..],
            _ => &[][..],
            }
        })
        .map(|n: &&str| n.to_string())
        .collect::<Vec<_>>();
    let mut niveaus_unique = Vec::new();
    for n in niveaus {
        if !niveaus_unique.contains(&n) {
            niveaus_unique.push(n);
        }
    }
    Some(Location {
        line,
        naam: normal_case(&cell(NAAM)),
        straat,
        postcode,
        plaats: normal_case(&cell(PLAATS)),
        gemeente,
        gemeente_register,
        denominatie,
        telefoon,
        website,
        onderwijstype: onderwijstype.to_string(),
        niveaus: niveaus_unique,
        swv: cell(SWV),
        brin,
        vestiging,
    })
}

/// DUO's `HUISNUMMER-TOEVOEGING` as an address is written: `2 A` becomes `2a`, `12-14` and
/// `3 BIS` stay apart (`3 bis`).
fn house_number(s: &str) -> String {
    let lower = s.trim().to_lowercase();
    match lower.split_once(' ') {
        Some((number, suffix)) if number.chars().all(|c| c.is_ascii_digit()) && suffix.chars().count() == 1 && suffix.chars().all(char::is_alphabetic) => format!("{number}{suffix}"),
        _ => lower,
    }
}

fn is_brin(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 4 && b[..2].iter().all(u8::is_ascii_digit) && b[2..].iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// The identity fields the register decides. Phone and website only when the register has
/// one: an empty cell in the register does not wipe what the school wrote itself.
fn set_identity(edit: &mut Edit, l: &Location) {
    edit.set(&["naam"], text(&l.naam));
    if let Some(g) = &l.gemeente {
        edit.set(&["gemeente"], text(g));
    }
    if let Some(d) = &l.denominatie {
        edit.set(&["denominatie"], text(d));
    }
    edit.set(&["adres", "straat"], text(&l.straat));
    edit.set(&["adres", "postcode"], text(&l.postcode));
    edit.set(&["adres", "plaats"], text(&l.plaats));
    // The same number or site written differently (`0341 820 111`, `0341-820111`) is kept as
    // the school wrote it: only a real change is a change.
    let current = |edit: &Edit, key: &str| edit.get(&["contact", key]).and_then(|v| v.as_str()).unwrap_or("").to_string();
    if let Some(t) = &l.telefoon {
        let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
        if digits(&current(edit, "telefoon")) != digits(t) {
            edit.set(&["contact", "telefoon"], text(t));
        }
    }
    if let Some(w) = &l.website {
        let bare = |s: &str| s.trim_start_matches("https://").trim_start_matches("http://").trim_end_matches('/').to_lowercase();
        if bare(&current(edit, "website")) != bare(w) {
            edit.set(&["contact", "website"], text(w));
        }
    }
}

/// The text of a new school file: the identity from the register, with a comment on what the
/// school still has to fill in.
fn new_school(ctx: &Context, l: &Location) -> String {
    let mut edit = Edit::new(toml_edit::DocumentMut::new());
    edit.set(&["brin"], text(&l.brin));
    edit.set(&["vestiging"], text(&l.vestiging));
    edit.set(&["naam"], text(&l.naam));
    edit.set(&["bestuur"], text(""));
    edit.set(&["onderwijstype"], text(&l.onderwijstype));
    if let Some(d) = &l.denominatie {
        edit.set(&["denominatie"], text(d));
    }
    edit.set(&["gemeente"], text(l.gemeente.as_deref().unwrap_or_default()));
    if ctx.config.vocabulaires.sector_of(&l.onderwijstype) == crate::config::Sector::Vo && !l.niveaus.is_empty() {
        edit.set(&["niveaus"], list(&l.niveaus));
    }
    set_identity(&mut edit, l);
    format!(
        "# {} ({}): gemaakt uit het register van DUO.\n# Vul `bestuur` in, en het profiel: vastgesteld, [ondersteuning.<soort>], expertise, [contact_ondersteuning], [aanmelden].\n{}",
        l.naam,
        l.gemeente.as_deref().unwrap_or_default(),
        edit.doc
    )
}

