//! The foundation's acceptance tests: `passend build` on the example site, bad inputs that must
//! fail with precise errors while leaving the previous output intact, determinism, and `init`.

mod common;
use common::*;
use std::path::Path;

fn build(root: &Path) -> Run {
    passend(&["build", "--root", root.to_str().unwrap()])
}

#[test]
fn example_site_builds_every_page() {
    let site = copy_example("example");
    let run = build(site.path());
    assert!(run.success, "build failed:\n{}", run.stderr);
    let public = site.path().join("public");
    let index = read(&public.join("index.html"));
    assert!(index.contains("Samenwerkingsverband Passend Onderwijs Lindeveld"));
    assert!(public.join("404.html").is_file());
    assert!(read(&public.join("_headers")).contains("Content-Security-Policy: default-src 'self'"), "security headers for static hosts");
    assert!(index.contains("href=\"/toegankelijkheid/\""), "the footer links the toegankelijkheidsverklaring");
    assert!(read(&public.join("toegankelijkheid/index.html")).contains("voldoet gedeeltelijk"), "the statement comes from passend.toml");

    let sitemap = read(&public.join("sitemap.xml"));
    let chapters: Vec<_> = std::fs::read_dir(site.path().join("content/plan")).unwrap().filter_map(Result::ok).filter(|e| e.path().extension().is_some_and(|x| x == "md")).collect();
    assert!(chapters.len() >= 10, "the example plan has at least 10 chapters");
    for entry in chapters {
        let stem = entry.path().file_stem().unwrap().to_string_lossy().into_owned();
        let slug = stem.split_once('-').unwrap().1.to_string();
        let page = read(&public.join("plan").join(&slug).join("index.html"));
        let source = read(&entry.path());
        let title = source.lines().find_map(|l| l.strip_prefix("title = \"")).unwrap().trim_end_matches('"');
        // (Long words in a title carry soft hyphens, invisible unless the line breaks there.)
        assert!(page.replace('\u{AD}', "").contains(&format!("<h1>{title}</h1>")), "chapter {slug} shows its title");
        assert!(sitemap.contains(&format!("/plan/{slug}/</loc>")), "sitemap lists {slug}");
    }
    let schools: Vec<_> = std::fs::read_dir(site.path().join("schools")).unwrap().filter_map(Result::ok).collect();
    assert!(schools.len() >= 40);
    for entry in schools {
        let id = entry.path().file_stem().unwrap().to_string_lossy().to_lowercase();
        let page = read(&public.join("scholen").join(&id).join("index.html"));
        let source = read(&entry.path());
        let name = source.lines().find_map(|l| l.strip_prefix("naam = \"")).unwrap().trim_end_matches('"');
        assert!(page.replace('\u{AD}', "").contains(&format!("<h1>{}</h1>", name.replace('\'', "&#39;"))), "school page {id} shows {name}");
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let site = copy_example("determinism");
    let a = TempDir::new("out-a");
    let b = TempDir::new("out-b");
    let root = site.path().to_str().unwrap();
    assert!(passend(&["build", "--root", root, "--output", a.path().join("p").to_str().unwrap()]).success);
    assert!(passend(&["build", "--root", root, "--output", b.path().join("p").to_str().unwrap()]).success);
    let (sa, sb) = (snapshot(&a.path().join("p")), snapshot(&b.path().join("p")));
    assert!(sa.len() > 60);
    assert_eq!(sa.keys().collect::<Vec<_>>(), sb.keys().collect::<Vec<_>>());
    for (path, bytes) in &sa {
        assert!(bytes == &sb[path], "{} differs between builds", path.display());
    }
}

#[test]
fn init_creates_a_site_that_builds() {
    let tmp = TempDir::new("init");
    let dir = tmp.path().join("nieuw");
    let run = passend(&["init", dir.to_str().unwrap()]);
    assert!(run.success, "{}", run.stderr);
    assert!(read(&dir.join("passend.toml")).contains("# "), "the config explains its fields");
    let run = build(&dir);
    assert!(run.success, "a fresh init site builds:\n{}", run.stderr);
    assert!(dir.join("public/plan/basisondersteuning/index.html").is_file());
    assert!(dir.join("public/assets/style.css").is_file(), "the built-in theme is used");
    let again = passend(&["init", dir.to_str().unwrap()]);
    assert!(!again.success, "init refuses a folder that is not empty");
}

/// Build the site once, break it with `breakage`, build again: the second build must fail with
/// every `expected` fragment in its output and leave public/ byte-for-byte as it was.
fn assert_bad_input(label: &str, breakage: impl FnOnce(&Path), expected: &[&str]) {
    let site = copy_example(label);
    let first = build(site.path());
    assert!(first.success, "{}", first.stderr);
    let before = snapshot(&site.path().join("public"));
    breakage(site.path());
    let run = build(site.path());
    assert!(!run.success, "{label}: the build should fail");
    for fragment in expected {
        assert!(run.stderr.contains(fragment), "{label}: expected {fragment:?} in:\n{}", run.stderr);
    }
    assert!(run.stderr.contains("hint: "), "{label}: every error comes with a hint");
    let after = snapshot(&site.path().join("public"));
    assert!(before == after, "{label}: public/ changed after a failed build");
}

#[test]
fn malformed_front_matter() {
    assert_bad_input(
        "toml",
        |root| edit(&root.join("content/plan/03-basisondersteuning.md"), "title = \"", "title = \"Basis\nmist = \""),
        &["content/plan/03-basisondersteuning.md:2:", "ongeldige TOML"],
    );
}

#[test]
fn unknown_front_matter_key_suggests_the_right_one() {
    assert_bad_input(
        "unknown-key",
        |root| edit(&root.join("content/plan/05-toelaatbaarheid.md"), "samenvatting =", "samenvating ="),
        &["content/plan/05-toelaatbaarheid.md:", "onbekende sleutel `samenvating`", "bedoelde u `samenvatting`?"],
    );
}

#[test]
fn missing_title() {
    assert_bad_input(
        "no-title",
        |root| {
            let path = root.join("content/plan/02-organisatie.md");
            let text = read(&path);
            let without: Vec<&str> = text.lines().filter(|l| !l.starts_with("title =")).collect();
            std::fs::write(&path, without.join("\n")).unwrap();
        },
        &["content/plan/02-organisatie.md:2:1", "verplichte sleutel `title` ontbreekt"],
    );
}

#[test]
fn two_chapters_with_the_same_slug() {
    assert_bad_input(
        "same-slug",
        |root| {
            std::fs::copy(root.join("content/plan/03-basisondersteuning.md"), root.join("content/plan/13-basisondersteuning.md")).unwrap();
        },
        &["content/plan/13-basisondersteuning.md:1:1", "slug `basisondersteuning` bestaat al in content/plan/03-basisondersteuning.md"],
    );
}

#[test]
fn broken_internal_link_and_anchor() {
    assert_bad_input(
        "links",
        |root| {
            let path = root.join("content/plan/01-missie-en-visie.md");
            let text = read(&path) + "\nZie [de route](@/plan/05-toelaatbaarheid.md#bestaat-niet) en [dit](@/plan/99-weg.md).\n";
            std::fs::write(&path, text).unwrap();
        },
        &["de pagina `/plan/toelaatbaarheid/` heeft geen anker `#bestaat-niet`", "link naar onbekend bestand `@/plan/99-weg.md`", "content/plan/01-missie-en-visie.md:"],
    );
}

#[test]
fn school_in_a_gemeente_outside_the_region() {
    assert_bad_input(
        "gemeente",
        |root| {
            let path = std::fs::read_dir(root.join("schools")).unwrap().filter_map(Result::ok).map(|e| e.path()).find(|p| read(p).contains("gemeente = \"Rietmeer\"")).unwrap();
            edit(&path, "gemeente = \"Rietmeer\"", "gemeente = \"Rietmeerr\"");
        },
        &["gemeente `Rietmeerr` hoort niet bij het werkgebied", "bedoelde u `Rietmeer`?"],
    );
}

#[test]
fn file_that_is_not_utf8_is_named_and_a_bom_is_accepted() {
    assert_bad_input(
        "utf8",
        |root| {
            let path = root.join("content/plan/04-extra-ondersteuning.md");
            let mut bytes = std::fs::read(&path).unwrap();
            let at = bytes.iter().position(|b| *b == b'\n').unwrap() + 1;
            bytes.insert(at + 3, 0xE9); // Latin-1 'é' in the second line
            std::fs::write(&path, bytes).unwrap();
            let bom_path = root.join("content/plan/06-terugplaatsing-en-overstap.md");
            let mut with_bom = b"\xEF\xBB\xBF".to_vec();
            with_bom.extend(std::fs::read(&bom_path).unwrap());
            std::fs::write(&bom_path, with_bom).unwrap();
        },
        &["content/plan/04-extra-ondersteuning.md:2:4", "geen UTF-8"],
    );
}

#[test]
fn template_error_names_template_and_line() {
    assert_bad_input(
        "template",
        |root| {
            std::fs::create_dir_all(root.join("templates")).unwrap();
            std::fs::write(root.join("templates/404.html"), "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ page.titel }</p>\n{% endblock content %}\n").unwrap();
        },
        &["templates/404.html:3:", "fout in template `404.html`"],
    );
}

#[test]
fn all_errors_of_a_run_are_reported_together() {
    assert_bad_input(
        "many",
        |root| {
            edit(&root.join("content/plan/02-organisatie.md"), "samenvatting =", "samenvating =");
            let school = std::fs::read_dir(root.join("schools")).unwrap().filter_map(Result::ok).map(|e| e.path()).find(|p| read(p).contains("gemeente = \"Vlietdam\"")).unwrap();
            edit(&school, "gemeente = \"Vlietdam\"", "gemeente = \"Amsterdam\"");
            let path = root.join("content/steunpunt/contact.md");
            std::fs::write(&path, read(&path) + "\n[kapot](@/plan/05-toelaatbaarheid.md#nergens)\n").unwrap();
        },
        &["samenvating", "Amsterdam", "nergens"],
    );
}

#[test]
fn check_reports_json_and_strict_turns_warnings_into_errors() {
    let site = copy_example("check");
    let root = site.path().to_str().unwrap();
    let run = passend(&["check", "--root", root, "--format", "json"]);
    assert!(run.success, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["errors"], 0);
    let warnings = report["warnings"].as_u64().unwrap();
    assert!(warnings > 0, "the example has out-of-date school profiles, which are warnings");
    let strict = passend(&["check", "--root", root, "--strict", "--format", "json"]);
    assert!(!strict.success);
    let report: serde_json::Value = serde_json::from_str(&strict.stdout).unwrap();
    assert_eq!(report["errors"].as_u64().unwrap(), warnings);
    assert!(report["diagnostics"][0]["file"].as_str().unwrap().len() > 3);
    assert!(report["diagnostics"][0]["line"].as_u64().unwrap() >= 1);
    assert!(!site.path().join("public").exists(), "check writes nothing");
}

#[test]
fn output_directory_not_made_by_passend_is_refused() {
    let site = copy_example("foreign");
    let foreign = site.path().join("mijn-documenten");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("brief.txt"), "bewaren").unwrap();
    let run = passend(&["build", "--root", site.path().to_str().unwrap(), "--output", foreign.to_str().unwrap()]);
    assert!(!run.success);
    assert!(run.stderr.contains("niet door passend gemaakt"), "{}", run.stderr);
    assert_eq!(read(&foreign.join("brief.txt")), "bewaren");
}

