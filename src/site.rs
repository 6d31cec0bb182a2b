//! The one in-memory model of a site: [`Site::load`] reads and validates every source file once;
//! every later stage (render, links, export, search) works from the `Site` alone.

use crate::config::Config;
use crate::content::{self, Addendum, Chapter, Page};
use crate::data::{self, Data};
use crate::diagnostics::{Diagnostics, Position};
use crate::layout::SiteLayout;
use crate::markdown::{self, Rendered};
use crate::school::{self, School};
use crate::source::{files_in, files_with_extension, read_bytes, read_text, Listing, SourceFile};
use crate::theme;
use crate::url;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A template of the theme or of the site's `templates/` folder.
#[derive(Debug, Clone)]
pub struct TemplateSource {
    /// The name templates use to extend or include it: `base.html`.
    pub name: String,
    pub file: SourceFile,
}

/// A file copied as-is into the output.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Path inside the output directory.
    pub output: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone)]
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    /// In reading order.
    pub chapters: Vec<Arc<Chapter>>,
    /// Newest first.
    pub addenda: Vec<Addendum>,
    /// Every vastgesteld state of the plan, oldest first; the last is the text in force (the
    /// chapters' bodies). Empty when no addendum changed the text.
    pub versions: Vec<crate::amendments::PlanVersion>,
    /// In menu order; `index.md` is the section's front page.
    pub steunpunt: Vec<Page>,
    /// Translated steunpunt pages (`contact.en.md`), in menu order per language.
    pub translations: Vec<Page>,
    /// Interface strings per language code, main language first in `config`.
    pub strings: BTreeMap<String, crate::i18n::Strings>,
    /// By name.
    pub schools: Vec<Arc<School>>,
    /// Structured data from content/data/.
    pub data: Data,
    /// Theme templates with the site's overrides applied.
    pub templates: Vec<TemplateSource>,
    /// Theme `static/` (under `assets/`) and the site's `static/` (at the root).
    pub assets: Vec<Asset>,
}

/// Chapters and schools as loaded by an earlier load, kept by the preview between loads: a file
/// whose size and modification time are unchanged is neither read nor parsed again, one whose
/// text is unchanged is not parsed again, as long as the context is unchanged (passend.toml, the
/// data files and the list of source files, all of which a chapter or school is read against).
/// On a national site reading and parsing 3,000 chapters and 10,000 schools is most of a load
/// (issue 18). What is kept is shared (`Arc`) with the sites loaded from it, not copied.
#[derive(Default)]
pub struct LoadCache {
    /// A hash of what every parse depends on besides its own file.
    context: u64,
    chapters: Known<Chapter>,
    schools: Known<School>,
    /// The folders of chapters and schools as last listed (when every part could be read), with
    /// the diagnostics of listing them.
    listings: std::collections::HashMap<PathBuf, (Listing, Diagnostics)>,
    /// For the next load only: the files (relative to the root) whose content changed since the
    /// last load, when that is all that changed. See [`LoadCache::only_changed`].
    changed: Option<HashSet<PathBuf>>,
}

impl LoadCache {
    /// Tell the next load that since the last one only the content of `files` (relative to the
    /// site's root) changed: no file was added, removed or renamed. It then does not list the
    /// folders of chapters and schools again nor look at their other files (on a national site
    /// that is 13,000 files, 40 ms). The preview knows this from the OS's file events; a load
    /// not told this looks at every file.
    pub fn only_changed(&mut self, files: HashSet<PathBuf>) {
        self.changed = Some(files);
    }
}

/// What loading one file gave, by its path.
type Known<T> = std::collections::HashMap<PathBuf, Loaded<T>>;

/// One file as loaded: the size and modification time it had, a hash of its text, what parsing
/// it gave and the diagnostics of reading and parsing it.
struct Loaded<T> {
    stamp: Stamp,
    hash: u64,
    parsed: Option<Arc<T>>,
    diags: Diagnostics,
}

/// What loading a file gave: the result, its diagnostics, and what to remember of it where
/// that is new.
type Outcome<T> = (Option<Arc<T>>, Diagnostics, Option<Loaded<T>>);

