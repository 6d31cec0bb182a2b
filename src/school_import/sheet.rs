//! The SOP spreadsheet of the yearly round with the schools: `passend export scholen --format
//! xlsx` writes it, each school's IB'er fills in its row, `passend import scholen sop.xlsx` reads
//! it back into `schools/*.toml`.
//!
//! One sheet `Scholen`, one row per school: an IB'er finds the school's row and fills it in
//! from left to right, and the SWV sends one file around. Row 1 has a label per column for
//! people, row 2 the column's key (the same names as `/data/scholen.csv`) for the import, so
//! the columns may be moved. The identity (id, naam, plaats, gemeente) is locked: it comes from
//! DUO's register, not from the school. Levels of support are a dropdown (data validation) next
//! to a cell for the school's explanation; accessibility is ja/nee; dates are real dates.
//!
//! The import writes only what differs from the profile (see `edit`), so importing an
//! unchanged export changes no byte, and reports every invalid cell by sheet and reference.

use super::edit::{self, Edit};
use super::table::Table;
use super::{Context, Outcome};
use crate::diagnostics::{did_you_mean, suggestion, Diagnostics, Position};
use crate::school::School;
use crate::site::Site;
use crate::text::Date;
use rust_xlsxwriter::{Color, DataValidation, DocProperties, ExcelDateTime, Format, ProtectionOptions, Workbook, XlsxError};
use toml_edit::Value;

/// The name of the sheet with the schools.
pub const SHEET: &str = "Scholen";
/// The name of the sheet that explains the levels and columns.
const EXPLANATION_SHEET: &str = "Uitleg";
/// Rows before the schools: labels, keys.
const HEADER_ROWS: u32 = 2;
const YES: &str = "ja";
const NO: &str = "nee";
/// Separates the items of a list in one cell (expertise).
const LIST_SEPARATOR: char = ';';

/// What kind of value a column holds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Identity, locked: from DUO's register.
    Identity,
    Text,
    /// A text that is an e-mail address, a phone number or a link, checked as the profile is.
    Email,
    Phone,
    Link,
    Date,
    YesNo,
    Level,
    List,
}

/// One column: its key (row 2), label (row 1) and kind.
struct Column {
    key: String,
    label: String,
    kind: Kind,
}

fn columns(site_vocab: &crate::config::Vocabularies) -> Vec<Column> {
    let col = |key: &str, label: &str, kind: Kind| Column { key: key.to_string(), label: label.to_string(), kind };
    let mut cols = vec![
        col("id", "BRIN en vestiging", Kind::Identity),
        col("naam", "Naam", Kind::Identity),
        col("plaats", "Plaats", Kind::Identity),
        col("gemeente", "Gemeente", Kind::Identity),
        col("vastgesteld", "Profiel vastgesteld op", Kind::Date),
    ];
    for kind in site_vocab.ondersteuning.iter() {
        cols.push(col(&format!("ondersteuning.{}.niveau", kind.key), &format!("{}: niveau", kind.label), Kind::Level));
        cols.push(col(&format!("ondersteuning.{}.uitleg", kind.key), &format!("{}: uitleg voor ouders", kind.label), Kind::Text));
    }
    for (key, label, _) in crate::school::Toegankelijkheid::default().features() {
        cols.push(col(&key.replace('-', "_"), label, Kind::YesNo));
    }
    cols.extend([
        col("expertise", "Expertise in het team (met ; ertussen)", Kind::List),
        col("basisondersteuning", "Basisondersteuning op deze school", Kind::Text),
        col("contact_ondersteuning.naam", "Contact ondersteuning: naam", Kind::Text),
        col("contact_ondersteuning.rol", "Contact ondersteuning: rol (bijvoorbeeld intern begeleider)", Kind::Text),
        col("contact_ondersteuning.telefoon", "Contact ondersteuning: telefoon", Kind::Phone),
        col("contact_ondersteuning.email", "Contact ondersteuning: e-mail", Kind::Email),
        col("aanmelden.tekst", "Aanmelden: hoe en wanneer", Kind::Text),
        col("aanmelden.link", "Aanmelden: webadres", Kind::Link),
        col("bijzonderheden", "Bijzonderheden", Kind::Text),
        col("sop_document.link", "Volledig profiel: webadres", Kind::Link),
        col("sop_document.datum", "Volledig profiel: datum", Kind::Date),
    ]);
    cols
}

