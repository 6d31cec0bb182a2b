//! `passend import scholen`: DUO's register of school locations into `schools/*.toml`, in place.

mod common;
use common::*;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    example_root().join("tests/fixtures/duo").join(name)
}

fn import(site: &Path, args: &[&str]) -> Run {
    let mut all = vec!["import", "scholen"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--root", site.to_str().unwrap()]);
    passend(&all)
}

/// The school files of a site, by file name.
fn schools(site: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    snapshot(&site.join("schools"))
}

#[test]
fn the_register_creates_and_updates_exactly_the_schools_of_the_configured_gemeenten() {
    let site = copy_example("duo-po");
    let before = schools(site.path());
    let run = import(site.path(), &[fixture("vestigingen-po.csv").to_str().unwrap()]);
    assert!(run.success, "{}", run.stderr);
    let after = schools(site.path());

    // New: the two schools in Lindeveld and Rietmeer the site did not have; nothing of
    // Zandhoven, which is not in passend.toml.
    let new: Vec<&PathBuf> = after.keys().filter(|k| !before.contains_key(*k)).collect();
    assert_eq!(new, [Path::new("91ZK00.toml"), Path::new("92SJ00.toml")]);
    let kompas: toml::Table = read(&site.path().join("schools/91ZK00.toml")).parse().unwrap();
    assert_eq!(kompas["naam"].as_str(), Some("CBS Het Kompas"));
    assert_eq!(kompas["gemeente"].as_str(), Some("Lindeveld"));
    assert_eq!(kompas["denominatie"].as_str(), Some("protestants-christelijk"));
    assert_eq!(kompas["adres"]["straat"].as_str(), Some("Van der Dussenstraat 5"));
    assert_eq!(kompas["adres"]["postcode"].as_str(), Some("3852 CD"));
    assert_eq!(kompas["contact"]["website"].as_str(), Some("https://www.hetkompas-lindeveld.nl"));
    assert!(kompas.get("ondersteuning").is_none(), "the register has no support profile");
    let jozef: toml::Table = read(&site.path().join("schools/92SJ00.toml")).parse().unwrap();
    assert_eq!(jozef["naam"].as_str(), Some("RKBS Sint-Jozef"));
    assert_eq!(jozef["adres"]["straat"].as_str(), Some("'t Zand 12"));
    assert_eq!((jozef["gemeente"].as_str(), jozef["adres"]["plaats"].as_str()), (Some("Rietmeer"), Some("Rietmeer")));

    // Changed: only 91AB01, whose address the register has differently; only those lines.
    let changed: Vec<&PathBuf> = before.keys().filter(|k| before[*k] != after[*k]).collect();
    assert_eq!(changed, [Path::new("91AB01.toml")]);
    let old = String::from_utf8(before[Path::new("91AB01.toml")].clone()).unwrap();
    let expected = old.replace("straat = \"Dorpsstraat 3\"", "straat = \"Kerkpad 2a\"").replace("postcode = \"3854 GK\"", "postcode = \"3854 GL\"");
    assert_eq!(read(&site.path().join("schools/91AB01.toml")), expected);
    assert!(run.stdout.contains("bijgewerkt: schools/91AB01.toml\n  adres.straat: \"Dorpsstraat 3\" -> \"Kerkpad 2a\"\n  adres.postcode: \"3854 GK\" -> \"3854 GL\"\n"), "{}", run.stdout);

    // Absent from the register: reported, not deleted.
    assert!(run.stdout.contains("niet in de bron: 91CK00 (schools/91CK00.toml)"), "{}", run.stdout);
    assert!(site.path().join("schools/91CK00.toml").is_file());
    assert!(run.stdout.contains("2 nieuw, 1 bijgewerkt, 2 ongewijzigd, 41 niet in de bron"), "{}", run.stdout);

    // The result passes the check, and importing the same register again changes nothing.
    let check = passend(&["check", "--root", site.path().to_str().unwrap()]);
    assert!(check.success, "{}", check.stderr);
    let again = import(site.path(), &[fixture("vestigingen-po.csv").to_str().unwrap()]);
    assert!(again.success, "{}", again.stderr);
    assert_eq!(schools(site.path()), after);
    assert!(again.stdout.contains("0 nieuw, 0 bijgewerkt, 5 ongewijzigd, 41 niet in de bron"), "{}", again.stdout);
}

#[test]
fn a_change_in_the_register_updates_only_identity_fields() {
    let site = copy_example("duo-change");
    let register = site.path().join("register.csv");
    let text = read(&fixture("vestigingen-po.csv"));
    std::fs::write(&register, text.replace("OBS DE RIETKRAAG;RIETLAAN;7;3861AR;RIETMEER;9902;RIETMEER;Openbaar;0341-840120", "OBS DE RIETKRAAG;MEERWEG;9;3861AS;RIETMEER;9902;RIETMEER;Openbaar;0341-840199")).unwrap();
    let before = read(&site.path().join("schools/92AR00.toml"));
    let run = import(site.path(), &[register.to_str().unwrap()]);
    assert!(run.success, "{}", run.stderr);
    let after = read(&site.path().join("schools/92AR00.toml"));
    let changed: Vec<(&str, &str)> = before.lines().zip(after.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(changed, [("straat = \"Rietlaan 7\"", "straat = \"Meerweg 9\""), ("postcode = \"3861 AR\"", "postcode = \"3861 AS\""), ("telefoon = \"0341 840 120\"", "telefoon = \"0341-840199\"")]);
    assert_eq!(before.lines().count(), after.lines().count());
}

#[test]
fn newer_column_names_and_windows_1252_are_read_with_a_warning() {
    let site = copy_example("duo-vo");
    let run = import(site.path(), &[fixture("vestigingen-vo.csv").to_str().unwrap()]);
    assert!(run.success, "{}", run.stderr);
    assert!(run.stderr.contains("vestigingen-vo.csv:3:") && run.stderr.contains("gelezen als Windows-1252"), "{}", run.stderr);
    let lyceum: toml::Table = read(&site.path().join("schools/91LC00.toml")).parse().unwrap();
    assert_eq!(lyceum["naam"].as_str(), Some("Lyceum De Lindenhof"));
    assert_eq!(lyceum["adres"]["straat"].as_str(), Some("Coöperatiestraat 3"));
    assert_eq!(lyceum["onderwijstype"].as_str(), Some("vo"));
    assert_eq!(lyceum["niveaus"].as_array().unwrap().iter().map(|n| n.as_str().unwrap()).collect::<Vec<_>>(), ["havo", "vwo"]);
    assert!(!site.path().join("schools/99ZC00.toml").exists(), "Zandhoven is not in the werkgebied");
    assert!(run.stdout.contains("1 nieuw, 0 bijgewerkt, 1 ongewijzigd"), "{}", run.stdout);
}

#[test]
fn a_brin_selection_takes_only_those_locations() {
    let site = copy_example("duo-brin");
    let before = schools(site.path());
    let run = import(site.path(), &[fixture("vestigingen-po.csv").to_str().unwrap(), "--brin", "92SJ"]);
    assert!(run.success, "{}", run.stderr);
    let after = schools(site.path());
    assert_eq!(after.len(), before.len() + 1);
    assert!(after.contains_key(Path::new("92SJ00.toml")));
    assert!(run.stdout.contains("1 nieuw, 0 bijgewerkt, 0 ongewijzigd, 0 niet in de bron"), "{}", run.stdout);

    // A school outside the werkgebied, and a BRIN the register does not have: errors, nothing written.
    let run = import(site.path(), &[fixture("vestigingen-po.csv").to_str().unwrap(), "--brin", "99ZH,91XX"]);
    assert!(!run.success);
    assert!(run.stderr.contains("OBS De Zandloper (99ZH00) ligt in gemeente `Zandhoven`, die niet bij het werkgebied hoort"), "{}", run.stderr);
    assert!(run.stderr.contains("BRIN `91XX` staat niet in het register"), "{}", run.stderr);
    assert!(run.stderr.contains("er is niets gewijzigd"));
    assert_eq!(schools(site.path()), after);
}

/// Each bad register fails with every fragment and leaves schools/ as it was.
fn assert_refused(label: &str, content: &[u8], fragments: &[&str]) {
    let site = copy_example(label);
    let before = schools(site.path());
    let file = site.path().join("register.csv");
    std::fs::write(&file, content).unwrap();
    let run = import(site.path(), &[file.to_str().unwrap()]);
    assert!(!run.success, "{label}: should fail\n{}", run.stdout);
    for f in fragments {
        assert!(run.stderr.contains(f), "{label}: expected {f:?} in\n{}", run.stderr);
    }
    assert_eq!(schools(site.path()), before, "{label}: nothing written");
}

#[test]
fn bad_registers_are_refused_with_what_is_wrong_and_nothing_written() {
    let po = read(&fixture("vestigingen-po.csv"));
    assert_refused("comma", po.replace(';', ",").as_bytes(), &["register.csv:1:1", "gescheiden door komma's, niet door puntkomma's"]);
    assert_refused("columns", po.replace("POSTCODE", "POSTKODE").replace("PLAATSNAAM", "WOONPLAATS").as_bytes(), &["kolom `POSTCODE` ontbreekt", "bedoelde u `POSTKODE`?", "kolom `PLAATSNAAM` ontbreekt"]);
    assert_refused("brin", po.replace("Gelderland;41004;92SJ;", "Gelderland;41004;9-SJ;").as_bytes(), &["register.csv:6:3", "`9-SJ` is geen BRIN-nummer"]);
    assert_refused("binary", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xff\xfe\x00\x00", &["register.csv", "geen tekst in UTF-8 of Windows-1252"]);
    assert_refused("other", "naam;plaats\nA;B\n".as_bytes(), &["geen register van DUO en geen SOP-werkblad"]);
    let site = copy_example("swv");
    let run = import(site.path(), &[fixture("vestigingen-po.csv").to_str().unwrap(), "--swv", "PO 99-01"]);
    assert!(!run.success && run.stderr.contains("--swv vraagt een kolom `SAMENWERKINGSVERBAND`"), "{}", run.stderr);
}
