//! The one Dutch analyzer of every search path: the index, `passend search`, `passend serve`
//! and `search.js` (which ports these functions line for line and reads the tables below from
//! the index's `meta.bin`, so the two cannot drift apart).
//!
//! Text -> tokens: lowercase and fold accents per character, split on anything that is not a
//! letter or digit, drop one-letter tokens, tokens over 40 characters and stop words, then stem
//! with the Snowball Dutch stemmer ([`super::stem`]).
//!
//! A query is further split into *units*: one word, or a phrase that is a synonym (`speciaal
//! onderwijs` = `so`). Each unit has alternatives (its synonyms); [`super::engine`] expands
//! them against the index's vocabulary (compounds by prefix, typos by edit distance).

use super::stem::stem;
pub use crate::text::fold::{fold, fold_into, FOLD};
use serde::Serialize;
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};


/// Words too common to help a search. Kept short: parents' questions are full sentences
/// ("wat is een tlv"), and the rest is left to BM25's idf.
pub const STOPWORDS: &[&str] = &[
    "aan", "al", "als", "ben", "bent", "bij", "dat", "de", "deze", "die", "dit", "een", "en", "er", "had", "heb", "hebben", "heeft",
    "het", "hij", "hoe", "ik", "in", "is", "je", "jij", "kan", "kind", "kun", "kunnen", "mag", "me", "met", "mijn", "moet", "naar", "nog", "of",
    "om", "ons", "onze", "ook", "op", "te", "tot", "u", "uw", "van", "voor", "waar", "wat", "we", "welke", "wie", "wij", "wil", "worden",
    "wordt", "ze", "zij", "zijn", "zo",
];

pub const MAX_TOKEN_CHARS: usize = 40;

/// A token of a text: byte range in the original text and its folded form.
#[derive(Debug, Clone)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub folded: String,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Every run of letters and digits, folded; one-letter and over-long runs are left out.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut current: Option<Token> = None;
    let mut folded = String::new();
    for (i, c) in text.char_indices() {
        folded.clear();
        // A character is part of a word when its folded form is all letters and digits. ASCII
        // (most of any Dutch text) needs no table: FOLD only has letters beyond it.
        let word = if c.is_ascii() {
            folded.push(c.to_ascii_lowercase());
            c.is_ascii_alphanumeric()
        } else {
            fold_into(c, &mut folded);
            !folded.is_empty() && folded.chars().all(is_word_char)
        };
        if word {
            let t = current.get_or_insert_with(|| Token { start: i, end: i, folded: String::new() });
            t.folded.push_str(&folded);
            t.end = i + c.len_utf8();
        } else if let Some(t) = current.take() {
            push_token(&mut out, t);
        }
    }
    if let Some(t) = current.take() {
        push_token(&mut out, t);
    }
    out
}

fn push_token(out: &mut Vec<Token>, t: Token) {
    let n = t.folded.chars().count();
    if (2..=MAX_TOKEN_CHARS).contains(&n) {
        out.push(t);
    }
}

pub fn is_stopword(folded: &str) -> bool {
    STOPWORDS.binary_search(&folded).is_ok()
}

/// Most stemmed words on one thread: the index stems every word of the site, a query the words
/// of ten texts, and both repeat their words. Bounded: emptied when full.
const STEM_CACHE_MAX: usize = 100_000;

thread_local! {
    static STEMS: RefCell<HashMap<String, Option<String>>> = RefCell::new(HashMap::new());
}

/// The stem of a folded word, or None for a stop word.
fn stem_unless_stopword(folded: &str) -> Option<String> {
    STEMS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(s) = cache.get(folded) {
            return s.clone();
        }
        let s = if is_stopword(folded) { None } else { Some(stem(folded)) };
        if cache.len() >= STEM_CACHE_MAX {
            cache.clear();
        }
        cache.insert(folded.to_string(), s.clone());
        s
    })
}

/// The stems of a text, stop words left out: what the index holds.
pub fn analyze(text: &str) -> Vec<String> {
    tokens(text).into_iter().filter_map(|t| stem_unless_stopword(&t.folded)).collect()
}

/// A token with its stem, stop words marked; for queries and snippets.
pub fn stemmed_tokens(text: &str) -> Vec<(Token, Option<String>)> {
    tokens(text)
        .into_iter()
        .map(|t| {
            let s = stem_unless_stopword(&t.folded);
            (t, s)
        })
        .collect()
}

