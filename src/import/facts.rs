//! Facts about the SWV that a plan states in its text: its name, the gemeenten of its
//! werkgebied, the planperiode and the sector, each with the input line it was found on.
//! `passend init DIR --plan PLAN` fills `passend.toml` with them.
//!
//! Why: a new site should start from what the plan already says, not from example values the
//! author has to find and replace; and since these are guesses from running text, each comes
//! with the line it was read from, so the author can check it.

/// A value and the input line (paragraph, for a Word document) it was found on.
#[derive(Debug, Clone, PartialEq)]
pub struct Found<T> {
    pub value: T,
    pub line: usize,
}

#[derive(Debug, Clone, Default)]
pub struct PlanFacts {
    /// `Samenwerkingsverband ...` as the plan writes it most often.
    pub naam: Option<Found<String>>,
    /// Gemeenten named in lists after "de gemeenten", in order, without repeats.
    pub gemeenten: Vec<Found<String>>,
    /// Start and end year: the year range the plan names most often.
    pub planperiode: Option<Found<(u32, u32)>>,
    /// `po`, `vo` or `po-vo`: `po` or `vo` when the plan speaks of it twice as often as of the
    /// other, with the line of its first mention.
    pub sector: Option<Found<&'static str>>,
}

/// The text as one string, with the line each part came from.
struct Joined {
    text: String,
    starts: Vec<(usize, usize)>,
}

impl Joined {
    fn new(lines: &[(usize, String)]) -> Joined {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(lines.len());
        for (no, line) in lines {
            starts.push((text.len(), *no));
            text.push_str(line);
            text.push(' ');
        }
        Joined { text, starts }
    }

    fn line_at(&self, offset: usize) -> usize {
        let k = self.starts.partition_point(|(o, _)| *o <= offset);
        self.starts.get(k.saturating_sub(1)).map(|s| s.1).unwrap_or(1)
    }
}

/// Find the facts in `lines` (input line number and text).
pub fn find(lines: &[(usize, String)]) -> PlanFacts {
    let joined = Joined::new(lines);
    let sector = sector(&joined);
    PlanFacts { naam: naam(&joined, sector.as_ref().map(|s| s.value)), gemeenten: gemeenten(&joined), planperiode: planperiode(&joined), sector }
}

/// Small words a name or a gemeente may have between its capitalised words.
const JOINING: &[&str] = &["en", "de", "van", "voor", "aan", "den", "der", "het", "op", "in", "'t"];

fn capitalised(w: &str) -> bool {
    w.trim_start_matches(['(', '‘', '\'']).starts_with(|c: char| c.is_uppercase())
}

/// `Samenwerkingsverband` (or `SWV`) and the capitalised words after it, the most frequent.
/// A plan also names its partners (`het samenwerkingsverband PO ...` in a VO plan): a name
/// with the other sector's `PO` or `VO` in it is passed over.
fn naam(j: &Joined, sector: Option<&str>) -> Option<Found<String>> {
    let other = match sector {
        Some("vo") => Some("PO"),
        Some("po") => Some("VO"),
        _ => None,
    };
    let keep = |name: &String| other.is_none_or(|o| !name.split(|c: char| !c.is_alphanumeric()).any(|w| w == o));
    names_after(j, "samenwerkingsverband ", "Samenwerkingsverband").into_iter().filter(|(n, _, _)| keep(n)).enumerate().max_by_key(|(k, (n, c, _))| (*c, n.len(), usize::MAX - k)).map(|(_, (value, _, line))| Found { value, line }).or_else(|| {
        names_after(j, "swv ", "SWV").into_iter().filter(|(n, _, _)| keep(n)).enumerate().max_by_key(|(k, (n, c, _))| (*c, n.len(), usize::MAX - k)).map(|(_, (value, _, line))| Found { value, line })
    })
}

