//! Render stage: the validated [`Site`] through the theme's Tera templates into an in-memory
//! [`Output`] (path -> bytes). Nothing here reads source files; writing happens in `output`.

use crate::config::{Sector, Term};
use crate::content::{AddendumStatus, Chapter};
use crate::text::{escape_html, json_in_html, nl, Date};
use crate::diagnostics::{Diagnostics, Position};
use crate::markdown::Heading;
use crate::output::Output;
use crate::school::School;
use crate::site::{Site, TemplateSource};
use crate::url;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use tera::{Context, Tera};

/// One page to render: where it goes, with which template and data.
struct PageJob {
    url: String,
    template: &'static str,
    context: Context,
    /// Interface language of the page.
    lang: String,
}

/// Render every page, feed, sitemap and asset of `site`.
pub fn render_site(site: &Site) -> Result<Output, Diagnostics> {
    let tera = build_tera(site)?;
    let base = base_context(site);
    let mut jobs = page_jobs(site, &base);
    language_jobs(site, &base, &mut jobs);
    add_language_links(site, &mut jobs);

    let rendered: Vec<(String, Result<String, Diagnostic>)> = jobs
        .into_par_iter()
        .map(|job| {
            let result = tera.render(job.template, &job.context).map_err(|e| template_error(site, job.template, &e));
            (job.url, result)
        })
        .collect();

    let mut diags = Diagnostics::new();
    let mut output = Output::default();
    for (page_url, result) in rendered {
        match result {
            Ok(html) if links_terms(&page_url) => output.insert(url::output_file(&page_url), crate::glossary::link_terms(&html, &site.data.begrippen)),
            Ok(html) => output.insert(url::output_file(&page_url), html),
            Err(d) => diags.error(&d.file, d.pos, d.message, d.hint),
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }
    for asset in &site.assets {
        output.insert(asset.output.clone(), asset.bytes.clone());
    }
    output.insert("assets/tokens.css", tokens_css(site));
    crate::search::add_to_output(site, &mut output)?;
    output.insert("_headers", crate::headers::headers_file());
    output.insert(url::output_file(&url::open_data_json()), crate::opendata::json(site));
    output.insert(url::output_file(&url::open_data_csv()), crate::opendata::csv(site));
    for summary in crate::export::all_summaries(site) {
        for (path, bytes) in crate::export::files(&summary) {
            output.insert(path, bytes);
        }
    }
    output.insert("sitemap.xml", sitemap(site, &output));
    Ok(output)
}

/// Pages where the first use of a begrip links to its entry: chapters, addenda, school and
/// steunpunt pages (not lists, the begrippen page itself or exports).
fn links_terms(page_url: &str) -> bool {
    let under = |prefix: &str| page_url.starts_with(prefix) && page_url.len() > prefix.len();
    (under("/plan/") && !page_url.starts_with("/plan/verantwoording/") && page_url != url::changes() && page_url.ends_with('/'))
        || (under("/scholen/") && !page_url.starts_with("/scholen/gemeente/") && !page_url.starts_with("/scholen/ondersteuning/") && page_url != url::dekking() && page_url != url::compare())
        || page_url.starts_with("/steunpunt/")
}

/// A render failure, mapped back to a template file and line where possible.
struct Diagnostic {
    file: String,
    pos: Position,
    message: String,
    hint: String,
}

fn error_chain(e: &tera::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join(": ")
}

/// Tera's parse errors carry ` --> line:column`; render errors name a variable or filter that
/// we look up in the template text to find the line.
fn template_error(site: &Site, template: &str, e: &tera::Error) -> Diagnostic {
    let chain = error_chain(e);
    let mut file = template_file(site, template);
    let mut pos = Position::START;
    if let Some(loc) = chain.split("--> ").nth(1) {
        let mut nums = loc.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).map(|n| n.parse().unwrap_or(1));
        pos = Position { line: nums.next().unwrap_or(1), column: nums.next().unwrap_or(1) };
    } else if let Some(name) = chain.split('`').nth(1) {
        // "Variable `page.x` not found ..." / "Filter `y` not found": find it in the templates.
        let found = site.templates.iter().find_map(|t| t.file.text.find(name).map(|off| (t, Position::at(&t.file.text, off))));
        if let Some((t, p)) = found {
            file = t.file.rel.clone();
            pos = p;
        }
    }
    let detail = chain.split_whitespace().collect::<Vec<_>>().join(" ");
    Diagnostic {
        file,
        pos,
        message: format!("fout in template `{template}`: {detail}"),
        hint: "controleer de Tera-syntaxis ({{ ... }}, {% ... %}) en de namen van variabelen op die regel".into(),
    }
}

