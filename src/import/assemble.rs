//! Pass 10, chapters: the blocks are cut into chapters at each chapter heading, and each becomes
//! a file `NN-slug.md` with front matter (written through the chapter loader's own type,
//! [`ChapterFront`]), its Markdown body and its footnotes.
//!
//! Why: the text before the first chapter is a title page (dropped, with a warning) or a
//! foreword (a chapter of its own); chapter numbers may skip or restart, and appendices have
//! none, so file order is made to go up; footnotes whose marker did not make it into the body
//! are kept under "Noten" rather than lost. The front matter says where the text came from and
//! which fields the author must still fill in or check.

use super::footnotes::Footnote;
use super::keywords::{plain_text, suggest};
use super::lines::{ChapterHead, Line};
use super::markdown::{escape_markdown, render_blocks};
use super::paragraphs::Block;
use super::report::Report;
use super::shape::{ends_sentence, ends_terminal, words};
use crate::config::Vocabularies;
use crate::content::{ChapterFront, Sector};
use crate::text::slugify;
use std::collections::HashSet;
use std::path::Path;

/// One chapter file produced by the import.
#[derive(Debug, Clone)]
pub struct ChapterFile {
    /// `NN-slug.md`.
    pub file_name: String,
    pub title: String,
    pub order: u32,
    /// Input line of the chapter heading (of the first text, for the part before chapter 1).
    pub line: usize,
    /// The whole file: front matter and body.
    pub markdown: String,
    /// Footnotes linked to their place in the text.
    pub footnotes: usize,
    /// Footnotes kept under "Noten" because their place was not found.
    pub notes: usize,
    pub wettelijke_onderdelen: Vec<String>,
    pub oogo: Vec<String>,
}

struct Draft {
    head: Option<ChapterHead>,
    line: usize,
    blocks: Vec<Block>,
    notes: Vec<usize>,
}

