//! The bad-input corpus of issue 12: every `tests/bad_input/*.toml` is one damaged copy of the
//! example site, one command and what that command must do (schema in tests/bad_input/README.md).
//! Cases are data so that adding one is one file; the harness builds the good site once, copies
//! site and `public/` per case, runs two cases at a time and reports every failing case with its
//! output, not only the first. `tests/bad_input/open/` holds cases for defects not yet fixed:
//! `open_cases_still_fail` checks that they still fail, so a fix is told to move its case up.

mod common;
use common::*;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// The user `nobody`: root reads every file, so unreadable-file cases must run as someone else.
const NOBODY: u32 = 65534;
const SETPRIV: [&str; 4] = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"];
/// Two cases at a time: the machine has two cores, and other tests build too.
const WORKERS: usize = 2;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    description: String,
    #[serde(default = "default_args")]
    args: Vec<String>,
    #[serde(default)]
    unprivileged: bool,
    #[serde(default = "default_timeout")]
    timeout: u64,
    #[serde(default)]
    copy: Vec<Copy>,
    #[serde(default)]
    edit: Vec<Edit>,
    #[serde(default)]
    write: Vec<Write>,
    #[serde(default)]
    append: Vec<Content>,
    #[serde(default)]
    prepend: Vec<Content>,
    #[serde(default)]
    delete: Vec<String>,
    #[serde(default)]
    mkdir: Vec<String>,
    #[serde(default)]
    symlink: Vec<Symlink>,
    #[serde(default)]
    unreadable: Vec<String>,
    expect: Expect,
}

fn default_args() -> Vec<String> {
    vec!["build".into()]
}

