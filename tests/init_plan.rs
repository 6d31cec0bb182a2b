//! `passend init DIR --plan PLAN`: a new site made from an existing plan (text or Word
//! document) builds at once, holds no example content, has the facts the plan states in
//! `passend.toml`, and `passend check` names what is left to do.

mod common;
use common::*;
use std::io::Write;
use std::path::{Path, PathBuf};

fn manifest(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Every file under `dir`, relative, sorted.
fn tree(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()) {
        out.push(entry.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"));
    }
    out.sort();
    out
}

/// Build and check the site: the build succeeds, check finds no errors, and every warning is
/// a to-do (a `# TODO` field, a missing samenvatting, a legal element no chapter covers yet).
fn builds_with_only_todos(site: &Path) -> Vec<String> {
    let build = passend(&["build", "--root", site.to_str().unwrap()]);
    assert!(build.success, "{}\n{}", build.stdout, build.stderr);
    let check = passend(&["check", "--root", site.to_str().unwrap(), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&check.stdout).unwrap();
    assert_eq!(json["errors"].as_u64(), Some(0), "{}", check.stdout);
    let messages: Vec<String> = json["diagnostics"].as_array().unwrap().iter().map(|d| d["message"].as_str().unwrap().to_string()).collect();
    for m in &messages {
        assert!(m.starts_with("nog te doen: ") || m.contains("geen `samenvatting`") || m.contains("wettelijk verplichte onderdeel"), "not a to-do: {m}");
    }
    messages
}

#[test]
fn a_site_from_a_plan_text_with_its_facts_and_no_example_content() {
    let dir = TempDir::new("init-plan");
    let site = dir.path().join("site");
    let run = passend(&["init", site.to_str().unwrap(), "--plan", manifest("tests/fixtures/import/ondersteuningsplan-beekdal.txt").to_str().unwrap()]);
    assert!(run.success, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(
        tree(&site),
        [
            ".gitignore",
            "IMPORT-REPORT.md",
            "content/plan/01-visie-en-ambitie.md",
            "content/plan/02-ondersteuning-in-en-om-de-school.md",
            "content/plan/03-toelaatbaarheid-en-terugplaatsing.md",
            "content/plan/04-bijlage-1-begroting.md",
            "content/steunpunt/index.md",
            "passend.toml",
        ]
    );
    let config = read(&site.join("passend.toml"));
    assert!(config.contains("\nnaam = \"Samenwerkingsverband Passend Beekdal\" # uit het plan, regel 2: controleer\n"), "{config}");
    assert!(config.contains("\nstart = 2025 # uit het plan, regel 1\neind = 2029\n"), "{config}");
    assert!(config.contains("gemeenten = [\"Voorbeeldstad\", \"Dorpwijk\"] # TODO: de gemeenten van het werkgebied"), "{config}");
    assert!(run.stdout.contains("  naam: Samenwerkingsverband Passend Beekdal (regel 2)\n"), "{}", run.stdout);
    assert!(run.stdout.contains("Niet gevonden, met TODO in passend.toml: code, sector, regio, gemeenten, base_url, steunpunt"), "{}", run.stdout);
    assert!(read(&site.join("IMPORT-REPORT.md")).contains("Hoofdstukken: 4 gevonden"));
    let todos = builds_with_only_todos(&site);
    assert!(todos.iter().any(|m| m == "nog te doen: de gemeenten van het werkgebied"), "{todos:?}");
}

#[test]
fn a_site_from_a_word_document() {
    let dir = TempDir::new("init-docx");
    let plan = dir.path().join("plan.docx");
    let parts = manifest("tests/fixtures/import/docx/kop-stijlen");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&plan).unwrap());
    for entry in walkdir::WalkDir::new(&parts).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()) {
        let name = entry.path().strip_prefix(&parts).unwrap().to_string_lossy().replace('\\', "/");
        zip.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(&std::fs::read(entry.path()).unwrap()).unwrap();
    }
    zip.finish().unwrap();
    let site = dir.path().join("site");
    let run = passend(&["init", site.to_str().unwrap(), "--plan", plan.to_str().unwrap()]);
    assert!(run.success, "{}\n{}", run.stdout, run.stderr);
    assert!(site.join("content/plan/02-geld.md").is_file());
    assert!(!site.join("schools").exists(), "no example school");
    // The document's image is in the site's static folder, where the chapter points.
    assert!(read(&site.join("content/plan/03-bijlage-1-adressen.md")).contains("](/afbeeldingen/afbeelding-1.png)"));
    assert!(site.join("static/afbeeldingen/afbeelding-1.png").is_file());
    builds_with_only_todos(&site);
    assert!(site.join("public/afbeeldingen/afbeelding-1.png").is_file(), "the build publishes it");
}

