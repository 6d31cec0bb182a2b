//! Numbers in nl-NL form, as Dutch readers expect them: 1.234.567, 3,5%, € 1.250.000.

/// Thousands separated by dots: `1234567` -> `1.234.567`.
pub fn integer(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// A decimal number with a comma and at most `decimals` digits after it (trailing zeros dropped):
/// `3.5` -> `3,5`, `1234.0` -> `1.234`.
pub fn decimal(x: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, x.abs());
    let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
    let frac = frac.trim_end_matches('0');
    let whole: i64 = whole.parse().unwrap_or(0);
    let sign = if x < 0.0 && (whole != 0 || !frac.is_empty()) { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{}", integer(whole))
    } else {
        format!("{sign}{},{frac}", integer(whole))
    }
}

/// `3.5` -> `3,5%`.
pub fn percent(x: f64) -> String {
    format!("{}%", decimal(x, 1))
}

/// `1250000` -> `€ 1.250.000`.
pub fn euro(n: i64) -> String {
    if n < 0 {
        format!("-€ {}", integer(-n))
    } else {
        format!("€ {}", integer(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_number_forms() {
        assert_eq!(integer(1_234_567), "1.234.567");
        assert_eq!(integer(-1000), "-1.000");
        assert_eq!(integer(999), "999");
        assert_eq!(decimal(3.5, 1), "3,5");
        assert_eq!(decimal(1234.0, 2), "1.234");
        assert_eq!(percent(2.45), "2,5%");
        assert_eq!(euro(1_250_000), "€ 1.250.000");
    }
}
