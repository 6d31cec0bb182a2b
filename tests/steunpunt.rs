//! The ouder- en jeugdsteunpunt on the site: contact on every page, the route, the FAQ with its
//! JSON-LD, begrippen and their first-use links, and the plain-language check.

mod common;
use common::*;
use std::collections::BTreeSet;

fn build(label: &str) -> TempDir {
    let site = copy_example(label);
    let run = passend(&["build", "--root", site.path().to_str().unwrap()]);
    assert!(run.success, "{}", run.stderr);
    site
}

fn html_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok).map(|e| e.into_path()).filter(|p| p.extension().is_some_and(|x| x == "html")).collect()
}

#[test]
fn every_page_carries_the_steunpunt_phone_and_email() {
    let site = build("contact");
    let config: toml::Table = read(&site.path().join("passend.toml")).parse().unwrap();
    let phone = config["steunpunt"]["telefoon"].as_str().unwrap();
    let email = config["steunpunt"]["email"].as_str().unwrap();
    let tel: String = phone.chars().filter(|c| c.is_ascii_digit()).collect();
    let pages = html_files(&site.path().join("public"));
    assert!(pages.len() > 100);
    for page in pages {
        let html = read(&page);
        assert!(html.contains(phone), "{} shows the phone number", page.display());
        assert!(html.contains(email), "{} shows the e-mail address", page.display());
        if !page.to_string_lossy().contains("/oogo/") || page.ends_with("index.html") {
            assert!(html.contains(&format!("href=\"tel:{tel}\"")), "{} has a tel: link", page.display());
        }
        // Issue 19: without a linked icon the browser asks for /favicon.ico, a 404 on every page.
        let icon = html.split("<link rel=\"icon\" href=\"").nth(1).unwrap_or_else(|| panic!("{} links an icon", page.display())).split('"').next().unwrap();
        let file = match icon.strip_prefix('/') {
            Some(abs) => site.path().join("public").join(abs),
            None => page.parent().unwrap().join(icon),
        };
        assert!(file.is_file(), "{}: the icon {icon} exists", page.display());
    }
}

#[test]
fn route_faq_and_begrippen_render_every_entry() {
    let site = build("data-pages");
    let public = site.path().join("public");
    let data = |name: &str| read(&site.path().join("content/data").join(name)).parse::<toml::Table>().unwrap();

    // Headings carry soft hyphens in long words (`zorg­co­ör­di­na­tor`) for phones.
    let route = read(&public.join("steunpunt/route/index.html")).replace('\u{AD}', "");
    let steps = data("route.toml")["stap"].as_array().unwrap().clone();
    assert!(steps.len() >= 7);
    assert_eq!(route.matches("<li class=\"route-stap").count(), steps.len());
    for (i, step) in steps.iter().enumerate() {
        assert!(route.contains(&format!("id=\"stap-{}\"", i + 1)));
        assert!(route.contains(&format!("<h2>{}</h2>", step["titel"].as_str().unwrap())), "route shows {}", step["titel"]);
    }

    let faq = read(&public.join("steunpunt/vragen/index.html"));
    let faq_data = data("faq.toml");
    let questions = faq_data["vraag"].as_array().unwrap();
    assert!(questions.len() >= 20);
    for q in questions {
        assert!(faq.contains(&format!("<details class=\"faq\" id=\"{}\">", q["id"].as_str().unwrap())), "faq has {}", q["id"]);
    }
    for theme in faq_data["thema"].as_array().unwrap() {
        assert!(faq.contains(&format!("<h2 id=\"{}\">", theme["key"].as_str().unwrap())));
    }
    // The JSON-LD parses and has exactly the questions of the data, in order.
    let json = faq.split("<script type=\"application/ld+json\">").nth(1).unwrap().split("</script>").next().unwrap();
    let ld: serde_json::Value = serde_json::from_str(json).expect("FAQPage JSON-LD parses");
    assert_eq!(ld["@type"], "FAQPage");
    let entities = ld["mainEntity"].as_array().unwrap();
    let names: BTreeSet<&str> = entities.iter().map(|e| e["name"].as_str().unwrap()).collect();
    let expected: BTreeSet<&str> = questions.iter().map(|q| q["vraag"].as_str().unwrap()).collect();
    assert_eq!(names, expected);
    assert!(entities.iter().all(|e| e["acceptedAnswer"]["text"].as_str().unwrap().len() > 20));

    let begrippen = read(&public.join("begrippen/index.html"));
    let terms = data("begrippen.toml");
    let terms = terms["begrip"].as_array().unwrap();
    assert!(terms.len() >= 30);
    for t in terms {
        let term = t["term"].as_str().unwrap();
        let entry = begrippen.split(&format!("\">\n        <dt>{term}")).next().unwrap();
        let id = entry.rsplit("<div id=\"").next().unwrap();
        assert!(!id.is_empty() && id.len() < 60 && !id.contains('<'), "begrippen has an entry with an anchor for {term}");
        assert!(id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "anchor {id} is URL-safe");
    }
}