fn default_timeout() -> u64 {
    60
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Copy {
    from: String,
    to: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    path: String,
    from: String,
    to: Option<String>,
    to_bytes: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Content {
    path: String,
    text: Option<String>,
    bytes: Option<String>,
}

impl Content {
    fn bytes(&self) -> Result<Vec<u8>, String> {
        match (&self.text, &self.bytes) {
            (Some(t), None) => Ok(t.as_bytes().to_vec()),
            (None, Some(b)) => unescape(b),
            (None, None) => Ok(Vec::new()),
            _ => Err(format!("{}: give text or bytes, not both", self.path)),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Write {
    #[serde(flatten)]
    head: Content,
    /// Repeated after the head until the file has `size` bytes: a huge file without storing it.
    repeat: Option<String>,
    size: Option<usize>,
    /// Overwrite the existing file from this byte on, keeping the rest: corrupts the middle of
    /// a file whose header and footer are checked (a search index).
    offset: Option<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Symlink {
    path: String,
    target: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    exit: Exit,
    #[serde(default)]
    locations: Vec<String>,
    #[serde(default)]
    contains: Vec<String>,
    #[serde(default)]
    not_contains: Vec<String>,
    errors: Option<u64>,
    #[serde(default)]
    built: bool,
    #[serde(default)]
    absent: Vec<String>,
    #[serde(default)]
    symlinks: Vec<String>,
    #[serde(default)]
    file: Vec<FileExpect>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Exit {
    One(i32),
    AnyOf(Vec<i32>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileExpect {
    /// Relative to the site copy; `*` matches any characters, `/` included.
    path: String,
    #[serde(default)]
    contains: Vec<String>,
    #[serde(default)]
    not_contains: Vec<String>,
}

/// `\xNN` is the byte NN, `\n` a newline, `\0` NUL and `\\` a backslash; everything else is
/// UTF-8. Written in TOML literal strings ('…') so TOML leaves the backslashes alone.
fn unescape(s: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.extend(c.to_string().as_bytes());
            continue;
        }
        match chars.next() {
            Some('x') => {
                let hex: String = chars.by_ref().take(2).collect();
                out.push(u8::from_str_radix(&hex, 16).map_err(|_| format!("bad escape \\x{hex}"))?);
            }
            Some('n') => out.push(b'\n'),
            Some('0') => out.push(0),
            Some('\\') => out.push(b'\\'),
            other => return Err(format!("unknown escape \\{}", other.map(String::from).unwrap_or_default())),
        }
    }
    Ok(out)
}

/// `*` matches any run of characters, including `/`.
fn matches(pattern: &str, text: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == text,
        Some((head, rest)) => {
            text.starts_with(head) && (head.len()..=text.len()).any(|i| text.is_char_boundary(i) && matches(rest, &text[i..]))
        }
    }
}

/// Every file under `site` whose path relative to it matches `pattern`.
fn matching(site: &Path, pattern: &str) -> Vec<PathBuf> {
    walkdir::WalkDir::new(site)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|x| x.file_type().is_file() && matches(pattern, &x.path().strip_prefix(site).unwrap().to_string_lossy()))
        .map(|x| x.into_path())
        .collect()
}

/// The example site built once, shared by every case.
struct Base {
    _dir: TempDir,
    site: PathBuf,
    public: BTreeMap<PathBuf, Vec<u8>>,
}

fn base() -> Base {
    let dir = copy_example("bad-input-base");
    let run = passend(&["build", "--root", dir.path().to_str().unwrap()]);
    assert!(run.success, "the example site must build:\n{}", run.stderr);
    let public = snapshot(&dir.path().join("public"));
    Base { site: dir.path().to_path_buf(), public, _dir: dir }
}

fn load(dir: &Path) -> Vec<(String, Result<Case, String>)> {
    // open/ disappears from git when its last case is fixed: then there is nothing to run.
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut paths: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "toml")).collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            let case = toml::from_str::<Case>(&read(&p)).map_err(|e| format!("{}: {e}", p.display()));
            (name, case)
        })
        .collect()
}

/// What one run showed: the exit code and everything printed.
struct Outcome {
    code: Option<i32>,
    text: String,
}

/// Break a copy of the site as `case` says; returns the case dir (site/ and outside/).
fn prepare(case: &Case, base: &Base, name: &str) -> Result<TempDir, String> {
    let dir = TempDir::new(&format!("bad-{name}"));
    let site = dir.path().join("site");
    copy_dir(&base.site, &site);
    std::fs::create_dir_all(dir.path().join("outside")).map_err(|e| e.to_string())?;
    let at = |p: &str| site.join(fill(p, dir.path()));
    for d in &case.delete {
        let path = at(d);
        if path.is_dir() { std::fs::remove_dir_all(&path) } else { std::fs::remove_file(&path) }.map_err(io(d))?;
    }
    for d in &case.mkdir {
        std::fs::create_dir_all(at(d)).map_err(io(d))?;
    }
    for c in &case.copy {
        std::fs::copy(at(&c.from), at(&c.to)).map_err(io(&c.from))?;
    }
    for e in &case.edit {
        let path = at(&e.path);
        let to = match (&e.to, &e.to_bytes) {
            (Some(t), None) => t.as_bytes().to_vec(),
            (None, Some(b)) => unescape(b)?,
            _ => return Err(format!("{}: give to or to_bytes", e.path)),
        };
        let text = std::fs::read(&path).map_err(io(&e.path))?;
        let from = e.from.as_bytes();
        let i = text.windows(from.len()).position(|w| w == from).ok_or_else(|| format!("{} does not contain {:?}", e.path, e.from))?;
        let new = [&text[..i], &to[..], &text[i + from.len()..]].concat();
        std::fs::write(&path, new).map_err(io(&e.path))?;
    }
    for w in &case.write {
        let mut bytes = w.head.bytes()?;
        if let (Some(repeat), Some(size)) = (&w.repeat, w.size) {
            let unit = unescape(repeat)?;
            while bytes.len() < size {
                bytes.extend(&unit);
            }
            bytes.truncate(size);
        }
        let targets = if w.head.path.contains('*') { matching(&site, &w.head.path) } else { vec![at(&w.head.path)] };
        if targets.is_empty() {
            return Err(format!("no file matches {}", w.head.path));
        }
        for path in targets {
            if let Some(p) = path.parent() {
                std::fs::create_dir_all(p).map_err(io(&w.head.path))?;
            }
            let bytes = match w.offset {
                None => bytes.clone(),
                Some(at) => {
                    let mut old = std::fs::read(&path).map_err(io(&w.head.path))?;
                    old.resize(old.len().max(at + bytes.len()), 0);
                    old[at..at + bytes.len()].copy_from_slice(&bytes);
                    old
                }
            };
            std::fs::write(&path, bytes).map_err(io(&w.head.path))?;
        }
    }
    for (list, first) in [(&case.append, false), (&case.prepend, true)] {
        for c in list {
            let path = at(&c.path);
            let old = std::fs::read(&path).map_err(io(&c.path))?;
            let add = c.bytes()?;
            std::fs::write(&path, if first { [add, old].concat() } else { [old, add].concat() }).map_err(io(&c.path))?;
        }
    }
    for s in &case.symlink {
        std::os::unix::fs::symlink(fill(&s.target, dir.path()), at(&s.path)).map_err(io(&s.path))?;
    }
    if runs_unprivileged(case) {
        for entry in walkdir::WalkDir::new(dir.path()) {
            let entry = entry.map_err(|e| e.to_string())?;
            std::os::unix::fs::lchown(entry.path(), Some(NOBODY), Some(NOBODY)).map_err(|e| e.to_string())?;
        }
    }
    for u in &case.unreadable {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(at(u), std::fs::Permissions::from_mode(0o000)).map_err(io(u))?;
    }
    Ok(dir)
}

/// An I/O error of a mutation, named by the case's path.
fn io(p: &str) -> impl FnOnce(std::io::Error) -> String + '_ {
    move |e| format!("{p}: {e}")
}

