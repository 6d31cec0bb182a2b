//! The SOP spreadsheet round: `passend export scholen --format xlsx`, filled in by the schools,
//! read back with `passend import scholen` into `schools/*.toml` in place.

mod common;
use calamine::{Data, Reader};
use common::*;
use std::path::{Path, PathBuf};

/// Export the workbook of the site at `site` into it, and return its path.
fn export(site: &Path) -> PathBuf {
    let file = site.join("sop-ronde.xlsx");
    let run = passend(&["export", "scholen", "--format", "xlsx", "--root", site.to_str().unwrap(), "--output", file.to_str().unwrap()]);
    assert!(run.success, "{}", run.stderr);
    file
}

fn import(site: &Path, file: &Path) -> Run {
    passend(&["import", "scholen", file.to_str().unwrap(), "--root", site.to_str().unwrap()])
}

/// The cells of the sheet `Scholen`, as calamine reads them.
fn cells(file: &Path) -> Vec<Vec<Data>> {
    let mut workbook = calamine::open_workbook_auto(file).unwrap();
    let range = workbook.worksheet_range("Scholen").unwrap();
    assert_eq!(range.start(), Some((0, 0)));
    range.rows().map(|r| r.to_vec()).collect()
}

/// (row, column) of school `id`'s cell in the column with key `key` (row 2 holds the keys).
fn find(grid: &[Vec<Data>], id: &str, key: &str) -> (usize, usize) {
    let col = grid[1].iter().position(|c| *c == Data::String(key.to_string())).unwrap_or_else(|| panic!("column {key}"));
    let row = grid.iter().position(|r| r[0] == Data::String(id.to_string())).unwrap_or_else(|| panic!("row {id}"));
    (row, col)
}

/// A copy of the workbook's schools sheet with some cells replaced, written as a new workbook
/// (as a school's spreadsheet program would save it).
fn with_cells(grid: &[Vec<Data>], changes: &[((usize, usize), &str)], to: &Path) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Scholen").unwrap();
    let date = rust_xlsxwriter::Format::new().set_num_format("dd-mm-yyyy");
    for (r, row) in grid.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r32, c16) = (r as u32, c as u16);
            if let Some((_, new)) = changes.iter().find(|(at, _)| *at == (r, c)) {
                sheet.write_string(r32, c16, *new).unwrap();
                continue;
            }
            match cell {
                Data::String(s) => sheet.write_string(r32, c16, s).map(|_| ()).unwrap(),
                Data::DateTime(d) => sheet.write_datetime_with_format(r32, c16, rust_xlsxwriter::ExcelDateTime::from_serial_datetime(d.as_f64()).unwrap(), &date).map(|_| ()).unwrap(),
                Data::Float(f) => sheet.write_number(r32, c16, *f).map(|_| ()).unwrap(),
                Data::Empty => {}
                other => panic!("unexpected cell {other:?}"),
            }
        }
    }
    workbook.save(to).unwrap();
}

#[test]
fn importing_an_unchanged_export_changes_no_byte() {
    let site = copy_example("sheet-same");
    let before = snapshot(&site.path().join("schools"));
    let file = export(site.path());
    let run = import(site.path(), &file);
    assert!(run.success, "{}", run.stderr);
    assert!(run.stdout.contains("0 nieuw, 0 bijgewerkt, 44 ongewijzigd"), "{}", run.stdout);
    assert_eq!(snapshot(&site.path().join("schools")), before);

    // The workbook itself: a row per school, identity and the profile's values in it.
    let grid = cells(&file);
    assert_eq!(grid.len(), 2 + 44);
    let (r, c) = find(&grid, "91AB00", "ondersteuning.visueel.niveau");
    assert_eq!(grid[r][c].to_string(), "arrangement");
    let (r, c) = find(&grid, "91AB00", "vastgesteld");
    assert!(matches!(grid[r][c], Data::DateTime(_)), "dates are dates: {:?}", grid[r][c]);
    let (r, c) = find(&grid, "91AB01", "expertise");
    assert_eq!(grid[r][c].to_string(), "leesspecialist; gedragsspecialist; Kanjertraining");
    let (r, c) = find(&grid, "91AB00", "lift");
    assert_eq!(grid[r][c].to_string(), "ja");

    // Identity locked, levels a dropdown, the sheet protected: in the workbook's XML.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&file).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(), &mut xml).unwrap();
    assert!(xml.contains("<sheetProtection"), "the sheet is protected");
    assert!(xml.contains("<formula1>\"extra,arrangement,basis,niet\"</formula1>"), "levels are a dropdown");
    assert!(xml.contains("<formula1>\"ja,nee\"</formula1>"), "accessibility is ja/nee");
}

