//! Reading source files and parsing their TOML, turning every failure into a [`Diagnostic`]
//! with file, line and column.
//!
//! [`Diagnostic`]: crate::diagnostics::Diagnostic

use crate::diagnostics::{did_you_mean, display_path, Diagnostics, Position};
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

/// A text file of the site, read once in the load stage.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    /// Relative to the site root, `/`-separated: what messages show.
    pub rel: String,
    pub text: String,
}

/// Read `path` as UTF-8 text. A UTF-8 byte order mark is accepted and dropped (Windows editors
/// write one); any other invalid byte is reported with its line and column.
pub fn read_text(root: &Path, path: &Path, diags: &mut Diagnostics) -> Option<SourceFile> {
    let rel = display_path(root, path);
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            diags.error(&rel, Position::START, format!("kan het bestand niet lezen: {e}"), "controleer of het bestand bestaat en leesbaar is");
            return None;
        }
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(SourceFile { path: path.to_path_buf(), rel, text: text.replace("\r\n", "\n") }),
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or("");
            let pos = Position::at(valid, valid.len());
            diags.error(
                &rel,
                pos,
                format!("het bestand is geen UTF-8-tekst: ongeldige byte 0x{:02X}", bytes[e.valid_up_to()]),
                "sla het bestand op als UTF-8 (in de meeste editors: 'Opslaan als' > codering UTF-8)",
            );
            None
        }
    }
}

/// Deserialize `text` (a TOML document, or the front matter part of a file that starts
/// `line_offset` lines into it) into `T`. On failure one diagnostic is reported with the place
/// the TOML parser points at, and for an unknown key a 'did you mean' from the allowed keys.
pub fn parse_toml<T: DeserializeOwned>(text: &str, rel: &str, line_offset: usize, diags: &mut Diagnostics) -> Option<T> {
    match toml::from_str::<T>(text) {
        Ok(v) => Some(v),
        Err(e) => {
            let pos = e.span().map(|s| Position::at(text, s.start)).unwrap_or(Position::START).shifted(line_offset);
            let (message, hint) = explain_toml_error(e.message());
            diags.error(rel, pos, message, hint);
            None
        }
    }
}

/// Translate serde's messages into a message and a hint for a content author.
fn explain_toml_error(message: &str) -> (String, String) {
    let message = message.trim().to_string();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let allowed: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let hint = match did_you_mean(field, allowed.iter().copied()) {
            Some(best) => format!("bedoelde u `{best}`?"),
            None if allowed.is_empty() => "verwijder deze sleutel".to_string(),
            None => format!("toegestane sleutels: {}", allowed.join(", ")),
        };
        return (format!("onbekende sleutel `{field}`"), hint);
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return (format!("verplichte sleutel `{field}` ontbreekt"), format!("voeg `{field} = ...` toe"));
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (value, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let allowed: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let hint = match did_you_mean(value, allowed.iter().copied()) {
            Some(best) => format!("bedoelde u `{best}`?"),
            None => format!("geldige waarden: {}", allowed.join(", ")),
        };
        return (format!("onbekende waarde `{value}`"), hint);
    }
    (format!("ongeldige TOML: {message}"), "zie https://toml.io/nl/ voor de schrijfwijze van TOML".to_string())
}

/// All files under `dir` with extension `ext`, sorted by path so every run sees the same order.
pub fn files_with_extension(dir: &Path, ext: &str) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .max_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == ext))
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

/// Where in `text` the key `key = ...` (or table header `[key]`) first appears, for validation
/// messages about values that serde accepted but the site rejects (an unknown gemeente, say).
/// Falls back to the start of the text.
pub fn find_key(text: &str, key: &str) -> Position {
    find_key_after(text, key, 0)
}

/// Like [`find_key`], searching from byte `from` on: used for the n-th table of an array.
pub fn find_key_after(text: &str, key: &str, from: usize) -> Position {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if offset >= from {
            let trimmed = line.trim_start();
            let indent = line.len() - trimmed.len();
            let is_key = trimmed
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('=') || rest.starts_with(']') || rest.starts_with('.'));
            let is_header = trimmed.trim_start_matches('[').starts_with(key) && trimmed.starts_with('[');
            if is_key || is_header {
                return Position::at(text, offset + indent);
            }
        }
        offset += line.len();
    }
    Position::START
}

/// Byte offsets at which each `[[name]]` array-of-tables header starts, so the n-th entry of an
/// array can be located for messages.
pub fn array_table_offsets(text: &str, name: &str) -> Vec<usize> {
    let header = format!("[[{name}]]");
    let mut offsets = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with(&header) {
            offsets.push(offset + (line.len() - line.trim_start().len()));
        }
        offset += line.len();
    }
    offsets
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Front {
        title: String,
        order: Option<u32>,
    }

    #[test]
    fn unknown_key_gets_position_and_suggestion() {
        let mut d = Diagnostics::new();
        let r: Option<Front> = parse_toml("title = \"x\"\ntitel = \"y\"\n", "a.md", 1, &mut d);
        assert!(r.is_none());
        let all = d.sorted();
        assert_eq!(all[0].line, 3);
        assert_eq!(all[0].message, "onbekende sleutel `titel`");
        assert!(all[0].hint.contains("`title`"), "{:?}", all[0]);
    }

    #[test]
    fn finds_keys_for_messages() {
        let text = "a = 1\n[adres]\npostcode = \"x\"\n";
        assert_eq!(find_key(text, "postcode"), Position { line: 3, column: 1 });
        assert_eq!(find_key(text, "adres"), Position { line: 2, column: 1 });
    }
}
