//! The plan's versions in the render stage: a page per chapter of every version no longer in
//! force (`/plan/versies/<datum>/<slug>/`), a word-level comparison per changed chapter, the list
//! of versions, and the notes addenda leave at the sections they changed.

use super::jobs::{job, Jobs};
use super::views::*;
use crate::content::{Chapter, SectionChange, SectionNote};
use crate::i18n::{fill, Strings};
use crate::markdown::Rendered;
use crate::site::Site;
use crate::text::escape_html;
use crate::url;
use similar::{ChangeTag, TextDiff};
use tera::Context;

/// Every version, oldest first, as lists and pages show it.
pub fn summaries(site: &Site) -> Vec<VersionSummary<'_>> {
    site.versions
        .iter()
        .enumerate()
        .map(|(k, v)| VersionSummary {
            datum: v.datum,
            tot: v.tot,
            addendum: v.addendum.as_ref().and_then(|slug| site.addenda.iter().find(|a| &a.slug == slug)).map(|a| Link { titel: &a.title, url: &a.url }),
            geldend: k + 1 == site.versions.len(),
            gewijzigd: if k == 0 { Vec::new() } else { site.chapters.iter().zip(&v.changed).filter(|(_, c)| **c).map(|(ch, _)| LinkTo { titel: &ch.title, url: url::comparison(&v.datum.to_string(), &ch.slug) }).collect() },
        })
        .collect()
}

/// The version pages, the comparisons and the list of versions.
pub fn pages(site: &Site, base: &Context, versions: &[VersionSummary], jobs: &mut Jobs) {
    if site.versions.is_empty() {
        return;
    }
    let t = &site.strings[&site.config.taal];
    jobs.page(url::versions(), |u| job(base, u, "versions.html", &t["titel_versies"], &t["beschrijving_versies"], &Versions { versies: versions }));
    for (k, (v, summary)) in site.versions.iter().zip(versions).enumerate() {
        let datum = v.datum.to_string();
        for (i, ch) in site.chapters.iter().enumerate() {
            let vergelijking = (k > 0 && v.changed[i]).then(|| url::comparison(&datum, &ch.slug));
            // A chapter that reads the same as in force needs no page of its own: its text is the
            // current one (and a huge chapter is not rendered twice).
            let same_as_now = site.versions.last().is_some_and(|now| std::sync::Arc::ptr_eq(&now.chapters[i], &v.chapters[i]) || now.chapters[i].html == v.chapters[i].html);
            if !summary.geldend && !same_as_now {
                jobs.page(url::version_chapter(&datum, &ch.slug), |u| {
                    let body = &v.chapters[i];
                    // Its tables link the CSV of this version, not the figures in force.
                    let html = v.tables[i].iter().fold(body.html.clone(), |html, t| html.replace(&format!("href=\"{}\"", url::figure_csv(&t.file)), &format!("href=\"{}\"", url::figure_csv_in_version(&datum, &t.file))));
                    let view = VersionPage { chapter: chapter_summary(ch), versie: summary, content: &html, toc: toc(&body.headings), vergelijking: vergelijking.clone() };
                    let title = fill(&t["titel_versie_hoofdstuk"], &[("titel", &ch.title), ("datum", &v.datum.to_dutch())]);
                    job(base, u, "chapter_version.html", &title, &ch.samenvatting, &view)
                });
            }
            if let Some(url_here) = vergelijking {
                jobs.page(url_here, |u| {
                    let before = &site.versions[k - 1];
                    let view = ComparisonPage {
                        chapter: chapter_summary(ch),
                        versie: summary,
                        vorige: Some(url::version_chapter(&before.datum.to_string(), &ch.slug)),
                        secties: compare(&before.chapters[i], &v.chapters[i]),
                    };
                    let title = fill(&t["titel_vergelijking"], &[("titel", &ch.title), ("datum", &v.datum.to_dutch())]);
                    job(base, u, "comparison.html", &title, &ch.samenvatting, &view)
                });
            }
        }
    }
}

/// The comparison of a chapter's text in two versions: the sections that differ, each as
/// paragraphs of word runs. Sections are matched by anchor, so a replaced section (which keeps
/// its anchor) is compared with what it replaced.
pub fn compare(old: &Rendered, new: &Rendered) -> Vec<ComparedSection> {
    let find = |r: &'_ Rendered, id: &str| r.sections.iter().find(|s| s.id == id).cloned();
    let mut out = Vec::new();
    for s in &new.sections {
        match find(old, &s.id) {
            Some(o) if o.text == s.text && o.title == s.title => {}
            Some(o) => out.push(section(&s.title, &s.id, "gewijzigd", &o.text, &s.text)),
            None => out.push(section(&s.title, &s.id, "nieuw", "", &s.text)),
        }
    }
    for o in old.sections.iter().filter(|o| !new.sections.iter().any(|s| s.id == o.id)) {
        out.push(section(&o.title, &o.id, "vervallen", &o.text, ""));
    }
    out.retain(|s| !(s.id.is_empty() && s.alineas.iter().all(|a| a.is_empty())));
    out
}

fn section(title: &str, id: &str, status: &'static str, old: &str, new: &str) -> ComparedSection {
    let diff = TextDiff::from_words(old.trim(), new.trim());
    let mut runs: Vec<Run> = Vec::new();
    for change in diff.iter_all_changes() {
        let soort = match change.tag() {
            ChangeTag::Equal => "gelijk",
            ChangeTag::Insert => "nieuw",
            ChangeTag::Delete => "weg",
        };
        match runs.last_mut() {
            Some(r) if r.soort == soort => r.tekst.push_str(change.value()),
            _ => runs.push(Run { soort, tekst: change.value().to_string() }),
        }
    }
    shorten_unchanged(&mut runs);
    ComparedSection { titel: title.to_string(), id: id.to_string(), status, alineas: vec![runs] }
}

