//! The text in force: the vastgesteld addenda applied, in date order, to the plan as vastgesteld.
//!
//! An addendum declares its changes as data (`[[wijziging]]` in its front matter): a section of a
//! chapter (by its anchor) is replaced (`vervangt`), gets a new section before or after it
//! (`voegt_toe`) or is withdrawn (`vervalt`), with the new text as a section of the addendum
//! itself, so the addendum's own page shows the text it puts in force. It may also change the
//! planperiode, a row of the begroting or add a voorziening to a school. A concept addendum changes
//! nothing in force: its section changes become notes ("voorgestelde wijziging") on the chapter.
//!
//! Every vastgesteld state of the plan is kept as a [`PlanVersion`], so older texts stay readable
//! at stable URLs and each chapter can be compared with the text before.
//!
//! Layer: above `content`, `data`, `school` and `markdown` (it edits what they loaded), below
//! `site`, which calls [`apply`] once while loading.

use crate::config::Config;
use crate::content::{render_chapter_body, Addendum, AddendumStatus, Chapter, Figures, SectionChange, SectionNote, Wijziging};
use crate::figures::Table;
use crate::data::Data;
use crate::diagnostics::{suggestion, Diagnostics, Position};
use crate::markdown::{self, BodySource, Heading, Rendered};
use crate::school::School;
use crate::source::{array_table_offsets, find_key_after, SourceFile};
use crate::text::Date;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// One vastgesteld state of the whole plan.
#[derive(Debug, Clone)]
pub struct PlanVersion {
    /// The day this text came into force: the plan's vaststelling, or an addendum's date.
    pub datum: Date,
    /// The day the next version replaced it; `None` for the text in force.
    pub tot: Option<Date>,
    /// Slug of the addendum that made this version; `None` for the plan as vastgesteld.
    pub addendum: Option<String>,
    /// Each chapter's body in this version, in the order of `Site::chapters`; shared with the
    /// versions (and chapters) where it is unchanged, so each version costs only what it changed.
    pub chapters: Vec<Arc<Rendered>>,
    /// The tables of figures each chapter shows in this version.
    pub tables: Vec<Arc<Vec<Table>>>,
    /// Whether the chapter differs from the version before.
    pub changed: Vec<bool>,
}

/// The kinds of `[[wijziging]]`, as written in `soort`.
const KINDS: &[&str] = &["vervangt", "voegt_toe", "vervalt", "planperiode", "begroting", "voorziening"];

/// A plan may run four years; the law allowed a one-time extension by a year (as in 2022), so
/// an extension beyond five years is an error.
const MAX_PLAN_YEARS: i32 = 5;

/// The source files of the addenda, by their `rel` path, for positions in messages.
pub type AddendumFiles<'a> = BTreeMap<&'a str, &'a SourceFile>;

