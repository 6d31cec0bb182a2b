//! Which pages the site has (render stage): one [`PageJob`] per page, with its URL, template,
//! title and description (from the interface strings, `src/i18n/<taal>.toml`) and its typed
//! view (`views`). Rendering them is `Renderer`'s; this module decides only what exists.

use super::jobs::{job, Jobs, PageJob};
use super::views::*;
use crate::config::Sector;
use crate::content::AddendumStatus;
use crate::export::{Summaries, Summary};
use crate::i18n::fill;
use crate::school::School;
use crate::site::Site;
use crate::text::json_in_html;
use crate::url;
use std::collections::HashMap;
use tera::Context;

/// Every page of the site: the main language's, then those of the extra languages.
pub fn all(site: &Site, base: &Context, summaries: &Summaries, jobs: &mut Jobs) {
    let chapters: Vec<ChapterSummary> = site.chapters.iter().map(|c| chapter_summary(c)).collect();
    main_language(site, base, &chapters, summaries, jobs);
    other_languages(site, base, &chapters, jobs);
}

/// The printable HTML export of one OOGO summary (`/oogo/<slug>/oogo-<slug>.html`).
pub fn oogo_export(base: &Context, summary: &Summary) -> PageJob {
    let page = url::oogo_file(&summary.slug, "html");
    let stylesheet = url::relative(&page, &url::oogo_stylesheet());
    let icon = url::relative(&page, &url::asset("favicon.svg"));
    job(base, page, "oogo_export.html", &summary.titel, "", &OogoExport { summary, stylesheet, icon })
}

/// The base context for pages in `lang`: its strings, direction, home and steunpunt page.
pub(super) fn language_context(site: &Site, base: &Context, lang: &str) -> Context {
    let mut ctx = base.clone();
    ctx.insert("t", &site.strings[lang]);
    ctx.insert("lang", lang);
    ctx.insert("dir", crate::i18n::direction(lang));
    super::insert_opening_hours(site, lang, &mut ctx);
    let in_lang = |main_url: String| if lang == site.config.taal { main_url } else { url::in_language(lang, &main_url) };
    ctx.insert("home_url", &in_lang(url::home()));
    ctx.insert("steunpunt_url", &in_lang(url::steunpunt_index()));
    ctx
}

/// Pages in the extra interface languages: a home page and the steunpunt section with its
/// translated pages. The rest of the site is in Dutch and linked as such.
fn other_languages(site: &Site, base: &Context, chapters: &[ChapterSummary], jobs: &mut Jobs) {
    for lang in &site.config.extra_talen {
        let t = &site.strings[lang];
        let ctx = language_context(site, base, lang);
        let pages: Vec<&crate::content::Page> = site.translations.iter().filter(|p| &p.lang == lang).collect();
        let section: Vec<SectionLink> = pages.iter().map(|p| SectionLink { titel: p.title.clone(), url: p.url.clone(), samenvatting: p.samenvatting.clone() }).collect();
        let (chapters, alle_hoofdstukken) = first_chapters(chapters, t);
        jobs.page(url::in_language(lang, &url::home()), |u| job(&ctx, u, "index.html", &site.config.naam, &t["home_lead"], &Home { chapters, alle_hoofdstukken, addenda: &[], besluitvorming: &[], steunpunt_pages: &section }));
        for p in &pages {
            let subpages: Vec<&SectionLink> = if p.slug == "index" { section.iter().filter(|s| s.url != p.url).collect() } else { Vec::new() };
            jobs.page(p.url.clone(), |u| job(&ctx, u, "page.html", &p.title, &p.samenvatting, &SectionPage { content: &p.body.html, toc: toc(&p.body.headings), subpages, section: &section }));
        }
        if !pages.iter().any(|p| p.slug == "index") {
            let view = SectionPage { content: "", toc: Vec::new(), subpages: section.iter().collect(), section: &section };
            jobs.page(url::in_language(lang, &url::steunpunt_index()), |u| job(&ctx, u, "page.html", &t["footer_steunpunt"], &t["footer_steunpunt_tekst"], &view));
        }
    }
}



/// /plan/cijfers/: the tables of `figures::overview`, each with the chapters that show it.
fn figures_page(site: &Site) -> FiguresPage<'_> {
    let t = &site.strings[&site.config.taal];
    let tables = crate::figures::overview(&site.data, &site.config);
    let groepen = [("begroting", "cijfers_begroting"), ("kengetallen", "cijfers_kengetallen"), ("doelen", "cijfers_doelen")]
        .into_iter()
        .map(|(key, title)| FigureGroup {
            key,
            titel: &t[title],
            tabellen: tables
                .iter()
                .filter(|o| o.groep == key)
                .map(|o| FigureTable { html: o.html.clone(), hoofdstukken: site.chapters.iter().filter(|c| c.tables.iter().any(|x| x.file == o.table.file)).map(|c| Link { titel: &c.title, url: &c.url }).collect() })
                .collect(),
        })
        .filter(|g| !g.tabellen.is_empty())
        .collect();
    FiguresPage { groepen }
}

