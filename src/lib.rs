//! passend: a static site generator for a samenwerkingsverband passend onderwijs.
//!
//! One pipeline, one model:
//! `load` + `validate` ([`site::Site::load`]) -> the producers of [`build::PRODUCERS`] (pages,
//! theme assets, search index, headers, open data, OOGO, sitemap) -> [`links::check_links`]
//! -> [`output::Staging`] (the new output written beside the old, swapped in at once). The binary only parses arguments and calls [`build`],
//! [`check`], [`export_oogo`], [`serve::serve`] or [`init::init`].

pub mod amendments;
pub mod build;
pub mod charts;
pub mod config;
pub mod content;
pub mod data;
pub mod diagnostics;
pub mod export;
pub mod figures;
pub mod glossary;
pub mod headers;
pub mod i18n;
pub mod import;
pub mod init;
pub mod layout;
pub mod links;
pub mod markdown;
pub mod opendata;
pub mod output;
pub mod plain_language;
pub mod render;
pub mod school;
pub mod school_import;
pub mod search;
pub mod serve;
pub mod site;
pub mod text;
pub mod source;
pub mod theme;
pub mod url;

use diagnostics::Diagnostics;
use output::Output;
use site::Site;
use std::path::Path;

/// The site loaded, rendered in memory and link-checked, ready to be written.
pub struct Compiled {
    pub site: Site,
    pub output: Output,
    /// Warnings (no errors: those make [`compile`] return `Err`).
    pub diagnostics: Diagnostics,
}

/// Run every stage but writing. Errors of all stages that could run are reported together.
pub fn compile(root: &Path) -> Result<Compiled, Diagnostics> {
    compile_into(root, output::Output::default())
}

/// [`compile`] into `output`: in memory, or written as it is made (`passend build`).
pub fn compile_into(root: &Path, output: output::Output) -> Result<Compiled, Diagnostics> {
    let timer = diagnostics::StageTimer::new();
    let (site, mut diags) = Site::load(root);
    timer.lap("load and validate");
    let Some(site) = site else { return Err(diags) };
    let output = match build::produce(&site, output) {
        Ok(o) => o,
        Err(render_diags) => {
            diags.extend(render_diags);
            return Err(diags);
        }
    };
    let timer = diagnostics::StageTimer::new();
    diags.extend(links::check_links(&site.bodies(), &output));
    timer.lap("link check");
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(Compiled { site, output, diagnostics: diags })
}

/// What `passend build` reports on success.
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    pub diagnostics: Diagnostics,
}

#[derive(Debug)]
pub enum BuildError {
    /// The sources have errors; nothing was written.
    Invalid(Diagnostics),
    /// Writing failed; the previous output is untouched.
    Write(output::WriteError),
}

/// `passend build`: compile `root` and replace `dest` with the result.
pub fn build(root: &Path, dest: &Path) -> Result<BuildReport, BuildError> {
    // The staging folder first, so pages are written as they are made; a failed build
    // removes it and leaves the previous output untouched.
    let staging = output::Staging::new(dest).map_err(BuildError::Write)?;
    let compiled = compile_into(root, staging.output()).map_err(BuildError::Invalid)?;
    let timer = diagnostics::StageTimer::new();
    let (pages, files) = (compiled.output.pages(), compiled.output.len());
    staging.finish(compiled.output).map_err(BuildError::Write)?;
    timer.lap("write");
    Ok(BuildReport { pages, files, diagnostics: compiled.diagnostics })
}

/// `passend check`: everything `build` checks, without writing. With `strict`, warnings count
/// as errors.
pub fn check(root: &Path, strict: bool) -> Diagnostics {
    let mut diags = match compile(root) {
        Ok(c) => c.diagnostics,
        Err(d) => d,
    };
    if strict {
        diags.make_strict();
    }
    diags
}

/// `passend export oogo`: the OOGO summaries of `gemeente` (or all) in `format` (or all), as
/// (relative path, bytes), made by the build's own OOGO producer code.
pub fn export_oogo(root: &Path, gemeente: Option<&str>, format: Option<&str>) -> Result<Vec<(String, Vec<u8>)>, build::ExportError> {
    let (site, mut diags) = Site::load(root);
    let Some(site) = site else { return Err(build::ExportError::Invalid(diags)) };
    let shared = match build::Shared::new(&site) {
        Ok(shared) => shared,
        Err(d) => {
            diags.extend(d);
            return Err(build::ExportError::Invalid(diags));
        }
    };
    if diags.has_errors() {
        return Err(build::ExportError::Invalid(diags));
    }
    build::export_oogo(&site, &shared, gemeente, format)
}

/// `passend export scholen --format xlsx`: the SOP workbook of every school for the yearly
/// round with the schools (`school_import::sheet`), read back by `passend import scholen`.
pub fn export_scholen(root: &Path, format: &str) -> Result<Vec<u8>, build::ExportError> {
    if format != "xlsx" {
        return Err(build::ExportError::Usage(format!("onbekend formaat `{format}` voor scholen; kies xlsx")));
    }
    let (site, diags) = Site::load(root);
    let Some(site) = site.filter(|_| !diags.has_errors()) else { return Err(build::ExportError::Invalid(diags)) };
    school_import::sheet::export_workbook(&site).map_err(|e| build::ExportError::Usage(format!("de werkmap kan niet worden gemaakt: {e}")))
}