/// A cell's value as the profile has it, for the export.
enum Out {
    Text(String),
    Date(Date),
    Empty,
}

fn value_of(s: &School, key: &str) -> Out {
    let text = |t: &str| if t.is_empty() { Out::Empty } else { Out::Text(t.to_string()) };
    let opt_date = |d: Option<Date>| d.map_or(Out::Empty, Out::Date);
    let yes_no = |b: bool| Out::Text(if b { YES } else { NO }.to_string());
    if let Some(rest) = key.strip_prefix("ondersteuning.") {
        let (kind, field) = rest.rsplit_once('.').unwrap_or((rest, ""));
        let support = &s.ondersteuning[kind];
        return if field == "niveau" { text(&support.niveau) } else { text(&support.uitleg) };
    }
    let t = &s.toegankelijkheid;
    let c = s.contact_ondersteuning.as_ref();
    let a = s.aanmelden.as_ref();
    match key {
        "id" => text(&s.id),
        "naam" => text(&s.naam),
        "plaats" => text(&s.adres.plaats),
        "gemeente" => text(&s.gemeente),
        "vastgesteld" => opt_date(s.vastgesteld),
        "rolstoel" => yes_no(t.rolstoel),
        "lift" => yes_no(t.lift),
        "aangepast_toilet" => yes_no(t.aangepast_toilet),
        "verzorgingsruimte" => yes_no(t.verzorgingsruimte),
        "stilteruimte" => yes_no(t.stilteruimte),
        "expertise" => text(&s.expertise.join(&format!("{LIST_SEPARATOR} "))),
        "basisondersteuning" => text(&s.basisondersteuning),
        "contact_ondersteuning.naam" => text(c.map_or("", |c| &c.naam)),
        "contact_ondersteuning.rol" => text(c.map_or("", |c| &c.rol)),
        "contact_ondersteuning.telefoon" => text(c.map_or("", |c| &c.telefoon)),
        "contact_ondersteuning.email" => text(c.map_or("", |c| &c.email)),
        "aanmelden.tekst" => text(a.map_or("", |a| &a.tekst)),
        "aanmelden.link" => text(a.and_then(|a| a.link.as_deref()).unwrap_or("")),
        "bijzonderheden" => text(&s.bijzonderheden),
        "sop_document.link" => text(s.sop_document.as_ref().map_or("", |d| &d.link)),
        "sop_document.datum" => opt_date(s.sop_document.as_ref().and_then(|d| d.datum)),
        _ => Out::Empty,
    }
}

