//! Lowercasing and folding of accents and ligatures: one table for search, slugs, A-Z letters
//! and syllable counts, so every part of the site folds `é`, `ĳ` and `ß` the same way. The
//! search index ships [`FOLD`] to the browser (`meta.bin`), so `search.js` folds with it too.

/// Accent folding and ligatures, after lowercasing. Shipped to the browser in `meta.bin`.
pub const FOLD: &[(char, &str)] = &[
    ('à', "a"), ('á', "a"), ('â', "a"), ('ã', "a"), ('ä', "a"), ('å', "a"), ('æ', "ae"),
    ('ç', "c"),
    ('è', "e"), ('é', "e"), ('ê', "e"), ('ë', "e"),
    ('ì', "i"), ('í', "i"), ('î', "i"), ('ï', "i"), ('ĳ', "ij"),
    ('ñ', "n"),
    ('ò', "o"), ('ó', "o"), ('ô', "o"), ('õ', "o"), ('ö', "o"), ('ø', "o"), ('œ', "oe"),
    ('ù', "u"), ('ú', "u"), ('û', "u"), ('ü', "u"),
    ('ý', "y"), ('ÿ', "y"),
    ('ß', "ss"),
];

/// Lowercase and fold one character, appending to `out`.
pub fn fold_into(c: char, out: &mut String) {
    for l in c.to_lowercase() {
        match FOLD.iter().find(|(from, _)| *from == l) {
            Some((_, to)) => out.push_str(to),
            None => out.push(l),
        }
    }
}

/// `text` lowercased and folded: what slugs, A-Z letters and syllable counts start from, so
/// that every part of the site folds accents and ligatures like search does.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_into(c, &mut out);
    }
    out
}