fn template_file(site: &Site, name: &str) -> String {
    site.templates.iter().find(|t| t.name == name).map(|t| t.file.rel.clone()).unwrap_or_else(|| format!("themes/{}/templates/{name}", site.config.thema))
}

/// Parse each template on its own first, so every broken template is reported with its line,
/// then load them together (inheritance needs all of them).
fn build_tera(site: &Site) -> Result<Tera, Diagnostics> {
    let mut diags = Diagnostics::new();
    for t in &site.templates {
        let mut scratch = Tera::default();
        // Only syntax errors count here: a missing parent template is reported below.
        if let Err(e) = scratch.add_raw_template(&t.name, &t.file.text) {
            if error_chain(&e).contains("Failed to parse") {
                let d = template_error(site, &t.name, &e);
                diags.error(&t.file.rel, d.pos, d.message, d.hint);
            }
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }
    let mut tera = Tera::default();
    let sources: Vec<(&str, &str)> = site.templates.iter().map(|t: &TemplateSource| (t.name.as_str(), t.file.text.as_str())).collect();
    if let Err(e) = tera.add_raw_templates(sources) {
        diags.error(&format!("themes/{}/templates", site.config.thema), Position::START, format!("templates passen niet bij elkaar: {}", error_chain(&e)), "controleer {% extends %}, {% include %} en {% import %}: bestaat het genoemde template?");
        return Err(diags);
    }
    tera.autoescape_on(vec![".html", ".xml"]);
    // Tera's default also escapes `/`, which makes every URL unreadable in the source; these
    // five characters are all HTML and XML need.
    tera.set_escape_fn(escape_html);
    register_filters(&mut tera);
    Ok(tera)
}

fn register_filters(tera: &mut Tera) {
    tera.register_filter("datum", |v: &Value, args: &HashMap<String, Value>| {
        let s = v.as_str().ok_or_else(|| tera::Error::msg("datum: verwacht een datum als tekst"))?;
        let lang = args.get("taal").and_then(Value::as_str).unwrap_or("nl");
        Ok(Value::String(Date::parse(s).map(|d| d.in_language(lang)).unwrap_or_else(|| s.to_string())))
    });
    tera.register_filter("getal", |v: &Value, _: &HashMap<String, Value>| match v {
        Value::Number(n) if n.is_i64() || n.is_u64() => Ok(Value::String(nl::integer(n.as_i64().unwrap_or(i64::MAX)))),
        Value::Number(n) => Ok(Value::String(nl::decimal(n.as_f64().unwrap_or(0.0), 1))),
        other => Ok(other.clone()),
    });
    tera.register_filter("procent", |v: &Value, _: &HashMap<String, Value>| Ok(Value::String(nl::percent(v.as_f64().unwrap_or(0.0)))));
    tera.register_filter("euro", |v: &Value, _: &HashMap<String, Value>| Ok(Value::String(nl::euro(v.as_i64().unwrap_or(0)))));
}

/// Site-wide data every template gets as `site`.
fn base_context(site: &Site) -> Context {
    let c = &site.config;
    let sector_label = match c.sector {
        crate::config::Sector::Po => "primair onderwijs",
        crate::config::Sector::Vo => "voortgezet onderwijs",
        crate::config::Sector::Beide => "primair en voortgezet onderwijs",
    };
    // Titles come from the interface strings (`t[key]`) of the page's language.
    let nav = [
        ("nav_plan", url::plan_index()),
        ("nav_scholen", url::schools()),
        ("nav_steunpunt", url::steunpunt_index()),
        ("nav_zoeken", url::search()),
        ("nav_gemeenten", url::oogo()),
    ];
    let mut ctx = Context::new();
    ctx.insert("t", &site.strings[&c.taal]);
    ctx.insert("lang", &c.taal);
    ctx.insert("dir", crate::i18n::direction(&c.taal));
    ctx.insert("home_url", &url::home());
    ctx.insert(
        "site",
        &json!({
            "naam": c.naam,
            "korte_naam": c.korte_naam,
            "code": c.code,
            "sector": c.sector,
            "sector_label": sector_label,
            "regio": c.regio,
            "gemeenten": c.gemeenten(),
            "planperiode": c.planperiode,
            "steunpunt": c.steunpunt,
            "tel_href": c.steunpunt.tel_href(),
            "stijl": c.stijl,
            "base_url": c.base_url.trim_end_matches('/'),
            "taal": c.taal,
            "nav": nav.iter().map(|(k, u)| json!({"key": k, "url": u})).collect::<Vec<_>>(),
            "aantal_scholen": site.schools.len(),
            "heeft_logo": c.stijl.logo.is_some(),
        }),
    );
    ctx
}

/// The base context for pages in `lang`: its strings, direction and home page.
fn language_context(site: &Site, base: &Context, lang: &str) -> Context {
    let mut ctx = base.clone();
    ctx.insert("t", &site.strings[lang]);
    ctx.insert("lang", lang);
    ctx.insert("dir", crate::i18n::direction(lang));
    ctx.insert("home_url", &if lang == site.config.taal { url::home() } else { url::in_language(lang, &url::home()) });
    ctx
}

/// Pages in the extra interface languages: a home page and the steunpunt section with its
/// translated pages. The rest of the site is in Dutch and linked as such.
fn language_jobs(site: &Site, base: &Context, jobs: &mut Vec<PageJob>) {
    let chapters: Vec<Value> = site.chapters.iter().map(chapter_summary).collect();
    for lang in &site.config.extra_talen {
        let t = &site.strings[lang];
        let ctx = language_context(site, base, lang);
        let pages: Vec<&crate::content::Page> = site.translations.iter().filter(|p| &p.lang == lang).collect();
        let section: Vec<Value> = pages.iter().map(|p| json!({"titel": p.title, "url": p.url, "samenvatting": p.samenvatting})).collect();
        jobs.push(job(&ctx, url::in_language(lang, &url::home()), "index.html", &site.config.naam, &t["home_lead"], json!({ "chapters": chapters, "addenda": [], "steunpunt_pages": section })));
        for p in &pages {
            let subpages: Vec<&Value> = if p.slug == "index" { section.iter().filter(|s| s["url"] != json!(p.url)).collect() } else { Vec::new() };
            jobs.push(job(&ctx, p.url.clone(), "page.html", &p.title, &p.samenvatting, json!({ "content": p.body.html, "toc": toc(&p.body.headings), "subpages": subpages, "section": section })));
        }
        if !pages.iter().any(|p| p.slug == "index") {
            jobs.push(job(&ctx, url::in_language(lang, &url::steunpunt_index()), "page.html", &t["footer_steunpunt"], &t["footer_steunpunt_tekst"], json!({ "content": "", "toc": [], "subpages": section, "section": section })));
        }
    }
}

/// Every page gets links to its versions in the other languages (`switch`: the translation,
/// or that language's home page) and `<link rel="alternate" hreflang>` for true translations.
fn add_language_links(site: &Site, jobs: &mut [PageJob]) {
    let c = &site.config;
    let languages: Vec<&String> = std::iter::once(&c.taal).chain(&c.extra_talen).collect();
    // Groups of URLs that are the same page in different languages, keyed by the main URL.
    let mut groups: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for lang in &c.extra_talen {
        for main_url in [url::home(), url::steunpunt_index()] {
            groups.entry(main_url.clone()).or_default().push((lang.clone(), url::in_language(lang, &main_url)));
        }
        for p in site.translations.iter().filter(|p| &p.lang == lang && p.slug != "index") {
            groups.entry(url::steunpunt_page(&p.slug)).or_default().push((lang.clone(), p.url.clone()));
        }
    }
    for group in groups.iter_mut() {
        group.1.insert(0, (c.taal.clone(), group.0.clone()));
    }
    let group_of = |page_url: &str| groups.values().find(|g| g.iter().any(|(_, u)| u == page_url));
    for job in jobs.iter_mut() {
        let group = group_of(&job.url);
        let switch: Vec<Value> = languages
            .iter()
            .filter(|l| **l != &job.lang)
            .map(|l| {
                let target = group.and_then(|g| g.iter().find(|(gl, _)| gl == *l)).map(|(_, u)| u.clone());
                let home = if *l == &c.taal { url::home() } else { url::in_language(l, &url::home()) };
                json!({ "lang": l, "naam": site.strings[l.as_str()]["taalnaam"], "url": target.unwrap_or(home) })
            })
            .collect();
        let alternates: Vec<Value> = group.map(|g| g.iter().map(|(l, u)| json!({ "lang": l, "url": u })).collect()).unwrap_or_default();
        job.context.insert("switch", &switch);
        job.context.insert("alternates", &alternates);
    }
}

fn job(base: &Context, url: String, template: &'static str, title: &str, description: &str, extra: Value) -> PageJob {
    let mut context = base.clone();
    context.insert("page", &json!({ "titel": title, "url": url, "beschrijving": description }));
    if let Value::Object(map) = extra {
        for (k, v) in map {
            context.insert(k, &v);
        }
    }
    let lang = base.get("lang").and_then(Value::as_str).unwrap_or("nl").to_string();
    PageJob { url, template, context, lang }
}

#[derive(Serialize)]
struct TocEntry<'a> {
    id: &'a str,
    text: &'a str,
    children: Vec<TocEntry<'a>>,
}

