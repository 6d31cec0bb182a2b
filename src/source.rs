//! Reading source files and parsing their TOML, turning every failure into a [`Diagnostic`]
//! with file, line and column.
//!
//! [`Diagnostic`]: crate::diagnostics::Diagnostic

use crate::diagnostics::{did_you_mean, display_path, Diagnostics, Position};
use serde::de::DeserializeOwned;
use toml::de::{DeTable, DeValue};
use std::path::{Path, PathBuf};

/// A text file of the site, read once in the load stage.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    /// Relative to the site root, `/`-separated: what messages show.
    pub rel: String,
    pub text: String,
}

/// Read `path` as bytes (an image, a theme file), reporting a failure as an error naming it.
pub fn read_bytes(root: &Path, path: &Path, diags: &mut Diagnostics) -> Option<Vec<u8>> {
    match std::fs::read(path) {
        Ok(bytes) => Some(bytes),
        Err(e) => {
            diags.error(&display_path(root, path), Position::START, format!("kan het bestand niet lezen: {e}"), "controleer of het bestand bestaat en leesbaar is");
            None
        }
    }
}

/// Read `path` as UTF-8 text. A UTF-8 byte order mark is accepted and dropped (Windows editors
/// write one); any other invalid byte is reported with its line and column.
pub fn read_text(root: &Path, path: &Path, diags: &mut Diagnostics) -> Option<SourceFile> {
    let rel = display_path(root, path);
    let bytes = read_bytes(root, path, diags)?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            // Control characters (NUL, ESC, ...) are invisible in an editor and have no place
            // in a web page; tab, newline and carriage return are ordinary text.
            if let Some(offset) = text.find(is_stray_control) {
                let c = text[offset..].chars().next().unwrap_or_default();
                diags.error(&rel, Position::at(text, offset), format!("onzichtbaar stuurteken U+{:04X} in de tekst", u32::from(c)), "verwijder het teken; het komt vaak mee bij kopiëren uit een pdf of Word");
                return None;
            }
            Some(SourceFile { path: path.to_path_buf(), rel, text: text.replace("\r\n", "\n") })
        }
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

/// A control character (NUL, ESC, ...) other than tab, newline and carriage return: invisible in
/// an editor, and no part of a web page, a CSV cell or a document.
fn is_stray_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// Every string value in `table` (and the tables and arrays in it) that holds a control
/// character, written as a TOML escape (`"\u0000"`, `"\u001b"`, `"\b"`): the span of the value
/// and the first such character. Raw control characters never get this far ([`read_text`]).
fn escaped_controls(table: &DeTable<'_>, found: &mut Vec<(std::ops::Range<usize>, char)>) {
    fn value(v: &toml::Spanned<DeValue<'_>>, found: &mut Vec<(std::ops::Range<usize>, char)>) {
        match v.get_ref() {
            DeValue::String(s) => {
                if let Some(c) = s.chars().find(|&c| is_stray_control(c)) {
                    found.push((v.span(), c));
                }
            }
            DeValue::Array(items) => items.iter().for_each(|item| value(item, found)),
            DeValue::Table(nested) => escaped_controls(nested, found),
            _ => {}
        }
    }
    table.iter().for_each(|(_, v)| value(v, found));
}

