//! `passend serve`: a local preview on 127.0.0.1 that reloads the site when a source file
//! changes and reloads open pages. A change that breaks the site does not take the preview
//! down: the last good version stays online and every page shows the errors on top until they
//! are fixed.
//!
//! The preview holds the site in memory and makes each file when it is asked for, with the
//! build's own code ([`crate::build::file`]): an edit costs loading the site and the page the
//! reader looks at, not a build of 50,000 files (issue 18). Only the search index is made
//! whole, in the background once the sources are quiet, into a folder in the temporary
//! directory.

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response};
use std::convert::Infallible;
use std::io;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};
use crate::site::Site;
use crate::url;

/// The script added to every page in the preview (never to `passend build` output). It waits
/// for the next build with a long poll and reloads the page.
const LIVE_RELOAD_JS: &str = r#"(function () {
  var gen = document.documentElement.getAttribute("data-passend-generatie");
  function wait() {
    fetch("/__passend/wacht?generatie=" + gen).then(function (r) { return r.json(); }).then(function (s) {
      if (String(s.generatie) !== gen) { location.reload(); } else { wait(); }
    }).catch(function () { setTimeout(wait, 1000); });
  }
  wait();
})();
"#;

/// The site the preview shows: the last one that loaded without errors, with its templates
/// compiled (its OOGO summaries are made as pages ask for them).
struct Live {
    site: Site,
    shared: crate::build::Shared,
}

/// What the preview serves now.
struct State {
    /// Increases with every load, good or bad, so pages reload to show errors too.
    generation: u64,
    /// The errors of the latest load, if it failed.
    error: Option<String>,
    live: Option<Arc<Live>>,
}

struct Shared {
    state: Mutex<State>,
    /// The generation, for long polls to wait on without holding a thread each.
    changed: tokio::sync::watch::Sender<u64>,
    /// The search index of the latest good site, made in the background.
    out_dir: PathBuf,
    /// Sites whose search index is to be made (the latest counts).
    indexer: std::sync::mpsc::Sender<Arc<Live>>,
    /// The chapters and schools as parsed, so a load parses only the files that changed.
    parsed: Mutex<crate::site::LoadCache>,
}

/// Reading files and answering search queries block; at most this many run at once, beside
/// the async workers that hold every connection and long poll (tasks, not threads).
const BLOCKING_THREADS: usize = 8;


/// Build `root` and serve it on 127.0.0.1:`port` until the process is stopped.
///
/// Connections are served by hyper on a small tokio runtime: keep-alive connections answer
/// at once (TCP_NODELAY), a long poll is a task waiting on a watch channel, and file reads run
/// on a bounded pool, so the number of threads stays fixed whatever a browser opens.
pub fn serve(root: &Path, port: u16) -> io::Result<()> {
    remove_stale_previews();
    let out_dir = std::env::temp_dir().join(format!("{PREVIEW_PREFIX}{}", std::process::id()));
    let (changed, _) = tokio::sync::watch::channel(0);
    let (indexer, sites) = std::sync::mpsc::channel();
    let index_dir = out_dir.clone();
    std::thread::spawn(move || make_search_indexes(&sites, &index_dir));
    let shared = Arc::new(Shared { state: Mutex::new(State { generation: 0, error: None, live: None }), changed, out_dir, indexer, parsed: Mutex::default() });
    // Watch before the first build, so a save made while it runs (or just after it, before a
    // watcher thread would have started) is never missed.
    let watcher = Watch::start(root);
    rebuild(root, &shared, None);

    let listener = std::net::TcpListener::bind(("127.0.0.1", port)).map_err(|e| io::Error::new(io::ErrorKind::AddrInUse, format!("kan poort {port} niet openen: {e}")))?;
    listener.set_nonblocking(true)?;
    let addr = listener.local_addr().map(|a| a.to_string()).unwrap_or_default();
    eprintln!("Voorbeeld op http://{addr}/ (stoppen met Ctrl+C). Wijzigingen worden direct verwerkt.");

    let watcher_shared = Arc::clone(&shared);
    let watch_root = root.to_path_buf();
    std::thread::spawn(move || watcher.run(&watch_root, &watcher_shared));

    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).max_blocking_threads(BLOCKING_THREADS).enable_all().build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        loop {
            let (stream, _) = match listener.accept().await {
                Ok(accepted) => accepted,
                // Out of file descriptors and the like: wait a moment rather than stop serving.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            let _ = stream.set_nodelay(true);
            let shared = Arc::clone(&shared);
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |request| handle(request, Arc::clone(&shared)));
                let _ = hyper::server::conn::http1::Builder::new().serve_connection(hyper_util::rt::TokioIo::new(stream), service).await;
            });
        }
    })
}

