//! OOGO summaries (issue: OOGO export): every format for every gemeente, with the themes in the
//! leeswijzer's order, the right chapters per theme (checked against the front matter), exactly
//! the schools with extra support in the gemeente and exactly its overeenstemmingspunten.

mod common;
use common::*;
use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;

const GEMEENTEN: [&str; 6] = ["Lindeveld", "Rietmeer", "Hoogzand", "Brugwaard", "Eikenrode", "Vlietdam"];
const FORMATS: [&str; 6] = ["html", "md", "odt", "docx", "csv", "json"];

fn slug(name: &str) -> String {
    name.to_lowercase()
}

fn toml_file(path: &Path) -> toml::Table {
    read(path).parse().unwrap()
}

fn front_matter(path: &Path) -> toml::Table {
    let text = read(path);
    let front = text.strip_prefix("+++\n").unwrap().split("\n+++").next().unwrap();
    front.parse().unwrap()
}

/// The OOGO theme labels in order, from the built-in vocabulary.
fn theme_labels() -> Vec<(String, String)> {
    let vocab: toml::Table = read(&example_root().join("src/vocabularies.toml")).parse().unwrap();
    vocab["oogo_thema"].as_array().unwrap().iter().map(|t| (t["key"].as_str().unwrap().to_string(), t["label"].as_str().unwrap().to_string())).collect()
}

fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>, zip::CompressionMethod)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a valid zip package");
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().unwrap().to_string(), data, f.compression())
        })
        .collect()
}

/// Minimal well-formedness check: every start tag is closed in order.
fn assert_well_formed(name: &str, xml: &str) {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').unwrap_or_else(|| panic!("{name}: unclosed tag"));
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if tag.starts_with('?') || tag.starts_with('!') {
            continue;
        }
        if let Some(closing) = tag.strip_prefix('/') {
            let open = stack.pop().unwrap_or_else(|| panic!("{name}: </{closing}> without start tag"));
            assert_eq!(open, closing.trim(), "{name}: tags cross");
        } else if !tag.ends_with('/') {
            stack.push(tag.split_whitespace().next().unwrap().to_string());
        }
    }
    assert!(stack.is_empty(), "{name}: unclosed {stack:?}");
}

fn positions_in_order(text: &str, needles: &[String]) -> bool {
    let mut from = 0;
    for n in needles {
        match text[from..].find(n.as_str()) {
            Some(i) => from += i + n.len(),
            None => return false,
        }
    }
    true
}