/// A file's size and modification time.
type Stamp = (u64, std::time::SystemTime);

fn stamp(path: &Path) -> Option<Stamp> {
    std::fs::metadata(path).ok().and_then(|m| Some((m.len(), m.modified().ok()?)))
}

fn hash_of(value: &(impl std::hash::Hash + ?Sized)) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default().hash_one(value)
}

/// Read and parse the files at `paths` with `parse` on all cores; the results, and the
/// diagnostics, in the order of `paths`, as a sequential load gives them. With `known` (the
/// preview), only what it does not have as the file is now is read and parsed, and `known` is
/// left with exactly the files of `paths`.
/// With `changed` too, a file of `known` not in it is taken as it is without looking at it.
fn load_all<T: Send + Sync>(root: &Path, paths: &[PathBuf], known: Option<&mut Known<T>>, changed: Option<&HashSet<PathBuf>>, diags: &mut Diagnostics, parse: impl Fn(&SourceFile, &mut Diagnostics) -> Option<T> + Sync) -> Vec<Arc<T>> {
    use rayon::prelude::*;
    let remembered = known.as_deref();
    let unchanged = |p: &Path| changed.is_some_and(|c| p.strip_prefix(root).is_ok_and(|rel| !c.contains(rel)));
    let reuse = |before: &Loaded<T>| -> Outcome<T> { (before.parsed.clone(), before.diags.clone(), None) };
    let loaded: Vec<Outcome<T>> = paths
        .par_iter()
        .map(|p| {
            let before = remembered.and_then(|k| k.get(p));
            if let Some(before) = before.filter(|_| unchanged(p)) {
                return reuse(before);
            }
            let now = remembered.and_then(|_| stamp(p));
            if let Some(before) = before.filter(|b| Some(b.stamp) == now) {
                return reuse(before);
            }
            let mut d = Diagnostics::new();
            let Some(file) = read_text(root, p, &mut d) else { return (None, d, None) };
            let Some(now) = now else { return (parse(&file, &mut d).map(Arc::new), d, None) };
            let hash = hash_of(file.text.as_str());
            let (parsed, d, _) = match before.filter(|b| b.hash == hash) {
                Some(before) => reuse(before),
                None => (parse(&file, &mut d).map(Arc::new), d, None),
            };
            (parsed.clone(), d.clone(), Some(Loaded { stamp: now, hash, parsed, diags: d }))
        })
        .collect();
    let mut out = Vec::with_capacity(paths.len());
    let mut known = known;
    for (p, (parsed, d, remember)) in paths.iter().zip(loaded) {
        if let (Some(known), Some(remember)) = (known.as_deref_mut(), remember) {
            known.insert(p.clone(), remember);
        }
        diags.extend(d);
        out.extend(parsed);
    }
    if let Some(known) = known {
        // A file deleted since is forgotten.
        let now: std::collections::HashSet<&PathBuf> = paths.iter().collect();
        known.retain(|p, _| now.contains(p));
    }
    out
}

impl Site {
    /// Load and validate the site at `root`. Returns the site only when there are no errors;
    /// warnings come back either way.
    pub fn load(root: &Path) -> (Option<Site>, Diagnostics) {
        Site::load_with(root, None)
    }

