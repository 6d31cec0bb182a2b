//! Pass 3, OCR confusions: the words of one small explicit table ([`OCR_FIXES`]) are corrected,
//! nothing else.
//!
//! Why: OCR of a scanned plan reads `ö` and `ë` as `é`, `ó` or `6` (`coérdinatie`,
//! `financién`) and confuses `l`, `I` and `J` (`Iwoo`, `lJssel`). These are the only words the
//! importer changes, so that every other word written is a word of the input; each fix is
//! counted in the report.

use super::lines::Line;
use super::report::Report;

/// Known OCR confusions in Dutch plans, and the only words the importer changes. The flag says
/// whether the whole word must match (`Iwoo`) or the text is a stem found inside longer words
/// (`codrdin` in `ondersteuningscodrdinatoren`). Capitalised forms are fixed too.
pub const OCR_FIXES: &[(&str, &str, bool)] = &[
    ("coérdin", "coördin", false),
    ("codrdin", "coördin", false),
    ("coodrdin", "coördin", false),
    ("co6érdin", "coördin", false),
    ("co6rdin", "coördin", false),
    ("coôrdin", "coördin", false),
    ("geévalueer", "geëvalueer", false),
    ("creér", "creër", false),
    ("financiél", "financiël", false),
    ("financién", "financiën", false),
    ("categorieén", "categorieën", false),
    ("oriént", "oriënt", false),
    ("residentiél", "residentiël", false),
    ("ministeriél", "ministeriël", false),
    ("materiél", "materiël", false),
    ("justitiél", "justitiël", false),
    ("beéindig", "beëindig", false),
    ("geéxpliciteerd", "geëxpliciteerd", false),
    ("geéntameerd", "geëntameerd", false),
    ("verifiér", "verifiër", false),
    ("interveniér", "interveniër", false),
    ("Iwoo", "lwoo", true),
    ("o0.a.", "o.a.", true),
    ("O0V", "OOV", true),
    ("lJssel", "IJssel", true),
    ("lIssel", "IJssel", true),
];

pub(super) fn fix_ocr(lines: &mut [Line], report: &mut Report) {
    for line in lines.iter_mut() {
        for &(from, to, whole) in OCR_FIXES {
            for (f, t) in [(from.to_string(), to.to_string()), (capitalize(from), capitalize(to))] {
                if !line.text.contains(&f) {
                    continue;
                }
                let (fixed, n) = replace_checked(&line.text, &f, &t, whole);
                if n > 0 {
                    line.text = fixed;
                    *report.ocr_fixes.entry((f.clone(), t.clone())).or_insert(0) += n;
                }
            }
        }
    }
}

fn capitalize(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

fn replace_checked(text: &str, from: &str, to: &str, whole: bool) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut n = 0;
    let mut rest = text;
    while let Some(pos) = rest.find(from) {
        out.push_str(&rest[..pos]);
        let before = out.chars().next_back();
        let after = rest[pos + from.len()..].chars().next();
        if !whole || (!before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)) {
            out.push_str(to);
            n += 1;
        } else {
            out.push_str(from);
        }
        rest = &rest[pos + from.len()..];
    }
    out.push_str(rest);
    (out, n)
}