/// The SOP workbook of every school of `site`, as xlsx bytes. The same site gives the same
/// bytes (the document's date is `today`, which tests fix).
pub fn export_workbook(site: &Site) -> Result<Vec<u8>, XlsxError> {
    let vocab = &site.config.vocabulaires;
    let cols = columns(vocab);
    let mut workbook = Workbook::new();
    let today = Date::today();
    let created = ExcelDateTime::from_ymd(today.year as u16, today.month, today.day)?;
    workbook.set_properties(&DocProperties::new().set_title(format!("Schoolondersteuningsprofielen {}", site.config.korte_naam)).set_creation_datetime(&created));

    let header = Format::new().set_bold().set_text_wrap().set_background_color(Color::RGB(0xDDE6EE));
    let key_format = Format::new().set_font_color(Color::RGB(0x555555)).set_italic();
    let locked = Format::new().set_background_color(Color::RGB(0xF0F0F0));
    let open = Format::new().set_unlocked();
    let open_text = Format::new().set_unlocked().set_num_format("@").set_text_wrap();
    let open_date = Format::new().set_unlocked().set_num_format("dd-mm-yyyy");

    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEET)?;
    let last_row = HEADER_ROWS + site.schools.len() as u32 - 1;
    let levels: Vec<&str> = vocab.niveau.keys().collect();
    let level_help: String = vocab.niveau.iter().map(|t| format!("{}: {}", t.key, t.label)).collect::<Vec<_>>().join("; ");
    for (c, column) in cols.iter().enumerate() {
        let c = c as u16;
        sheet.write_string_with_format(0, c, &column.label, &header)?;
        sheet.write_string_with_format(1, c, &column.key, &key_format)?;
        sheet.set_column_width(c, match column.kind {
            Kind::Text | Kind::List => 40,
            Kind::Identity if column.key == "naam" => 28,
            Kind::Level | Kind::YesNo => 13,
            _ => 16,
        })?;
        if site.schools.is_empty() {
            continue;
        }
        let validation = match column.kind {
            Kind::Level => Some(
                DataValidation::new()
                    .allow_list_strings(&levels)?
                    .set_input_title("Niveau")?
                    .set_input_message(truncate(&level_help, 255))?
                    .set_error_title("Onbekend niveau")?
                    .set_error_message(truncate(&format!("Kies een niveau uit de lijst: {}.", levels.join(", ")), 255))?,
            ),
            Kind::YesNo => Some(DataValidation::new().allow_list_strings(&[YES, NO])?.set_error_message("Kies ja of nee.")?),
            _ => None,
        };
        if let Some(v) = validation {
            sheet.add_data_validation(HEADER_ROWS, c, last_row, c, &v)?;
        }
    }
    for (r, school) in site.schools.iter().enumerate() {
        let r = HEADER_ROWS + r as u32;
        for (c, column) in cols.iter().enumerate() {
            let c = c as u16;
            let format = match column.kind {
                Kind::Identity => &locked,
                Kind::Date => &open_date,
                Kind::Text | Kind::List | Kind::Phone | Kind::Email | Kind::Link => &open_text,
                _ => &open,
            };
            match value_of(school, &column.key) {
                Out::Text(t) => sheet.write_string_with_format(r, c, t, format)?,
                Out::Date(d) => sheet.write_datetime_with_format(r, c, ExcelDateTime::from_ymd(d.year as u16, d.month, d.day)?, format)?,
                Out::Empty => sheet.write_blank(r, c, format)?,
            };
        }
    }
    sheet.set_freeze_panes(HEADER_ROWS, 2)?;
    sheet.protect_with_options(&ProtectionOptions { format_columns: true, format_rows: true, ..ProtectionOptions::new() });

    let explanation = workbook.add_worksheet();
    explanation.set_name(EXPLANATION_SHEET)?;
    explanation.set_column_width(0, 22)?;
    explanation.set_column_width(1, 90)?;
    let wrap = Format::new().set_text_wrap();
    let lines: Vec<(String, String)> = [
        ("Hoe vult u dit in?".to_string(), format!("Zoek de rij van uw school op het blad {SHEET}. De grijze kolommen komen uit het register van DUO en kunt u niet wijzigen. Kies per soort ondersteuning een niveau en schrijf in de kolom ernaast in gewone taal wat uw school doet. Rij 2 (de sleutels) niet wijzigen.")),
        ("Expertise".to_string(), format!("Specialisten en trainingen in het team, met {LIST_SEPARATOR} ertussen: gedragsspecialist{LIST_SEPARATOR} Kanjertraining")),
        ("Toegankelijkheid".to_string(), format!("{YES} of {NO}")),
        ("Datums".to_string(), "Als datum, bijvoorbeeld 20-05-2025".to_string()),
    ]
    .into_iter()
    .chain(vocab.niveau.iter().map(|t| (format!("Niveau {}", t.key), format!("{}. {}", t.label, t.uitleg))))
    .collect();
    for (r, (a, b)) in lines.iter().enumerate() {
        explanation.write_string_with_format(r as u32, 0, a, &header)?;
        explanation.write_string_with_format(r as u32, 1, b, &wrap)?;
    }
    workbook.save_to_buffer()
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    s.chars().take(max - 1).collect::<String>() + "…"
}