    /// [`Site::load`], reading and parsing only the chapters and schools that `cache` does not
    /// have as they are now (the preview's loads); the result is the same.
    pub fn load_with(root: &Path, mut cache: Option<&mut LoadCache>) -> (Option<Site>, Diagnostics) {
        let mut diags = Diagnostics::new();
        let changed = cache.as_deref_mut().and_then(|c| c.changed.take());
        let layout = SiteLayout::new(root);
        let config_path = layout.config();
        if !config_path.is_file() {
            diags.error(
                "passend.toml",
                Position::START,
                format!("geen passend.toml gevonden in {}", root.display()),
                "start in de map van de site, geef --root MAP mee, of maak een nieuwe site met `passend init MAP`",
            );
            return (None, diags);
        }
        // A broken passend.toml does not stop the load: the other files are still checked (against
        // what could be read of it), so one run reports every error.
        let config_file = read_text(root, &config_path, &mut diags);
        let config = match &config_file {
            Some(file) => Config::load(file, &mut diags).unwrap_or_else(|| Config::fallback(&file.text)),
            None => Config::fallback(""),
        };

        // `# TODO` comments (as `passend init --plan` writes them where the plan did not say):
        // what is left to do, one warning each.
        if let Some(file) = &config_file {
            for (i, line) in file.text.lines().enumerate() {
                if let Some(at) = line.find("# TODO") {
                    let what = line[at + "# TODO".len()..].trim_start_matches([':', ' ']);
                    diags.warning(&file.rel, Position { line: i + 1, column: line[..at].chars().count() + 1 }, format!("nog te doen: {what}"), "vul de waarde in en haal het TODO-commentaar weg");
                }
            }
        }
        // Drafts of data files that `passend init --plan` read from the plan: not loaded, but
        // each is work left to do until it is checked and moved into content/data/.
        let concept = files_with_extension(root, &root.join(crate::layout::DATA_CONCEPT), "toml", &mut diags);
        for file in read_all(root, &concept.files, &mut diags) {
            if let Some((i, line)) = file.text.lines().enumerate().find(|(_, l)| l.starts_with("# TODO")) {
                let what = line["# TODO".len()..].trim_start_matches([':', ' ']);
                diags.warning(&file.rel, Position { line: i + 1, column: 1 }, format!("nog te doen: {what}"), "controleer het concept met het plan en verplaats het naar content/data/ (het concept zelf wordt niet gebruikt)");
            }
        }
        let chapter_list = listed(root, &layout.plan(), "md", cache.as_deref_mut(), changed.is_some(), &mut diags);
        let addendum_list = files_with_extension(root, &layout.addenda(), "md", &mut diags);
        let page_list = files_with_extension(root, &layout.steunpunt(), "md", &mut diags);
        let school_list = listed(root, &layout.schools(), "toml", cache.as_deref_mut(), changed.is_some(), &mut diags);
        // Link targets come from the paths, not from what could be read: a file that failed to
        // load (reported once) still exists, so links to it are not errors too.
        let mut link_targets = link_targets(&chapter_list.files, &addendum_list.files, &page_list.files, &school_list.files);
        // A folder that could not be read (reported above) may hold any file: links into it are
        // not errors as well. `<folder>/*` marks it for the link check.
        for (listing, prefix) in [(&chapter_list, "plan"), (&addendum_list, "plan/addenda"), (&page_list, "steunpunt"), (&school_list, "schools")] {
            if !listing.complete {
                link_targets.insert(format!("{prefix}/{}", markdown::UNREADABLE_FOLDER), String::new());
            }
        }
        let addendum_files = read_all(root, &addendum_list.files, &mut diags);
        let page_files = read_all(root, &page_list.files, &mut diags);

        // Data first: chapters draw their figures from it.
        let mut data = data::load(root, &config, &link_targets, &mut diags);
        // Everything a chapter or school is parsed against; a change to any of it parses all.
        // (Hashed only for the preview: a build has no cache to keep.)
        if let Some(cache) = cache.as_deref_mut() {
            let context = hash_of(&format!("{config:?}{data:?}{link_targets:?}"));
            if cache.context != context {
                cache.context = context;
                cache.chapters.clear();
                cache.schools.clear();
            }
        }
        let figures = content::Figures { data: &data, config: &config, link_targets: &link_targets };
        let mut chapters = load_all(root, &chapter_list.files, cache.as_deref_mut().map(|c| &mut c.chapters), changed.as_ref(), &mut diags, |f, d| content::load_chapter(f, &figures, d));
        chapters.sort_by(|a, b| (a.order, &a.slug).cmp(&(b.order, &b.slug)));
        report_duplicates(chapters.iter().map(|c| (c.slug.as_str(), c.source.as_str())), "hoofdstuk met slug", &mut diags);
        if chapter_list.files.is_empty() {
            diags.warning("content/plan", Position::START, "er zijn geen hoofdstukken in content/plan/", "maak een bestand content/plan/01-inleiding.md met front matter");
        }

        check_completeness(&config, &chapters, &mut diags);

        let mut addenda: Vec<Addendum> = addendum_files.iter().filter_map(|f| content::load_addendum(f, &config, &link_targets, &mut diags)).collect();
        addenda.sort_by(|a, b| (b.datum, &a.slug).cmp(&(a.datum, &b.slug)));
        for a in &addenda {
            // Chapters named by a `[[wijziging]]` are checked (with their position) by `amendments`.
            for stem in a.wijzigt.iter().filter(|s| !a.wijzigingen.iter().any(|w| w.hoofdstuk.as_ref() == Some(*s))) {
                if !chapters.iter().any(|c| &c.stem == stem) {
                    let file = addendum_files.iter().find(|f| f.rel == a.source).expect("addendum file");
                    diags.error(
                        &a.source,
                        crate::source::find_key(&file.text, "wijzigt"),
                        format!("`wijzigt` noemt onbekend hoofdstuk `{stem}`"),
                        crate::diagnostics::suggestion(stem, chapters.iter().map(|c| c.stem.as_str())),
                    );
                }
            }
        }

        let pages: Vec<Page> = page_files.iter().filter_map(|f| content::load_page(f, &config, &link_targets, &mut diags)).collect();
        let (mut steunpunt, mut translations): (Vec<Page>, Vec<Page>) = pages.into_iter().partition(|p| p.lang == config.taal);
        let menu_order = |a: &Page, b: &Page| (&a.lang, a.slug != "index", a.order, &a.slug).cmp(&(&b.lang, b.slug != "index", b.order, &b.slug));
        steunpunt.sort_by(menu_order);
        translations.sort_by(menu_order);
        for t in &translations {
            if !config.extra_talen.contains(&t.lang) {
                diags.error(&t.source, Position::START, format!("taal `{}` staat niet in `extra_talen` in passend.toml", t.lang), format!("voeg toe: extra_talen = [\"{}\"]", t.lang));
            }
            if !steunpunt.iter().any(|p| p.slug == t.slug) {
                let hint = match crate::diagnostics::did_you_mean(&t.slug, steunpunt.iter().map(|p| p.slug.as_str())) {
                    Some(best) => format!("bedoelde u een vertaling van `{best}`? Noem het bestand dan {best}.{}.md", t.lang),
                    None => "een vertaling heet zoals de Nederlandse pagina, met de taalcode ervoor: contact.en.md bij contact.md".to_string(),
                };
                diags.error(&t.source, Position::START, format!("vertaling van een pagina die niet bestaat: er is geen content/steunpunt/{}.md", t.slug), hint);
            }
        }
        let strings = crate::i18n::load(root, &config.taal, &config.extra_talen, &mut diags);

        let mut schools = load_all(root, &school_list.files, cache.map(|c| &mut c.schools), changed.as_ref(), &mut diags, |f, d| school::load_school(f, &config, d));
        schools.sort_by(|a, b| (&a.naam, &a.id).cmp(&(&b.naam, &b.id)));
        report_duplicates(schools.iter().map(|s| (s.id.as_str(), s.source.as_str())), "school met id", &mut diags);

        let mut config = config;
        let files: crate::amendments::AddendumFiles = addendum_files.iter().map(|f| (f.rel.as_str(), f)).collect();
        let versions = crate::amendments::apply(&mut config, &mut chapters, &addenda, &files, &mut data, &mut schools, &link_targets, &mut diags);

        markdown::check_markdown_anchors(&bodies(&chapters, &addenda, &steunpunt, &translations, &data), &mut diags);

        let theme_files = theme::load(root, &config.thema, &mut diags);
        let templates = load_templates(root, &theme_files, &mut diags);
        let assets = load_assets(root, &theme_files, &mut diags);
        if let Some(file) = &config_file {
            check_logo(&config, file, &assets, &mut diags);
        }

        if diags.has_errors() {
            return (None, diags);
        }
        let site = Site { root: root.to_path_buf(), config, chapters, addenda, versions, steunpunt, translations, strings, schools, data, templates, assets };
        (Some(site), diags)
    }

