//! School profiles and the finder's static pages, checked against the TOML sources.

mod common;
use common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

struct Example {
    _site: TempDir,
    public: std::path::PathBuf,
    schools: Vec<toml::Table>,
    kinds: Vec<String>,
}

fn built_example(label: &str) -> Example {
    let site = copy_example(label);
    // The profiles as written: an addendum may add a voorziening (tests/plan_versions.rs).
    std::fs::remove_dir_all(site.path().join("content/plan/addenda")).unwrap();
    let run = passend(&["build", "--root", site.path().to_str().unwrap()]);
    assert!(run.success, "{}", run.stderr);
    let schools = std::fs::read_dir(site.path().join("schools")).unwrap().filter_map(Result::ok).map(|e| read(&e.path()).parse::<toml::Table>().unwrap()).collect();
    let vocab: toml::Table = read(&example_root().join("src/vocabularies.toml")).parse().unwrap();
    let kinds = vocab["ondersteuning"].as_array().unwrap().iter().map(|t| t["key"].as_str().unwrap().to_string()).collect();
    Example { public: site.path().join("public"), _site: site, schools, kinds }
}

fn id(s: &toml::Table) -> String {
    format!("{}{}", s["brin"].as_str().unwrap(), s["vestiging"].as_str().unwrap())
}

fn level<'a>(s: &'a toml::Table, kind: &str) -> &'a str {
    s.get("ondersteuning").and_then(|o| o.get(kind)).and_then(|k| k.get("niveau")).and_then(|n| n.as_str()).unwrap_or("basis")
}

/// More than basic support for `kind`: a level with an offer, or a voorziening for it.
fn offers(s: &toml::Table, kind: &str) -> bool {
    matches!(level(s, kind), "extra" | "arrangement") || hosts(s, kind)
}

fn hosts(s: &toml::Table, kind: &str) -> bool {
    s.get("voorzieningen").and_then(|v| v.as_array()).is_some_and(|vs| vs.iter().any(|v| v.get("ondersteuning").and_then(|o| o.as_array()).is_some_and(|o| o.iter().any(|k| k.as_str() == Some(kind)))))
}

/// The `data-id` values of the school cards on a page.
fn listed_ids(html: &str) -> BTreeSet<String> {
    html.split("class=\"school-card\" data-id=\"").skip(1).map(|rest| rest.split('"').next().unwrap().to_string()).collect()
}

/// The page's text without tags and without the hidden definitions of linked begrippen.
fn visible_text(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(i) = rest.find("<span class=\"begrip-uitleg\"") {
        text.push_str(&rest[..i]);
        rest = &rest[i..];
        rest = &rest[rest.find("</span>").unwrap() + "</span>".len()..];
    }
    text.push_str(rest);
    passend::markdown::strip_tags(&text)
}

fn gemeente_slug(s: &toml::Table) -> String {
    s["gemeente"].as_str().unwrap().to_lowercase()
}

#[test]
fn school_pages_show_each_kind_of_support_at_its_level() {
    let ex = built_example("school-pages");
    for s in &ex.schools {
        let page = read(&ex.public.join(format!("scholen/{}/index.html", id(s).to_lowercase())));
        let basis_section = page.split("id=\"niveau-basis\"").nth(1).map(|rest| rest.split("</section>").next().unwrap().to_string()).unwrap_or_default();
        for kind in &ex.kinds {
            let has_uitleg = s.get("ondersteuning").and_then(|o| o.get(kind)).and_then(|k| k.get("uitleg")).is_some();
            match level(s, kind) {
                "basis" if !has_uitleg => assert!(!page.contains(&format!("data-kind=\"{kind}\"")), "{}: {kind} is basis", id(s)),
                other => assert!(page.contains(&format!("data-kind=\"{kind}\" data-level=\"{other}\"")), "{}: {kind} shown as {other}", id(s)),
            }
        }
        let basis_count = ex.kinds.iter().filter(|k| level(s, k) == "basis").count();
        let basis_shown = basis_section.matches("<li>").count() + basis_section.matches("data-level=\"basis\"").count();
        assert_eq!(basis_shown, basis_count, "{}: basis group lists every basis kind", id(s));
        if let Some(uitleg) = s.get("ondersteuning").and_then(|o| o.as_table()).and_then(|o| o.values().next()).and_then(|k| k.get("uitleg")).and_then(|u| u.as_str()) {
            assert!(visible_text(&page).contains(&uitleg.replace('\'', "&#39;").replace('"', "&quot;")), "{}: the school's own explanation is shown", id(s));
        }
    }
    let old = ex.schools.iter().find(|s| s["vastgesteld"].as_datetime().unwrap().to_string().as_str() < "2022-11-23").expect("an out-of-date profile in the example");
    assert!(read(&ex.public.join(format!("scholen/{}/index.html", id(old).to_lowercase()))).contains("is verouderd"));
}