/// The steps of a road to vaststelling, labelled from the vocabulary `besluitstap`.
fn steps<'a>(site: &'a Site, steps: &'a [crate::config::Besluitstap]) -> Vec<Stap<'a>> {
    let vocab = &site.config.vocabulaires.besluitstap;
    steps.iter().map(|s| Stap { label: vocab.label(&s.stap), datum: s.datum, gemeente: s.gemeente.as_deref(), uitkomst: s.uitkomst.as_deref(), document: s.document.as_deref() }).collect()
}


fn labels<'a>(vocab: &'a crate::config::Vocabulary, keys: &'a [String]) -> Vec<Label<'a>> {
    keys.iter().map(|k| Label { key: k, label: vocab.label(k) }).collect()
}

fn main_language(site: &Site, base: &Context, chapters: &[ChapterSummary], summaries: &Summaries, jobs: &mut Jobs) {
    let c = &site.config;
    let vocab = &c.vocabulaires;
    let t = &site.strings[&c.taal];
    let addenda: Vec<AddendumSummary> = site
        .addenda
        .iter()
        .map(|a| AddendumSummary {
            titel: &a.title,
            url: &a.url,
            datum: a.datum,
            status: a.status,
            samenvatting: &a.samenvatting,
            wijzigt: a.wijzigt.iter().filter_map(|s| site.chapter_by_stem(s)).map(|c| Link { titel: &c.title, url: &c.url }).collect(),
            besluitvorming: steps(site, &a.besluitvorming),
            wijzigingen: super::versions::change_lines(site, a, t),
        })
        .collect();
    let besluitvorming = steps(site, &c.planperiode.besluitvorming);
    let versions = super::versions::summaries(site);
    let steunpunt: Vec<SectionLink> = site.steunpunt.iter().map(|p| SectionLink { titel: p.title.clone(), url: p.url.clone(), samenvatting: p.samenvatting.clone() }).collect();

    let (first, alle_hoofdstukken) = first_chapters(chapters, t);
    let home = Home { chapters: first, alle_hoofdstukken, addenda: &addenda[..addenda.len().min(3)], besluitvorming: &besluitvorming, steunpunt_pages: &steunpunt };
    jobs.page(url::home(), |u| job(base, u, "index.html", &c.naam, &fill(&t["beschrijving_home"], &[("regio", &c.regio)]), &home));
    let plan_title = fill(&t["titel_plan"], &[("start", &c.planperiode.start.to_string()), ("eind", &c.planperiode.eind.to_string())]);
    for (part, page_url, pager) in paged(chapters, LIST_PAGE, url::plan_index(), url::plan_index_page, chapter_range) {
        let title = paged_title(t, &plan_title, &pager);
        jobs.page(page_url, |u| job(base, u, "plan_index.html", &title, &t["beschrijving_plan"], &PlanIndex { chapters: part, addenda: &addenda, besluitvorming: &besluitvorming, versies: &versions, pager }));
    }
    for (i, ch) in site.chapters.iter().enumerate() {
        jobs.page(ch.url.clone(), |u| {
            let content = super::versions::annotate(site, ch, t);
            let changed_on = site.versions.iter().rposition(|v| v.changed.get(i) == Some(&true)).map(|k| site.versions[k].datum);
            let by = |status: AddendumStatus| site.addenda.iter().zip(&addenda).filter(|(a, _)| a.status == status && a.wijzigt.contains(&ch.stem)).map(|(_, v)| v).collect();
            let view = ChapterPage {
                chapter: chapter_summary(ch),
                content: &content,
                toc: toc(&ch.body.headings),
                prev: i.checked_sub(1).and_then(|j| site.chapters.get(j)).map(|c| chapter_summary(c)),
                next: site.chapters.get(i + 1).map(|c| chapter_summary(c)),
                // Only elements the verantwoording lists (those of the SWV's sector) can be linked there.
                wettelijke_onderdelen: labels(&vocab.wettelijk_onderdeel, &ch.wettelijke_onderdelen).into_iter().filter(|l| c.required_elements().any(|t| t.key == l.key)).collect(),
                oogo: labels(&vocab.oogo_thema, &ch.oogo),
                amended_by: by(AddendumStatus::Vastgesteld),
                proposed_by: by(AddendumStatus::Concept),
                vergelijking: changed_on.map(|d| url::comparison(&d.to_string(), &ch.slug)),
            };
            job(base, u, "chapter.html", &ch.title, &ch.samenvatting, &view)
        });
    }
    jobs.page(url::changes(), |u| job(base, u, "changes.html", &t["titel_wijzigingen"], &t["beschrijving_wijzigingen"], &Changes { addenda: &addenda }));
    for (a, summary) in site.addenda.iter().zip(&addenda) {
        jobs.page(a.url.clone(), |u| job(base, u, "addendum.html", &a.title, &a.samenvatting, &AddendumPage { addendum: summary, content: &a.body.html, concept: a.status == AddendumStatus::Concept }));
    }

    jobs.page(url::schools(), |u| job(base, u, "schools.html", &t["titel_scholen"], &t["beschrijving_scholen"], &finder(site)));
    jobs.page(url::compare(), |u| job(base, u, "compare.html", &t["titel_vergelijk"], &t["beschrijving_vergelijk"], &Compare { soorten: &vocab.ondersteuning }));
    for s in &site.schools {
        jobs.page(s.url.clone(), |u| {
            let description = fill(&t["beschrijving_school"], &[("school", &s.naam), ("plaats", &s.adres.plaats)]);
            job(base, u, "school.html", &s.naam, &description, &SchoolPage { school: school_detail(site, s) })
        });
    }

    // The steunpunt section: its Markdown pages, then the pages made from data.
    let mut section = steunpunt.clone();
    let generated = |title: &str, url: String, line: &str| SectionLink { titel: t[title].clone(), url, samenvatting: t[line].clone() };
    if !site.data.route.is_empty() {
        section.push(generated("titel_route", url::route(), "sectie_route"));
    }
    if !site.data.faq.is_empty() {
        section.push(generated("titel_vragen", url::faq(), "sectie_vragen"));
    }
    if !site.data.begrippen.is_empty() {
        section.push(generated("titel_begrippen", url::begrippen(), "sectie_begrippen"));
    }
    section.push(generated("titel_gewone_taal", url::plain_language_plan(), "sectie_gewone_taal"));
    for p in &site.steunpunt {
        let subpages: Vec<&SectionLink> = if p.slug == "index" { section.iter().skip(1).collect() } else { Vec::new() };
        jobs.page(p.url.clone(), |u| job(base, u, "page.html", &p.title, &p.samenvatting, &SectionPage { content: &p.body.html, toc: toc(&p.body.headings), subpages, section: &section }));
    }
    if !site.steunpunt.iter().any(|p| p.slug == "index") {
        let view = SectionPage { content: "", toc: Vec::new(), subpages: section.iter().collect(), section: &section };
        jobs.page(url::steunpunt_index(), |u| job(base, u, "page.html", &c.steunpunt.naam, &t["beschrijving_steunpunt"], &view));
    }
    if !site.data.route.is_empty() {
        jobs.page(url::route(), |u| job(base, u, "route.html", &t["titel_route"], &t["beschrijving_route"], &Route { stappen: &site.data.route, section: &section }));
    }
    if !site.data.faq.is_empty() {
        let themas: Vec<FaqThema> = site.data.faq_themas.iter().map(|th| FaqThema { key: &th.key, titel: &th.titel, vragen: site.data.faq.iter().filter(|v| v.thema == th.key).collect() }).collect();
        jobs.page(url::faq(), |u| job(base, u, "faq.html", &t["titel_vragen"], &t["beschrijving_vragen"], &Faq { themas, jsonld: faq_jsonld(site), section: &section }));
    }
    if !site.data.begrippen.is_empty() {
        let mut letters: Vec<Letter> = Vec::new();
        for b in &site.data.begrippen {
            let letter = b.letter();
            match letters.last_mut() {
                Some(group) if group.letter == letter => group.begrippen.push(b),
                _ => letters.push(Letter { id: url::begrippen_letter_id(&letter), letter, begrippen: vec![b] }),
            }
        }
        jobs.page(url::begrippen(), |u| job(base, u, "begrippen.html", &t["titel_begrippen"], &t["beschrijving_begrippen"], &Begrippen { letters, section: &section }));
    }
    for (part, page_url, pager) in paged(chapters, LIST_PAGE, url::plain_language_plan(), url::plain_language_plan_page, chapter_range) {
        let title = paged_title(t, &t["titel_gewone_taal"], &pager);
        jobs.page(page_url, |u| job(base, u, "plain_plan.html", &title, &t["beschrijving_gewone_taal"], &PlainPlan { chapters: part, section: &section, pager }));
    }

    // Verantwoording: every legally required element and the chapters that describe it.
    jobs.page(url::verantwoording(), |u| {
        let onderdelen: Vec<LegalElement> = c
            .required_elements()
            .map(|e| LegalElement {
                key: &e.key,
                label: &e.label,
                beschrijving: &e.beschrijving,
                sector: e.sector,
                hoofdstukken: site.chapters.iter().filter(|ch| ch.wettelijke_onderdelen.contains(&e.key)).map(|ch| Link { titel: &ch.title, url: &ch.url }).collect(),
            })
            .collect();
        job(base, u, "verantwoording.html", &t["titel_verantwoording"], &t["beschrijving_verantwoording"], &Verantwoording { onderdelen })
    });

    school_finder(site, base, jobs);
    oogo(site, base, summaries, jobs);

    jobs.page(url::search(), |u| job(base, u, "search.html", &t["titel_zoeken"], &t["beschrijving_zoeken"], &search(site, chapters)));
    let statement = &c.toegankelijkheid;
    let view = AccessibilityPage { verklaring: statement, contact: statement.contact.as_deref().unwrap_or(&c.steunpunt.email) };
    jobs.page(url::accessibility_statement(), |u| job(base, u, "toegankelijkheid.html", &t["titel_toegankelijkheid"], &fill(&t["beschrijving_toegankelijkheid"], &[("swv", &c.korte_naam)]), &view));
    jobs.page(url::open_data(), |u| {
        let view = OpenDataPage {
            kolommen: crate::opendata::columns(site),
            aantal: site.schools.len(),
            licentie: &c.scholen.open_data_licentie,
            licentie_url: &c.scholen.open_data_licentie_url,
            scheidingsteken: crate::opendata::CSV_SEPARATOR,
        };
        job(base, u, "data.html", &t["titel_open_data"], &fill(&t["beschrijving_open_data"], &[("swv", &c.korte_naam)]), &view)
    });
    jobs.page(url::not_found(), |u| job(base, u, "404.html", &t["titel_niet_gevonden"], &t["beschrijving_niet_gevonden"], &Empty {}));
    jobs.page(url::changes_feed(), |u| job(base, u, "atom.xml", &t["titel_wijzigingen"], "", &Feed { addenda: &addenda, versies: &versions, updated: site.addenda.first().map(|a| a.datum) }));
    super::versions::pages(site, base, &versions, jobs);
    jobs.page(url::figures(), |u| job(base, u, "figures.html", &t["titel_cijfers"], &t["beschrijving_cijfers"], &figures_page(site)));
}