#[test]
fn first_use_of_a_term_links_to_an_existing_entry() {
    let site = build("term-links");
    let public = site.path().join("public");
    let begrippen = read(&public.join("begrippen/index.html"));
    let mut total = 0;
    for page in html_files(&public.join("plan")).into_iter().chain(html_files(&public.join("scholen")).into_iter().take(10)) {
        let html = read(&page);
        let links: Vec<&str> = html.split("<a class=\"begrip\" href=\"/begrippen/#").skip(1).map(|r| r.split('"').next().unwrap()).collect();
        let unique: BTreeSet<&str> = links.iter().copied().collect();
        assert_eq!(unique.len(), links.len(), "{}: each term is linked once, at its first use", page.display());
        for id in &links {
            assert!(begrippen.contains(&format!("<div id=\"{id}\">")), "{}: #{id} exists on /begrippen/", page.display());
            assert!(html.contains(&format!("<span class=\"begrip-uitleg\" id=\"uitleg-{id}\" role=\"tooltip\">")), "the short definition is on the page for screen readers");
        }
        total += links.len();
    }
    assert!(total > 50, "chapters use many terms ({total})");
    let chapter = read(&public.join("plan/toelaatbaarheid/index.html"));
    assert!(chapter.contains("href=\"/begrippen/#tlv\""), "the TLV chapter links the term TLV");
}

#[test]
fn plain_language_check_passes_the_example_and_flags_a_long_sentence() {
    let site = copy_example("plain");
    let root = site.path().to_str().unwrap();
    let run = passend(&["check", "--root", root]);
    assert!(run.success);
    assert!(!run.stderr.contains("B1") && !run.stderr.contains("Flesch"), "the example's own texts pass:\n{}", run.stderr);

    let page = site.path().join("content/steunpunt/jongeren.md");
    let text = read(&page);
    let line = text.lines().count() + 2;
    std::fs::write(&page, text + "\nHet samenwerkingsverband draagt in nauwe samenspraak met alle schoolbesturen en de gemeenten in de regio zorg voor een dekkend netwerk van voorzieningen waarin elke leerling een passende plek vindt.\n").unwrap();
    let run = passend(&["check", "--root", root]);
    assert!(run.success, "plain-language findings are warnings");
    assert!(run.stderr.contains(&format!("content/steunpunt/jongeren.md:{line}:1: waarschuwing: zin van 29 woorden is te lang voor taalniveau B1")), "{}", run.stderr);
    let strict = passend(&["check", "--root", root, "--strict"]);
    assert!(!strict.success, "and errors with --strict");
}