/// A cell as read from a workbook or CSV.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A spreadsheet date: days since 1899-12-30 (Excel's and LibreOffice's serial).
    Serial(f64),
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(n) if n.fract() == 0.0 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Bool(b) => if *b { YES } else { NO }.to_string(),
            Cell::Serial(s) => serial_to_date(*s).map(|d| d.to_string()).unwrap_or_default(),
        }
    }
}

/// The rows of one sheet: (1-based row, cells from column A).
struct Grid {
    sheet: String,
    rows: Vec<(u32, Vec<Cell>)>,
}

/// Whether a delimited table is the SOP sheet saved as CSV: a row of keys starting with `id`.
pub(super) fn is_sheet(table: &Table) -> bool {
    std::iter::once(&table.header).chain(table.rows.iter().take(3).map(|(_, r)| r)).any(|row| row.first().is_some_and(|c| c.trim() == "id"))
}

pub(super) fn import_table(ctx: &Context, table: &Table, diags: &mut Diagnostics) -> Outcome {
    let cells = |row: &Vec<String>| row.iter().map(|c| if c.trim().is_empty() { Cell::Empty } else { Cell::Text(c.clone()) }).collect();
    let mut rows = vec![(1, cells(&table.header))];
    rows.extend(table.rows.iter().map(|(line, row)| (*line as u32, cells(row))));
    import_grid(ctx, &Grid { sheet: SHEET.to_string(), rows }, diags)
}

/// Read an xlsx or ods workbook. Anything that is not one is an error naming the file.
pub(super) fn import_workbook(ctx: &Context, bytes: &[u8], diags: &mut Diagnostics) -> Outcome {
    use calamine::{Data, Reader};
    let file = ctx.input.as_str();
    let mut workbook = match calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)) {
        Ok(w) => w,
        Err(e) => {
            diags.error(file, Position::START, format!("het bestand is geen werkmap die passend kan lezen ({e})"), "geef het .xlsx-bestand van `passend export scholen` terug, of sla het in Excel of LibreOffice op als Excel-werkmap (.xlsx) of OpenDocument (.ods)");
            return Outcome::default();
        }
    };
    let names = workbook.sheet_names();
    let Some(name) = names.iter().find(|n| n.trim() == SHEET).cloned() else {
        let hint = match did_you_mean(SHEET, names.iter().map(String::as_str)) {
            Some(n) => format!("bedoelde u `{n}`? Noem het blad `{SHEET}`"),
            None => format!("de werkmap heeft de bladen: {}", names.join(", ")),
        };
        diags.error(file, Position::START, format!("het blad `{SHEET}` ontbreekt"), hint);
        return Outcome::default();
    };
    let range = match workbook.worksheet_range(&name) {
        Ok(r) => r,
        Err(e) => {
            diags.error(file, Position::START, format!("blad `{name}` kan niet worden gelezen: {e}"), "sla de werkmap opnieuw op in Excel of LibreOffice");
            return Outcome::default();
        }
    };
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, row)| {
            let mut cells: Vec<Cell> = vec![Cell::Empty; first_col as usize];
            cells.extend(row.iter().map(|d| match d {
                Data::Empty => Cell::Empty,
                Data::String(s) if s.trim().is_empty() => Cell::Empty,
                Data::String(s) => Cell::Text(s.clone()),
                Data::Int(i) => Cell::Number(*i as f64),
                Data::Float(f) => Cell::Number(*f),
                Data::Bool(b) => Cell::Bool(*b),
                Data::DateTime(dt) => Cell::Serial(dt.as_f64()),
                Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.split('T').next().unwrap_or(s).to_string()),
                Data::Error(e) => Cell::Text(format!("#{e:?}")),
            }));
            (first_row + i as u32 + 1, cells)
        })
        .collect();
    import_grid(ctx, &Grid { sheet: name, rows }, diags)
}