#[test]
fn a_logo_from_the_sites_static_folder_is_in_every_header() {
    let site = copy_example("logo");
    std::fs::create_dir_all(site.path().join("static")).unwrap();
    std::fs::write(site.path().join("static/logo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap();
    edit(&site.path().join("passend.toml"), "accent_kleur = \"#a8431a\"\n", "accent_kleur = \"#a8431a\"\nlogo = \"logo.svg\"\n");
    let run = build(site.path());
    assert!(run.success, "build failed:\n{}", run.stderr);
    let public = site.path().join("public");
    assert!(public.join("logo.svg").is_file());
    for page in ["index.html", "scholen/index.html", "en/index.html"] {
        assert!(read(&public.join(page)).contains("<img src=\"/logo.svg\" alt=\"\" class=\"logo\">"), "{page} shows the logo");
    }
}

#[test]
fn a_chapter_naming_an_element_of_the_other_sector_is_a_warning_at_its_line_not_a_broken_link() {
    let site = copy_example("other-sector");
    edit(&site.path().join("passend.toml"), "sector = \"po-vo\"", "sector = \"po\"");
    let run = build(site.path());
    assert!(run.success, "a po site with a chapter that names lwoo-pro builds:\n{}", run.stderr);
    assert!(run.stderr.contains("content/plan/07-lwoo-en-praktijkonderwijs.md:"), "{}", run.stderr);
    assert!(run.stderr.contains("wettelijk onderdeel `lwoo-pro` hoort niet bij een samenwerkingsverband voor po"), "{}", run.stderr);
    let chapter = read(&site.path().join("public/plan/lwoo-en-praktijkonderwijs/index.html"));
    assert!(!chapter.contains("#onderdeel-lwoo-pro"), "no link to an element the verantwoording does not list");
}

/// Lists that would grow past what a phone opens at national scale are split over pages (issue
/// 18): the plan's chapter lists past 250 chapters, the dekking table past 25 gemeenten. Each
/// chapter and gemeente is on exactly one page, the pages link each other, and a site that fits
/// on one page (the example) has no pager at all.
#[test]
fn long_lists_are_split_over_pages() {
    let site = copy_example("paged");
    let plan = site.path().join("content/plan");
    let existing = std::fs::read_dir(&plan).unwrap().filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "md")).count();
    let extra = passend::render::pages::LIST_PAGE + 1 - existing;
    for n in 0..extra {
        let order = 100 + n;
        std::fs::write(plan.join(format!("{order}-extra-{order}.md")), format!("+++\ntitle = \"Extra hoofdstuk {order}\"\norder = {order}\nsector = \"beide\"\nsamenvatting = \"Kort hoofdstuk {order}.\"\n+++\nTekst van hoofdstuk {order}.\n")).unwrap();
    }
    let config = site.path().join(passend::layout::CONFIG);
    let added: Vec<String> = (1..=passend::render::pages::DEKKING_COLUMNS - 5).map(|n| format!("\"Extradorp {n:02}\"")).collect();
    edit(&config, "\"Vlietdam\"]", &format!("\"Vlietdam\", {}]", added.join(", ")));
    let run = build(site.path());
    assert!(run.success, "{}", run.stderr);
    let public = site.path().join("public");
    let page = |url: &str| read(&public.join(url.trim_start_matches('/')).join("index.html"));

    let first = page("/plan/");
    let second = page("/plan/pagina/2/");
    assert!(!public.join("plan/pagina/3").exists(), "251 chapters make two pages");
    let listed = |html: &str| html.matches("<li>\n    <h2><a href=\"/plan/").count();
    assert_eq!(listed(&first) + listed(&second), passend::render::pages::LIST_PAGE + 1, "every chapter is listed once");
    assert_eq!(listed(&first), passend::render::pages::LIST_PAGE);
    assert!(second.contains("<ol class=\"chapter-list\" start=\"251\">"), "page 2 numbers on from 251");
    let (last, before) = (100 + extra - 1, 100 + extra - 2);
    assert!(second.contains(&format!("Extra hoofdstuk {last}</a>")) && first.contains(&format!("Extra hoofdstuk {before}</a>")) && !second.contains(&format!("Extra hoofdstuk {before}</a>")), "the last chapter is on page 2, the one before on page 1");
    assert!(first.contains("<a href=\"/plan/pagina/2/\" rel=\"next\">Volgende pagina</a>") && second.contains("<a href=\"/plan/\" rel=\"prev\">Vorige pagina</a>"));
    assert!(second.contains(&format!("<a href=\"/plan/pagina/2/\" aria-current=\"page\">{last}</a>")), "the page's own link says which chapters it holds");
    assert!(first.contains(&format!("<a href=\"/plan/\" aria-current=\"page\">1–{before}</a>")));
    assert!(second.contains("<title>Ondersteuningsplan 2026-2031, pagina 2 van 2"), "each page has a title of its own");
    let plain = format!("{last}. Extra hoofdstuk {last}");
    assert!(page("/plan/gewone-taal/pagina/2/").contains(&plain) && !page("/plan/gewone-taal/").contains(&plain));
    // The home pages and the search page show the first 250 chapters and link to all of them.
    let total = passend::render::pages::LIST_PAGE + 1;
    for (url, label) in [("/", format!("Alle {total} hoofdstukken van het plan")), ("/zoeken/", format!("Alle {total} hoofdstukken van het plan")), ("/en/", format!("All {total} chapters of the plan (in Dutch)"))] {
        let html = page(url);
        assert!(html.contains(&format!("Extra hoofdstuk {before}</a>")) && !html.contains(&format!("Extra hoofdstuk {last}</a>")), "{url} lists the first 250 chapters");
        assert!(html.contains(&format!("<a href=\"/plan/\">{label}</a>")), "{url} links to every chapter");
    }

    let columns = |html: &str| html.matches("<th scope=\"col\" class=\"rechts\">").count();
    let dekking = page("/scholen/dekking/");
    let rest = page("/scholen/dekking/pagina/2/");
    let sectors = dekking.matches("<table class=\"dekking\">").count();
    // Per sector a column per gemeente and one for the region.
    assert_eq!(columns(&dekking), sectors * (passend::render::pages::DEKKING_COLUMNS + 1));
    assert_eq!(columns(&rest), sectors * 2, "the 26th gemeente and the region");
    assert!(rest.contains(">Extradorp 20</th>") && !dekking.contains(">Extradorp 20</th>"));
    assert!(dekking.contains("<a href=\"/scholen/dekking/pagina/2/\">Extradorp 20</a>"), "a page of one gemeente is named by it");
    assert!(read(&public.join("sitemap.xml")).contains("/scholen/dekking/pagina/2/</loc>"));

    let example = copy_example("not-paged");
    assert!(build(example.path()).success);
    for url in ["plan", "plan/gewone-taal", "scholen/dekking"] {
        assert!(!read(&example.path().join("public").join(url).join("index.html")).contains("class=\"pager\""), "{url}: a list that fits has no pager");
    }
    for url in ["", "zoeken", "en"] {
        assert!(!read(&example.path().join("public").join(url).join("index.html")).contains("hoofdstukken van het plan</a>"), "{url}: a plan that fits is listed whole");
    }
}