/// schema.org FAQPage data for search engines, as a JSON string safe inside a script element.
fn faq_jsonld(site: &Site) -> String {
    let doc = FaqJsonLd {
        context: "https://schema.org",
        kind: "FAQPage",
        main_entity: site
            .data
            .faq
            .iter()
            .map(|v| JsonLdQuestion { kind: "Question", accepted_answer: JsonLdAnswer { kind: "Answer", text: crate::markdown::strip_tags(&v.antwoord_html).trim().to_string() }, name: &v.vraag })
            .collect(),
    };
    json_in_html(&serde_json::to_string(&doc).expect("json"))
}

/// The search page: its empty result block (filled in by the script or by `passend serve`)
/// and the ways in when there is no query yet.
fn search<'a>(site: &'a Site, chapters: &'a [ChapterSummary<'a>]) -> Search<'a> {
    let (chapters, alle_hoofdstukken) = first_chapters(chapters, &site.strings[&site.config.taal]);
    let vocab = crate::search::AnalysisTables::from_site(site);
    // Without JavaScript the static page cannot search: the pages that exist instead.
    let link = |label: &str, url: String| crate::search::results::Link { label: label.to_string(), url };
    let mut without_js = vec![link("Scholen zoeken per gemeente en soort ondersteuning", url::schools())];
    if !site.data.begrippen.is_empty() {
        without_js.push(link("Begrippen van A tot Z", url::begrippen()));
    }
    if !site.data.faq.is_empty() {
        without_js.push(link("Veelgestelde vragen van ouders", url::faq()));
    }
    without_js.push(link("Bel of mail het ouder- en jeugdsteunpunt", url::steunpunt_index()));
    let mut letters: Vec<String> = site.data.begrippen.iter().map(|b| b.letter()).collect();
    letters.dedup();
    Search {
        chapters,
        alle_hoofdstukken,
        zoekblok: crate::search::results::search_block(&crate::search::Response::empty(""), false, &without_js),
        soorten: vocab.kinds,
        gemeenten: vocab.gemeenten,
        letters: letters.into_iter().map(|l| LetterLink { url: format!("{}#{}", url::begrippen(), url::begrippen_letter_id(&l)), letter: l }).collect(),
        heeft_begrippen: !site.data.begrippen.is_empty(),
    }
}

