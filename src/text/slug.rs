//! Slugs: the URL-safe identifiers of pages, anchors and vocabulary keys.

/// A URL-safe identifier: lowercase ASCII letters, digits and single hyphens.
/// Accents are folded (`coördinatie` -> `coordinatie`) so anchors stay readable.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    let mut pending_hyphen = false;
    for c in super::fold::fold(text).chars() {
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !out.is_empty() {
                out.push('-');
            }
            pending_hyphen = false;
            out.push(c);
        } else {
            pending_hyphen = true;
        }
    }
    out
}