/// Nested table of contents from `##` and `###` headings.
fn toc(headings: &[Heading]) -> Vec<TocEntry<'_>> {
    let mut entries: Vec<TocEntry> = Vec::new();
    for h in headings.iter().filter(|h| h.level <= 3) {
        let entry = TocEntry { id: &h.id, text: &h.text, children: Vec::new() };
        match (h.level, entries.last_mut()) {
            (3, Some(parent)) => parent.children.push(entry),
            _ => entries.push(entry),
        }
    }
    entries
}

fn sector_label(s: Sector) -> Option<&'static str> {
    match s {
        Sector::Po => Some("PO"),
        Sector::Vo => Some("VO"),
        Sector::Beide => None,
    }
}

fn chapter_summary(c: &Chapter) -> Value {
    json!({
        "titel": c.title, "url": c.url, "order": c.order, "samenvatting": c.samenvatting,
        "sector": c.sector.key(), "sector_label": sector_label(c.sector), "bijgewerkt": c.bijgewerkt,
    })
}

fn labels(vocab: &crate::config::Vocabulary, keys: &[String]) -> Vec<Value> {
    keys.iter().map(|k| json!({"key": k, "label": vocab.label(k)})).collect()
}

fn school_summary(site: &Site, s: &School) -> Value {
    let vocab = &site.config.vocabulaires;
    json!({
        "id": s.id, "url": s.url, "naam": s.naam, "plaats": s.adres.plaats, "gemeente": s.gemeente,
        "onderwijstype": s.onderwijstype, "onderwijstype_label": vocab.onderwijstype.label(&s.onderwijstype),
        "verouderd": s.verouderd,
    })
}

