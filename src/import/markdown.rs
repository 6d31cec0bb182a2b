//! Blocks to Markdown text (the opposite direction from `crate::markdown`): headings, list items,
//! paragraphs and table rows, with every character Markdown would read as syntax escaped.
//!
//! Why: plan text is full of characters Markdown reads as syntax: `IQ < 35`, `*` for a
//! footnote, `[zie]`, `a_b` in file names, a paragraph that starts with `2022.` (an ordered
//! list) or `-` (a bullet). Written as is, the chapter would show other text than the plan, or
//! raw HTML. URLs become autolinks; footnote placeholders become `[^label]`.

use super::docx::{BOLD, ITALIC, LINK_END, LINK_START, LINK_URL};
use super::paragraphs::Block;

pub(super) fn render_blocks(blocks: &[Block], used: &mut Vec<String>) -> String {
    #[derive(PartialEq, Clone, Copy)]
    enum List {
        Bullet,
        Ordered,
    }
    let mut out = String::new();
    let mut prev: Option<(List, u8)> = None;
    // Where the text of the open list item at each level starts: a nested item is indented
    // to it, which is how Markdown tells a sub-list from the next item (`- ` is 2, `10. ` is 4).
    let mut content: Vec<usize> = Vec::new();
    for block in blocks {
        let mut item = |level: u8, marker: String, text: String, kind: List| {
            let level = usize::from(level).min(content.len());
            let indent = if level == 0 { 0 } else { content[level - 1] };
            content.truncate(level);
            content.push(indent + marker.chars().count() + 1);
            (format!("{}{marker} {text}", " ".repeat(indent)), Some((kind, level as u8)))
        };
        let (text, list) = match block {
            Block::Heading(level, text) => (format!("{} {}", "#".repeat(*level as usize), escape_markdown(text, false, used)), None),
            Block::Para(text) => (escape_markdown(text, true, used), None),
            Block::Bullet(level, text) => item(*level, "-".to_string(), escape_markdown(text, true, used), List::Bullet),
            Block::Numbered(level, marker, text) if marker.starts_with(|c: char| c.is_ascii_digit()) && marker.ends_with('.') => {
                item(*level, marker.clone(), escape_markdown(text, true, used), List::Ordered)
            }
            Block::Numbered(_, marker, text) => (format!("{} {}", escape_markdown(marker, true, used), escape_markdown(text, false, used)), None),
            Block::Table(rows) => {
                let rows: Vec<String> = rows.iter().map(|r| escape_markdown(r, true, used)).collect();
                (rows.join("\\\n"), None)
            }
            Block::Grid(rows) => (render_grid(rows, used), None),
            Block::Image(alt, src) => {
                let alt = alt.as_deref().map(|a| escape_markdown(a, false, used)).unwrap_or_else(|| "TODO: beschrijf wat de afbeelding laat zien".to_string());
                (format!("![{alt}]({src})"), None)
            }
            Block::Chapter(..) => continue,
        };
        if list.is_none() {
            content.clear();
        }
        if !out.is_empty() {
            // Items of one list, or a sub-list under its item, follow on the next line; a list of
            // another kind at the same level starts after a blank line.
            let same_list = match (prev, list) {
                (Some((a, la)), Some((b, lb))) => lb != la || a == b,
                _ => false,
            };
            out.push_str(if same_list { "\n" } else { "\n\n" });
        }
        out.push_str(&text);
        prev = list;
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// A Markdown table: the first row as header, every row as wide as the widest, cells escaped
/// (a `|` in a cell too).
fn render_grid(rows: &[Vec<String>], used: &mut Vec<String>) -> String {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let mut out = String::new();
    for (k, row) in rows.iter().enumerate() {
        out.push('|');
        for c in 0..width {
            let cell = row.get(c).map(|t| escape_markdown(t, false, used)).unwrap_or_default();
            out.push(' ');
            out.push_str(&cell);
            out.push_str(" |");
        }
        out.push('\n');
        if k == 0 {
            out.push('|');
            out.push_str(&" --- |".repeat(width));
            out.push('\n');
        }
    }
    out.pop();
    out
}

/// A link target as Markdown may hold it: web and mail addresses only (no `javascript:`), with
/// spaces and brackets percent-encoded.
fn link_target(url: &str) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")) {
        return None;
    }
    Some(url.chars().map(|c| match c {
        ' ' => "%20".to_string(),
        '(' => "%28".to_string(),
        ')' => "%29".to_string(),
        '<' => "%3C".to_string(),
        '>' => "%3E".to_string(),
        c if c.is_control() => String::new(),
        c => c.to_string(),
    }).collect())
}