#[test]
fn nothing_is_written_when_the_plan_cannot_be_read_or_the_folder_is_in_use() {
    let dir = TempDir::new("init-bad");
    let bad = dir.path().join("plan.docx");
    std::fs::write(&bad, b"PK\x03\x04 kapot").unwrap();
    let site = dir.path().join("site");
    let run = passend(&["init", site.to_str().unwrap(), "--plan", bad.to_str().unwrap()]);
    assert!(!run.success);
    assert!(run.stderr.contains("plan.docx: het bestand begint als een zip-bestand"), "{}", run.stderr);
    assert!(!site.exists());
    std::fs::create_dir_all(&site).unwrap();
    std::fs::write(site.join("notities.txt"), "van mij").unwrap();
    let run = passend(&["init", site.to_str().unwrap(), "--plan", manifest("tests/fixtures/import/ondersteuningsplan-beekdal.txt").to_str().unwrap()]);
    assert!(!run.success);
    assert!(run.stderr.contains("bestaat al en is niet leeg"), "{}", run.stderr);
    assert_eq!(tree(&site), ["notities.txt"]);
}

/// The real plan from ../shared/seeds when it is there (CI has it; see tests/import.rs).
#[test]
fn a_site_from_the_seed_plan() {
    let plan = manifest("../shared/seeds/001_e38221e5d0d18345.txt");
    if !plan.is_file() {
        assert_ne!(std::env::var("CI").as_deref(), Ok("true"), "the seed plan {} is missing in CI", plan.display());
        eprintln!("skipped: {} is not present", plan.display());
        return;
    }
    let dir = TempDir::new("init-seed");
    let site = dir.path().join("site");
    let run = passend(&["init", site.to_str().unwrap(), "--plan", plan.to_str().unwrap()]);
    assert!(run.success, "{}\n{}", run.stdout, run.stderr);
    let config = read(&site.join("passend.toml"));
    assert!(config.contains("\nsector = \"vo\""), "{config}");
    assert!(config.contains("\"Gouda\"") && config.contains("\"Alphen aan den Rijn\"") && config.contains("\"Nieuwkoop\""), "{config}");
    assert!(config.contains("\nstart = 2022 "), "{config}");
    builds_with_only_todos(&site);
}

/// A po plan that mentions lwoo and praktijkonderwijs (where its pupils go next) gets no
/// suggestion of the vo-only legal element `lwoo-pro`: the site would link to a part of the
/// verantwoording it does not have.
#[test]
fn suggested_legal_elements_fit_the_sector_the_plan_is_for() {
    let dir = TempDir::new("init-po");
    let plan = dir.path().join("plan.txt");
    std::fs::write(
        &plan,
        "1. Na de basisschool\n\nDe basisscholen van Samenwerkingsverband Passend Heuvelrand bereiden leerlingen voor op het\nvoortgezet onderwijs. Sommige leerlingen gaan naar het praktijkonderwijs of krijgen lwoo; de\nbasisschool bespreekt dat met de ouders. Het primair onderwijs in de regio werkt daarvoor samen.\nElke basisschool heeft een intern begeleider voor het primair onderwijs.\n",
    )
    .unwrap();
    let site = dir.path().join("site");
    let run = passend(&["init", site.to_str().unwrap(), "--plan", plan.to_str().unwrap()]);
    assert!(run.success, "{}\n{}", run.stdout, run.stderr);
    let import = passend(&["import", plan.to_str().unwrap(), "--output", dir.path().join("out").to_str().unwrap()]);
    assert!(import.success);
    assert!(read(&dir.path().join("out/01-na-de-basisschool.md")).contains("\"lwoo-pro\""), "the import alone suggests it");
    assert!(read(&site.join("passend.toml")).contains("\nsector = \"po\""));
    let chapter = read(&site.join("content/plan/01-na-de-basisschool.md"));
    assert!(!chapter.contains("lwoo-pro") && chapter.contains("wettelijke_onderdelen = ["), "{chapter}");
    builds_with_only_todos(&site);
}