/// The static school finder: one page per gemeente and per kind of support, and the dekking
/// matrix. They work without JavaScript; the finder script only makes filtering faster.
fn school_finder(site: &Site, base: &Context, jobs: &mut Jobs) {
    let vocab = &site.config.vocabulaires;
    let t = &site.strings[&site.config.taal];
    let gemeenten = site.config.gemeenten();
    // Made only when a page asks for it: the preview makes one page, and this index of every
    // school by gemeente and kind is most of the cost of finding it on a national site.
    let extra_cell = std::cell::OnceCell::new();
    let extra = || extra_cell.get_or_init(|| extra_index(site));
    for g in &gemeenten {
        jobs.page(url::schools_in_gemeente(&g.slug), |u| {
            let scholen: Vec<SchoolCard> = site.schools.iter().filter(|s| s.gemeente == g.naam).map(|s| school_card(site, s)).collect();
            let soorten = vocab.ondersteuning.iter().map(|k| CountLink { label: &k.label, url: url::schools_in_gemeente_with_support(&g.slug, &k.key), aantal: extra_in(extra(), &g.naam, &k.key).count() }).collect();
            let view = SchoolFilter { soort: "gemeente", filter: Filter::Gemeente(g), groepen: vec![SchoolGroup { naam: &g.naam, slug: &g.slug, aantal: scholen.len(), scholen, url: None }], soorten, elders: Vec::new() };
            let name = [("gemeente", g.naam.as_str())];
            job(base, u, "school_filter.html", &fill(&t["titel_scholen_gemeente"], &name), &fill(&t["beschrijving_scholen_gemeente"], &name), &view)
        });
        // Per kind of support: the schools by type of school, with what their building has;
        // when there are none, the gemeenten where there are.
        for kind in vocab.ondersteuning.iter() {
            jobs.page(url::schools_in_gemeente_with_support(&g.slug, &kind.key), |u| {
                let here: Vec<&School> = extra_in(extra(), &g.naam, &kind.key).collect();
                let groepen = vocab
                    .onderwijstype
                    .iter()
                    .map(|ty| {
                        let scholen: Vec<SchoolCard> = here.iter().filter(|s| s.onderwijstype == ty.key).map(|s| school_card(site, s)).collect();
                        SchoolGroup { naam: &ty.label, slug: &ty.key, aantal: scholen.len(), scholen, url: None }
                    })
                    .filter(|grp| !grp.scholen.is_empty())
                    .collect();
                let elders = gemeenten
                    .iter()
                    .filter(|o| o.slug != g.slug)
                    .map(|o| CountLink { label: &o.naam, url: url::schools_in_gemeente_with_support(&o.slug, &kind.key), aantal: extra_in(extra(), &o.naam, &kind.key).count() })
                    .filter(|l| l.aantal > 0)
                    .collect();
                let lower = kind.label.to_lowercase();
                let filter = Filter::Beide { naam: &g.naam, label: lower.clone(), uitleg: &kind.uitleg, gemeente_url: url::schools_in_gemeente(&g.slug), ondersteuning_url: url::schools_with_support(&kind.key) };
                let view = SchoolFilter { soort: "beide", filter, groepen, soorten: Vec::new(), elders };
                let name = [("gemeente", g.naam.as_str()), ("ondersteuning", lower.as_str())];
                job(base, u, "school_filter.html", &fill(&t["titel_scholen_gemeente_ondersteuning"], &name), &fill(&t["beschrijving_scholen_gemeente_ondersteuning"], &name), &view)
            });
        }
    }
    for kind in vocab.ondersteuning.iter() {
        jobs.page(url::schools_with_support(&kind.key), |u| {
            let all_cards = gemeenten.iter().map(|g| extra_in(extra(), &g.naam, &kind.key).len()).sum::<usize>() <= MAX_CARDS;
            let groepen: Vec<SchoolGroup> = gemeenten
                .iter()
                .map(|g| {
                    let here = extra_in(extra(), &g.naam, &kind.key);
                    let aantal = here.len();
                    let scholen = if all_cards { here.map(|s| school_card(site, s)).collect() } else { Vec::new() };
                    SchoolGroup { naam: &g.naam, slug: &g.slug, scholen, aantal, url: Some(url::schools_in_gemeente_with_support(&g.slug, &kind.key)) }
                })
                .collect();
            let view = SchoolFilter { soort: "ondersteuning", filter: Filter::Ondersteuning(kind), groepen, soorten: Vec::new(), elders: Vec::new() };
            let lower = kind.label.to_lowercase();
            let name = [("ondersteuning", lower.as_str())];
            job(base, u, "school_filter.html", &fill(&t["titel_scholen_ondersteuning"], &name), &fill(&t["beschrijving_scholen_ondersteuning"], &name), &view)
        });
    }
    let names = |part: &[crate::config::Gemeente]| span(part, " – ", |g| g.naam.clone());
    for (part, page_url, pager) in paged(&gemeenten, DEKKING_COLUMNS, url::dekking(), url::dekking_page, names) {
        let title = paged_title(t, &t["titel_dekking"], &pager);
        jobs.page(page_url, |u| job(base, u, "dekking.html", &title, &t["beschrijving_dekking"], &Dekking { pager, ..dekking(site, part) }));
    }
}

