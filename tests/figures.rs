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
    // Short numbers (a goal's nulmeting and streefwaarde, a series of counts) cannot be told
    // from other numbers in prose; in a table row, two cells of one goal or one series can.
    let mut groups: Vec<(String, BTreeSet<String>)> = Vec::new();
    let shown = |x: f64, procent: bool| format!("| {}{} |", format!("{x}").replace('.', ","), if procent { "%" } else { "" });
    for d in data(&site, "doelen.toml")["doel"].as_array().unwrap() {
        let procent = d["eenheid"].as_str() == Some("procent");
        groups.push((format!("doel {}", d["titel"]), ["nulmeting", "streefwaarde"].iter().map(|k| shown(num(&d[*k]), procent)).collect()));
    }
    for k in data(&site, "kengetallen.toml")["kengetal"].as_array().unwrap() {
        let procent = k["eenheid"].as_str() == Some("procent");
        let mut values: BTreeSet<String> = [shown(num(&k["regio"]), procent)].into();
        values.extend(k.get("reeks").and_then(|r| r.as_array()).into_iter().flatten().map(|m| shown(num(&m["regio"]), procent)));
        groups.push((format!("kengetal {}", k["key"]), values));
    }    let mut found = Vec::new();
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
            // Cells overlap at their bars (`| 44 | 38 |`): look for each cell with its own bars.
            for (name, cells) in &groups {
                let hits: Vec<&String> = cells.iter().filter(|c| line.split('|').any(|cell| format!("| {} |", cell.trim()) == **c)).collect();
                if line.starts_with('|') && hits.len() >= 2 {
                    found.push(format!("{}:{}: {name} {hits:?}", entry.file_name().to_string_lossy(), n + 1));
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

/// The value of a TOML number, integer or float.
fn num(v: &toml::Value) -> f64 {
    v.as_float().unwrap_or_else(|| v.as_integer().unwrap() as f64)
}

/// `attr="value"` inside one tag.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&tag[start..start + tag[start..].find('"')?])
}

/// The SVG with `id`'s title in a page, whole.
fn svg<'a>(page: &'a str, id: &str) -> &'a str {
    let title = page.find(&format!("<title id=\"{id}-titel\">")).unwrap_or_else(|| panic!("chart {id}"));
    let start = page[..title].rfind("<svg").unwrap();
    &page[start..start + page[start..].find("</svg>").unwrap() + 6]
}

/// Every `<circle>` of a line chart: (series, date, value).
fn points(svg: &str) -> Vec<(String, String, f64)> {
    svg.match_indices("<circle").map(|(i, _)| {
        let tag = &svg[i..i + svg[i..].find('>').unwrap()];
        (attr(tag, "data-reeks").unwrap().to_string(), attr(tag, "data-datum").unwrap().to_string(), attr(tag, "data-waarde").unwrap().parse().unwrap())
    }).collect()
}