const PREVIEW_PREFIX: &str = "passend-serve-";

/// Previews are built in the temporary directory and a stopped server (Ctrl+C) cannot clean
/// up after itself, so each start removes the previews of servers that no longer run.
fn remove_stale_previews() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else { return };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name.strip_prefix(PREVIEW_PREFIX).and_then(|p| p.parse::<u32>().ok()) else { continue };
        if !crate::output::process_running(pid) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Load the site again and serve it, or, when it has errors, keep serving the last good one
/// with the errors on every page. `changed`: the only files (relative to the root) whose
/// content changed since the last load, when the file events tell that nothing else did.
fn rebuild(root: &Path, shared: &Shared, changed: Option<HashSet<PathBuf>>) {
    let started = Instant::now();
    let (site, mut diags) = {
        let mut parsed = shared.parsed.lock().expect("parsed files");
        if let Some(changed) = changed {
            parsed.only_changed(changed);
        }
        Site::load_with(root, Some(&mut parsed))
    };
    let previous = shared.state.lock().expect("serve state").live.clone();
    let live = site.and_then(|site| match crate::build::Shared::after(&site, previous.as_ref().map(|p| &p.shared)) {
        Ok(made) => Some(Arc::new(Live { site, shared: made })),
        Err(d) => {
            diags.extend(d);
            None
        }
    });
    let mut state = shared.state.lock().expect("serve state");
    state.generation += 1;
    match live {
        Some(live) => {
            state.error = None;
            state.live = Some(Arc::clone(&live));
            eprintln!("Geladen: {} hoofdstukken en {} scholen in {} ms", live.site.chapters.len(), live.site.schools.len(), started.elapsed().as_millis());
            if !diags.is_empty() {
                eprint!("{}", diags.to_text());
            }
            let _ = shared.indexer.send(live);
        }
        None => {
            eprint!("{}", diags.to_text());
            eprintln!("De site heeft fouten; het voorbeeld toont de laatste goede versie.");
            state.error = Some(diags.to_text());
        }
    }
    let generation = state.generation;
    drop(state);
    shared.changed.send_replace(generation);
}

/// How long the sources must stay unchanged before the preview makes their search index: an
/// index of a national site takes seconds on both cores, which a run of saves would otherwise
/// spend on indexes at once outdated, slowing the pages being edited.
const SEARCH_INDEX_QUIET: Duration = Duration::from_millis(1500);

/// The search index of the latest site sent, written into `dir` (only the files that changed)
/// once no newer site has come for [`SEARCH_INDEX_QUIET`].
fn make_search_indexes(sites: &std::sync::mpsc::Receiver<Arc<Live>>, dir: &Path) {
    let mut written = crate::output::Written::default();
    while let Ok(mut live) = sites.recv() {
        while let Ok(newer) = sites.recv_timeout(SEARCH_INDEX_QUIET) {
            live = newer;
        }
        let mut output = crate::output::Output::default();
        let made = crate::search::add_to_output(&live.site, &mut output).map_err(|d| d.to_text()).and_then(|_| crate::output::write_changed(&output, dir, &mut written).map_err(|e| e.to_string()));
        if let Err(e) = made {
            eprintln!("De zoekindex van het voorbeeld kon niet worden gemaakt: {e}");
        }
        drop(output);
        crate::build::release_freed_memory();
    }
}

/// A fingerprint of every watched file: path, size and modification time.
fn fingerprint(root: &Path) -> Vec<(PathBuf, u64, SystemTime)> {
    let mut entries = Vec::new();
    for source in crate::layout::SiteLayout::new(root).sources() {
        for entry in walkdir::WalkDir::new(source).sort_by_file_name().into_iter().filter_map(Result::ok) {
            if let Ok(meta) = entry.metadata() {
                if meta.is_file() {
                    entries.push((entry.into_path(), meta.len(), meta.modified().unwrap_or(SystemTime::UNIX_EPOCH)));
                }
            }
        }
    }
    entries
}