/// Words around a change are context; long unchanged stretches between changes keep their first
/// and last words with an ellipsis, so a reader sees the changes, not the whole section again.
fn shorten_unchanged(runs: &mut [Run]) {
    const KEEP: usize = 12;
    let last = runs.len().saturating_sub(1);
    for (i, run) in runs.iter_mut().enumerate().filter(|(_, r)| r.soort == "gelijk") {
        let words: Vec<&str> = run.tekst.split_inclusive(' ').collect();
        if words.len() <= 2 * KEEP {
            continue;
        }
        let head: String = if i == 0 { String::new() } else { words[..KEEP].concat() };
        let tail: String = if i == last { String::new() } else { words[words.len() - KEEP..].concat() };
        run.tekst = format!("{head}… {tail}");
    }
}

/// What an addendum's changes do, one line each: the section (linked where it is in the text in
/// force), the planperiode, a begroting row, a voorziening.
pub fn change_lines(site: &Site, a: &crate::content::Addendum, t: &Strings) -> Vec<ChangeLine> {
    a.wijzigingen
        .iter()
        .map(|w| {
            let chapter = w.hoofdstuk.as_deref().and_then(|h| site.chapters.iter().find(|c| c.stem == h || c.slug == h));
            let section = chapter.and_then(|c| {
                let anchor = w.sectie.as_deref()?;
                let title = c.body.headings.iter().find(|h| h.id == anchor).map(|h| h.text.clone()).or_else(|| site.versions.first()?.chapters.get(site.chapters.iter().position(|x| x.stem == c.stem)?)?.headings.iter().find(|h| h.id == anchor).map(|h| h.text.clone()))?;
                Some((c, anchor, title))
            });
            let value = |key: &str, values: &[(&str, &str)]| fill(&t[key], values);
            match (w.soort.as_str(), section) {
                ("planperiode", _) => ChangeLine { tekst: value("wijziging_regel_planperiode", &[("eind", &w.eind.unwrap_or_default().to_string())]), url: None },
                ("begroting", _) => ChangeLine { tekst: value("wijziging_regel_begroting", &[("post", w.post.as_deref().unwrap_or_default())]), url: None },
                ("voorziening", _) => {
                    let school = site.schools.iter().find(|s| w.school.as_deref().is_some_and(|id| s.id.eq_ignore_ascii_case(id)));
                    let naam = w.voorziening.as_ref().map(|v| v.naam.as_str()).unwrap_or_default();
                    ChangeLine { tekst: value("wijziging_regel_voorziening", &[("naam", naam), ("school", school.map(|s| s.naam.as_str()).unwrap_or_default())]), url: school.map(|s| s.url.clone()) }
                }
                (soort, Some((c, anchor, title))) => {
                    let key = match soort {
                        "vervangt" => "wijziging_regel_vervangt",
                        "voegt_toe" => "wijziging_regel_voegt_toe",
                        _ => "wijziging_regel_vervalt",
                    };
                    ChangeLine { tekst: value(key, &[("hoofdstuk", &c.title), ("sectie", &title)]), url: Some(format!("{}#{anchor}", c.url)) }
                }
                _ => ChangeLine { tekst: w.soort.clone(), url: None },
            }
        })
        .collect()
}

/// The chapter's HTML with each addendum's note placed right under the heading of the section
/// it changed (or would change): which addendum, since when, and a link to the text before.
pub fn annotate(site: &Site, chapter: &Chapter, t: &Strings) -> String {
    let mut html = chapter.body.html.clone();
    for note in &chapter.notes {
        let Some(start) = html.find(&format!(" id=\"{}\">", note.anchor)) else { continue };
        let Some(close) = html[start..].find("</h").map(|i| start + i) else { continue };
        let Some(end) = html[close..].find('>').map(|i| close + i + 1) else { continue };
        html.insert_str(end, &note_html(site, chapter, note, t));
    }
    html
}

fn note_html(site: &Site, chapter: &Chapter, note: &SectionNote, t: &Strings) -> String {
    let Some(a) = site.addenda.iter().find(|a| a.slug == note.addendum) else { return String::new() };
    let datum = note.datum.to_dutch();
    let key = match (note.in_force, note.soort) {
        (false, _) => "wijziging_voorgesteld",
        (true, SectionChange::Vervangt) => "wijziging_vervangt",
        (true, SectionChange::VoegtToe) => "wijziging_voegt_toe",
        (true, SectionChange::Vervalt) => "wijziging_vervalt",
    };
    let link = format!("<a href=\"{}\">{}</a>", escape_html(&a.url), escape_html(&a.title));
    let text = fill(&escape_html(&t[key]), &[("addendum", &link), ("datum", &escape_html(&datum))]);
    let before = match note.vorige_versie {
        Some(d) if note.in_force => {
            let href = format!("{}#{}", url::version_chapter(&d.to_string(), &chapter.slug), note.anchor);
            let compare = url::comparison(&note.datum.to_string(), &chapter.slug);
            format!(" <a href=\"{}\">{}</a> · <a href=\"{}\">{}</a>", escape_html(&href), escape_html(&t["wijziging_tekst_ervoor"]), escape_html(&compare), escape_html(&t["wijziging_vergelijk"]))
        }
        _ => String::new(),
    };
    let class = if note.in_force { "wijziging" } else { "wijziging voorgesteld" };
    format!("<aside class=\"{class}\" aria-label=\"{}\"><p>{text}{before}</p></aside>", escape_html(&t["wijziging_label"]))
}