fn page_jobs(site: &Site, base: &Context) -> Vec<PageJob> {
    let vocab = &site.config.vocabulaires;
    let chapters: Vec<Value> = site.chapters.iter().map(chapter_summary).collect();
    let addenda: Vec<Value> = site
        .addenda
        .iter()
        .map(|a| {
            json!({
                "titel": a.title, "url": a.url, "datum": a.datum, "status": a.status, "samenvatting": a.samenvatting,
                "wijzigt": a.wijzigt.iter().filter_map(|s| site.chapter_by_stem(s)).map(|c| json!({"titel": c.title, "url": c.url})).collect::<Vec<_>>(),
            })
        })
        .collect();
    let steunpunt: Vec<Value> = site.steunpunt.iter().map(|p| json!({"titel": p.title, "url": p.url, "samenvatting": p.samenvatting})).collect();
    let mut jobs = Vec::new();

    let c = &site.config;
    jobs.push(job(
        base,
        url::home(),
        "index.html",
        &c.naam,
        &format!("Passend onderwijs in {}: het ondersteuningsplan, de scholen en het ouder- en jeugdsteunpunt.", c.regio),
        json!({ "chapters": chapters, "addenda": addenda.iter().take(3).collect::<Vec<_>>(), "steunpunt_pages": steunpunt }),
    ));
    jobs.push(job(
        base,
        url::plan_index(),
        "plan_index.html",
        &format!("Ondersteuningsplan {}-{}", c.planperiode.start, c.planperiode.eind),
        "Alle hoofdstukken van het ondersteuningsplan, elk met een korte samenvatting in gewone taal.",
        json!({ "chapters": chapters, "addenda": addenda }),
    ));
    for (i, ch) in site.chapters.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|j| site.chapters.get(j)).map(chapter_summary);
        let next = site.chapters.get(i + 1).map(chapter_summary);
        let amended_by: Vec<&Value> = site.addenda.iter().zip(&addenda).filter(|(a, _)| a.wijzigt.contains(&ch.stem)).map(|(_, v)| v).collect();
        jobs.push(job(
            base,
            ch.url.clone(),
            "chapter.html",
            &ch.title,
            &ch.samenvatting,
            json!({
                "chapter": chapter_summary(ch),
                "content": ch.body.html,
                "toc": toc(&ch.body.headings),
                "prev": prev, "next": next,
                "wettelijke_onderdelen": labels(&vocab.wettelijk_onderdeel, &ch.wettelijke_onderdelen),
                "oogo": labels(&vocab.oogo_thema, &ch.oogo),
                "amended_by": amended_by,
            }),
        ));
    }
    jobs.push(job(base, url::changes(), "changes.html", "Wijzigingen in het plan", "Addenda en wijzigingen van het ondersteuningsplan, nieuwste eerst.", json!({ "addenda": addenda })));
    for (a, summary) in site.addenda.iter().zip(&addenda) {
        jobs.push(job(base, a.url.clone(), "addendum.html", &a.title, &a.samenvatting, json!({ "addendum": summary, "content": a.body.html, "concept": a.status == AddendumStatus::Concept })));
    }

    jobs.push(job(base, url::schools(), "schools.html", "Scholen", "Zoek een school die past bij wat uw kind nodig heeft: per gemeente, soort school en soort ondersteuning.", finder_context(site)));
    jobs.push(job(base, url::compare(), "compare.html", "Scholen vergelijken", "Zet tot drie scholen naast elkaar.", json!({ "soorten": vocab.ondersteuning })));
    for s in &site.schools {
        jobs.push(job(base, s.url.clone(), "school.html", &s.naam, &format!("{} in {}: welke ondersteuning deze school biedt.", s.naam, s.adres.plaats), json!({ "school": school_context(site, s) })));
    }

    // The steunpunt section: its Markdown pages, then the pages made from data.
    let mut section = steunpunt.clone();
    if !site.data.route.is_empty() {
        section.push(json!({"titel": "Waar kan ik terecht?", "url": url::route(), "samenvatting": "Stap voor stap: met wie u praat als u zich zorgen maakt."}));
    }
    if !site.data.faq.is_empty() {
        section.push(json!({"titel": "Veelgestelde vragen", "url": url::faq(), "samenvatting": "Antwoorden op vragen die ouders vaak stellen."}));
    }
    if !site.data.begrippen.is_empty() {
        section.push(json!({"titel": "Begrippen", "url": url::begrippen(), "samenvatting": "Wat betekenen de woorden die scholen gebruiken?"}));
    }
    section.push(json!({"titel": "Het plan in gewone taal", "url": url::plain_language_plan(), "samenvatting": "Het hele ondersteuningsplan in tien minuten."}));
    for p in &site.steunpunt {
        let subpages: Vec<&Value> = if p.slug == "index" { section.iter().skip(1).collect() } else { Vec::new() };
        jobs.push(job(base, p.url.clone(), "page.html", &p.title, &p.samenvatting, json!({ "content": p.body.html, "toc": toc(&p.body.headings), "subpages": subpages, "section": section })));
    }
    if !site.steunpunt.iter().any(|p| p.slug == "index") {
        jobs.push(job(base, url::steunpunt_index(), "page.html", &c.steunpunt.naam, "Vragen over passend onderwijs? Het ouder- en jeugdsteunpunt helpt.", json!({ "content": "", "toc": [], "subpages": section, "section": section })));
    }
    if !site.data.route.is_empty() {
        jobs.push(job(base, url::route(), "route.html", "Waar kan ik terecht?", "Maakt u zich zorgen over uw kind op school? Zo vindt u de juiste persoon.", json!({ "stappen": site.data.route, "section": section })));
    }
    if !site.data.faq.is_empty() {
        let themas: Vec<Value> = site
            .data
            .faq_themas
            .iter()
            .map(|t| json!({ "key": t.key, "titel": t.titel, "vragen": site.data.faq.iter().filter(|v| v.thema == t.key).collect::<Vec<_>>() }))
            .collect();
        jobs.push(job(base, url::faq(), "faq.html", "Veelgestelde vragen", "Antwoorden op vragen van ouders over passend onderwijs.", json!({ "themas": themas, "jsonld": faq_jsonld(site), "section": section })));
    }
    if !site.data.begrippen.is_empty() {
        let mut letters: Vec<Value> = Vec::new();
        let mut current = String::new();
        for b in &site.data.begrippen {
            let letter = b.letter();
            if letter != current {
                letters.push(json!({ "letter": letter, "id": url::begrippen_letter_id(&letter), "begrippen": [] }));
                current = letter;
            }
            letters.last_mut().and_then(|l| l["begrippen"].as_array_mut()).expect("letter group").push(json!(b));
        }
        jobs.push(job(base, url::begrippen(), "begrippen.html", "Begrippen", "Uitleg van woorden over passend onderwijs, van A tot Z.", json!({ "letters": letters, "section": section })));
    }
    jobs.push(job(
        base,
        url::plain_language_plan(),
        "plain_plan.html",
        "Het plan in gewone taal",
        "Het hele ondersteuningsplan in korte, gewone taal.",
        json!({ "chapters": chapters, "section": section }),
    ));

    // Verantwoording: every legally required element and the chapters that describe it.
    let elements: Vec<Value> = c
        .required_elements()
        .map(|e| {
            let covering: Vec<Value> = site.chapters.iter().filter(|ch| ch.wettelijke_onderdelen.contains(&e.key)).map(|ch| json!({"titel": ch.title, "url": ch.url})).collect();
            json!({ "key": e.key, "label": e.label, "beschrijving": e.beschrijving, "sector": e.sector, "hoofdstukken": covering })
        })
        .collect();
    jobs.push(job(base, url::verantwoording(), "verantwoording.html", "Verantwoording: wettelijke onderdelen", "Welk hoofdstuk beschrijft welk wettelijk verplicht onderdeel van het ondersteuningsplan.", json!({ "onderdelen": elements })));

    school_finder_jobs(site, base, &mut jobs);
    oogo_jobs(site, base, &mut jobs);

    jobs.push(job(base, url::search(), "search.html", "Zoeken", "Zoek in het ondersteuningsplan, de scholen en het steunpunt.", crate::search::page_context(site, &chapters)));
    let statement = &c.toegankelijkheid;
    jobs.push(job(
        base,
        url::accessibility_statement(),
        "toegankelijkheid.html",
        "Toegankelijkheidsverklaring",
        &format!("Hoe toegankelijk de website van {} is, en waar u een probleem meldt.", c.korte_naam),
        json!({ "verklaring": statement, "contact": statement.contact.clone().unwrap_or_else(|| c.steunpunt.email.clone()) }),
    ));
    jobs.push(job(base, "/404.html".into(), "404.html", "Pagina niet gevonden", "Deze pagina bestaat niet (meer).", json!({})));
    jobs.push(job(base, url::changes_feed(), "atom.xml", "Wijzigingen in het plan", "", json!({ "addenda": addenda, "updated": site.addenda.first().map(|a| a.datum) })));
    jobs
}