/// The most chapters one list of the plan shows (`/plan/`, `/plan/gewone-taal/`); a longer
/// plan (a national portal's 3,000 chapters) gets pages of this many. A chapter's entry is
/// 150-320 bytes, so a page stays far under 300 kB.
pub const LIST_PAGE: usize = 250;

/// The most gemeenten, as columns, one dekking table shows; more get pages of this many (250
/// gemeenten made 1.2 MB of table; no phone scrolls that).
pub const DEKKING_COLUMNS: usize = 25;

/// `items` split over pages of at most `size`: each page's items, URL (page 1 at `first`, page
/// n at `nth(n)`) and [`Pager`], whose links `label` names by what they hold. A list that fits
/// is one page without a pager, so a regional site's pages stay as they were.
fn paged<T>(items: &[T], size: usize, first: String, nth: fn(usize) -> String, label: impl Fn(&[T]) -> String) -> Vec<(&[T], String, Option<Pager>)> {
    if items.len() <= size {
        return vec![(items, first, None)];
    }
    let parts: Vec<&[T]> = items.chunks(size).collect();
    let url_of = |n: usize| if n == 1 { first.clone() } else { nth(n) };
    let totaal = parts.len();
    (1..=totaal)
        .map(|nummer| {
            let pager = Pager {
                nummer,
                totaal,
                eerste: (nummer - 1) * size + 1,
                vorige: (nummer > 1).then(|| url_of(nummer - 1)),
                volgende: (nummer < totaal).then(|| url_of(nummer + 1)),
                paginas: parts.iter().enumerate().map(|(i, part)| PagerLink { url: url_of(i + 1), label: label(part), huidig: i + 1 == nummer }).collect(),
            };
            (parts[nummer - 1], url_of(nummer), Some(pager))
        })
        .collect()
}

