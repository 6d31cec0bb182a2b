//! Themes: `themes/<name>/templates/*.html` (Tera) and `themes/<name>/static/*` (copied to
//! `/assets/`). The default theme is also built into the binary, so a site made with
//! `passend init` needs no themes/ folder; a site that has `themes/default/` uses its own copy.

use crate::diagnostics::{display_path, Diagnostics, Position};
use crate::source::{exists, files_in, read_bytes};
use std::path::Path;

include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));

/// A file of a theme.
pub struct ThemeFile {
    /// Path inside the theme: `templates/base.html`, `static/style.css`.
    pub path: String,
    /// What messages show: the file relative to the site root, or `(ingebouwd thema)/...`.
    pub display: String,
    pub bytes: Vec<u8>,
}

/// The files of theme `name`, from `themes/<name>/` or, for `default`, from the binary.
pub fn load(root: &Path, name: &str, diags: &mut Diagnostics) -> Vec<ThemeFile> {
    let dir = crate::layout::SiteLayout::new(root).theme(name);
    if exists(root, &dir, diags) {
        return files_in(root, &dir, true, diags)
            .into_iter()
            .filter_map(|p| read_bytes(root, &p, diags).map(|bytes| ThemeFile { path: display_path(&dir, &p), display: display_path(root, &p), bytes }))
            .collect();
    }
    if name == "default" {
        return DEFAULT_THEME.iter().map(|(path, bytes)| ThemeFile { path: path.to_string(), display: format!("(ingebouwd thema)/{path}"), bytes: bytes.to_vec() }).collect();
    }
    diags.error("passend.toml", Position::START, format!("thema `{name}` bestaat niet: de map themes/{name}/ ontbreekt"), "zet thema = \"default\" of maak de map themes/<naam>/ met templates/ en static/");
    Vec::new()
}