/// Each `key` (lower case) followed by capitalised words, as `prefix words`: with how often and
/// the first line.
fn names_after(j: &Joined, key: &str, prefix: &str) -> Vec<(String, usize, usize)> {
    let mut counts: Vec<(String, usize, usize)> = Vec::new();
    // ASCII lower case keeps every byte offset, so a match in `lower` is the same place in the text.
    let lower = j.text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find(key) {
        let start = from + at;
        from = start + key.len();
        // Not the end of a longer word (`Het samenwerkingsverband` is fine).
        if start > 0 && lower[..start].ends_with(|c: char| c.is_alphanumeric()) {
            continue;
        }
        let mut words: Vec<&str> = Vec::new();
        for w in j.text[start + key.len()..].split(' ').take(8) {
            let bare = w.trim_end_matches([',', '.', ';', ':', ')', '’', '\'']);
            if capitalised(bare) || (JOINING.contains(&bare) && !words.is_empty()) {
                words.push(bare);
                if bare.len() != w.len() {
                    break;
                }
            } else {
                break;
            }
        }
        while words.last().is_some_and(|w| JOINING.contains(w)) {
            words.pop();
        }
        if words.is_empty() || words.len() > 6 {
            continue;
        }
        let name = format!("{prefix} {}", words.join(" "));
        match counts.iter_mut().find(|(n, _, _)| *n == name) {
            Some(c) => c.1 += 1,
            None => counts.push((name, 1, j.line_at(start))),
        }
    }
    counts
}

fn gemeenten(j: &Joined) -> Vec<Found<String>> {
    let mut out: Vec<Found<String>> = Vec::new();
    // ASCII lower case keeps every byte offset, so a match in `lower` is the same place in the text.
    let lower = j.text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("gemeenten") {
        let start = from + at + "gemeenten".len();
        from = start;
        let rest = j.text[start..].trim_start_matches([':', ' ']);
        let offset = j.text.len() - rest.len();
        // Without bracketed remarks (`Krimpenerwaard (m.u.v. de kern Lekkerkerk)`).
        let mut plain = String::new();
        let mut depth = 0;
        for c in rest.chars().take(600) {
            match c {
                '(' => depth += 1,
                ')' if depth > 0 => depth -= 1,
                c if depth == 0 => plain.push(c),
                _ => {}
            }
        }
        let plain = plain.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut names: Vec<String> = Vec::new();
        let mut last = false;
        for part in plain.split(", ") {
            let (part, is_last) = match part.split_once(" en ") {
                Some((a, b)) => {
                    // `A en B`: both are names when B is.
                    if let Some(name) = gemeente_name(a) {
                        names.push(name);
                    } else {
                        break;
                    }
                    (b, true)
                }
                None => (part, false),
            };
            match gemeente_name(part) {
                Some(name) => names.push(name),
                None => break,
            }
            if is_last {
                last = true;
                break;
            }
        }
        if (names.len() >= 2 && last) || names.len() >= 3 {
            let line = j.line_at(offset);
            for name in names {
                if !out.iter().any(|f| f.value == name) {
                    out.push(Found { value: name, line });
                }
            }
        }
    }
    out
}

/// A gemeente's name: capitalised words (with small joining words between), up to five, the
/// rest of the sentence cut off at its end.
fn gemeente_name(part: &str) -> Option<String> {
    let part = part.trim();
    let end = part.find(['.', ';', ':']).unwrap_or(part.len());
    let part = part[..end].trim();
    let words: Vec<&str> = part.split(' ').filter(|w| !w.is_empty()).collect();
    if words.is_empty() || words.len() > 5 || !capitalised(words[0]) || !capitalised(words[words.len() - 1]) {
        return None;
    }
    let ok = words.iter().all(|w| (capitalised(w) || JOINING.contains(w)) && w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\''));
    ok.then(|| words.join(" "))
}