    pub fn chapter_by_stem(&self, stem: &str) -> Option<&Chapter> {
        self.chapters.iter().find(|c| c.stem == stem).map(|c| &**c)
    }

    /// Every Markdown body of the site with its source path, for link checks and search.
    pub fn bodies(&self) -> Vec<(&str, &str, &Rendered)> {
        bodies(&self.chapters, &self.addenda, &self.steunpunt, &self.translations, &self.data)
    }
}

/// Every legally required element (for this SWV's sector) must be covered by some chapter's
/// `wettelijke_onderdelen`; a gap is a warning, an error with `--strict`.
fn check_completeness(config: &Config, chapters: &[Arc<Chapter>], diags: &mut Diagnostics) {
    if chapters.is_empty() {
        return;
    }
    for element in config.required_elements() {
        if !chapters.iter().any(|c| c.wettelijke_onderdelen.contains(&element.key)) {
            diags.warning(
                "content/plan",
                Position::START,
                format!("geen hoofdstuk beschrijft het wettelijk verplichte onderdeel `{}` ({})", element.key, element.label),
                format!("voeg `{}` toe aan wettelijke_onderdelen van het hoofdstuk dat dit beschrijft, of schrijf dat hoofdstuk", element.key),
            );
        }
    }
}

/// (source file, page URL, rendered Markdown) of every body and data fragment.
fn bodies<'a>(chapters: &'a [Arc<Chapter>], addenda: &'a [Addendum], pages: &'a [Page], translations: &'a [Page], data: &'a Data) -> Vec<(&'a str, &'a str, &'a Rendered)> {
    let chapters = chapters.iter().map(|c| (c.source.as_str(), c.url.as_str(), &*c.body));
    let addenda = addenda.iter().map(|a| (a.source.as_str(), a.url.as_str(), &a.body));
    let pages = pages.iter().chain(translations).map(|p| (p.source.as_str(), p.url.as_str(), &p.body));
    let fragments = data.fragments.iter().map(|(source, page, body)| (source.as_str(), page.as_str(), body));
    chapters.chain(addenda).chain(pages).chain(fragments).collect()
}

