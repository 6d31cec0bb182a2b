//! Interface languages. Dutch is the main language; `extra_talen` in passend.toml adds others
//! (English and Arabic are built in). A language's interface strings come from the built-in table
//! (`src/i18n/<taal>.toml`) overlaid with the site's `i18n/<taal>.toml`, so a site can add
//! Arabic, Turkish, Polish or Ukrainian without changing the program. Every language must
//! define every key of the Dutch table.

use crate::diagnostics::{suggestion, Diagnostics, Position};
use crate::source::{find_key, parse_toml, read_text};
use std::collections::BTreeMap;
use std::path::Path;

pub type Strings = BTreeMap<String, String>;

const BUILT_IN: &[(&str, &str)] = &[("nl", include_str!("i18n/nl.toml")), ("en", include_str!("i18n/en.toml")), ("ar", include_str!("i18n/ar.toml"))];

/// Languages written right to left get `dir="rtl"`.
pub fn direction(lang: &str) -> &'static str {
    if matches!(lang, "ar" | "he" | "fa" | "ur") {
        "rtl"
    } else {
        "ltr"
    }
}

/// `text` with each `{name}` replaced by its value from `values`, in one pass (a value that
/// itself contains braces stays as it is): `fill("Scholen in {gemeente}", &[("gemeente", "Rietmeer")])`.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').and_then(|close| values.iter().find(|(k, _)| *k == &after[..close]).map(|(_, v)| (close, v))) {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn built_in(lang: &str) -> Option<Strings> {
    BUILT_IN.iter().find(|(l, _)| *l == lang).map(|(_, text)| toml::from_str(text).expect("built-in strings are valid"))
}

/// The strings of every language of the site, by language code.
pub fn load(root: &Path, main: &str, extra: &[String], diags: &mut Diagnostics) -> BTreeMap<String, Strings> {
    let reference = built_in("nl").expect("Dutch strings");
    let mut all = BTreeMap::new();
    for lang in std::iter::once(main.to_string()).chain(extra.iter().cloned()) {
        let mut strings = built_in(&lang).unwrap_or_default();
        let path = crate::layout::SiteLayout::new(root).strings(&lang);
        let file = if crate::source::exists(root, &path, diags) { read_text(root, &path, diags) } else { None };
        if let Some(file) = &file {
            if let Some(overrides) = parse_toml::<Strings>(&file.text, &file.rel, 0, diags) {
                for (key, value) in overrides {
                    if !reference.contains_key(&key) {
                        diags.error(&file.rel, find_key(&file.text, &key), format!("onbekende tekst-sleutel `{key}`"), suggestion(&key, reference.keys().map(String::as_str)));
                    }
                    strings.insert(key, value);
                }
            }
        }
        let missing: Vec<&str> = reference.keys().filter(|k| !strings.contains_key(*k)).map(String::as_str).collect();
        if !missing.is_empty() {
            let (rel, pos) = match &file {
                Some(f) => (f.rel.clone(), Position::START),
                None => ("passend.toml".to_string(), Position::START),
            };
            diags.error(
                &rel,
                pos,
                format!("taal `{lang}`: {} teksten ontbreken ({}{})", missing.len(), missing.iter().take(5).copied().collect::<Vec<_>>().join(", "), if missing.len() > 5 { ", ..." } else { "" }),
                format!("maak i18n/{lang}.toml met dezelfde sleutels als de Nederlandse teksten (src/i18n/nl.toml)"),
            );
        }
        all.insert(lang, strings);
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_languages_have_the_same_keys() {
        let nl = built_in("nl").unwrap();
        let en = built_in("en").unwrap();
        for (lang, _) in BUILT_IN {
            let strings = built_in(lang).unwrap();
            let missing: Vec<&String> = nl.keys().filter(|k| !strings.contains_key(*k)).collect();
            let unknown: Vec<&String> = strings.keys().filter(|k| !nl.contains_key(*k)).collect();
            assert!(missing.is_empty() && unknown.is_empty(), "{lang}: missing {missing:?}, unknown {unknown:?}");
            // What English says in its own words (the interface of its pages, not the titles of
            // pages that exist only in Dutch), every other language does too.
            let untranslated: Vec<&String> = nl.keys().filter(|k| *lang != "nl" && en[*k] != nl[*k] && strings[*k] == nl[*k]).collect();
            assert!(untranslated.is_empty(), "{lang}: still Dutch: {untranslated:?}");
            // The placeholders a string fills in are the same in every language.
            for (key, text) in &strings {
                let names = |t: &str| t.split('{').skip(1).filter_map(|p| p.split_once('}').map(|x| x.0.to_string())).collect::<std::collections::BTreeSet<_>>();
                assert_eq!(names(text), names(&nl[key]), "{lang}: {key}");
            }
        }
        assert!(built_in("ar").unwrap()["nav_zoeken"] != en["nav_zoeken"], "Arabic is not a copy of English");
        assert_eq!(direction("ar"), "rtl");
        assert_eq!(direction("en"), "ltr");
        assert_eq!(fill("Scholen in {gemeente}", &[("gemeente", "{plaats}")]), "Scholen in {plaats}");
        assert_eq!(fill("{a}-{b} {c}", &[("a", "2026"), ("b", "2030")]), "2026-2030 {c}");
    }
}