/// Apply the vastgesteld addenda to the chapters (their `body` becomes the text in force, their
/// `notes` tell what changed), to the planperiode, the begroting and the schools' voorzieningen.
/// Returns the plan's versions, oldest first: empty when no vastgesteld addendum changes a
/// chapter's text (then the chapters are the text in force as written).
// The one place the loaded model is edited: each argument is a part of it that addenda change.
#[allow(clippy::too_many_arguments)]
pub fn apply(
    config: &mut Config,
    chapters: &mut [Arc<Chapter>],
    addenda: &[Addendum],
    files: &AddendumFiles,
    data: &mut Data,
    schools: &mut [Arc<School>],
    link_targets: &BTreeMap<String, String>,
    diags: &mut Diagnostics,
) -> Vec<PlanVersion> {
    let mut order: Vec<&Addendum> = addenda.iter().collect();
    order.sort_by(|a, b| (a.datum, &a.slug).cmp(&(b.datum, &b.slug)));
    // The text so far and its headings of each chapter an addendum changed (by index); the
    // others are as their file has them. Only these are copied: a national plan has 3,000
    // chapters, an addendum changes a few (issue 18).
    let mut texts: BTreeMap<usize, (String, Vec<Heading>)> = BTreeMap::new();
    let mut versions: Vec<PlanVersion> = Vec::new();
    // Sections withdrawn so far (chapter index, anchor) and the changes per (chapter, anchor, date).
    let mut withdrawn: Vec<(usize, String)> = Vec::new();
    let mut seen: BTreeMap<(usize, String, Date), String> = BTreeMap::new();
    let start = config.planperiode.start;

    for a in &order {
        let Some(file) = files.get(a.source.as_str()) else { continue };
        let offsets = array_table_offsets(&file.text, "wijziging");
        let in_force = a.status == AddendumStatus::Vastgesteld;
        if in_force && !config.fallback {
            if let Some(plan) = config.planperiode.vastgesteld {
                if a.datum < plan {
                    diags.error(&a.source, crate::source::find_key(&file.text, "datum"), format!("dit addendum is vastgesteld op {} , vóór het plan zelf ({})", a.datum, plan), "controleer de datum: een addendum wijzigt een plan dat al is vastgesteld");
                }
            }
        }
        // The chapters whose text this addendum changed.
        let mut changed_chapters: BTreeSet<usize> = BTreeSet::new();
        let previous_version = versions.last().map(|v| v.datum).or(config.planperiode.vastgesteld);
        let mut changed_text = false;
        let mut figures_changed = false;
        for (n, w) in a.wijzigingen.iter().enumerate() {
            let at = offsets.get(n).copied().unwrap_or(0);
            let pos = |key: &str| find_key_after(&file.text, key, at);
            if !KINDS.contains(&w.soort.as_str()) {
                diags.error(&a.source, pos("soort"), format!("onbekende soort wijziging `{}`", w.soort), suggestion(&w.soort, KINDS.iter().copied()));
                continue;
            }
            match w.soort.as_str() {
                "planperiode" => {
                    let Some(eind) = w.eind else {
                        diags.error(&a.source, pos("soort"), "een wijziging van de planperiode zonder `eind`", "schrijf het nieuwe laatste jaar, bijvoorbeeld eind = 2031");
                        continue;
                    };
                    if config.fallback {
                        // passend.toml has its own errors; its planperiode is not to be trusted.
                    } else if eind - start > MAX_PLAN_YEARS {
                        diags.error(&a.source, pos("eind"), format!("na deze verlenging loopt het plan {} jaar ({start}-{eind})", eind - start), "een plan geldt ten hoogste vier jaar en mag eenmalig met één jaar worden verlengd; stel een nieuw plan op");
                    } else if eind < config.planperiode.eind && in_force {
                        diags.warning(&a.source, pos("eind"), format!("deze wijziging maakt de planperiode korter ({} wordt {eind})", config.planperiode.eind), "controleer het jaar");
                    }
                    if in_force {
                        config.planperiode.eind = eind;
                    }
                }
                "begroting" => figures_changed |= begroting(w, a, in_force, &pos, data, diags),
                "voorziening" => voorziening(w, a, in_force, &pos, schools, diags),
                kind => {
                    let soort = match kind {
                        "vervangt" => SectionChange::Vervangt,
                        "voegt_toe" => SectionChange::VoegtToe,
                        _ => SectionChange::Vervalt,
                    };
                    let Some(ci) = chapter_of(w, a, chapters, &pos, diags) else { continue };
                    let Some(anchor) = w.sectie.as_deref() else {
                        diags.error(&a.source, pos("hoofdstuk"), "welke sectie? `sectie` ontbreekt", "geef het anker van de sectie, bijvoorbeeld sectie = \"arrangementen\" (het id uit de inhoudsopgave van het hoofdstuk)");
                        continue;
                    };
                    let headings = texts.get(&ci).map_or(&chapters[ci].body.headings, |(_, h)| h);
                    let Some(target) = headings.iter().position(|h| h.id == anchor) else {
                        diags.error(&a.source, pos("sectie"), format!("hoofdstuk `{}` heeft geen sectie `{anchor}`", chapters[ci].stem), suggestion(anchor, headings.iter().map(|h| h.id.as_str())));
                        continue;
                    };
                    if withdrawn.iter().any(|(c, s)| *c == ci && s == anchor) {
                        diags.error(&a.source, pos("sectie"), format!("sectie `{anchor}` is door een eerder addendum al vervallen"), "wijzig een sectie die nog geldt, of voeg een nieuwe sectie toe");
                        continue;
                    }
                    if in_force && soort != SectionChange::VoegtToe {
                        if let Some(other) = seen.insert((ci, anchor.to_string(), a.datum), a.slug.clone()) {
                            diags.error(&a.source, pos("sectie"), format!("sectie `{anchor}` wordt op {} twee keer gewijzigd (ook door `{other}`)", a.datum), "voeg de wijzigingen samen in één addendum of geef ze een eigen datum");
                        }
                    }
                    let new_text = match soort {
                        SectionChange::Vervalt => None,
                        _ => match addendum_section(w, a, &pos, diags) {
                            Some(t) => Some(t),
                            None => continue,
                        },
                    };
                    let plaats = w.plaats.as_deref().unwrap_or("na");
                    if soort == SectionChange::VoegtToe && !matches!(plaats, "voor" | "na") {
                        diags.error(&a.source, pos("plaats"), format!("onbekende plaats `{plaats}`"), "kies \"voor\" of \"na\" de sectie");
                        continue;
                    }
                    // The section a reader should look at afterwards: the added one has its own id.
                    let mut note_anchor = anchor.to_string();
                    if in_force {
                        let (text, headings) = texts.entry(ci).or_insert_with(|| (chapters[ci].markdown.clone(), chapters[ci].body.headings.clone()));
                        let h = &headings[target];
                        let (from, to) = section_range(text, headings, target);
                        let replacement = match (soort, new_text) {
                            (SectionChange::Vervangt, Some((body, level))) => retitle(&body, h.level as i32 - level as i32, Some((&h.id, &h.oogo)), Some(w.titel.as_deref().unwrap_or(&h.text))),
                            (SectionChange::VoegtToe, Some((body, level))) => {
                                let added = retitle(&body, h.level as i32 - level as i32, None, w.titel.as_deref());
                                note_anchor = added_id(&added, &a.source, link_targets).unwrap_or(note_anchor);
                                if plaats == "voor" { format!("{added}\n\n{}", &text[from..to]) } else { format!("{}\n\n{added}\n\n", text[from..to].trim_end()) }
                            }
                            _ => {
                                withdrawn.push((ci, anchor.to_string()));
                                let line_end = text[from..].find('\n').map_or(to, |i| from + i + 1);
                                format!("{}\n{}", &text[from..line_end], footnotes(&text[line_end..to]))
                            }
                        };
                        let replacement = match soort {
                            SectionChange::Vervangt => format!("{}\n\n{}", replacement.trim_end(), footnotes(&text[from..to])),
                            _ => replacement,
                        };
                        let new_text = format!("{}{}{}", &text[..from], replacement, &text[to..]);
                        if new_text != *text {
                            *headings = render(&chapters[ci], &new_text, &Figures { data, config, link_targets }).0.headings;
                            *text = new_text;
                            changed_chapters.insert(ci);
                            changed_text = true;
                        }
                    }
                    Arc::make_mut(&mut chapters[ci]).notes.push(SectionNote {
                        anchor: note_anchor,
                        soort,
                        addendum: a.slug.clone(),
                        datum: a.datum,
                        in_force,
                        vorige_versie: if in_force { previous_version } else { None },
                    });
                }
            }
        }
        if in_force && (changed_text || figures_changed) {
            let base = || PlanVersion {
                datum: config.planperiode.vastgesteld.unwrap_or(a.datum),
                tot: None,
                addendum: None,
                chapters: chapters.iter().map(|c| c.body.clone()).collect(),
                tables: chapters.iter().map(|c| c.tables.clone()).collect(),
                changed: vec![false; chapters.len()],
            };
            let previous = versions.last().cloned().unwrap_or_else(base);
            // A chapter is made again when its text changed, or when the figures it shows did.
            let figures = Figures { data, config, link_targets };
            let (bodies, tables): (Vec<Arc<Rendered>>, Vec<Arc<Vec<Table>>>) = chapters
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let text = texts.get(&i).map_or(&c.markdown, |(t, _)| t);
                    if changed_chapters.contains(&i) || (figures_changed && text.contains("{{")) {
                        let (body, tables) = render(c, text, &figures);
                        (Arc::new(body), Arc::new(tables))
                    } else {
                        (Arc::clone(&previous.chapters[i]), Arc::clone(&previous.tables[i]))
                    }
                })
                .unzip();
            let changed: Vec<bool> = bodies.iter().zip(&previous.chapters).map(|(b, p)| !Arc::ptr_eq(b, p) && b.html != p.html).collect();
            if changed.iter().any(|c| *c) {
                if versions.is_empty() {
                    versions.push(previous);
                }
                versions.last_mut().expect("a version").tot = Some(a.datum);
                versions.push(PlanVersion { datum: a.datum, tot: None, addendum: Some(a.slug.clone()), chapters: bodies, tables, changed });
            }
            // Notes of this addendum point at the version before it.
            for c in chapters.iter_mut().filter(|c| c.notes.iter().any(|n| n.addendum == a.slug)) {
                for note in Arc::make_mut(c).notes.iter_mut().filter(|n| n.addendum == a.slug) {
                    note.vorige_versie = versions.len().checked_sub(2).and_then(|k| versions.get(k)).map(|v| v.datum);
                }
            }
        }
    }
    if let Some(current) = versions.last() {
        for ((c, body), tables) in chapters.iter_mut().zip(&current.chapters).zip(&current.tables) {
            if !Arc::ptr_eq(&c.body, body) || !Arc::ptr_eq(&c.tables, tables) {
                let c = Arc::make_mut(c);
                c.body = Arc::clone(body);
                c.tables = Arc::clone(tables);
            }
        }
    }
    versions
}

