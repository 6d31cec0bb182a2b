//! Pass 1, bytes to text: UTF-8 (with or without BOM) as is; Windows-1252 with a warning; UTF-16,
//! other bytes, NUL bytes and empty files refused with the place of the problem.
//!
//! Why: PDF tools on Windows often write Windows-1252 (`pdftotext` without `-enc UTF-8`, "Save
//! as text" in a viewer), editors save UTF-16, and people pass the PDF or Word file itself. A
//! plan read with the wrong encoding garbles every ë and é, so a file that is neither plausible
//! UTF-8 nor plausible Windows-1252 is an error naming the first bad byte, not a guess.

use super::ImportError;
use crate::text::encoding::{self, Encoding, NotText};

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
/// names the first bad byte. The decoding itself is `text::encoding`'s, shared with the school
/// importer; this adds the plan importer's words for it.
fn decode(file: &str, bytes: &[u8]) -> Result<Decoded, ImportError> {
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    match encoding::decode(bytes) {
        Ok((text, Encoding::Utf8, _)) => Ok((text, "UTF-8", None)),
        Ok((text, Encoding::Utf8Bom, _)) => Ok((text, "UTF-8 met BOM", None)),
        Ok((text, Encoding::Windows1252, first)) => {
            let (line, column, byte) = first.unwrap_or((1, 1, 0));
            let offset = text_offset(bytes, bom, line, column);
            let warning = format!("byte 0x{byte:02X} op byte-positie {offset} (kolom {column}) is geen UTF-8; het bestand is gelezen als Windows-1252 (Latin-1): controleer letters als ë en é");
            Ok((text, "Windows-1252", Some((line, warning))))
        }
        Err(NotText::Utf16) => Err(ImportError::Utf16 { file: file.to_string() }),
        Err(NotText::BadByte { byte, offset, line, column }) => Err(ImportError::NotUtf8 { file: file.to_string(), offset, line, column, byte }),
    }
}

/// The byte offset (BOM included) of 1-based `line` and `column` in single-byte text.
fn text_offset(bytes: &[u8], bom: usize, line: usize, column: usize) -> usize {
    let body = &bytes[bom..];
    let line_start = body.split(|&b| b == b'\n').take(line - 1).map(|l| l.len() + 1).sum::<usize>();
    bom + line_start + column - 1
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
