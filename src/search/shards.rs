//! The static index under `/zoeken/index/`, for any host without a server: small gzip files that
//! the browser fetches only as a query needs them (read by `search.js`).
//!
//! - `meta.bin`: the analyzer's tables (folding, stop words, synonyms, gemeenten, kinds of
//!   support), the ranking parameters, and the lists of the files below.
//! - `p-<prefix>.bin`: postings, split by term prefix until each file is small: per term and
//!   field, the documents and their BM25 impact byte.
//! - `w-<group>.bin`: the vocabulary typo tolerance searches: the terms whose spelling key
//!   ([`super::analysis::spelling_key`]) starts with the group's two letters, with their document
//!   frequency. Fetched only for a typed word the vocabularies do not know, next to its leaf.
//! - `facetten.bin`: the documents per kind and per gemeente, for the gemeente filter.
//! - `d/<n>.bin`: per document its title, URL, breadcrumb, kind and snippet text, for
//!   [`DOCS_PER_FILE`] documents at a time (document `i` is entry `i % DOCS_PER_FILE` of file
//!   `i / DOCS_PER_FILE`).
//!
//! Everything is derived from the tantivy index itself ([`TantivySource`]), so the browser
//! ranks with exactly the integers `passend search` reads.
//!
//! Binary files are gzip (`search.js` inflates them with `DecompressionStream`); strings and
//! numbers inside are LEB128 varints and UTF-8.

use super::documents::SearchDoc;
use super::engine::{Postings, Source};
use super::index::{file_key, snippet_text, OutputFile, TantivySource, BREADCRUMB_SEPARATOR};
use std::collections::BTreeMap;
use std::io::Write;

/// Documents per `d/<n>.bin` file. A page of ten results fetches at most ten of these files
/// (about 3 kB each); one file per document made 34,000 files of 500 bytes on a national site,
/// most of its output's files, and creating them was a fifth of its build.
pub const DOCS_PER_FILE: usize = 8;

/// Postings files are split further by prefix above this many (uncompressed) bytes.
pub const LEAF_BYTES: usize = 24 * 1024;
const MAX_PREFIX: usize = 4;

/// The folder of the shards in the output (`url::search_index`), without a trailing `/`.
fn dir() -> String {
    crate::url::search_index().trim_matches('/').to_string()
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::GzBuilder::new().mtime(0).write(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).expect("write to memory");
    enc.finish().expect("write to memory")
}

fn varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn string(out: &mut Vec<u8>, s: &str) {
    varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

fn doc_list(out: &mut Vec<u8>, docs: &[u32]) {
    varint(out, docs.len() as u64);
    let mut prev = 0;
    for (i, d) in docs.iter().enumerate() {
        varint(out, u64::from(if i == 0 { *d } else { d - prev }));
        prev = *d;
    }
}


fn prefix_of(term: &str, n: usize) -> String {
    term.chars().take(n).collect()
}

fn encode_term(term: &str, postings: &[Postings; 3]) -> Vec<u8> {
    let mut out = Vec::new();
    string(&mut out, term);
    for p in postings {
        varint(&mut out, p.len() as u64);
        let mut prev = 0;
        for (i, (doc, q)) in p.iter().enumerate() {
            varint(&mut out, u64::from(if i == 0 { *doc } else { doc - prev }));
            out.push(*q);
            prev = *doc;
        }
    }
    out
}

/// Split terms into leaves by prefix: a prefix whose terms are too big is split by the next
/// character; terms equal to the prefix stay in a leaf named by the prefix.
fn leaves<'a>(encoded: &BTreeMap<&'a str, Vec<u8>>, leaf_bytes: usize) -> BTreeMap<String, Vec<&'a str>> {
    let mut out: BTreeMap<String, Vec<&'a str>> = BTreeMap::new();
    let mut todo: Vec<(String, Vec<&'a str>)> = Vec::new();
    let mut by_first: BTreeMap<String, Vec<&'a str>> = BTreeMap::new();
    for t in encoded.keys() {
        by_first.entry(prefix_of(t, 1)).or_default().push(t);
    }
    todo.extend(by_first);
    while let Some((prefix, terms)) = todo.pop() {
        let size: usize = terms.iter().map(|t| encoded[t].len()).sum();
        let depth = prefix.chars().count();
        if size <= leaf_bytes || depth >= MAX_PREFIX {
            out.insert(prefix, terms);
            continue;
        }
        let mut children: BTreeMap<String, Vec<&'a str>> = BTreeMap::new();
        for t in terms {
            let key = if t.chars().count() <= depth { prefix.clone() } else { prefix_of(t, depth + 1) };
            children.entry(key).or_default().push(t);
        }
        for (k, v) in children {
            if k == prefix {
                out.insert(k, v);
            } else {
                todo.push((k, v));
            }
        }
    }
    out
}

