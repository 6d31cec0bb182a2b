//! Building the tantivy index at build time, reading it back for `passend search` and `serve`,
//! and deriving the static shards for the browser from it.
//!
//! The index is made in memory ([`tantivy::directory::RamDirectory`]) with one indexing thread,
//! merged into one segment, and its files go into the build's [`Output`] like any page, so they
//! are written atomically with the pages they describe. Tantivy names a segment by a random
//! UUID; it is replaced by a hash of the contents, so that two builds of the same site are
//! byte-identical.

use super::analysis::{spelling_candidate, spelling_group, spelling_key, stemmed_tokens};
use super::documents::SearchDoc;
use super::engine::{impact, Postings, Source};
use std::collections::BTreeMap;
use std::path::Path;
use tantivy::directory::Directory;
use tantivy::postings::Postings as _;
use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED, STRING};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::{DocSet, Index, IndexReader, ReloadPolicy, TantivyDocument, TERMINATED};

/// Name under which the Dutch analyzer is registered with tantivy.
const TOKENIZER: &str = "passend_nl";

/// The analyzer of [`super::analysis`] as a tantivy tokenizer.
#[derive(Clone)]
struct DutchTokenizer;

struct Stems {
    tokens: Vec<Token>,
    next: usize,
}

impl TokenStream for Stems {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }
    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

impl Tokenizer for DutchTokenizer {
    type TokenStream<'a> = Stems;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> Stems {
        let tokens = stemmed_tokens(text)
            .into_iter()
            .filter_map(|(t, s)| s.map(|s| (t, s)))
            .enumerate()
            .map(|(position, (t, s))| Token { offset_from: t.start, offset_to: t.end, position, text: s, position_length: 1 })
            .collect();
        Stems { tokens, next: 0 }
    }
}

/// The fields of the index.
pub struct Fields {
    /// title, body, support: the ranked text fields, in [`super::FIELDS`] order.
    pub text: [Field; 3],
    pub kind: Field,
    pub sector: Field,
    pub gemeente: Field,
    pub url: Field,
    pub breadcrumb: Field,
    /// The body capped at `text_cap` characters, for snippets.
    pub snippet: Field,
}

fn schema() -> (Schema, Fields) {
    let mut sb = Schema::builder();
    let indexed = TextOptions::default().set_indexing_options(TextFieldIndexing::default().set_tokenizer(TOKENIZER).set_index_option(IndexRecordOption::WithFreqs));
    let title = sb.add_text_field("title", indexed.clone() | STORED);
    let body = sb.add_text_field("body", indexed.clone());
    let support = sb.add_text_field("support", indexed);
    let fields = Fields {
        text: [title, body, support],
        kind: sb.add_text_field("kind", STRING | STORED),
        sector: sb.add_text_field("sector", STRING | STORED),
        gemeente: sb.add_text_field("gemeente", STRING | STORED),
        url: sb.add_text_field("url", STORED),
        breadcrumb: sb.add_text_field("breadcrumb", STORED),
        snippet: sb.add_text_field("snippet", STORED),
    };
    (sb.build(), fields)
}

pub const BREADCRUMB_SEPARATOR: &str = " › ";

/// The text a result's snippet is cut from: the body, capped.
pub fn snippet_text(body: &str) -> String {
    body.chars().take(super::analysis::PARAMS.text_cap).collect()
}

/// A file to write: (path relative to its folder, bytes).
pub type OutputFile = (String, Vec<u8>);