/// `A` for column 0, `AA` for column 26: the reference a spreadsheet shows.
pub fn column_letters(mut col: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

fn import_grid(ctx: &Context, grid: &Grid, diags: &mut Diagnostics) -> Outcome {
    let file = ctx.input.as_str();
    let vocab = &ctx.config.vocabulaires;
    let cols = columns(vocab);
    let mut outcome = Outcome::default();
    let Some(key_index) = grid.rows.iter().position(|(_, r)| r.first().is_some_and(|c| c.text() == "id")) else {
        diags.error(file, Position::START, format!("blad {}: geen rij met de sleutels (`id` in kolom A)", grid.sheet), "laat rij 2 van het werkblad van `passend export scholen` staan zoals hij is");
        return outcome;
    };
    let (key_row, keys) = &grid.rows[key_index];
    let keys: Vec<String> = keys.iter().map(Cell::text).collect();
    // Where each column of the sheet is; an unknown key is an error with 'bedoelde u'.
    let mut position: Vec<(usize, &Column)> = Vec::new();
    for (i, key) in keys.iter().enumerate().filter(|(_, k)| !k.is_empty()) {
        match cols.iter().find(|c| &c.key == key) {
            Some(c) => position.push((i, c)),
            None => diags.error(
                file,
                Position { line: *key_row as usize, column: i + 1 },
                format!("blad {}, cel {}{key_row}: onbekende kolom `{key}`", grid.sheet, column_letters(i)),
                suggestion(key, cols.iter().map(|c| c.key.as_str()).collect::<Vec<_>>().iter().copied()),
            ),
        }
    }
    let mut seen = std::collections::BTreeMap::new();
    for (row, cells) in &grid.rows[key_index + 1..] {
        let get = |i: usize| cells.get(i).cloned().unwrap_or(Cell::Empty);
        let id = get(0).text().to_uppercase();
        if id.is_empty() {
            continue;
        }
        let at = |i: usize| (Position { line: *row as usize, column: i + 1 }, format!("blad {}, cel {}{row}", grid.sheet, column_letters(i)));
        let Some(existing) = ctx.existing.get(&id) else {
            let (pos, cell) = at(0);
            diags.error(file, pos, format!("{cell}: school `{id}` staat niet in schools/"), suggestion(&id, ctx.existing.keys().map(String::as_str).collect::<Vec<_>>().iter().copied()));
            continue;
        };
        if let Some(first) = seen.insert(id.clone(), *row) {
            let (pos, cell) = at(0);
            diags.error(file, pos, format!("{cell}: school `{id}` staat ook op rij {first}"), "laat één rij per school staan");
            continue;
        }
        let mut values: std::collections::BTreeMap<&str, (Cell, usize)> = std::collections::BTreeMap::new();
        for (i, column) in &position {
            values.insert(column.key.as_str(), (get(*i), *i));
        }
        let mut edit = Edit::new(existing.doc.clone());
        let mut errors = false;
        // Identity is DUO's (`passend import scholen` with the register), not the school's.
        for column in cols.iter().filter(|c| c.kind != Kind::Identity) {
            let Some((cell, i)) = values.get(column.key.as_str()) else { continue };
            let (pos, cell_name) = at(*i);
            let mut bad = |message: String, hint: String| {
                diags.error(file, pos, format!("{cell_name}: {message}"), hint);
                errors = true;
            };
            match parse(column, cell, vocab) {
                Ok(v) => apply(&mut edit, column, v, vocab),
                Err((message, hint)) => bad(message, hint),
            }
        }
        if let (Some((link, _)), Some((datum, i))) = (values.get("sop_document.link"), values.get("sop_document.datum")) {
            if link.text().is_empty() && !datum.text().is_empty() {
                let (pos, cell_name) = at(*i);
                diags.error(file, pos, format!("{cell_name}: een datum van het volledige profiel zonder webadres"), "vul ook `sop_document.link` in, of maak de datum leeg");
                errors = true;
            }
        }
        if !errors {
            outcome.update(existing, edit);
        }
    }
    outcome
}

/// A cell read as its column's kind: `None` for an empty cell.
fn parse(column: &Column, cell: &Cell, vocab: &crate::config::Vocabularies) -> Result<Option<Value>, (String, String)> {
    let text = cell.text();
    if text.is_empty() {
        return Ok(None);
    }
    Ok(Some(match column.kind {
        Kind::Identity => return Ok(None),
        Kind::Text => edit::text(&cell_text(cell)),
        Kind::Email if !crate::config::is_email(&text) => return Err((format!("`{text}` is geen geldig e-mailadres"), "schrijf het als naam@school.nl".into())),
        Kind::Phone if !crate::text::is_phone(&text) => {
            let hint = if matches!(cell, Cell::Number(_)) { "het nummer staat als getal in de cel, zodat de 0 vooraan wegvalt: zet de cel op 'Tekst' en typ het nummer met netnummer" } else { "schrijf het nummer met netnummer, bijvoorbeeld 0341 820 111" };
            return Err((format!("`{text}` is geen volledig telefoonnummer"), hint.into()));
        }
        Kind::Link if !crate::config::is_url(&text) => return Err((format!("`{text}` is geen volledig webadres"), "begin met https://, bijvoorbeeld https://www.school.nl".into())),
        Kind::Email | Kind::Phone | Kind::Link => edit::text(&text),
        Kind::Date => match cell {
            Cell::Serial(s) | Cell::Number(s) => edit::date(serial_to_date(*s).ok_or_else(|| (format!("`{text}` is geen datum"), "typ een datum, bijvoorbeeld 20-05-2025".to_string()))?),
            _ => edit::date(parse_date(&text).ok_or_else(|| (format!("`{text}` is geen datum"), "typ een datum, bijvoorbeeld 20-05-2025 of 2025-05-20".to_string()))?),
        },
        Kind::YesNo => match text.to_lowercase().as_str() {
            "ja" | "j" | "true" | "waar" | "1" | "x" => Value::from(true),
            "nee" | "n" | "false" | "onwaar" | "0" => Value::from(false),
            _ => return Err((format!("`{text}` is geen ja of nee"), suggestion(&text.to_lowercase(), [YES, NO]))),
        },
        Kind::Level => {
            let lower = text.to_lowercase();
            match vocab.niveau.iter().find(|t| t.key == lower || t.label.to_lowercase() == lower) {
                Some(t) => edit::text(&t.key),
                None => return Err((format!("onbekend niveau `{text}`"), suggestion(&lower, vocab.niveau.keys()))),
            }
        }
        Kind::List => edit::list(&text.split(LIST_SEPARATOR).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect::<Vec<_>>()),
    }))
}

/// A text cell as written, without trailing white space on each line but with its line
/// breaks (an explanation of several lines stays one).
fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Text(t) => t.trim().replace("\r\n", "\n"),
        other => other.text(),
    }
}

