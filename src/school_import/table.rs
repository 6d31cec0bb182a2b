//! A delimited text file (DUO's register, the SOP sheet saved as CSV) as a header and rows,
//! each row with its line number for messages. DUO and Dutch Excel separate cells by `;`; a
//! file that uses another separator is refused with what was found, because splitting it on
//! `;` would silently give one column.

use crate::diagnostics::{did_you_mean, Diagnostics, Position};
use crate::text::encoding::{decode, Encoding, NotText};

pub(super) struct Table {
    /// Header names as written (trimmed).
    pub header: Vec<String>,
    /// (1-based line, cells), without blank lines.
    pub rows: Vec<(usize, Vec<String>)>,
}

impl Table {
    /// The index of the column named by one of `names` (compared without case, `_` read as a
    /// space), the first that is present.
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|n| self.header.iter().position(|h| normal_header(h) == normal_header(n)))
    }

    /// The columns of `required` (each a list of names, old and new) that are missing, as one
    /// error naming every one of them, with a 'bedoelde u' for a header that is close.
    pub fn require(&self, file: &str, required: &[&[&str]], diags: &mut Diagnostics) -> bool {
        let missing: Vec<&[&str]> = required.iter().copied().filter(|names| self.column(names).is_none()).collect();
        for names in &missing {
            let close = names.iter().find_map(|n| did_you_mean(n, self.header.iter().map(String::as_str)));
            let hint = match close {
                Some(h) => format!("bedoelde u `{h}`? Geef de kolom de naam `{}`", names[0]),
                None => format!("de kopregel heeft: {}", self.header.iter().map(|h| format!("`{h}`")).collect::<Vec<_>>().join(", ")),
            };
            let named = names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(" of ");
            diags.error(file, Position::START, format!("kolom {named} ontbreekt"), hint);
        }
        missing.is_empty()
    }
}

fn normal_header(h: &str) -> String {
    h.trim().to_uppercase().replace('_', " ")
}

/// Read `bytes` as `;`-separated text with a header row. Windows-1252 is read with a warning.
pub(super) fn read(file: &str, bytes: &[u8], diags: &mut Diagnostics) -> Option<Table> {
    let text = match decode(bytes) {
        Ok((text, Encoding::Windows1252, Some((line, column, byte)))) => {
            diags.warning(
                file,
                Position { line, column },
                format!("byte 0x{byte:02X} is geen UTF-8; het bestand is gelezen als Windows-1252"),
                "controleer letters als ë en é in de namen; sla het bestand voortaan op als UTF-8",
            );
            text
        }
        Ok((text, _, _)) => text,
        Err(NotText::Utf16) => {
            diags.error(file, Position::START, "het bestand is UTF-16-tekst", "sla het op als CSV UTF-8 ('Opslaan als' > CSV UTF-8 (door lijstscheidingsteken gescheiden))");
            return None;
        }
        Err(NotText::BadByte { byte, line, column, .. }) => {
            diags.error(file, Position { line, column }, format!("het bestand is geen tekst in UTF-8 of Windows-1252: ongeldige byte 0x{byte:02X}"), "geef het CSV-bestand zelf mee (geen zip- of Excel-bestand), opgeslagen als UTF-8");
            return None;
        }
    };
    if text.contains('\0') {
        diags.error(file, Position::START, "het bestand bevat NUL-bytes en is geen CSV-tekst", "geef het CSV-bestand zelf mee");
        return None;
    }
    let records = split_records(&text);
    let Some((_, header)) = records.first() else {
        diags.error(file, Position::START, "het bestand is leeg", "geef een bestand met een kopregel en een regel per school");
        return None;
    };
    if header.len() < 2 {
        let line = header.first().map(String::as_str).unwrap_or("");
        let found = [(',', "komma's"), ('\t', "tabs"), ('|', "verticale strepen")].into_iter().find(|(c, _)| line.contains(*c));
        let message = match found {
            Some((_, name)) => format!("de kolommen zijn gescheiden door {name}, niet door puntkomma's"),
            None => "de kopregel heeft maar één kolom: de kolommen zijn niet gescheiden door puntkomma's".to_string(),
        };
        diags.error(file, Position::START, message, "sla het bestand op als CSV met puntkomma's (in Excel met Nederlandse instellingen: 'CSV (gescheiden door lijstscheidingsteken)'), zoals DUO het levert");
        return None;
    }
    let header: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    let rows = records[1..].iter().filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty())).cloned().collect();
    Some(Table { header, rows })
}

/// Records of `;`-separated text (RFC 4180 quoting, a quoted cell may span lines), each with
/// the line it starts on.
fn split_records(text: &str) -> Vec<(usize, Vec<String>)> {
    let mut records = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut line = 1;
    let mut start = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if cell.trim().is_empty() => {
                cell.clear();
                quoted = true;
            }
            (';', false) => row.push(std::mem::take(&mut cell)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut cell));
                records.push((start, std::mem::take(&mut row)));
                line += 1;
                start = line;
            }
            ('\n', true) => {
                cell.push('\n');
                line += 1;
            }
            (c, _) => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        records.push((start, row));
    }
    records
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_quoted_cells_and_names_a_wrong_separator() {
        let mut d = Diagnostics::new();
        let t = read("a.csv", "\u{feff}A;\"B\"\n1;\"x;\"\"y\"\"\nz\"\n\n2;3\n".as_bytes(), &mut d).unwrap();
        assert_eq!(t.header, ["A", "B"]);
        assert_eq!(t.rows, vec![(2, vec!["1".to_string(), "x;\"y\"\nz".to_string()]), (5, vec!["2".to_string(), "3".to_string()])]);
        assert!(read("b.csv", b"A,B\n1,2\n", &mut d).is_none());
        assert!(d.sorted()[0].message.contains("komma's"), "{:?}", d.sorted());
    }
}