#[test]
fn every_gemeente_gets_every_format_with_the_right_content() {
    let site = copy_example("oogo");
    // The sources as written: what addenda change in force is checked in tests/plan_versions.rs.
    std::fs::remove_dir_all(site.path().join("content/plan/addenda")).unwrap();
    let out = TempDir::new("oogo-out");
    let run = passend(&["export", "oogo", "--root", site.path().to_str().unwrap(), "--output", out.path().to_str().unwrap()]);
    assert!(run.success, "{}", run.stderr);

    let root = site.path();
    let themes = theme_labels();
    let chapters: Vec<toml::Table> = std::fs::read_dir(root.join("content/plan")).unwrap().filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "md")).map(|p| front_matter(&p)).collect();
    let schools: Vec<toml::Table> = std::fs::read_dir(root.join("schools")).unwrap().filter_map(Result::ok).map(|e| toml_file(&e.path())).collect();
    let oogo = toml_file(&root.join("content/data/oogo.toml"));

    for gemeente in GEMEENTEN {
        let s = slug(gemeente);
        for format in FORMATS {
            let path = out.path().join(format!("oogo/{s}/oogo-{s}.{format}"));
            assert!(path.is_file() && std::fs::metadata(&path).unwrap().len() > 500, "{}", path.display());
        }
        let json: serde_json::Value = serde_json::from_str(&read(&out.path().join(format!("oogo/{s}/oogo-{s}.json")))).unwrap();
        assert_eq!(json["gemeente"], gemeente);

        // Themes in the leeswijzer's order, each with exactly the chapters tagged with it.
        let json_themes = json["themas"].as_array().unwrap();
        assert_eq!(json_themes.iter().map(|t| t["key"].as_str().unwrap().to_string()).collect::<Vec<_>>(), themes.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>());
        for t in json_themes {
            let key = t["key"].as_str().unwrap();
            let expected: BTreeSet<(String, String)> = chapters
                .iter()
                .filter(|c| c.get("oogo").and_then(|o| o.as_array()).is_some_and(|o| o.iter().any(|x| x.as_str() == Some(key))))
                .map(|c| (c["title"].as_str().unwrap().to_string(), c.get("samenvatting").and_then(|v| v.as_str()).unwrap_or("").to_string()))
                .collect();
            let got: BTreeSet<(String, String)> = t["hoofdstukken"].as_array().unwrap().iter().map(|h| (h["titel"].as_str().unwrap().to_string(), h["samenvatting"].as_str().unwrap().to_string())).collect();
            assert_eq!(got, expected, "{gemeente}: chapters of theme {key}");
        }

        // The expertise of exactly the schools in this gemeente that name any, in JSON, CSV
        // and the Markdown.
        let expected: Vec<(String, Vec<String>)> = {
            let mut e: Vec<(String, Vec<String>)> = schools
                .iter()
                .filter(|sc| sc["gemeente"].as_str() == Some(gemeente))
                .filter_map(|sc| sc.get("expertise").and_then(|e| e.as_array()).map(|a| (sc["naam"].as_str().unwrap().to_string(), a.iter().map(|x| x.as_str().unwrap().to_string()).collect())))
                .collect();
            e.sort();
            e
        };
        let mut got: Vec<(String, Vec<String>)> = json["expertise"].as_array().unwrap().iter().map(|e| (e["naam"].as_str().unwrap().to_string(), e["expertise"].as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_string()).collect())).collect();
        got.sort();
        assert_eq!(got, expected, "{gemeente}: expertise");
        assert!(gemeente != "Lindeveld" || !expected.is_empty(), "the example names expertise in Lindeveld");
        let csv = read(&out.path().join(format!("oogo/{s}/oogo-{s}.csv")));
        let md = read(&out.path().join(format!("oogo/{s}/oogo-{s}.md")));
        for (naam, items) in &expected {
            assert!(csv.contains(&format!("expertise op school;;{naam};")) && csv.contains(&items.join(", ")), "{gemeente}: CSV expertise of {naam}");
            assert!(md.contains(&items.join(", ")), "{gemeente}: Markdown expertise of {naam}");
        }

        // Exactly the schools in this gemeente with extra support or an arrangement, per kind.
        for v in json["voorzieningen"].as_array().unwrap() {
            let kind = v["key"].as_str().unwrap();
            let expected: BTreeSet<String> = schools
                .iter()
                .filter(|sc| sc["gemeente"].as_str() == Some(gemeente))
                .filter(|sc| {
                    let level = sc.get("ondersteuning").and_then(|o| o.get(kind)).and_then(|k| k.get("niveau")).and_then(|n| n.as_str()).unwrap_or("basis");
                    // Or it hosts a voorziening for this kind.
                    let hosts = sc.get("voorzieningen").and_then(|v| v.as_array()).is_some_and(|vs| vs.iter().any(|v| v.get("ondersteuning").and_then(|o| o.as_array()).is_some_and(|o| o.iter().any(|k| k.as_str() == Some(kind)))));
                    level == "extra" || level == "arrangement" || hosts
                })
                .map(|sc| format!("{}{}", sc["brin"].as_str().unwrap(), sc["vestiging"].as_str().unwrap()))
                .collect();
            let got: BTreeSet<String> = v["scholen"].as_array().unwrap().iter().map(|x| x["id"].as_str().unwrap().to_string()).collect();
            assert_eq!(got, expected, "{gemeente}: schools with extra support for {kind}");
        }

        // Exactly the overeenstemmingspunten that concern this gemeente.
        let expected: BTreeSet<String> = oogo["overeenstemmingspunt"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| {
                let gs = p.get("gemeenten").and_then(|g| g.as_array()).cloned().unwrap_or_default();
                gs.is_empty() || gs.iter().any(|g| g.as_str() == Some(gemeente))
            })
            .map(|p| p["id"].as_str().unwrap().to_string())
            .collect();
        let got: BTreeSet<String> = json["overeenstemmingspunten"].as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap().to_string()).collect();
        assert_eq!(got, expected, "{gemeente}: overeenstemmingspunten");

        // The theme headings appear, in order, in the Markdown, HTML, ODT and DOCX.
        let headings: Vec<String> = themes.iter().enumerate().map(|(i, (_, label))| format!("{}. {label}", i + 1)).collect();
        let md = read(&out.path().join(format!("oogo/{s}/oogo-{s}.md")));
        assert!(positions_in_order(&md, &headings.iter().map(|h| format!("### {h}")).collect::<Vec<_>>()), "{gemeente}: md theme headings");
        let html = read(&out.path().join(format!("oogo/{s}/oogo-{s}.html")));
        assert!(positions_in_order(&html, &headings), "{gemeente}: html theme headings");

        let odt = unzip(&std::fs::read(out.path().join(format!("oogo/{s}/oogo-{s}.odt"))).unwrap());
        assert_eq!(odt[0].0, "mimetype", "mimetype comes first");
        assert_eq!(odt[0].1, b"application/vnd.oasis.opendocument.text");
        assert_eq!(odt[0].2, zip::CompressionMethod::Stored, "mimetype is stored uncompressed");
        for part in ["META-INF/manifest.xml", "content.xml", "styles.xml", "meta.xml"] {
            let (_, data, _) = odt.iter().find(|(n, _, _)| n == part).unwrap_or_else(|| panic!("odt has {part}"));
            assert_well_formed(part, std::str::from_utf8(data).unwrap());
        }
        let content = String::from_utf8(odt.iter().find(|(n, _, _)| n == "content.xml").unwrap().1.clone()).unwrap();
        // Theme headings are Heading 2 with a bookmark for the table of contents, and no page
        // break before them (a theme follows the one before on the same page).
        let odt_headings: Vec<String> = headings.iter().map(|h| format!("\"/>{}</text:h>", h.replace('&', "&amp;"))).collect();
        for h in &headings {
            let at = content.find(&format!("\"/>{}</text:h>", h.replace('&', "&amp;"))).unwrap_or_else(|| panic!("{gemeente}: odt heading {h}"));
            let start = content[..at].rfind("<text:h ").unwrap();
            assert!(content[start..at].starts_with("<text:h text:style-name=\"Heading_20_2\" text:outline-level=\"2\"><text:bookmark text:name=\"_Toc"), "{gemeente}: {h} is a Heading 2 without a page break: {}", &content[start..at]);
        }
        assert!(positions_in_order(&content, &odt_headings), "{gemeente}: odt headings are real outline headings, in order");
        assert!(content.matches("<table:table ").count() >= 3, "odt has real tables");
        assert!(!content.contains("text:style-name=\"P_Break"), "{gemeente}: no page break per theme");

        let docx = unzip(&std::fs::read(out.path().join(format!("oogo/{s}/oogo-{s}.docx"))).unwrap());
        for part in ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/_rels/document.xml.rels"] {
            let (_, data, _) = docx.iter().find(|(n, _, _)| n == part).unwrap_or_else(|| panic!("docx has {part}"));
            assert_well_formed(part, std::str::from_utf8(data).unwrap());
        }
        let document = String::from_utf8(docx.iter().find(|(n, _, _)| n == "word/document.xml").unwrap().1.clone()).unwrap();
        let docx_headings: Vec<String> = headings.iter().map(|h| format!("<w:t xml:space=\"preserve\">{}</w:t>", h.replace('&', "&amp;"))).collect();
        assert!(positions_in_order(&document, &docx_headings), "{gemeente}: docx headings in order");
        for h in &headings {
            let at = document.rfind(&format!("<w:t xml:space=\"preserve\">{}</w:t>", h.replace('&', "&amp;"))).unwrap();
            let start = document[..at].rfind("<w:p>").unwrap();
            assert!(document[start..at].starts_with("<w:p><w:pPr><w:pStyle w:val=\"Heading2\"/></w:pPr><w:bookmarkStart "), "{gemeente}: {h} is a Heading 2 without a page break: {}", &document[start..at]);
        }
        assert!(document.matches("<w:tbl>").count() >= 3, "docx has real tables");

        let csv = read(&out.path().join(format!("oogo/{s}/oogo-{s}.csv")));
        assert!(csv.starts_with("\u{feff}soort;thema;onderwerp;waarde;status;datum\r\n"));
    }
    assert!(out.path().join("oogo/regio/oogo-regio.odt").is_file(), "one summary for the whole region too");
    assert!(read(&out.path().join("oogo/regio/oogo-regio.md")).contains("**Samenvatting voor de regio Lindeveld en de Vlietstreek**"), "the region's title page");
}