/// Write one cell's value into the profile. A value equal to what an absent key means
/// (`basis`, `nee`, empty) leaves an absent key absent, so an unchanged export changes nothing.
fn apply(edit: &mut Edit, column: &Column, value: Option<Value>, vocab: &crate::config::Vocabularies) {
    let key = column.key.as_str();
    let path: Vec<&str> = match key {
        "rolstoel" | "lift" | "aangepast_toilet" | "verzorgingsruimte" | "stilteruimte" => vec!["toegankelijkheid", key],
        "sop_document.link" | "sop_document.datum" => return apply_sop_document(edit, key, value),
        _ => key.split('.').collect(),
    };
    let present = edit.get(&path).is_some();
    match value {
        None if column.kind == Kind::Level => {
            // An emptied level is the standard level.
            if present {
                edit.set(&path, edit::text(vocab.standard_level()));
            }
        }
        None => {
            if present {
                edit.remove(&path);
            }
        }
        Some(v) => {
            let means_absent = match (&v, column.kind) {
                (Value::Boolean(b), Kind::YesNo) => !*b.value(),
                (Value::String(s), Kind::Level) => s.value() == vocab.standard_level(),
                _ => false,
            };
            if present || !means_absent {
                // A kind of support the profile did not list gets its level first: a table
                // `[ondersteuning.<kind>]` needs `niveau`.
                if path.len() == 3 && path[0] == "ondersteuning" && path[2] == "uitleg" && edit.get(&path[..2]).is_none() {
                    edit.set(&[path[0], path[1], "niveau"], edit::text(vocab.standard_level()));
                }
                edit.set(&path, v);
            }
        }
    }
}

