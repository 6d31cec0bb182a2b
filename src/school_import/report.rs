//! What an import changed, per school, for the person who runs it (stdout).

use super::edit::Change;

/// The changes to one school file.
#[derive(Debug, Clone)]
pub struct SchoolChanges {
    pub file: String,
    pub changes: Vec<Change>,
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    /// New school files (relative paths).
    pub created: Vec<String>,
    pub updated: Vec<SchoolChanges>,
    /// Schools whose file did not change.
    pub unchanged: usize,
    /// (id, file) of schools of the site that the source does not have: not deleted.
    pub absent: Vec<(String, String)>,
}

impl Report {
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for file in &self.created {
            out.push_str(&format!("nieuw: {file}\n"));
        }
        for s in &self.updated {
            out.push_str(&format!("bijgewerkt: {}\n", s.file));
            for c in &s.changes {
                out.push_str(&format!("  {}: {} -> {}\n", c.field, show(&c.old), show(&c.new)));
            }
        }
        for (id, file) in &self.absent {
            out.push_str(&format!("niet in de bron: {id} ({file}); niet verwijderd, haal het bestand zelf weg als de school gesloten is\n"));
        }
        out.push_str(&format!("{} nieuw, {} bijgewerkt, {} ongewijzigd, {} niet in de bron\n", self.created.len(), self.updated.len(), self.unchanged, self.absent.len()));
        out
    }
}

fn show(value: &str) -> String {
    if value.is_empty() {
        "(leeg)".to_string()
    } else {
        format!("\"{value}\"")
    }
}