/// A page's title: the list's own on its first page, with "pagina 2 van 12" on the others.
fn paged_title(t: &crate::i18n::Strings, title: &str, pager: &Option<Pager>) -> String {
    match pager {
        Some(p) if p.nummer > 1 => fill(&t["titel_pagina"], &[("titel", title), ("nummer", &p.nummer.to_string()), ("totaal", &p.totaal.to_string())]),
        _ => title.to_string(),
    }
}

/// The chapters a list other than the plan's own shows (the home pages, the search page): all
/// of a regional plan, the first [`LIST_PAGE`] of a portal's, with the words of the link to
/// /plan/, which lists every chapter over pages. 3,000 chapters made a home page of 235 kB.
fn first_chapters<'a>(chapters: &'a [ChapterSummary<'a>], t: &crate::i18n::Strings) -> (&'a [ChapterSummary<'a>], Option<String>) {
    if chapters.len() <= LIST_PAGE {
        return (chapters, None);
    }
    (&chapters[..LIST_PAGE], Some(fill(&t["home_alle_hoofdstukken"], &[("aantal", &chapters.len().to_string())])))
}

/// The chapters a page of the plan's lists holds, by number: "251–500".
fn chapter_range(part: &[ChapterSummary]) -> String {
    span(part, "–", |c| c.order.to_string())
}

/// What a page of a split list holds, named by its first and last item.
fn span<T>(part: &[T], separator: &str, name: impl Fn(&T) -> String) -> String {
    match part {
        [] => String::new(),
        [one] => name(one),
        [first, .., last] => format!("{}{separator}{}", name(first), name(last)),
    }
}

/// The dekking matrix, one table per sector the site has schools of (a VO school never fills a
/// PO parent's cell), each with its bovenschoolse voorzieningen as rows of their own.
fn dekking<'a>(site: &'a Site, gemeenten: &'a [crate::config::Gemeente]) -> Dekking<'a> {
    let vocab = &site.config.vocabulaires;
    let t = &site.strings[&site.config.taal];
    let own = |s: &School| vocab.sector_of(&s.onderwijstype);
    let sectoren = [(Sector::Po, "po"), (Sector::Vo, "vo")]
        .into_iter()
        .filter(|(sector, _)| site.schools.iter().any(|s| own(s) == *sector || s.voorzieningen.iter().any(|v| v.sector == Some(*sector))))
        .map(|(sector, key)| {
            // Counted in one pass over the schools: a scan per gemeente and kind is quadratic
            // at national scale (issue 18).
            let mut per_gemeente: HashMap<(&str, &str), usize> = HashMap::new();
            let mut totaal: HashMap<&str, usize> = HashMap::new();
            for s in &site.schools {
                for kind in vocab.ondersteuning.iter().filter(|k| s.offers_in_sector(&k.key, sector, own(s))) {
                    *per_gemeente.entry((s.gemeente.as_str(), kind.key.as_str())).or_default() += 1;
                    *totaal.entry(kind.key.as_str()).or_default() += 1;
                }
            }
            let rijen = vocab
                .ondersteuning
                .iter()
                .map(|kind| DekkingRij {
                    key: &kind.key,
                    label: &kind.label,
                    cellen: gemeenten.iter().map(|g| DekkingCel { gemeente: &g.naam, slug: &g.slug, aantal: per_gemeente.get(&(g.naam.as_str(), kind.key.as_str())).copied().unwrap_or(0) }).collect(),
                    totaal: totaal.get(kind.key.as_str()).copied().unwrap_or(0),
                })
                .collect();
            let mut voorzieningen = site
                .schools
                .iter()
                .flat_map(|s| s.voorzieningen.iter().filter(move |v| v.sector.unwrap_or(own(s)) == sector).map(move |v| (s, v)))
                .map(|(s, v)| DekkingVoorziening {
                    naam: &v.naam,
                    school: &s.naam,
                    school_url: &s.url,
                    gemeente_slug: &s.gemeente_slug,
                    voor: v.ondersteuning.iter().map(|k| vocab.ondersteuning.label(k)).collect(),
                    capaciteit: v.capaciteit,
                })
                .collect::<Vec<_>>();
            voorzieningen.sort_by(|a, b| a.naam.cmp(b.naam));
            DekkingSector { key, naam: &t[sector.string_key()], rijen, voorzieningen }
        })
        .collect();
    Dekking { sectoren, gemeenten, pager: None }
}

/// The most school cards one finder page lists. Above it, /scholen/ and the pages per kind of
/// support link to the pages per gemeente instead of listing every school, so that no page a
/// parent opens grows past about 300 kB of HTML (issue 18; a card is 250-700 bytes).
pub const MAX_CARDS: usize = 300;

/// The schools in gemeente `g` offering more than basis support for `kind`.
fn extra_in<'i, 'a>(index: &'i ExtraIndex<'a>, g: &str, kind: &str) -> std::iter::Copied<std::slice::Iter<'i, &'a School>> {
    index.get(g).and_then(|kinds| kinds.get(kind)).map(|v| v.as_slice()).unwrap_or(&[]).iter().copied()
}

/// (gemeente, kind of support) -> its schools offering more than basis support, in the
/// site's order. Built once per build: the finder asks it for every gemeente, kind and other
/// gemeente, which scanned all schools each time (quadratic at national scale, issue 18).
type ExtraIndex<'a> = HashMap<&'a str, HashMap<&'a str, Vec<&'a School>>>;

fn extra_index(site: &Site) -> ExtraIndex<'_> {
    let mut index = ExtraIndex::new();
    for s in &site.schools {
        for kind in site.config.vocabulaires.ondersteuning.iter() {
            if s.offers_more_than_basis(&kind.key) {
                index.entry(s.gemeente.as_str()).or_default().entry(kind.key.as_str()).or_default().push(s);
            }
        }
    }
    index
}