#[test]
fn site_offers_the_summary_and_downloads_per_gemeente() {
    let site = copy_example("oogo-site");
    assert!(passend(&["build", "--root", site.path().to_str().unwrap()]).success);
    let public = site.path().join("public");
    let index = read(&public.join("oogo/index.html"));
    for g in GEMEENTEN {
        assert!(index.contains(&format!("href=\"/oogo/{}/\"", slug(g))), "/oogo/ links {g}");
        let page = read(&public.join(format!("oogo/{}/index.html", slug(g))));
        for f in FORMATS {
            assert!(page.contains(&format!("oogo-{}.{f}\"", slug(g))), "{g} page links its {f} download");
        }
    }
}

#[test]
fn bad_oogo_input_is_reported_precisely() {
    let site = copy_example("oogo-bad");
    let path = site.path().join("content/data/oogo.toml");
    let text = read(&path);
    let text = text.replacen("status = \"akkoord\"", "status = \"akord\"", 1).replacen("thema = \"jeugdhulp\"", "thema = \"jeugdhlp\"", 1);
    std::fs::write(&path, text + "\n[[overeenstemmingspunt]]\nid = \"op-x\"\ntekst = \"x\"\nthema = \"middelen\"\nstatus = \"akkoord\"\ngemeenten = [\"Amsterdam\"]\n").unwrap();
    let run = passend(&["check", "--root", site.path().to_str().unwrap()]);
    assert!(!run.success);
    for fragment in ["content/data/oogo.toml:", "onbekende status `akord`", "bedoelde u `akkoord`?", "onbekend thema `jeugdhlp`", "bedoelde u `jeugdhulp`?", "gemeente `Amsterdam` hoort niet bij de regio"] {
        assert!(run.stderr.contains(fragment), "expected {fragment:?} in:\n{}", run.stderr);
    }

    let ok = copy_example("oogo-gemeente");
    let out = TempDir::new("oogo-gemeente-out");
    let run = passend(&["export", "oogo", "--root", ok.path().to_str().unwrap(), "--gemeente", "Amsterdam", "--output", out.path().to_str().unwrap()]);
    assert!(!run.success);
    assert!(run.stderr.contains("Lindeveld, Rietmeer, Hoogzand, Brugwaard, Eikenrode, Vlietdam"), "lists the valid gemeenten: {}", run.stderr);
}