/// The first two letters of a word: its stem starts with them too, since the stemmer removes
/// and changes letters only from the third on.
pub fn head(word: &str) -> &str {
    word.char_indices().nth(2).map_or(word, |(i, _)| &word[..i])
}

/// The tokens of `text`, each with its stem when that stem is one of `stems` (else None). Only
/// words whose [`head`] starts a stem of `stems` are stemmed: snippets need the few words that
/// match, not the stem of every word.
pub fn tokens_matching(text: &str, stems: &BTreeSet<String>) -> Vec<(Token, Option<String>)> {
    let heads: BTreeSet<&str> = stems.iter().map(|s| head(s)).collect();
    tokens(text)
        .into_iter()
        .map(|t| {
            let s = if heads.contains(head(&t.folded)) { stem_unless_stopword(&t.folded).filter(|s| stems.contains(s)) } else { None };
            (t, s)
        })
        .collect()
}

/// The spelling key of a (folded, stemmed) word: what typo tolerance compares, so that the
/// ways Dutch writes one sound count as no edit at all. Parents misspell the hard words at their
/// start (`dislexie`, `disleksie` for dyslexie), where an edit distance on the letters would
/// need the first two letters to be right. The key writes `y` as `i`, `ij` as `ei`, `ie` as
/// `i`, `au` as `ou`, `x` as `ks`, `c` as `k` (`ch` stays), `ph` as `f`, `th` as `t`, `qu` as
/// `kw`, `z` as `s`, `dt` as `t`, a doubled letter once, and a final `d` as `t`
/// (`hoogbegaaft`). Typo tolerance groups the index's terms by the first two letters of this
/// key, compares keys by edit distance, and counts a letter moved elsewhere (`austime`,
/// `autisme`: the same letters) as one edit. `search.js` ports this function.
pub fn spelling_key(word: &str) -> String {
    let c: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len() + 2);
    let mut i = 0;
    while i < c.len() {
        let next = c.get(i + 1).copied();
        let (rep, step) = match (c[i], next) {
            ('p', Some('h')) => ("f", 2),
            ('t', Some('h')) => ("t", 2),
            ('q', Some('u')) => ("kw", 2),
            ('c', Some('h')) => ("ch", 2),
            ('i', Some('j')) => ("ei", 2),
            ('i', Some('e')) => ("i", 2),
            ('a', Some('u')) => ("ou", 2),
            ('d', Some('t')) => ("t", 2),
            ('c', _) => ("k", 1),
            ('x', _) => ("ks", 1),
            ('y', _) => ("i", 1),
            ('z', _) => ("s", 1),
            _ => ("", 1),
        };
        for ch in if rep.is_empty() { vec![c[i]] } else { rep.chars().collect() } {
            if !out.ends_with(ch) {
                out.push(ch);
            }
        }
        i += step;
    }
    if out.ends_with('d') {
        out.pop();
        if !out.ends_with('t') {
            out.push('t');
        }
    }
    out
}

/// The typo group of a spelling key: its first two letters (the whole key when shorter).
pub fn spelling_group(key: &str) -> &str {
    head(key)
}

/// Whether a term takes part in typo tolerance: a key of at least three letters and no digits
/// (numbers, years and postcodes are typed exactly, and leaving them out keeps the static
/// groups small).
pub fn spelling_candidate(term: &str, key: &str) -> bool {
    key.chars().count() >= 3 && !term.chars().any(|c| c.is_numeric())
}

/// The edits between two spelling keys, at most `max`: edit distance, or 1 when one is the
/// other with letters moved (the same letters, at least five) and a real distance is larger.
pub fn spelling_distance(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if let Some(d) = edit_distance(a, b, max) {
        return Some(d);
    }
    if max >= 1 && a.len() == b.len() && a.len() >= 5 {
        let (mut x, mut y) = (a.to_vec(), b.to_vec());
        x.sort_unstable();
        y.sort_unstable();
        if x == y {
            return Some(1);
        }
    }
    None
}

/// Everyday words of parents and what they mean for the site (`[[vocabulaires.ouderwoord]]`):
/// `druk` is searched as `adhd` too, `slim` and `verveelt zich` as `hoogbegaafdheid`. One way
/// only: a search for `adhd` does not look for `druk`. Members and meanings are stem sequences;
/// `label` is what the answer says it searched for as well.
#[derive(Debug, Clone, Default, Serialize, serde::Deserialize, PartialEq)]
pub struct Everyday {
    pub words: Vec<Vec<String>>,
    pub means: Vec<Vec<String>>,
    pub label: String,
}

