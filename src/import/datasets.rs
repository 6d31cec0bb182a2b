//! Data the plan holds as text that the site keeps as data: a **meerjarenbegroting** (years as
//! columns, a post and its amounts per line), **deelnamepercentages**, and **lists of
//! schools**. Each is named in the report with its input lines; the first two also become a
//! draft data file for `passend init --plan`, in `content/data/concept/`, which the build does
//! not read: the author checks it against the plan and moves it to `content/data/`.
//!
//! Why: the site shows the begroting and the kengetallen from `content/data/*.toml`, with
//! their sums checked; retyping a budget of forty amounts from a PDF is slow and error-prone,
//! but a budget read from flattened text can be wrong (a lost column, a subtotal taken for a
//! post), so it is never put where the build would show it without someone checking it.

use crate::layout;

/// Where the drafts go, under the site root: a folder the build does not read.
pub const CONCEPT_DIR: &str = layout::DATA_CONCEPT;

/// One thing found: what, where (first and last input line), and a draft file (name in
/// [`CONCEPT_DIR`], TOML text) when one can be written.
#[derive(Debug, Clone)]
pub struct Suggestion {
    pub what: String,
    pub first: usize,
    pub last: usize,
    pub draft: Option<(String, String)>,
}

/// A year as a table header writes it: 1990-2099, maybe with a bracket or bar glued on.
fn year(token: &str) -> Option<i32> {
    let t = token.trim_matches(|c: char| !c.is_ascii_digit());
    (t.len() == 4 && token.chars().filter(char::is_ascii_digit).count() == 4).then(|| t.parse().ok()).flatten().filter(|y| (1990..=2099).contains(y))
}

/// An amount as a Dutch table writes it (`20.366.424`, `-607.115`, `0`, `1.234,50`, with `|`,
/// `(` or `€` glued on by extraction), in whole units.
fn amount(token: &str) -> Option<i64> {
    if token.chars().any(char::is_alphabetic) {
        return None;
    }
    let t = token.trim_matches(|c: char| !(c.is_ascii_digit() || c == '-'));
    let negative = t.starts_with('-');
    let digits = t.trim_start_matches('-');
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') || !digits.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // Thousands separated by dots; a comma starts the decimals.
    let (whole, decimals) = digits.split_once(',').unwrap_or((digits, ""));
    let groups: Vec<&str> = whole.split('.').collect();
    if groups.len() > 1 && (groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3)) {
        return None;
    }
    let mut value: i64 = groups.concat().parse().ok()?;
    if decimals.chars().next().is_some_and(|c| c >= '5') {
        value += 1;
    }
    Some(if negative { -value } else { value })
}

/// A line's label and its amounts: the trailing tokens that are amounts (`€` skipped).
fn row(line: &str) -> (String, Vec<i64>) {
    let tokens: Vec<&str> = line.split_whitespace().filter(|t| *t != "€" && *t != "|").collect();
    let mut n = tokens.len();
    let mut amounts = Vec::new();
    while n > 0 {
        match amount(tokens[n - 1]) {
            Some(a) => amounts.push(a),
            None => break,
        }
        n -= 1;
    }
    amounts.reverse();
    let label = tokens[..n].join(" ").trim_end_matches([':', '|', '€']).trim().to_string();
    (label, amounts)
}

fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The header of a draft: what it is, where it came from, and the TODO `passend check` lists.
fn header(what: &str, source: &str, first: usize, last: usize, target: &str) -> String {
    format!(
        "# CONCEPT: {what}, gelezen uit {source}, regels {first}-{last} (zie IMPORT-REPORT.md).\n# De site leest dit bestand niet. Vergelijk elk getal met het plan, vul aan wat ontbreekt en\n# verplaats het bestand naar {}/{target}.\n# TODO: {what} uit het plan controleren en verplaatsen naar {}/{target}\n",
        layout::DATA,
        layout::DATA
    )
}