#[test]
fn charts_draw_the_data_with_a_title_a_summary_and_the_table_beside_them() {
    let site = copy_example("figures-charts");
    let run = passend(&["build", "--root", site.path().to_str().unwrap()]);
    assert!(run.success, "{}", run.stderr);
    let public = site.path().join("public");
    let ch12 = read(&public.join("plan/kwaliteit-en-resultaten/index.html"));
    let kengetallen = data(&site, "kengetallen.toml");
    let peildatum = kengetallen["peildatum"].as_datetime().unwrap().to_string();
    let find = |key: &str| kengetallen["kengetal"].as_array().unwrap().iter().find(|k| k["key"].as_str() == Some(key)).unwrap().clone();

    // Thuiszitters: every point of the drawing is a value of the data file, and every value
    // of the data file is drawn.
    let chart = svg(&ch12, "grafiek-kengetal-thuiszitters-reeks");
    assert!(chart.starts_with("<svg class=\"grafiek\" role=\"img\""));
    assert!(chart.contains("aria-labelledby=\"grafiek-kengetal-thuiszitters-reeks-titel grafiek-kengetal-thuiszitters-reeks-uitleg\""));
    let summary = "Thuiszitters (langer dan 4 weken): gedaald van 47 op 1 oktober 2022 naar 27 op 1 april 2026; het doel is 15 in 2030.";
    assert!(chart.contains(&format!("<desc id=\"grafiek-kengetal-thuiszitters-reeks-uitleg\">{summary}</desc>")), "the summary from the data");
    assert!(ch12.contains(&format!("<p class=\"grafiek-uitleg\">{summary}</p>")), "and visible above the chart");
    let thuiszitters = find("thuiszitters");
    let mut expected: Vec<(String, String, f64)> = thuiszitters["reeks"].as_array().unwrap().iter().map(|m| ("Regio".to_string(), m["datum"].as_datetime().unwrap().to_string(), num(&m["regio"]))).collect();
    expected.push(("Regio".into(), peildatum.clone(), num(&thuiszitters["regio"])));
    expected.sort_by(|a, b| a.1.cmp(&b.1));
    assert_eq!(points(chart), expected);
    // The table beside it, in nl-NL form.
    assert!(ch12.contains("<tr><th scope=\"row\">1 april 2026</th><td class=\"rechts\">27</td></tr>"));

    // Deelname vso: the region and the landelijk figure as two lines.
    let vso = find("deelname-vso");
    let chart = svg(&ch12, "grafiek-kengetal-deelname-vso-reeks");
    let drawn = points(chart);
    let mut landelijk: Vec<(String, f64)> = vso["reeks"].as_array().unwrap().iter().map(|m| (m["datum"].as_datetime().unwrap().to_string(), num(&m["landelijk"]))).collect();
    landelijk.push((peildatum.clone(), num(&vso["landelijk"])));
    landelijk.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(drawn.iter().filter(|p| p.0 == "Landelijk").map(|p| (p.1.clone(), p.2)).collect::<Vec<_>>(), landelijk);
    assert_eq!(drawn.iter().filter(|p| p.0 == "Regio").count(), landelijk.len());
    assert!(chart.contains("landelijk 3,4% op 1 oktober 2025; het doel is 3,2% in 2030."), "the summary names the landelijk figure and the goal");

    // Prognoses are drawn dotted and said to be prognoses, in the table too.
    let cijfers = read(&public.join("plan/cijfers/index.html"));
    let po = svg(&cijfers, "grafiek-kengetal-leerlingen-po-reeks");
    assert!(po.contains("class=\"lijn regio prognose\" points="), "the expected part drawn apart");
    assert!(po.contains("class=\"punt regio prognose\""));
    assert!(po.contains("de prognose voor 1 oktober 2029 is 14.010."));
    assert!(cijfers.contains("<th scope=\"row\">1 oktober 2029 (prognose)</th><td class=\"rechts\">14.010</td>"));

    // Goals: the latest measurement, its status in words, and a progress bar.
    assert!(ch12.contains("<tr><th scope=\"row\">Minder thuiszitters</th><td>Aantal thuiszitters langer dan 4 weken op de teldatum</td><td class=\"rechts\">31 (2025)</td><td class=\"rechts\">27 (1 april 2026)</td><td class=\"rechts\">15 (2030)</td><td>Op koers</td></tr>"), "a goal measured by its kengetal");
    assert!(ch12.contains("<td class=\"rechts\">66% (1 juni 2026)</td><td class=\"rechts\">95% (2028)</td><td>Loopt achter</td>"), "a goal with its own measurement, behind");
    assert!(ch12.contains("Ouders en leerling praten mee over het OPP: van 64% in 2025 naar 66% op 1 juni 2026; het doel is 95% in 2028. Loopt achter: volgens de lijn naar het doel zou het nu 70,9% zijn."));
    let bar = svg(&ch12, "voortgang-ouders-en-leerling-praten-mee-over-het-opp");
    assert!(bar.contains("data-gedaan=\"6.5\""), "2 of the 31 points of the way: {bar}");

    // The budget's composition: bars that add up to the lasten, and the shares in the text.
    let ch11 = read(&public.join("plan/middelen-en-begroting/index.html"));
    let bars = svg(&ch11, "grafiek-begroting-samenstelling-2026");
    let total: f64 = bars.match_indices("<rect class=\"balk\"").map(|(i, _)| attr(&bars[i..i + bars[i..].find("/>").unwrap()], "data-waarde").unwrap().parse::<f64>().unwrap()).sum();
    let lasten_total = ch11.split("<strong>Totaal lasten</strong></th><td class=\"rechts\"><strong>").nth(1).unwrap().split('<').next().unwrap().replace('.', "");
    assert_eq!(total, lasten_total.parse::<f64>().unwrap(), "the bars are the lasten of 2026 in force");
    assert!(ch11.contains("Van de lasten in 2026 gaat 38% naar de bekostiging van sbo, so en vso, 47% naar de scholen"));

    // Every chart of the site has a title and a summary the page holds.
    for page in [&ch11, &ch12, &cijfers] {
        for (i, _) in page.match_indices("<svg class=\"grafiek\"") {
            let tag = &page[i..i + page[i..].find('>').unwrap()];
            for id in attr(tag, "aria-labelledby").unwrap().split(' ') {
                assert!(page.contains(&format!(" id=\"{id}\">")), "{id} exists");
            }
        }
    }
}