#[test]
fn static_finder_pages_list_exactly_the_matching_schools() {
    let ex = built_example("finder-pages");
    let gemeenten: BTreeSet<String> = ex.schools.iter().map(gemeente_slug).collect();
    assert!(gemeenten.len() >= 5);
    for g in &gemeenten {
        let expected: BTreeSet<String> = ex.schools.iter().filter(|s| &gemeente_slug(s) == g).map(id).collect();
        assert_eq!(listed_ids(&read(&ex.public.join(format!("scholen/gemeente/{g}/index.html")))), expected, "gemeente {g}");
    }
    let mut gaps = 0;
    for kind in &ex.kinds {
        let page = read(&ex.public.join(format!("scholen/ondersteuning/{kind}/index.html")));
        let expected: BTreeSet<String> = ex.schools.iter().filter(|s| offers(s, kind)).map(id).collect();
        assert_eq!(listed_ids(&page), expected, "ondersteuning {kind}");
        gaps += page.matches("class=\"leeg\"").count();
    }
    assert!(gaps > 0, "some kinds of support are offered nowhere in some gemeenten, and the pages say so");
    // Without JavaScript, per gemeente and kind of support (issue 19): exactly the schools of
    // that gemeente offering it, by type of school, with what the building has; linked from the
    // gemeente's page and from the kind's page; an empty one says what to do next.
    let (mut empty, mut full) = (0, 0);
    for g in &gemeenten {
        let gemeente_page = read(&ex.public.join(format!("scholen/gemeente/{g}/index.html")));
        for kind in &ex.kinds {
            let href = format!("href=\"/scholen/gemeente/{g}/{kind}/\"");
            assert!(gemeente_page.contains(&href), "{g} links {kind}");
            let page = read(&ex.public.join(format!("scholen/gemeente/{g}/{kind}/index.html")));
            let expected: BTreeSet<String> = ex.schools.iter().filter(|s| &gemeente_slug(s) == g && offers(s, kind)).map(id).collect();
            let kind_page = read(&ex.public.join(format!("scholen/ondersteuning/{kind}/index.html")));
            assert_eq!(kind_page.contains(&href), !expected.is_empty(), "{kind} links {g} where it has schools");
            assert_eq!(listed_ids(&page), expected, "{g} x {kind}");
            if expected.is_empty() {
                empty += 1;
                let text = visible_text(&page);
                assert!(text.contains("0341 820 400") && text.contains("Zij zoeken met u mee"), "{g} x {kind}: the steunpunt's phone");
                assert!(page.contains(&format!("href=\"/scholen/ondersteuning/{kind}/\"")), "{g} x {kind}: without the gemeente");
                let elsewhere = ex.schools.iter().any(|s| offers(s, kind));
                assert_eq!(text.contains("Kijk in een gemeente in de buurt"), elsewhere, "{g} x {kind}: other gemeenten that offer it");
            } else {
                full += 1;
                assert!(page.contains("Gebouw: "), "{g} x {kind}: accessibility per school");
            }
        }
    }
    assert!(empty > 0 && full > 0, "{empty} empty, {full} with schools");
    // The parent of issue 19: Rietmeer, autism, VO, wheelchair: two links from /scholen/.
    let page = visible_text(&read(&ex.public.join("scholen/gemeente/rietmeer/autisme/index.html")));
    let vo = &page[page.find("Voortgezet onderwijs (").expect("a section for vo")..];
    assert!(vo.contains("Rietmeer College") && vo.contains("Toegankelijk met een rolstoel"), "{vo}");

    let finder = read(&ex.public.join("scholen/index.html"));
    assert_eq!(listed_ids(&finder).len(), ex.schools.len(), "the finder lists every school");
    for g in &gemeenten {
        assert!(finder.contains(&format!("href=\"/scholen/gemeente/{g}/\"")), "the finder links the static page of {g}");
    }
}

/// The sector (`po`, `vo`) of a school type, from the vocabulary.
fn sector_of(vocab: &toml::Table, onderwijstype: &str) -> String {
    vocab["onderwijstype"].as_array().unwrap().iter().find(|t| t["key"].as_str() == Some(onderwijstype)).and_then(|t| t["sector"].as_str()).unwrap().to_string()
}

/// The cells of a table row as text, hidden words left out: `["–", "2", ...]`.
fn cells(row: &str) -> Vec<String> {
    row.split("<td").skip(1).map(|c| {
        let inner = &c[c.find('>').unwrap() + 1..c.find("</td>").unwrap()];
        let shown: String = inner.split("<span class=\"visually-hidden\">").enumerate().map(|(i, p)| if i == 0 { p } else { p.split_once("</span>").map_or(p, |x| x.1) }).collect();
        visible_text(&shown).trim().to_string()
    }).collect()
}