fn runs_unprivileged(case: &Case) -> bool {
    case.unprivileged || !case.unreadable.is_empty()
}

/// `{site}` and `{outside}` stand for the site copy and a scratch folder beside it.
fn fill(s: &str, dir: &Path) -> String {
    s.replace("{site}", &dir.join("site").to_string_lossy()).replace("{outside}", &dir.join("outside").to_string_lossy())
}

fn run(case: &Case, dir: &Path) -> Result<Outcome, String> {
    let wrapper: &[&str] = if runs_unprivileged(case) { &SETPRIV } else { &[] };
    let args: Vec<String> = case.args.iter().map(|a| fill(a, dir)).collect();
    let mut child = passend_command(wrapper)
        .args(&args)
        .current_dir(dir.join("site"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("start: {e}"))?;
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = r.read_to_end(&mut buf);
            String::from_utf8_lossy(&buf).into_owned()
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if start.elapsed() > Duration::from_secs(case.timeout) {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("no answer within {} s", case.timeout));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let (stdout, stderr) = (out.join().unwrap(), err.join().unwrap());
    Ok(Outcome { code: status.code(), text: format!("{stderr}{stdout}{}", json_locations(&stdout)) })
}

/// `check --format json` gives file, line and column as fields: write them as file:line:column so
/// a case states its locations once, whatever the format.
fn json_locations(stdout: &str) -> String {
    let Ok(report) = serde_json::from_str::<serde_json::Value>(stdout) else { return String::new() };
    let diags = report["diagnostics"].as_array().cloned().unwrap_or_default();
    diags.iter().map(|d| format!("\n{}:{}:{}: {}", d["file"].as_str().unwrap_or(""), d["line"], d["column"], d["message"].as_str().unwrap_or(""))).collect()
}

/// The number of errors the run reported, from the text summary or the JSON report.
fn reported_errors(text: &str) -> Option<u64> {
    if let Some(i) = text.find(" fout(en), ") {
        let digits: String = text[..i].chars().rev().take_while(char::is_ascii_digit).collect();
        return digits.chars().rev().collect::<String>().parse().ok();
    }
    let at = text.find("\"errors\": ")? + "\"errors\": ".len();
    text[at..].chars().take_while(char::is_ascii_digit).collect::<String>().parse().ok()
}

/// Everything that is not as the case expects; empty when the case passes.
fn judge(case: &Case, base: &Base, dir: &Path, outcome: &Outcome) -> Vec<String> {
    let e = &case.expect;
    let mut problems = Vec::new();
    let codes = match &e.exit {
        Exit::One(c) => vec![*c],
        Exit::AnyOf(cs) => cs.clone(),
    };
    if !outcome.code.is_some_and(|c| codes.contains(&c)) {
        problems.push(format!("exit code {:?}, expected {codes:?}", outcome.code));
    }
    for want in e.locations.iter().chain(&e.contains) {
        if !outcome.text.contains(want.as_str()) {
            problems.push(format!("missing {want:?}"));
        }
    }
    for bad in e.not_contains.iter().map(String::as_str).chain(["panicked"]) {
        if outcome.text.contains(bad) {
            problems.push(format!("must not say {bad:?}"));
        }
    }
    if let Some(n) = e.errors {
        let got = reported_errors(&outcome.text);
        if got != Some(n) {
            problems.push(format!("{got:?} errors reported, expected {n}"));
        }
    }
    let site = dir.join("site");
    if !e.built && snapshot(&site.join("public")) != base.public {
        problems.push("public/ is not byte-identical to the good build".into());
    }
    for a in &e.absent {
        if std::fs::symlink_metadata(site.join(a)).is_ok() {
            problems.push(format!("{a} still exists"));
        }
    }
    for s in &e.symlinks {
        if !std::fs::symlink_metadata(site.join(s)).is_ok_and(|m| m.file_type().is_symlink()) {
            problems.push(format!("{s} is no longer a symlink"));
        }
    }
    for f in &e.file {
        let texts: Vec<(String, String)> = matching(&site, &f.path)
            .iter()
            .map(|p| (p.strip_prefix(&site).unwrap().display().to_string(), String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned()))
            .collect();
        if texts.is_empty() {
            problems.push(format!("no file matches {}", f.path));
        }
        for want in &f.contains {
            if !texts.iter().any(|(_, t)| t.contains(want.as_str())) {
                problems.push(format!("no file {} contains {want:?}", f.path));
            }
        }
        for (rel, t) in &texts {
            for bad in f.not_contains.iter().filter(|b| t.contains(b.as_str())) {
                problems.push(format!("{rel} contains {bad:?}"));
            }
        }
    }
    problems
}

/// A case's verdict: Err when the case itself is broken (bad schema, an edit that no longer
/// applies), else the list of unmet expectations with the output.
fn verdict(name: &str, case: &Result<Case, String>, base: &Base) -> Result<Vec<String>, String> {
    let case = case.as_ref().map_err(Clone::clone)?;
    assert!(!case.description.is_empty(), "{name}: a case needs a description");
    let dir = prepare(case, base, name)?;
    let outcome = run(case, dir.path())?;
    let mut problems = judge(case, base, dir.path(), &outcome);
    if !problems.is_empty() {
        problems.push(format!("exit {:?}, output:\n{}", outcome.code, outcome.text));
    }
    Ok(problems)
}

/// Run every case of `folder`, `WORKERS` at a time, and return each case's verdict.
fn run_all(folder: &str) -> Vec<(String, Result<Vec<String>, String>)> {
    let cases = load(&example_root().join("tests/bad_input").join(folder));
    let base = base();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..WORKERS {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let Some((name, case)) = cases.get(i) else { break };
                let verdict = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| verdict(name, case, &base)))
                    .unwrap_or_else(|p| Err(p.downcast_ref::<String>().cloned().unwrap_or_else(|| "panic in the harness".into())));
                results.lock().unwrap().push((name.clone(), verdict));
            });
        }
    });
    let mut results = results.into_inner().unwrap();
    results.sort_by(|a, b| a.0.cmp(&b.0));
    results
}