/// Deserialize `text` (a TOML document, or the front matter part of a file that starts
/// `line_offset` lines into it) into `T`. Every problem is reported, not only the first: all
/// syntax errors the parser recovers from, and then every unknown key and wrongly typed value
/// (each with a 'did you mean' from the allowed keys where one is close), found by taking the
/// entry an error points at out of the document and trying again.
pub fn parse_toml<T: DeserializeOwned>(text: &str, rel: &str, line_offset: usize, diags: &mut Diagnostics) -> Option<T> {
    /// Enough for any real file; a file with more is reported as far as this.
    const MAX_ERRORS: usize = 50;
    let report = |e: &toml::de::Error, diags: &mut Diagnostics| {
        let pos = e.span().map(|s| Position::at(text, s.start)).unwrap_or(Position::START).shifted(line_offset);
        let (message, hint) = explain_toml_error(e.message());
        diags.error(rel, pos, message, hint);
    };
    let (mut document, syntax_errors) = DeTable::parse_recoverable(text);
    if !syntax_errors.is_empty() {
        syntax_errors.iter().take(MAX_ERRORS).for_each(|e| report(e, diags));
        return None;
    }
    // A control character written as an escape would reach pages and downloads as it is.
    let mut controls = Vec::new();
    escaped_controls(document.get_ref(), &mut controls);
    for (span, c) in controls.iter().take(MAX_ERRORS) {
        diags.error(
            rel,
            Position::at(text, span.start).shifted(line_offset),
            format!("onzichtbaar stuurteken U+{:04X} in de tekst", u32::from(*c)),
            "verwijder de escape (zoals `\\u0000`, `\\u001b` of `\\b`) uit de tekst; een stuurteken hoort niet op een webpagina of in een download",
        );
    }
    let mut reported = 0;
    loop {
        match T::deserialize(toml::de::Deserializer::from(document.clone())) {
            Ok(value) => return (reported == 0 && controls.is_empty()).then_some(value),
            // A required key that was taken out after its own error: already reported.
            Err(e) if reported > 0 && e.message().starts_with("missing field") => return None,
            Err(e) => {
                report(&e, diags);
                reported += 1;
                let taken_out = e.span().is_some_and(|span| remove_entry_at(document.get_mut(), &span));
                if !taken_out || reported == MAX_ERRORS {
                    return None;
                }
            }
        }
    }
}

/// Take out of `table` (or a table nested in it) the entry whose key or value is at `span`.
/// False when no entry is there, so the caller stops instead of reporting the same error again.
fn remove_entry_at(table: &mut DeTable<'_>, span: &std::ops::Range<usize>) -> bool {
    let inside = |outer: std::ops::Range<usize>| outer.start <= span.start && span.end <= outer.end;
    let is_container = |value: &DeValue<'_>| match value {
        DeValue::Table(_) => true,
        DeValue::Array(items) => items.iter().any(|item| matches!(item.get_ref(), DeValue::Table(_))),
        _ => false,
    };
    let hit = table.iter().find(|(key, value)| key.span() == *span || (!is_container(value.get_ref()) && inside(value.span()))).map(|(key, _)| key.clone());
    if let Some(key) = hit {
        table.remove(&key);
        return true;
    }
    table.iter_mut().any(|(_, value)| match value.get_mut() {
        DeValue::Table(nested) => remove_entry_at(nested, span),
        DeValue::Array(items) => items.iter_mut().any(|item| match item.get_mut() {
            DeValue::Table(nested) => remove_entry_at(nested, span),
            _ => false,
        }),
        _ => false,
    })
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
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return (format!("verkeerd soort waarde: {} waar {} hoort", dutch_kind(found), dutch_kind(expected)), "zie de voorbeelden in README bij deze sleutel".to_string());
        }
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return (format!("ongeldige waarde: {} waar {} hoort", dutch_kind(found), dutch_kind(expected)), "zie de voorbeelden in README bij deze sleutel".to_string());
        }
    }
    if let Some(rest) = message.strip_prefix("duplicate key") {
        return (format!("sleutel{} staat twee keer in dezelfde tabel", rest.trim_end_matches('.')), "verwijder een van de twee, of geef de tweede een eigen naam".to_string());
    }
    // The parser's syntax errors: "<what>, expected <tokens>". The common ones in Dutch, with
    // the expected tokens (`]`, `"`) kept; a rare one stays as the parser wrote it.
    let (what, expected) = message.split_once(", expected ").unwrap_or((message.as_str(), ""));
    if let Some(dutch) = dutch_syntax_error(what) {
        // Punctuation only: `true` expected after a `t` would mislead for a word like `twee`.
        let tokens: Vec<&str> = expected.split(", ").filter(|t| t.starts_with('`') && !t.chars().any(char::is_alphanumeric)).collect();
        let message = match tokens.is_empty() {
            true => format!("ongeldige TOML: {dutch}"),
            false => format!("ongeldige TOML: {dutch} (verwacht: {})", tokens.join(" of ")),
        };
        return (message, "zie https://toml.io/nl/ voor de schrijfwijze van TOML".to_string());
    }
    (format!("ongeldige TOML: {message}"), "zie https://toml.io/nl/ voor de schrijfwijze van TOML".to_string())
}

