//! Calendar dates as the content uses them (`bijgewerkt = 2026-06-15` in TOML).
//!
//! A small type of our own rather than a date crate: the site only needs to parse TOML dates,
//! compare them with today, and print them in Dutch.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Today in UTC. `PASSEND_TODAY=YYYY-MM-DD` overrides it, so that checks such as "date in the
    /// future" or "profile out of date" are reproducible in tests and in CI.
    pub fn today() -> Date {
        if let Some(d) = std::env::var("PASSEND_TODAY").ok().and_then(|s| Date::parse(&s)) {
            return d;
        }
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        Date::from_days(secs.div_euclid(86_400))
    }

    /// Parse `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Date> {
        let mut parts = s.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        Date::new(year, month, day)
    }

    /// Days since 1970-01-01 (Howard Hinnant's civil-from-days algorithm).
    pub fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Whole months from `self` to `later` (negative when `later` is earlier).
    pub fn months_until(self, later: Date) -> i32 {
        let mut months = (later.year - self.year) * 12 + i32::from(later.month) - i32::from(self.month);
        if later.day < self.day {
            months -= 1;
        }
        months
    }

    /// "1 oktober 2025".
    pub fn to_dutch(self) -> String {
        self.in_language("nl")
    }

    /// "1 oktober 2025" in Dutch, "1 October 2025" in English.
    pub fn in_language(self, lang: &str) -> String {
        format!("{} {} {}", self.day, month_name(lang, self.month), self.year)
    }
}

/// Month names for dates in `lang` (Dutch when unknown).
pub fn month_name(lang: &str, month: u8) -> &'static str {
    const NL: [&str; 12] = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];
    const EN: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    let i = usize::from(month.clamp(1, 12)) - 1;
    if lang == "en" {
        EN[i]
    } else {
        NL[i]
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    /// Accepts a TOML date (`2026-06-15`) or a string in that form; rejects a date with a time,
    /// which a content author most likely did not mean.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Toml(toml::value::Datetime),
            Text(String),
        }
        let text = match Raw::deserialize(d)? {
            Raw::Toml(dt) => {
                if dt.time.is_some() || dt.offset.is_some() {
                    return Err(D::Error::custom(format!("`{dt}` has a time; write only the date, for example 2026-06-15")));
                }
                dt.to_string()
            }
            Raw::Text(s) => s,
        };
        Date::parse(&text).ok_or_else(|| D::Error::custom(format!("`{text}` is not a date in the form YYYY-MM-DD, for example 2026-06-15")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_and_dutch_names() {
        let d = Date::new(2025, 10, 1).unwrap();
        assert_eq!(Date::from_days(d.to_days()), d);
        assert_eq!(Date::from_days(0), Date::new(1970, 1, 1).unwrap());
        assert_eq!(d.to_dutch(), "1 oktober 2025");
        assert!(Date::new(2025, 2, 29).is_none());
        assert_eq!(Date::new(2022, 11, 23).unwrap().months_until(Date::new(2026, 11, 22).unwrap()), 47);
    }
}