/// schema.org FAQPage data for search engines, as a JSON string safe inside a script element.
fn faq_jsonld(site: &Site) -> String {
    let entities: Vec<Value> = site
        .data
        .faq
        .iter()
        .map(|v| json!({ "@type": "Question", "name": v.vraag, "acceptedAnswer": { "@type": "Answer", "text": crate::markdown::strip_tags(&v.antwoord_html).trim() } }))
        .collect();
    let doc = json!({ "@context": "https://schema.org", "@type": "FAQPage", "mainEntity": entities });
    json_in_html(&serde_json::to_string(&doc).expect("json"))
}

/// The static school finder: one page per gemeente and per kind of support, and the dekking
/// matrix. They work without JavaScript; the finder script only makes filtering faster.
fn school_finder_jobs(site: &Site, base: &Context, jobs: &mut Vec<PageJob>) {
    let vocab = &site.config.vocabulaires;
    let gemeenten = site.config.gemeenten();
    for g in &gemeenten {
        let schools: Vec<Value> = site.schools.iter().filter(|s| s.gemeente == g.naam).map(|s| school_card(site, s)).collect();
        jobs.push(job(
            base,
            url::schools_in_gemeente(&g.slug),
            "school_filter.html",
            &format!("Scholen in {}", g.naam),
            &format!("Alle scholen in de gemeente {} en de ondersteuning die ze bieden.", g.naam),
            json!({ "soort": "gemeente", "filter": g, "groepen": [{ "naam": g.naam, "slug": g.slug, "scholen": schools }] }),
        ));
    }
    for kind in vocab.ondersteuning.iter() {
        let groups: Vec<Value> = gemeenten
            .iter()
            .map(|g| {
                let schools: Vec<Value> = site.schools.iter().filter(|s| s.gemeente == g.naam && s.offers_more_than_basis(&kind.key)).map(|s| school_card(site, s)).collect();
                json!({ "naam": g.naam, "slug": g.slug, "scholen": schools })
            })
            .collect();
        jobs.push(job(
            base,
            url::schools_with_support(&kind.key),
            "school_filter.html",
            &format!("Scholen met extra ondersteuning bij {}", kind.label.to_lowercase()),
            &format!("Welke scholen extra ondersteuning of een arrangement bieden bij {}.", kind.label.to_lowercase()),
            json!({ "soort": "ondersteuning", "filter": kind, "groepen": groups }),
        ));
    }
    let rows: Vec<Value> = vocab
        .ondersteuning
        .iter()
        .map(|kind| {
            let cells: Vec<Value> = gemeenten
                .iter()
                .map(|g| {
                    let n = site.schools.iter().filter(|s| s.gemeente == g.naam && s.offers_more_than_basis(&kind.key)).count();
                    json!({ "gemeente": g.naam, "slug": g.slug, "aantal": n })
                })
                .collect();
            let total = site.schools.iter().filter(|s| s.offers_more_than_basis(&kind.key)).count();
            json!({ "key": kind.key, "label": kind.label, "cellen": cells, "totaal": total })
        })
        .collect();
    jobs.push(job(
        base,
        url::dekking(),
        "dekking.html",
        "Dekking: ondersteuning per gemeente",
        "Hoeveel scholen per gemeente extra ondersteuning of een arrangement bieden, per soort ondersteuning.",
        json!({ "rijen": rows, "gemeenten": gemeenten }),
    ));
}

