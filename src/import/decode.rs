//! Pass 1, bytes to text: UTF-8 (with or without BOM) as is; Windows-1252 with a warning; UTF-16,
//! other bytes, NUL bytes and empty files refused with the place of the problem.
//!
//! Why: PDF tools on Windows often write Windows-1252 (`pdftotext` without `-enc UTF-8`, "Save
//! as text" in a viewer), editors save UTF-16, and people pass the PDF or Word file itself. A
//! plan read with the wrong encoding garbles every ë and é, so a file that is neither plausible
//! UTF-8 nor plausible Windows-1252 is an error naming the first bad byte, not a guess.

use super::ImportError;
use crate::text::encoding::{looks_like_windows_1252, windows_1252};

type Decoded = (String, &'static str, Option<(usize, String)>);

/// The text of `bytes` (see [`decode`]), refused when it holds a NUL byte or nothing but white
/// space.
pub(super) fn text_of(file: &str, bytes: &[u8]) -> Result<Decoded, ImportError> {
    let (text, encoding, encoding_warning) = decode(file, bytes)?;
    if let Some(offset) = text.find('\0') {
        let pos = crate::diagnostics::Position::at(&text, offset);
        return Err(ImportError::Binary { file: file.to_string(), line: pos.line, column: pos.column });
    }
    if text.trim().is_empty() {
        return Err(ImportError::Empty { file: file.to_string() });
    }
    Ok((text, encoding, encoding_warning))
}

/// UTF-8 (with or without BOM) as is; text that is not UTF-8 but reads as Windows-1252 (what
/// many PDF tools on Windows write) is decoded with a warning; anything else is an error that
/// names the first bad byte.
fn decode(file: &str, bytes: &[u8]) -> Result<Decoded, ImportError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(ImportError::Utf16 { file: file.to_string() });
    }
    let (body, bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, 3),
        None => (bytes, 0),
    };
    match std::str::from_utf8(body) {
        Ok(text) => Ok((text.to_string(), if bom > 0 { "UTF-8 met BOM" } else { "UTF-8" }, None)),
        Err(e) => {
            let bad = e.valid_up_to();
            let before = String::from_utf8_lossy(&body[..bad]);
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map(|l| l.chars().count()).unwrap_or(0) + 1;
            // Real UTF-8 characters elsewhere mean a damaged UTF-8 file: reading it as
            // Windows-1252 would garble those, so that is an error.
            let utf8_chars: usize = body.utf8_chunks().map(|c| c.valid().chars().filter(|ch| !ch.is_ascii()).count()).sum();
            if utf8_chars == 0 && looks_like_windows_1252(body) {
                let text: String = body.iter().map(|&b| windows_1252(b)).collect();
                let warning = format!(
                    "byte 0x{:02X} op byte-positie {} (kolom {column}) is geen UTF-8; het bestand is gelezen als Windows-1252 (Latin-1): controleer letters als ë en é",
                    body[bad],
                    bad + bom
                );
                return Ok((text, "Windows-1252", Some((line, warning))));
            }
            Err(ImportError::NotUtf8 { file: file.to_string(), offset: bad + bom, line, column, byte: body[bad] })
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::import::{convert, ImportError};

    #[test]
    fn windows_1252_is_read_with_a_warning_and_broken_utf8_is_an_error() {
        let latin = b"1. Visie\n\nDe co\xf6rdinatie van de zorg ligt bij de school.\n";
        let import = convert("plan.txt", latin).unwrap();
        assert_eq!(import.report.encoding, "Windows-1252");
        assert!(import.chapters[0].markdown.contains("coördinatie"));
        assert!(import.report.warnings[0].1.contains("Windows-1252"));
        let broken = "1. Visie\n\nDe coördinatie \u{e9}\n".as_bytes().iter().copied().chain([0xFF, b'\n']).collect::<Vec<u8>>();
        match convert("plan.txt", &broken) {
            Err(ImportError::NotUtf8 { offset, line, .. }) => {
                assert_eq!(line, 4);
                assert_eq!(offset, broken.len() - 2);
            }
            other => panic!("{other:?}"),
        }
    }
}