/// The finder on /scholen/: every school as a card with data attributes for the script's
/// filters, and the options of each filter.
fn finder(site: &Site) -> Finder<'_> {
    let vocab = &site.config.vocabulaires;
    let mut voorzieningen: Vec<(String, String)> = site.schools.iter().flat_map(|s| s.voorzieningen.iter().map(|v| (crate::text::slugify(&v.naam), v.naam.clone()))).collect();
    voorzieningen.sort_by(|a, b| a.1.cmp(&b.1));
    voorzieningen.dedup();
    let mut expertise: Vec<(String, String)> = site.schools.iter().flat_map(|s| s.expertise.iter().map(|e| (crate::text::slugify(e), e.clone()))).collect();
    expertise.sort_by(|a, b| a.0.cmp(&b.0));
    expertise.dedup_by(|a, b| a.0 == b.0);
    expertise.sort_by_key(|e| e.1.to_lowercase());
    let scholen = site
        .schools
        .iter()
        .take(if site.schools.len() <= MAX_CARDS { usize::MAX } else { 0 })
        .map(|s| FinderCard {
            card: school_card(site, s),
            gemeente_slug: &s.gemeente_slug,
            extra_keys: vocab.ondersteuning.iter().filter(|k| s.offers_more_than_basis(&k.key)).map(|k| k.key.as_str()).collect::<Vec<_>>().join(" "),
            voorziening_keys: s.voorzieningen.iter().map(|v| crate::text::slugify(&v.naam)).collect::<Vec<_>>().join(" "),
            expertise_keys: s.expertise.iter().map(|e| crate::text::slugify(e)).collect::<Vec<_>>().join(" "),
            toegankelijk_keys: s.toegankelijkheid.features().iter().filter(|f| f.2).map(|f| f.0).collect::<Vec<_>>().join(" "),
        })
        .collect();
    Finder {
        scholen,
        aantal_scholen: site.schools.len(),
        gemeenten: site.config.gemeenten(),
        onderwijstypen: vocab.onderwijstype.iter().filter(|t| site.schools.iter().any(|s| s.onderwijstype == t.key)).collect(),
        soorten: &vocab.ondersteuning,
        voorzieningen: voorzieningen.into_iter().map(|(key, naam)| Voorziening { key, naam }).collect(),
        expertise: expertise.into_iter().map(|(key, naam)| Voorziening { key, naam }).collect(),
        toegankelijkheid: crate::school::Toegankelijkheid::default().features().iter().map(|f| Label { key: f.0, label: f.1 }).collect(),
    }
}