/// Every file of the static index: (path in the output, bytes). `meta` is the analyzer part of
/// `meta.bin`, to which the file lists are added; postings leaves are split above `leaf_bytes`.
pub fn files(source: &TantivySource, docs: &[SearchDoc], groups: &BTreeMap<String, Vec<(String, u32)>>, mut meta: serde_json::Value, leaf_bytes: usize) -> Vec<OutputFile> {
    let mut files = Vec::new();
    let all = source.all_postings();
    let encoded: BTreeMap<&str, Vec<u8>> = all.iter().map(|(t, p)| (t.as_str(), encode_term(t, p))).collect();

    let leaves = leaves(&encoded, leaf_bytes);
    for (prefix, terms) in &leaves {
        let mut out = Vec::new();
        varint(&mut out, terms.len() as u64);
        let mut sorted = terms.clone();
        sorted.sort_unstable();
        for t in sorted {
            out.extend_from_slice(&encoded[t]);
        }
        files.push((format!("{}/p-{}.bin", dir(), file_key(prefix)), gzip(&out)));
    }
    // The typo groups, fetched for a typed word that is not a known word.
    for (group, terms) in groups {
        let mut out = Vec::new();
        varint(&mut out, terms.len() as u64);
        for (t, df) in terms {
            string(&mut out, t);
            varint(&mut out, u64::from(*df));
        }
        files.push((format!("{}/w-{}.bin", dir(), file_key(group)), gzip(&out)));
    }

    let mut facets = Vec::new();
    let mut facet_values: Vec<(&str, String)> = vec![("kind", "school".into())];
    let mut gemeenten: Vec<&str> = docs.iter().map(|d| d.gemeente.as_str()).filter(|g| !g.is_empty()).collect();
    gemeenten.sort_unstable();
    gemeenten.dedup();
    facet_values.extend(gemeenten.iter().map(|g| ("gemeente", g.to_string())));
    varint(&mut facets, facet_values.len() as u64);
    for (field, value) in &facet_values {
        string(&mut facets, &format!("{field}:{value}"));
        doc_list(&mut facets, &source.facet(field, value));
    }
    files.push((format!("{}/facetten.bin", dir()), gzip(&facets)));

    for (n, some) in docs.chunks(DOCS_PER_FILE).enumerate() {
        let fragments: Vec<serde_json::Value> = some
            .iter()
            .map(|d| serde_json::json!({ "t": d.title, "u": d.url, "b": d.breadcrumb.join(BREADCRUMB_SEPARATOR), "k": d.kind, "x": snippet_text(&d.body) }))
            .collect();
        files.push((format!("{}/d/{n}.bin", dir()), gzip(serde_json::Value::from(fragments).to_string().as_bytes())));
    }

    // A version for cache busting: a hash of every other file.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (path, bytes) in &files {
        for b in path.as_bytes().iter().chain(bytes) {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    meta["v"] = serde_json::json!(format!("{h:016x}"));
    meta["n"] = serde_json::json!(source.num_docs());
    meta["dn"] = serde_json::json!(DOCS_PER_FILE);
    meta["leaves"] = serde_json::json!(leaves.keys().collect::<Vec<_>>());
    meta["groups"] = serde_json::json!(groups.keys().collect::<Vec<_>>());
    files.push((format!("{}/meta.bin", dir()), gzip(meta.to_string().as_bytes())));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_varints() {
        assert_eq!(file_key("ab"), "ab");
        assert_eq!(file_key("é1"), "_e9_1");
        let mut v = Vec::new();
        varint(&mut v, 300);
        assert_eq!(v, [0xac, 0x02]);
    }
}
