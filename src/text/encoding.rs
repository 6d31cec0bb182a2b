//! Bytes to text for files made elsewhere: plan text from PDF tools, DUO's register, a CSV saved
//! by Excel. UTF-8 (with or without BOM) as is; Windows-1252, which Windows tools and some of
//! DUO's downloads still write, with a warning; anything else refused at its first bad byte,
//! because a guess would garble every ë and é. Bottom layer: imports nothing of the crate.

/// Which encoding a text was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Windows1252,
}

/// Why bytes are not text: UTF-16 (an editor's "Unicode"), or a byte that is neither UTF-8 nor
/// plausible Windows-1252, at 1-based `line` and `column`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotText {
    Utf16,
    BadByte { byte: u8, offset: usize, line: usize, column: usize },
}

/// Where the first byte that was not UTF-8 is in a text read as Windows-1252, for the
/// warning: (line, column, byte).
pub type FirstNonUtf8 = (usize, usize, u8);

/// The text of `bytes`, and the encoding it was read in (with, for Windows-1252, where the
/// first byte that was not UTF-8 is).
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding, Option<FirstNonUtf8>), NotText> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(NotText::Utf16);
    }
    let (body, bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, 3),
        None => (bytes, 0),
    };
    match std::str::from_utf8(body) {
        Ok(text) => Ok((text.to_string(), if bom > 0 { Encoding::Utf8Bom } else { Encoding::Utf8 }, None)),
        Err(e) => {
            let bad = e.valid_up_to();
            let before = String::from_utf8_lossy(&body[..bad]);
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map(|l| l.chars().count()).unwrap_or(0) + 1;
            // Real UTF-8 characters elsewhere mean a damaged UTF-8 file, not Windows-1252.
            let utf8_chars: usize = body.utf8_chunks().map(|c| c.valid().chars().filter(|ch| !ch.is_ascii()).count()).sum();
            if utf8_chars == 0 && looks_like_windows_1252(body) {
                return Ok((body.iter().map(|&b| windows_1252(b)).collect(), Encoding::Windows1252, Some((line, column, body[bad]))));
            }
            Err(NotText::BadByte { byte: body[bad], offset: bad + bom, line, column })
        }
    }
}

/// Whether bytes that are not UTF-8 read as Windows-1252 text: no control characters, none of
/// the five undefined bytes, and few enough high bytes to be letters with accents.
pub fn looks_like_windows_1252(bytes: &[u8]) -> bool {
    let undefined = [0x81, 0x8D, 0x8F, 0x90, 0x9D];
    let control = |b: u8| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C);
    let high = bytes.iter().filter(|&&b| b >= 0x80).count();
    !bytes.iter().any(|&b| control(b) || b == 0x7F || undefined.contains(&b)) && high * 4 <= bytes.len()
}

/// The character of one Windows-1252 byte.
pub fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š',
        '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_windows_1252_and_garbage() {
        assert_eq!(decode(b"\xEF\xBB\xBFco\xC3\xB6p").unwrap().0, "coöp");
        let (text, enc, at) = decode(b"NAAM\nCO\xD6P").unwrap();
        assert_eq!((text.as_str(), enc, at), ("NAAM\nCOÖP", Encoding::Windows1252, Some((2, 3, 0xD6))));
        assert_eq!(decode(b"\xFF\xFEa"), Err(NotText::Utf16));
        assert!(matches!(decode(b"a\xC3\xB6\nb\xFF"), Err(NotText::BadByte { byte: 0xFF, line: 2, column: 2, .. })));
    }
}