/// Find the data in the kept text (input line and text).
pub fn find(source: &str, text: &[(usize, String)]) -> Vec<Suggestion> {
    let mut out = Vec::new();
    out.extend(begrotingen(source, text));
    out.extend(deelname(source, text));
    out.extend(scholen(text));
    out
}

/// Meerjarenbegrotingen: a line naming three or more consecutive years, then lines of a post and
/// one amount per year. `Baten` and `Lasten` lines say which side the posts are on; totals
/// (`Totale baten`, `Resultaat`) become `[totalen]`, which the build checks against the posts.
fn begrotingen(source: &str, text: &[(usize, String)]) -> Vec<Suggestion> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < text.len() {
        let years: Vec<i32> = text[k].1.split_whitespace().filter_map(year).collect();
        let run = years.windows(2).all(|w| w[1] == w[0] + 1);
        if years.len() < 3 || !run {
            k += 1;
            continue;
        }
        let n = years.len();
        let mut side = "";
        let mut baten: Vec<(String, Vec<i64>, usize)> = Vec::new();
        let mut lasten: Vec<(String, Vec<i64>, usize)> = Vec::new();
        let mut unsure: Vec<(String, Vec<i64>, usize)> = Vec::new();
        let mut totals: Vec<(&str, Vec<i64>)> = Vec::new();
        let mut skipped: Vec<(String, usize)> = Vec::new();
        let mut last = text[k].0;
        let mut misses = 0;
        let mut j = k + 1;
        while j < text.len() && misses < 3 {
            let (no, line) = (&text[j].0, &text[j].1);
            let (label, amounts) = row(line);
            let lower = label.to_lowercase();
            if amounts.len() == n && !label.is_empty() {
                misses = 0;
                last = *no;
                let total = |w: &str| lower == format!("totale {w}") || lower == format!("totaal {w}") || lower == format!("totaal aan {w}");
                if total("baten") {
                    totals.push(("baten", amounts));
                    side = "lasten";
                } else if total("lasten") {
                    totals.push(("lasten", amounts));
                } else if ["resultaat", "saldo", "exploitatieresultaat", "begroot resultaat"].contains(&lower.as_str()) {
                    totals.push(("resultaat", amounts));
                } else if lower.starts_with("totaal") || lower.starts_with("totale") || lower.starts_with("subtotaal") {
                    skipped.push((label, *no));
                } else {
                    match side {
                        "baten" => baten.push((label, amounts, *no)),
                        "lasten" => lasten.push((label, amounts, *no)),
                        _ => unsure.push((label, amounts, *no)),
                    }
                }
            } else if amounts.is_empty() && (lower == "baten" || lower.starts_with("baten ")) {
                side = "baten";
                misses = 0;
            } else if amounts.is_empty() && (lower == "lasten" || lower.starts_with("lasten ")) {
                side = "lasten";
                misses = 0;
            } else {
                misses += 1;
            }
            j += 1;
        }
        let posts = baten.len() + lasten.len() + unsure.len();
        if posts < 3 {
            k += 1;
            continue;
        }
        let first = text[k].0;
        let mut toml = header("meerjarenbegroting", source, first, last, "begroting.toml");
        toml.push_str(&format!("eenheid = \"euro\"\njaren = [{}]\n", years.iter().map(i32::to_string).collect::<Vec<_>>().join(", ")));
        let list = |v: &[i64]| v.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
        for (table, rows, note) in [("baten", &baten, ""), ("lasten", &lasten, ""), ("lasten", &unsure, " # TODO: baten of lasten? het plan zegt het niet")] {
            for (label, amounts, no) in rows {
                let negative = if amounts.iter().any(|a| *a < 0) { "negatief_toegestaan = true # bedragen onder nul in het plan: controleer\n" } else { "" };
                toml.push_str(&format!("\n[[{table}]] # regel {no}{note}\npost = {}\nbedragen = [{}]\n{negative}", quote(label), list(amounts)));
            }
        }
        if !totals.is_empty() {
            toml.push_str("\n# Totalen zoals het plan ze noemt: de build rekent ze na.\n[totalen]\n");
            for (key, amounts) in &totals {
                toml.push_str(&format!("{key} = [{}]\n", list(amounts)));
            }
            toml.push_str("tolerantie = 1\n");
        }
        for (label, no) in &skipped {
            toml.push_str(&format!("# Subtotaal niet overgenomen: {} (regel {no})\n", quote(label)));
        }
        let name = if out.is_empty() { "begroting.toml".to_string() } else { format!("begroting-{}.toml", out.len() + 1) };
        out.push(Suggestion { what: format!("meerjarenbegroting {}-{} met {posts} posten", years[0], years[n - 1]), first, last, draft: Some((name, toml)) });
        k = j;
    }
    out
}

