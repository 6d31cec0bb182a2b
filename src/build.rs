//! Build stage (the top layer: it imports every stage below it, nothing imports it but `lib`):
//! the site's output as a list of producers. Each producer adds files to the [`Output`] from
//! the immutable [`Site`] and what is computed once per build ([`Shared`]: the templates and
//! the OOGO summaries). `passend export oogo` runs the same OOGO code on the summaries it asks for.

use crate::diagnostics::Diagnostics;
use crate::export::{self, Summaries, Summary};
use crate::output::Output;
use crate::render::Renderer;
use crate::site::Site;
use crate::url;

/// What several producers need, computed once per build.
pub struct Shared {
    pub renderer: Renderer,
    /// One per gemeente, then the region's, each made once when first needed.
    pub summaries: Summaries,
}

impl Shared {
    /// The templates compiled; no summary made yet.
    pub fn new(site: &Site) -> Result<Shared, Diagnostics> {
        Shared::after(site, None)
    }

    /// [`Shared::new`] for a site loaded again after an edit: what did not change since
    /// `previous` (the compiled templates) is taken from it.
    pub fn after(site: &Site, previous: Option<&Shared>) -> Result<Shared, Diagnostics> {
        Ok(Shared { renderer: Renderer::after(site, previous.map(|p| &p.renderer))?, summaries: Summaries::new(site) })
    }
}

/// A producer adds its files to the output.
pub type Producer = fn(&Site, &Shared, &mut Output) -> Result<(), Diagnostics>;

/// Every producer of a build, by name, in the order they run (the sitemap lists the pages the
/// others made, so it runs last).
pub const PRODUCERS: &[(&str, Producer)] = &[
    ("pages", pages),
    ("theme assets", assets),
    ("search index", search),
    ("headers", headers),
    ("open data", open_data),
    ("OOGO", oogo),
    ("sitemap", sitemap),
];

/// Run every producer. The errors of all of them are reported together.
pub fn produce(site: &Site, mut output: Output) -> Result<Output, Diagnostics> {
    let timer = crate::diagnostics::StageTimer::new();
    let shared = Shared::new(site)?;
    timer.lap("templates");
    let mut diags = Diagnostics::new();
    for (name, producer) in PRODUCERS {
        if let Err(d) = producer(site, &shared, &mut output) {
            diags.extend(d);
        }
        release_freed_memory();
        timer.lap(name);
    }
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(output)
}

/// Give the memory a producer freed back to the OS. glibc keeps freed memory in the arena of
/// the thread that used it, and each of rayon's threads has its own: without this the peak of
/// every producer stays resident under the next one (a national build held 900 MB for 400 MB of
/// live data).
pub(crate) fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages of the allocator's own arenas to the OS.
    unsafe {
        libc::malloc_trim(0);
    }
}

fn pages(site: &Site, shared: &Shared, output: &mut Output) -> Result<(), Diagnostics> {
    shared.renderer.render_pages(site, &shared.summaries, output)
}

/// The theme's static files and the CSS of the style tokens.
fn assets(site: &Site, _: &Shared, output: &mut Output) -> Result<(), Diagnostics> {
    for asset in &site.assets {
        output.insert(asset.output.clone(), asset.bytes.clone());
    }
    output.insert(url::output_file(&url::tokens_css()), crate::render::tokens_css(site));
    Ok(())
}

fn search(site: &Site, _: &Shared, output: &mut Output) -> Result<(), Diagnostics> {
    crate::search::add_to_output(site, output)
}

fn headers(_: &Site, _: &Shared, output: &mut Output) -> Result<(), Diagnostics> {
    output.insert("_headers", crate::headers::headers_file());
    Ok(())
}

fn open_data(site: &Site, _: &Shared, output: &mut Output) -> Result<(), Diagnostics> {
    output.insert_all(school_data(site));
    output.insert_all(figure_data(site));
    Ok(())
}

/// The open data of the schools, in JSON and CSV, each also gzip-compressed for those who
/// download them whole.
fn school_data(site: &Site) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for (file, bytes) in [(url::open_data_json(), crate::opendata::json(site)), (url::open_data_csv(), crate::opendata::csv(site))] {
        files.push((url::output_file(&url::compressed(&file)), crate::opendata::gzip(bytes.as_bytes())));
        files.push((url::output_file(&file), bytes.into_bytes()));
    }
    files
}