/// The two tests below share the machine's cores; one at a time, each with `WORKERS` threads.
fn one_corpus_at_a_time() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

#[test]
fn every_bad_input_case_holds() {
    let _turn = one_corpus_at_a_time();
    let results = run_all("");
    assert!(results.len() >= 50, "issue 12 asks for at least 50 cases, found {}", results.len());
    let failures: Vec<String> = results
        .iter()
        .filter_map(|(name, v)| match v {
            Ok(p) if p.is_empty() => None,
            Ok(p) => Some(format!("FAIL {name}:\n  {}", p.join("\n  "))),
            Err(e) => Some(format!("BROKEN CASE {name}: {e}")),
        })
        .collect();
    assert!(failures.is_empty(), "{} of {} cases fail:\n\n{}", failures.len(), results.len(), failures.join("\n\n"));
}

#[test]
fn open_cases_still_fail() {
    let _turn = one_corpus_at_a_time();
    let results = run_all("open");
    let wrong: Vec<String> = results
        .iter()
        .filter_map(|(name, v)| match v {
            Ok(p) if p.is_empty() => Some(format!("{name} passes now: its defect is fixed, move tests/bad_input/open/{name}.toml to tests/bad_input/")),
            Ok(p) => {
                // What is still broken, for `cargo test --test bad_input open -- --nocapture`.
                // The last entry is the run's output; the others are the unmet expectations.
                println!("{name} still fails: {}", p[..p.len() - 1].join("; "));
                None
            }
            Err(e) => Some(format!("BROKEN CASE {name}: {e}")),
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
