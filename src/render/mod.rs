//! Render stage (below `build`, above the model): the validated [`Site`] through the theme's
//! Tera templates into HTML. Here: the Tera setup, its filters, template errors mapped back to
//! their file and line, the base context every page gets, and rendering a [`PageJob`]. Which
//! pages exist is `pages`; what each page's template gets is `views`; `sitemap` lists them.
//! Nothing here reads source files or writes files: the `build` producers put the HTML into
//! the [`Output`].

pub mod jobs;
pub mod pages;
pub mod versions;
pub mod views;
pub mod sitemap;

use crate::text::{escape_html, nl, Date};
use crate::diagnostics::{Diagnostics, Position};
use crate::export::{Summaries, Summary};
use crate::output::Output;
use crate::site::{Site, TemplateSource};
use crate::url;
use jobs::PageJob;
use rayon::prelude::*;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use tera::{Context, Tera};

/// The theme's templates, ready to render pages of one site.
pub struct Renderer {
    tera: Arc<Compiled>,
    /// What every page gets: `site`, `t`, `lang`, `dir`, `home_url`.
    base: Context,
    /// The base context per interface language (the main language's is `base`), added to a
    /// page's own context when it is rendered.
    bases: HashMap<String, Context>,
    /// Groups of URLs that are the same page in different languages, keyed by the main URL.
    translations: BTreeMap<String, Vec<(String, String)>>,
    /// The begrippen's automaton, built once for every page that links them.
    linker: crate::glossary::TermLinker,
    /// Base contexts to render pages in, by language, each in use by one page at a time: a
    /// page's variables are put in and taken out again, instead of copying the base context
    /// (every interface string, the gemeenten) for each of a national site's 14,000 pages.
    spare: std::sync::Mutex<HashMap<String, Vec<Context>>>,
}

impl Renderer {
    /// Parse the templates of `site`; every broken template is reported with its line.
    pub fn new(site: &Site) -> Result<Renderer, Diagnostics> {
        Renderer::after(site, None)
    }

    /// [`Renderer::new`], taking the compiled templates of `previous` when `site` has the same
    /// templates: the preview makes a renderer after every edit, and compiling the theme is
    /// most of that (25 ms); the rest is made from `site`.
    pub fn after(site: &Site, previous: Option<&Renderer>) -> Result<Renderer, Diagnostics> {
        let base = base_context(site);
        let mut bases: HashMap<String, Context> = site.config.extra_talen.iter().map(|lang| (lang.clone(), pages::language_context(site, &base, lang))).collect();
        bases.insert(site.config.taal.clone(), base.clone());
        let tera = match previous.filter(|p| p.tera.compiled_from(&site.templates)) {
            Some(previous) => Arc::clone(&previous.tera),
            None => Arc::new(Compiled { tera: build_tera(site)?, sources: site.templates.iter().map(|t| (t.name.clone(), t.file.text.clone())).collect() }),
        };
        Ok(Renderer { tera, base, bases, translations: translations(site), linker: crate::glossary::TermLinker::new(&site.data.begrippen), spare: Default::default() })
    }

    /// Every page of the site (pages::all), rendered in parallel chunks as they are made, into
    /// `output`.
    pub fn render_pages(&self, site: &Site, summaries: &Summaries, output: &mut Output) -> Result<(), Diagnostics> {
        let mut diags = Diagnostics::new();
        let mut flush = |chunk: Vec<PageJob>| {
            let rendered: Vec<(String, Result<String, Diagnostics>)> = chunk.into_par_iter().map(|job| (job.url.clone(), self.render(site, job))).collect();
            let mut pages = Vec::with_capacity(rendered.len());
            for (page_url, result) in rendered {
                match result {
                    Ok(html) => pages.push((url::output_file(&page_url), html.into_bytes())),
                    Err(d) => diags.extend(d),
                }
            }
            output.insert_all(pages);
        };
        let mut jobs = jobs::Jobs::new(jobs::Wanted::All, &mut flush);
        pages::all(site, &self.base, summaries, &mut jobs);
        jobs.finish();
        if diags.has_errors() {
            return Err(diags);
        }
        Ok(())
    }