/// `passend build` writes pages into its staging folder as it makes them (issue 18). A build
/// that fails only at the end, in the link check after every page was written, still leaves
/// the previous output byte for byte as it was and no staging folder behind.
#[test]
fn a_build_failing_after_its_pages_were_written_changes_nothing() {
    let site = copy_example("late-failure");
    assert!(build(site.path()).success);
    let public = site.path().join("public");
    let before = snapshot(&public);
    edit(&site.path().join("content/plan/03-basisondersteuning.md"), "## ", "Zie [de oude pagina](/plan/bestaat-niet/).\n\n## ");
    let run = build(site.path());
    assert!(!run.success, "a broken link fails the build");
    assert!(run.stderr.contains("content/plan/03-basisondersteuning.md:") && run.stderr.contains("/plan/bestaat-niet/"), "{}", run.stderr);
    assert!(snapshot(&public) == before, "the previous output is untouched");
    let left: Vec<String> = std::fs::read_dir(site.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).filter(|n| n.starts_with(".public.")).collect();
    assert!(left.is_empty(), "staging folders left behind: {left:?}");
}

/// The preview makes each file on its own when it is asked for (`build::file`, issue 18): for
/// every file of a build but the search index (made whole, in the background), the file made
/// alone is byte for byte the built one, and a path the build has no file at gets none. The
/// example site has every kind of page: addenda with versions, comparisons and their CSVs,
/// translations, OOGO documents in six formats.
#[test]
fn every_file_made_alone_equals_the_built_one() {
    for root in [example_root()] {
        let compiled = passend::compile(&root).expect("the site builds");
        let shared = passend::build::Shared::new(&compiled.site).unwrap();
        let search: std::collections::BTreeSet<String> = passend::search::index_files(&compiled.site, 1 << 20).unwrap().into_iter().map(|(path, _)| path).collect();
        let mut checked = 0;
        for path in compiled.output.paths().filter(|p| !search.contains(*p)) {
            let made = passend::build::file(&compiled.site, &shared, path).unwrap_or_else(|| panic!("{}: no file made for {path}", root.display())).expect("renders");
            assert!(made == *compiled.output.read(path).unwrap(), "{}: {path} made alone differs from the build", root.display());
            checked += 1;
        }
        assert!(checked > 200, "{checked} files compared");
        for missing in ["bestaat/niet/index.html", "plan/geen-hoofdstuk/index.html", "oogo/nergens/oogo-nergens.docx", "data/cijfers/geen.csv"] {
            assert!(passend::build::file(&compiled.site, &shared, missing).is_none(), "{missing} is not a file of the site");
        }
    }
}