#[test]
fn three_changed_cells_change_exactly_those_values_and_keep_comments() {
    let site = copy_example("sheet-three");
    let before = snapshot(&site.path().join("schools"));
    let file = export(site.path());
    let grid = cells(&file);
    let level = find(&grid, "91AB01", "ondersteuning.dyslexie.niveau");
    let uitleg = find(&grid, "91AB01", "ondersteuning.dyslexie.uitleg");
    let stilte = find(&grid, "91AB01", "stilteruimte");
    let changed = site.path().join("ingevuld.xlsx");
    with_cells(&grid, &[(level, "arrangement"), (uitleg, "Elke dag leesbegeleiding in een klein groepje."), (stilte, "ja")], &changed);

    let run = import(site.path(), &changed);
    assert!(run.success, "{}", run.stderr);
    let after = snapshot(&site.path().join("schools"));
    let differing: Vec<&PathBuf> = before.keys().filter(|k| before[*k] != after[*k]).collect();
    assert_eq!(differing, [Path::new("91AB01.toml")]);
    let old = String::from_utf8(before[Path::new("91AB01.toml")].clone()).unwrap();
    let new = read(&site.path().join("schools/91AB01.toml"));
    let lines: Vec<(&str, &str)> = old.lines().zip(new.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(
        lines,
        [
            ("niveau = \"extra\"", "niveau = \"arrangement\""),
            (
                "uitleg = \"De leesspecialist van De Linde komt ook naar Oud-Linde, elke woensdagochtend. Kinderen met dyslexie oefenen dan samen in een klein groepje.\"",
                "uitleg = \"Elke dag leesbegeleiding in een klein groepje.\""
            ),
            ("stilteruimte = false", "stilteruimte = true"),
        ]
    );
    assert_eq!(old.lines().count(), new.lines().count());
    assert!(new.starts_with("# OBS De Linde, locatie Oud-Linde\n") && new.contains("# Voor vragen over de ondersteuning van uw kind.\n") && new.contains("# Wie in het team iets extra's kan;"), "comments kept");
    assert!(run.stdout.contains("bijgewerkt: schools/91AB01.toml\n  ondersteuning.dyslexie.niveau: \"extra\" -> \"arrangement\"\n"), "{}", run.stdout);
    assert!(run.stdout.contains("  toegankelijkheid.stilteruimte: \"false\" -> \"true\"\n"), "{}", run.stdout);
    assert!(run.stdout.contains("0 nieuw, 1 bijgewerkt, 43 ongewijzigd"), "{}", run.stdout);
}

#[test]
fn invalid_cells_are_named_by_sheet_and_cell_and_nothing_is_written() {
    let site = copy_example("sheet-invalid");
    let before = snapshot(&site.path().join("schools"));
    let file = export(site.path());
    let grid = cells(&file);
    let level = find(&grid, "91AB00", "ondersteuning.dyslexie.niveau");
    let lift = find(&grid, "92AR00", "lift");
    let date = find(&grid, "92AR00", "vastgesteld");
    let mail = find(&grid, "91AB01", "contact_ondersteuning.email");
    let cell = |(r, c): (usize, usize)| format!("{}{}", passend::school_import::sheet::column_letters(c), r + 1);
    let changed = site.path().join("fout.xlsx");
    with_cells(&grid, &[(level, "extraa"), (lift, "misschien"), (date, "31-02-2025"), (mail, "ib at school")], &changed);
    let run = import(site.path(), &changed);
    assert!(!run.success);
    for expected in [
        format!("blad Scholen, cel {}: onbekend niveau `extraa`\n  hint: bedoelde u `extra`?", cell(level)),
        format!("blad Scholen, cel {}: `misschien` is geen ja of nee", cell(lift)),
        format!("blad Scholen, cel {}: `31-02-2025` is geen datum", cell(date)),
        format!("blad Scholen, cel {}: `ib at school` is geen geldig e-mailadres", cell(mail)),
    ] {
        assert!(run.stderr.contains(&expected), "expected {expected:?} in\n{}", run.stderr);
    }
    assert!(run.stderr.contains(&format!("fout.xlsx:{}:{}:", level.0 + 1, level.1 + 1)), "file:row:column too\n{}", run.stderr);
    assert_eq!(snapshot(&site.path().join("schools")), before);
}

#[test]
fn a_file_that_is_not_a_workbook_is_refused() {
    let site = copy_example("sheet-bad");
    let before = snapshot(&site.path().join("schools"));
    let cases: [(&str, &[u8], &str); 3] = [
        ("tekst.xlsx", b"id;naam\n91AB00;x\n", "is geen werkmap die passend kan lezen"),
        ("leeg.xlsx", b"", "is geen werkmap die passend kan lezen"),
        ("zip.xlsx", b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", "is geen werkmap die passend kan lezen"),
    ];
    for (name, bytes, fragment) in cases {
        let file = site.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        let run = import(site.path(), &file);
        assert!(!run.success && run.stderr.contains(fragment) && run.stderr.contains(name), "{name}: {}", run.stderr);
    }
    // A workbook without the sheet, or with an unknown school.
    let mut workbook = rust_xlsxwriter::Workbook::new();
    workbook.add_worksheet().set_name("Schoolen").unwrap();
    let file = site.path().join("blad.xlsx");
    workbook.save(&file).unwrap();
    let run = import(site.path(), &file);
    assert!(run.stderr.contains("het blad `Scholen` ontbreekt") && run.stderr.contains("bedoelde u `Schoolen`?"), "{}", run.stderr);
    let grid = cells(&export(site.path()));
    let (r, _) = find(&grid, "91AB00", "naam");
    let unknown = site.path().join("onbekend.xlsx");
    with_cells(&grid, &[((r, 0), "91AB09")], &unknown);
    let run = import(site.path(), &unknown);
    assert!(run.stderr.contains(&format!("blad Scholen, cel A{}: school `91AB09` staat niet in schools/", r + 1)) && run.stderr.contains("bedoelde u `91AB00`?"), "{}", run.stderr);
    assert_eq!(snapshot(&site.path().join("schools")), before);
}

#[test]
fn the_sheet_as_csv_is_read_too() {
    let site = copy_example("sheet-csv");
    let file = site.path().join("sop.csv");
    std::fs::write(&file, "\u{feff}id;naam;ondersteuning.dyscalculie.niveau;ondersteuning.dyscalculie.uitleg;expertise\r\n92AR00;OBS De Rietkraag;extra;\"Rekenhulp in een klein groepje,\r\ntwee keer per week.\";\"rekenspecialist; Met Sprongen Vooruit\"\r\n").unwrap();
    let before = read(&site.path().join("schools/92AR00.toml"));
    let run = import(site.path(), &file);
    assert!(run.success, "{}", run.stderr);
    let school: toml::Table = read(&site.path().join("schools/92AR00.toml")).parse().unwrap();
    assert_eq!(school["ondersteuning"]["dyscalculie"]["niveau"].as_str(), Some("extra"));
    assert_eq!(school["ondersteuning"]["dyscalculie"]["uitleg"].as_str(), Some("Rekenhulp in een klein groepje,\ntwee keer per week."));
    assert_eq!(school["expertise"].as_array().unwrap().iter().map(|e| e.as_str().unwrap()).collect::<Vec<_>>(), ["rekenspecialist", "Met Sprongen Vooruit"]);
    assert_eq!(school["naam"].as_str(), Some("OBS De Rietkraag"));
    assert!(read(&site.path().join("schools/92AR00.toml")).starts_with(before.lines().next().unwrap()));
    let check = passend(&["check", "--root", site.path().to_str().unwrap()]);
    assert!(check.success, "{}", check.stderr);
}

#[test]
fn libreoffice_opens_the_workbook_and_its_ods_imports_unchanged() {
    if std::process::Command::new("soffice").arg("--version").output().is_err() || !Path::new("/usr/lib/libreoffice/program/libsclo.so").exists() {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "CI=true but LibreOffice Calc is missing: install the Debian package libreoffice-calc-nogui");
        eprintln!("LibreOffice Calc not found; skipped (set CI=true to make this a failure)");
        return;
    }
    let site = copy_example("sheet-libreoffice");
    let before = snapshot(&site.path().join("schools"));
    let file = export(site.path());
    let out = site.path().join("lo");
    let profile = format!("-env:UserInstallation=file://{}", site.path().join("lo-profiel").display());
    // CSV with comma, double quote, UTF-8 (76), from row 1: LibreOffice's filter options.
    for format in ["csv:Text - txt - csv (StarCalc):44,34,76,1", "ods"] {
        let status = std::process::Command::new("soffice").args(["--headless", &profile, "--convert-to", format, "--outdir", out.to_str().unwrap(), file.to_str().unwrap()]).output().unwrap();
        assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    }
    // The CSV of the first sheet: labels, keys, then the schools with their cells.
    let rows = csv_rows(&read(&out.join("sop-ronde.csv")), ',');
    assert_eq!(rows[0][..6], ["BRIN en vestiging", "Naam", "Plaats", "Gemeente", "Profiel vastgesteld op", "Dyslexie: niveau"]);
    assert_eq!(rows[1][..7], ["id", "naam", "plaats", "gemeente", "vastgesteld", "ondersteuning.dyslexie.niveau", "ondersteuning.dyslexie.uitleg"]);
    assert_eq!(rows.len(), 2 + 44);
    let linde = rows.iter().find(|r| r[0] == "91AB00").expect("row of 91AB00");
    let col = |key: &str| rows[1].iter().position(|k| k == key).unwrap();
    assert_eq!(linde[..4], ["91AB00", "OBS De Linde", "Lindeveld", "Lindeveld"]);
    assert_eq!(linde[col("ondersteuning.dyslexie.niveau")], "extra");
    assert!(linde[col("ondersteuning.dyslexie.uitleg")].starts_with("Kinderen met dyslexie krijgen"));
    assert_eq!(linde[col("lift")], "ja");
    assert_eq!(linde[col("stilteruimte")], "nee");
    let oud = rows.iter().find(|r| r[0] == "91AB01").expect("row of 91AB01");
    assert_eq!(oud[col("contact_ondersteuning.telefoon")], "0341 820 118");
    assert_eq!(oud[col("expertise")], "leesspecialist; gedragsspecialist; Kanjertraining");
    // Saved again by LibreOffice as OpenDocument, the workbook imports without a change.
    let run = import(site.path(), &out.join("sop-ronde.ods"));
    assert!(run.success, "{}", run.stderr);
    assert_eq!(snapshot(&site.path().join("schools")), before, "{}", run.stdout);
}

