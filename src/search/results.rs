//! Answers: a query against the built index, as a [`Response`] with highlighted snippets, and
//! that response as JSON (`--json`, `/api/zoeken`), text (`passend search`) or the HTML block of
//! the `/zoeken/` page (`passend serve`; `search.js` builds the same markup in the browser).

use super::analysis::{parse_query, tokens_matching, PARAMS};
use super::documents::kind_label;
use super::engine::{expand, rank_top, Via};
use super::index::TantivySource;
use super::{AnalysisTables, ANALYSIS_FILE, INDEX_DIR};
use crate::text::escape_html;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub label: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ResultItem {
    pub url: String,
    pub title: String,
    /// The title with matched words in `<mark>`, HTML-escaped.
    pub title_html: String,
    pub breadcrumb: String,
    pub kind: String,
    pub kind_label: String,
    /// A piece of the text around the matched words, HTML-escaped, matches in `<mark>`.
    pub snippet_html: String,
    /// The words of this result that matched: why it was found.
    pub matched: Vec<String>,
    pub score: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Response {
    pub query: String,
    pub total: usize,
    pub results: Vec<ResultItem>,
    /// Finder pages of the kinds of support the query names.
    pub finder: Vec<Link>,
    /// The gemeente the query names; its schools only are shown.
    pub gemeente: Option<Link>,
    /// Where to go when nothing was found.
    pub suggestions: Vec<Link>,
    /// How the query was understood: per word, the words searched for.
    pub expansions: Vec<(String, Vec<String>)>,
    /// What parents' everyday words were searched for as well ("we zochten ook naar").
    pub also: Vec<String>,
}

impl Response {
    pub fn empty(query: &str) -> Response {
        Response { query: query.to_string(), total: 0, results: Vec::new(), finder: Vec::new(), gemeente: None, suggestions: Vec::new(), expansions: Vec::new(), also: Vec::new() }
    }
}

/// Where to look when there are no results.
fn suggestions() -> Vec<Link> {
    vec![
        Link { label: "Scholen zoeken op soort ondersteuning en gemeente".into(), url: crate::url::schools() },
        Link { label: "Begrippen van A tot Z".into(), url: crate::url::begrippen() },
        Link { label: "Veelgestelde vragen van ouders".into(), url: crate::url::faq() },
        Link { label: "Bel of mail het ouder- en jeugdsteunpunt".into(), url: crate::url::steunpunt_index() },
    ]
}

/// An opened index.
pub struct Searcher {
    source: TantivySource,
    tables: AnalysisTables,
}

#[derive(Debug)]
pub struct OpenError(pub String);

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Searcher {
    /// Open the index of a built site (`output` is the build's output directory).
    pub fn open(output: &Path) -> Result<Searcher, OpenError> {
        let dir = output.join(INDEX_DIR);
        let missing = || OpenError(format!("geen zoekindex in {}: bouw de site eerst met `passend build`", dir.display()));
        let tables_text = std::fs::read(dir.join(ANALYSIS_FILE)).map_err(|_| missing())?;
        let tables: AnalysisTables = serde_json::from_slice(&tables_text).map_err(|e| OpenError(format!("{}: {e}; bouw de site opnieuw", dir.join(ANALYSIS_FILE).display())))?;
        let source = TantivySource::open(&dir).map_err(|e| OpenError(format!("de zoekindex in {} is niet leesbaar ({e}); bouw de site opnieuw", dir.display())))?;
        Ok(Searcher { source, tables })
    }

    pub fn from_parts(source: TantivySource, tables: AnalysisTables) -> Searcher {
        Searcher { source, tables }
    }

    /// Answer `query` with at most `limit` results. Never fails: any text is a query.
    pub fn search(&self, query: &str, limit: usize) -> Response {
        let gemeenten: Vec<Vec<String>> = self.tables.gemeenten.iter().map(|g| g.stems.clone()).collect();
        let parsed = parse_query(query, &self.tables.synonyms(), &self.tables.everyday, &gemeenten);
        let mut response = Response::empty(query.chars().take(PARAMS.max_query_chars).collect::<String>().trim());
        if parsed.units.is_empty() {
            if !query.trim().is_empty() {
                response.suggestions = suggestions();
            }
            return response;
        }
        for a in parsed.units.iter().flat_map(|u| &u.also) {
            if !response.also.contains(a) {
                response.also.push(a.clone());
            }
        }
        let expansions = expand(&parsed, &self.source);
        let gemeente = parsed.gemeente.map(|i| &self.tables.gemeenten[i]);
        let (total, hits) = rank_top(&parsed, &expansions, &self.source, gemeente.map(|g| g.gemeente.slug.as_str()), limit);
        response.total = total;
        let highlight: BTreeSet<String> = expansions.iter().flatten().flat_map(|e| e.stems.iter().cloned()).collect();
        response.expansions = parsed
            .units
            .iter()
            .zip(&expansions)
            .map(|(u, e)| (u.typed.clone(), e.iter().filter(|x| x.via != Via::Prefix).map(|x| x.stems.join(" ")).collect()))
            .collect();
        for hit in hits.iter().take(limit) {
            let Some(doc) = self.source.stored(hit.doc) else { continue };
            let (title_html, mut matched) = highlight_text(&doc.title, &highlight, None);
            let (snippet_html, more) = highlight_text(&doc.text, &highlight, Some(PARAMS.snippet_words));
            for m in more {
                if !matched.contains(&m) {
                    matched.push(m);
                }
            }
            matched.truncate(6);
            response.results.push(ResultItem {
                kind_label: kind_label(&doc.kind).to_string(),
                url: doc.url,
                title: doc.title,
                title_html,
                breadcrumb: doc.breadcrumb,
                kind: doc.kind,
                snippet_html,
                matched,
                score: (hit.score * 1e6).round() / 1e6,
            });
        }
        // The finder, when a word (or its synonym or near spelling) names a kind of support.
        let named: BTreeSet<&str> = expansions.iter().flatten().filter(|e| e.via != Via::Prefix && e.stems.len() == 1).map(|e| e.stems[0].as_str()).collect();
        for kind in &self.tables.kinds {
            if kind.triggers.iter().any(|t| named.contains(t.as_str())) {
                response.finder.push(Link { label: format!("Scholen met extra ondersteuning bij {}", kind.label.to_lowercase()), url: kind.url.clone() });
            }
        }
        response.gemeente = gemeente.map(|g| Link { label: format!("Alle scholen in {}", g.gemeente.naam), url: g.url.clone() });
        if response.total == 0 {
            response.suggestions = suggestions();
        }
        response
    }
}

/// Escape `text` and put `<mark>` around words whose stem is in `stems`. With `window`, cut out
/// the `window` words with the most different matches (the first such window), with `…` where
/// text was left out. Returns the HTML and the matched words, lowercased, in order.
pub fn highlight_text(text: &str, stems: &BTreeSet<String>, window: Option<usize>) -> (String, Vec<String>) {
    let tokens = tokens_matching(text, stems);
    let hit: Vec<bool> = tokens.iter().map(|(_, s)| s.is_some()).collect();
    let (from, to) = match window {
        Some(w) if tokens.len() > w => {
            // Number the matched stems, then slide the window over the text counting them.
            let mut numbers: HashMap<&str, usize> = HashMap::new();
            let id: Vec<Option<usize>> = tokens
                .iter()
                .zip(&hit)
                .map(|((_, s), &h)| {
                    let s = s.as_deref().filter(|_| h)?;
                    let next = numbers.len();
                    Some(*numbers.entry(s).or_insert(next))
                })
                .collect();
            let mut count = vec![0usize; numbers.len()];
            let mut distinct = 0;
            let mut best = (0usize, 0usize);
            for i in 0..tokens.len() {
                if let Some(k) = id[i] {
                    distinct += usize::from(count[k] == 0);
                    count[k] += 1;
                }
                if i >= w {
                    if let Some(k) = id[i - w] {
                        count[k] -= 1;
                        distinct -= usize::from(count[k] == 0);
                    }
                }
                // The window of words i + 1 - w ..= i; the first with the most wins.
                if i + 1 >= w && distinct > best.1 {
                    best = (i + 1 - w, distinct);
                }
            }
            (best.0, best.0 + w)
        }
        _ => (0, tokens.len()),
    };
    let text_from = if from == 0 { 0 } else { tokens[from].0.start };
    let text_to = if to >= tokens.len() { text.len() } else { tokens[to - 1].0.end };
    let mut html = String::new();
    if text_from > 0 {
        html.push('…');
    }
    let mut pos = text_from;
    let mut matched: Vec<String> = Vec::new();
    for i in from..to.min(tokens.len()) {
        if !hit[i] {
            continue;
        }
        let t = &tokens[i].0;
        html.push_str(&escape_html(&text[pos..t.start]));
        html.push_str("<mark>");
        html.push_str(&escape_html(&text[t.start..t.end]));
        html.push_str("</mark>");
        pos = t.end;
        let word = text[t.start..t.end].to_lowercase();
        if !matched.contains(&word) {
            matched.push(word);
        }
    }
    html.push_str(&escape_html(&text[pos..text_to]));
    if text_to < text.len() {
        html.push('…');
    }
    (html, matched)
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        "resultaat"
    } else {
        "resultaten"
    }
}