impl Everyday {
    /// Analyze an entry; None when its words or meanings analyze to nothing.
    pub fn new(words: &[String], means: &[String]) -> Option<Everyday> {
        let analyzed = |list: &[String]| {
            let mut out: Vec<Vec<String>> = Vec::new();
            for w in list {
                let a = analyze(w);
                if !a.is_empty() && !out.contains(&a) {
                    out.push(a);
                }
            }
            out
        };
        let (w, m) = (analyzed(words), analyzed(means));
        (!w.is_empty() && !m.is_empty()).then(|| Everyday { words: w, means: m, label: means.join(", ") })
    }
}

/// Groups of words that mean the same to a parent. Each member is a stem sequence (a phrase
/// like `speciaal onderwijs` has two).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Synonyms {
    pub groups: Vec<Vec<Vec<String>>>,
}

impl Synonyms {
    /// Analyze groups of written words; members that analyze to nothing are dropped, groups
    /// with fewer than two members too.
    pub fn new(groups: impl IntoIterator<Item = Vec<String>>) -> Synonyms {
        let mut out: Vec<Vec<Vec<String>>> = Vec::new();
        for g in groups {
            let mut members: Vec<Vec<String>> = Vec::new();
            for w in g {
                let a = analyze(&w);
                if !a.is_empty() && !members.contains(&a) {
                    members.push(a);
                }
            }
            if members.len() >= 2 && !out.contains(&members) {
                out.push(members);
            }
        }
        Synonyms { groups: out }
    }
}

/// Tunable numbers of analysis and ranking, shipped to the browser so both sides use the same.
#[derive(Debug, Clone, Serialize)]
pub struct Params {
    pub k1: f64,
    pub b: f64,
    /// Weight per field, in the order of [`super::FIELDS`].
    pub weights: [f64; 3],
    /// Weight of a synonym relative to the word typed.
    pub synonym: f64,
    /// Weight of what a parent's everyday word means (`druk` -> `adhd`).
    pub everyday: f64,
    /// Weight of a longer word found by prefix (a compound: `autisme` -> `autismeklas`).
    pub prefix: f64,
    /// Weights of a word one and two edits away (a typo).
    pub fuzzy1: f64,
    pub fuzzy2: f64,
    /// Stems at least this long are expanded by prefix.
    pub prefix_min: usize,
    pub prefix_max: usize,
    /// Typed words this long get one edit of tolerance; `fuzzy2_min` long, two.
    pub fuzzy_min: usize,
    pub fuzzy2_min: usize,
    pub fuzzy_max: usize,
    pub max_query_chars: usize,
    pub max_units: usize,
    pub snippet_words: usize,
    pub text_cap: usize,
    /// Factor for the schools of the gemeente a query names.
    pub gemeente_boost: f64,
}

pub const PARAMS: Params = Params {
    k1: 1.2,
    b: 0.75,
    weights: [3.0, 1.0, 2.5],
    synonym: 0.9,
    everyday: 1.0,
    prefix: 0.6,
    fuzzy1: 0.5,
    fuzzy2: 0.3,
    prefix_min: 4,
    prefix_max: 16,
    fuzzy_min: 5,
    fuzzy2_min: 8,
    fuzzy_max: 8,
    max_query_chars: 200,
    max_units: 8,
    snippet_words: 24,
    text_cap: 1500,
    gemeente_boost: 2.0,
};

// `search.js` takes a word's compounds from the postings leaf of the word, which holds every
// longer term only when the word is at least as long as a leaf's name (at most 4 letters,
// `shards::MAX_PREFIX`).
const _: () = assert!(PARAMS.prefix_min >= 4);

/// One alternative of a unit: a stem sequence and its weight.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alt {
    pub stems: Vec<String>,
    pub weight: f64,
}

/// A word or synonym phrase of the query.
#[derive(Debug, Clone, Serialize)]
pub struct Unit {
    /// The folded words typed.
    pub typed: String,
    pub alts: Vec<Alt>,
    /// Stem of the single typed word when it is long enough for typo tolerance and not a word
    /// the vocabularies know, with the number of edits allowed.
    pub fuzzy: Option<(String, usize)>,
    /// What the unit was searched for as well, for the answer's "we zochten ook naar": the
    /// labels of the everyday words it matched.
    pub also: Vec<String>,
}

/// A parsed query: its units and the gemeente it names, if any (index into the config list).
#[derive(Debug, Clone, Serialize)]
pub struct ParsedQuery {
    pub units: Vec<Unit>,
    pub gemeente: Option<usize>,
}