/// Issue 19: the dekking per sector, so a VO school never fills a PO parent's cell, with the
/// bovenschoolse voorzieningen as rows of their own. Every cell is compared with what the
/// TOML sources say, and a few rows with their exact HTML.
#[test]
fn dekking_counts_per_sector_and_lists_the_voorzieningen() {
    let ex = built_example("dekking");
    let vocab: toml::Table = read(&example_root().join("src/vocabularies.toml")).parse().unwrap();
    let labels: BTreeMap<String, String> = vocab["ondersteuning"].as_array().unwrap().iter().map(|t| (t["key"].as_str().unwrap().to_string(), t["label"].as_str().unwrap().to_string())).collect();
    let page = read(&ex.public.join("scholen/dekking/index.html"));
    let voorzieningen = |s: &toml::Table| s.get("voorzieningen").and_then(|v| v.as_array()).cloned().unwrap_or_default();
    let mut sectors_seen = 0;
    for sector in ["po", "vo"] {
        let own = |s: &toml::Table| sector_of(&vocab, s["onderwijstype"].as_str().unwrap());
        let offers_here = |s: &toml::Table, kind: &str| {
            (own(s) == sector && matches!(level(s, kind), "extra" | "arrangement"))
                || voorzieningen(s).iter().any(|v| v.get("sector").and_then(|x| x.as_str()).map_or(own(s), str::to_string) == sector && v["ondersteuning"].as_array().unwrap().iter().any(|k| k.as_str() == Some(kind)))
        };
        let table = &page[page.find(&format!("<h2 id=\"dekking-{sector}\">")).unwrap_or_else(|| panic!("a {sector} table"))..];
        let table = &table[..table.find("</table>").unwrap()];
        sectors_seen += 1;
        let header = table.split("<thead>").nth(1).unwrap().split("</thead>").next().unwrap();
        let columns: Vec<String> = header.split("<th scope=\"col\" class=\"rechts\">").skip(1).map(|c| c.split('<').next().unwrap().to_string()).collect();
        assert_eq!(columns.last().map(String::as_str), Some("Regio"));
        let mut bodies = table.split("<tbody").skip(1);
        let kinds_body = bodies.next().unwrap();
        let rows: Vec<&str> = kinds_body.split("<tr>").skip(1).collect();
        assert_eq!(rows.len(), ex.kinds.len(), "{sector}: a row per kind of support");
        for (kind, row) in ex.kinds.iter().zip(rows) {
            assert!(row.contains(&format!("/scholen/ondersteuning/{kind}/")), "rows follow the vocabulary");
            let mut expected: Vec<String> = columns[..columns.len() - 1]
                .iter()
                .map(|g| match ex.schools.iter().filter(|s| s["gemeente"].as_str() == Some(g) && offers_here(s, kind)).count() {
                    0 => "–".to_string(),
                    n => n.to_string(),
                })
                .collect();
            expected.push(ex.schools.iter().filter(|s| offers_here(s, kind)).count().to_string());
            assert_eq!(cells(row), expected, "{sector}: {kind} per gemeente {columns:?}");
        }
        // The voorzieningen of this sector, by name: where they are, for whom, how many places.
        let mut expected: Vec<(String, Vec<String>)> = ex
            .schools
            .iter()
            .flat_map(|s| voorzieningen(s).into_iter().map(move |v| (s, v)))
            .filter(|(s, v)| v.get("sector").and_then(|x| x.as_str()).map_or(own(s), str::to_string) == sector)
            .map(|(s, v)| {
                let voor: Vec<&str> = v["ondersteuning"].as_array().unwrap().iter().map(|k| labels[k.as_str().unwrap()].as_str()).collect();
                let text = format!("{} bij {}, voor: {}, {} plaatsen", v["naam"].as_str().unwrap(), s["naam"].as_str().unwrap(), voor.join(", "), v["capaciteit"].as_integer().unwrap());
                let marks = columns[..columns.len() - 1].iter().map(|g| if s["gemeente"].as_str() == Some(g) { "●" } else { "–" }.to_string()).chain(["1".to_string()]).collect();
                (text, marks)
            })
            .collect();
        expected.sort();
        assert!(!expected.is_empty(), "the example has {sector} voorzieningen");
        let body = bodies.next().expect("a body of voorzieningen");
        assert!(body.contains(&format!("<th scope=\"colgroup\" colspan=\"{}\">Bovenschoolse voorzieningen", columns.len() + 1)));
        let shown: Vec<(String, Vec<String>)> = body.split("<tr>").skip(2).map(|row| (visible_text(&row[..row.find("</th>").unwrap()]).trim().to_string(), cells(row))).collect();
        assert_eq!(shown, expected, "{sector}: the voorzieningen");
    }
    assert_eq!(sectors_seen, 2);
    // Exact output of two rows: the PO plusklas in Rietmeer, and a VO school type never in PO.
    assert!(page.contains("<th scope=\"row\"><a href=\"/scholen/94am00/\">Plusklas De Sprong</a> <span class=\"voorziening-voor\">bij CBS De Morgenster, voor: Meer- en hoogbegaafdheid, 14 plaatsen</span></th>\n      <td class=\"rechts elders\"><span aria-hidden=\"true\">–</span><span class=\"visually-hidden\">niet hier</span></td><td class=\"rechts hier\"><span aria-hidden=\"true\">●</span><span class=\"visually-hidden\">hier</span></td>"), "the plusklas row, exactly");
    let po = &page[page.find("id=\"dekking-po\"").unwrap()..page.find("id=\"dekking-vo\"").unwrap()];
    assert!(po.contains("<a href=\"/scholen/gemeente/rietmeer/autisme/\">1</a>") && !po.contains("Rietmeer College") && !po.contains("Kompasklas"), "PO autism in Rietmeer is one school, not the VO Rietmeer College with its Kompasklas");
}