/// Build the index in memory. Returns (relative path, bytes) of its files.
pub fn build(docs: &[SearchDoc]) -> tantivy::Result<(Index, Vec<OutputFile>)> {
    let (schema, f) = schema();
    // Our own handle on the directory: the index's managed directory strips the file footers.
    let ram = tantivy::directory::RamDirectory::create();
    // Small doc store blocks: a result reads its block whole, and `passend search` reads ten.
    let settings = tantivy::IndexSettings { docstore_blocksize: 4096, ..Default::default() };
    let index = Index::create(ram.clone(), schema, settings)?;
    index.tokenizers().register(TOKENIZER, DutchTokenizer);
    let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, 64_000_000)?;
    for d in docs {
        let mut doc = TantivyDocument::default();
        doc.add_text(f.text[0], &d.title);
        doc.add_text(f.text[1], &d.body);
        doc.add_text(f.text[2], &d.support);
        doc.add_text(f.kind, d.kind);
        doc.add_text(f.sector, &d.sector);
        doc.add_text(f.gemeente, &d.gemeente);
        doc.add_text(f.url, &d.url);
        doc.add_text(f.breadcrumb, d.breadcrumb.join(BREADCRUMB_SEPARATOR));
        doc.add_text(f.snippet, snippet_text(&d.body));
        writer.add_document(doc)?;
    }
    writer.commit()?;
    let ids = index.searchable_segment_ids()?;
    if ids.len() > 1 {
        writer.merge(&ids).wait()?;
    }
    writer.wait_merging_threads()?;

    let dir = &ram;
    let mut files: Vec<OutputFile> = Vec::new();
    let mut uuids = Vec::new();
    let managed = index.directory().list_managed_files();
    for meta in index.searchable_segment_metas()? {
        let uuid = meta.id().uuid_string();
        let mut paths: Vec<&std::path::PathBuf> =
            managed.iter().filter(|p| p.to_string_lossy().starts_with(uuid.as_str()) && dir.exists(p).unwrap_or(false)).collect();
        paths.sort();
        for p in paths {
            let bytes = dir.open_read(p)?.read_bytes()?.as_slice().to_vec();
            files.push((p.to_string_lossy().into_owned(), bytes));
        }
        uuids.push(uuid);
    }
    let meta_json = String::from_utf8_lossy(&dir.atomic_read(Path::new("meta.json"))?).into_owned();
    // Deterministic segment names: a hash of the segment files instead of a random UUID.
    let mut renamed_meta = meta_json;
    for (n, uuid) in uuids.iter().enumerate() {
        let mut h = Fnv::default();
        h.write(&[n as u8]);
        for (_, bytes) in files.iter().filter(|(p, _)| p.starts_with(uuid.as_str())) {
            h.write(bytes);
        }
        let a = h.0;
        h.write(b"2");
        let stable = format!("{a:016x}{:016x}", h.0);
        let hyphenated = |u: &str| format!("{}-{}-{}-{}-{}", &u[..8], &u[8..12], &u[12..16], &u[16..20], &u[20..]);
        renamed_meta = renamed_meta.replace(&hyphenated(uuid), &hyphenated(&stable)).replace(uuid.as_str(), &stable);
        for (p, _) in files.iter_mut() {
            if p.starts_with(uuid.as_str()) {
                *p = p.replacen(uuid.as_str(), &stable, 1);
            }
        }
    }
    files.push(("meta.json".into(), renamed_meta.into_bytes()));
    Ok((index, files))
}

#[derive(Clone, Copy)]
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// A searcher over a built index: tantivy's term dictionaries and postings, read through the
/// [`Source`] the ranking uses.
pub struct TantivySource {
    reader: IndexReader,
    pub fields: Fields,
    avg_fieldnorm: [f64; 3],
    num_docs: u32,
    /// Per field, [`impact`] of (fieldnorm id, tf) for tf < [`IMPACT_TF`], filled in as postings
    /// need them (0 = not yet; an impact is at least 1): a query needs few of the 12,000, and
    /// computing them all would cost `passend search` more than its query.
    impacts: [Vec<std::cell::Cell<u8>>; 3],
    /// The index folder when opened from disk: typo groups are read from its
    /// [`spelling_file`]s, one small file per group, instead of walking the dictionary.
    dir: Option<std::path::PathBuf>,
    /// Every typo group, made from the dictionary when first needed without a folder.
    groups: std::cell::OnceCell<BTreeMap<String, Vec<(String, u32)>>>,
}

/// A file-name-safe form of a prefix: a-z and 0-9 as they are, anything else `_<hex>_`.
pub fn file_key(prefix: &str) -> String {
    let mut out = String::new();
    for c in prefix.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else {
            out.push_str(&format!("_{:x}_", c as u32));
        }
    }
    out
}