/// A percentage: `2,4%`, `2,4 %` (the `%` as the next token), `3%`.
fn percentages(line: &str) -> Vec<f64> {
    let tokens: Vec<&str> = line.split_whitespace().collect();
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let glued = t.trim_end_matches([')', ';', ',', '|']).strip_suffix('%');
        let spaced = (tokens.get(i + 1) == Some(&"%")).then_some(*t);
        if let Some(n) = glued.or(spaced) {
            if let Ok(v) = n.replace(',', ".").parse::<f64>() {
                out.push(v);
            }
        }
    }
    out
}

/// Deelnamepercentages: a line naming deelname (or a line right under such a line) with
/// percentages. The draft has one kengetal per line, the last percentage as its regional
/// value; the values per gemeente are left to fill in.
fn deelname(source: &str, text: &[(usize, String)]) -> Vec<Suggestion> {
    let mut rows: Vec<(usize, String, Vec<f64>)> = Vec::new();
    let mut context_until = 0;
    for (k, (no, line)) in text.iter().enumerate() {
        let lower = line.to_lowercase();
        let names = lower.contains("deelname") || lower.contains("deelnamepercentage");
        if names {
            context_until = k + 6;
        }
        let values = percentages(line);
        if !values.is_empty() && (names || k <= context_until) && values.len() * 2 >= 1 {
            let label = line.split_whitespace().take_while(|t| percentages(t).is_empty() && !t.chars().next().is_some_and(|c| c.is_ascii_digit())).collect::<Vec<_>>().join(" ");
            if !label.is_empty() && (names || line.len() < 80) {
                rows.push((*no, label, values));
            }
        }
    }
    if rows.is_empty() {
        return Vec::new();
    }
    let (first, last) = (rows[0].0, rows[rows.len() - 1].0);
    let mut toml = header("deelnamepercentages", source, first, last, "kengetallen.toml");
    toml.push_str("peildatum = 2000-01-01 # TODO: de teldatum van de percentages\n");
    for (no, label, values) in &rows {
        let key = crate::text::slugify(label);
        let shown: Vec<String> = values.iter().map(|v| format!("{v}%")).collect();
        toml.push_str(&format!(
            "\n[[kengetal]] # regel {no}: {}\nkey = {}\nlabel = {}\neenheid = \"procent\"\nregio = {} # TODO: het percentage van de regio; de waarden per gemeente onder [kengetal.gemeenten]\n",
            shown.join(" "),
            quote(&key),
            quote(label),
            values[values.len() - 1]
        ));
    }
    vec![Suggestion { what: format!("deelnamepercentages ({} regels)", rows.len()), first, last, draft: Some(("kengetallen.toml".to_string(), toml)) }]
}