fn school_summary<'a>(site: &'a Site, s: &'a School) -> SchoolSummary<'a> {
    let vocab = &site.config.vocabulaires;
    SchoolSummary {
        id: &s.id,
        url: &s.url,
        naam: &s.naam,
        plaats: &s.adres.plaats,
        gemeente: &s.gemeente,
        onderwijstype: &s.onderwijstype,
        onderwijstype_label: vocab.onderwijstype.label(&s.onderwijstype),
        verouderd: s.verouderd,
    }
}

/// A school as listed on the finder's pages.
fn school_card<'a>(site: &'a Site, s: &'a School) -> SchoolCard<'a> {
    let vocab = &site.config.vocabulaires;
    let extra = vocab.ondersteuning.iter().filter(|k| s.offers_more_than_basis(&k.key)).map(|k| k.label.as_str()).collect();
    let toegankelijk = s.toegankelijkheid.features().into_iter().filter(|f| f.2).map(|f| f.1).collect();
    SchoolCard { school: school_summary(site, s), extra, rolstoel: s.toegankelijkheid.rolstoel, toegankelijk }
}

/// /oogo/ with the status per gemeente, and /oogo/<gemeente>/ with its summary.
fn oogo(site: &Site, base: &Context, summaries: &Summaries, jobs: &mut Jobs) {
    let t = &site.strings[&site.config.taal];
    let oogo = &site.data.oogo;
    let gemeenten = site.config.gemeenten();
    let statuses = &site.config.vocabulaires.oogo_status;
    let status: Vec<OogoStatus> = gemeenten
        .iter()
        .map(|g| {
            let points: Vec<&crate::data::Overeenstemmingspunt> = oogo.overeenstemmingspunt.iter().filter(|p| p.concerns(&g.naam)).collect();
            let count = |st: &str| points.iter().filter(|p| p.status == st).count();
            OogoStatus {
                naam: &g.naam,
                slug: &g.slug,
                url: url::oogo_gemeente(&g.slug),
                per_status: statuses.keys().map(count).collect(),
                laatste_overleg: oogo.overleg.iter().filter(|o| o.gemeenten.is_empty() || o.gemeenten.contains(&g.naam)).map(|o| o.datum).max(),
            }
        })
        .collect();
    let mut overleg: Vec<&crate::data::Overleg> = oogo.overleg.iter().collect();
    overleg.sort_by_key(|o| o.datum);
    jobs.page(url::oogo(), |u| job(base, u, "oogo.html", &t["titel_oogo"], &t["beschrijving_oogo"], &Oogo { statussen: statuses.iter().map(|s| s.label.as_str()).collect(), status, overleg, regio: summaries.get(site, None) }));
}

/// The page of one gemeente's OOGO summary (`/oogo/<slug>/`). Not one of [`all`]: the build
/// makes it with the gemeente's documents from the same summary, which it then lets go (a
/// national site's 250 summaries held 500 MB at once).
pub fn oogo_gemeente(site: &Site, base: &Context, summary: &Summary) -> PageJob {
    let t = &site.strings[&site.config.taal];
    let gemeente = summary.gemeente.as_deref().unwrap_or_default();
    job(base, url::oogo_gemeente(&summary.slug), "oogo_gemeente.html", &summary.titel, &fill(&t["beschrijving_oogo_gemeente"], &[("gemeente", gemeente)]), &OogoSummary { summary })
}

/// A school with its labels resolved and its support grouped by level, in vocabulary order.
fn school_detail<'a>(site: &'a Site, s: &'a School) -> SchoolDetail<'a> {
    let vocab = &site.config.vocabulaires;
    let groepen = vocab
        .niveau
        .iter()
        .map(|level| LevelGroup {
            key: &level.key,
            label: &level.label,
            uitleg: &level.uitleg,
            items: vocab
                .ondersteuning
                .iter()
                .filter(|kind| s.level(&kind.key) == level.key)
                .map(|kind| SupportItem { key: &kind.key, label: &kind.label, wat: &kind.uitleg, uitleg: &s.ondersteuning[&kind.key].uitleg })
                .collect(),
        })
        .filter(|g| !g.items.is_empty())
        .collect();
    SchoolDetail {
        school: s,
        onderwijstype_label: vocab.onderwijstype.label(&s.onderwijstype),
        denominatie_label: s.denominatie.as_deref().map(|d| vocab.denominatie.label(d)),
        niveau_labels: s.niveaus.iter().map(|n| vocab.vo_niveau.label(n)).collect(),
        groepen,
        toegankelijkheid_lijst: s.toegankelijkheid.features().iter().map(|&(key, label, aanwezig)| Feature { key, label, aanwezig }).collect(),
    }
}