/// Text as Markdown that means exactly the text: every character Markdown could read as syntax
/// (emphasis, links, raw HTML, entities, tables) is escaped; URLs become autolinks; footnote
/// placeholders become `[^label]` (recorded in `used`). With `block_start`, a start that would
/// open a list, heading, quote or rule is escaped too.
pub(super) fn escape_markdown(text: &str, block_start: bool, used: &mut Vec<String>) -> String {
    // Hyperlinks from a Word document: their text escaped on its own, inside `[...](url)`.
    if let Some(start) = text.find(LINK_START) {
        let rest = &text[start + LINK_START.len_utf8()..];
        if let Some((label, tail)) = rest.split_once(LINK_URL) {
            let (url, after) = tail.split_once(LINK_END).unwrap_or((tail, ""));
            let mut out = if start > 0 { escape_markdown(&text[..start], block_start, used) } else { String::new() };
            let label_md = escape_markdown(label.trim(), start == 0 && block_start, used);
            match link_target(url) {
                Some(target) if !label.trim().is_empty() => out.push_str(&format!("[{label_md}]({target})")),
                _ => out.push_str(&label_md),
            }
            out.push_str(&escape_markdown(after, false, used));
            return out;
        }
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (k, word) in text.split(' ').enumerate() {
        if k > 0 {
            out.push(' ');
        }
        let lead = word.len() - word.trim_start_matches(['(', '‘', '“']).len();
        let candidate = &word[lead..];
        if (candidate.starts_with("http://") || candidate.starts_with("https://")) && !candidate.contains(['<', '>', '\u{e000}', '`']) {
            let url = candidate.trim_end_matches(['.', ',', ';', ':', ')', '’', '”', '\'', '"']);
            if url.len() > "https://".len() {
                escape_chars(&word[..lead], &mut out, used);
                out.push('<');
                out.push_str(url);
                out.push('>');
                escape_chars(&candidate[url.len()..], &mut out, used);
                continue;
            }
        }
        escape_chars(word, &mut out, used);
    }
    if block_start {
        if out.starts_with(['-', '+', '=']) {
            out.insert(0, '\\');
        } else {
            let digits = out.chars().take_while(char::is_ascii_digit).count();
            if (1..=9).contains(&digits) && out[digits..].starts_with(['.', ')']) && (out.len() == digits + 1 || out[digits + 1..].starts_with(' ')) {
                out.insert(digits, '\\');
            }
        }
    }
    out
}

fn escape_chars(s: &str, out: &mut String, used: &mut Vec<String>) {
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '\u{e000}' => {
                let label: String = chars.by_ref().take_while(|&c| c != '\u{e001}').collect();
                out.push_str(&format!("[^{label}]"));
                if !used.contains(&label) {
                    used.push(label);
                }
            }
            BOLD => out.push_str("**"),
            ITALIC => out.push('*'),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' | '&' | '{' | '}' | '^' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_text_literal() {
        let mut used = Vec::new();
        assert_eq!(escape_markdown("IQ < 35 en *let op* [zie] a_b", true, &mut used), "IQ \\< 35 en \\*let op\\* \\[zie\\] a\\_b");
        assert_eq!(escape_markdown("- geen lijst", true, &mut used), "\\- geen lijst");
        assert_eq!(escape_markdown("2022. Jaar", true, &mut used), "2022\\. Jaar", "CommonMark allows nine digits in a list marker");
        assert_eq!(escape_markdown("In 2022. Jaar", true, &mut used), "In 2022. Jaar");
        assert_eq!(escape_markdown("3. Drie", true, &mut used), "3\\. Drie");
        assert_eq!(escape_markdown("Zie https://example.nl/a_b.pdf.", false, &mut used), "Zie <https://example.nl/a_b.pdf>.");
        assert_eq!(escape_markdown("ouders\u{e000}2\u{e001},", false, &mut used), "ouders[^2],");
        assert_eq!(used, ["2"]);
    }
}
