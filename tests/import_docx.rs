//! `passend import plan.docx`: a Word document is read as structure (heading styles, lists,
//! tables, footnotes, bold, italic, links), and files that are not Word documents are refused
//! with a clear error. The document is zipped here from readable XML parts in
//! tests/fixtures/import/docx/, written by hand the way Word writes them (Dutch style ids
//! `Kop1`, `Titel`, `Lijstalinea`).

mod common;
use common::*;
use std::io::Write;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/docx").join(name)
}

/// Zip every file under `dir` (paths relative to it) into a `.docx`.
fn zip_dir(dir: &Path, to: &Path) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut files: Vec<PathBuf> = walk(dir);
    files.sort();
    for path in files {
        let name = path.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
        zip.start_file(name, options).unwrap();
        zip.write_all(&std::fs::read(&path).unwrap()).unwrap();
    }
    zip.finish().unwrap();
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn import(dir: &TempDir, plan: &Path) -> Run {
    passend(&["import", plan.to_str().unwrap(), "--output", dir.path().join("out").to_str().unwrap()])
}

#[test]
fn a_word_document_gives_chapters_sections_lists_tables_and_footnotes() {
    let dir = TempDir::new("docx");
    let plan = dir.path().join("plan.docx");
    zip_dir(&fixture("kop-stijlen"), &plan);
    let run = import(&dir, &plan);
    assert!(run.success, "{}\n{}", run.stdout, run.stderr);
    let out = dir.path().join("out");
    let mut names: Vec<String> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["01-onze-koers.md", "02-geld.md", "03-bijlage-1-adressen.md", "IMPORT-REPORT.md", "afbeeldingen"], "{}", run.stdout);
    names.truncate(3);

    let koers = read(&out.join("01-onze-koers.md"));
    let body = koers.split_once("\n+++\n").unwrap().1;
    assert_eq!(
        body,
        "Wij willen dat **elk kind** een plek vindt die past, samen met ouders[^1]. Dat vraagt *tijd* en geduld; IQ \\< 70 is geen reden om af te wijzen.\n\n\
         ## 1.1 Onze speerpunten\n\n\
         De speerpunten zijn:\n\n\
         1. Een sterke basis in elke klas\n\
         \x20  - een mentor voor elke leerling\n\
         \x20  - een vaste aanpak bij pesten\n\
         2. Geen kind thuis\n\n\
         ### Wie helpt ouders\n\n\
         Ouders kunnen terecht bij [het steunpunt](https://www.heuvelrand.example/steunpunt). Het steunpunt:\n\n\
         - luistert naar de vraag;\n\
         - gaat mee naar school[^2].\n\n\
         [^1]: Met ouders bedoelen wij ook verzorgers \\& voogden.\n\n\
         [^2]: Zie het jaarverslag over 2025.\n"
    );
    assert!(koers.contains("title = \"Onze koers\""), "{koers}");
    let geld = read(&out.join("02-geld.md"));
    assert!(
        geld.ends_with("De begroting in hoofdlijnen:\n\n| Post | 2026 | 2027 |\n| --- | --- | --- |\n| Arrangementen \\| extra | 910.000 | 935.000 |\n| Totaal |  | 1.381.000 |\n"),
        "{geld}"
    );
    let bijlage = read(&out.join("03-bijlage-1-adressen.md"));
    assert!(bijlage.contains("title = \"Bijlage 1: Adressen\""), "{bijlage}");
    // The image with its alt text is copied (the same bytes) and shown after its paragraph.
    assert!(bijlage.ends_with("De adressen staan op de website.\n\n![Kaart van de vier gemeenten](/afbeeldingen/afbeelding-1.png)\n"), "{bijlage}");
    assert_eq!(std::fs::read(out.join("afbeeldingen/afbeelding-1.png")).unwrap(), std::fs::read(fixture("kop-stijlen/word/media/image1.png")).unwrap());
    assert!(run.stdout.contains("Afbeeldingen overgenomen: 1 (afbeelding-1.png)"), "{}", run.stdout);
    // The report has the outline, with paragraph numbers, like a text import.
    assert!(run.stdout.contains("Indeling: 5 koppen\n  regel     3  # 1. Onze koers\n  regel     5    ## 1.1 Onze speerpunten\n"), "{}", run.stdout);
    assert!(run.stdout.contains("  regel    26  # Bijlage 1: Adressen\n"), "{}", run.stdout);
    // The title paragraph and the table of contents are not chapters; the image is reported.
    assert!(!run.stdout.contains("Inhoud"), "{}", run.stdout);
    assert!(run.stdout.contains("plan.docx:15: waarschuwing: afbeelding zonder alt-tekst niet overgenomen; TODO"), "{}", run.stdout);
    assert!(run.stdout.contains("Voetnoten: 2 gevonden, 2 gekoppeld"), "{}", run.stdout);

    // The chapters pass `passend check` in a copy of the example site.
    let site = copy_example("docx-check");
    for name in &names {
        std::fs::copy(out.join(name), site.path().join("content/plan").join(name)).unwrap();
    }
    let check = passend(&["check", "--root", site.path().to_str().unwrap(), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&check.stdout).unwrap();
    assert_eq!(json["errors"].as_u64(), Some(0), "{}", check.stdout);
}