pub(super) fn assemble(source: &str, lines: &[Line], blocks: Vec<Block>, notes: &mut [Footnote], report: &mut Report) -> Vec<ChapterFile> {
    let mut drafts: Vec<Draft> = vec![Draft { head: None, line: lines.iter().find(|l| l.kept()).map(|l| l.no).unwrap_or(1), blocks: Vec::new(), notes: Vec::new() }];
    for block in blocks {
        match block {
            Block::Chapter(mut head, line) => {
                head.title = strip_placeholders(&head.title);
                drafts.push(Draft { head: Some(head), line, blocks: Vec::new(), notes: Vec::new() })
            }
            other => drafts.last_mut().expect("one draft").blocks.push(other),
        }
    }
    // The part before the first chapter: a chapter of its own when it has text, with its first
    // heading or title line as title.
    let mut preamble = drafts.remove(0);
    let mut preamble_title = None;
    match preamble.blocks.first() {
        Some(Block::Heading(_, text)) => preamble_title = Some(strip_placeholders(text)),
        Some(Block::Para(text)) if words(text) <= 6 && !ends_terminal(text) && !text.contains('\u{e000}') => preamble_title = Some(text.clone()),
        _ => {}
    }
    if preamble_title.is_some() {
        preamble.blocks.remove(0);
    }
    // A title page (a few short lines) is not a chapter; a foreword with sentences is.
    let substantial = preamble.blocks.iter().any(|b| match b {
        Block::Para(t) => words(t) > 8 || ends_sentence(t),
        Block::Heading(..) | Block::Chapter(..) => false,
        _ => true,
    });
    if substantial {
        let title = preamble_title.unwrap_or_else(|| "Inleiding".to_string());
        drafts.insert(0, Draft { head: Some(ChapterHead { number: Some(0), bijlage: None, title }), line: preamble.line, blocks: preamble.blocks, notes: Vec::new() });
    } else {
        let mut dropped: Vec<String> = preamble_title.into_iter().collect();
        dropped.extend(preamble.blocks.iter().filter_map(|b| match b {
            Block::Heading(_, t) | Block::Para(t) => Some(strip_placeholders(t)),
            _ => None,
        }));
        if !dropped.is_empty() {
            report.warnings.push((preamble.line, format!("tekst vóór het eerste hoofdstuk niet overgenomen (titel van het document?): \"{}\"", dropped.join(" / "))));
        }
        if drafts.is_empty() {
            drafts.push(Draft { head: Some(ChapterHead { number: Some(1), bijlage: None, title: "Inleiding".into() }), line: preamble.line, blocks: Vec::new(), notes: Vec::new() });
        }
    }
    if drafts.len() == 1 && drafts[0].head.as_ref().is_some_and(|h| h.number == Some(0)) {
        report.warnings.push((1, "geen genummerde hoofdstukken gevonden: alle tekst staat in één hoofdstuk".to_string()));
    }

    // Bodies first: a footnote whose marker did not make it into the text (it was in a title)
    // is kept as a note like one whose marker was never found.
    let bodies: Vec<(String, Vec<String>)> = drafts
        .iter()
        .map(|d| {
            let mut used = Vec::new();
            let body = render_blocks(&d.blocks, &mut used);
            (body, used)
        })
        .collect();
    let all_used: HashSet<&str> = bodies.iter().flat_map(|(_, used)| used.iter().map(String::as_str)).collect();
    for (n, note) in notes.iter_mut().enumerate() {
        if note.marker_line.is_some() && !all_used.contains(note.label.as_str()) {
            note.marker_line = None;
        }
        if note.marker_line.is_none() {
            let d = drafts.iter().rposition(|d| d.line <= note.line).unwrap_or(0);
            drafts[d].notes.push(n);
            report.warnings.push((note.line, format!("voetnoot {} staat niet bij een woord in de tekst; bewaard onder \"Noten\"", note.label)));
        }
    }

    let vocabularies = Vocabularies::defaults();
    let last_lines: Vec<usize> = drafts.iter().skip(1).map(|d| d.line.saturating_sub(1)).chain(std::iter::once(report.lines)).collect();
    let mut files: Vec<ChapterFile> = Vec::new();
    let mut names: HashSet<String> = HashSet::new();
    let mut last_order: Option<u32> = None;
    for (d, (draft, (body, used))) in drafts.into_iter().zip(bodies).enumerate() {
        let head = draft.head.expect("every draft has a head");
        let order = match (head.bijlage.is_some(), head.number, last_order) {
            (false, Some(n), None) => n,
            (false, Some(n), Some(prev)) if n > prev => n,
            (_, _, Some(prev)) => prev + 1,
            (_, _, None) => 1,
        };
        last_order = Some(order);
        let title = match (&head.bijlage, head.title.trim()) {
            (Some(label), "") => format!("Bijlage {label}"),
            (Some(label), t) => format!("Bijlage {label}: {t}"),
            (None, "") => format!("Hoofdstuk {order}"),
            (None, t) => t.to_string(),
        };
        let mut slug = slugify(&title);
        if slug.len() > 60 {
            let cut = slug[..60].rfind('-').unwrap_or(60);
            slug.truncate(cut);
        }
        if slug.is_empty() {
            slug = format!("hoofdstuk-{order}");
        }
        let mut file_name = format!("{order:02}-{slug}.md");
        let mut k = 2;
        while !names.insert(file_name.clone()) {
            file_name = format!("{order:02}-{slug}-{k}.md");
            k += 1;
        }
        let plain = format!("{title}\n{}", plain_text(&draft.blocks));
        let legal = suggest(&plain, &vocabularies.wettelijk_onderdeel);
        let oogo = suggest(&plain, &vocabularies.oogo_thema);
        let origin = format!("Geïmporteerd uit {} (regels {}-{}) met passend import; vergelijk de tekst met het origineel.", file_name_of(source), draft.line, last_lines[d].max(draft.line));
        let front = ChapterFront {
            title: title.clone(),
            order: Some(order),
            sector: Sector::Beide,
            samenvatting: String::new(),
            wettelijke_onderdelen: legal.clone(),
            oogo: oogo.clone(),
            bijgewerkt: None,
        };
        let mut md = front_matter(&origin, &front);
        md.push_str(&body);
        let mut footnote_count = 0;
        for label in &used {
            if let Some(note) = notes.iter().find(|n| &n.label == label) {
                md.push_str(&format!("\n[^{label}]: {}\n", escape_markdown(&note.text, true, &mut Vec::new())));
                footnote_count += 1;
            }
        }
        if !draft.notes.is_empty() {
            md.push_str("\n## Noten\n\n");
            for &n in &draft.notes {
                md.push_str(&format!("- Noot {}: {}\n", notes[n].label, escape_markdown(&notes[n].text, false, &mut Vec::new())));
            }
        }
        files.push(ChapterFile {
            file_name,
            title,
            order,
            line: draft.line,
            markdown: md,
            footnotes: footnote_count,
            notes: draft.notes.len(),
            wettelijke_onderdelen: legal,
            oogo,
        });
    }
    files
}