/// The open-data CSV as Dutch Excel reads it: a byte order mark, then cells separated by `;`.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').expect("scholen.csv starts with a byte order mark");
    csv_rows(text, ';')
}

fn toml_to_json(v: &toml::Value) -> serde_json::Value {
    match v {
        toml::Value::Datetime(d) => serde_json::Value::String(d.to_string()),
        toml::Value::Array(a) => serde_json::Value::Array(a.iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => serde_json::Value::Object(t.iter().map(|(k, v)| (k.clone(), toml_to_json(v))).collect()),
        other => serde_json::to_value(other).unwrap(),
    }
}

#[test]
fn open_data_json_and_csv_round_trip_every_school() {
    let ex = built_example("opendata");
    let json: serde_json::Value = serde_json::from_str(&read(&ex.public.join("data/scholen.json"))).unwrap();
    let by_id: BTreeMap<String, &serde_json::Value> = json["scholen"].as_array().unwrap().iter().map(|s| (s["id"].as_str().unwrap().to_string(), s)).collect();
    let csv = parse_csv(&read(&ex.public.join("data/scholen.csv")));
    let header = &csv[0];
    let col = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("column {name}"));
    let csv_by_id: BTreeMap<String, &Vec<String>> = csv[1..].iter().map(|r| (r[0].clone(), r)).collect();
    assert_eq!(by_id.len(), ex.schools.len());
    assert_eq!(csv_by_id.len(), ex.schools.len());

    for s in &ex.schools {
        let j = by_id[&id(s)];
        let row = csv_by_id[&id(s)];
        for key in ["brin", "vestiging", "naam", "bestuur", "onderwijstype", "denominatie", "gemeente", "vastgesteld", "niveaus", "expertise", "basisondersteuning", "contact_ondersteuning", "aanmelden", "bijzonderheden", "adres", "leerlingen", "contact", "grenzen", "ambities", "ketenpartners", "voorzieningen", "toegankelijkheid"] {
            if let Some(v) = s.get(key) {
                let expected = toml_to_json(v);
                let got = &j[key];
                let matches = match (&expected, got) {
                    (serde_json::Value::Object(e), serde_json::Value::Object(g)) => e.iter().all(|(k, v)| v == &g[k]),
                    (serde_json::Value::Array(e), serde_json::Value::Array(g)) if key == "voorzieningen" => e.len() == g.len() && e.iter().zip(g).all(|(a, b)| a.as_object().unwrap().iter().all(|(k, v)| &b[k] == v)),
                    _ => &expected == got,
                };
                assert!(matches, "{} JSON {key}: {expected} vs {got}", id(s));
            }
        }
        for kind in &ex.kinds {
            assert_eq!(j["ondersteuning"][kind]["niveau"], level(s, kind), "{} JSON {kind}", id(s));
            assert_eq!(row[col(&format!("ondersteuning.{kind}.niveau"))], level(s, kind), "{} CSV {kind}", id(s));
            let uitleg = s.get("ondersteuning").and_then(|o| o.get(kind)).and_then(|k| k.get("uitleg")).and_then(|u| u.as_str()).unwrap_or("");
            assert_eq!(row[col(&format!("ondersteuning.{kind}.uitleg"))], uitleg);
        }
        // `sop_document` is a table { link, datum } or, in the older form, the link alone.
        let (link, datum) = match s.get("sop_document") {
            Some(toml::Value::String(link)) => (link.clone(), String::new()),
            Some(toml::Value::Table(t)) => (t["link"].as_str().unwrap().to_string(), t.get("datum").map(|d| d.to_string()).unwrap_or_default()),
            _ => (String::new(), String::new()),
        };
        assert_eq!(row[col("sop_document.link")], link, "{} CSV sop_document", id(s));
        assert_eq!(row[col("sop_document.datum")], datum, "{} CSV sop_document", id(s));
        if !link.is_empty() {
            assert_eq!(j["sop_document"]["link"], link.as_str());
        }
        let text = |table: &str, key: &str| s.get(table).and_then(|t| t.get(key)).and_then(|v| v.as_str()).unwrap_or("").to_string();
        for (table, key) in [("contact_ondersteuning", "naam"), ("contact_ondersteuning", "rol"), ("contact_ondersteuning", "telefoon"), ("contact_ondersteuning", "email"), ("aanmelden", "tekst"), ("aanmelden", "link")] {
            assert_eq!(row[col(&format!("{table}.{key}"))], text(table, key), "{} CSV {table}.{key}", id(s));
        }
        for key in ["basisondersteuning", "bijzonderheden"] {
            assert_eq!(row[col(key)], s.get(key).and_then(|v| v.as_str()).unwrap_or(""), "{} CSV {key}", id(s));
        }
        let expertise: Vec<String> = serde_json::from_str(&row[col("expertise")]).unwrap();
        assert_eq!(expertise, s.get("expertise").and_then(|g| g.as_array()).map(|a| a.iter().map(|x| x.as_str().unwrap().to_string()).collect::<Vec<String>>()).unwrap_or_default());
        assert_eq!(row[col("naam")], s["naam"].as_str().unwrap());
        assert_eq!(row[col("postcode")], s["adres"]["postcode"].as_str().unwrap());
        assert_eq!(row[col("gemeente")], s["gemeente"].as_str().unwrap());
        let grenzen: Vec<String> = serde_json::from_str(&row[col("grenzen")]).unwrap();
        assert_eq!(grenzen, s.get("grenzen").and_then(|g| g.as_array()).map(|a| a.iter().map(|x| x.as_str().unwrap().to_string()).collect::<Vec<String>>()).unwrap_or_default());
        let voorzieningen: serde_json::Value = serde_json::from_str(&row[col("voorzieningen")]).unwrap();
        assert_eq!(voorzieningen.as_array().unwrap().len(), s.get("voorzieningen").and_then(|v| v.as_array()).map(|a| a.len()).unwrap_or(0));
        let rolstoel = s.get("toegankelijkheid").and_then(|t| t.get("rolstoel")).and_then(|r| r.as_bool()).unwrap_or(false);
        assert_eq!(row[col("rolstoel")], rolstoel.to_string());
    }
}