#[test]
fn an_opendocument_text_is_read_the_same_way() {
    let dir = TempDir::new("odt");
    let plan = dir.path().join("plan.odt");
    zip_dir(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/odt/notities"), &plan);
    let run = import(&dir, &plan);
    assert!(run.success, "{}\n{}", run.stdout, run.stderr);
    let out = dir.path().join("out");
    let wie = read(&out.join("01-wie-wij-zijn.md"));
    assert_eq!(
        wie.split_once("\n+++\n").unwrap().1,
        "Passend Heuvelrand werkt met *alle* scholen in de regio[^1]. Meer staat op [onze website](https://www.heuvelrand.example/over).\n\n\
         ## 1.1 Onze afspraken\n\n\
         1. Elke school heeft een ondersteuningsteam.\n\
         \x20  1. met de intern begeleider;\n\
         \x20  2. met een orthopedagoog.\n\
         2. Ouders praten mee.\n\n\
         - geen wachtlijst;\n\
         - een vast aanspreekpunt.\n\n\
         [^1]: Ook de scholen voor speciaal onderwijs \\& praktijkonderwijs.\n"
    );
    let geld = read(&out.join("02-geld.md"));
    assert!(geld.ends_with("+++\nDe regio:\n\n![Kaart van de regio Heuvelrand](/afbeeldingen/afbeelding-1.png)\n\n| Post | 2026 |\n| --- | --- |\n| Arrangementen | 910.000 |\n"), "{geld}");
    assert_eq!(std::fs::read(out.join("afbeeldingen/afbeelding-1.png")).unwrap(), std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/odt/notities/Pictures/kaart.png")).unwrap());
    assert!(run.stdout.contains("(15 alinea's, OpenDocument-tekst (.odt))"), "{}", run.stdout);
    assert!(run.stdout.contains("Indeling: 3 koppen\n  regel     1  # 1. Wie wij zijn\n  regel     3    ## 1.1 Onze afspraken\n"), "{}", run.stdout);
}

/// Each bad input gives one clear error on stderr, exit status 1, no panic and nothing written.
#[test]
fn bad_input_is_refused_with_a_clear_error() {
    let dir = TempDir::new("bad-docx");
    let zip_of = |name: &str, parts: &[(&str, &[u8])]| {
        let path = dir.path().join(name);
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        for (part, data) in parts {
            zip.start_file(*part, zip::write::SimpleFileOptions::default()).unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap();
        path
    };
    let write = |name: &str, data: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, data).unwrap();
        path
    };
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend_from_slice(&[0; 504]);
    let cases: Vec<(PathBuf, &str)> = vec![
        (write("leeg.txt", b""), "leeg.txt: het bestand bevat geen tekst"),
        (write("binair.txt", &[0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]), "binair.txt:1:5: het bestand bevat NUL-bytes"),
        (write("kapot.docx", b"PK\x03\x04 dit is geen zip"), "kapot.docx: het bestand begint als een zip-bestand (zoals .docx), maar is beschadigd"),
        (zip_of("foto's.docx", &[("foto.jpg", b"\xff\xd8\xff")]), "foto's.docx: het zip-bestand bevat geen word/document.xml of content.xml en is dus geen Word- of OpenDocument-tekst"),
        (zip_of("leeg.odt", &[("mimetype", b"application/vnd.oasis.opendocument.text")]), "leeg.odt: het OpenDocument-bestand (.odt) bevat geen content.xml"),
        (zip_of("stuk.odt", &[("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", b"<office:text><text:p>a</text:h>")]), "stuk.odt: content.xml:1:"),
        (write("geheim.docx", &ole), "geheim.docx: het bestand is een versleuteld Word-document (met wachtwoord) of een oud .doc-bestand"),
        (zip_of("stuk.docx", &[("word/document.xml", b"<w:document><w:body><w:p></w:body>")]), "stuk.docx: word/document.xml:1:"),
        (write("plan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), "plan.pdf: dit is een PDF-bestand"),
        (write("nullen.txt", &vec![0u8; 50 * 1024 * 1024]), "nullen.txt:1:1: het bestand bevat NUL-bytes"),
    ];
    for (path, expected) in cases {
        let run = import(&dir, &path);
        assert!(!run.success, "{} accepted: {}", path.display(), run.stdout);
        assert!(run.stderr.contains(expected), "{}: {}", path.display(), run.stderr);
        assert!(run.stderr.contains("hint:") || expected.contains("geen tekst"), "{}: a hint says what to do: {}", path.display(), run.stderr);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        assert!(!dir.path().join("out").exists(), "nothing written for {}", path.display());
    }
}