#[test]
fn the_whole_set_of_figures_is_open_data_and_series_round_trip_through_their_csv() {
    let site = copy_example("figures-json");
    std::fs::remove_dir_all(site.path().join("content/plan/addenda")).unwrap();
    let run = passend(&["build", "--root", site.path().to_str().unwrap()]);
    assert!(run.success, "{}", run.stderr);
    let public = site.path().join("public");
    let json: serde_json::Value = serde_json::from_str(&read(&public.join("data/cijfers.json"))).unwrap();
    let begroting = data(&site, "begroting.toml");
    let sum = |side: &str, i: usize| begroting[side].as_array().unwrap().iter().map(|p| amounts(p)[i]).sum::<i64>();
    for (i, t) in json["begroting"]["totalen"].as_array().unwrap().iter().enumerate() {
        assert_eq!(t["baten"].as_i64().unwrap(), sum("baten", i));
        assert_eq!(t["lasten"].as_i64().unwrap(), sum("lasten", i));
        assert_eq!(t["resultaat"].as_i64().unwrap(), sum("baten", i) - sum("lasten", i));
    }
    let kengetallen = data(&site, "kengetallen.toml");
    for (k, j) in kengetallen["kengetal"].as_array().unwrap().iter().zip(json["kengetallen"].as_array().unwrap()) {
        assert_eq!(j["key"].as_str(), k["key"].as_str());
        let reeks = k.get("reeks").and_then(|r| r.as_array()).map_or(0, Vec::len);
        assert_eq!(j["reeks"].as_array().unwrap().len(), reeks + 1, "the series and the peildatum");
    }
    let doel = json["doelen"].as_array().unwrap().iter().find(|d| d["titel"] == "Minder thuiszitters").unwrap();
    assert_eq!(doel["voortgang"]["status"], "op-koers");
    assert_eq!(doel["voortgang"]["status_label"], "Op koers");
    assert!(read(&public.join("data/index.html")).contains("href=\"/data/cijfers.json\""), "the open data page names it");

    // A series' CSV: one row per date with the region's value.
    let thuiszitters = kengetallen["kengetal"].as_array().unwrap().iter().find(|k| k["key"].as_str() == Some("thuiszitters")).unwrap();
    let csv = read(&public.join("data/cijfers/kengetal-thuiszitters-reeks.csv"));
    let rows: Vec<Vec<String>> = csv.trim_start_matches('\u{feff}').lines().map(|l| l.split(';').map(str::to_string).collect()).collect();
    assert_eq!(rows[0], ["Datum", "Regio"]);
    let mut values: Vec<f64> = thuiszitters["reeks"].as_array().unwrap().iter().map(|m| num(&m["regio"])).collect();
    values.push(num(&thuiszitters["regio"]));
    let mut in_csv: Vec<f64> = rows[1..].iter().map(|r| r[1].parse().unwrap()).collect();
    values.sort_by(f64::total_cmp);
    in_csv.sort_by(f64::total_cmp);
    assert_eq!(in_csv, values);
}