/// The preview loads the site again after each edit from what it loaded before (`LoadCache`):
/// it reads and parses only the files that changed and, when the file events tell that only
/// some files' content changed (`only_changed`), looks at no other file. Every such load must
/// equal a fresh `Site::load` of the same files.
#[test]
fn a_load_from_the_cache_equals_a_fresh_load() {
    use passend::site::{LoadCache, Site};
    let dir = copy_example("load-cache");
    let root = dir.path();
    let fresh = || format!("{:?}", Site::load(root).0.expect("the example loads"));
    let cached = |cache: &mut LoadCache| format!("{:?}", Site::load_with(root, Some(cache)).0.expect("the example loads"));
    let append = |rel: &str, text: &str| {
        let path = root.join(rel);
        std::fs::write(&path, format!("{}\n{text}\n", read(&path))).unwrap();
    };
    let mut cache = LoadCache::default();
    let first = cached(&mut cache);
    assert_eq!(first, fresh(), "a load with an empty cache");

    // Edited without telling the cache what changed: it looks at every file.
    append("content/plan/02-organisatie.md", "Een zin die pas na de eerste keer laden is geschreven.");
    let second = cached(&mut cache);
    assert!(second.contains("Een zin die pas na de eerste keer laden is geschreven.") && second != first);
    assert_eq!(second, fresh(), "after an edit of a chapter");

    // Two files changed, and the cache is told so.
    append("content/plan/03-basisondersteuning.md", "Nog een zin, in een ander hoofdstuk.");
    edit(&root.join("schools/91AB00.toml"), "naam = \"OBS De Linde\"", "naam = \"OBS De Linde (nieuwe naam)\"");
    cache.only_changed(["content/plan/03-basisondersteuning.md", "schools/91AB00.toml"].into_iter().map(std::path::PathBuf::from).collect());
    let third = cached(&mut cache);
    assert!(third.contains("Nog een zin, in een ander hoofdstuk.") && third.contains("OBS De Linde (nieuwe naam)"));
    assert_eq!(third, fresh(), "after edits the cache was told of");

    // A chapter added, then removed: the folder is listed again each time.
    std::fs::write(root.join("content/plan/99-nieuw.md"), "+++\ntitle = \"Een nieuw hoofdstuk\"\norder = 99\nsector = \"beide\"\nsamenvatting = \"Kort.\"\n+++\n\nTekst van het nieuwe hoofdstuk.\n").unwrap();
    let fourth = cached(&mut cache);
    assert!(fourth.contains("Een nieuw hoofdstuk"));
    assert_eq!(fourth, fresh(), "after a chapter was added");
    std::fs::remove_file(root.join("content/plan/99-nieuw.md")).unwrap();
    let fifth = cached(&mut cache);
    assert!(!fifth.contains("Een nieuw hoofdstuk"));
    assert_eq!(fifth, fresh(), "after a chapter was removed");
}
