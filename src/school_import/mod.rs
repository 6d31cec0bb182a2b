//! `passend import scholen FILE`: school profiles from the sources an SWV really has, written
//! into `schools/*.toml` in place.
//!
//! - DUO's register of school locations (`duo`): the identity of each school (name, address,
//!   gemeente, denominatie, phone, website), created or updated; the support profile is never
//!   touched, and a school the register no longer has is reported, not deleted.
//! - The SOP spreadsheet of the yearly round with the schools (`sheet`): written by `passend
//!   export scholen --format xlsx`, filled in by each school's IB'er, read back into the
//!   support part of each profile.
//!
//! Every file is changed in place with a format-preserving editor (`edit`): a value is only
//! replaced when it differs, keeping its comment, so importing an unchanged source changes no
//! byte. Every changed file is checked as `passend check` would before anything is written, and
//! nothing is written when any source row or cell is wrong: all errors are reported together.

mod duo;
mod edit;
mod report;
pub mod sheet;
mod table;

pub use edit::Change;
pub use report::{Report, SchoolChanges};

use crate::config::Config;
use crate::diagnostics::{display_path, Diagnostics, Position, Severity};
use crate::layout::SiteLayout;
use crate::source::{files_with_extension, read_text, SourceFile};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Which schools of the register to take: by default those in the gemeenten of passend.toml.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Only the locations of these BRIN numbers.
    pub brin: Vec<String>,
    /// Only the locations of this SWV (a column of the register).
    pub swv: Option<String>,
}

/// What an import did, and its warnings.
pub struct Imported {
    pub report: Report,
    pub warnings: Diagnostics,
}

/// An existing school file of the site.
pub(crate) struct SchoolText {
    pub path: PathBuf,
    /// Relative to the site root, for messages.
    pub rel: String,
    pub text: String,
    pub doc: toml_edit::DocumentMut,
}

/// What every importer reads: the site's config and schools, and the input's name.
pub(crate) struct Context {
    pub root: PathBuf,
    pub config: Config,
    /// By id (BRIN + vestiging).
    pub existing: BTreeMap<String, SchoolText>,
    /// The input file as messages name it.
    pub input: String,
}

/// The new texts of files, and the report.
#[derive(Default)]
pub(crate) struct Outcome {
    /// (path, relative path, new text).
    pub writes: Vec<(PathBuf, String, String)>,
    pub report: Report,
}

impl Outcome {
    /// Record the edit of an existing school: a write and its changes when anything changed.
    fn update(&mut self, existing: &SchoolText, edit: edit::Edit) {
        let text = edit.doc.to_string();
        if edit.changes.is_empty() || text == existing.text {
            self.report.unchanged += 1;
            return;
        }
        self.report.updated.push(SchoolChanges { file: existing.rel.clone(), changes: edit.changes });
        self.writes.push((existing.path.clone(), existing.rel.clone(), text));
    }

    /// Record a new school file.
    fn create(&mut self, ctx: &Context, id: &str, text: String, diags: &mut Diagnostics) {
        let path = SiteLayout::new(&ctx.root).schools().join(format!("{id}.toml"));
        let rel = display_path(&ctx.root, &path);
        if path.exists() {
            diags.error(&rel, Position::START, format!("het bestand bestaat al, maar heeft geen school met id `{id}`"), "controleer brin en vestiging in het bestand, of geef het een andere naam");
            return;
        }
        self.report.created.push(rel.clone());
        self.writes.push((path, rel, text));
    }
}