/// The file of a typo group inside the tantivy folder: `term<TAB>df` lines.
pub fn spelling_file(group: &str) -> String {
    format!("w-{}.txt", file_key(group))
}

/// The text of a [`spelling_file`].
pub fn spelling_text(terms: &[(String, u32)]) -> Vec<u8> {
    terms.iter().map(|(t, df)| format!("{t}\t{df}\n")).collect::<String>().into_bytes()
}

const IMPACT_TF: usize = 16;

/// Postings of a term in one field, with that field's lengths for the BM25 impact.
struct Cursor {
    postings: tantivy::postings::SegmentPostings,
    norms: tantivy::fieldnorm::FieldNormReader,
}

impl TantivySource {
    /// Open the index of a built site for reading only: nothing is written into the output
    /// (tantivy's reader would leave a `.tantivy-meta.lock` behind, so the published folder
    /// would change and a read-only folder could not be searched).
    pub fn open(dir: &Path) -> tantivy::Result<TantivySource> {
        let index = Index::open(ReadOnly(tantivy::directory::MmapDirectory::open(dir)?))?;
        let mut source = Self::from_index(&index)?;
        source.dir = Some(dir.to_path_buf());
        Ok(source)
    }

    pub fn from_index(index: &Index) -> tantivy::Result<TantivySource> {
        let reader: IndexReader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        let schema = index.schema();
        let get = |name: &str| schema.get_field(name);
        let fields = Fields {
            text: [get("title")?, get("body")?, get("support")?],
            kind: get("kind")?,
            sector: get("sector")?,
            gemeente: get("gemeente")?,
            url: get("url")?,
            breadcrumb: get("breadcrumb")?,
            snippet: get("snippet")?,
        };
        let searcher = reader.searcher();
        let num_docs = searcher.segment_readers().iter().map(|s| s.max_doc()).sum::<u32>();
        let mut avg_fieldnorm = [0.0; 3];
        if let Some(seg) = searcher.segment_readers().first() {
            for (i, f) in fields.text.iter().enumerate() {
                let total = seg.inverted_index(*f)?.total_num_tokens();
                avg_fieldnorm[i] = if num_docs > 0 { total as f64 / f64::from(num_docs) } else { 0.0 };
            }
        }
        let impacts = [(); 3].map(|_| vec![std::cell::Cell::new(0u8); 256 * IMPACT_TF]);
        Ok(TantivySource { reader, fields, avg_fieldnorm, num_docs, impacts, dir: None, groups: std::cell::OnceCell::new() })
    }

    /// A reader of `term`'s postings for each text field that has it: (field index, cursor).
    fn cursors(&self, term: &str) -> Vec<(usize, Cursor)> {
        let mut out = Vec::with_capacity(3);
        let Some(seg) = self.segment() else { return out };
        for (i, f) in self.fields.text.iter().enumerate() {
            let Ok(inv) = seg.inverted_index(*f) else { continue };
            let Ok(Some(info)) = inv.terms().get(term.as_bytes()) else { continue };
            let Ok(postings) = inv.read_postings_from_terminfo(&info, IndexRecordOption::WithFreqs) else { continue };
            let Ok(norms) = seg.get_fieldnorms_reader(*f) else { continue };
            out.push((i, Cursor { postings, norms }));
        }
        out
    }

    /// [`impact`] of the posting under `cursor` (at `doc`) in text field `i`; for small term
    /// frequencies from the table, filled in as needed.
    fn impact_at(&self, i: usize, cursor: &Cursor, doc: u32) -> u8 {
        let (tf, id) = (cursor.postings.term_freq(), cursor.norms.fieldnorm_id(doc));
        let compute = || impact(tf, tantivy::fieldnorm::FieldNormReader::id_to_fieldnorm(id), self.avg_fieldnorm[i]);
        match self.impacts[i].get(id as usize * IMPACT_TF + tf as usize) {
            Some(known) if (tf as usize) < IMPACT_TF => {
                if known.get() == 0 {
                    known.set(compute());
                }
                known.get()
            }
            _ => compute(),
        }
    }

    fn segment(&self) -> Option<tantivy::SegmentReader> {
        self.reader.searcher().segment_readers().first().cloned()
    }