/// Lists of schools: three or more lines in a row, each naming a school. School data comes
/// from DUO's register (`passend import scholen`), so only the lines are named.
fn scholen(text: &[(usize, String)]) -> Vec<Suggestion> {
    const WORDS: &[&str] = &["school", "college", "lyceum", "gymnasium", "scholengemeenschap", "sbo", "so", "vso", "obs", "cbs", "pcbs", "rkbs", "ikc", "kindcentrum", "praktijkonderwijs", "atheneum", "campus"];
    let names_school = |line: &str| {
        let lower = line.to_lowercase();
        line.split_whitespace().count() <= 10 && !line.trim_end().ends_with('.') && lower.split(|c: char| !c.is_alphanumeric()).any(|w| WORDS.iter().any(|s| w == *s || (w.ends_with(s) && s.len() >= 6)))
    };
    let mut out = Vec::new();
    let mut k = 0;
    while k < text.len() {
        let start = k;
        while k < text.len() && names_school(&text[k].1) {
            k += 1;
        }
        if k - start >= 3 {
            out.push(Suggestion { what: format!("lijst van {} scholen: maak de schoolpagina's met `passend import scholen` uit het register van DUO", k - start), first: text[start].0, last: text[k - 1].0, draft: None });
        }
        k = k.max(start + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<(usize, String)> {
        text.lines().enumerate().map(|(i, l)| (i + 1, l.to_string())).collect()
    }

    #[test]
    fn amounts_as_tables_write_them() {
        assert_eq!(amount("20.366.424|"), Some(20366424));
        assert_eq!(amount("20.025.145("), Some(20025145));
        assert_eq!(amount("-607.115"), Some(-607115));
        assert_eq!(amount("1.234,50"), Some(1235));
        assert_eq!(amount("0"), Some(0));
        assert_eq!(amount("12.34"), None);
        assert_eq!(amount("P3"), None);
    }

    #[test]
    fn a_budget_becomes_a_draft_that_parses() {
        let text = "Meerjarenbegroting\nBegroting 2026 2027 2028\nBaten\nRijksbijdrage 1.000.000 1.010.000 990.000\nOverige baten 20.000 0 0\nTotale baten 1.020.000 1.010.000 990.000\nLasten\nPersoneel 600.000 610.000 620.000\nArrangementen 450.000 400.000 380.000\nTotale lasten 1.050.000 1.010.000 1.000.000\nResultaat -30.000 0 -10.000\nDe begroting is sluitend over de hele periode.\n";
        let found = find("plan.txt", &lines(text));
        assert_eq!(found.len(), 1);
        let s = &found[0];
        assert_eq!((s.first, s.last), (2, 11));
        let (name, toml) = s.draft.clone().unwrap();
        assert_eq!(name, "begroting.toml");
        assert!(toml.contains("# TODO: meerjarenbegroting uit het plan controleren"), "{toml}");
        let b: crate::data::Begroting = toml::from_str(&toml).unwrap();
        assert_eq!(b.jaren, [2026, 2027, 2028]);
        assert_eq!(b.baten.iter().map(|p| p.post.as_str()).collect::<Vec<_>>(), ["Rijksbijdrage", "Overige baten"]);
        assert_eq!(b.lasten.iter().map(|p| p.bedragen.clone()).collect::<Vec<_>>(), [vec![600000, 610000, 620000], vec![450000, 400000, 380000]]);
        let totalen = b.totalen.unwrap();
        assert_eq!(totalen.resultaat, [-30000, 0, -10000]);
        assert_eq!(totalen.baten, [1020000, 1010000, 990000]);
    }

    #[test]
    fn participation_and_school_lists() {
        let text = "De deelnamepercentages van de regio op 1 oktober:\nSpeciaal basisonderwijs 2,6% 2,4%\nSpeciaal onderwijs 1,9 % 1,8 %\nDe scholen zijn:\nBasisschool De Linde\nObs Het Baken\nSbo De Wissel\nDaarna volgt de tekst.\n";
        let found = find("plan.txt", &lines(text));
        let deelname = found.iter().find(|s| s.what.starts_with("deelname")).unwrap();
        assert_eq!((deelname.first, deelname.last), (2, 3));
        let (_, toml) = deelname.draft.clone().unwrap();
        let k: crate::data::Kengetallen = toml::from_str(&toml).unwrap();
        assert_eq!(k.kengetal.iter().map(|g| (g.label.as_str(), g.regio)).collect::<Vec<_>>(), [("Speciaal basisonderwijs", 2.4), ("Speciaal onderwijs", 1.8)]);
        let scholen = found.iter().find(|s| s.what.contains("scholen")).unwrap();
        assert_eq!((scholen.first, scholen.last), (5, 7));
    }
}
