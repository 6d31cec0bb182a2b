//! Write stage: the rendered [`Output`] goes to a fresh sibling directory, which then replaces
//! the output directory in one step. A build that fails, or a crash half-way through writing,
//! leaves the previous output exactly as it was.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The built site: output path (relative, `/`-separated) -> contents. Kept in memory (`check`,
/// `serve`, the tests), or, for `passend build`, written into the staging folder as each file
/// is made so that only its name stays in memory: a national site's 1.2 GB of pages need not be
/// held until the end (issue 18). Sorted, so that writing, hashing and listing are stable.
#[derive(Debug, Default)]
pub struct Output {
    pub files: BTreeMap<String, Vec<u8>>,
    /// Where files go as they are made, and the names of those written there.
    sink: Option<(PathBuf, std::collections::BTreeSet<String>)>,
    /// The first write that failed: the build fails with it (and the staging folder goes).
    failed: Option<WriteError>,
}

impl Output {
    /// An output that writes each file into `dir` as it is inserted.
    pub fn streaming(dir: PathBuf) -> Output {
        Output { sink: Some((dir, Default::default())), ..Default::default() }
    }

    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.insert_all(vec![(path.into(), bytes.into())]);
    }

    /// Insert many files at once; a streaming output writes them on all cores.
    pub fn insert_all(&mut self, files: Vec<(String, Vec<u8>)>) {
        use rayon::prelude::*;
        let Some((dir, written)) = &mut self.sink else {
            self.files.extend(files);
            return;
        };
        let dir: &Path = dir;
        if let Err(e) = files.par_iter().try_for_each(|(rel, bytes)| write_file(&dir.join(rel), bytes)) {
            self.failed.get_or_insert(e);
        }
        written.extend(files.into_iter().map(|(rel, _)| rel));
    }

    /// Whether the output has a file at `path`.
    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path) || self.sink.as_ref().is_some_and(|(_, written)| written.contains(path))
    }

    /// Every file's path, sorted.
    pub fn paths(&self) -> Box<dyn Iterator<Item = &String> + '_> {
        match &self.sink {
            Some((_, written)) => Box::new(written.iter()),
            None => Box::new(self.files.keys()),
        }
    }

    /// A file's contents: from memory, or read back from the staging folder (where the
    /// operating system still has it cached).
    pub fn read(&self, path: &str) -> Option<std::borrow::Cow<'_, [u8]>> {
        match (&self.sink, self.files.get(path)) {
            (_, Some(bytes)) => Some(std::borrow::Cow::Borrowed(bytes)),
            (Some((dir, written)), None) if written.contains(path) => fs::read(dir.join(path)).ok().map(std::borrow::Cow::Owned),
            _ => None,
        }
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len() + self.sink.as_ref().map_or(0, |(_, written)| written.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of HTML pages.
    pub fn pages(&self) -> usize {
        self.paths().filter(|p| p.ends_with(".html")).count()
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    if let Some(p) = path.parent() {
        fs::create_dir_all(p).map_err(io_err(p))?;
    }
    fs::write(path, bytes).map_err(io_err(path))
}

/// Marks a directory as written by passend, so that a mistyped `--output ~/Documents` is refused
/// instead of replaced.
pub const MARKER: &str = ".passend-uitvoer";

#[derive(Debug)]
pub enum WriteError {
    /// The destination exists, is not empty and was not written by passend.
    NotOurs(PathBuf),
    /// The destination is a file (or something else that is not a directory).
    NotADirectory(PathBuf),
    Io(PathBuf, io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::NotOurs(p) => write!(
                f,
                "{} bestaat al en is niet door passend gemaakt; passend vervangt die map niet. Kies een andere --output of verwijder de map zelf",
                p.display()
            ),
            WriteError::NotADirectory(p) => write!(f, "{} is een bestand, geen map; passend schrijft de site in een map. Kies een andere --output", p.display()),
            WriteError::Io(p, e) => write!(f, "schrijven naar {} mislukt: {e}", p.display()),
        }
    }
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |e| WriteError::Io(path.to_path_buf(), e)
}

/// The sibling folder a build is written into before it replaces the output `dest` in one step:
/// made (after checking that `dest` may be replaced) before the build starts, so pages can be
/// written as they are made; removed again if the build fails, so the previous output stays
/// exactly as it was. When `dest` is a symbolic link (a web server's document root pointing
/// into a release folder, say), the folder it points to is replaced and the link stays.
pub struct Staging {
    dir: PathBuf,
    dest: PathBuf,
    parent: PathBuf,
    name: String,
    done: bool,
}