    /// Stored fields of a document: (title, url, breadcrumb, kind, snippet text).
    pub fn stored(&self, doc: u32) -> Option<StoredDoc> {
        let searcher = self.reader.searcher();
        let d: TantivyDocument = searcher.doc(tantivy::DocAddress::new(0, doc)).ok()?;
        let s = |f: Field| d.get_first(f).and_then(|v| v.as_str()).unwrap_or("").to_string();
        Some(StoredDoc { title: s(self.fields.text[0]), url: s(self.fields.url), breadcrumb: s(self.fields.breadcrumb), kind: s(self.fields.kind), text: s(self.fields.snippet) })
    }

    /// Every typo group: the terms that take part in typo tolerance by the group of their
    /// spelling key, each with its document frequency summed over the fields, sorted.
    pub fn spelling_groups(&self) -> BTreeMap<String, Vec<(String, u32)>> {
        let mut out: BTreeMap<String, Vec<(String, u32)>> = BTreeMap::new();
        for (t, df) in self.terms_with_prefix("") {
            let key = spelling_key(&t);
            if spelling_candidate(&t, &key) {
                out.entry(spelling_group(&key).to_string()).or_default().push((t, df));
            }
        }
        out
    }

    /// Every term of the text fields with its postings: what the static shards hold.
    pub fn all_postings(&self) -> BTreeMap<String, [Postings; 3]> {
        let mut terms: BTreeMap<String, [Postings; 3]> = BTreeMap::new();
        let Some(seg) = self.segment() else { return terms };
        for f in self.fields.text {
            let Ok(inv) = seg.inverted_index(f) else { continue };
            let Ok(mut stream) = inv.terms().stream() else { continue };
            while stream.advance() {
                if let Ok(t) = std::str::from_utf8(stream.key()) {
                    terms.entry(t.to_string()).or_default();
                }
            }
        }
        let keys: Vec<String> = terms.keys().cloned().collect();
        for k in keys {
            let p = self.postings(&k);
            terms.insert(k, p);
        }
        terms
    }
}

pub struct StoredDoc {
    pub title: String,
    pub url: String,
    pub breadcrumb: String,
    pub kind: String,
    pub text: String,
}

fn prefix_upper_bound(prefix: &[u8]) -> Option<Vec<u8>> {
    let mut upper = prefix.to_vec();
    while let Some(last) = upper.pop() {
        if last < 0xff {
            upper.push(last + 1);
            return Some(upper);
        }
    }
    None
}

impl Source for TantivySource {
    fn num_docs(&self) -> u32 {
        self.num_docs
    }

    fn terms_with_prefix(&self, prefix: &str) -> Vec<(String, u32)> {
        let mut out: BTreeMap<String, u32> = BTreeMap::new();
        let Some(seg) = self.segment() else { return Vec::new() };
        for f in self.fields.text {
            let Ok(inv) = seg.inverted_index(f) else { continue };
            let mut range = inv.terms().range().ge(prefix.as_bytes());
            if let Some(upper) = prefix_upper_bound(prefix.as_bytes()) {
                range = range.lt(upper);
            }
            let Ok(mut stream) = range.into_stream() else { continue };
            while stream.advance() {
                if let Ok(t) = std::str::from_utf8(stream.key()) {
                    *out.entry(t.to_string()).or_insert(0) += stream.value().doc_freq;
                }
            }
        }
        out.into_iter().collect()
    }

    fn spelling_group(&self, group: &str) -> Vec<(String, u32)> {
        if let Some(dir) = &self.dir {
            // A group without a file has no terms.
            let text = std::fs::read_to_string(dir.join(spelling_file(group))).unwrap_or_default();
            return text.lines().filter_map(|l| l.split_once('\t')).map(|(t, df)| (t.to_string(), df.parse().unwrap_or(0))).collect();
        }
        self.groups.get_or_init(|| self.spelling_groups()).get(group).cloned().unwrap_or_default()
    }

