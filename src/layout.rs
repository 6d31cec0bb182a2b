//! Where a site's sources live: every file and folder name of the site layout (DESIGN.md) in
//! one place. The loaders, `serve`'s watcher and the tests all take their paths from here, so a
//! new source folder cannot be read by the build but missed by the preview (as `i18n/` once was).
//! Bottom layer: imports nothing of the crate.

use std::path::{Path, PathBuf};

/// `passend.toml`: identity, gemeenten, planperiode, steunpunt, style, vocabularies.
pub const CONFIG: &str = "passend.toml";
/// Everything written in Markdown or as content data.
pub const CONTENT: &str = "content";
/// The plan's chapters, `NN-slug.md`.
pub const PLAN: &str = "content/plan";
/// Addenda that amend the plan.
pub const ADDENDA: &str = "content/plan/addenda";
/// Ouder- en jeugdsteunpunt pages.
pub const STEUNPUNT: &str = "content/steunpunt";
/// `begrippen.toml`, `begroting.toml` and the other data files.
pub const DATA: &str = "content/data";
/// Drafts of data files read from an imported plan (`passend init --plan`): not loaded by the
/// build; `passend check` lists each as work to do until it is moved into `content/data/`.
pub const DATA_CONCEPT: &str = "content/data/concept";
/// One TOML file per school location.
pub const SCHOOLS: &str = "schools";
/// `themes/<name>/` with `templates/` and `static/`.
pub const THEMES: &str = "themes";
/// Per-site overrides of theme templates.
pub const TEMPLATES: &str = "templates";
/// Files copied as-is to the site root (logo, favicon).
pub const STATIC: &str = "static";
/// Interface strings of further languages, `i18n/<taal>.toml`.
pub const I18N: &str = "i18n";
/// The default output folder of `passend build`.
pub const OUTPUT: &str = "public";

/// Every top-level entry of a site's sources: what `serve` watches and what a copy of a site
/// must take. Each folder above lies under one of these.
pub const SOURCES: &[&str] = &[CONFIG, CONTENT, SCHOOLS, THEMES, TEMPLATES, STATIC, I18N];

/// The source paths of the site at `root`.
#[derive(Debug, Clone)]
pub struct SiteLayout {
    pub root: PathBuf,
}

impl SiteLayout {
    pub fn new(root: &Path) -> SiteLayout {
        SiteLayout { root: root.to_path_buf() }
    }
    pub fn config(&self) -> PathBuf {
        self.root.join(CONFIG)
    }
    pub fn plan(&self) -> PathBuf {
        self.root.join(PLAN)
    }
    pub fn addenda(&self) -> PathBuf {
        self.root.join(ADDENDA)
    }
    pub fn steunpunt(&self) -> PathBuf {
        self.root.join(STEUNPUNT)
    }
    /// `content/data/<name>`.
    pub fn data_file(&self, name: &str) -> PathBuf {
        self.root.join(DATA).join(name)
    }
    pub fn schools(&self) -> PathBuf {
        self.root.join(SCHOOLS)
    }
    /// `themes/<name>/`.
    pub fn theme(&self, name: &str) -> PathBuf {
        self.root.join(THEMES).join(name)
    }
    pub fn templates(&self) -> PathBuf {
        self.root.join(TEMPLATES)
    }
    pub fn static_files(&self) -> PathBuf {
        self.root.join(STATIC)
    }
    /// `i18n/<lang>.toml`.
    pub fn strings(&self, lang: &str) -> PathBuf {
        self.root.join(I18N).join(format!("{lang}.toml"))
    }
    pub fn output(&self) -> PathBuf {
        self.root.join(OUTPUT)
    }
    /// The top-level source entries of [`SOURCES`] under the root.
    pub fn sources(&self) -> impl Iterator<Item = PathBuf> + '_ {
        SOURCES.iter().map(|s| self.root.join(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_source_folder_lies_under_a_watched_entry() {
        for folder in [CONFIG, PLAN, ADDENDA, STEUNPUNT, DATA, SCHOOLS, THEMES, TEMPLATES, STATIC, I18N] {
            assert!(SOURCES.iter().any(|s| folder == *s || folder.starts_with(&format!("{s}/"))), "{folder} is not under SOURCES");
        }
        let layout = SiteLayout::new(Path::new("/site"));
        assert_eq!(layout.strings("ar"), Path::new("/site/i18n/ar.toml"));
        assert_eq!(layout.data_file("begroting.toml"), Path::new("/site/content/data/begroting.toml"));
    }
}