/// A plan whose text holds a meerjarenbegroting, deelnamepercentages and a list of schools:
/// the report names each with its lines, the budget and the percentages become drafts in
/// content/data/concept/ that the build does not read and `passend check` lists as to-dos, and
/// a draft moved into content/data/ is a valid data file (its totals add up).
#[test]
fn data_in_the_plan_text_becomes_draft_data_files() {
    let dir = TempDir::new("init-data");
    let plan = dir.path().join("plan.txt");
    std::fs::write(
        &plan,
        "1. Geld en cijfers\n\nSamenwerkingsverband Passend Rivierenland verdeelt het geld over de scholen in de regio.\n\nMeerjarenbegroting 2026 2027 2028\nBaten\nRijksbijdrage 2.400.000 2.380.000 2.350.000\nBijdrage gemeenten 60.000 60.000 60.000\nTotale baten 2.460.000 2.440.000 2.410.000\nLasten\nSchoolbudgetten 1.500.000 1.480.000 1.460.000\nArrangementen 900.000 900.000 890.000\nBureau 120.000 118.000 116.000\nTotale lasten 2.520.000 2.498.000 2.466.000\nResultaat -60.000 -58.000 -56.000\n\nDe tekorten komen uit de reserve.\n\nDe deelnamepercentages op 1 oktober 2025:\nSpeciaal basisonderwijs 2,1%\nSpeciaal onderwijs 1,7%\n\nDe scholen voor speciaal onderwijs zijn:\nSbo De Brug\nSo De Kade\nVso Het Veer\n\nZij werken samen met de reguliere scholen in de regio.\n",
    )
    .unwrap();
    let site = dir.path().join("site");
    let run = passend(&["init", site.to_str().unwrap(), "--plan", plan.to_str().unwrap()]);
    assert!(run.success, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("Gegevens in de tekst: meerjarenbegroting 2026-2028 met 5 posten (regels 5-15)"), "{}", run.stdout);
    assert!(run.stdout.contains("Gegevens in de tekst: deelnamepercentages (2 regels) (regels 20-21)"), "{}", run.stdout);
    assert!(run.stdout.contains("lijst van 3 scholen"), "{}", run.stdout);
    assert!(run.stdout.contains("  content/data/concept/begroting.toml: meerjarenbegroting 2026-2028 met 5 posten (regels 5-15)"), "{}", run.stdout);
    let draft = read(&site.join("content/data/concept/begroting.toml"));
    assert!(draft.starts_with("# CONCEPT: meerjarenbegroting"), "{draft}");
    assert!(draft.contains("[[lasten]] # regel 12\npost = \"Arrangementen\"\nbedragen = [900000, 900000, 890000]\n"), "{draft}");
    assert!(draft.contains("resultaat = [-60000, -58000, -56000]"), "{draft}");
    assert!(read(&site.join("content/data/concept/kengetallen.toml")).contains("label = \"Speciaal basisonderwijs\""));
    let todos = builds_with_only_todos(&site);
    assert!(todos.iter().any(|m| m == "nog te doen: meerjarenbegroting uit het plan controleren en verplaatsen naar content/data/begroting.toml"), "{todos:?}");
    assert!(todos.iter().any(|m| m.starts_with("nog te doen: deelnamepercentages uit het plan controleren")), "{todos:?}");
    // Checked and moved: the build reads it, and its declared totals agree with the posts.
    std::fs::rename(site.join("content/data/concept/begroting.toml"), site.join("content/data/begroting.toml")).unwrap();
    let check = passend(&["check", "--root", site.to_str().unwrap()]);
    assert!(check.success, "{}\n{}", check.stdout, check.stderr);
    assert!(!check.stderr.contains("begroting.toml") && !check.stdout.contains("content/data/begroting.toml:"), "{}\n{}", check.stdout, check.stderr);
}
