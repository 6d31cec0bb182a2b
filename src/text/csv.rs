//! CSV cells, for every CSV passend writes (open data, OOGO downloads). Bottom layer: imports
//! nothing of the crate.
//!
//! A cell is quoted when it holds the separator, a quote or a line break (RFC 4180), and a cell
//! that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, a tab or a
//! carriage return) gets a leading `'`, as OWASP recommends against CSV injection: a school
//! named `=HYPERLINK(…)` must stay text in the gemeente's Excel. Plain numbers such as
//! `-250000` or `-3,5` are left alone, so they stay numbers.

/// One CSV cell for a file separated by `sep`.
pub fn cell(value: &str, sep: char) -> String {
    let neutral = if starts_formula(value) { format!("'{value}") } else { value.to_string() };
    if neutral.contains([sep, '"', '\n', '\r']) {
        format!("\"{}\"", neutral.replace('"', "\"\""))
    } else {
        neutral
    }
}

fn starts_formula(value: &str) -> bool {
    match value.chars().next() {
        Some('=' | '@' | '\t' | '\r') => true,
        Some('+' | '-') => !is_plain_number(&value[1..]),
        _ => false,
    }
}

/// Digits with at most one decimal comma or point, and thousands dots: `250000`, `3,5`,
/// `1.234.567`.
fn is_plain_number(rest: &str) -> bool {
    !rest.is_empty()
        && rest.starts_with(|c: char| c.is_ascii_digit())
        && rest.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && rest.chars().filter(|&c| c == ',').count() <= 1
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn formulas_become_text() {
        assert_eq!(cell("=HYPERLINK(\"http://x\")", ';'), "\"'=HYPERLINK(\"\"http://x\"\")\"");
        assert_eq!(cell("@SUM(1+1)", ';'), "'@SUM(1+1)");
        assert_eq!(cell("+31 20 123", ','), "'+31 20 123");
        assert_eq!(cell("-1+2", ','), "'-1+2");
        assert_eq!(cell("\tx", ','), "'\tx");
        assert_eq!(cell("\rx", ','), "\"'\rx\"");
    }

    #[test]
    fn numbers_and_text_stay_as_they_are() {
        assert_eq!(cell("-250000", ';'), "-250000");
        assert_eq!(cell("-3,5", ';'), "-3,5");
        assert_eq!(cell("1.234.567", ';'), "1.234.567");
        assert_eq!(cell("OBS De Linde", ';'), "OBS De Linde");
        assert_eq!(cell("a;b", ';'), "\"a;b\"");
        assert_eq!(cell("a,b", ';'), "a,b");
        assert_eq!(cell("a,b", ','), "\"a,b\"");
        assert_eq!(cell("zegt \"ja\"", ','), "\"zegt \"\"ja\"\"\"");
    }
}
