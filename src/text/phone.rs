//! Telephone numbers as authors write them (`0341 820 111`, `0341-820111`, `+31 341 820 111`)
//! and as links. Bottom layer: imports nothing of the crate.

/// The `tel:` URL of a number: its digits and a leading `+` only, so nothing an author writes
/// can turn the link into another scheme or break out of the attribute.
pub fn tel_href(number: &str) -> String {
    let mut digits = String::from("tel:");
    for (i, c) in number.trim().chars().enumerate() {
        if c.is_ascii_digit() || (c == '+' && i == 0) {
            digits.push(c);
        }
    }
    digits
}

/// Whether `number` reads as a Dutch or international phone number: digits with spaces, `-`,
/// `(`, `)` or `.` between them, an optional leading `+`, and at least ten digits (a number
/// with its netnummer). A number without its netnummer cannot be dialled from a mobile phone.
pub fn is_phone(number: &str) -> bool {
    let n = number.trim();
    let body = n.strip_prefix('+').unwrap_or(n);
    !body.is_empty()
        && body.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '.'))
        && body.chars().filter(char::is_ascii_digit).count() >= 10
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_keep_digits_and_a_leading_plus() {
        assert_eq!(tel_href("0341 820 111"), "tel:0341820111");
        assert_eq!(tel_href("+31 (0)341-820111"), "tel:+310341820111");
        assert_eq!(tel_href("javascript:alert(1)"), "tel:1");
        assert_eq!(tel_href("0341+820"), "tel:0341820");
    }

    #[test]
    fn numbers_need_ten_digits_and_no_letters() {
        assert!(is_phone("0341 820 111"));
        assert!(is_phone("0341-820111"));
        assert!(is_phone("+31 341 820 111"));
        assert!(!is_phone("820 111"));
        assert!(!is_phone("bel 0341 820 111"));
        assert!(!is_phone(""));
    }
}