/// Break one school file and expect the check to fail with every fragment.
fn assert_school_error(label: &str, edit_fn: impl FnOnce(&Path), fragments: &[&str]) {
    assert_school_file_error(label, "91AB00", edit_fn, fragments)
}

/// Break school `id`'s file and expect the check to fail with every fragment.
fn assert_school_file_error(label: &str, id: &str, edit_fn: impl FnOnce(&Path), fragments: &[&str]) {
    let site = copy_example(label);
    let file = site.path().join(format!("schools/{id}.toml"));
    assert!(file.is_file());
    edit_fn(&file);
    let run = passend(&["check", "--root", site.path().to_str().unwrap()]);
    assert!(!run.success, "{label}: check should fail");
    for f in fragments {
        assert!(run.stderr.contains(f), "{label}: expected {f:?} in\n{}", run.stderr);
    }
}

fn first_support_kind(file: &Path) -> String {
    read(file).lines().find_map(|l| l.strip_prefix("[ondersteuning.")).unwrap().trim_end_matches(']').to_string()
}

#[test]
fn bad_school_profiles_are_reported_with_file_line_and_hint() {
    assert_school_error(
        "kind",
        |f| {
            let k = first_support_kind(f);
            edit(f, &format!("[ondersteuning.{k}]"), "[ondersteuning.dislexie]");
        },
        &["schools/91AB00.toml:", "onbekende soort ondersteuning `dislexie`", "bedoelde u `dyslexie`?"],
    );
    assert_school_error(
        "level",
        |f| {
            let text = read(f);
            let line = text.lines().find(|l| l.starts_with("niveau = ")).unwrap().to_string();
            edit(f, &line, "niveau = \"extraa\"");
        },
        &["onbekend niveau `extraa`", "bedoelde u `extra`?"],
    );
    assert_school_error(
        "duplicate",
        |f| {
            std::fs::copy(f, f.with_file_name("kopie.toml")).unwrap();
        },
        &["schools/kopie.toml:1:1", "school met id `91AB00` bestaat al in schools/91AB00.toml"],
    );
    assert_school_error("gemeente", |f| edit(f, "gemeente = \"", "gemeente = \"X"), &["hoort niet bij het werkgebied"]);
    assert_school_error(
        "postcode",
        |f| {
            let text = read(f);
            let line = text.lines().find(|l| l.starts_with("postcode = ")).unwrap().to_string();
            edit(f, &line, "postcode = \"3851AB\"");
        },
        &["postcode `3851AB` heeft niet de vorm 1234 AB"],
    );
    assert_school_error("email", |f| edit(f, "@", " at "), &["is geen geldig e-mailadres"]);
    assert_school_error("url", |f| edit(f, "website = \"https://", "website = \"htp//"), &["is geen volledig webadres"]);
    assert_school_error(
        "future",
        |f| {
            let text = read(f);
            let line = text.lines().find(|l| l.starts_with("vastgesteld = ")).unwrap().to_string();
            edit(f, &line, "vastgesteld = 2027-03-01");
        },
        &["`vastgesteld` = 2027-03-01 ligt in de toekomst"],
    );
}

