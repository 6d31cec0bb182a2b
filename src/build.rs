//! Build stage (the top layer: it imports every stage below it, nothing imports it but `lib`):
//! the site's output as a list of producers. Each producer adds files to the [`Output`] from
//! the immutable [`Site`] and what is computed once per build ([`Shared`]: the templates and
//! the OOGO summaries). `passend export oogo` runs the same OOGO code on the summaries it asks for.

use crate::diagnostics::Diagnostics;
use crate::export::{self, Summary};
use crate::output::Output;
use crate::render::Renderer;
use crate::site::Site;
use crate::url;

/// What several producers need, computed once per build.
pub struct Shared {
    pub renderer: Renderer,
    /// One per gemeente, then the region's ([`export::all_summaries`]).
    pub summaries: Vec<Summary>,
}

impl Shared {
    pub fn new(site: &Site) -> Result<Shared, Diagnostics> {
        Ok(Shared { renderer: Renderer::new(site)?, summaries: export::all_summaries(site) })
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
    ("OOGO exports", oogo_exports),
    ("sitemap", sitemap),
];

/// Run every producer. The errors of all of them are reported together.
pub fn produce(site: &Site, mut output: Output) -> Result<Output, Diagnostics> {
    let timer = crate::diagnostics::StageTimer::new();
    let shared = Shared::new(site)?;
    timer.lap("templates and summaries");
    let mut diags = Diagnostics::new();
    for (name, producer) in PRODUCERS {
        if let Err(d) = producer(site, &shared, &mut output) {
            diags.extend(d);
        }
        timer.lap(name);
    }
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(output)
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
    // The school files also gzip-compressed, for those who download them whole.
    for (file, bytes) in [(url::open_data_json(), crate::opendata::json(site)), (url::open_data_csv(), crate::opendata::csv(site))] {
        output.insert(url::output_file(&url::compressed(&file)), crate::opendata::gzip(bytes.as_bytes()));
        output.insert(url::output_file(&file), bytes);
    }
    output.insert(url::output_file(&url::figures_json()), crate::opendata::figures_json(site));
    // The CSV of every table of figures: those of /plan/cijfers/ and those chapters show.
    for o in crate::figures::overview(&site.data, &site.config) {
        output.insert(url::output_file(&url::figure_csv(&o.table.file)), o.table.csv);
    }
    for table in site.chapters.iter().flat_map(|c| &c.tables) {
        output.insert(url::output_file(&url::figure_csv(&table.file)), table.csv.clone());
    }
    // Versions no longer in force keep their own figures.
    for v in site.versions.iter().filter(|v| v.tot.is_some()) {
        for table in v.tables.iter().flatten() {
            output.insert(url::output_file(&url::figure_csv_in_version(&v.datum.to_string(), &table.file)), table.csv.clone());
        }
    }
    Ok(())
}

/// Every summary in every format.
fn oogo_exports(site: &Site, shared: &Shared, output: &mut Output) -> Result<(), Diagnostics> {
    use rayon::prelude::*;
    let mut diags = Diagnostics::new();
    // Made in parallel (six formats of 250 summaries on a national site) a few summaries at a
    // time, and added in order, so the files of all of them are never in memory at once.
    for some in shared.summaries.chunks(4 * rayon::current_num_threads()) {
        let made: Vec<_> = some.par_iter().map(|summary| oogo_files(site, shared, summary, &export::FORMATS)).collect();
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

/// The files of one summary in `formats`: HTML through the theme's `oogo_export.html`, the
/// others written by `export`.
fn oogo_files(site: &Site, shared: &Shared, summary: &Summary, formats: &[&str]) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    let mut files = Vec::new();
    if formats.contains(&"html") {
        files.push((export::file_name(summary, "html"), shared.renderer.oogo_export(site, summary)?.into_bytes()));
    }
    files.extend(export::files(summary).into_iter().filter(|(path, _)| formats.iter().any(|f| path.ends_with(&format!(".{f}")))));
    Ok(files)
}

fn sitemap(site: &Site, _: &Shared, output: &mut Output) -> Result<(), Diagnostics> {
    let xml = crate::render::sitemap::sitemap(site, output);
    output.insert(url::output_file(&url::sitemap()), xml);
    Ok(())
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
        let summary = shared.summaries.iter().find(|s| s.gemeente.as_deref() == wanted.as_deref()).expect("a summary for every gemeente and the region");
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
