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
        let odt_headings: Vec<String> = headings.iter().map(|h| format!("text:outline-level=\"2\">{}</text:h>", h.replace('&', "&amp;"))).collect();
        assert!(positions_in_order(&content, &odt_headings), "{gemeente}: odt headings are real outline headings, in order");
        assert!(content.matches("<table:table ").count() >= 3, "odt has real tables");

        let docx = unzip(&std::fs::read(out.path().join(format!("oogo/{s}/oogo-{s}.docx"))).unwrap());
        for part in ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/_rels/document.xml.rels"] {
            let (_, data, _) = docx.iter().find(|(n, _, _)| n == part).unwrap_or_else(|| panic!("docx has {part}"));
            assert_well_formed(part, std::str::from_utf8(data).unwrap());
        }
        let document = String::from_utf8(docx.iter().find(|(n, _, _)| n == "word/document.xml").unwrap().1.clone()).unwrap();
        let docx_headings: Vec<String> = headings.iter().map(|h| format!("<w:pStyle w:val=\"Heading2\"/><w:pageBreakBefore/></w:pPr><w:r><w:t xml:space=\"preserve\">{}</w:t>", h.replace('&', "&amp;"))).collect();
        assert!(positions_in_order(&document, &docx_headings), "{gemeente}: docx headings use the Heading 2 style, in order");
        assert!(document.matches("<w:tbl>").count() >= 3, "docx has real tables");

        let csv = read(&out.path().join(format!("oogo/{s}/oogo-{s}.csv")));
        assert!(csv.starts_with("\u{feff}soort;thema;onderwerp;waarde;status;datum\r\n"));
    }
    assert!(out.path().join("oogo/regio/oogo-regio.odt").is_file(), "one summary for the whole region too");
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