/// The finder on /scholen/: every school as a card with data attributes for the script's
/// filters, and the options of each filter.
fn finder_context(site: &Site) -> Value {
    let vocab = &site.config.vocabulaires;
    let mut voorzieningen: Vec<(String, String)> = site.schools.iter().flat_map(|s| s.voorzieningen.iter().map(|v| (crate::text::slugify(&v.naam), v.naam.clone()))).collect();
    voorzieningen.sort_by(|a, b| a.1.cmp(&b.1));
    voorzieningen.dedup();
    let types: Vec<&Term> = vocab.onderwijstype.iter().filter(|t| site.schools.iter().any(|s| s.onderwijstype == t.key)).collect();
    let cards: Vec<Value> = site
        .schools
        .iter()
        .map(|s| {
            let mut card = school_card(site, s);
            card["gemeente_slug"] = json!(s.gemeente_slug);
            card["extra_keys"] = json!(vocab.ondersteuning.iter().filter(|k| s.offers_more_than_basis(&k.key)).map(|k| k.key.as_str()).collect::<Vec<_>>().join(" "));
            card["voorziening_keys"] = json!(s.voorzieningen.iter().map(|v| crate::text::slugify(&v.naam)).collect::<Vec<_>>().join(" "));
            card["toegankelijk_keys"] = json!(s.toegankelijkheid.features().iter().filter(|f| f.2).map(|f| f.0).collect::<Vec<_>>().join(" "));
            card
        })
        .collect();
    json!({
        "scholen": cards,
        "gemeenten": site.config.gemeenten(),
        "onderwijstypen": types,
        "soorten": vocab.ondersteuning,
        "voorzieningen": voorzieningen.iter().map(|(k, n)| json!({"key": k, "naam": n})).collect::<Vec<_>>(),
        "toegankelijkheid": crate::school::Toegankelijkheid::default().features().iter().map(|f| json!({"key": f.0, "label": f.1})).collect::<Vec<_>>(),
    })
}

