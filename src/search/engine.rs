//! Query expansion and ranking, over any [`Source`] of postings: the tantivy index for
//! `passend search` and `passend serve`, and (ported to `search.js`) the static shards in the
//! browser. Both hold the same integers, so both paths rank the same.
//!
//! For every unit of the query each expansion term gets a weight: the word typed 1, a synonym
//! [`Params::synonym`], a longer word that starts with it (compounds) [`Params::prefix`], a word
//! one or two edits away (typos, compared by spelling key, so also at the first letters:
//! `dislexie`) [`Params::fuzzy1`]/[`Params::fuzzy2`].
//! A document scores per unit the best weighted BM25 of its expansions, summed over fields with
//! field weights, and these are added up over the units, times `(1 + matched) / (1 + units)`.
//! A gemeente in the query keeps only the schools of that gemeente (other kinds stay).

use super::analysis::{spelling_distance, spelling_group, spelling_key, Params, ParsedQuery, PARAMS};

/// Postings of one term in one field: (doc, impact), by doc.
pub type Postings = Vec<(u32, u8)>;

/// What the ranking needs from an index.
pub trait Source {
    fn num_docs(&self) -> u32;
    /// Terms starting with `prefix` (every field), with their summed document frequency.
    fn terms_with_prefix(&self, prefix: &str) -> Vec<(String, u32)>;
    /// The terms of a typo group ([`super::analysis::spelling_group`] of their spelling key,
    /// only [`super::analysis::spelling_candidate`]s), with their summed document frequency.
    fn spelling_group(&self, group: &str) -> Vec<(String, u32)>;
    /// Postings of `term` per field, in the order of [`super::FIELDS`].
    fn postings(&self, term: &str) -> [Postings; 3];
    /// The number of documents per field that hold `term`.
    fn doc_freqs(&self, term: &str) -> [usize; 3];
    /// Every document of `term`, by ascending document, with its impact per field (0 where the
    /// field lacks the term): what ranking reads, one document at a time, so that a query
    /// needs no memory in proportion to its postings.
    fn each_document(&self, term: &str, f: &mut dyn FnMut(u32, [u8; 3]));
    /// Documents with a facet value, `kind` = `school` or `gemeente` = slug.
    fn facet(&self, field: &str, value: &str) -> Vec<u32>;
}

/// The BM25 term-frequency part, quantized to a byte. Computed once at build time for the
/// shards and at query time from tantivy's postings, by this one function.
pub fn impact(tf: u32, fieldnorm: u32, avg_fieldnorm: f64) -> u8 {
    let p = &PARAMS;
    let tf = f64::from(tf);
    let norm = if avg_fieldnorm > 0.0 { f64::from(fieldnorm) / avg_fieldnorm } else { 1.0 };
    let v = (255.0 * tf / (tf + p.k1 * (1.0 - p.b + p.b * norm))).round();
    v.clamp(1.0, 255.0) as u8
}