/// The files in `dir` with extension `ext` ([`files_with_extension`]), or, when `unchanged`
/// (no file was added, removed or renamed since the last load), as `cache` last listed them.
fn listed(root: &Path, dir: &Path, ext: &str, cache: Option<&mut LoadCache>, unchanged: bool, diags: &mut Diagnostics) -> Listing {
    if let Some((listing, d)) = cache.as_deref().filter(|_| unchanged).and_then(|c| c.listings.get(dir)) {
        diags.extend(d.clone());
        return listing.clone();
    }
    let mut d = Diagnostics::new();
    let listing = files_with_extension(root, dir, ext, &mut d);
    if let Some(cache) = cache {
        match listing.complete {
            true => cache.listings.insert(dir.to_path_buf(), (listing.clone(), d.clone())),
            false => cache.listings.remove(dir),
        };
    }
    diags.extend(d);
    listing
}

/// The files at `paths`, read on all cores, in their order.
fn read_all(root: &Path, paths: &[PathBuf], diags: &mut Diagnostics) -> Vec<SourceFile> {
    use rayon::prelude::*;
    let read: Vec<(Option<SourceFile>, Diagnostics)> = paths
        .par_iter()
        .map(|p| {
            let mut d = Diagnostics::new();
            (read_text(root, p, &mut d), d)
        })
        .collect();
    read.into_iter()
        .filter_map(|(file, d)| {
            diags.extend(d);
            file
        })
        .collect()
}

/// What `@/...` links may name: source paths relative to content/ (and `schools/<id>.toml`).
fn link_targets(chapters: &[PathBuf], addenda: &[PathBuf], pages: &[PathBuf], schools: &[PathBuf]) -> BTreeMap<String, String> {
    let mut targets = BTreeMap::new();
    let name = |p: &PathBuf| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = |p: &PathBuf| p.file_stem().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    for p in chapters {
        targets.insert(format!("plan/{}", name(p)), url::chapter(&content::order_and_slug(&stem(p)).1));
    }
    for p in addenda {
        targets.insert(format!("plan/addenda/{}", name(p)), url::addendum(&crate::text::slugify(&stem(p))));
    }
    for p in pages {
        let full = stem(p);
        let (base, lang) = content::split_language(&full);
        let page_url = url::steunpunt_page(&content::order_and_slug(base).1);
        targets.insert(format!("steunpunt/{}", name(p)), lang.map(|l| url::in_language(l, &page_url)).unwrap_or(page_url));
    }
    for p in schools {
        targets.insert(format!("schools/{}", name(p)), url::school(&stem(p)));
    }
    targets
}

