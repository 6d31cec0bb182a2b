//! Escaping for every context author text reaches: HTML and XML content and attributes, JSON
//! inside a `<script>` element, and Markdown. (CSV cells are in [`super::csv`].) Nothing an
//! author writes may run in a reader's browser or viewer, so each output format escapes through
//! one of these functions and nowhere else.

/// Escape text for HTML or XML content and quoted attributes. Control characters other than
/// tab and newline are dropped: XML 1.0 forbids them (ODT, DOCX) and no page needs them.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Text escaped for XML content and attributes (ODT, DOCX, Atom, sitemap): the same five
/// characters as HTML.
pub use escape_html as escape_xml;

/// JSON placed inside a `<script>` element: `<`, `>` and `&` become `\u003c`, `\u003e` and
/// `\u0026`, which JSON reads as the same characters but an HTML parser never sees as `</script>`,
/// `<!--` or an entity. (Escaping only `</` let a FAQ question holding `<!--<script>` swallow the
/// rest of the page in Chromium.)
pub fn json_in_html(json: &str) -> String {
    json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

/// Text as Markdown that shows it literally: emphasis, link and code characters are
/// backslash-escaped, and `<`, `>`, `&` become entities so that no HTML written in a TOML field
/// (`<script>`, `<img onerror=...>`) is rendered by a Markdown viewer.
pub fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '*' | '_' | '[' | ']' | '`' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_in_html_hides_every_tag_and_entity_opener() {
        let json = serde_json::to_string(&serde_json::json!({ "vraag": "<!--<script> & </script>" })).unwrap();
        let safe = json_in_html(&json);
        assert!(!safe.contains(['<', '>', '&']), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["vraag"], "<!--<script> & </script>");
    }
}