pub fn idf(num_docs: u32, df: usize) -> f64 {
    let (n, df) = (f64::from(num_docs), df as f64);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// How a term entered the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Via {
    Exact,
    Synonym,
    Prefix,
    Typo,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Expansion {
    pub stems: Vec<String>,
    pub weight: f64,
    pub via: Via,
}

/// The expansions of every unit, in a fixed order.
pub fn expand(query: &ParsedQuery, source: &dyn Source) -> Vec<Vec<Expansion>> {
    let p: &Params = &PARAMS;
    query
        .units
        .iter()
        .map(|unit| {
            let mut out: Vec<Expansion> = Vec::new();
            let add = |out: &mut Vec<Expansion>, stems: Vec<String>, weight: f64, via: Via| match out.iter_mut().find(|e| e.stems == stems) {
                Some(e) if e.weight < weight => {
                    e.weight = weight;
                    e.via = via;
                }
                Some(_) => {}
                None => out.push(Expansion { stems, weight, via }),
            };
            for alt in &unit.alts {
                let via = if alt.weight < 1.0 { Via::Synonym } else { Via::Exact };
                add(&mut out, alt.stems.clone(), alt.weight, via);
                if let [s] = &alt.stems[..] {
                    if s.chars().count() >= p.prefix_min {
                        let mut longer: Vec<(String, u32)> = source.terms_with_prefix(s).into_iter().filter(|(t, _)| t != s).collect();
                        longer.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                        for (t, _) in longer.into_iter().take(p.prefix_max) {
                            add(&mut out, vec![t], alt.weight * p.prefix, Via::Prefix);
                        }
                    }
                }
            }
            if let Some((s, max)) = &unit.fuzzy {
                let key = spelling_key(s);
                let chars: Vec<char> = key.chars().collect();
                if chars.len() >= 2 {
                    // Compared by spelling key: a key the same as the typed word's is one edit.
                    let mut near: Vec<(usize, u32, String)> = source
                        .spelling_group(spelling_group(&key))
                        .into_iter()
                        .filter(|(t, _)| t != s)
                        .filter_map(|(t, df)| {
                            let tc: Vec<char> = spelling_key(&t).chars().collect();
                            spelling_distance(&chars, &tc, *max).map(|d| (d.max(1), df, t))
                        })
                        .collect();
                    near.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.cmp(&a.1)).then_with(|| a.2.cmp(&b.2)));
                    for (d, _, t) in near.into_iter().take(p.fuzzy_max) {
                        add(&mut out, vec![t], if d == 1 { p.fuzzy1 } else { p.fuzzy2 }, Via::Typo);
                    }
                }
            }
            out
        })
        .collect()
}

/// A ranked document.
#[derive(Debug, Clone)]
pub struct Hit {
    pub doc: u32,
    pub score: f64,
}

/// Per term: its documents by ascending document and their score, summed over fields.
struct TermScores {
    docs: Vec<u32>,
    scores: Vec<f64>,
}

/// Call `f(doc, score)` for every document of `term` by ascending document: the BM25 score of
/// each field where it occurs, weighted, added in field order (as `search.js` adds them).
fn each_scored(source: &dyn Source, term: &str, mut f: impl FnMut(u32, f64)) {
    let p = &PARAMS;
    let n = source.num_docs();
    let dfs = source.doc_freqs(term);
    let weights: [f64; 3] = std::array::from_fn(|i| if dfs[i] == 0 { 0.0 } else { p.weights[i] * idf(n, dfs[i]) * (p.k1 + 1.0) / 255.0 });
    source.each_document(term, &mut |doc, impacts| {
        if doc >= n {
            return;
        }
        // An impact is at least 1, so 0 means "not in this field".
        let mut score = 0.0;
        for (w, q) in weights.iter().zip(impacts) {
            if q > 0 {
                score += w * f64::from(q);
            }
        }
        f(doc, score);
    });
}

fn term_scores(source: &dyn Source, term: &str) -> TermScores {
    let (mut docs, mut scores) = (Vec::new(), Vec::new());
    each_scored(source, term, |d, s| {
        docs.push(d);
        scores.push(s);
    });
    TermScores { docs, scores }
}

/// Rank every document that matches. Ties (scores equal to six decimals) keep index order.
pub fn rank(query: &ParsedQuery, expansions: &[Vec<Expansion>], source: &dyn Source, gemeente_slug: Option<&str>) -> Vec<Hit> {
    rank_top(query, expansions, source, gemeente_slug, usize::MAX).1
}