    fn postings(&self, term: &str) -> [Postings; 3] {
        let mut out: [Postings; 3] = Default::default();
        for (i, mut cursor) in self.cursors(term) {
            let mut doc = cursor.postings.doc();
            while doc != TERMINATED {
                out[i].push((doc, self.impact_at(i, &cursor, doc)));
                doc = cursor.postings.advance();
            }
        }
        out
    }

    fn doc_freqs(&self, term: &str) -> [usize; 3] {
        let mut out = [0; 3];
        let Some(seg) = self.segment() else { return out };
        for (i, f) in self.fields.text.iter().enumerate() {
            if let Ok(Some(info)) = seg.inverted_index(*f).and_then(|inv| inv.terms().get(term.as_bytes()).map_err(Into::into)) {
                out[i] = info.doc_freq as usize;
            }
        }
        out
    }

    fn each_document(&self, term: &str, f: &mut dyn FnMut(u32, [u8; 3])) {
        let mut cursors = self.cursors(term);
        loop {
            let doc = cursors.iter().map(|(_, c)| c.postings.doc()).min().unwrap_or(TERMINATED);
            if doc == TERMINATED {
                return;
            }
            let mut impacts = [0u8; 3];
            for (i, cursor) in &mut cursors {
                if cursor.postings.doc() == doc {
                    impacts[*i] = self.impact_at(*i, cursor, doc);
                    cursor.postings.advance();
                }
            }
            f(doc, impacts);
        }
    }

    fn facet(&self, field: &str, value: &str) -> Vec<u32> {
        let f = match field {
            "kind" => self.fields.kind,
            "gemeente" => self.fields.gemeente,
            _ => self.fields.sector,
        };
        let mut docs = Vec::new();
        let Some(seg) = self.segment() else { return docs };
        let Ok(inv) = seg.inverted_index(f) else { return docs };
        let Ok(Some(info)) = inv.terms().get(value.as_bytes()) else { return docs };
        let Ok(mut postings) = inv.read_postings_from_terminfo(&info, IndexRecordOption::Basic) else { return docs };
        let mut doc = postings.doc();
        while doc != TERMINATED {
            docs.push(doc);
            doc = postings.advance();
        }
        docs
    }
}

/// A directory that reads through to `MmapDirectory` and takes its locks without files: a
/// built site's index is never written after the build.
#[derive(Clone, Debug)]
struct ReadOnly(tantivy::directory::MmapDirectory);

impl Directory for ReadOnly {
    fn get_file_handle(&self, path: &Path) -> Result<std::sync::Arc<dyn tantivy::directory::FileHandle>, tantivy::directory::error::OpenReadError> {
        self.0.get_file_handle(path)
    }
    fn delete(&self, path: &Path) -> Result<(), tantivy::directory::error::DeleteError> {
        Err(tantivy::directory::error::DeleteError::IoError { io_error: std::sync::Arc::new(std::io::Error::other("alleen lezen")), filepath: path.to_path_buf() })
    }
    fn exists(&self, path: &Path) -> Result<bool, tantivy::directory::error::OpenReadError> {
        self.0.exists(path)
    }
    fn open_write(&self, path: &Path) -> Result<tantivy::directory::WritePtr, tantivy::directory::error::OpenWriteError> {
        Err(tantivy::directory::error::OpenWriteError::IoError { io_error: std::sync::Arc::new(std::io::Error::other("alleen lezen")), filepath: path.to_path_buf() })
    }
    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, tantivy::directory::error::OpenReadError> {
        self.0.atomic_read(path)
    }
    fn atomic_write(&self, _path: &Path, _data: &[u8]) -> std::io::Result<()> {
        Err(std::io::Error::other("alleen lezen"))
    }
    fn sync_directory(&self) -> std::io::Result<()> {
        Ok(())
    }
    fn acquire_lock(&self, _lock: &tantivy::directory::Lock) -> Result<tantivy::directory::DirectoryLock, tantivy::directory::error::LockError> {
        Ok(tantivy::directory::DirectoryLock::from(Box::new(())))
    }
    fn watch(&self, _callback: tantivy::directory::WatchCallback) -> tantivy::Result<tantivy::directory::WatchHandle> {
        Ok(tantivy::directory::WatchHandle::empty())
    }
}