#[test]
fn an_old_profile_is_a_warning_and_an_error_when_strict() {
    let site = copy_example("old-sop");
    let root = site.path().to_str().unwrap();
    let run = passend(&["check", "--root", root]);
    assert!(run.success);
    assert!(run.stderr.contains("waarschuwing: het schoolondersteuningsprofiel is vastgesteld op"));
    let strict = passend(&["check", "--root", root, "--strict"]);
    assert!(!strict.success);
    assert!(strict.stderr.contains("fout: het schoolondersteuningsprofiel is vastgesteld op"));
}

/// The text of a TOML value as the page shows it (HTML-escaped by the template engine).
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

#[test]
fn sop_fields_are_shown_on_the_school_page_with_phone_links() {
    let ex = built_example("sop-fields");
    let with_fields = ex.schools.iter().filter(|s| s.contains_key("expertise") && s.contains_key("contact_ondersteuning") && s.contains_key("aanmelden")).count();
    assert!(with_fields >= 2, "the example has schools with the SOP fields");
    let digits = |p: &str| p.chars().filter(|c| c.is_ascii_digit()).collect::<String>();
    for s in &ex.schools {
        let page = read(&ex.public.join(format!("scholen/{}/index.html", id(s).to_lowercase())));
        // Without the first-use links to begrippen that the glossary adds to running text.
        let text = visible_text(&page);
        if let Some(phone) = s.get("contact").and_then(|c| c.get("telefoon")).and_then(|t| t.as_str()) {
            assert!(page.contains(&format!("<a href=\"tel:{}\">{}</a>", digits(phone), phone)), "{}: the school's phone is a tel: link", id(s));
        }
        let expertise = page.split("id=\"p-expertise\"").nth(1).map(|rest| rest.split("</ul>").next().unwrap().to_string()).unwrap_or_default();
        let items: Vec<String> = expertise.split("<li>").skip(1).map(|li| visible_text(li.split("</li>").next().unwrap())).collect();
        let expected: Vec<String> = s.get("expertise").and_then(|e| e.as_array()).into_iter().flatten().map(|e| escaped(e.as_str().unwrap())).collect();
        assert_eq!(items, expected, "{}: expertise listed in order", id(s));
        for key in ["basisondersteuning", "bijzonderheden"] {
            if let Some(value) = s.get(key).and_then(|v| v.as_str()) {
                assert!(text.contains(&escaped(value)), "{}: {key} shown", id(s));
            }
        }
        if let Some(c) = s.get("contact_ondersteuning") {
            let phone = c["telefoon"].as_str().unwrap();
            assert!(text.contains(&format!("{}, {}", escaped(c["naam"].as_str().unwrap()), escaped(c["rol"].as_str().unwrap()))), "{}: support contact", id(s));
            assert!(page.contains(&format!("<a href=\"tel:{}\">{}</a>", digits(phone), phone)), "{}: support contact's phone is a tel: link", id(s));
            let email = c["email"].as_str().unwrap();
            assert!(page.contains(&format!("<a href=\"mailto:{email}\">{email}</a>")), "{}: support contact's e-mail", id(s));
        }
        if let Some(a) = s.get("aanmelden") {
            assert!(text.contains(&escaped(a["tekst"].as_str().unwrap())), "{}: aanmelden", id(s));
            if let Some(link) = a.get("link") {
                assert!(page.contains(&format!("<a href=\"{}\">", link.as_str().unwrap())), "{}: aanmelden link", id(s));
            }
        }
        if let Some(toml::Value::Table(d)) = s.get("sop_document") {
            assert!(page.contains(&format!("<a href=\"{}\">", d["link"].as_str().unwrap())), "{}: sop_document link", id(s));
            if d.contains_key("datum") {
                assert!(page.contains("(document van "), "{}: sop_document date", id(s));
            }
        }
    }
}