/// A school as listed on the finder's pages.
fn school_card(site: &Site, s: &School) -> Value {
    let vocab = &site.config.vocabulaires;
    let extra: Vec<&str> = vocab.ondersteuning.iter().filter(|k| s.offers_more_than_basis(&k.key)).map(|k| k.label.as_str()).collect();
    let mut card = school_summary(site, s);
    card["extra"] = json!(extra);
    card["rolstoel"] = json!(s.toegankelijkheid.rolstoel);
    card
}

/// /oogo/ with the status per gemeente, and /oogo/<gemeente>/ with its summary.
fn oogo_jobs(site: &Site, base: &Context, jobs: &mut Vec<PageJob>) {
    let oogo = &site.data.oogo;
    let status: Vec<Value> = site
        .config
        .gemeenten()
        .iter()
        .map(|g| {
            let points: Vec<&crate::data::Overeenstemmingspunt> = oogo.overeenstemmingspunt.iter().filter(|p| p.concerns(&g.naam)).collect();
            let count = |st: &str| points.iter().filter(|p| p.status == st).count();
            let last = oogo.overleg.iter().filter(|o| o.gemeenten.is_empty() || o.gemeenten.contains(&g.naam)).map(|o| o.datum).max();
            json!({
                "naam": g.naam, "slug": g.slug, "url": url::oogo_gemeente(&g.slug),
                "akkoord": count("akkoord"), "in_bespreking": count("in bespreking"), "geen": count("geen overeenstemming"),
                "laatste_overleg": last,
            })
        })
        .collect();
    let mut overleg = oogo.overleg.clone();
    overleg.sort_by_key(|o| o.datum);
    jobs.push(job(
        base,
        url::oogo(),
        "oogo.html",
        "Voor gemeenten",
        "Het op overeenstemming gericht overleg (OOGO) over het ondersteuningsplan: de stand per gemeente en een samenvatting per gemeente.",
        json!({ "status": status, "overleg": overleg, "regio": crate::export::summary(site, None) }),
    ));
    for summary in crate::export::all_summaries(site) {
        jobs.push(job(base, format!("/{}", crate::export::file_name(&summary, "html")), "oogo_export.html", &summary.titel.clone(), "", json!({ "summary": summary })));
    }
    for g in site.config.gemeenten() {
        let summary = crate::export::summary(site, Some(&g.naam));
        jobs.push(job(
            base,
            url::oogo_gemeente(&g.slug),
            "oogo_gemeente.html",
            &summary.titel,
            &format!("Wat het ondersteuningsplan betekent voor de gemeente {}: per thema van het OOGO.", g.naam),
            json!({ "summary": summary }),
        ));
    }
}