/// The TOML parser's common syntax errors (toml_parser's descriptions) in Dutch.
fn dutch_syntax_error(what: &str) -> Option<&'static str> {
    Some(match what {
        "unclosed array" => "de lijst wordt niet afgesloten",
        "unclosed table" | "unclosed array table" => "de tabelkop wordt niet afgesloten",
        "unclosed inline table" => "de tabel tussen { } wordt niet afgesloten",
        "invalid basic string" | "invalid literal string" | "invalid multi-line basic string" | "invalid multi-line literal string" | "invalid string" => {
            "de tekst wordt niet afgesloten met een aanhalingsteken (of bevat een teken dat daar niet mag)"
        }
        "string values must be quoted" => "tekst moet tussen aanhalingstekens staan",
        "key with no value" | "missing value for key" | "missing value" => "sleutel zonder waarde",
        "missing assignment between key-value pairs" => "`=` ontbreekt tussen sleutel en waarde",
        "missing comma between array elements" => "komma ontbreekt tussen twee waarden van de lijst",
        "missing comma between key-value pairs" => "komma ontbreekt tussen twee sleutels van de tabel",
        "invalid key" | "invalid unquoted key" | "unquoted keys cannot be empty" => "ongeldige sleutel: gebruik letters, cijfers, - en _, of zet de sleutel tussen aanhalingstekens",
        "unexpected content" | "unexpected key or value" | "unexpected content between comment and newline" => "onverwachte tekst",
        "invalid integer number" | "invalid float" | "invalid exponent" | "invalid fraction" | "invalid mantissa" | "unexpected leading zero" => "ongeldig getal",
        "invalid date-time" => "ongeldige datum of tijd (schrijf een datum als 2026-08-01)",
        "invalid boolean" => "ongeldige waarde: zet tekst tussen aanhalingstekens; ja of nee schrijft u als true of false",
        "missing escaped value" | "too few unicode value digits" => "ongeldige escape met \\ in de tekst",
        _ => return None,
    })
}

/// serde's names of kinds of value ("a string", "integer `5`", "u32") in Dutch.
fn dutch_kind(kind: &str) -> String {
    let (name, value) = match kind.split_once(' ') {
        Some((name, value)) if value.starts_with('`') || value.starts_with('"') => (name, Some(value)),
        _ => (kind, None),
    };
    let dutch = match name.trim_start_matches("a ").trim_start_matches("an ") {
        "string" | "str" | "char" => "tekst",
        "integer" | "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize" => "een geheel getal",
        "float" | "f32" | "f64" | "floating point" => "een getal",
        "boolean" | "bool" => "true of false",
        "sequence" | "array" => "een lijst [...]",
        "map" | "table" => "een tabel",
        other if other.starts_with("struct ") => "een tabel",
        other if other.starts_with("string ") || other.starts_with("a string") => "tekst",
        _ => return kind.to_string(),
    };
    match value {
        Some(v) => format!("{dutch} {v}"),
        None => dutch.to_string(),
    }
}

/// Whether `path` exists. Absent is a normal answer (most folders and data files are
/// optional); anything else that keeps us from knowing (a parent folder without permission) is
/// an error naming it, so a site is never built without a part that is there but unreadable.
pub fn exists(root: &Path, path: &Path, diags: &mut Diagnostics) -> bool {
    match std::fs::metadata(path) {
        Ok(_) => true,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => {
            diags.error(&display_path(root, path), Position::START, format!("kan niet nagaan of dit bestaat: {e}"), UNREADABLE_HINT);
            false
        }
    }
}

const UNREADABLE_HINT: &str = "geef passend leesrechten op de map en de bestanden erin (bijvoorbeeld `chmod -R u+rX MAP`)";

/// Every file in `dir` (and its subfolders when `recursive`), sorted by path so every run sees
/// the same order; nothing when `dir` does not exist. A folder or entry that cannot be read
/// is an error, never silently left out: a build without it would replace a good site with a
/// smaller one. Symbolic links are not followed (they could pull in any file of the
/// machine); each one is a warning. Hidden files (`.name`, editors' swap files) are skipped.
pub fn files_in(root: &Path, dir: &Path, recursive: bool, diags: &mut Diagnostics) -> Vec<PathBuf> {
    list(root, dir, recursive, diags).files
}