/// How the preview learns that a source changed. OS file events (the `notify` crate: inotify,
/// FSEvents, ReadDirectoryChangesW) are seen at once; where they cannot be had (no inotify
/// watches left, some network drives) it polls size and mtime every 300 ms.
enum Watch {
    Events(Events),
    /// The fingerprint of the sources when watching started.
    Poll(Vec<(PathBuf, u64, SystemTime)>),
}

struct Events {
    watcher: notify::RecommendedWatcher,
    events: std::sync::mpsc::Receiver<notify::Event>,
    /// The site's root and source folders, canonical, as the events name them.
    root: PathBuf,
    sources: Vec<PathBuf>,
}

impl Watch {
    /// Start watching `root`. Started before the first build, so nothing saved after the build
    /// starts is missed.
    fn start(root: &Path) -> Watch {
        let poll = || Watch::Poll(fingerprint(root));
        let canonical = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let sources: Vec<PathBuf> = crate::layout::SiteLayout::new(&canonical).sources().collect();
        let (tx, events) = std::sync::mpsc::channel::<notify::Event>();
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            // An error (the OS's queue overflowed, say) may have lost changes: look at everything.
            let event = event.unwrap_or_else(|_| notify::Event::new(notify::EventKind::Other).set_flag(notify::event::Flag::Rescan));
            let _ = tx.send(event);
        });
        let Ok(watcher) = watcher else { return poll() };
        let mut watch = Events { watcher, events, root: canonical, sources };
        if !watch.add_watches() {
            return poll();
        }
        Watch::Events(watch)
    }

    /// Rebuild after every change, for as long as the server runs.
    fn run(self, root: &Path, shared: &Shared) {
        match self {
            Watch::Events(events) => events.run(root, shared),
            Watch::Poll(mut last) => loop {
                std::thread::sleep(Duration::from_millis(300));
                if fingerprint(root) != last {
                    // Let an editor finish writing before the build reads the files.
                    std::thread::sleep(Duration::from_millis(100));
                    last = fingerprint(root);
                    rebuild(root, shared, None);
                }
            },
        }
    }
}

impl Events {
    /// Watch the root on its own (passend.toml, a source folder made later) and each source
    /// folder that exists with what is under it; the output and anything else under the root
    /// are ignored. False if the OS refused one.
    fn add_watches(&mut self) -> bool {
        use notify::{RecursiveMode, Watcher};
        let mut ok = self.watcher.watch(&self.root, RecursiveMode::NonRecursive).is_ok();
        for source in self.sources.iter().filter(|s| s.is_dir()) {
            ok &= self.watcher.watch(source, RecursiveMode::Recursive).is_ok();
        }
        ok
    }

    fn run(mut self, root: &Path, shared: &Shared) {
        while let Ok(event) = self.events.recv() {
            if !changes_a_source(&event, &self.sources) {
                continue;
            }
            let mut changes = Changes::default();
            changes.add(&event, &self.root);
            // Let an editor finish writing (save-as-rename, several files): load once the
            // events have been quiet for 20 ms, or for 2 ms once every file written to has been
            // closed (what follows a close, a rename into place, comes at once).
            loop {
                let quiet = if changes.writing.is_empty() { Duration::from_millis(2) } else { Duration::from_millis(20) };
                match self.events.recv_timeout(quiet) {
                    Ok(event) if changes_a_source(&event, &self.sources) => changes.add(&event, &self.root),
                    Ok(_) => {}
                    Err(_) => break,
                }
            }
            rebuild(root, shared, (!changes.other).then_some(changes.content));
            // A source folder made since the start is watched from now on.
            self.add_watches();
        }
    }
}

/// What the file events since the last load say changed.
#[derive(Default)]
struct Changes {
    /// Files (relative to the root) whose content changed.
    content: HashSet<PathBuf>,
    /// Files written to and not yet closed.
    writing: HashSet<PathBuf>,
    /// Anything else happened: a file was added, removed or renamed, its permissions changed,
    /// or the OS lost track (then every file is looked at again).
    other: bool,
}

impl Changes {
    fn add(&mut self, event: &notify::Event, root: &Path) {
        use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind};
        if event.need_rescan() {
            self.other = true;
        }
        for path in &event.paths {
            let Ok(rel) = path.strip_prefix(root) else {
                self.other = true;
                continue;
            };
            match event.kind {
                EventKind::Modify(ModifyKind::Data(_)) => {
                    self.content.insert(rel.to_path_buf());
                    self.writing.insert(rel.to_path_buf());
                }
                EventKind::Access(AccessKind::Close(AccessMode::Write)) => {
                    self.content.insert(rel.to_path_buf());
                    self.writing.remove(rel);
                }
                _ => self.other = true,
            }
        }
    }
}