/// Text of the live region: how many results.
pub fn status_text(r: &Response) -> String {
    if r.query.is_empty() {
        String::new()
    } else if r.total == 0 {
        format!("Geen resultaten voor ‘{}’.", r.query)
    } else {
        format!("{} {} voor ‘{}’.", r.total, plural(r.total), r.query)
    }
}

/// What everyday words were searched for as well: "We zochten ook naar: hoogbegaafdheid."
pub fn also_text(r: &Response) -> String {
    if r.also.is_empty() {
        String::new()
    } else {
        format!("We zochten ook naar: {}.", r.also.join("; "))
    }
}

/// The search block of the `/zoeken/` page: form, live status, results and suggestions. The
/// page holds it between `<!--zoekblok-->` markers so `passend serve` can put in results.
/// `search.js` builds the same markup.
///
/// `without_js`: the ways in that the static page offers when the browser runs no JavaScript
/// (pages of the site that exist); empty for `passend serve`, which answers itself.
pub fn search_block(r: &Response, filled: bool, without_js: &[Link]) -> String {
    let e = escape_html;
    let mut h = String::new();
    // search.js reads where the index is and where to point when nothing is found from the form.
    let suggesties = serde_json::to_string(&suggestions()).expect("links serialize");
    h.push_str(&format!(
        "<form class=\"zoek-formulier\" action=\"{}\" method=\"get\" role=\"search\" aria-label=\"Zoeken op deze website\" data-index=\"{}\" data-suggesties=\"{}\">\n",
        crate::url::search(),
        crate::url::search_index(),
        e(&suggesties)
    ));
    h.push_str("<label for=\"zoekterm\">Waar zoekt u naar?</label>\n");
    h.push_str("<p class=\"zoek-hint\" id=\"zoek-hint\">Bijvoorbeeld: dyslexie, rolstoel, wat is een tlv of hoogbegaafd en de naam van uw gemeente.</p>\n");
    h.push_str(&format!(
        "<div class=\"zoek-invoer\"><input id=\"zoekterm\" name=\"q\" type=\"search\" autocomplete=\"off\" aria-describedby=\"zoek-hint\" value=\"{}\"> <button type=\"submit\">Zoeken</button></div>\n</form>\n",
        e(&r.query)
    ));
    // The static page searches in the browser. Without JavaScript a static host can neither
    // search nor put the words back in the box, so the page says so and shows the way without
    // searching. `passend serve` answers itself and needs no such note.
    if !filled && !without_js.is_empty() {
        h.push_str("<noscript><div class=\"zoek-zonder-js notice\"><p>Zoeken werkt op deze website met JavaScript, en dat staat in uw browser uit. Daarom ziet u na het zoeken geen resultaten en is het zoekvak weer leeg. Alles is ook zonder zoeken te vinden:</p><ul>");
        for l in without_js {
            h.push_str(&format!("<li><a href=\"{}\">{}</a></li>", e(&l.url), e(&l.label)));
        }
        h.push_str("</ul></div></noscript>\n");
    }
    h.push_str(&format!("<div id=\"zoek-uitkomst\" class=\"zoek-uitkomst\"{}>\n", if filled { " data-server=\"1\"" } else { "" }));
    h.push_str(&format!("<p id=\"zoek-status\" class=\"zoek-status\" role=\"status\">{}</p>\n", e(&status_text(r))));
    h.push_str(&format!("<p id=\"zoek-ook\" class=\"zoek-ook\">{}</p>\n", e(&also_text(r))));
    let mut links = r.finder.clone();
    links.extend(r.gemeente.clone());
    h.push_str("<div id=\"zoek-vinder\" class=\"zoek-vinder\">");
    if !links.is_empty() {
        h.push_str("<p>Zoekt u een school?</p><ul>");
        for l in &links {
            h.push_str(&format!("<li><a href=\"{}\">{}</a></li>", e(&l.url), e(&l.label)));
        }
        h.push_str("</ul>");
    }
    h.push_str("</div>\n");
    h.push_str(&format!("<ol id=\"zoek-resultaten\" class=\"zoek-resultaten\"{}>\n", if r.results.is_empty() { " hidden" } else { "" }));
    for item in &r.results {
        h.push_str(&result_html(item));
    }
    h.push_str("</ol>\n<div id=\"zoek-suggesties\" class=\"zoek-suggesties\">");
    if !r.suggestions.is_empty() {
        h.push_str("<p>Probeer een ander of korter woord, of kijk hier:</p><ul>");
        for l in &r.suggestions {
            h.push_str(&format!("<li><a href=\"{}\">{}</a></li>", e(&l.url), e(&l.label)));
        }
        h.push_str("</ul>");
    }
    h.push_str("</div>\n</div>");
    h
}

