//! Themes: `themes/<name>/templates/*.html` (Tera) and `themes/<name>/static/*` (copied to
//! `/assets/`). The default theme is also built into the binary, so a site made with
//! `passend init` needs no themes/ folder; a site that has `themes/default/` uses its own copy.

use crate::diagnostics::{display_path, Diagnostics, Position};
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
    let dir = root.join("themes").join(name);
    if dir.is_dir() {
        let mut files: Vec<_> = walkdir::WalkDir::new(&dir).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()).map(|e| e.into_path()).collect();
        files.sort();
        return files
            .into_iter()
            .filter_map(|p| match std::fs::read(&p) {
                Ok(bytes) => Some(ThemeFile { path: display_path(&dir, &p), display: display_path(root, &p), bytes }),
                Err(e) => {
                    diags.error(&display_path(root, &p), Position::START, format!("kan het bestand niet lezen: {e}"), "");
                    None
                }
            })
            .collect();
    }
    if name == "default" {
        return DEFAULT_THEME.iter().map(|(path, bytes)| ThemeFile { path: path.to_string(), display: format!("(ingebouwd thema)/{path}"), bytes: bytes.to_vec() }).collect();
    }
    diags.error("passend.toml", Position::START, format!("thema `{name}` bestaat niet: de map themes/{name}/ ontbreekt"), "zet thema = \"default\" of maak de map themes/<naam>/ met templates/ en static/");
    Vec::new()
}