    /// The page at `page_url` alone, as [`Renderer::render_pages`] makes it, or `None` when the
    /// site has no page there. The preview renders a page when it is asked for (issue 18): only
    /// that page's view is made, so on a national site it takes milliseconds, not a build.
    pub fn render_page(&self, site: &Site, summaries: &Summaries, page_url: &str) -> Option<Result<String, Diagnostics>> {
        let mut found = None;
        let mut flush = |chunk: Vec<PageJob>| found = chunk.into_iter().next();
        let mut jobs = jobs::Jobs::new(jobs::Wanted::Url(page_url.to_string()), &mut flush);
        pages::all(site, &self.base, summaries, &mut jobs);
        jobs.finish();
        found.map(|job| self.render(site, job))
    }

    /// The URL of every page of the site, in the order a build makes them, without making them.
    pub fn page_urls(&self, site: &Site, summaries: &Summaries) -> Vec<String> {
        let mut flush = |_: Vec<PageJob>| {};
        let mut jobs = jobs::Jobs::new(jobs::Wanted::Urls, &mut flush);
        pages::all(site, &self.base, summaries, &mut jobs);
        std::mem::take(&mut jobs.urls)
    }

    /// The page of a gemeente's OOGO summary ([`pages::oogo_gemeente`]).
    pub fn oogo_page(&self, site: &Site, summary: &Summary) -> Result<String, Diagnostics> {
        self.render(site, pages::oogo_gemeente(site, &self.base, summary))
    }

    /// The printable HTML export of an OOGO summary, the same page on the site and from
    /// `passend export oogo`.
    pub fn oogo_export(&self, site: &Site, summary: &Summary) -> Result<String, Diagnostics> {
        self.render(site, pages::oogo_export(&self.base, summary))
    }