fn assert_data_error(label: &str, file: &str, from: &str, to: &str, fragments: &[&str]) {
    let site = copy_example(label);
    let path = site.path().join("content/data").join(file);
    edit(&path, from, to);
    let run = passend(&["check", "--root", site.path().to_str().unwrap()]);
    assert!(!run.success, "{label}");
    for f in fragments {
        assert!(run.stderr.contains(f), "{label}: expected {f:?} in\n{}", run.stderr);
    }
}

#[test]
fn bad_steunpunt_data_is_reported_with_file_and_line() {
    assert_data_error("faq-answer", "faq.toml", "antwoord = \"", "antwoord = \"\"\nnotitie = \"", &["content/data/faq.toml:"]);
    assert_data_error("faq-empty", "faq.toml", "antwoord = \"", "antwoord = \"\"\n# \"", &["heeft geen antwoord"]);
    assert_data_error("route-contact", "route.toml", "contact = \"", "contact = \"\"\n# \"", &["content/data/route.toml:", "heeft geen contact"]);
    let site = copy_example("begrip-dup");
    let path = site.path().join("content/data/begrippen.toml");
    std::fs::write(&path, read(&path) + "\n[[begrip]]\nterm = \"TLV\"\nkort = \"Nog eens.\"\n").unwrap();
    let run = passend(&["check", "--root", site.path().to_str().unwrap()]);
    assert!(!run.success);
    let line = read(&path).lines().count() - 1;
    assert!(run.stderr.contains(&format!("content/data/begrippen.toml:{line}:1: fout: begrip `TLV` staat er twee keer in")), "{}", run.stderr);
}