impl Staging {
    pub fn new(dest: &Path) -> Result<Staging, WriteError> {
        let dest = follow_links(dest)?;
        if dest.exists() && !dest.is_dir() {
            return Err(WriteError::NotADirectory(dest));
        }
        if dest.exists() && !is_ours_or_empty(&dest) {
            return Err(WriteError::NotOurs(dest));
        }
        let parent = dest.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf();
        fs::create_dir_all(&parent).map_err(io_err(&parent))?;
        let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
        remove_stale_staging(&parent, &name);
        let dir = parent.join(format!(".{name}.{STAGING}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).map_err(io_err(&dir))?;
        Ok(Staging { dir, dest, parent, name, done: false })
    }

    /// An output that writes into this folder as files are made.
    pub fn output(&self) -> Output {
        Output::streaming(self.dir.clone())
    }

    /// Complete the folder with `output` (its first failed write fails the build; files it
    /// holds in memory, if it was not made by [`Staging::output`], are written now), mark it as
    /// passend's and put it in place of the output.
    pub fn finish(mut self, output: Output) -> Result<(), WriteError> {
        use rayon::prelude::*;
        if let Some(e) = output.failed {
            return Err(e);
        }
        output.files.par_iter().try_for_each(|(rel, bytes)| write_file(&self.dir.join(rel), bytes))?;
        let marker = self.dir.join(MARKER);
        fs::write(&marker, "Deze map is gemaakt door passend build en wordt bij elke build vervangen.\n").map_err(io_err(&marker))?;
        swap_in(&self.dir, &self.dest, &self.parent, &self.name)?;
        self.done = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Name parts of the sibling folders a build works in: `.public.nieuw-<pid>` is being written,
/// `.public.oud-<pid>` is the previous output on its way out (where no atomic exchange exists).
const STAGING: &str = "nieuw";
const PREVIOUS: &str = "oud";

/// The path a chain of symbolic links at `dest` ends in (at most 16 links, as the kernel allows).
fn follow_links(dest: &Path) -> Result<PathBuf, WriteError> {
    let mut path = dest.to_path_buf();
    for _ in 0..16 {
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&path).map_err(io_err(&path))?;
                path = path.parent().map(|p| p.join(&target)).unwrap_or(target);
            }
            _ => return Ok(path),
        }
    }
    Err(WriteError::Io(dest.to_path_buf(), io::Error::other("te veel symbolische koppelingen achter elkaar")))
}

/// A build killed half-way (kill -9, a power cut) leaves its staging folder behind; the next
/// build removes those of processes that no longer run, so they do not pile up.
fn remove_stale_staging(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else { return };
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&format!(".{name}.")) else { continue };
        let pid = [STAGING, PREVIOUS].iter().find_map(|kind| rest.strip_prefix(kind).and_then(|r| r.strip_prefix('-')).and_then(|p| p.parse::<u32>().ok()));
        if pid.is_some_and(|pid| !process_running(pid)) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether process `pid` still runs. Where that cannot be known (no /proc), it is assumed to,
/// so nothing of a running build is ever removed.
pub fn process_running(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.is_dir() || proc.join(pid.to_string()).exists()
}

fn is_ours_or_empty(dir: &Path) -> bool {
    dir.join(MARKER).is_file() || fs::read_dir(dir).map(|mut d| d.next().is_none()).unwrap_or(false)
}

/// Hashes of the files a preview wrote last time, by relative path: what [`write_changed`]
/// compares with, at 8 bytes a file instead of a copy of the site.
pub type Written = std::collections::HashMap<String, u64>;

fn content_hash(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// The preview's writer (`passend serve`): write only the files whose contents changed since
/// the previous call and remove those no longer built. Each file is written beside its place
/// and renamed over it, so a reader sees the old or the new file, never half of one. A national
/// site rewrote 54,000 files on every edit; a chapter edit now writes a handful. Returns the
/// number of files written or removed.
pub fn write_changed(output: &Output, dir: &Path, written: &mut Written) -> Result<usize, WriteError> {
    use rayon::prelude::*;
    fs::create_dir_all(dir).map_err(io_err(dir))?;
    let changed: Vec<(&String, &Vec<u8>, u64)> = output
        .files
        .par_iter()
        .filter_map(|(rel, bytes)| {
            let hash = content_hash(bytes);
            (written.get(rel) != Some(&hash)).then_some((rel, bytes, hash))
        })
        .collect();
    changed.par_iter().try_for_each(|(rel, bytes, _)| {
        let path = dir.join(rel);
        let tmp = path.with_file_name(format!(".{}.{STAGING}", path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()));
        write_file(&tmp, bytes)?;
        fs::rename(&tmp, &path).map_err(io_err(&path))
    })?;
    let gone: Vec<String> = written.keys().filter(|rel| !output.contains(rel)).cloned().collect();
    for rel in &gone {
        let path = dir.join(rel);
        let _ = fs::remove_file(&path);
        written.remove(rel);
    }
    let count = changed.len() + gone.len();
    for (rel, _, hash) in changed {
        written.insert(rel.clone(), hash);
    }
    Ok(count)
}

/// Put `staging` in place of `dest`. On Linux both directories are exchanged in one system call
/// (renameat2 with RENAME_EXCHANGE), so `dest` is never missing; elsewhere two renames.
fn swap_in(staging: &Path, dest: &Path, parent: &Path, name: &str) -> Result<(), WriteError> {
    if !dest.exists() {
        return fs::rename(staging, dest).map_err(io_err(dest));
    }
    if exchange(staging, dest).is_ok() {
        // `staging` now holds the previous output.
        return remove_tree(staging).map_err(io_err(staging));
    }
    let old = parent.join(format!(".{name}.{PREVIOUS}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&old);
    fs::rename(dest, &old).map_err(io_err(dest))?;
    if let Err(e) = fs::rename(staging, dest) {
        let _ = fs::rename(&old, dest);
        return Err(WriteError::Io(dest.to_path_buf(), e));
    }
    remove_tree(&old).map_err(io_err(&old))
}

/// Remove the folder `dir` and all it holds, on all cores: the files first, then the folders,
/// deepest first, each level at once. The previous output of a national site is 24,000 files in
/// 14,000 folders, and removing them one by one (`remove_dir_all`) took 4.6 s of a 25 s build.
fn remove_tree(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let mut files = Vec::new();
    let mut levels: Vec<Vec<PathBuf>> = Vec::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.map_err(io::Error::other)?;
        if entry.file_type().is_dir() {
            levels.resize_with(levels.len().max(entry.depth() + 1), Vec::new);
            levels[entry.depth()].push(entry.into_path());
        } else {
            files.push(entry.into_path());
        }
    }
    files.par_iter().try_for_each(fs::remove_file)?;
    for level in levels.iter().rev() {
        level.par_iter().try_for_each(fs::remove_dir)?;
    }
    Ok(())
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both arguments are valid NUL-terminated paths that outlive the call.
    let rc = unsafe { libc::renameat2(libc::AT_FDCWD, a.as_ptr(), libc::AT_FDCWD, b.as_ptr(), libc::RENAME_EXCHANGE) };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::Error::new(io::ErrorKind::Unsupported, "no atomic exchange"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_previous_output_and_refuses_foreign_dirs() {
        let tmp = std::env::temp_dir().join(format!("passend-output-test-{}", std::process::id()));
        let _ = fs::remove_dir_all(&tmp);
        let dest = tmp.join("public");
        let output = |path: &str, text: &str| {
            let mut out = Output::default();
            out.insert(path, text);
            out
        };
        let write_atomically = |out: Output, dest: &Path| Staging::new(dest)?.finish(out);
        write_atomically(output("a/index.html", "eerste"), &dest).unwrap();
        write_atomically(output("b.html", "tweede"), &dest).unwrap();
        assert!(!dest.join("a/index.html").exists());
        assert_eq!(fs::read_to_string(dest.join("b.html")).unwrap(), "tweede");
        assert_eq!(fs::read_dir(&tmp).unwrap().count(), 1, "no staging directories left behind");

        let foreign = tmp.join("documenten");
        fs::create_dir_all(&foreign).unwrap();
        fs::write(foreign.join("brief.txt"), "niet weggooien").unwrap();
        assert!(matches!(write_atomically(output("a/index.html", "eerste"), &foreign), Err(WriteError::NotOurs(_))));
        assert!(foreign.join("brief.txt").exists());
        let _ = fs::remove_dir_all(&tmp);
    }
}