    /// One page, with its language links, soft hyphens in the long words of its headings and,
    /// where the page links begrippen, its terms linked.
    fn render(&self, site: &Site, mut job: PageJob) -> Result<String, Diagnostics> {
        self.add_language_links(site, &mut job);
        let spare = self.spare.lock().expect("spare contexts").get_mut(&job.lang).and_then(Vec::pop);
        let mut context = spare.unwrap_or_else(|| self.bases.get(&job.lang).unwrap_or(&self.base).clone());
        // What the page's variables cover of the base (nothing, as the views are made), to put
        // back after.
        let covered: Vec<(String, Value)> = job.keys.iter().filter_map(|k| Some((k.clone(), context.remove(k)?))).collect();
        context.extend(job.context);
        let rendered = self.tera.tera.render(job.template, &context);
        for k in &job.keys {
            context.remove(k);
        }
        for (k, v) in covered {
            context.insert(k, &v);
        }
        self.spare.lock().expect("spare contexts").entry(job.lang).or_default().push(context);
        match rendered {
            Ok(html) if url::links_begrippen(&job.url) => Ok(crate::text::hyphenate::in_headings(&self.linker.link(&html))),
            // The OOGO export is a document to print and copy from (its stylesheet hyphenates);
            // soft hyphens are for the site's pages on a phone.
            Ok(html) if job.template == "oogo_export.html" => Ok(html),
            Ok(html) => Ok(crate::text::hyphenate::in_headings(&html)),
            Err(e) => {
                let d = template_error(site, job.template, &e);
                let mut diags = Diagnostics::new();
                diags.error(&d.file, d.pos, d.message, d.hint);
                Err(diags)
            }
        }
    }
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

/// The templates compiled, with the sources they were compiled from (name, text).
struct Compiled {
    tera: Tera,
    sources: Vec<(String, String)>,
}

impl Compiled {
    fn compiled_from(&self, templates: &[TemplateSource]) -> bool {
        self.sources.len() == templates.len() && self.sources.iter().zip(templates).all(|((name, text), t)| *name == t.name && *text == t.file.text)
    }
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
    tera.register_function("url", url_function);
    Ok(tera)
}

/// `url(page=..., key=...)` in templates: the URL of a page with a key, from `url`.
/// `page` is `gemeente` (key: its slug), `ondersteuning` (key: the kind of support),
/// `gemeente_ondersteuning` (key: the kind, `gemeente`: the gemeente's slug),
/// `oogo_bestand` (key: the summary's slug, `format`: html, md, ...), `asset` (key: a file
/// of the theme's `static/` folder) or `bestand` (key: a file of the site's own `static/`).
fn url_function(args: &HashMap<String, Value>) -> tera::Result<Value> {
    let arg = |name: &str| args.get(name).and_then(Value::as_str).ok_or_else(|| tera::Error::msg(format!("url: `{name}` ontbreekt (bijvoorbeeld url(page=\"gemeente\", key=g.slug))")));
    let key = arg("key")?;
    let made = match arg("page")? {
        "gemeente" => url::schools_in_gemeente(key),
        "ondersteuning" => url::schools_with_support(key),
        "gemeente_ondersteuning" => url::schools_in_gemeente_with_support(arg("gemeente")?, key),
        "oogo_bestand" => url::oogo_file(key, arg("format")?),
        "asset" => url::asset(key),
        "bestand" => url::site_file(key),
        other => return Err(tera::Error::msg(format!("url: onbekende pagina `{other}`; kies gemeente, ondersteuning, gemeente_ondersteuning, oogo_bestand, asset of bestand"))),
    };
    Ok(Value::String(made))
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
    // A phone number as written becomes a `tel:` link of its digits only (`text::tel_href`);
    // text that is not a phone number (warned about by `check`) gives no link: empty.
    tera.register_filter("tel", |v: &Value, _: &HashMap<String, Value>| {
        let number = v.as_str().unwrap_or("");
        Ok(Value::String(if crate::text::is_phone(number) { crate::text::tel_href(number) } else { String::new() }))
    });
    // Soft hyphens in long words (titles, tables of contents): see text::hyphenate.
    tera.register_filter("afbreken", |v: &Value, _: &HashMap<String, Value>| Ok(Value::String(crate::text::hyphenate::soft_hyphens(v.as_str().unwrap_or("")))));
    tera.register_filter("euro", |v: &Value, _: &HashMap<String, Value>| Ok(Value::String(nl::euro(v.as_i64().unwrap_or(0)))));
}

/// Site-wide data every template gets as `site`.
fn base_context(site: &Site) -> Context {
    let c = &site.config;
    let sector_label = &site.strings[&c.taal][c.sector.string_key()];
    // Titles come from the interface strings (`t[key]`) of the page's language.
    let nav = [
        ("nav_plan", url::plan_index()),
        ("nav_scholen", url::schools()),
        ("nav_steunpunt", url::steunpunt_index()),
        ("nav_zoeken", url::search()),
        ("nav_gemeenten", url::oogo()),
    ];
    let nav = nav.into_iter().map(|(key, url)| views::NavItem { key, url }).collect();
    let mut ctx = Context::new();
    ctx.insert("t", &site.strings[&c.taal]);
    ctx.insert("lang", &c.taal);
    ctx.insert("dir", crate::i18n::direction(&c.taal));
    ctx.insert("home_url", &url::home());
    ctx.insert("steunpunt_url", &url::steunpunt_index());
    ctx.insert("urls", &views::Urls::default());
    insert_opening_hours(site, &c.taal, &mut ctx);
    ctx.insert(
        "site",
        &views::SiteView {
            naam: &c.naam,
            korte_naam: &c.korte_naam,
            code: &c.code,
            sector: c.sector,
            sector_label,
            regio: &c.regio,
            gemeenten: c.gemeenten(),
            planperiode: &c.planperiode,
            steunpunt: &c.steunpunt,
            tel_href: c.steunpunt.tel_href(),
            stijl: &c.stijl,
            base_url: c.base_url.trim_end_matches('/'),
            taal: &c.taal,
            nav,
            aantal_scholen: site.schools.len(),
            heeft_logo: c.stijl.logo.is_some(),
        },
    );
    ctx
}

/// The steunpunt's opening hours in `lang` as `openingstijden`, and the language they are in as
/// `openingstijden_lang`: days and times from the data in that language's words
/// (`dag_maandag`, `openingstijd`, `tijd`), or a sentence as written in the main language.
pub(super) fn insert_opening_hours(site: &Site, lang: &str, ctx: &mut Context) {
    use crate::config::{parse_time, Openingstijden};
    let t = &site.strings[lang];
    let (text, text_lang) = match &site.config.steunpunt.openingstijden {
        Openingstijden::Tekst(text) => (text.clone(), site.config.taal.as_str()),
        Openingstijden::Tijden(lines) => {
            let time = |s: &str| parse_time(s).map_or_else(|| s.to_string(), |(h, m)| crate::i18n::fill(&t["tijd"], &[("uur", &h.to_string()), ("minuten", &format!("{m:02}"))]));
            let parts: Vec<String> = lines
                .iter()
                .map(|line| {
                    let dagen = match line.days() {
                        Some((a, b)) if a == b => t[&format!("dag_{a}")].clone(),
                        Some((a, b)) => crate::i18n::fill(&t["openingstijd_dagen"], &[("van", &t[&format!("dag_{a}")]), ("tot", &t[&format!("dag_{b}")])]),
                        None => line.dagen.clone(),
                    };
                    crate::i18n::fill(&t["openingstijd"], &[("dagen", &dagen), ("van", &time(&line.van)), ("tot", &time(&line.tot))])
                })
                .collect();
            let joined = parts.join(&t["openingstijd_scheiding"]);
            let mut chars = joined.chars();
            (chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default(), lang)
        }
    };
    ctx.insert("openingstijden", &text);
    ctx.insert("openingstijden_lang", text_lang);
}

/// Groups of URLs that are the same page in different languages (home, steunpunt and its
/// translated pages), keyed by the main URL, the main language first.
fn translations(site: &Site) -> BTreeMap<String, Vec<(String, String)>> {
    let c = &site.config;
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
    groups
}

impl Renderer {
    /// Every page gets links to its versions in the other languages (`switch`: the translation,
    /// or that language's home page) and `<link rel="alternate" hreflang>` for true translations.
    fn add_language_links(&self, site: &Site, job: &mut PageJob) {
        let c = &site.config;
        let languages = std::iter::once(&c.taal).chain(&c.extra_talen);
        let group = self.translations.values().find(|g| g.iter().any(|(_, u)| *u == job.url));
        let switch: Vec<views::LanguageLink> = languages
            .filter(|l| **l != job.lang)
            .map(|l| {
                let target = group.and_then(|g| g.iter().find(|(gl, _)| gl == l)).map(|(_, u)| u.clone());
                let home = if *l == c.taal { url::home() } else { url::in_language(l, &url::home()) };
                views::LanguageLink { lang: l, naam: Some(&site.strings[l.as_str()]["taalnaam"]), url: target.unwrap_or(home) }
            })
            .collect();
        let alternates: Vec<views::LanguageLink> = group.map(|g| g.iter().map(|(l, u)| views::LanguageLink { lang: l, naam: None, url: u.clone() }).collect()).unwrap_or_default();
        job.context.insert("switch", &switch);
        job.context.insert("alternates", &alternates);
        job.keys.extend(["switch".to_string(), "alternates".to_string()]);
    }
}

/// CSS custom properties from the style tokens in passend.toml, so the theme's stylesheet stays
/// static and no inline style is needed (the Content-Security-Policy forbids them).
pub fn tokens_css(site: &Site) -> String {
    let s = &site.config.stijl;
    format!(
        "/* Gegenereerd uit [stijl] in passend.toml */\n:root {{\n  --passend-kleur-primair: {};\n  --passend-kleur-accent: {};\n  --passend-lettertype: {};\n}}\n",
        s.primaire_kleur, s.accent_kleur, s.lettertype
    )
}