fn planperiode(j: &Joined) -> Option<Found<(u32, u32)>> {
    let t = &j.text;
    let bytes = t.as_bytes();
    let mut counts: Vec<((u32, u32), usize, usize)> = Vec::new();
    let year = |at: usize| -> Option<u32> {
        let s = t.get(at..at + 4)?;
        let before_ok = at == 0 || !bytes[at - 1].is_ascii_digit();
        let after_ok = bytes.get(at + 4).is_none_or(|b| !b.is_ascii_digit());
        (before_ok && after_ok && s.starts_with("20") && s.chars().all(|c| c.is_ascii_digit())).then(|| s.parse().ok())?
    };
    for (at, _) in t.match_indices("20") {
        let Some(a) = year(at) else { continue };
        let after = &t[at + 4..];
        let sep = after.trim_start_matches(' ');
        let sep_rest = ["-", "–", "—", "/", "t/m", "tot en met"].iter().find_map(|s| sep.strip_prefix(s));
        let Some(sep_rest) = sep_rest else { continue };
        let b_text = sep_rest.trim_start_matches(' ');
        let b_at = t.len() - b_text.len();
        let Some(b) = year(b_at) else { continue };
        if !(3..=5).contains(&(b.saturating_sub(a))) {
            continue;
        }
        match counts.iter_mut().find(|(p, _, _)| *p == (a, b)) {
            Some(c) => c.1 += 1,
            None => counts.push(((a, b), 1, j.line_at(at))),
        }
    }
    counts.into_iter().enumerate().max_by_key(|(k, (_, c, _))| (*c, usize::MAX - k)).map(|(_, (value, _, line))| Found { value, line })
}

fn sector(j: &Joined) -> Option<Found<&'static str>> {
    // ASCII lower case keeps every byte offset, so a match in `lower` is the same place in the text.
    let lower = j.text.to_ascii_lowercase();
    let count = |words: &[&str]| words.iter().map(|w| lower.matches(w).count()).sum::<usize>();
    let caps = |w: &str| j.text.split(|c: char| !c.is_alphanumeric()).filter(|x| *x == w).count();
    let vo = count(&["voortgezet onderwijs", "vmbo", "havo", "vwo", "praktijkonderwijs", "lwoo"]) + caps("VO") + caps("VSO");
    let po = count(&["primair onderwijs", "basisschool", "basisscholen", "basisonderwijs", "speciaal basisonderwijs"]) + caps("PO") + caps("SBO") + caps("SBAO");
    let first = |words: &[&str]| words.iter().filter_map(|w| lower.find(w)).min().map(|o| j.line_at(o)).unwrap_or(1);
    if vo == 0 && po == 0 {
        return None;
    }
    let value = if vo >= 2 * po {
        "vo"
    } else if po >= 2 * vo {
        "po"
    } else {
        "po-vo"
    };
    let line = if value == "po" { first(&["primair onderwijs", "basisschool", "basisonderwijs"]) } else { first(&["voortgezet onderwijs", "vmbo", "havo"]) };
    Some(Found { value, line })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(t: &str) -> Vec<(usize, String)> {
        t.lines().enumerate().map(|(i, l)| (i + 1, l.to_string())).collect()
    }

    #[test]
    fn facts_from_running_text() {
        let f = find(&lines(
            "Ondersteuningsplan 2026 – 2030\n\nSamenwerkingsverband Passend Heuvelrand werkt in de gemeenten Heuvelstad, Rijnwijk (met\nde kern Oudewater) en Alphen aan de Beek, samen de regio Heuvelrand.\nHet Samenwerkingsverband Passend Heuvelrand kent vier scholen voor primair onderwijs en\ntwee voor speciaal basisonderwijs. In 2026-2030 groeit het aantal basisscholen.\nDe gemeenten werken samen.",
        ));
        assert_eq!(f.naam, Some(Found { value: "Samenwerkingsverband Passend Heuvelrand".to_string(), line: 3 }));
        let names: Vec<&str> = f.gemeenten.iter().map(|g| g.value.as_str()).collect();
        assert_eq!(names, ["Heuvelstad", "Rijnwijk", "Alphen aan de Beek"]);
        assert_eq!(f.gemeenten[0].line, 3);
        assert_eq!(f.planperiode, Some(Found { value: (2026, 2030), line: 1 }));
        assert_eq!(f.sector.map(|s| s.value), Some("po"));
        // Letters whose lower case is longer or shorter do not shift the places found.
        let f = find(&lines("İİİ ẞẞ Samenwerkingsverband Passend Ⱥland werkt in de gemeenten Ⱥstad, Bdorp en Cwijk."));
        assert_eq!(f.naam.map(|n| n.value).as_deref(), Some("Samenwerkingsverband Passend Ⱥland"));
        assert_eq!(f.gemeenten.len(), 3);
    }
}