#[test]
fn removing_the_only_chapter_for_an_element_fails_strict_check_naming_it() {
    let site = copy_example("completeness");
    let root = site.path();
    let covering: Vec<_> = std::fs::read_dir(root.join("content/plan"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .filter(|p| front_matter(p).get("wettelijke_onderdelen").and_then(|w| w.as_array()).is_some_and(|w| w.iter().any(|x| x.as_str() == Some("lwoo-pro"))))
        .collect();
    assert_eq!(covering.len(), 1, "exactly one chapter covers lwoo-pro");
    assert!(passend(&["check", "--root", root.to_str().unwrap(), "--format", "json"]).stdout.contains("\"errors\": 0"));
    std::fs::remove_file(&covering[0]).unwrap();
    // Links to the removed chapter would fail too; drop them so only completeness is tested.
    let stem = covering[0].file_name().unwrap().to_string_lossy().into_owned();
    for entry in walkdir::WalkDir::new(root.join("content")).into_iter().filter_map(Result::ok).filter(|e| e.path().extension().is_some_and(|x| x == "md")) {
        let text = read(entry.path());
        // `@/plan/07-x.md#anker` -> `/plan/` (the anchor goes with it).
        let mut cleaned = String::new();
        let mut rest = text.as_str();
        let needle = format!("@/plan/{stem}");
        while let Some(i) = rest.find(&needle) {
            cleaned.push_str(&rest[..i]);
            cleaned.push_str("/plan/");
            rest = &rest[i + needle.len()..];
            if rest.starts_with('#') {
                rest = &rest[rest.find(')').unwrap_or(rest.len())..];
            }
        }
        cleaned.push_str(rest);
        std::fs::write(entry.path(), cleaned).unwrap();
    }
    let run = passend(&["check", "--root", root.to_str().unwrap(), "--strict"]);
    assert!(!run.success);
    assert!(run.stderr.contains("wettelijk verplichte onderdeel `lwoo-pro`"), "{}", run.stderr);
}

/// `passend export oogo` runs the build's own OOGO code: its files are the site's downloads,
/// byte for byte, and asking for one gemeente and format gives just that file.
#[test]
fn export_is_the_sites_download() {
    let root = example_root();
    let compiled = passend::compile(&root).expect("the example builds");
    let files = passend::export_oogo(&root, None, None).expect("export");
    assert_eq!(files.len(), (GEMEENTEN.len() + 1) * FORMATS.len() + 1, "every summary in every format, and the stylesheet");
    for (path, bytes) in &files {
        assert_eq!(compiled.output.files.get(path), Some(bytes), "{path} differs from the built site's");
    }
    let one = passend::export_oogo(&root, Some("rietmeer"), Some("md")).expect("export");
    assert_eq!(one.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(), ["oogo/rietmeer/oogo-rietmeer.md"]);
    assert!(matches!(passend::export_oogo(&root, Some("Atlantis"), None), Err(passend::build::ExportError::Usage(_))));
}

/// `1234` -> `1.234`, `3.6` -> `3,6`: nl-NL as the reader expects it, written here apart from
/// the crate's own formatter so a mistake there shows.
fn nl_number(x: f64, procent: bool) -> String {
    let text = if x.fract() == 0.0 { format!("{}", x as i64) } else { format!("{x:.1}").trim_end_matches('0').to_string() };
    let (whole, frac) = text.split_once('.').map_or((text.as_str(), ""), |(w, f)| (w, f));
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let n = if frac.is_empty() { grouped } else { format!("{grouped},{frac}") };
    if procent {
        format!("{n}%")
    } else {
        n
    }
}

fn unescape_xml(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&#39;", "'").replace("&amp;", "&")
}

fn strip_tags(s: &str) -> String {
    // Block elements and tabs separate words; inline ones (a link, a span) do not.
    const BLOCK: [&str; 22] = ["p", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "caption", "dt", "dd", "br", "blockquote", "text:p", "text:h", "text:tab", "text:list-item", "table:table-cell", "w:p", "w:tab", "w:tc"];
    let mut out = String::new();
    let mut tag = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => {
                in_tag = true;
                tag.clear();
            }
            '>' if in_tag => {
                in_tag = false;
                let name = tag.trim_start_matches('/').split([' ', '/']).next().unwrap_or("");
                if BLOCK.contains(&name) {
                    out.push(' ');
                }
            }
            _ if in_tag => tag.push(c),
            _ => out.push(c),
        }
    }
    out
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Remove every `<tag ...>...</tag>` whose start tag begins with `open` (not nested).
fn remove_elements(s: &str, open: &str, close: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find(open) {
        out.push_str(&rest[..i]);
        match rest[i..].find(close) {
            Some(j) => rest = &rest[i + j + close.len()..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text a reader sees, per format, with the parts of each theme: (whole text, the text
/// from theme N's heading to the next theme's).
fn visible_texts(out: &Path, slug: &str, headings: &[String]) -> Vec<(&'static str, String, Vec<String>)> {
    let base = out.join(format!("oogo/{slug}/oogo-{slug}"));
    let part = |name: &str| -> String {
        let bytes = std::fs::read(base.with_extension(name.split('/').next().unwrap())).unwrap();
        let entry = name.split_once('/').unwrap().1;
        let files = unzip(&bytes);
        String::from_utf8(files.into_iter().find(|(n, _, _)| n == entry).unwrap().1).unwrap()
    };
    let html = read(&base.with_extension("html"));
    let html = remove_elements(&remove_elements(&html, "<head", "</head>"), "<span class=\"visually-hidden\"", "</span>");
    let md = read(&base.with_extension("md"));
    // Markdown: links show their text; escapes are not seen.
    let mut md_text = String::new();
    let mut rest = md.as_str();
    while let Some(i) = rest.find("](") {
        md_text.push_str(&rest[..i + 1]);
        rest = &rest[i + 2 + rest[i + 2..].find(')').unwrap() + 1..];
    }
    md_text.push_str(rest);
    let md_text: String = {
        let mut s = String::new();
        let mut chars = md_text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
                continue;
            }
            s.push(c);
        }
        unescape_xml(&s)
    };
    let docx = remove_elements(&part("docx/word/document.xml"), "<w:instrText", "</w:instrText>");
    let texts = vec![
        ("md", squash(&md_text.replace(['#', '*', '|', '>', '[', ']'], " "))),
        ("html", squash(&unescape_xml(&strip_tags(&html)))),
        ("odt", squash(&unescape_xml(&strip_tags(&part("odt/content.xml"))))),
        ("docx", squash(&unescape_xml(&strip_tags(&docx)))),
    ];
    texts
        .into_iter()
        .map(|(format, text)| {
            // Theme N runs from its heading (after the contents) to theme N+1, the last to the
            // figures that follow the themes.
            let mut starts: Vec<usize> = Vec::new();
            let mut from = text.find("1. Kerngegevens").map_or(0, |i| i + 1);
            from = text[from..].find(&format!("{} Kerngegevens", "")).map_or(from, |_| from);
            let after_contents = text.rfind(&headings[headings.len() - 1]).unwrap();
            // The contents list every heading once; the themes come after the last listing.
            let mut pos = text.find(&headings[headings.len() - 1]).unwrap() + 1;
            if pos - 1 == after_contents {
                pos = from;
            }
            for h in headings {
                let i = pos + text[pos..].find(h.as_str()).unwrap_or_else(|| panic!("{format}: theme {h} after the contents"));
                starts.push(i);
                pos = i + h.len();
            }
            let end = pos + text[pos..].find("Cijfers van").unwrap_or(text.len() - pos);
            let parts = (0..starts.len()).map(|i| text[starts[i]..starts.get(i + 1).copied().unwrap_or(end)].to_string()).collect();
            (format, text, parts)
        })
        .collect()
}

/// Per theme the sections tagged for it, in the text in force (the chapter pages of the built
/// site, after the vastgesteld addenda), the gemeente's own figures as nl-NL strings, the
/// agreements with their status labels and dates, no vocabulary key where a label belongs, and
/// in ODT and DOCX an empty, editable answer cell per bespreekpunt.
#[test]
fn every_theme_quotes_the_plan_in_force_with_figures_agreements_and_room_to_answer() {
    let site = copy_example("oogo-inhoud");
    let root = site.path();
    let out = TempDir::new("oogo-inhoud-out");
    let run = passend(&["export", "oogo", "--root", root.to_str().unwrap(), "--output", out.path().to_str().unwrap()]);
    assert!(run.success, "{}", run.stderr);
    let built = passend(&["build", "--root", root.to_str().unwrap()]);
    assert!(built.success, "{}", built.stderr);
    let vocab: toml::Table = read(&example_root().join("src/vocabularies.toml")).parse().unwrap();
    let label_of = |table: &str, key: &str| -> String { vocab[table].as_array().unwrap().iter().find(|t| t["key"].as_str() == Some(key)).unwrap()["label"].as_str().unwrap().to_string() };
    let themes = theme_labels();
    let headings: Vec<String> = themes.iter().enumerate().map(|(i, (_, label))| format!("{}. {label}", i + 1)).collect();

    // The tagged sections, read from the sources: chapter file, heading text, themes.
    let mut tagged: Vec<(String, String, Vec<String>)> = Vec::new();
    for entry in std::fs::read_dir(root.join("content/plan")).unwrap().filter_map(Result::ok) {
        let path = entry.path();
        if path.extension().is_none_or(|x| x != "md") {
            continue;
        }
        let text = read(&path);
        let slug = front_matter(&path).get("slug").and_then(|s| s.as_str()).map(str::to_string).unwrap_or_else(|| path.file_stem().unwrap().to_string_lossy().split_once('-').unwrap().1.to_string());
        for line in text.lines().filter(|l| l.starts_with("##") && l.contains("oogo=")) {
            let (title, attrs) = line.trim_start_matches('#').trim().rsplit_once(" {").unwrap();
            let themes: Vec<String> = attrs.trim_end_matches('}').split_whitespace().find_map(|a| a.strip_prefix("oogo=")).unwrap().split(',').map(str::to_string).collect();
            tagged.push((slug.clone(), title.to_string(), themes));
        }
    }
    assert!(tagged.len() >= 12, "the example tags sections for every theme");
    for (key, _) in &themes {
        assert!(tagged.iter().any(|(_, _, t)| t.contains(key)), "a section of the example is tagged {key}");
    }
    // Their paragraphs as the site shows the text in force: from the heading on the chapter
    // page to the next heading of the same or a higher level; notes, tooltips and footnote
    // markers are not part of the plan's text.
    let section_paragraphs = |slug: &str, title: &str| -> Vec<String> {
        // Headings on the site carry soft hyphens for phones; the documents do not.
        let page = read(&root.join(format!("public/plan/{slug}/index.html"))).replace('\u{ad}', "");
        let page = remove_elements(&remove_elements(&remove_elements(&page, "<aside", "</aside>"), "<span class=\"begrip-uitleg\"", "</span>"), "<sup class=\"voetnoot-ref\"", "</sup>");
        let page = remove_elements(&page, "<section class=\"voetnoten\"", "</section>");
        // A figure's table, chart and sentences come from the data files: the document has the
        // gemeente's own figures in its figures section, not the region's drawn in the chapter.
        let page = remove_elements(&page, "<figure class=\"cijfers\"", "</figure>");
        // The chapter's text only: what follows it (its legal elements, the pager) is the page's.
        let end = page.find("<footer class=\"chapter-meta\"").or_else(|| page.find("</article>")).unwrap();
        let page = &page[page.find("<div class=\"prose\">").unwrap()..end];
        let at = page.find(&format!(">{title}</h")).unwrap_or_else(|| panic!("{slug}: heading {title}"));
        let level = page[..at].rfind("<h").map(|i| page.as_bytes()[i + 2]).unwrap();
        let body = &page[at..];
        let end = (b'2'..=level).filter_map(|l| body.find(&format!("<h{}", l as char))).min().unwrap_or(body.len());
        let body = &body[..end];
        let mut paragraphs = Vec::new();
        let mut rest = body;
        while let Some(i) = rest.find("<p>") {
            let j = rest[i..].find("</p>").unwrap();
            paragraphs.push(squash(&unescape_xml(&strip_tags(&rest[i + 3..i + j]))));
            rest = &rest[i + j..];
        }
        paragraphs.retain(|p| !p.is_empty());
        paragraphs
    };

    // What the addendum of September 2026 put in force in chapter 4 (the plusklas in Brugwaard)
    // is quoted; the chapter as written does not have it.
    assert!(!read(&root.join("content/plan/04-extra-ondersteuning.md")).contains("Plusklas vo Brugwaard"));
    let middelen = themes.iter().position(|(k, _)| k == "middelen").unwrap();

    let kengetallen: toml::Table = read(&root.join("content/data/kengetallen.toml")).parse().unwrap();
    let oogo = toml_file(&root.join("content/data/oogo.toml"));
    let keys: Vec<(String, String)> = vocab
        .iter()
        .filter_map(|(name, v)| v.as_array().map(|a| (name, a)))
        .flat_map(|(name, a)| a.iter().filter_map(move |t| Some((name.clone(), t.get("key")?.as_str()?.to_string(), t.get("label")?.as_str()?.to_string()))))
        .filter(|(_, k, l)| k != l)
        .map(|(n, k, _)| (n, k))
        .collect();

    for gemeente in GEMEENTEN {
        let s = slug(gemeente);
        let texts = visible_texts(out.path(), &s, &headings);
        let json: serde_json::Value = serde_json::from_str(&read(&out.path().join(format!("oogo/{s}/oogo-{s}.json")))).unwrap();
        for (format, text, parts) in &texts {
            assert!(text.contains(&format!("Samenvatting voor de gemeente {gemeente}")), "{format} {gemeente}: title page");
            for (i, (key, _)) in themes.iter().enumerate() {
                let part = &parts[i];
                for (slug, title, _) in tagged.iter().filter(|(_, _, t)| t.contains(key)) {
                    assert!(part.contains(title.as_str()), "{format} {gemeente}: theme {key} quotes section {title}");
                    for p in section_paragraphs(slug, title) {
                        assert!(part.contains(&p), "{format} {gemeente}: theme {key} lacks this paragraph of {slug}#{title} in force:\n{p}");
                    }
                }
                // Agreements with the status label and date in words.
                for p in oogo["overeenstemmingspunt"].as_array().unwrap().iter().filter(|p| p["thema"].as_str() == Some(key)) {
                    let gs = p.get("gemeenten").and_then(|g| g.as_array()).cloned().unwrap_or_default();
                    let concerns = gs.is_empty() || gs.iter().any(|g| g.as_str() == Some(gemeente));
                    let tekst = p["tekst"].as_str().unwrap();
                    assert_eq!(part.contains(tekst), concerns, "{format} {gemeente}: agreement {} in theme {key}", p["id"]);
                    if concerns {
                        let status = label_of("oogo_status", p["status"].as_str().unwrap());
                        let datum = p["datum"].as_datetime().unwrap().date.unwrap();
                        const MAANDEN: [&str; 12] = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];
                        let words = format!("({status}, {} {} {})", datum.day, MAANDEN[usize::from(datum.month) - 1], datum.year);
                        assert!(part.contains(&format!("{tekst} {words}")), "{format} {gemeente}: agreement {} with {words}", p["id"]);
                    }
                }
                // The theme's own figures for this gemeente, from the kengetallen its goals use.
                for t in json["themas"][i]["cijfers"].as_array().unwrap() {
                    let k = kengetallen["kengetal"].as_array().unwrap().iter().find(|k| k["label"].as_str() == t["label"].as_str()).unwrap();
                    let procent = k["eenheid"].as_str() == Some("procent");
                    let value = k["gemeenten"][gemeente].as_float().or_else(|| k["gemeenten"][gemeente].as_integer().map(|i| i as f64)).unwrap();
                    let row = format!("{} {}", k["label"].as_str().unwrap(), nl_number(value, procent));
                    assert!(part.contains(&row), "{format} {gemeente}: theme {key} shows {row}");
                }
            }
            assert!(parts[middelen].contains("Plusklas vo Brugwaard"), "{format} {gemeente}: the section replaced by the addendum is quoted in force");

            // Every kengetal of the gemeente, against the region and the country, in nl-NL.
            for k in kengetallen["kengetal"].as_array().unwrap() {
                let procent = k["eenheid"].as_str() == Some("procent");
                let num = |v: &toml::Value| v.as_float().or_else(|| v.as_integer().map(|i| i as f64)).unwrap();
                let mut row = format!("{} {} {}", k["label"].as_str().unwrap(), nl_number(num(&k["gemeenten"][gemeente]), procent), nl_number(num(&k["regio"]), procent));
                if let Some(l) = k.get("landelijk") {
                    row = format!("{row} {}", nl_number(num(l), procent));
                }
                assert!(text.contains(&row), "{format} {gemeente}: figures row {row:?}");
            }

            // No vocabulary key where its label belongs: take away every text an author wrote
            // (the plan's paragraphs, agreements, school data...), then no key is left.
            let mut rest = text.clone();
            let mut authored: Vec<String> = Vec::new();
            fn collect(v: &serde_json::Value, field: &str, out: &mut Vec<String>) {
                match v {
                    serde_json::Value::String(s) if !["key", "thema", "status", "slug", "id", "url", "eenheid"].contains(&field) => out.push(squash(s)),
                    serde_json::Value::Array(a) => a.iter().for_each(|x| collect(x, field, out)),
                    serde_json::Value::Object(o) => o.iter().for_each(|(k, x)| collect(x, k, out)),
                    _ => {}
                }
            }
            collect(&json, "", &mut authored);
            authored.sort_by_key(|a| std::cmp::Reverse(a.len()));
            for a in authored.iter().filter(|a| a.len() > 2) {
                rest = rest.replace(a.as_str(), " ");
            }
            for (name, key) in &keys {
                let hit = rest.match_indices(key.as_str()).find(|(i, _)| {
                    let before = rest[..*i].chars().next_back().is_none_or(|c| !c.is_alphanumeric() && c != '-');
                    let after = rest[i + key.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric() && c != '-');
                    before && after
                });
                // Words our own sentences use ("de middelen", "leerlingenvervoer") are words,
                // not keys; a key of two words or with a hyphen is never prose.
                if key.contains(['-', ' ']) {
                    assert!(hit.is_none(), "{format} {gemeente}: the key `{key}` of `{name}` is shown: ...{}...", hit.map(|(i, _)| &rest[i.saturating_sub(80)..(i + 80).min(rest.len())]).unwrap_or(""));
                }
            }
        }

        // An empty, editable "Reactie gemeente" cell next to every bespreekpunt.
        let odt = unzip(&std::fs::read(out.path().join(format!("oogo/{s}/oogo-{s}.odt"))).unwrap());
        let content = String::from_utf8(odt.iter().find(|(n, _, _)| n == "content.xml").unwrap().1.clone()).unwrap();
        let docx = unzip(&std::fs::read(out.path().join(format!("oogo/{s}/oogo-{s}.docx"))).unwrap());
        let document = String::from_utf8(docx.iter().find(|(n, _, _)| n == "word/document.xml").unwrap().1.clone()).unwrap();
        assert!(!content.contains("table:protected") && !document.contains("w:documentProtection"), "the answer cells are editable");
        let mut cells = 0;
        for t in vocab["oogo_thema"].as_array().unwrap() {
            for b in t["bespreekpunten"].as_array().unwrap() {
                let b = b.as_str().unwrap().replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
                let odt_cell = format!("<text:p text:style-name=\"Table_20_Contents\">{b}</text:p></table:table-cell><table:table-cell office:value-type=\"string\" table:style-name=\"Antwoord\"><text:p text:style-name=\"Table_20_Contents\"></text:p></table:table-cell></table:table-row>");
                assert!(content.contains(&odt_cell), "{gemeente}: odt answer cell after {b}");
                let at = document.find(&format!("{b}</w:t>")).unwrap_or_else(|| panic!("{gemeente}: docx has {b}"));
                let next = &document[at..];
                let cell_start = next.find("</w:tc><w:tc>").unwrap() + "</w:tc>".len();
                let cell = &next[cell_start..cell_start + next[cell_start..].find("</w:tc>").unwrap()];
                assert!(!cell.contains("<w:t ") && !cell.contains("<w:t>") && cell.contains("<w:p>"), "{gemeente}: docx answer cell after {b} is an empty paragraph: {cell}");
                cells += 1;
            }
        }
        assert!(cells >= 12);
        assert!(content.matches("Reactie gemeente").count() >= themes.len() && document.matches("Reactie gemeente").count() >= themes.len());

        // The official parts: a title page with its own master page, a real table of contents,
        // the running header and the page number.
        let styles = String::from_utf8(odt.iter().find(|(n, _, _)| n == "styles.xml").unwrap().1.clone()).unwrap();
        assert!(content.contains("<text:table-of-content ") && content.contains("style:master-page-name=\"Titelpagina\""));
        assert!(styles.contains(&format!("OOGO gemeente {gemeente}</text:p></style:header>")) && styles.contains("<text:page-number"));
        assert!(styles.contains("fo:color=\"#1b4f72\""), "heading colour from the style tokens");
        assert!(document.contains(" TOC \\o \"1-2\" \\h \\z \\u ") && document.contains("<w:titlePg/>"));
        let header = String::from_utf8(docx.iter().find(|(n, _, _)| n == "word/header1.xml").unwrap().1.clone()).unwrap();
        let footer = String::from_utf8(docx.iter().find(|(n, _, _)| n == "word/footer1.xml").unwrap().1.clone()).unwrap();
        assert!(header.contains(&format!("OOGO gemeente {gemeente}")) && footer.contains(" PAGE "));
        assert!(document.contains("<w:numId w:val=\"1\"/>") || String::from_utf8(docx.iter().find(|(n, _, _)| n == "word/styles.xml").unwrap().1.clone()).unwrap().contains("<w:numId w:val=\"1\"/>"), "lists use a real numbering");
        // The agreements table gives the long text the room: its column is the widest.
        let punt = document.find("<w:t xml:space=\"preserve\">Punt</w:t>").unwrap();
        let grid = &document[..punt];
        let grid = &grid[grid.rfind("<w:tblGrid>").unwrap()..];
        let widths: Vec<u32> = grid.split("<w:gridCol w:w=\"").skip(1).map(|x| x.split('"').next().unwrap().parse().unwrap()).collect();
        assert_eq!(widths.len(), 4);
        assert!(widths[0] > 2 * widths[2], "{gemeente}: column widths fitted to the content: {widths:?}");
    }
}

#[test]
fn unknown_theme_on_a_heading_is_reported_where_it_is_written() {
    let site = copy_example("oogo-kop");
    let path = site.path().join("content/plan/08-thuiszitters.md");
    edit(&path, "{#doorzettingsmacht oogo=thuiszitters}", "{#doorzettingsmacht oogo=thuiszitter}");
    let line = read(&path).lines().position(|l| l.contains("oogo=thuiszitter}")).unwrap() + 1;
    let run = passend(&["check", "--root", site.path().to_str().unwrap()]);
    assert!(!run.success);
    for fragment in [format!("content/plan/08-thuiszitters.md:{line}:"), "onbekend OOGO-thema `thuiszitter`".into(), "bedoelde u `thuiszitters`?".into()] {
        assert!(run.stderr.contains(&fragment), "expected {fragment:?} in:\n{}", run.stderr);
    }
}

/// The logo of `stijl.logo` goes on the title page of the ODT and DOCX, in its proportions.
#[test]
fn the_logo_is_on_the_title_page() {
    const PNG: [u8; 70] = [
        137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 4, 0, 0, 0, 1, 8, 2, 0, 0, 0, 118, 94, 152, 154, 0, 0, 0, 13, 73, 68, 65, 84, 120, 156, 99, 144, 246, 47, 130, 35, 0, 21, 9, 3, 113, 252, 122, 158, 188, 0, 0, 0, 0, 73, 69, 78, 68,
        174, 66, 96, 130,
    ];
    let site = copy_example("oogo-logo");
    std::fs::create_dir_all(site.path().join("static")).unwrap();
    std::fs::write(site.path().join("static/logo.png"), PNG).unwrap();
    edit(&site.path().join("passend.toml"), "[stijl]\n", "[stijl]\nlogo = \"logo.png\"\n");
    let out = TempDir::new("oogo-logo-out");
    let run = passend(&["export", "oogo", "--root", site.path().to_str().unwrap(), "--gemeente", "Rietmeer", "--output", out.path().to_str().unwrap()]);
    assert!(run.success, "{}", run.stderr);
    let odt = unzip(&std::fs::read(out.path().join("oogo/rietmeer/oogo-rietmeer.odt")).unwrap());
    let part = |files: &[(String, Vec<u8>, zip::CompressionMethod)], name: &str| files.iter().find(|(n, _, _)| n == name).map(|(_, d, _)| d.clone()).unwrap_or_else(|| panic!("{name}"));
    assert_eq!(part(&odt, "Pictures/logo.png"), PNG);
    assert!(String::from_utf8(part(&odt, "META-INF/manifest.xml")).unwrap().contains("manifest:full-path=\"Pictures/logo.png\" manifest:media-type=\"image/png\""));
    let content = String::from_utf8(part(&odt, "content.xml")).unwrap();
    // 4 x 1 pixels: 8 cm wide (the most), 2 cm high.
    assert!(content.contains("svg:width=\"8.00cm\" svg:height=\"2.00cm\"><draw:image xlink:href=\"Pictures/logo.png\""), "{}", &content[..content.find("Titelpagina_20_SWV").unwrap_or(0)]);
    let docx = unzip(&std::fs::read(out.path().join("oogo/rietmeer/oogo-rietmeer.docx")).unwrap());
    assert_eq!(part(&docx, "word/media/logo.png"), PNG);
    assert!(String::from_utf8(part(&docx, "[Content_Types].xml")).unwrap().contains("Extension=\"png\""));
    assert!(String::from_utf8(part(&docx, "word/_rels/document.xml.rels")).unwrap().contains("Id=\"rIdLogo\""));
    assert!(String::from_utf8(part(&docx, "word/document.xml")).unwrap().contains("<wp:extent cx=\"2880000\" cy=\"720000\"/>"));
}

/// The rows of the Markdown table captioned `caption` (after its header and rule).
fn md_table(md: &str, caption: &str) -> Vec<Vec<String>> {
    let start = md.find(&format!("Tabel: {caption}\n")).unwrap_or_else(|| panic!("no table `{caption}`"));
    md[start..].lines().skip(4).take_while(|l| l.starts_with('|')).map(|l| l.trim_matches('|').split(" | ").map(|c| c.trim().to_string()).collect()).collect()
}

/// Per gemeente of the site's schools: its special schools and its voorzieningen, by name,
/// with those the example's (vastgesteld) addenda add.
fn places_per_gemeente(site: &Path) -> std::collections::BTreeMap<String, (Vec<String>, Vec<String>)> {
    let vocab: toml::Table = read(&example_root().join("src/vocabularies.toml")).parse().unwrap();
    let special: Vec<&str> = vocab["onderwijstype"].as_array().unwrap().iter().filter(|t| t.get("speciaal").and_then(|s| s.as_bool()) == Some(true)).map(|t| t["key"].as_str().unwrap()).collect();
    let mut places = std::collections::BTreeMap::<String, (Vec<String>, Vec<String>)>::new();
    let mut gemeente_of = std::collections::BTreeMap::new();
    for entry in std::fs::read_dir(site.join("schools")).unwrap() {
        let path = entry.unwrap().path();
        let s = toml_file(&path);
        let g = s["gemeente"].as_str().unwrap().to_string();
        gemeente_of.insert(path.file_stem().unwrap().to_str().unwrap().to_string(), g.clone());
        let e = places.entry(g).or_default();
        if special.contains(&s["onderwijstype"].as_str().unwrap()) {
            e.0.push(s["naam"].as_str().unwrap().to_string());
        }
        for v in s.get("voorzieningen").and_then(|v| v.as_array()).into_iter().flatten() {
            e.1.push(v["naam"].as_str().unwrap().to_string());
        }
    }
    for entry in std::fs::read_dir(site.join("content/plan/addenda")).unwrap() {
        let front = front_matter(&entry.unwrap().path());
        for w in front.get("wijziging").and_then(|w| w.as_array()).into_iter().flatten().filter(|w| w["soort"].as_str() == Some("voorziening")) {
            let g = &gemeente_of[w["school"].as_str().unwrap()];
            places.get_mut(g).unwrap().1.push(w["voorziening"]["naam"].as_str().unwrap().to_string());
        }
    }
    places
}

/// A gemeente's documents list the special schools and voorzieningen elsewhere in the region
/// one by one while they are few (any real region). On a portal with more than a hundred they
/// count them per gemeente instead, each linked to that gemeente's summary, which lists them;
/// otherwise every document grows with the whole region (issue 18).
#[test]
fn the_places_elsewhere_are_listed_in_a_region_and_counted_per_gemeente_on_a_portal() {
    let site = copy_example("oogo-portal");
    let root = site.path().to_str().unwrap();
    let elders = |places: &std::collections::BTreeMap<String, (Vec<String>, Vec<String>)>| -> BTreeSet<String> { places.iter().filter(|(g, _)| *g != "Rietmeer").flat_map(|(_, (s, v))| s.iter().chain(v)).cloned().collect() };

    // The example: every place outside Rietmeer is a row of its own.
    assert!(passend(&["export", "oogo", "--root", root, "--gemeente", "Rietmeer", "--format", "md", "--output", site.path().join("regio").to_str().unwrap()]).success);
    let md = read(&site.path().join("regio/oogo/rietmeer/oogo-rietmeer.md"));
    let listed: BTreeSet<String> = md_table(&md, "Buiten Rietmeer, elders in de regio").into_iter().map(|r| r[0].clone()).collect();
    assert_eq!(listed, elders(&places_per_gemeente(site.path())));
    assert!(!md.contains("per gemeente\n"), "no counts while the places fit one table");

    // A portal: 120 more special schools in the five other gemeenten.
    for i in 0..120 {
        let g = GEMEENTEN.iter().filter(|g| **g != "Rietmeer").nth(i % 5).unwrap();
        let brin = format!("{:02}{}{}", 10 + i % 80, (b'A' + (i / 80) as u8) as char, 'S');
        let toml = format!(
            "brin = \"{brin}\"\nvestiging = \"00\"\nnaam = \"SBO Proef {i}\"\nbestuur = \"Stichting Proef\"\nonderwijstype = \"sbo\"\ngemeente = \"{g}\"\nvastgesteld = 2025-03-01\n\n[adres]\nstraat = \"Proefstraat {i}\"\npostcode = \"3851 AB\"\nplaats = \"{g}\"\n\n[ondersteuning.gedrag]\nniveau = \"extra\"\nuitleg = \"Kinderen met gedragsproblemen leren in een kleine groep.\"\n"
        );
        std::fs::write(site.path().join(format!("schools/{brin}00.toml")), toml).unwrap();
    }
    let places = places_per_gemeente(site.path());
    let run = passend(&["build", "--root", root]);
    assert!(run.success, "{}", run.stderr);
    let public = site.path().join("public");
    let md = read(&public.join("oogo/rietmeer/oogo-rietmeer.md"));
    assert!(!md.contains("Tabel: Buiten Rietmeer, elders in de regio\n"), "no list of every place elsewhere");
    for name in elders(&places) {
        assert!(!md.contains(&format!("| {name} |")), "{name} is counted, not listed");
    }
    // Rietmeer's own places are still listed one by one.
    let (scholen, voorzieningen) = &places["Rietmeer"];
    let own: BTreeSet<String> = md_table(&md, "In Rietmeer").into_iter().map(|r| r[0].clone()).collect();
    assert_eq!(own, scholen.iter().chain(voorzieningen).cloned().collect());
    // One row per other gemeente, with exactly its special schools and voorzieningen.
    let counted: Vec<Vec<String>> = md_table(&md, "Buiten Rietmeer, elders in de regio, per gemeente");
    let expected: Vec<Vec<String>> = places.iter().filter(|(g, (s, v))| *g != "Rietmeer" && s.len() + v.len() > 0).map(|(g, (s, v))| vec![g.clone(), s.len().to_string(), v.len().to_string()]).collect();
    assert_eq!(counted, expected);
    let total_schools: usize = expected.iter().map(|r| r[1].parse::<usize>().unwrap()).sum();
    let total_voorzieningen: usize = expected.iter().map(|r| r[2].parse::<usize>().unwrap()).sum();
    assert!(md.contains(&format!("Elders in de regio zijn {total_schools} scholen voor speciaal onderwijs en {total_voorzieningen} voorzieningen, in {} gemeenten", expected.len())), "the sentence says how many");

    // On the site each count links to the gemeente's own summary, which lists those places.
    let page = read(&public.join("oogo/rietmeer/index.html"));
    for row in &expected {
        let g = &row[0];
        assert!(page.contains(&format!("<a href=\"https://www.passendlindeveld.nl/oogo/{}/#voorzieningen\">{g}</a>", slug(g))), "{g} is linked");
        let theirs = read(&public.join(format!("oogo/{}/oogo-{}.md", slug(g), slug(g))));
        let listed: BTreeSet<String> = md_table(&theirs, &format!("In {g}")).into_iter().map(|r| r[0].clone()).collect();
        assert_eq!(listed, places[g].0.iter().chain(&places[g].1).cloned().collect(), "{g} lists its own places");
    }
    // The region's summary still lists all of them.
    let regio = read(&public.join("oogo/regio/oogo-regio.md"));
    assert_eq!(md_table(&regio, "In de regio").len(), places.values().map(|(s, v)| s.len() + v.len()).sum::<usize>());
}