/// Remove the elements marked `lang="nl"` (Dutch content on an English page) from `html`.
fn without_dutch_content(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find(" lang=\"nl\"") {
        let tag_start = rest[..i].rfind('<').unwrap();
        let name: String = rest[tag_start + 1..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        out.push_str(&rest[..tag_start]);
        let close = format!("</{name}>");
        let end = rest[i..].find(&close).map(|j| i + j + close.len()).unwrap_or(rest.len());
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn english_interface_has_no_dutch_interface_strings_and_links_translations() {
    let site = build("english");
    let public = site.path().join("public");
    let nl: toml::Table = read(&example_root().join("src/i18n/nl.toml")).parse().unwrap();
    let en: toml::Table = read(&example_root().join("src/i18n/en.toml")).parse().unwrap();
    let dutch_only: Vec<&str> = nl.iter().filter(|(k, v)| v.as_str().unwrap().len() > 4 && en[k.as_str()] != **v).map(|(_, v)| v.as_str().unwrap()).collect();
    let pages = html_files(&public.join("en"));
    assert!(pages.len() >= 4, "English home and steunpunt pages");
    for page in &pages {
        let html = read(page);
        assert!(html.contains("<html lang=\"en\" dir=\"ltr\">"));
        let visible = without_dutch_content(&html);
        for s in &dutch_only {
            assert!(!visible.contains(s), "{} still shows the Dutch interface string {s:?}", page.display());
        }
        assert!(html.contains("Skip to main content"));
    }
    // Opening hours are data: each language says them in its own words (issue 19).
    for page in &pages {
        let html = read(page);
        assert!(html.contains("<li>Monday to Thursday 8:30–16:30, Friday 8:30–12:00</li>"), "{}: the opening hours in English", page.display());
        assert!(!html.contains("Maandag tot en met") && !html.contains("8.30"), "{}: no Dutch opening hours", page.display());
    }
    assert!(read(&public.join("index.html")).contains("<li>Maandag tot en met donderdag 8.30-16.30 uur, vrijdag 8.30-12.00 uur</li>"));
    // Arabic, built in: every page right to left, its interface and opening hours in Arabic.
    let ar: toml::Table = read(&example_root().join("src/i18n/ar.toml")).parse().unwrap();
    let ar_pages = html_files(&public.join("ar"));
    assert!(ar_pages.len() >= 2, "Arabic home and steunpunt pages");
    for page in &ar_pages {
        let html = read(page);
        assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"), "{}", page.display());
        let visible = without_dutch_content(&html);
        for s in &dutch_only {
            assert!(!visible.contains(s), "{} still shows the Dutch interface string {s:?}", page.display());
        }
        assert!(html.contains(ar["skip_link"].as_str().unwrap()));
        assert!(html.contains("<li>من الاثنين إلى الخميس، 8:30–16:30؛ الجمعة، 8:30–12:00</li>"), "{}: the opening hours in Arabic", page.display());
    }
    let contact_en = read(&public.join("en/steunpunt/contact/index.html"));
    let contact_nl = read(&public.join("steunpunt/contact/index.html"));
    for html in [&contact_en, &contact_nl] {
        assert!(html.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"https://www.passendlindeveld.nl/en/steunpunt/contact/\">"));
        assert!(html.contains("<link rel=\"alternate\" hreflang=\"nl\" href=\"https://www.passendlindeveld.nl/steunpunt/contact/\">"));
    }
    assert!(contact_nl.contains("<a href=\"/en/steunpunt/contact/\" hreflang=\"en\" lang=\"en\">English</a>"), "the switch leads to the translation");
    assert!(read(&public.join("plan/index.html")).contains("<a href=\"/en/\" hreflang=\"en\" lang=\"en\">English</a>"), "without a translation the switch leads to the English home page");
}

#[test]
fn a_translation_of_a_missing_page_and_a_right_to_left_language() {
    let site = copy_example("translations");
    let root = site.path();
    std::fs::write(root.join("content/steunpunt/kontact.en.md"), "+++\ntitle = \"Contact\"\n+++\nText.\n").unwrap();
    let run = passend(&["check", "--root", root.to_str().unwrap()]);
    assert!(!run.success);
    assert!(run.stderr.contains("content/steunpunt/kontact.en.md:1:1: fout: vertaling van een pagina die niet bestaat"), "{}", run.stderr);
    assert!(run.stderr.contains("bedoelde u een vertaling van `contact`?"));
    std::fs::remove_file(root.join("content/steunpunt/kontact.en.md")).unwrap();

    // Persian (not built in): strings from the site's i18n/fa.toml, pages right to left.
    edit(&root.join("passend.toml"), "extra_talen = [\"en\", \"ar\"]", "extra_talen = [\"en\", \"ar\", \"fa\"]");
    std::fs::create_dir_all(root.join("i18n")).unwrap();
    let run = passend(&["check", "--root", root.to_str().unwrap()]);
    assert!(run.stderr.contains("taal `fa`:") && run.stderr.contains("teksten ontbreken"), "a language without strings is an error: {}", run.stderr);
    std::fs::write(root.join("i18n/fa.toml"), read(&example_root().join("src/i18n/en.toml")).replace("taalnaam = \"English\"", "taalnaam = \"فارسی\"")).unwrap();
    std::fs::write(root.join("content/steunpunt/index.fa.md"), "+++\ntitle = \"مرکز پشتیبانی\"\n+++\nسلام.\n").unwrap();
    let run = passend(&["build", "--root", root.to_str().unwrap()]);
    assert!(run.success, "{}", run.stderr);
    let fa = read(&root.join("public/fa/steunpunt/index.html"));
    assert!(fa.contains("<html lang=\"fa\" dir=\"rtl\">"));
    assert!(read(&root.join("public/steunpunt/index.html")).contains("hreflang=\"fa\""));
}

/// Issue 19: the page for jongeren speaks to them (je, jij), also in the short definitions of
/// the begrippen it links; and "so" is not defined as a basisschool.
#[test]
fn the_page_for_jongeren_speaks_to_jongeren_and_so_is_no_basisschool() {
    let site = build("jongeren");
    let public = site.path().join("public");
    let html = read(&public.join("steunpunt/jongeren/index.html"));
    let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
    // The section's navigation names other pages by their titles; the rest is for jongeren.
    let mut text = String::new();
    let mut rest = main;
    while let Some(i) = rest.find("<nav") {
        text.push_str(&rest[..i]);
        rest = &rest[i + rest[i..].find("</nav>").unwrap()..];
    }
    text.push_str(rest);
    assert!(text.contains("class=\"begrip-uitleg\""), "the page links begrippen with their short definitions");
    let words: Vec<String> = passend::markdown::strip_tags(&text).split(|c: char| !c.is_alphanumeric()).map(str::to_lowercase).collect();
    for parent_word in ["u", "uw"] {
        assert!(!words.iter().any(|w| w == parent_word), "the page for jongeren says `{parent_word}`");
    }
    assert!(words.iter().filter(|w| *w == "je" || *w == "jij" || *w == "jou").count() > 20);
    let begrippen: toml::Table = read(&example_root().join("content/data/begrippen.toml")).parse().unwrap();
    let so = begrippen["begrip"].as_array().unwrap().iter().find(|b| b["term"].as_str() == Some("so")).unwrap();
    let kort = so["kort"].as_str().unwrap();
    assert!(!kort.contains("basisschool") && kort.contains("4 tot 12 jaar"), "{kort}");
    assert!(read(&public.join("begrippen/index.html")).contains(kort));
}

/// Physical directions in a stylesheet's declarations: a property naming `left` or `right`
/// (`margin-left`, `border-right`, `left`), `float`, `clear` or `text-align` set to one, or a
/// four-value `margin`/`padding`/`border-*`/`inset` whose right and left differ.
fn physical_declarations(css: &str) -> Vec<String> {
    let mut without_comments = String::new();
    let mut rest = css;
    while let Some(i) = rest.find("/*") {
        without_comments.push_str(&rest[..i]);
        rest = rest[i..].find("*/").map_or("", |j| &rest[i + j + 2..]);
    }
    without_comments.push_str(rest);
    let mut found = Vec::new();
    // Declarations sit between `{` or `;` and `;` or `}`; selectors end at `{`.
    for decl in without_comments.split(['{', '}', ';']) {
        let Some((prop, value)) = decl.split_once(':') else { continue };
        let (prop, value) = (prop.trim().to_ascii_lowercase(), value.trim().to_ascii_lowercase());
        if prop.contains(' ') || prop.is_empty() {
            continue; // a selector with a pseudo-class, not a declaration
        }
        let values: Vec<&str> = value.split_whitespace().collect();
        let physical = prop.split('-').any(|p| p == "left" || p == "right")
            || (matches!(prop.as_str(), "float" | "clear" | "text-align") && (value.contains("left") || value.contains("right")))
            || (matches!(prop.as_str(), "margin" | "padding" | "inset" | "border-width" | "border-style" | "border-color" | "border-radius") && values.len() == 4 && values[1] != values[3]);
        if physical {
            found.push(format!("{prop}: {value}"));
        }
    }
    found
}

/// Issue 19: right-to-left pages mirror by themselves because the theme's CSS names sides
/// logically only (`margin-inline-start`, `border-inline-start`, `text-align: start`).
#[test]
fn the_theme_css_uses_logical_directions_only() {
    assert_eq!(physical_declarations(".a { margin-left: 1rem; padding: 0 1rem 0 2rem; text-align: right; left: 0 } .b:hover { color: red; }"), ["margin-left: 1rem", "padding: 0 1rem 0 2rem", "text-align: right", "left: 0"]);
    assert!(physical_declarations(".a { margin-inline-start: 1rem; padding: 0 1rem 0 1rem; text-align: start; inset-inline-start: 0; background: linear-gradient(to right, #fff, #000) left center; }").is_empty());
    let folder = example_root().join("themes/default/static");
    let mut checked = 0;
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "css") {
            checked += 1;
            assert_eq!(physical_declarations(&read(&path)), Vec::<String>::new(), "{} names physical sides", path.display());
        }
    }
    assert!(checked >= 3, "style.css, search.css and oogo.css");
}