/// The files found in a folder, and whether every part of it could be read: when not, the
/// folder may hold files that are missing from `files` (reported as errors already).
#[derive(Clone)]
pub struct Listing {
    pub files: Vec<PathBuf>,
    pub complete: bool,
}

fn list(root: &Path, dir: &Path, recursive: bool, diags: &mut Diagnostics) -> Listing {
    // Only absence means "nothing here"; any other failure to look is the walk's first error.
    if std::fs::metadata(dir).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound) {
        return Listing { files: Vec::new(), complete: true };
    }
    let mut complete = true;
    let mut files = Vec::new();
    let walk = walkdir::WalkDir::new(dir).max_depth(if recursive { usize::MAX } else { 1 });
    let hidden = |e: &walkdir::DirEntry| e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
    for entry in walk.into_iter().filter_entry(|e| !hidden(e)) {
        match entry {
            Ok(e) if e.depth() > 0 && e.path_is_symlink() => diags.warning(
                &display_path(root, e.path()),
                Position::START,
                "symbolische koppeling wordt overgeslagen",
                "passend leest alleen echte bestanden en mappen van de site; kopieer het bestand hierheen",
            ),
            Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
            Ok(_) => {}
            Err(e) => {
                let at = e.path().unwrap_or(dir);
                let message = match e.io_error() {
                    Some(io) => format!("kan de map niet lezen: {io}"),
                    None => format!("kan de map niet lezen: {e}"),
                };
                diags.error(&display_path(root, at), Position::START, message, UNREADABLE_HINT);
                complete = false;
            }
        }
    }
    files.sort();
    Listing { files, complete }
}

/// The files directly in `dir` with extension `ext`, as [`files_in`]. A file whose extension
/// differs only in case (`.MD`) is a warning rather than silently ignored.
pub fn files_with_extension(root: &Path, dir: &Path, ext: &str, diags: &mut Diagnostics) -> Listing {
    let mut listing = list(root, dir, false, diags);
    listing.files.retain(|path| {
        let Some(found) = path.extension().map(|x| x.to_string_lossy()) else { return false };
        if found != ext && found.eq_ignore_ascii_case(ext) {
            diags.warning(&display_path(root, path), Position::START, format!("bestand met extensie `.{found}` wordt overgeslagen"), format!("hernoem het naar de extensie `.{ext}` in kleine letters"));
        }
        found == ext
    });
    listing
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
            let is_key = starts_with_key(trimmed, key) || trimmed.strip_prefix(key).is_some_and(|rest| rest.starts_with(']') || rest.starts_with('.'));
            let is_header = trimmed.trim_start_matches('[').starts_with(key) && trimmed.starts_with('[');
            if is_key || is_header {
                return Position::at(text, offset + indent);
            }
        }
        offset += line.len();
    }
    Position::START
}

/// Where the key `key` of the table `table` is: under the header `[table]` (up to the next
/// header), in an inline table `table = { ..., key = ... }` or dotted as `table.key = ...`. A key
/// of the same name in another table (`[planperiode] status` for `[toegankelijkheid] status`)
/// is never taken for it. Falls back to where `table` is, then to the start of the text.
pub fn find_key_in(text: &str, table: &str, key: &str) -> Position {
    let dotted = format!("{table}.{key}");
    let mut offset = 0;
    // None before the first header (top level), then the name of the current [table].
    let mut current: Option<&str> = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if let Some(header) = trimmed.strip_prefix('[') {
            current = Some(header.split(']').next().unwrap_or("").trim());
        } else {
            let found = match current {
                Some(name) if name == table => starts_with_key(trimmed, key).then_some(0),
                Some(_) => None,
                None if starts_with_key(trimmed, &dotted) => Some(0),
                None if starts_with_key(trimmed, table) => inline_key(trimmed, key),
                None => None,
            };
            if let Some(at) = found {
                return Position::at(text, offset + indent + at);
            }
        }
        offset += line.len();
    }
    find_key(text, table)
}

/// Whether `line` (without its indent) sets `key`: `key = ...`.
fn starts_with_key(line: &str, key: &str) -> bool {
    line.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with('='))
}

/// Byte offset in `line` (`table = { a = 1, key = 2 }`) of `key` inside the inline table.
fn inline_key(line: &str, key: &str) -> Option<usize> {
    let open = line.find('{')?;
    let mut from = open + 1;
    while let Some(i) = line[from..].find(key) {
        let at = from + i;
        let before = line[..at].trim_end();
        if (before.ends_with('{') || before.ends_with(',')) && starts_with_key(&line[at..], key) {
            return Some(at);
        }
        from = at + key.len();
    }
    None
}

