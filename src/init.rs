//! `passend init DIR`: a new SWV's starting point. A small site that builds as-is, with a
//! comment at every field, using the built-in default theme.

use std::io;
use std::path::Path;

/// (path, contents) of the scaffold.
const FILES: &[(&str, &str)] = &[
    ("passend.toml", include_str!("scaffold/passend.toml")),
    ("content/plan/01-inleiding.md", include_str!("scaffold/content/plan/01-inleiding.md")),
    ("content/plan/02-basisondersteuning.md", include_str!("scaffold/content/plan/02-basisondersteuning.md")),
    ("content/plan/addenda/2026-01-voorbeeld.md", include_str!("scaffold/content/plan/addenda/2026-01-voorbeeld.md")),
    ("content/steunpunt/index.md", include_str!("scaffold/content/steunpunt/index.md")),
    ("schools/99AA00.toml", include_str!("scaffold/schools/99AA00.toml")),
    (".gitignore", "/public/\n"),
];

/// Create the scaffold in `dir`, which must not exist or be empty, so nothing is overwritten.
pub fn init(dir: &Path) -> io::Result<Vec<String>> {
    if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
        return Err(io::Error::new(io::ErrorKind::AlreadyExists, format!("{} bestaat al en is niet leeg; kies een nieuwe map", dir.display())));
    }
    let mut written = Vec::new();
    for (rel, text) in FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, text)?;
        written.push(rel.to_string());
    }
    Ok(written)
}

/// What `passend init DIR --plan PLAN` did: the files written and the report to print (also
/// written to `IMPORT-REPORT.md` in the new site).
pub struct PlanInit {
    pub files: Vec<String>,
    pub report: String,
}

/// `passend init DIR --plan PLAN`: a new site whose plan chapters are the imported chapters of
/// PLAN (text or Word document), with no example content (no example chapters or school), and
/// `passend.toml` filled with what the plan states (name, gemeenten, planperiode, sector);
/// every field it could not fill keeps a valid placeholder marked `# TODO`, which `passend
/// check` lists. Nothing is written when the import fails.
pub fn init_with_plan(dir: &Path, plan: &Path) -> Result<PlanInit, String> {
    if dir.exists() && std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?.next().is_some() {
        return Err(format!("{} bestaat al en is niet leeg; kies een nieuwe map", dir.display()));
    }
    let bytes = std::fs::read(plan).map_err(|e| format!("{}: kan het bestand niet lezen: {e}", plan.display()))?;
    let import = crate::import::convert(&plan.display().to_string(), &bytes).map_err(|e| e.to_string())?;
    let facts = crate::import::facts::find(&import.text);
    let (config, found) = plan_config(&facts);
    let mut files: Vec<(String, String)> = vec![("passend.toml".into(), config)];
    let sector = match facts.sector.as_ref().map(|s| s.value) {
        Some("po") => crate::config::Sector::Po,
        Some("vo") => crate::config::Sector::Vo,
        _ => crate::config::Sector::Beide,
    };
    for chapter in &import.chapters {
        files.push((format!("content/plan/{}", chapter.file_name), for_sector(&chapter.markdown, sector)));
    }
    // Drafts of data files where the plan holds a budget or percentages: in a folder the build
    // does not read, each with a `# TODO` that `passend check` lists.
    let mut drafts = String::new();
    for suggestion in &import.data {
        if let Some((name, toml)) = &suggestion.draft {
            let rel = format!("{}/{name}", crate::import::datasets::CONCEPT_DIR);
            drafts.push_str(&format!("  {rel}: {} (regels {}-{})\n", suggestion.what, suggestion.first, suggestion.last));
            files.push((rel, toml.clone()));
        }
    }
    let found = if drafts.is_empty() { found } else { format!("{found}Concepten van gegevensbestanden (niet gebruikt tot ze naar content/data/ verplaatst zijn):\n{drafts}") };
    let mut binary: Vec<(String, Vec<u8>)> = Vec::new();
    for (name, data) in &import.images {
        binary.push((format!("{}/{}/{name}", crate::layout::STATIC, crate::import::IMAGE_DIR), data.clone()));
    }
    files.push(("content/steunpunt/index.md".into(), include_str!("scaffold/content/steunpunt/index.md").replace("Vertel hier", "TODO: vertel hier")));
    files.push((".gitignore".into(), "/public/\n".into()));
    let report = format!("{found}\n{}", import.report.to_text());
    files.push(("IMPORT-REPORT.md".into(), format!("# Import van {}\n\n```text\n{report}```\n", plan.display())));
    let mut written = Vec::new();
    for (rel, text) in &files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("{}: schrijven mislukt: {e}", path.display()))?;
        written.push(rel.clone());
    }
    for (rel, data) in &binary {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, data).map_err(|e| format!("{}: schrijven mislukt: {e}", path.display()))?;
        written.push(rel.clone());
    }
    Ok(PlanInit { files: written, report })
}