/// Parse a query. Never fails: text without words gives no units.
///
/// A unit is the longest phrase at its place that is a synonym member or an everyday word
/// (else one word). Its alternatives: the words typed (1), their synonyms
/// ([`Params::synonym`]), what an everyday word means ([`Params::everyday`]). A word the
/// vocabularies know gets no typo tolerance: `gepest` is a word, not a typo of `getest`.
pub fn parse_query(query: &str, synonyms: &Synonyms, everyday: &[Everyday], gemeenten: &[Vec<String>]) -> ParsedQuery {
    let p = &PARAMS;
    let query: String = query.chars().take(p.max_query_chars).collect();
    let words: Vec<(String, String)> = stemmed_tokens(&query).into_iter().filter_map(|(t, s)| s.map(|s| (t.folded, s))).collect();
    let mut stems: Vec<String> = words.iter().map(|(_, s)| s.clone()).collect();
    let gemeente = gemeenten.iter().position(|g| !g.is_empty() && stems.windows(g.len()).any(|w| w == &g[..]));
    let mut words = words;
    // A gemeente is a filter, not a word to find, unless it is all the query says.
    if let Some(g) = gemeente.map(|i| &gemeenten[i]) {
        if stems.len() > g.len() {
            let at = stems.windows(g.len()).position(|w| w == &g[..]).unwrap_or(0);
            stems.drain(at..at + g.len());
            words.drain(at..at + g.len());
        }
    }
    let mut units = Vec::new();
    let mut i = 0;
    while i < stems.len() && units.len() < p.max_units {
        // The longest synonym member or everyday word that starts here.
        let mut best: Option<&Vec<String>> = None;
        for m in synonyms.groups.iter().flatten().chain(everyday.iter().flat_map(|e| &e.words)) {
            if stems[i..].starts_with(m) && best.is_none_or(|b| m.len() > b.len()) {
                best = Some(m);
            }
        }
        let len = best.map_or(1, |m| m.len());
        let typed = words[i..i + len].iter().map(|(f, _)| f.as_str()).collect::<Vec<_>>().join(" ");
        let mut alts = vec![Alt { stems: stems[i..i + len].to_vec(), weight: 1.0 }];
        let mut also = Vec::new();
        if let Some(m) = best {
            for group in synonyms.groups.iter().filter(|g| g.contains(m)) {
                for other in group {
                    if !alts.iter().any(|a| &a.stems == other) {
                        alts.push(Alt { stems: other.clone(), weight: p.synonym });
                    }
                }
            }
            for e in everyday.iter().filter(|e| e.words.contains(m)) {
                for meant in &e.means {
                    if !alts.iter().any(|a| &a.stems == meant) {
                        alts.push(Alt { stems: meant.clone(), weight: p.everyday });
                    }
                }
                if !also.contains(&e.label) {
                    also.push(e.label.clone());
                }
            }
        }
        let n = words[i].0.chars().count();
        let fuzzy = (best.is_none() && n >= p.fuzzy_min).then(|| (stems[i].clone(), if n >= p.fuzzy2_min { 2 } else { 1 }));
        units.push(Unit { typed, alts, fuzzy, also });
        i += len;
    }
    ParsedQuery { units, gemeente }
}