/// A school with its labels resolved and its support grouped by level, in vocabulary order.
fn school_context(site: &Site, s: &School) -> Value {
    let vocab = &site.config.vocabulaires;
    let groups: Vec<Value> = vocab
        .niveau
        .iter()
        .map(|level: &Term| {
            let items: Vec<Value> = vocab
                .ondersteuning
                .iter()
                .filter(|kind| s.level(&kind.key) == level.key)
                .map(|kind| json!({ "key": kind.key, "label": kind.label, "wat": kind.uitleg, "uitleg": s.ondersteuning[&kind.key].uitleg }))
                .collect();
            json!({ "key": level.key, "label": level.label, "uitleg": level.uitleg, "items": items })
        })
        .filter(|g| g["items"].as_array().is_some_and(|a| !a.is_empty()))
        .collect();
    let mut v = serde_json::to_value(s).expect("school serializes");
    v["onderwijstype_label"] = json!(vocab.onderwijstype.label(&s.onderwijstype));
    v["denominatie_label"] = json!(s.denominatie.as_deref().map(|d| vocab.denominatie.label(d)));
    v["niveau_labels"] = json!(s.niveaus.iter().map(|n| vocab.vo_niveau.label(n)).collect::<Vec<_>>());
    v["groepen"] = json!(groups);
    v["toegankelijkheid_lijst"] = json!(s.toegankelijkheid.features().iter().map(|(k, l, on)| json!({"key": k, "label": l, "aanwezig": on})).collect::<Vec<_>>());
    v
}

/// CSS custom properties from the style tokens in passend.toml, so the theme's stylesheet stays
/// static and no inline style is needed (the Content-Security-Policy forbids them).
fn tokens_css(site: &Site) -> String {
    let s = &site.config.stijl;
    format!(
        "/* Gegenereerd uit [stijl] in passend.toml */\n:root {{\n  --passend-kleur-primair: {};\n  --passend-kleur-accent: {};\n  --passend-lettertype: {};\n}}\n",
        s.primaire_kleur, s.accent_kleur, s.lettertype
    )
}

/// sitemap.xml with every HTML page except the 404 page.
fn sitemap(site: &Site, output: &Output) -> String {
    let base = site.config.base_url.trim_end_matches('/');
    let mut lastmod: BTreeMap<String, Date> = BTreeMap::new();
    for ch in &site.chapters {
        if let Some(d) = ch.bijgewerkt {
            lastmod.insert(ch.url.clone(), d);
        }
    }
    for s in &site.schools {
        if let Some(d) = s.vastgesteld {
            lastmod.insert(s.url.clone(), d);
        }
    }
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    // The compare view only shows something with JavaScript and a selection in its URL.
    let not_for_search_engines = [url::compare()];
    for path in output.files.keys().filter(|p| p.ends_with("index.html")) {
        let page_url = format!("/{}", path.trim_end_matches("index.html"));
        if not_for_search_engines.contains(&page_url) {
            continue;
        }
        xml.push_str(&format!("  <url><loc>{base}{page_url}</loc>"));
        if let Some(d) = lastmod.get(&page_url) {
            xml.push_str(&format!("<lastmod>{d}</lastmod>"));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}