fn strip_placeholders(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut inside = false;
    for c in s.chars() {
        match c {
            '\u{e000}' => inside = true,
            '\u{e001}' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

fn file_name_of(source: &str) -> String {
    Path::new(source).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| source.to_string())
}

/// Comments written after a field of the front matter (serde writes none): what the author
/// still has to do with it.
const FIELD_COMMENTS: &[(&str, &str)] = &[
    ("samenvatting", "TODO: schrijf een samenvatting in gewone taal"),
    ("wettelijke_onderdelen", "voorgesteld op grond van trefwoorden; controleer"),
    ("oogo", "voorgesteld op grond van trefwoorden; controleer"),
];

/// The front matter block of a chapter: `+++`, a comment line `origin`, the fields of `front`
/// serialized by `toml` from the type the chapter loader reads (so the two cannot drift apart),
/// each followed by its comment from [`FIELD_COMMENTS`], and `+++`.
fn front_matter(origin: &str, front: &ChapterFront) -> String {
    let fields = toml::to_string(front).expect("chapter front matter serializes to TOML");
    let mut out = format!("+++\n# {origin}\n");
    for line in fields.lines() {
        out.push_str(line);
        let key = line.split_once(" = ").map_or(line, |(key, _)| key);
        if let Some((_, comment)) = FIELD_COMMENTS.iter().find(|(k, _)| *k == key) {
            out.push_str(" # ");
            out.push_str(comment);
        }
        out.push('\n');
    }
    out.push_str("+++\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn front(title: &str, legal: &[&str], oogo: &[&str]) -> ChapterFront {
        let keys = |k: &[&str]| k.iter().map(|s| s.to_string()).collect();
        ChapterFront { title: title.into(), order: Some(7), sector: Sector::Beide, samenvatting: String::new(), wettelijke_onderdelen: keys(legal), oogo: keys(oogo), bijgewerkt: None }
    }

    /// The bytes are those the importer wrote by string concatenation before the front matter
    /// was serialized from the loader's type, quoting of awkward titles included.
    #[test]
    fn front_matter_is_written_as_before_and_read_back_by_the_loader_type() {
        let fixed = "\nsector = \"beide\"\nsamenvatting = \"\" # TODO: schrijf een samenvatting in gewone taal\n";
        assert_eq!(
            front_matter("herkomst", &front("Visie", &[], &[])),
            format!("+++\n# herkomst\ntitle = \"Visie\"\norder = 7{fixed}wettelijke_onderdelen = [] # voorgesteld op grond van trefwoorden; controleer\noogo = [] # voorgesteld op grond van trefwoorden; controleer\n+++\n")
        );
        let written = front_matter("herkomst", &front("Het 'thuis' en \"school\" \\ pad = [x]", &["basisondersteuning"], &["jeugdhulp", "middelen"]));
        assert_eq!(
            written,
            format!("+++\n# herkomst\ntitle = '''Het 'thuis' en \"school\" \\ pad = [x]'''\norder = 7{fixed}wettelijke_onderdelen = [\"basisondersteuning\"] # voorgesteld op grond van trefwoorden; controleer\noogo = [\"jeugdhulp\", \"middelen\"] # voorgesteld op grond van trefwoorden; controleer\n+++\n")
        );
        assert_eq!(front_matter("herkomst", &front("Bijlage 2: \"Zorg\"", &[], &[])).lines().nth(2), Some("title = 'Bijlage 2: \"Zorg\"'"));
        let read: ChapterFront = toml::from_str(written.trim_start_matches("+++\n").trim_end_matches("+++\n")).unwrap();
        assert_eq!(read.title, "Het 'thuis' en \"school\" \\ pad = [x]");
        assert_eq!(read.oogo, ["jeugdhulp", "middelen"]);
    }
}