/// `passend.toml` from the scaffold with the facts of the plan filled in, and the part of the
/// report that says what was found where and what is left to do.
fn plan_config(facts: &crate::import::facts::PlanFacts) -> (String, String) {
    let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
    let mut found = String::from("Gegevens uit het plan voor passend.toml:\n");
    let mut todo: Vec<&str> = Vec::new();
    let mut out = String::new();
    let mut section = String::new();
    for line in FILES[0].1.lines() {
        if line.starts_with('[') {
            section = line.trim_matches(['[', ']']).to_string();
        }
        let key = line.split_once(" = ").map(|(k, _)| k.trim()).filter(|_| !line.starts_with('#'));
        let replaced = match (section.as_str(), key) {
            ("", Some("naam")) => match &facts.naam {
                Some(f) => {
                    found.push_str(&format!("  naam: {} (regel {})\n", f.value, f.line));
                    Some(format!("naam = {} # uit het plan, regel {}: controleer", quote(&f.value), f.line))
                }
                None => {
                    todo.push("naam");
                    Some(format!("{line} # TODO: de naam van het samenwerkingsverband (niet gevonden in het plan)"))
                }
            },
            ("", Some("korte_naam")) => Some(format!("{line} # TODO: korte naam, of haal deze regel weg")),
            ("", Some("code")) => {
                todo.push("code");
                Some(format!("{line} # TODO: de registratiecode van het SWV"))
            }
            ("", Some("sector")) => match &facts.sector {
                Some(f) => {
                    found.push_str(&format!("  sector: {} (geschat uit de woorden van het plan, eerste vermelding regel {})\n", f.value, f.line));
                    Some(format!("sector = {} # geschat uit de tekst van het plan: controleer", quote(f.value)))
                }
                None => {
                    todo.push("sector");
                    Some(format!("{line} # TODO: po, vo of po-vo"))
                }
            },
            ("", Some("regio")) => {
                todo.push("regio");
                Some(format!("{line} # TODO: de regio, zoals ouders die noemen"))
            }
            ("", Some("gemeenten")) if !facts.gemeenten.is_empty() => {
                let names: Vec<String> = facts.gemeenten.iter().map(|g| quote(&g.value)).collect();
                let mut lines: Vec<usize> = facts.gemeenten.iter().map(|g| g.line).collect();
                lines.dedup();
                let lines: Vec<String> = lines.iter().map(usize::to_string).collect();
                found.push_str(&format!("  gemeenten: {} (regel {})\n", facts.gemeenten.iter().map(|g| g.value.as_str()).collect::<Vec<_>>().join(", "), lines.join(", ")));
                Some(format!("gemeenten = [{}] # uit het plan, regel {}: controleer", names.join(", "), lines.join(", ")))
            }
            ("", Some("gemeenten")) => {
                todo.push("gemeenten");
                Some(format!("{line} # TODO: de gemeenten van het werkgebied"))
            }
            ("", Some("base_url")) => {
                todo.push("base_url");
                Some(format!("{line} # TODO: het adres van de site"))
            }
            ("planperiode", Some("start")) => match &facts.planperiode {
                Some(f) => {
                    found.push_str(&format!("  planperiode: {}-{} (regel {})\n", f.value.0, f.value.1, f.line));
                    Some(format!("start = {} # uit het plan, regel {}", f.value.0, f.line))
                }
                None => {
                    todo.push("planperiode");
                    Some(format!("{line} # TODO: het eerste jaar van de planperiode"))
                }
            },
            ("planperiode", Some("eind")) => match &facts.planperiode {
                Some(f) => Some(format!("eind = {}", f.value.1)),
                None => Some(format!("{line} # TODO: het laatste jaar van de planperiode")),
            },
            ("steunpunt", Some(k)) => {
                if k == "naam" {
                    todo.push("steunpunt");
                }
                Some(format!("{line} # TODO: gegevens van het ouder- en jeugdsteunpunt"))
            }
            _ => None,
        };
        out.push_str(replaced.as_deref().unwrap_or(line));
        out.push('\n');
    }
    if found.lines().count() == 1 {
        found.push_str("  (niets gevonden)\n");
    }
    if !todo.is_empty() {
        found.push_str(&format!("Niet gevonden, met TODO in passend.toml: {}\n", todo.join(", ")));
    }
    (out, found)
}

/// The chapter with only the suggested legal elements that apply to the SWV's `sector` (the
/// import suggests from keywords and does not know the sector; `lwoo` in a po plan is not the
/// vo element `lwoo-pro`).
fn for_sector(markdown: &str, sector: crate::config::Sector) -> String {
    let vocabularies = crate::config::Vocabularies::defaults();
    let mut out = String::with_capacity(markdown.len());
    for line in markdown.split_inclusive('\n') {
        let parsed = line.strip_prefix("wettelijke_onderdelen = ").and_then(|_| toml::from_str::<toml::Table>(line).ok());
        match parsed.as_ref().and_then(|t| t.get("wettelijke_onderdelen")).and_then(|v| v.as_array()) {
            Some(keys) => {
                let kept: Vec<String> = keys
                    .iter()
                    .filter_map(|k| k.as_str())
                    .filter(|k| vocabularies.wettelijk_onderdeel.iter().find(|t| t.key == *k).is_none_or(|t| sector.covers(t.sector)))
                    .map(|k| toml::Value::String(k.to_string()).to_string())
                    .collect();
                let comment = line.find(" #").map(|at| line[at..].trim_end()).unwrap_or("");
                out.push_str(&format!("wettelijke_onderdelen = [{}]{comment}\n", kept.join(", ")));
            }
            None => out.push_str(line),
        }
    }
    out
}