/// Every figure in JSON, and the CSV of every table of figures: those of /plan/cijfers/, those
/// chapters show, and those of versions no longer in force (they keep their own figures).
fn figure_data(site: &Site) -> Vec<(String, Vec<u8>)> {
    let mut files = vec![(url::output_file(&url::figures_json()), crate::opendata::figures_json(site).into_bytes())];
    for o in crate::figures::overview(&site.data, &site.config) {
        files.push((url::output_file(&url::figure_csv(&o.table.file)), o.table.csv.into_bytes()));
    }
    for table in site.chapters.iter().flat_map(|c| c.tables.iter()) {
        files.push((url::output_file(&url::figure_csv(&table.file)), table.csv.clone().into_bytes()));
    }
    for v in site.versions.iter().filter(|v| v.tot.is_some()) {
        for table in v.tables.iter().flat_map(|t| t.iter()) {
            files.push((url::output_file(&url::figure_csv_in_version(&v.datum.to_string(), &table.file)), table.csv.clone().into_bytes()));
        }
    }
    files
}

/// Each gemeente's OOGO page, and every summary in every format.
fn oogo(site: &Site, shared: &Shared, output: &mut Output) -> Result<(), Diagnostics> {
    use rayon::prelude::*;
    let mut diags = Diagnostics::new();
    let gemeenten: Vec<Option<&str>> = site.config.gemeenten.iter().map(|g| Some(g.as_str())).chain([None]).collect();
    // Made in parallel (a page and six formats of 250 summaries on a national site) a few
    // summaries at a time, and added in order: the summaries and their files are never all in
    // memory at once. The region's is the one kept (the /oogo/ page shows it too).
    for some in gemeenten.chunks(4 * rayon::current_num_threads()) {
        let made: Vec<_> = some
            .par_iter()
            .map(|gemeente| match gemeente {
                Some(_) => oogo_files(site, shared, &shared.summaries.make(site, *gemeente), &export::FILES),
                None => oogo_files(site, shared, shared.summaries.get(site, None), &export::FILES),
            })
            .collect();
        for files in made {
            match files {
                Ok(files) => output.insert_all(files),
                Err(d) => diags.extend(d),
            }
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(())
}

/// The files of one summary in `formats` ([`export::FILES`]): a gemeente's page
/// ([`export::PAGE`]), HTML through the theme's `oogo_export.html`, the others written by
/// `export`.
fn oogo_files(site: &Site, shared: &Shared, summary: &Summary, formats: &[&str]) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    let mut files = Vec::new();
    if formats.contains(&export::PAGE) && summary.gemeente.is_some() {
        files.push((url::output_file(&url::oogo_gemeente(&summary.slug)), shared.renderer.oogo_page(site, summary)?.into_bytes()));
    }
    if formats.contains(&"html") {
        files.push((export::file_name(summary, "html"), shared.renderer.oogo_export(site, summary)?.into_bytes()));
    }
    files.extend(export::files(summary).into_iter().filter(|(path, _)| formats.iter().any(|f| path.ends_with(&format!(".{f}")))));
    Ok(files)
}

fn sitemap(site: &Site, _: &Shared, output: &mut Output) -> Result<(), Diagnostics> {
    let xml = crate::render::sitemap::sitemap(site, output.paths().map(String::as_str));
    output.insert(url::output_file(&url::sitemap()), xml);
    Ok(())
}

/// One file of the output, made on its own, as a build makes it: `passend serve` answers each
/// request with this (issue 18), so an edit costs the files a reader opens, not a build.
/// `path` is relative to the output folder (`plan/index.html`); `None` when the site has no
/// such file. The search index is the one file set not made here: it is made whole
/// ([`crate::search::index_files`]), and the preview does that in the background.
///
/// Where two producers write the same path the later one's file is the build's, so the files
/// are looked for in the producers' reverse order ([`PRODUCERS`]), which puts the pages, the
/// costly look (every page's URL is made to find one), last.
pub fn file(site: &Site, shared: &Shared, path: &str) -> Option<Result<Vec<u8>, Diagnostics>> {
    let found = |bytes: Vec<u8>| Some(Ok(bytes));
    if path == url::output_file(&url::sitemap()) {
        let oogo_pages = site.config.gemeenten().into_iter().map(|g| url::oogo_gemeente(&g.slug));
        let mut pages: Vec<String> = shared.renderer.page_urls(site, &shared.summaries).into_iter().chain(oogo_pages).map(|u| url::output_file(&u)).collect();
        pages.sort();
        return found(crate::render::sitemap::sitemap(site, pages.iter().map(String::as_str)).into_bytes());
    }
    // An OOGO page or document: only its own summary is made.
    let gemeenten = site.config.gemeenten.iter().map(|g| Some(g.as_str())).chain([None]);
    for gemeente in gemeenten {
        let slug = export::summary_slug(gemeente);
        let file = |format: &str| if format == export::PAGE { url::output_file(&url::oogo_gemeente(&slug)) } else { url::output_file(&url::oogo_file(&slug, format)) };
        if let Some(format) = export::FILES.iter().filter(|f| gemeente.is_some() || **f != export::PAGE).find(|f| path == file(f)) {
            let summary = shared.summaries.get(site, gemeente);
            return Some(oogo_files(site, shared, summary, &[format]).map(|files| files.into_iter().next().map(|(_, bytes)| bytes).unwrap_or_default()));
        }
    }
    // Open data: the schools' files or the figures', all under /data/ (beside its page).
    let one_of = |files: Vec<(String, Vec<u8>)>| files.into_iter().find(|(p, _)| p == path).map(|(_, bytes)| Ok(bytes));
    let school_files = [url::open_data_json(), url::open_data_csv()].into_iter().flat_map(|f| [url::compressed(&f), f]);
    if school_files.map(|f| url::output_file(&f)).any(|f| f == path) {
        return one_of(school_data(site));
    }
    if path.starts_with(url::open_data().trim_start_matches('/')) {
        if let Some(figures) = one_of(figure_data(site)) {
            return Some(figures);
        }
    }
    if path == "_headers" {
        return found(crate::headers::headers_file().into_bytes());
    }
    if path == url::output_file(&url::tokens_css()) {
        return found(crate::render::tokens_css(site).into_bytes());
    }
    if let Some(asset) = site.assets.iter().rev().find(|a| a.output == path) {
        return found(asset.bytes.clone());
    }
    let page_url = match path.strip_suffix("index.html") {
        Some(dir) => format!("/{dir}"),
        None => format!("/{path}"),
    };
    shared.renderer.render_page(site, &shared.summaries, &page_url).map(|html| html.map(String::into_bytes))
}

/// Why `passend export oogo` wrote nothing.
#[derive(Debug)]
pub enum ExportError {
    /// The sources or templates have errors.
    Invalid(Diagnostics),
    /// An unknown gemeente or format.
    Usage(String),
}

/// `passend export oogo`: the summaries of `gemeente` (or of every gemeente and the region) in
/// `format` (or every format), as (relative path, bytes): the same files the site offers for
/// download, made by the same code, with the stylesheet the HTML needs.
pub fn export_oogo(site: &Site, shared: &Shared, gemeente: Option<&str>, format: Option<&str>) -> Result<Vec<(String, Vec<u8>)>, ExportError> {
    let (gemeenten, formats) = export::select(&site.config, gemeente, format).map_err(ExportError::Usage)?;
    let mut files = Vec::new();
    for wanted in &gemeenten {
        let summary = shared.summaries.get(site, wanted.as_deref());
        let mut made = oogo_files(site, shared, summary, &formats).map_err(ExportError::Invalid)?;
        // In the order of --format's list, as the site offers them.
        made.sort_by_key(|(path, _)| formats.iter().position(|f| path.ends_with(&format!(".{f}"))));
        files.extend(made);
    }
    if formats.contains(&"html") {
        let stylesheet = export::stylesheet();
        if let Some(css) = site.assets.iter().rev().find(|a| a.output == stylesheet) {
            files.push((css.output.clone(), css.bytes.clone()));
        }
    }
    Ok(files)
}
