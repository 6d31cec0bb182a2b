//! Internal link checking on the rendered output: every `href="/..."` and `#anchor` must point
//! at a generated file and an existing id. Links written in Markdown are reported at their
//! source position; links produced by templates are reported against the page they appear on.

use crate::diagnostics::{Diagnostics, Position};
use crate::markdown::{report_broken, Rendered};
use crate::output::Output;
use crate::url;
use std::collections::{BTreeMap, BTreeSet};

/// The ids and internal link targets of each HTML page of the output.
pub struct LinkIndex {
    ids: BTreeMap<String, BTreeSet<String>>,
}

impl LinkIndex {
    pub fn new(output: &Output) -> LinkIndex {
        let ids = html_pages(output, |page, html| (page.clone(), attribute_values(html, "id").into_iter().collect())).into_iter().collect();
        LinkIndex { ids }
    }

    /// Whether `target` (`/plan/x/#anker`, relative to the site root) resolves, given the files
    /// of `output`. Returns a reason when it does not.
    pub fn check(&self, output: &Output, page_file: &str, target: &str) -> Result<(), String> {
        let (path, anchor) = match target.split_once('#') {
            Some((p, a)) => (p, Some(a)),
            None => (target, None),
        };
        let path = path.split('?').next().unwrap_or("");
        let file = if path.is_empty() { page_file.to_string() } else { url::output_file(path) };
        if !output.contains(&file) {
            return Err(format!("de pagina `{path}` bestaat niet"));
        }
        if let Some(anchor) = anchor.filter(|a| !a.is_empty()) {
            if file.ends_with(".html") && !self.ids.get(&file).is_some_and(|ids| ids.contains(anchor)) {
                return Err(format!("de pagina `{}` heeft geen anker `#{anchor}`", if path.is_empty() { "zelf" } else { path }));
            }
        }
        Ok(())
    }
}

/// Values of `name="..."` attributes in an HTML text (our own output, so quoting is regular).
pub fn attribute_values(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    let mut values = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        if let Some(end) = rest.find('"') {
            values.push(decode_entities(&rest[..end]));
            rest = &rest[end..];
        }
    }
    values
}

fn decode_entities(s: &str) -> String {
    s.replace("&amp;", "&").replace("&quot;", "\"").replace("&#x27;", "'").replace("&#39;", "'").replace("&#x2F;", "/")
}

/// Check all links: Markdown links against their source positions (`bodies`: source file, page
/// URL and rendered body of every Markdown text, from `Site::bodies`), then every other
/// internal link in every generated page. Reads only the output and the bodies, so it sits
/// below the model and the render stage.
pub fn check_links(bodies: &[(&str, &str, &Rendered)], output: &Output) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let index = LinkIndex::new(output);
    let mut markdown_targets: BTreeSet<(String, String)> = BTreeSet::new();
    for (source, page_url, body) in bodies {
        let page_file = url::output_file(page_url);
        for link in &body.links {
            let target = match &link.anchor {
                Some(a) => format!("{}#{a}", link.url),
                None => link.url.clone(),
            };
            markdown_targets.insert((page_file.clone(), target.clone()));
            if let Err(reason) = index.check(output, &page_file, &target) {
                report_broken(source, link, &reason, &mut diags);
            }
        }
    }
    let broken = html_pages(output, |file, html| {
        attribute_values(html, "href")
            .into_iter()
            .filter(|h| (h.starts_with('/') && !h.starts_with("//")) || h.starts_with('#'))
            .filter(|target| !markdown_targets.contains(&(file.clone(), target.clone())))
            .filter_map(|target| index.check(output, file, &target).err().map(|reason| (file.clone(), target, reason)))
            .collect::<Vec<_>>()
    });
    for (file, target, reason) in broken.into_iter().flatten() {
        diags.error(&format!("(uitvoer)/{file}"), Position::START, format!("link `{target}` werkt niet: {reason}"), "deze link komt uit een template of uit gegevens; controleer de URL");
    }
    diags
}

/// `f` of every HTML page of the output (path, text), on all cores, in path order. A streamed
/// output's pages are read back one at a time, never all held at once.
fn html_pages<T: Send>(output: &Output, f: impl Fn(&String, &str) -> T + Sync) -> Vec<T> {
    use rayon::prelude::*;
    let pages: Vec<&String> = output.paths().filter(|p| p.ends_with(".html")).collect();
    pages.into_par_iter().filter_map(|page| output.read(page).map(|bytes| f(page, &String::from_utf8_lossy(&bytes)))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_attribute_values() {
        let html = r##"<a href="/plan/">x</a><h2 id="route">r</h2><a class="b" href="#route">"##;
        assert_eq!(attribute_values(html, "href"), ["/plan/", "#route"]);
        assert_eq!(attribute_values(html, "id"), ["route"]);
    }

    #[test]
    fn checks_pages_and_anchors() {
        let mut out = Output::default();
        out.insert("plan/index.html", r#"<h2 id="a">A</h2>"#);
        let index = LinkIndex::new(&out);
        assert!(index.check(&out, "index.html", "/plan/#a").is_ok());
        assert!(index.check(&out, "index.html", "/plan/#b").is_err());
        assert!(index.check(&out, "index.html", "/scholen/").is_err());
    }
}