fn result_html(item: &ResultItem) -> String {
    let e = escape_html;
    let why = if item.matched.is_empty() {
        String::new()
    } else {
        format!("<p class=\"zoek-waarom\">Gevonden op: {}</p>", item.matched.iter().map(|m| format!("<mark>{}</mark>", e(m))).collect::<Vec<_>>().join(", "))
    };
    format!(
        "<li class=\"zoek-resultaat\"><h2 class=\"zoek-titel\"><a href=\"{}\">{}</a></h2><p class=\"zoek-kruimel\"><span class=\"zoek-soort\">{}</span>{}{}</p><p class=\"zoek-fragment\">{}</p>{why}</li>\n",
        e(&item.url),
        item.title_html,
        e(&item.kind_label),
        if item.breadcrumb.is_empty() { "" } else { " · " },
        e(&item.breadcrumb),
        item.snippet_html
    )
}

impl Response {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("response serializes")
    }

    /// For the terminal: numbered results, matched words in [brackets].
    pub fn to_text(&self) -> String {
        let plain = |html: &str| html.replace("<mark>", "[").replace("</mark>", "]").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'");
        let mut out = String::new();
        let status = status_text(self);
        if !status.is_empty() {
            out.push_str(&status);
            out.push('\n');
        }
        let also = also_text(self);
        if !also.is_empty() {
            out.push_str(&also);
            out.push('\n');
        }
        for l in self.finder.iter().chain(&self.gemeente) {
            out.push_str(&format!("→ {}: {}\n", l.label, l.url));
        }
        for (i, r) in self.results.iter().enumerate() {
            out.push_str(&format!("\n{}. {}\n   {}{}{}\n   {}\n   {}\n", i + 1, plain(&r.title_html), r.kind_label, if r.breadcrumb.is_empty() { "" } else { " · " }, r.breadcrumb, r.url, plain(&r.snippet_html)));
        }
        if !self.suggestions.is_empty() {
            out.push_str("Probeer een ander of korter woord, of kijk hier:\n");
            for l in &self.suggestions {
                out.push_str(&format!("  {}: {}\n", l.label, l.url));
            }
        }
        out
    }
}

