//! Search that understands parents: one tantivy index made at build time, answered three ways
//! with one analyzer and one ranking.
//!
//! - `passend search` and `passend serve` read the tantivy index in `<output>/.zoekindex/`
//!   ([`Searcher`]);
//! - the static site's `/zoeken/` page runs `search.js`, which fetches only the shards of
//!   `/zoeken/index/` a query needs ([`shards`]).
//!
//! Where the index lives, and why: the search producer (`build`) adds the index files to the build's
//! [`Output`] ([`add_to_output`]), so they are written in the
//! same atomic swap as the pages. The index then always describes exactly the pages that are
//! online, a failed build leaves the old index with the old pages, and `passend search --root
//! DIR` finds it where `passend build --root DIR` put the site (`DIR/public/`). The tantivy files
//! sit in a dot-folder, `.zoekindex/`: hosts and deploy tools commonly skip dot-files, and the
//! browser never needs them (it reads the much smaller shards). Nothing in it is secret: it is
//! made from the public pages.
//!
//! Typo tolerance reads the terms of a typo group (the first two letters of a Dutch spelling key,
//! [`analysis::spelling_key`]): `.zoekindex/w-<group>.txt` for the CLI and `serve`,
//! `/zoeken/index/w-<group>.bin` for the browser, fetched only for a typed word the
//! vocabularies do not know.
//!
//! Modules: [`analysis`] (the Dutch analyzer, synonyms, query units), `stem` (Snowball Dutch),
//! [`documents`] (what is searchable), [`index`] (tantivy), [`engine`] (expansion and ranking),
//! [`shards`] (the static index), [`results`] (snippets, JSON, text and HTML answers).

pub mod analysis;
pub mod documents;
pub mod engine;
pub mod index;
pub mod results;
pub mod shards;
mod stem;

pub use results::{answer, answer_with, Response, Searcher};
pub use stem::stem;

use crate::config::Gemeente;
use crate::diagnostics::{Diagnostics, Position};
use crate::output::Output;
use crate::site::Site;
use analysis::{analyze, Everyday, Synonyms, FOLD, PARAMS, STOPWORDS};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// The ranked text fields, in the order every list of per-field values uses.
pub const FIELDS: [&str; 3] = ["title", "body", "support"];

/// Folder of the tantivy index inside the output directory.
pub const INDEX_DIR: &str = ".zoekindex";
/// The analyzer's site-specific tables, next to the tantivy files.
pub const ANALYSIS_FILE: &str = "analyse.json";

/// Whether `path` (in the output) is a file of the search index: the server's index under
/// [`INDEX_DIR`] or the static one under `/zoeken/index/`.
pub fn is_index_file(path: &str) -> bool {
    let static_dir = crate::url::output_file(&crate::url::search_index());
    let static_dir = static_dir.trim_end_matches("index.html");
    path.strip_prefix(INDEX_DIR).is_some_and(|rest| rest.starts_with('/')) || path.starts_with(static_dir)
}

/// A gemeente as search knows it: the gemeente (name and slug), the finder page of its schools,
/// and the stems that name it in a query.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SearchGemeente {
    #[serde(flatten)]
    pub gemeente: Gemeente,
    pub url: String,
    pub stems: Vec<String>,
}

/// A kind of support, with the stems that name it in a query.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Kind {
    pub key: String,
    pub label: String,
    /// The finder page of schools offering it.
    pub url: String,
    pub triggers: Vec<String>,
}

/// The site-specific tables of the analyzer (written to [`ANALYSIS_FILE`]): synonyms, gemeenten,
/// kinds of support, derived from the site's vocabularies, begrippen and gemeenten.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AnalysisTables {
    pub synonyms: Vec<Vec<Vec<String>>>,
    /// Parents' everyday words (`[[vocabulaires.ouderwoord]]`).
    pub everyday: Vec<Everyday>,
    pub gemeenten: Vec<SearchGemeente>,
    pub kinds: Vec<Kind>,
}

