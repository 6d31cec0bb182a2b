//! What is searchable, made from the [`Site`] alone: every section of every chapter and addendum
//! (each `##`/`###` heading its own document, linked by its anchor), the steunpunt pages and
//! their sections, the route, every FAQ question, every begrip and every school.

use crate::config::Sector;
use crate::markdown::Rendered;
use crate::site::Site;
use crate::url;

/// One search document.
#[derive(Debug, Clone)]
pub struct SearchDoc {
    /// `plan`, `school`, `steunpunt` or `begrip`.
    pub kind: &'static str,
    pub url: String,
    pub title: String,
    /// Where the page sits, for the result's breadcrumb: ["Ondersteuningsplan", "Toelaatbaarheid"].
    pub breadcrumb: Vec<String>,
    pub body: String,
    /// Schools only: the kinds of support offered as `extra` or `arrangement`, voorzieningen and
    /// accessibility. A match here ranks a school above one that merely mentions the word.
    pub support: String,
    /// The key of its [`Sector`]: `po`, `vo` or `beide`.
    pub sector: String,
    /// Schools only: gemeente slug.
    pub gemeente: String,
}

pub const KIND_LABELS: &[(&str, &str)] = &[("plan", "Ondersteuningsplan"), ("school", "School"), ("steunpunt", "Steunpunt"), ("begrip", "Begrip")];

pub fn kind_label(kind: &str) -> &'static str {
    KIND_LABELS.iter().find(|(k, _)| *k == kind).map_or("", |(_, l)| l)
}

/// Every document, in a fixed order (the order is the tie-break of equal scores).
pub fn documents(site: &Site) -> Vec<SearchDoc> {
    let mut docs = Vec::new();
    for ch in &site.chapters {
        sections(&mut docs, "plan", &ch.url, &ch.title, &ch.samenvatting, &["Ondersteuningsplan".to_string(), ch.title.clone()], &ch.body, ch.sector);
    }
    for a in &site.addenda {
        sections(&mut docs, "plan", &a.url, &a.title, &a.samenvatting, &["Wijzigingen in het plan".to_string(), a.title.clone()], &a.body, Sector::Beide);
    }
    for p in &site.steunpunt {
        let crumbs = if p.slug == "index" { vec!["Steunpunt".to_string()] } else { vec!["Steunpunt".to_string(), p.title.clone()] };
        sections(&mut docs, "steunpunt", &p.url, &p.title, &p.samenvatting, &crumbs, &p.body, Sector::Beide);
    }
    if !site.data.route.is_empty() {
        let body: Vec<String> = site.data.route.iter().map(|s| format!("{}. {}. {}. {}", s.titel, s.wie, s.waarvoor, s.contact)).collect();
        docs.push(doc("steunpunt", url::route(), "Waar kan ik terecht?", vec!["Steunpunt".into(), "Waar kan ik terecht?".into()], body.join(" "), Sector::Beide));
    }
    for v in &site.data.faq {
        let id = v.id.clone().unwrap_or_default();
        let answer = crate::markdown::strip_tags(&v.antwoord_html);
        docs.push(doc("steunpunt", format!("{}#{id}", url::faq()), &v.vraag, vec!["Steunpunt".into(), "Veelgestelde vragen".into()], squash(&answer), Sector::Beide));
    }
    for b in &site.data.begrippen {
        let title = match &b.volledig {
            Some(v) => format!("{} ({v})", b.term),
            None => b.term.clone(),
        };
        let body = format!("{} {} {}", b.kort, b.uitleg, b.synoniemen.join(", "));
        docs.push(doc("begrip", url::begrip(&b.id), &title, vec!["Begrippen".into()], body, Sector::Beide));
    }
    let vocab = &site.config.vocabulaires;
    for s in &site.schools {
        let mut body = vec![format!(
            "{} in {}, gemeente {}. {}.",
            vocab.onderwijstype.label(&s.onderwijstype),
            s.adres.plaats,
            s.gemeente,
            s.denominatie.as_deref().map(|d| vocab.denominatie.label(d)).unwrap_or("")
        )];
        body.push(s.niveaus.iter().map(|n| vocab.vo_niveau.label(n)).collect::<Vec<_>>().join(", "));
        let mut support = Vec::new();
        for kind in vocab.ondersteuning.iter() {
            let level = s.level(&kind.key);
            let uitleg = s.ondersteuning.get(&kind.key).map(|x| x.uitleg.as_str()).unwrap_or("");
            if level != vocab.standard_level() || !uitleg.is_empty() {
                body.push(format!("{}: {}. {uitleg}", kind.label, vocab.niveau.label(level)));
            }
            if s.offers_more_than_basis(&kind.key) {
                support.push(format!("{} {}. {}", kind.key, kind.label, kind.uitleg));
            }
        }
        for v in &s.voorzieningen {
            body.push(format!("{}: {}", v.naam, v.voor_wie));
            support.push(v.naam.clone());
        }
        // What the school wrote about itself: a parent searching "gedragsspecialist" or
        // "Kanjertraining" finds the schools whose team has it, ranked as an offer.
        if !s.expertise.is_empty() {
            body.push(format!("Expertise: {}.", s.expertise.join(", ")));
            support.extend(s.expertise.iter().cloned());
        }
        for text in [&s.basisondersteuning, &s.bijzonderheden] {
            if !text.is_empty() {
                body.push(text.clone());
            }
        }
        if let Some(a) = &s.aanmelden {
            body.push(format!("Aanmelden: {}", a.tekst));
        }
        if let Some(c) = &s.contact_ondersteuning {
            body.push(format!("{} {}", c.naam, c.rol));
        }
        for (_, label, present) in s.toegankelijkheid.features() {
            if present {
                body.push(label.to_string());
                support.push(label.to_string());
            }
        }
        // Two locations with one name (a school and its branch) would be two identical results:
        // their titles say which is which, by place and type.
        let title = if site.schools.iter().filter(|o| o.naam == s.naam).count() > 1 {
            format!("{} ({}, {})", s.naam, s.adres.plaats, vocab.onderwijstype.label(&s.onderwijstype).to_lowercase())
        } else {
            s.naam.clone()
        };
        let mut d = doc("school", s.url.clone(), &title, vec!["Scholen".into(), s.gemeente.clone()], body.join(" "), vocab.sector_of(&s.onderwijstype));
        d.support = support.join(". ");
        d.gemeente = s.gemeente_slug.clone();
        docs.push(d);
    }
    docs
}

fn doc(kind: &'static str, url: String, title: &str, breadcrumb: Vec<String>, body: String, sector: Sector) -> SearchDoc {
    SearchDoc { kind, url, title: title.trim().to_string(), breadcrumb, body, support: String::new(), sector: sector.key().to_string(), gemeente: String::new() }
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A page and each of its sections. The text before the first heading belongs to the page
/// itself, with its summary.
#[allow(clippy::too_many_arguments)]
fn sections(docs: &mut Vec<SearchDoc>, kind: &'static str, page_url: &str, title: &str, summary: &str, crumbs: &[String], body: &Rendered, sector: Sector) {
    let intro = body.sections.iter().find(|s| s.id.is_empty()).map(|s| s.text.as_str()).unwrap_or("");
    docs.push(doc(kind, page_url.to_string(), title, crumbs[..crumbs.len().saturating_sub(1)].to_vec(), squash(&format!("{summary} {intro}")), sector));
    for s in body.sections.iter().filter(|s| !s.id.is_empty()) {
        docs.push(doc(kind, format!("{page_url}#{}", s.id), &s.title, crumbs.to_vec(), s.text.clone(), sector));
    }
}
