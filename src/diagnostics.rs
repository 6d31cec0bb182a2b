//! Errors and warnings about the site's source files.
//!
//! Every stage reports problems as [`Diagnostic`]s into one [`Diagnostics`] list instead of
//! returning at the first one, so a run shows all that is wrong at once. Each diagnostic names
//! the file (relative to the site root), the line and column (1-based), what is wrong and how to
//! fix it, so SWV staff can correct a TOML or Markdown file without reading Rust.

use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one place of one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// How to fix it; empty when the message says it all.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub hint: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "fout",
            Severity::Warning => "waarschuwing",
        };
        write!(f, "{}:{}:{}: {}: {}", self.file, self.line, self.column, label, self.message)?;
        if !self.hint.is_empty() {
            write!(f, "\n  hint: {}", self.hint)?;
        }
        Ok(())
    }
}

/// Where in a file a problem is. Built from a byte offset into the file's text so that every
/// stage can point at exact places without tracking lines itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    pub const START: Position = Position { line: 1, column: 1 };

    /// Line and column (both 1-based, column counted in characters) of byte `offset` in `text`.
    /// Scans `text` up to `offset`: for many positions in one text use a [`LineIndex`].
    pub fn at(text: &str, offset: usize) -> Position {
        LineIndex::new(&text[..floor_char_boundary(text, offset.min(text.len()))]).position(offset)
    }

    /// This position moved down by `lines` lines: used when a fragment (front matter, body) was
    /// parsed on its own and its positions must be mapped back into the whole file.
    pub fn shifted(self, lines: usize) -> Position {
        Position { line: self.line + lines, column: self.column }
    }
}

/// Where each line of a text starts, so that any number of byte offsets can be turned into
/// positions in time linear in the text: a body with 100,000 headings would otherwise rescan the
/// file from the start for each of them.
pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset of the start of every line; the first is 0.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        LineIndex { text, starts }
    }

    /// Line and column (both 1-based, column counted in characters) of byte `offset`.
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.starts.partition_point(|&start| start <= offset);
        let line_start = self.starts[line - 1];
        Position { line, column: self.text[line_start..offset].chars().count() + 1 }
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// All problems found in one run.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn error(&mut self, file: &str, pos: Position, message: impl Into<String>, hint: impl Into<String>) {
        self.push(Severity::Error, file, pos, message.into(), hint.into());
    }

    pub fn warning(&mut self, file: &str, pos: Position, message: impl Into<String>, hint: impl Into<String>) {
        self.push(Severity::Warning, file, pos, message.into(), hint.into());
    }

    fn push(&mut self, severity: Severity, file: &str, pos: Position, message: String, hint: String) {
        let pos = if pos.line == 0 { Position::START } else { pos };
        self.items.push(Diagnostic { severity, file: file.to_string(), line: pos.line, column: pos.column, message, hint });
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Whether an error was reported for the file `rel` (a path relative to the site root).
    pub fn has_errors_in(&self, rel: &str) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error && d.file == rel)
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// `--strict`: every warning becomes an error.
    pub fn make_strict(&mut self) {
        for d in &mut self.items {
            d.severity = Severity::Error;
        }
    }

    /// Sorted by file, then place, so output is stable and easy to read.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut items = self.items.clone();
        items.sort_by(|a, b| (&a.file, a.line, a.column, &a.message).cmp(&(&b.file, b.line, b.column, &b.message)));
        items.dedup();
        items
    }

    /// Counted as reported: the same diagnostic raised twice (one template error met by every
    /// page that uses the template) is one error, as `sorted` shows it once.
    pub fn errors(&self) -> usize {
        self.sorted().iter().filter(|d| d.severity == Severity::Error).count()
    }

    pub fn warnings(&self) -> usize {
        self.sorted().iter().filter(|d| d.severity == Severity::Warning).count()
    }

    /// Human-readable report, one diagnostic per paragraph, then a count.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for d in self.sorted() {
            out.push_str(&d.to_string());
            out.push('\n');
        }
        out.push_str(&format!("{} fout(en), {} waarschuwing(en)\n", self.errors(), self.warnings()));
        out
    }

    /// Machine-readable report for CI (`passend check --format json`).
    pub fn to_json(&self) -> String {
        let report = serde_json::json!({
            "errors": self.errors(),
            "warnings": self.warnings(),
            "diagnostics": self.sorted(),
        });
        serde_json::to_string_pretty(&report).expect("diagnostics serialize")
    }
}