/// The number of matching documents and the best `limit` of them, in rank order (the first
/// `limit` of [`rank`]). Scores are kept in dense arrays indexed by document: per unit the best
/// weighted expansion, over the units their sum and the number of units matched.
pub fn rank_top(query: &ParsedQuery, expansions: &[Vec<Expansion>], source: &dyn Source, gemeente_slug: Option<&str>, limit: usize) -> (usize, Vec<Hit>) {
    let n = source.num_docs() as usize;
    let mut best = vec![0.0f64; n];
    let mut sum = vec![0.0f64; n];
    let mut matched = vec![0u8; n];
    let mut all: Vec<u32> = Vec::new();
    for unit in expansions {
        let mut touched: Vec<u32> = Vec::new();
        for e in unit {
            let mut consider = |doc: u32, s: f64| {
                let v = e.weight * s;
                let b = &mut best[doc as usize];
                // v > 0 always: 0 means "not matched by this unit yet".
                if *b == 0.0 {
                    touched.push(doc);
                }
                if v > *b {
                    *b = v;
                }
            };
            if e.stems.len() == 1 {
                each_scored(source, &e.stems[0], &mut consider);
            } else {
                // A phrase counts where all its words occur: their mean.
                let parts: Vec<TermScores> = e.stems.iter().map(|s| term_scores(source, s)).collect();
                let k = parts.len() as f64;
                let mut at = vec![0usize; parts.len()];
                'docs: for (i, &d) in parts[0].docs.iter().enumerate() {
                    let mut total = parts[0].scores[i];
                    for (j, p) in parts.iter().enumerate().skip(1) {
                        while at[j] < p.docs.len() && p.docs[at[j]] < d {
                            at[j] += 1;
                        }
                        if at[j] >= p.docs.len() || p.docs[at[j]] != d {
                            continue 'docs;
                        }
                        total += p.scores[at[j]];
                    }
                    consider(d, total / k);
                }
            }
        }
        for d in touched {
            let i = d as usize;
            if matched[i] == 0 {
                all.push(d);
            }
            sum[i] += std::mem::take(&mut best[i]);
            matched[i] += 1;
        }
    }
    let (excluded, there): (Vec<u32>, Vec<u32>) = match gemeente_slug {
        Some(slug) => {
            let there = source.facet("gemeente", slug);
            (source.facet("kind", "school").into_iter().filter(|d| there.binary_search(d).is_err()).collect(), there)
        }
        None => (Vec::new(), Vec::new()),
    };
    let n_units = query.units.len() as f64;
    let order = |a: &(i64, Hit), b: &(i64, Hit)| b.0.cmp(&a.0).then(a.1.doc.cmp(&b.1.doc));
    // The best `limit` kept in order while counting, without a list of every match.
    let keep_all = limit >= all.len();
    let mut total = 0;
    let mut hits: Vec<(i64, Hit)> = Vec::with_capacity(if keep_all { all.len() } else { limit + 1 });
    for doc in all {
        if excluded.binary_search(&doc).is_ok() {
            continue;
        }
        total += 1;
        let (s, m) = (sum[doc as usize], matched[doc as usize]);
        let boost = if there.binary_search(&doc).is_ok() { PARAMS.gemeente_boost } else { 1.0 };
        let score = s * (1.0 + f64::from(m)) / (1.0 + n_units) * boost;
        let hit = (rank_key(score), Hit { doc, score });
        if keep_all {
            hits.push(hit);
        } else if hits.len() < limit || hits.last().is_some_and(|last| order(&hit, last).is_lt()) {
            let at = hits.partition_point(|h| order(h, &hit).is_lt());
            hits.insert(at, hit);
            hits.truncate(limit);
        }
    }
    if keep_all {
        hits.sort_unstable_by(order);
    }
    (total, hits.into_iter().map(|(_, h)| h).collect())
}

/// Scores compared to six decimals, so that the last bits of a logarithm in another language
/// never reorder results.
pub fn rank_key(score: f64) -> i64 {
    (score * 1e6).round() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impact_grows_with_tf_and_shrinks_with_length() {
        assert!(impact(2, 10, 10.0) > impact(1, 10, 10.0));
        assert!(impact(1, 5, 10.0) > impact(1, 20, 10.0));
        assert_eq!(impact(1, 0, 0.0), 116);
        assert!(idf(100, 1) > idf(100, 50));
    }
}