/// `sop_document` is a table `{ link, datum }`, or the link alone as a string (older form,
/// kept as it is while the sheet gives no date).
fn apply_sop_document(edit: &mut Edit, key: &str, value: Option<Value>) {
    let current = edit.get(&["sop_document"]).and_then(|i| i.as_value()).cloned();
    match (key, current, value) {
        ("sop_document.link", Some(Value::String(_)), Some(v)) => edit.set(&["sop_document"], v),
        ("sop_document.link", Some(Value::String(_)), None) => edit.remove(&["sop_document"]),
        ("sop_document.datum", Some(Value::String(link)), Some(datum)) => {
            let mut table = toml_edit::InlineTable::new();
            table.insert("link", Value::from(link.value().as_str()));
            table.insert("datum", datum);
            edit.set(&["sop_document"], Value::InlineTable(table));
        }
        ("sop_document.datum", Some(Value::String(_)), None) => {}
        (_, None, None) => {}
        ("sop_document.link", None, Some(v)) => edit.set(&["sop_document"], v),
        ("sop_document.datum", None, Some(datum)) => {
            // The link cell came first and wrote the string form; the date turns it into a table.
            if let Some(Value::String(link)) = edit.get(&["sop_document"]).and_then(|i| i.as_value()).cloned() {
                let mut table = toml_edit::InlineTable::new();
                table.insert("link", Value::from(link.value().as_str()));
                table.insert("datum", datum);
                edit.set(&["sop_document"], Value::InlineTable(table));
            }
        }
        (_, Some(_), value) => {
            let field = key.trim_start_matches("sop_document.");
            match value {
                Some(v) => edit.set(&["sop_document", field], v),
                None if field == "link" => edit.remove(&["sop_document"]),
                None => edit.remove(&["sop_document", field]),
            }
        }
        _ => {}
    }
}

/// A spreadsheet date serial (days since 1899-12-30) as a date.
fn serial_to_date(serial: f64) -> Option<Date> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    // Serial 25569 is 1970-01-01, day 0 of `Date::from_days`.
    Some(Date::from_days(serial.floor() as i64 - 25_569))
}

/// `2025-05-20`, `20-05-2025`, `20-5-2025` or `20/5/2025`.
fn parse_date(text: &str) -> Option<Date> {
    if let Some(d) = Date::parse(text) {
        return Some(d);
    }
    let parts: Vec<&str> = text.split(['-', '/', '.']).collect();
    match parts[..] {
        [d, m, y] if y.len() == 4 => Date::parse(&format!("{y}-{:0>2}-{:0>2}", m, d)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_dates_and_letters() {
        assert_eq!(serial_to_date(45797.0).map(|d| d.to_string()), Some("2025-05-20".to_string()));
        assert_eq!(serial_to_date(1.0).map(|d| d.to_string()), Some("1899-12-31".to_string()));
        assert_eq!(parse_date("20-5-2025").map(|d| d.to_string()), Some("2025-05-20".to_string()));
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(2), "C");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(52), "BA");
    }
}
