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