/// The chapter a section change names, by file stem (or slug), with 'bedoelde u'.
fn chapter_of(w: &Wijziging, a: &Addendum, chapters: &[Arc<Chapter>], pos: &dyn Fn(&str) -> Position, diags: &mut Diagnostics) -> Option<usize> {
    let Some(name) = w.hoofdstuk.as_deref() else {
        diags.error(&a.source, pos("soort"), format!("welk hoofdstuk? `hoofdstuk` ontbreekt bij `{}`", w.soort), "noem het hoofdstuk met zijn bestandsnaam zonder .md, bijvoorbeeld hoofdstuk = \"04-extra-ondersteuning\"");
        return None;
    };
    let found = chapters.iter().position(|c| c.stem == name || c.slug == name);
    if found.is_none() {
        diags.error(&a.source, pos("hoofdstuk"), format!("onbekend hoofdstuk `{name}`"), suggestion(name, chapters.iter().map(|c| c.stem.as_str())));
    }
    found
}

/// The section of the addendum named by `tekst`: its Markdown (heading included) and level.
fn addendum_section(w: &Wijziging, a: &Addendum, pos: &dyn Fn(&str) -> Position, diags: &mut Diagnostics) -> Option<(String, u8)> {
    let headings = &a.body.headings;
    let Some(anchor) = w.tekst.as_deref() else {
        diags.error(&a.source, pos("soort"), format!("`{}` zonder nieuwe tekst: `tekst` ontbreekt", w.soort), "zet de nieuwe tekst als sectie in dit addendum, met een kopje als ## Nieuwe tekst {#nieuw-4-3}, en schrijf tekst = \"nieuw-4-3\"");
        return None;
    };
    let Some(i) = headings.iter().position(|h| h.id == anchor) else {
        diags.error(&a.source, pos("tekst"), format!("dit addendum heeft geen sectie `{anchor}`"), suggestion(anchor, headings.iter().map(|h| h.id.as_str())));
        return None;
    };
    let (from, to) = section_range(&a.markdown, headings, i);
    let section = &a.markdown[from..to];
    // Footnotes the new text refers to, defined anywhere in the addendum, go with it.
    let mut text = section.trim_end().to_string();
    for definition in footnotes(&a.markdown).split("\n[^").map(|d| if d.starts_with("[^") { d.to_string() } else { format!("[^{d}") }) {
        let label = definition[2..].split(']').next().unwrap_or_default();
        if !label.is_empty() && section.contains(&format!("[^{label}]")) && !section.contains(&format!("[^{label}]:")) {
            text.push_str("\n\n");
            text.push_str(definition.trim_end());
        }
    }
    Some((text, headings[i].level))
}