/// `passend import scholen FILE` for the site at `root`. DUO's register (`.csv` with its
/// columns) or the SOP sheet (`.xlsx`, `.ods`, or its `.csv`). On any error nothing is written
/// and every error is returned.
pub fn import(root: &Path, input: &Path, selection: &Selection) -> Result<Imported, Diagnostics> {
    let mut diags = Diagnostics::new();
    let ctx = context(root, input, &mut diags).ok_or_else(|| diags.clone())?;
    let bytes = std::fs::read(input).map_err(|e| {
        let mut d = diags.clone();
        d.error(&ctx.input, Position::START, format!("kan het bestand niet lezen: {e}"), "controleer de naam en of het bestand leesbaar is");
        d
    })?;
    let ext = input.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    let outcome = match ext.as_str() {
        "xlsx" | "ods" => sheet::import_workbook(&ctx, &bytes, &mut diags),
        _ => match table::read(&ctx.input, &bytes, &mut diags) {
            Some(t) if duo::is_register(&t) => duo::import(&ctx, &t, selection, &mut diags),
            Some(t) if sheet::is_sheet(&t) => sheet::import_table(&ctx, &t, &mut diags),
            Some(t) => {
                diags.error(
                    &ctx.input,
                    Position::START,
                    "dit is geen register van DUO en geen SOP-werkblad: kolommen `VESTIGINGSNAAM` en `id` ontbreken allebei",
                    format!("de kopregel heeft: {}; geef het bestand 'Adressen alle vestigingen' van DUO, of het werkblad van `passend export scholen`", t.header.iter().take(12).map(|h| format!("`{h}`")).collect::<Vec<_>>().join(", ")),
                );
                Outcome::default()
            }
            None => Outcome::default(),
        },
    };
    check_results(&ctx, &outcome, &mut diags);
    if diags.has_errors() {
        return Err(diags);
    }
    write_all(&outcome.writes, &mut diags);
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(Imported { report: outcome.report, warnings: diags })
}

/// The config and the school files of the site; errors when either cannot be read.
fn context(root: &Path, input: &Path, diags: &mut Diagnostics) -> Option<Context> {
    let layout = SiteLayout::new(root);
    let config_file = read_text(root, &layout.config(), diags)?;
    let config = Config::load(&config_file, diags)?;
    if diags.has_errors() {
        return None;
    }
    let mut existing = BTreeMap::new();
    let listing = files_with_extension(root, &layout.schools(), "toml", diags);
    for path in listing.files {
        let Some(file) = read_text(root, &path, diags) else { continue };
        let doc: toml_edit::DocumentMut = match file.text.parse() {
            Ok(doc) => doc,
            Err(e) => {
                let pos = e.span().map(|s| Position::at(&file.text, s.start)).unwrap_or(Position::START);
                diags.error(&file.rel, pos, format!("ongeldige TOML: {}", e.message()), "herstel het bestand eerst (passend check), dan kan de import het bijwerken");
                continue;
            }
        };
        let field = |k: &str| doc.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
        let id = format!("{}{}", field("brin"), field("vestiging"));
        let id = if id.is_empty() { path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default() } else { id };
        existing.insert(id, SchoolText { rel: file.rel.clone(), path, text: file.text.clone(), doc });
    }
    if diags.has_errors() || !listing.complete {
        return None;
    }
    Some(Context { root: root.to_path_buf(), config, existing, input: input.display().to_string() })
}

/// Every file about to be written, checked as `passend check` checks a school: an import never
/// leaves a profile the build refuses. Only errors count; warnings (a profile still to be
/// adopted) are for `check`.
fn check_results(ctx: &Context, outcome: &Outcome, diags: &mut Diagnostics) {
    for (path, rel, text) in &outcome.writes {
        let file = SourceFile { path: path.clone(), rel: rel.clone(), text: text.clone() };
        let mut found = Diagnostics::new();
        crate::school::load_school(&file, &ctx.config, &mut found);
        for d in found.sorted().into_iter().filter(|d| d.severity == Severity::Error) {
            diags.error(&d.file, Position { line: d.line, column: d.column }, format!("na de import: {}", d.message), d.hint);
        }
    }
}

/// Write every file next to its place first, then move them all into place: a failure while
/// writing leaves every school file as it was.
fn write_all(writes: &[(PathBuf, String, String)], diags: &mut Diagnostics) {
    let temp = |path: &Path| path.with_extension(format!("toml.nieuw-{}", std::process::id()));
    let mut written: Vec<PathBuf> = Vec::new();
    for (path, rel, text) in writes {
        let result = path.parent().map(std::fs::create_dir_all).unwrap_or(Ok(())).and_then(|()| std::fs::write(temp(path), text));
        if let Err(e) = result {
            diags.error(rel, Position::START, format!("schrijven mislukt: {e}"), "controleer of de map schools/ schrijfbaar is; er is niets gewijzigd");
            for p in &written {
                let _ = std::fs::remove_file(temp(p));
            }
            return;
        }
        written.push(path.to_path_buf());
    }
    for (path, rel, _) in writes {
        if let Err(e) = std::fs::rename(temp(path), path) {
            diags.error(rel, Position::START, format!("vervangen mislukt: {e}"), "controleer de rechten op de map schools/");
        }
    }
}