/// The value of parameter `name` in a URL's query string, percent-decoded.
fn query_param(url: &str, name: &str) -> Option<String> {
    let query = url.split_once('?')?.1.split('#').next()?;
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (k == name).then(|| percent_decode(v))
    })
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() && bytes[i + 1].is_ascii_hexdigit() && bytes[i + 2].is_ascii_hexdigit() => {
                let hex = |b: u8| (b as char).to_digit(16).unwrap_or(0) as u8;
                out.push(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `passend serve`: answer `/zoeken/?q=` with the built search page filled with results, and
/// `/api/zoeken?q=` with JSON. Other URLs: `None`. Returns (content type, body).
pub fn answer(output: &Path, url: &str) -> Option<(&'static str, Vec<u8>)> {
    answer_with(output, url, || std::fs::read_to_string(output.join("zoeken/index.html")).ok())
}

/// [`answer`] with the index in `output` and the search page (into which the results go) from
/// `search_page`: the preview makes that page on request.
pub fn answer_with(output: &Path, url: &str, search_page: impl FnOnce() -> Option<String>) -> Option<(&'static str, Vec<u8>)> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let api_url = crate::url::search_api();
    let api = path == api_url || path.strip_suffix('/') == Some(api_url.as_str());
    if !(api || path == crate::url::search() && url.contains('?')) {
        return None;
    }
    let query = query_param(url, "q").unwrap_or_default();
    let limit = query_param(url, "limit").and_then(|l| l.parse().ok()).unwrap_or(10usize).clamp(1, 100);
    let response = match Searcher::open(output) {
        Ok(s) => s.search(&query, limit),
        Err(_) => {
            let mut r = Response::empty(&query);
            r.suggestions = suggestions();
            r
        }
    };
    if api {
        return Some(("application/json", response.to_json().into_bytes()));
    }
    let page = search_page()?;
    let (start, end) = ("<!--zoekblok-->", "<!--/zoekblok-->");
    let (Some(a), Some(b)) = (page.find(start), page.find(end)) else { return None };
    let html = format!("{}{}{}", &page[..a + start.len()], search_block(&response, true, &[]), &page[b..]);
    Some(("text/html; charset=utf-8", html.into_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_and_cuts() {
        let stems: BTreeSet<String> = ["dyslexie".to_string()].into();
        let (html, matched) = highlight_text("Hulp bij <Dyslexie> en lezen", &stems, None);
        assert_eq!(html, "Hulp bij &lt;<mark>Dyslexie</mark>&gt; en lezen");
        assert_eq!(matched, ["dyslexie"]);
        let long = format!("{} dyslexie {}", "woord ".repeat(50), "ander ".repeat(50));
        let (html, _) = highlight_text(&long, &stems, Some(10));
        assert!(html.starts_with('…') && html.ends_with('…') && html.contains("<mark>dyslexie</mark>"), "{html}");
        assert_eq!(query_param("/zoeken/?q=hoog%20begaafd+Rietmeer&x=1", "q").as_deref(), Some("hoog begaafd Rietmeer"));
        assert_eq!(query_param("/zoeken/?q=%", "q").as_deref(), Some("%"));
        assert_eq!(query_param("/zoeken/?q=%e", "q").as_deref(), Some("%e"));
    }
}
