//! Figures (issue 14): chapters take every figure from the data files through shortcodes, in
//! exact nl-NL form, with a CSV per table that round-trips to the data; the example's chapters
//! type no figure that the data holds.

mod common;
use common::*;
use std::collections::BTreeSet;

fn data(site: &TempDir, name: &str) -> toml::Table {
    toml::from_str(&read(&site.path().join("content/data").join(name))).unwrap()
}

fn nl(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

fn amounts(row: &toml::Value) -> Vec<i64> {
    row["bedragen"].as_array().unwrap().iter().map(|v| v.as_integer().unwrap()).collect()
}

#[test]
fn chapters_show_the_figures_of_the_data_in_dutch_form() {
    let site = copy_example("figures");
    let run = passend(&["build", "--root", site.path().to_str().unwrap()]);
    assert!(run.success, "{}", run.stderr);
    let public = site.path().join("public");
    let ch11 = read(&public.join("plan/middelen-en-begroting/index.html"));
    assert!(ch11.contains("<caption id=\"figuur-begroting-baten-2026-2029\">Tabel 1. Baten 2026-2029, po en vo samen (in euro)</caption>"));
    assert!(ch11.contains("<tr><th scope=\"row\">Rijksbijdrage lichte ondersteuning po</th><td class=\"rechts\">4.210.000</td><td class=\"rechts\">4.176.000</td><td class=\"rechts\">4.142.000</td><td class=\"rechts\">4.105.000</td></tr>"));
    assert!(ch11.contains("<tr><th scope=\"row\"><strong>Totaal baten</strong></th><td class=\"rechts\"><strong>39.580.000</strong></td>"));
    // The reserve follows from reserve_begin and the resultaten in force (after the plusklas).
    assert!(ch11.contains("<tr><th scope=\"row\"><strong>Reserve</strong></th><td class=\"rechts\"><strong>1.322.000</strong></td><td class=\"rechts\"><strong>1.178.000</strong></td><td class=\"rechts\"><strong>1.137.000</strong></td><td class=\"rechts\"><strong>1.167.000</strong></td></tr>"), "the reserve in force");
    assert!(ch11.contains("<th scope=\"row\">Signaleringswaarde (3,5% van de baten)</th><td class=\"rechts\">1.385.300</td>"));
    assert!(ch11.contains("een reserve van € 1.600.000."), "an inline figure in a sentence");
    assert!(ch11.contains("tekort van € 278.000 uit de reserve"), "the inline figure in force");
    assert!(ch11.contains("href=\"/data/cijfers/begroting-baten-2026-2029.csv\" download"));
    let ch1 = read(&public.join("plan/missie-en-visie/index.html"));
    assert!(ch1.contains("<caption id=\"figuur-kengetal-leerlingen-po\">Leerlingen in het basisonderwijs per gemeente (aantal, 1 oktober 2025)</caption>"));
    assert!(ch1.contains("<tr><th scope=\"row\">Rietmeer</th><td class=\"rechts\">2.480</td></tr>"));
    let ch9 = read(&public.join("plan/samenwerking-gemeenten/index.html"));
    assert!(ch9.contains("reisden 486 leerlingen met leerlingenvervoer naar het so en vso, van wie 142 uit Lindeveld en 88 uit Rietmeer"));
    let ch12 = read(&public.join("plan/kwaliteit-en-resultaten/index.html"));
    assert!(ch12.contains("<td>Deelname sbo</td><td class=\"rechts\">2,4%</td>") || ch12.contains(">Deelname sbo</th><td class=\"rechts\">2,4%</td>"), "a percentage from the kengetallen in a table cell");
    // Search indexes the figures, not the placeholders.
    assert!(!ch11.contains("PASSENDFIGUUR"));
}

#[test]
fn every_csv_download_round_trips_to_the_data() {
    let site = copy_example("figures-csv");
    // Without addenda the figures are those of the data files as written.
    std::fs::remove_dir_all(site.path().join("content/plan/addenda")).unwrap();
    let run = passend(&["build", "--root", site.path().to_str().unwrap()]);
    assert!(run.success, "{}", run.stderr);
    let begroting = data(&site, "begroting.toml");
    let csv_dir = site.path().join("public/data/cijfers");
    for side in ["baten", "lasten"] {
        let csv = read(&csv_dir.join(format!("begroting-{side}-2026-2029.csv")));
        assert!(csv.starts_with('\u{feff}'), "a BOM for Dutch Excel");
        let rows: Vec<Vec<String>> = csv.trim_start_matches('\u{feff}').lines().map(|l| l.split(';').map(str::to_string).collect()).collect();
        assert_eq!(rows[0], ["Baten".replace("Baten", &format!("{}{}", &side[..1].to_uppercase(), &side[1..])), "2026".into(), "2027".into(), "2028".into(), "2029".into()]);
        let posts = begroting[side].as_array().unwrap();
        assert_eq!(rows.len(), 1 + posts.len() + 1, "header, a row per post, the total");
        for (row, post) in rows[1..].iter().zip(posts) {
            assert_eq!(row[0], post["post"].as_str().unwrap());
            let parsed: Vec<i64> = row[1..].iter().map(|c| c.replace('.', "").parse().unwrap()).collect();
            assert_eq!(parsed, amounts(post), "{side}: {}", row[0]);
        }
    }
    let kengetallen = data(&site, "kengetallen.toml");
    let po = kengetallen["kengetal"].as_array().unwrap().iter().find(|k| k["key"].as_str() == Some("leerlingen-po")).unwrap();
    let csv = read(&csv_dir.join("kengetal-leerlingen-po.csv"));
    for line in csv.trim_start_matches('\u{feff}').lines().skip(1) {
        let (name, value) = line.split_once(';').unwrap();
        let value: f64 = value.replace('.', "").parse().unwrap();
        let expected = if name == "Regio" { po["regio"].as_float().or(po["regio"].as_integer().map(|i| i as f64)) } else { po["gemeenten"][name].as_integer().map(|i| i as f64) };
        assert_eq!(Some(value), expected, "{name}");
    }
}

#[test]
fn the_example_chapters_type_no_figure_the_data_holds() {
    let site = copy_example("figures-typed");
    let mut figures: BTreeSet<String> = BTreeSet::new();
    let begroting = data(&site, "begroting.toml");
    for side in ["baten", "lasten"] {
        for post in begroting[side].as_array().unwrap() {
            figures.extend(amounts(post).into_iter().map(nl));
        }
    }
    for k in data(&site, "kengetallen.toml")["kengetal"].as_array().unwrap() {
        let procent = k["eenheid"].as_str() == Some("procent");
        let mut values = vec![k["regio"].clone()];
        values.extend(k.get("gemeenten").and_then(|g| g.as_table()).map(|t| t.values().cloned().collect::<Vec<_>>()).unwrap_or_default());
        for (i, v) in values.into_iter().enumerate() {
            let x = v.as_float().unwrap_or_else(|| v.as_integer().unwrap() as f64);
            // A gemeente's percentage (2%, 4,1%) is too short to tell from other percentages in
            // prose; the region's are the plan's figures.
            if procent && i == 0 {
                figures.insert(format!("{}%", format!("{x}").replace('.', ",")));
            } else if !procent && x >= 1000.0 {
                figures.insert(nl(x as i64));
            }
        }
    }
    assert!(figures.len() > 80, "the data holds many figures: {}", figures.len());
    let mut found = Vec::new();
    for entry in std::fs::read_dir(site.path().join("content/plan")).unwrap().flatten() {
        if entry.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text = read(&entry.path());
        for (n, line) in text.lines().enumerate() {
            for figure in &figures {
                // A whole number: not part of a longer one (14.520 in 114.520 or 14.520,5).
                let hit = line.match_indices(figure.as_str()).any(|(i, _)| {
                    let before = line[..i].chars().last();
                    let after = line[i + figure.len()..].chars().next();
                    !before.is_some_and(|c| c.is_ascii_digit() || c == '.' || c == ',') && !after.is_some_and(|c| c.is_ascii_digit() || ((c == '.' || c == ',') && line[i + figure.len() + 1..].starts_with(|d: char| d.is_ascii_digit())))
                });
                if hit {
                    found.push(format!("{}:{}: {figure}", entry.file_name().to_string_lossy(), n + 1));
                }
            }
        }
    }
    assert!(found.is_empty(), "figures typed by hand that the data holds (use a shortcode):\n{}", found.join("\n"));
}

#[test]
fn every_figure_of_the_plan_is_on_one_page_with_where_chapters_use_it() {
    let site = copy_example("figures-page");
    let run = passend(&["build", "--root", site.path().to_str().unwrap()]);
    assert!(run.success, "{}", run.stderr);
    let public = site.path().join("public");
    let page = read(&public.join("plan/cijfers/index.html"));
    let kengetallen = data(&site, "kengetallen.toml");
    for k in kengetallen["kengetal"].as_array().unwrap() {
        let key = k["key"].as_str().unwrap();
        assert!(page.contains(&format!("<caption id=\"figuur-kengetal-{key}\">{} (", k["label"].as_str().unwrap())), "{key} has its table");
        assert!(public.join(format!("data/cijfers/kengetal-{key}.csv")).is_file(), "{key} has its CSV");
    }
    let reserve = &page[page.find("figuur-begroting-reserve-2026-2029").expect("the reserve table")..];
    let used_in = &reserve[reserve.find("Staat in:").unwrap()..];
    assert!(used_in[..200].contains("href=\"/plan/middelen-en-begroting/\""), "the table links the chapter that shows it");
    assert!(read(&public.join("plan/index.html")).contains("href=\"/plan/cijfers/\""), "the plan index links it");
}