/// Whether an event changes a source. Reading is not changing: inotify also reports the
/// build's own reads of the sources (opened, read, closed unwritten), and rebuilding on those
/// would rebuild for ever and keep reloading the open pages.
fn changes_a_source(event: &notify::Event, sources: &[PathBuf]) -> bool {
    use notify::event::{AccessKind, AccessMode, EventKind};
    if event.need_rescan() {
        return true;
    }
    let changes = match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    };
    changes && event.paths.iter().any(|p| sources.iter().any(|s| p.starts_with(s)))
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "csv" => "text/csv; charset=utf-8",
        "gz" => "application/gzip",
        "txt" | "md" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        "odt" => "application/vnd.oasis.opendocument.text",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/octet-stream",
    }
}

/// A response with the preview's headers: never cached, and the same security headers as a
/// published site.
fn respond(status: u16, content_type: &str, body: Vec<u8>) -> Response<Full<Bytes>> {
    let mut response = Response::builder().status(status).header("Content-Type", content_type).header("Cache-Control", "no-store");
    for (name, value) in crate::headers::SECURITY_HEADERS {
        response = response.header(*name, *value);
    }
    response.body(Full::new(Bytes::from(body))).expect("valid status and headers")
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(if bytes[i] == b'+' { b' ' } else { bytes[i] });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

async fn handle(request: Request<Incoming>, shared: Arc<Shared>) -> Result<Response<Full<Bytes>>, Infallible> {
    let url = request.uri().path_and_query().map(|p| p.as_str().to_string()).unwrap_or_else(|| "/".to_string());
    if let Some(query) = url.strip_prefix("/__passend/wacht?generatie=") {
        let seen: u64 = query.parse().unwrap_or(0);
        let mut generation = shared.changed.subscribe();
        let _ = tokio::time::timeout(Duration::from_secs(25), generation.wait_for(|g| *g != seen)).await;
        let body = {
            let state = shared.state.lock().expect("serve state");
            serde_json::json!({ "generatie": state.generation, "fout": state.error }).to_string()
        };
        return Ok(respond(200, "application/json", body.into_bytes()));
    }
    let answer = tokio::task::spawn_blocking(move || answer(&url, &shared)).await;
    Ok(answer.unwrap_or_else(|_| respond(500, "text/plain; charset=utf-8", b"interne fout".to_vec())))
}

/// Everything but the long poll: files of the preview, the search endpoint, the reload script.
fn answer(url: &str, shared: &Shared) -> Response<Full<Bytes>> {
    if url == "/__passend/livereload.js" {
        return respond(200, "text/javascript; charset=utf-8", LIVE_RELOAD_JS.as_bytes().to_vec());
    }
    let preview = |body: &[u8]| {
        let (generation, error) = {
            let s = shared.state.lock().expect("serve state");
            (s.generation, s.error.clone())
        };
        inject_preview(&String::from_utf8_lossy(body), generation, error.as_deref()).into_bytes()
    };
    let live = shared.state.lock().expect("serve state").live.clone();
    let Some(live) = live else {
        let error = shared.state.lock().expect("serve state").error.clone().unwrap_or_else(|| "Niet gevonden".into());
        return respond(503, "text/plain; charset=utf-8", error.into_bytes());
    };
    let search_page = || live_file(&live, "zoeken/index.html").and_then(|made| made.ok()).map(|bytes| String::from_utf8_lossy(&bytes).into_owned());
    if let Some((ctype, body)) = crate::search::answer_with(&shared.out_dir, url, search_page) {
        let body = if ctype.starts_with("text/html") { preview(&body) } else { body };
        return respond(200, ctype, body);
    }
    let Some(path) = output_path(url) else { return respond(404, "text/plain; charset=utf-8", b"Niet gevonden".to_vec()) };
    let made = if crate::search::is_index_file(&path) {
        std::fs::read(shared.out_dir.join(&path)).ok().map(Ok)
    } else {
        // `/plan` is the page `/plan/`, as static hosts serve it.
        live_file(&live, &path).or_else(|| (!path.contains('.')).then(|| live_file(&live, &format!("{path}/index.html"))).flatten())
    };
    let (status, path, made) = match made {
        Some(made) => (200, path, made),
        None => (404, url::output_file(&url::not_found()), live_file(&live, &url::output_file(&url::not_found())).unwrap_or_else(|| Ok(b"Niet gevonden".to_vec()))),
    };
    let body = match made {
        Ok(body) => body,
        // A page the templates cannot render: its errors in the banner (on an empty page).
        Err(diags) => {
            let generation = shared.state.lock().expect("serve state").generation;
            let html = inject_preview("<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Fout</title></head><body></body></html>", generation, Some(&diags.to_text()));
            return respond(500, "text/html; charset=utf-8", html.into_bytes());
        }
    };
    let ctype = content_type(Path::new(&path));
    let body = if ctype.starts_with("text/html") { preview(&body) } else { body };
    respond(status, ctype, body)
}

/// A file of the live site, made on request.
fn live_file(live: &Live, path: &str) -> Option<Result<Vec<u8>, crate::diagnostics::Diagnostics>> {
    crate::build::file(&live.site, &live.shared, path)
}

/// The output path a request asks for (`/plan/` is `plan/index.html`), or `None` for one that
/// tries to leave the output.
pub fn output_path(url_path: &str) -> Option<String> {
    let path = url_path.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode(path);
    if decoded.split('/').any(|seg| seg == ".." || seg.contains('\\')) {
        return None;
    }
    Some(url::output_file(&decoded))
}

/// Add the live-reload script and, when the latest build failed, a banner with its errors.
/// Done server-side so the errors show even without JavaScript.
pub fn inject_preview(html: &str, generation: u64, error: Option<&str>) -> String {
    let mut html = html.replacen("<html ", &format!("<html data-passend-generatie=\"{generation}\" "), 1);
    if let Some(error) = error {
        let banner = format!(
            "<div class=\"passend-build-fout\" role=\"alert\"><h2>De laatste wijziging geeft fouten</h2><p>U ziet de laatste goede versie. Los deze fouten op; de pagina ververst vanzelf.</p><pre>{}</pre></div>",
            crate::text::escape_html(error)
        );
        if let Some(i) = html.find("<body>").map(|i| i + "<body>".len()) {
            html.insert_str(i, &banner);
        }
    }
    html.replacen("</body>", "<script src=\"/__passend/livereload.js\"></script></body>", 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_outside_the_output() {
        assert!(output_path("/../etc/passwd").is_none());
        assert!(output_path("/%2e%2e/etc/passwd").is_none());
        assert_eq!(output_path("/plan/?q=1").as_deref(), Some("plan/index.html"));
        assert_eq!(output_path("/").as_deref(), Some("index.html"));
    }

    #[test]
    fn file_events_tell_when_only_content_changed() {
        use notify::event::{AccessKind, AccessMode, CreateKind, DataChange, EventKind, Flag, ModifyKind, RemoveKind};
        let root = Path::new("/site");
        let event = |kind: EventKind, path: &str| notify::Event::new(kind).add_path(PathBuf::from(path));
        let written = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        let closed = EventKind::Access(AccessKind::Close(AccessMode::Write));

        // A save: written, then closed. Only its content changed.
        let mut changes = Changes::default();
        changes.add(&event(written, "/site/content/plan/01-a.md"), root);
        assert!(!changes.writing.is_empty(), "written and not yet closed");
        changes.add(&event(closed, "/site/content/plan/01-a.md"), root);
        assert!(changes.writing.is_empty() && !changes.other);
        assert_eq!(changes.content, HashSet::from([PathBuf::from("content/plan/01-a.md")]));

        // Anything else means every file is looked at again.
        for other in [
            event(EventKind::Create(CreateKind::File), "/site/content/plan/02-b.md"),
            event(EventKind::Remove(RemoveKind::File), "/site/schools/91AB00.toml"),
            event(EventKind::Modify(ModifyKind::Name(notify::event::RenameMode::Both)), "/site/content/plan/01-a.md"),
            event(written, "/elders/content/plan/01-a.md"),
            notify::Event::new(EventKind::Other).set_flag(Flag::Rescan),
        ] {
            let mut changes = Changes::default();
            changes.add(&other, root);
            assert!(changes.other, "{other:?}");
        }
    }

    #[test]
    fn preview_banner_escapes_errors() {
        let html = inject_preview("<html lang=\"nl\"><body><p>x</p></body></html>", 3, Some("a.md:1:1: <script>"));
        assert!(html.contains("data-passend-generatie=\"3\""));
        assert!(html.contains("&lt;script&gt;"));
        assert!(html.contains("/__passend/livereload.js"));
    }
}