/// A file's name without its extension (`03-basisondersteuning`, `91AB00`): chapters and
/// schools take their order, slug or id from it.
pub fn stem_of(file: &SourceFile) -> String {
    file.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
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

/// A content date later than today is almost always a typo (2062 for 2026).
pub fn check_not_future(file: &SourceFile, key: &str, date: Option<crate::text::Date>, diags: &mut Diagnostics) {
    if let Some(d) = date {
        if d > crate::text::Date::today() {
            diags.error(&file.rel, find_key(&file.text, key), format!("`{key}` = {d} ligt in de toekomst"), "controleer de datum (jaar, maand, dag)");
        }
    }
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
    fn escaped_control_characters_are_errors_at_their_value() {
        let mut d = Diagnostics::new();
        let r: Option<toml::Table> = parse_toml("a = \"ok\"\nb = [\"x\", \"\\u001b[31m\"]\n[t]\nc = \"\\b\"\n", "a.toml", 0, &mut d);
        assert!(r.is_none());
        let all = d.sorted();
        assert_eq!(all.iter().map(|x| (x.line, x.column)).collect::<Vec<_>>(), [(2, 11), (4, 5)]);
        assert_eq!(all[0].message, "onzichtbaar stuurteken U+001B in de tekst");
        assert_eq!(all[1].message, "onzichtbaar stuurteken U+0008 in de tekst");
    }

    #[test]
    fn common_syntax_errors_are_in_dutch() {
        let mut d = Diagnostics::new();
        let _: Option<toml::Table> = parse_toml("a = [1, 2\n", "a.toml", 0, &mut d);
        let _: Option<toml::Table> = parse_toml("naam = \"OBS\n", "b.toml", 0, &mut d);
        let _: Option<toml::Table> = parse_toml("naam = OBS\n", "c.toml", 0, &mut d);
        let _: Option<toml::Table> = parse_toml("aantal = twee\n", "d.toml", 0, &mut d);
        let messages: Vec<String> = d.sorted().iter().map(|x| x.message.clone()).collect();
        assert_eq!(
            messages,
            [
                "ongeldige TOML: de lijst wordt niet afgesloten (verwacht: `]`)",
                "ongeldige TOML: de tekst wordt niet afgesloten met een aanhalingsteken (of bevat een teken dat daar niet mag) (verwacht: `\"`)",
                "ongeldige TOML: tekst moet tussen aanhalingstekens staan",
                "ongeldige TOML: ongeldige waarde: zet tekst tussen aanhalingstekens; ja of nee schrijft u als true of false",
            ]
        );
    }

    #[test]
    fn finds_keys_for_messages() {
        let text = "a = 1\n[adres]\npostcode = \"x\"\n";
        assert_eq!(find_key(text, "postcode"), Position { line: 3, column: 1 });
        assert_eq!(find_key(text, "adres"), Position { line: 2, column: 1 });
    }

    #[test]
    fn finds_a_key_in_its_own_table() {
        let text = "[planperiode]\nstatus = \"concept\"\n\n[toegankelijkheid]\n  status = \"x\"\n";
        assert_eq!(find_key(text, "status"), Position { line: 2, column: 1 });
        assert_eq!(find_key_in(text, "toegankelijkheid", "status"), Position { line: 5, column: 3 });
        assert_eq!(find_key_in(text, "planperiode", "status"), Position { line: 2, column: 1 });
        let inline = "planperiode = { start = 2026, status = \"x\" }\ntoegankelijkheid = { onderzoek = \"status = a\", status = \"y\" }\n";
        assert_eq!(find_key_in(inline, "toegankelijkheid", "status"), Position { line: 2, column: 48 });
        assert_eq!(find_key_in("toegankelijkheid.status = \"y\"\n", "toegankelijkheid", "status"), Position { line: 1, column: 1 });
        // Absent: where the table is, not some other `status`.
        assert_eq!(find_key_in("[planperiode]\nstatus = 1\n[toegankelijkheid]\n", "toegankelijkheid", "status"), Position { line: 3, column: 1 });
    }
}