#[test]
fn expertise_is_a_finder_filter_and_found_by_search() {
    let ex = built_example("expertise");
    let finder = read(&ex.public.join("scholen/index.html"));
    let mut all = BTreeSet::new();
    for s in &ex.schools {
        let keys: Vec<String> = s.get("expertise").and_then(|e| e.as_array()).into_iter().flatten().map(|e| passend::text::slugify(e.as_str().unwrap())).collect();
        all.extend(keys.iter().cloned());
        assert!(finder.contains(&format!("data-id=\"{}\"", id(s))));
        let card = finder.split(&format!("data-id=\"{}\"", id(s))).nth(1).unwrap().split('>').next().unwrap();
        assert!(card.contains(&format!("data-expertise=\"{}\"", keys.join(" "))), "{}: {card}", id(s));
    }
    assert!(!all.is_empty());
    for key in &all {
        assert!(finder.contains(&format!("<option value=\"{key}\">")), "finder option {key}");
    }
    // A parent searching for a training finds exactly the schools whose team names it.
    let public = ex.public.to_str().unwrap();
    let run = passend(&["search", "Kanjertraining", "--output", public, "--json"]);
    assert!(run.success, "{}", run.stderr);
    let response: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let found: BTreeSet<String> = response["results"].as_array().unwrap().iter().map(|r| r["url"].as_str().unwrap().to_string()).filter(|u| u.starts_with("/scholen/")).collect();
    let expected: BTreeSet<String> = ex
        .schools
        .iter()
        .filter(|s| s.get("expertise").and_then(|e| e.as_array()).is_some_and(|a| a.iter().any(|e| e.as_str() == Some("Kanjertraining"))))
        .map(|s| format!("/scholen/{}/", id(s).to_lowercase()))
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(found, expected);
}

#[test]
fn the_data_page_documents_every_column_and_the_licence() {
    let ex = built_example("data-page");
    let page = read(&ex.public.join("data/index.html"));
    let csv = parse_csv(&read(&ex.public.join("data/scholen.csv")));
    for column in &csv[0] {
        assert!(page.contains(&format!("<th scope=\"row\"><code>{column}</code></th>")), "column {column} documented on /data/");
    }
    assert_eq!(page.matches("<th scope=\"row\">").count(), csv[0].len(), "no column documented that the file lacks");
    assert!(page.contains("CC0 1.0") && page.contains("href=\"https://creativecommons.org/publicdomain/zero/1.0/deed.nl\""));
    assert!(page.contains("href=\"/data/scholen.csv\"") && page.contains("href=\"/data/scholen.json\""));
    assert!(read(&ex.public.join("index.html")).contains("href=\"/data/\""), "the footer links to /data/");
    // The compressed copies: linked, smaller, and the same bytes once unpacked.
    for file in ["scholen.csv", "scholen.json"] {
        assert!(page.contains(&format!("href=\"/data/{file}.gz\"")), "/data/ links {file}.gz");
        let plain = std::fs::read(ex.public.join("data").join(file)).unwrap();
        let packed = std::fs::read(ex.public.join("data").join(format!("{file}.gz"))).unwrap();
        let mut unpacked = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&packed[..]), &mut unpacked).unwrap();
        assert_eq!(unpacked, plain, "{file}.gz unpacks to {file}");
        assert!(packed.len() * 3 < plain.len(), "{file}.gz is compressed ({} of {} bytes)", packed.len(), plain.len());
    }
}

#[test]
fn bad_sop_fields_are_reported_with_file_line_and_hint() {
    // 91AB01 has every SOP field; each case breaks one.
    assert_school_file_error("contact-key", "91AB01", |f| edit(f, "email = \"ib@", "emial = \"ib@"), &["schools/91AB01.toml:", "onbekende sleutel `emial`", "bedoelde u `email`?"]);
    assert_school_file_error("contact-email", "91AB01", |f| edit(f, "email = \"ib@delinde-lindeveld.nl\"", "email = \"ib at delinde\""), &["`ib at delinde` is geen geldig e-mailadres"]);
    assert_school_file_error("aanmelden-link", "91AB01", |f| edit(f, "link = \"https://www.delinde-lindeveld.nl/aanmelden\"", "link = \"javascript:alert(1)\""), &["`javascript:alert(1)` is geen volledig webadres"]);
    assert_school_file_error("aanmelden-empty", "91AB01", |f| edit(f, "tekst = \"Wilt u", "tekst = \" \"\n# \"Wilt u"), &["`aanmelden` heeft geen tekst"]);
    assert_school_file_error("sop-key", "91AB01", |f| edit(f, "sop_document = { link", "sop_document = { datun = 2025-01-01, link"), &["onbekende sleutel `datun`", "bedoelde u `datum`?"]);
    assert_school_file_error("expertise-key", "91AB01", |f| edit(f, "expertise = [", "expertize = ["), &["onbekende sleutel `expertize`", "bedoelde u `expertise`?"]);
    assert_school_file_error("expertise-twice", "91AB01", |f| edit(f, "expertise = [", "expertise = [\"Kanjertraining\", "), &["`Kanjertraining` staat twee keer in `expertise`"]);
}