impl AnalysisTables {
    pub fn from_site(site: &Site) -> AnalysisTables {
        let c = &site.config;
        let mut groups: Vec<Vec<String>> = c.vocabulaires.synoniem.0.iter().map(|g| g.woorden.clone()).collect();
        for b in &site.data.begrippen {
            let mut g = vec![b.term.clone()];
            g.extend(b.volledig.clone());
            g.extend(b.synoniemen.iter().cloned());
            groups.push(g);
        }
        let synonyms = Synonyms::new(groups).groups;
        let everyday = c.vocabulaires.ouderwoord.iter().filter_map(|e| Everyday::new(&e.woorden, &e.zoekt)).collect();
        let gemeenten = c
            .gemeenten()
            .into_iter()
            .map(|g| SearchGemeente { url: crate::url::schools_in_gemeente(&g.slug), stems: analyze(&g.naam), gemeente: g })
            .collect();
        // A kind is named by its key, or by a word of its label no other label has.
        let labels: Vec<Vec<String>> = c.vocabulaires.ondersteuning.iter().map(|k| analyze(&k.label)).collect();
        let kinds = c
            .vocabulaires
            .ondersteuning
            .iter()
            .zip(&labels)
            .map(|(k, own)| {
                let mut triggers = analyze(&k.key.replace('-', " "));
                if triggers.len() > 1 {
                    triggers.clear();
                }
                for s in own {
                    let distinctive = labels.iter().filter(|l| l.contains(s)).count() == 1;
                    if distinctive && s.chars().count() >= 5 && !triggers.contains(s) {
                        triggers.push(s.clone());
                    }
                }
                Kind { key: k.key.clone(), label: k.label.clone(), url: crate::url::schools_with_support(&k.key), triggers }
            })
            .collect();
        AnalysisTables { synonyms, everyday, gemeenten, kinds }
    }

    pub fn synonyms(&self) -> Synonyms {
        Synonyms { groups: self.synonyms.clone() }
    }
}

/// Build the index of `site` and add its files (tantivy under [`INDEX_DIR`], the static shards
/// under `/zoeken/index/`) to `output`.
pub fn add_to_output(site: &Site, output: &mut Output) -> Result<(), Diagnostics> {
    for (path, bytes) in index_files(site, shards::LEAF_BYTES)? {
        output.insert(path, bytes);
    }
    Ok(())
}

/// Every file of the search index of `site`, by path in the output: the tantivy index under
/// [`INDEX_DIR`] and the static shards, with postings leaves split above `leaf_bytes` (tests
/// use a small size to check split leaves on the small example site).
pub fn index_files(site: &Site, leaf_bytes: usize) -> Result<Vec<index::OutputFile>, Diagnostics> {
    let fail = |e: tantivy::TantivyError| {
        let mut d = Diagnostics::new();
        d.error("zoeken", Position::START, format!("de zoekindex kon niet worden gemaakt: {e}"), "meld dit als fout in passend");
        d
    };
    let docs = documents::documents(site);
    let tables = AnalysisTables::from_site(site);
    let (index, files) = index::build(&docs).map_err(fail)?;
    let mut out: Vec<index::OutputFile> = files.into_iter().map(|(path, bytes)| (format!("{INDEX_DIR}/{path}"), bytes)).collect();
    let tables_json = serde_json::to_value(&tables).expect("analysis tables serialize");
    out.push((format!("{INDEX_DIR}/{ANALYSIS_FILE}"), serde_json::to_vec(&tables_json).expect("json")));
    let source = index::TantivySource::from_index(&index).map_err(fail)?;
    let mut meta = tables_json;
    meta["params"] = serde_json::to_value(&PARAMS).expect("params");
    meta["fold"] = json!(FOLD.iter().map(|(c, s)| (c.to_string(), *s)).collect::<Vec<_>>());
    meta["stop"] = json!(STOPWORDS);
    meta["kindLabels"] = json!(documents::KIND_LABELS.iter().map(|(k, l)| (k.to_string(), l.to_string())).collect::<std::collections::BTreeMap<_, _>>());
    let groups = source.spelling_groups();
    for (group, terms) in &groups {
        out.push((format!("{INDEX_DIR}/{}", index::spelling_file(group)), index::spelling_text(terms)));
    }
    out.extend(shards::files(&source, &docs, &groups, meta, leaf_bytes));
    Ok(out)
}