/// Byte range of section `i` in `text`: from its heading to the next heading of the same or a
/// higher level, or the end.
fn section_range(text: &str, headings: &[Heading], i: usize) -> (usize, usize) {
    let h = &headings[i];
    let end = headings[i + 1..].iter().find(|n| n.level <= h.level).map_or(text.len(), |n| n.start);
    (h.start, end)
}

/// The footnote definitions in `text` (`[^1]: ...` and its indented lines): kept when the section
/// around them is replaced, since a reference elsewhere in the chapter may need them.
fn footnotes(text: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for line in text.lines() {
        if line.starts_with("[^") && line.contains("]:") {
            inside = true;
        } else if !(inside && (line.starts_with("    ") || line.starts_with('\t'))) {
            inside = false;
        }
        if inside {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Shift every ATX heading of `text` by `delta` levels (to fit where it goes), and give the first
/// heading the id `id` (a replaced section keeps its anchor, so links to it still land) and the
/// title `title` (the addendum's heading says "Nieuwe tekst ..."; the chapter keeps its own).
/// A replaced section keeps its OOGO themes too: the gemeente's summary quotes the new text.
fn retitle(text: &str, delta: i32, id: Option<(&str, &[String])>, title: Option<&str>) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut first = true;
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~") {
            fenced = !fenced;
        }
        let hashes = line.chars().take_while(|&c| c == '#').count();
        if !fenced && (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
            let level = (hashes as i32 + delta).clamp(2, 6) as usize;
            let rest = line[hashes..].trim();
            let rest = if first {
                let (written, attrs) = match rest.rfind(" {") {
                    Some(i) if rest.ends_with('}') => (&rest[..i], &rest[i..]),
                    _ => (rest, ""),
                };
                let heading = title.unwrap_or(written);
                match id {
                    Some((id, [])) => format!("{heading} {{#{id}}}"),
                    Some((id, oogo)) => format!("{heading} {{#{id} oogo={}}}", oogo.join(",")),
                    None => format!("{heading}{attrs}"),
                }
            } else {
                rest.to_string()
            };
            first = false;
            out.push_str(&"#".repeat(level));
            out.push(' ');
            out.push_str(&rest);
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// The id the first heading of an added section gets.
fn added_id(text: &str, rel: &str, link_targets: &BTreeMap<String, String>) -> Option<String> {
    let mut scratch = Diagnostics::new();
    markdown::render(&BodySource { rel, text, line_offset: 0, link_targets }, &mut scratch).headings.first().map(|h| h.id.clone())
}

/// A chapter's body rendered from amended Markdown with the figures in force. Its messages were
/// reported when the chapter and the addendum were loaded, so they are not repeated here.
fn render(chapter: &Chapter, text: &str, figures: &Figures) -> (Rendered, Vec<Table>) {
    let mut scratch = Diagnostics::new();
    render_chapter_body(&chapter.source, text, chapter.body_line, figures, &mut scratch)
}

/// `soort = "begroting"`: new amounts for one row of content/data/begroting.toml.
/// Whether it changed the figures in force.
fn begroting(w: &Wijziging, a: &Addendum, in_force: bool, pos: &dyn Fn(&str) -> Position, data: &mut Data, diags: &mut Diagnostics) -> bool {
    if data.broken.contains(&"begroting.toml") {
        return false; // its own error says what is wrong
    }
    let kant = w.kant.as_deref().unwrap_or("lasten");
    let b = &mut data.begroting;
    let rows = match kant {
        "baten" => &mut b.baten,
        "lasten" => &mut b.lasten,
        other => {
            diags.error(&a.source, pos("kant"), format!("onbekende kant `{other}` van de begroting"), "kies \"baten\" of \"lasten\"");
            return false;
        }
    };
    let Some(post) = w.post.as_deref() else {
        diags.error(&a.source, pos("soort"), "welke regel van de begroting? `post` ontbreekt", "schrijf de post zoals in content/data/begroting.toml");
        return false;
    };
    let Some(row) = rows.iter_mut().find(|r| r.post == post) else {
        diags.error(&a.source, pos("post"), format!("de begroting heeft bij de {kant} geen post `{post}`"), suggestion(post, rows.iter().map(|r| r.post.as_str())));
        return false;
    };
    let Some(bedragen) = &w.bedragen else {
        diags.error(&a.source, pos("post"), "de nieuwe `bedragen` ontbreken", "geef per jaar van de begroting een bedrag, bijvoorbeeld bedragen = [2138000, 2144000, 2106000, 2040000]");
        return false;
    };
    if bedragen.len() != row.bedragen.len() {
        diags.error(&a.source, pos("bedragen"), format!("{} bedragen, maar de begroting heeft {} jaren", bedragen.len(), row.bedragen.len()), "geef voor elk jaar van de begroting één bedrag");
        return false;
    }
    if in_force {
        row.bedragen = bedragen.clone();
    }
    in_force
}

/// `soort = "voorziening"`: a voorziening hosted by one school.
fn voorziening(w: &Wijziging, a: &Addendum, in_force: bool, pos: &dyn Fn(&str) -> Position, schools: &mut [Arc<School>], diags: &mut Diagnostics) {
    let (Some(id), Some(v)) = (w.school.as_deref(), &w.voorziening) else {
        diags.error(&a.source, pos("soort"), "een nieuwe voorziening vraagt `school` en `voorziening`", "schrijf school = \"<id van de school>\" en voorziening = { naam = \"...\", sector = \"vo\", ondersteuning = [\"...\"] }");
        return;
    };
    let Some(school) = schools.iter_mut().find(|s| s.id.eq_ignore_ascii_case(id)) else {
        let ids: Vec<String> = schools.iter().map(|s| s.id.clone()).collect();
        diags.error(&a.source, pos("school"), format!("onbekende school `{id}`"), suggestion(id, ids.iter().map(String::as_str)));
        return;
    };
    if in_force && !school.voorzieningen.iter().any(|x| x.naam == v.naam) {
        Arc::make_mut(school).voorzieningen.push(v.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retitle_shifts_levels_and_keeps_the_anchor() {
        let text = "## Nieuwe tekst {#nieuw}\n\nTekst.\n\n### Onder\n\n```\n# geen kop\n```\n";
        let out = retitle(text, 1, Some(("arrangementen", &[])), Some("Arrangementen"));
        assert_eq!(out, "### Arrangementen {#arrangementen}\n\nTekst.\n\n#### Onder\n\n```\n# geen kop\n```\n");
    }

    #[test]
    fn footnote_definitions_survive_a_replaced_section() {
        assert_eq!(footnotes("Tekst[^1].\n\n[^1]: Bron.\n    vervolg\n\nNiet.\n"), "[^1]: Bron.\n    vervolg\n");
    }
}