#[test]
fn a_phone_that_is_not_a_number_is_a_warning_and_no_link() {
    let site = copy_example("phone");
    let root = site.path().to_str().unwrap();
    edit(&site.path().join("schools/91AB00.toml"), "telefoon = \"0341 820 111\"", "telefoon = \"bel 820 111\"");
    edit(&site.path().join("schools/91AB01.toml"), "telefoon = \"0341 820 118\"", "telefoon = \"820 118\"");
    let run = passend(&["build", "--root", root]);
    assert!(run.success, "{}", run.stderr);
    assert!(run.stderr.contains("schools/91AB00.toml:") && run.stderr.contains("waarschuwing: `bel 820 111` is geen volledig telefoonnummer"), "{}", run.stderr);
    assert!(run.stderr.contains("waarschuwing: `820 118` is geen volledig telefoonnummer"), "{}", run.stderr);
    let page = read(&site.path().join("public/scholen/91ab00/index.html"));
    assert!(page.contains("<br>Telefoon: bel 820 111") && !page.contains("href=\"tel:820111\""), "shown as text, not as a link");
    assert!(!passend(&["check", "--root", root, "--strict"]).success);
}

/// At national scale no finder page lists every school: with more schools than one page
/// holds, /scholen/ and the pages per kind of support lead to the pages per gemeente, which
/// still list each of their schools; every page stays under 300 kB (issue 18).
#[test]
fn finder_pages_stay_small_with_many_schools() {
    let site = copy_example("many-schools");
    let gemeenten = ["Lindeveld", "Rietmeer", "Hoogzand", "Brugwaard", "Eikenrode", "Vlietdam"];
    for i in 0..330 {
        let brin = format!("{:02}{}{}", 10 + i % 80, (b'A' + (i / 80) as u8) as char, 'A');
        let g = gemeenten[i % gemeenten.len()];
        let toml = format!(
            "brin = \"{brin}\"\nvestiging = \"00\"\nnaam = \"OBS Proef {i}\"\nbestuur = \"Stichting Proef\"\nonderwijstype = \"bao\"\ngemeente = \"{g}\"\nvastgesteld = 2025-03-01\n\n[adres]\nstraat = \"Proefstraat {i}\"\npostcode = \"3851 AB\"\nplaats = \"{g}\"\n\n[ondersteuning.dyslexie]\nniveau = \"extra\"\nuitleg = \"Kinderen met dyslexie lezen elke dag extra met de leerkracht.\"\n"
        );
        std::fs::write(site.path().join(format!("schools/{brin}00.toml")), toml).unwrap();
    }
    let run = passend(&["build", "--root", site.path().to_str().unwrap()]);
    assert!(run.success, "{}", run.stderr);
    let public = site.path().join("public");
    let finder = read(&public.join("scholen/index.html"));
    assert!(!finder.contains("class=\"school-card\"") && !finder.contains("finder.js"), "no cards and no script over every card");
    let schools = std::fs::read_dir(site.path().join("schools")).unwrap().count();
    assert!(finder.contains(&format!("Er zijn {schools} scholen")), "the number of schools is said");
    assert!(finder.contains("href=\"/scholen/gemeente/rietmeer/\""), "the way in per gemeente stays");
    // Dyslexie: the 330 added schools and the example's own; each gemeente's group is a link
    // with its count, and the gemeente's page for it lists exactly that many cards.
    let dyslexie = read(&public.join("scholen/ondersteuning/dyslexie/index.html"));
    assert!(!dyslexie.contains("class=\"school-card\""), "{}", dyslexie.len());
    let gemeente_page = read(&public.join("scholen/gemeente/rietmeer/dyslexie/index.html"));
    let cards = gemeente_page.matches("class=\"school-card\"").count();
    assert!(cards >= 55, "{cards}");
    assert!(dyslexie.contains(&format!("<a href=\"/scholen/gemeente/rietmeer/dyslexie/\">De {cards} scholen in Rietmeer</a>")), "{dyslexie}");
    for entry in walkdir::WalkDir::new(public.join("scholen")).into_iter().filter_map(Result::ok).filter(|e| e.path().extension().is_some_and(|x| x == "html")) {
        let len = entry.metadata().unwrap().len();
        assert!(len < 300_000, "{} is {len} bytes", entry.path().display());
    }
}