/// Optimal string alignment distance (edits: insert, delete, substitute, swap neighbours),
/// giving up above `max`.
pub fn edit_distance(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let (n, m) = (a.len(), b.len());
    let mut prev2 = vec![0usize; m + 1];
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut cur = vec![0usize; m + 1];
    for i in 1..=n {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    (prev[m] <= max).then_some(prev[m])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `tokens_matching` skips words by their first two letters: every word of the example site
    /// (and words the stemmer changes most) must keep them in its stem.
    #[test]
    fn stems_keep_the_first_two_letters() {
        let mut words: Vec<String> = ["maan", "heden", "mogelijkheden", "yoga", "ij", "ijs", "aa", "eenheden", "kk", "bakken"].map(String::from).to_vec();
        for entry in walkdir::WalkDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/content")) {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                words.extend(tokens(&std::fs::read_to_string(entry.path()).unwrap()).into_iter().map(|t| t.folded));
            }
        }
        assert!(words.len() > 10_000, "{} words", words.len());
        for w in &words {
            assert_eq!(head(&stem(w)), head(w), "stem of {w}: {}", stem(w));
        }
        let stems: BTreeSet<String> = ["ondersteun".to_string()].into();
        let found: Vec<Option<String>> = tokens_matching("Ondersteuning en onderwijs", &stems).into_iter().map(|(_, s)| s).collect();
        assert_eq!(found, [Some("ondersteun".to_string()), None, None]);
    }

    #[test]
    fn stopwords_sorted_for_binary_search() {
        let mut s = STOPWORDS.to_vec();
        s.sort_unstable();
        assert_eq!(s, STOPWORDS);
    }

    #[test]
    fn analyzes_folds_and_stems() {
        assert_eq!(analyze("Coördinatie van de Ondersteuning, 'tlv's'!"), ["coordinatie", "ondersteun", "tlv"]);
        assert_eq!(analyze(""), Vec::<String>::new());
        assert_eq!(analyze("\"():*"), Vec::<String>::new());
        assert_eq!(analyze("مدرسة 学校"), ["مدرسة", "学校"]);
    }

    #[test]
    fn queries_become_units_with_synonyms() {
        let syn = Synonyms::new([vec!["so".to_string(), "speciaal onderwijs".to_string()], vec!["dyslexie".into(), "dyslectisch".into()]]);
        let gemeenten = vec![analyze("Rietmeer")];
        let everyday = [Everyday::new(&["druk".into(), "kan niet stilzitten".into()], &["adhd".into()]).unwrap()];
        let q = parse_query("Wat is speciaal onderwijs in Rietmeer voor mijn dyslectisch kind", &syn, &everyday, &gemeenten);
        assert_eq!(q.gemeente, Some(0));
        let typed: Vec<&str> = q.units.iter().map(|u| u.typed.as_str()).collect();
        // `kind` is a stop word: nearly every page of the site is about a child.
        assert_eq!(typed, ["speciaal onderwijs", "dyslectisch"]);
        assert_eq!(q.units[0].alts[1].stems, ["so"]);
        assert_eq!(q.units[1].alts[1].stems, ["dyslexie"]);
        // A known word is not a typo; an unknown long word may be.
        assert_eq!(q.units[1].fuzzy, None);
        assert_eq!(parse_query("dyslecsie", &syn, &everyday, &gemeenten).units[0].fuzzy, Some(("dyslecsie".into(), 2)));
        assert_eq!(parse_query("Rietmeer", &syn, &everyday, &gemeenten).units.len(), 1);
        assert!(parse_query(&"x".repeat(10_000), &syn, &everyday, &gemeenten).units.is_empty());
        // Everyday words one way, with the label the answer shows.
        // (`mijn`, `kind` and `kan` are stop words, so the phrase is what is left of it.)
        let q = parse_query("mijn kind kan niet stilzitten", &syn, &everyday, &gemeenten);
        assert_eq!(q.units.len(), 1);
        assert_eq!(q.units[0].typed, "niet stilzitten");
        assert_eq!(q.units[0].alts[1], Alt { stems: vec!["adhd".into()], weight: PARAMS.everyday });
        assert_eq!(q.units[0].also, ["adhd"]);
        assert_eq!(parse_query("adhd", &syn, &everyday, &gemeenten).units[0].alts.len(), 1);
    }

    #[test]
    fn spelling_keys_fold_how_dutch_is_written() {
        let key = |w: &str| spelling_key(&stem(w));
        for (a, b) in [("dislexie", "dyslexie"), ("disleksie", "dyslexie"), ("dyslecsie", "dyslexie"), ("hoogbegaaft", "hoogbegaafd"), ("dyscalculie", "diskalkulie"), ("fysiotherapie", "fysioterapie"), ("auties", "outies"), ("zorg", "sorg")] {
            assert_eq!(key(a), key(b), "{a} {b}");
        }
        assert_ne!(key("gepest"), key("getest"));
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(spelling_distance(&c(&key("austime")), &c(&key("autisme")), 1), Some(1));
        assert_eq!(spelling_distance(&c("abcde"), &c("vwxyz"), 2), None);
        assert_eq!(spelling_group("outism"), "ou");
        assert!(!spelling_candidate("2026", "2026"));
    }

    #[test]
    fn edit_distances() {
        let d = |a: &str, b: &str| edit_distance(&a.chars().collect::<Vec<_>>(), &b.chars().collect::<Vec<_>>(), 2);
        assert_eq!(d("dyslexsie", "dyslexie"), Some(1));
        assert_eq!(d("dyslexei", "dyslexie"), Some(1));
        assert_eq!(d("autsime", "autism"), Some(2));
        assert_eq!(d("abc", "xyz"), None);
    }
}