/// Path of `path` relative to `root`, with `/` separators, for messages.
pub fn display_path(root: &Path, path: &Path) -> String {
    let rel: PathBuf = path.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf());
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a, I: IntoIterator<Item = &'a str>>(word: &str, candidates: I) -> Option<&'a str> {
    let word_lc = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (levenshtein(&word_lc, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count().max(word.chars().count()) / 3).max(2))
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

/// A hint sentence: "bedoelde u `x`?" when a candidate is close, else the list of valid values.
pub fn suggestion<'a, I>(word: &str, candidates: I) -> String
where
    I: IntoIterator<Item = &'a str> + Clone,
{
    match did_you_mean(word, candidates.clone()) {
        Some(best) => format!("bedoelde u `{best}`?"),
        None => {
            let all: Vec<String> = candidates.into_iter().map(|c| format!("`{c}`")).collect();
            format!("geldige waarden: {}", all.join(", "))
        }
    }
}

/// Edit distance between two strings, counted in characters.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// With `PASSEND_TIMINGS` set, each stage of a build prints its wall time (and the process's
/// memory, where the OS tells) to stderr: how the
/// national benchmark (bench/national.sh) finds where a build spends its time without a
/// profiler. Without it, nothing is measured or printed.
pub struct StageTimer {
    last: Option<std::cell::Cell<std::time::Instant>>,
}

impl StageTimer {
    pub fn new() -> StageTimer {
        StageTimer { last: std::env::var_os("PASSEND_TIMINGS").map(|_| std::cell::Cell::new(std::time::Instant::now())) }
    }

    /// Print the time since the previous lap (or the start) under `stage`.
    pub fn lap(&self, stage: &str) {
        if let Some(last) = &self.last {
            let now = std::time::Instant::now();
            // Resident and peak memory where the OS tells (Linux).
            let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
            let field = |name: &str| status.lines().find(|l| l.starts_with(name)).map(|l| l[name.len()..].trim().to_string()).unwrap_or_default();
            eprintln!("tijd {stage}: {} ms (geheugen {}, piek {})", (now - last.get()).as_millis(), field("VmRSS:"), field("VmHWM:"));
            last.set(now);
        }
    }
}

impl Default for StageTimer {
    fn default() -> StageTimer {
        StageTimer::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn position_counts_lines_and_characters() {
        let text = "a\nbé c\n";
        assert_eq!(Position::at(text, 0), Position { line: 1, column: 1 });
        assert_eq!(Position::at(text, 5), Position { line: 2, column: 3 });
    }

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(did_you_mean("titel", ["title", "order", "sector"]), Some("title"));
        assert_eq!(did_you_mean("xyz", ["title", "order"]), None);
        assert_eq!(suggestion("dislexie", ["dyslexie", "autisme"]), "bedoelde u `dyslexie`?");
    }

    #[test]
    fn the_same_diagnostic_counts_once() {
        let mut d = Diagnostics::default();
        for _ in 0..8 {
            d.error("themes/default/school.html", Position { line: 3, column: 1 }, "onbekende variabele", "");
        }
        d.error("themes/default/school.html", Position { line: 4, column: 1 }, "onbekende variabele", "");
        d.warning("schools/91AB00.toml", Position { line: 2, column: 1 }, "oud profiel", "");
        d.warning("schools/91AB00.toml", Position { line: 2, column: 1 }, "oud profiel", "");
        assert_eq!((d.errors(), d.warnings()), (2, 1));
        assert!(d.to_text().contains("2 fout"), "{}", d.to_text());
        let json: serde_json::Value = serde_json::from_str(&d.to_json()).unwrap();
        assert_eq!((json["errors"].as_u64(), json["diagnostics"].as_array().map(Vec::len)), (Some(2), Some(3)));
    }
}
