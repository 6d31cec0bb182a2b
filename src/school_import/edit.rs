//! Changing a school file in place: only the values that differ are replaced, each keeping the
//! white space and comment around it, so everything else of the file (comments, order, the
//! support profile) stays byte for byte as the author wrote it.

use toml_edit::{DocumentMut, Item, Table, TableLike, Value};

/// One changed value: the key path as written in the file (`adres.straat`), before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub field: String,
    pub old: String,
    pub new: String,
}

/// A parsed school file being edited, with the changes made to it so far.
pub(super) struct Edit {
    pub doc: DocumentMut,
    pub changes: Vec<Change>,
}

impl Edit {
    pub fn new(doc: DocumentMut) -> Edit {
        Edit { doc, changes: Vec::new() }
    }

    /// The value at `path` (`["adres", "straat"]`), if there is one.
    pub fn get(&self, path: &[&str]) -> Option<&Item> {
        let (last, tables) = path.split_last()?;
        let mut table: &dyn TableLike = self.doc.as_table();
        for key in tables {
            table = table.get(key)?.as_table_like()?;
        }
        table.get(last)
    }

    /// Set `path` to `new`, when it differs from what is there. The tables on the way are made
    /// when missing (at the end of the file).
    pub fn set(&mut self, path: &[&str], new: Value) {
        let shown = |v: &Value| match v {
            Value::String(s) => s.value().clone(),
            other => other.to_string().trim().to_string(),
        };
        let old = self.get(path).and_then(Item::as_value).cloned();
        if old.as_ref().is_some_and(|o| same(o, &new)) {
            return;
        }
        let (last, tables) = path.split_last().expect("a path has a key");
        let mut table: &mut dyn TableLike = self.doc.as_table_mut();
        for key in tables {
            if !table.contains_key(key) {
                let mut t = Table::new();
                t.set_implicit(false);
                table.insert(key, Item::Table(t));
            }
            table = table.get_mut(key).and_then(Item::as_table_like_mut).expect("a table on the way to a school field");
        }
        let mut value = new.clone();
        match table.get_mut(last).and_then(Item::as_value_mut) {
            Some(existing) => {
                *value.decor_mut() = existing.decor().clone();
                *existing = value;
            }
            None => {
                table.insert(last, Item::Value(value));
            }
        }
        self.changes.push(Change { field: path.join("."), old: old.as_ref().map(shown).unwrap_or_default(), new: shown(&new) });
    }

    /// Remove `path` when it is there (a cell emptied in the spreadsheet).
    pub fn remove(&mut self, path: &[&str]) {
        let Some(old) = self.get(path).and_then(Item::as_value).cloned() else { return };
        let (last, tables) = path.split_last().expect("a path has a key");
        let mut table: &mut dyn TableLike = self.doc.as_table_mut();
        for key in tables {
            table = table.get_mut(key).and_then(Item::as_table_like_mut).expect("checked by get");
        }
        table.remove(last);
        let shown = match &old {
            Value::String(s) => s.value().clone(),
            other => other.to_string().trim().to_string(),
        };
        self.changes.push(Change { field: path.join("."), old: shown, new: String::new() });
    }
}

/// Whether two values are the same value (not the same spelling: `true` is `true` with any
/// comment after it).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(x), Value::String(y)) => x.value() == y.value(),
        (Value::Boolean(x), Value::Boolean(y)) => x.value() == y.value(),
        (Value::Integer(x), Value::Integer(y)) => x.value() == y.value(),
        (Value::Datetime(x), Value::Datetime(y)) => x.value() == y.value(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y.iter()).all(|(a, b)| same(a, b)),
        (Value::InlineTable(x), Value::InlineTable(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w))),
        _ => false,
    }
}

/// A string value.
pub fn text(s: &str) -> Value {
    Value::from(s)
}

/// An array of strings.
pub fn list(items: &[String]) -> Value {
    Value::Array(items.iter().map(String::as_str).collect())
}

/// A date value (`2025-05-20`), as TOML writes dates.
pub fn date(d: crate::text::Date) -> Value {
    let parsed: toml_edit::Datetime = d.to_string().parse().expect("a Date prints as a TOML date");
    Value::from(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_changed_values_change_and_comments_stay() {
        let src = "# kop\nnaam = \"A\" # de naam\n\n[adres]\n# straat\nstraat = \"X 1\"\n";
        let mut e = Edit::new(src.parse().unwrap());
        e.set(&["naam"], text("A"));
        assert_eq!(e.doc.to_string(), src);
        assert!(e.changes.is_empty());
        e.set(&["naam"], text("B"));
        e.set(&["adres", "plaats"], text("Lindeveld"));
        e.set(&["contact", "telefoon"], text("0341 820 111"));
        assert_eq!(e.doc.to_string(), "# kop\nnaam = \"B\" # de naam\n\n[adres]\n# straat\nstraat = \"X 1\"\nplaats = \"Lindeveld\"\n\n[contact]\ntelefoon = \"0341 820 111\"\n");
        assert_eq!(e.changes[0], Change { field: "naam".into(), old: "A".into(), new: "B".into() });
    }
}