fn report_duplicates<'a>(items: impl Iterator<Item = (&'a str, &'a str)>, what: &str, diags: &mut Diagnostics) {
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for (key, source) in items {
        if let Some(first) = seen.get(key) {
            diags.error(source, Position::START, format!("{what} `{key}` bestaat al in {first}"), "geef elk bestand een eigen naam; de URL wordt van de naam gemaakt");
        } else {
            seen.insert(key, source);
        }
    }
}

/// Theme templates, then the site's `templates/` overrides with the same names.
fn load_templates(root: &Path, theme_files: &[theme::ThemeFile], diags: &mut Diagnostics) -> Vec<TemplateSource> {
    let mut by_name: BTreeMap<String, TemplateSource> = BTreeMap::new();
    for f in theme_files {
        let Some(name) = f.path.strip_prefix("templates/") else { continue };
        match String::from_utf8(f.bytes.clone()) {
            Ok(text) => {
                let file = SourceFile { path: PathBuf::from(&f.display), rel: f.display.clone(), text };
                by_name.insert(name.to_string(), TemplateSource { name: name.to_string(), file });
            }
            Err(_) => diags.error(&f.display, Position::START, "template is geen UTF-8-tekst", "sla het template op als UTF-8"),
        }
    }
    let overrides = SiteLayout::new(root).templates();
    for path in files_in(root, &overrides, true, diags) {
        let name = crate::diagnostics::display_path(&overrides, &path);
        if let Some(file) = read_text(root, &path, diags) {
            by_name.insert(name.clone(), TemplateSource { name, file });
        }
    }
    by_name.into_values().collect()
}

/// Theme `static/` files under `assets/`, then the site's own `static/` folder at the root.
fn load_assets(root: &Path, theme_files: &[theme::ThemeFile], diags: &mut Diagnostics) -> Vec<Asset> {
    let mut assets: Vec<Asset> =
        theme_files.iter().filter_map(|f| f.path.strip_prefix("static/").map(|p| Asset { output: crate::url::output_file(&crate::url::asset(p)), bytes: f.bytes.clone() })).collect();
    let dir = SiteLayout::new(root).static_files();
    for path in files_in(root, &dir, true, diags) {
        if let Some(bytes) = read_bytes(root, &path, diags) {
            assets.push(Asset { output: crate::diagnostics::display_path(&dir, &path), bytes });
        }
    }
    assets
}

/// `stijl.logo` names a file of the site's `static/` folder: the header shows it on every page,
/// so a path outside the site (`/evil.example/x.png` becomes `//evil.example/x.png`, a request
/// to another server) or a file that is not there must not get through.
fn check_logo(config: &Config, file: &SourceFile, assets: &[Asset], diags: &mut Diagnostics) {
    let Some(logo) = &config.stijl.logo else { return };
    if assets.iter().any(|a| &a.output == logo && !a.output.starts_with("assets/")) {
        return;
    }
    let own: Vec<&str> = assets.iter().map(|a| a.output.as_str()).filter(|o| !o.starts_with("assets/")).collect();
    let hint = match crate::diagnostics::did_you_mean(logo.trim_start_matches('/'), own.iter().copied()) {
        Some(best) => format!("bedoelde u `logo = \"{best}\"`?"),
        None => "zet het logo in de map static/ en noem het pad daarbinnen, bijvoorbeeld logo = \"logo.svg\"".to_string(),
    };
    diags.error(&file.rel, crate::source::find_key(&file.text, "logo"), format!("`logo` = `{logo}` is geen bestand in static/"), hint);
}
