//! Finding plan files: a sorted walk of the plans folders that skips hidden
//! folders and `target/` and never follows symbolic links, so the same
//! repository always yields the same files in the same order. A walk of
//! loose plans (a folder that is no repository) also stops at every
//! repository below it.

use std::ffi::OsStr;
use std::fmt;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::config::{UsageError, CONFIG_FILE, DEFAULT_PLANS_DIR};
use crate::render::terminal::escape;

/// A `.toml` file found under a plans folder.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Found {
    /// Path relative to the repository root, with `/` separators.
    pub rel: String,
    pub path: PathBuf,
}

/// What the walk found, and what it passed over on purpose.
#[derive(Debug, Default)]
pub struct Discovery {
    pub files: Vec<Found>,
    /// Symbolic links not followed, with their relative paths.
    pub skipped_links: Vec<String>,
    /// `.toml` names that are not files (a named pipe, a socket, a
    /// device): never opened, since reading a pipe waits for a writer.
    pub skipped_special: Vec<String>,
    /// Entries the walk could not read (permissions), with the reason.
    pub unreadable: Vec<(String, String)>,
    /// Folders a walk of loose plans did not enter.
    pub other_repositories: Vec<OtherRepository>,
}

/// A folder below a folder of loose plans that a walk did not enter: a
/// repository of its own. Shown, it is what `-v` says of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherRepository {
    /// Path relative to the root, with `/` separators.
    pub folder: String,
    /// What marks it (see [`repository_mark`]).
    pub mark: &'static str,
}

impl fmt::Display for OtherRepository {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "skipped {}: another repository (it has its own {}); run gplan inside it, or pass --repo, to read its plans",
            escape(&self.folder),
            self.mark
        )
    }
}

/// Walks every plans folder under `root`.
pub fn discover(root: &Path, dirs: &[PathBuf]) -> Discovery {
    walk(root, dirs, false)
}

/// Walks `root` for loose plans: every `.toml` below it, short of the
/// folders below it that are repositories of their own (see
/// [`repository_mark`]). Run in a home folder, it reads the stray files
/// there but never the plans of the checkouts beside them, which belong to
/// other repositories (and `check` would report their ids as clashing).
pub fn discover_loose(root: &Path) -> Discovery {
    walk(root, &[PathBuf::from(".")], true)
}

/// What marks the folder `dir` as a repository of its own, if anything:
/// a `.git` (a folder, or a file for a worktree or submodule), a
/// `gplan.toml` or a `plans/` folder, as the search for the repository
/// root recognises one.
pub fn repository_mark(dir: &Path) -> Option<&'static str> {
    if dir.join(".git").exists() {
        Some(".git")
    } else if dir.join(CONFIG_FILE).is_file() {
        Some(CONFIG_FILE)
    } else if dir.join(DEFAULT_PLANS_DIR).is_dir() {
        Some("plans/")
    } else {
        None
    }
}

/// Walks `dirs` under `root`; with `loose`, does not enter a folder below
/// a walk's start that [`repository_mark`] marks.
fn walk(root: &Path, dirs: &[PathBuf], loose: bool) -> Discovery {
    let mut found = Discovery::default();
    for dir in dirs {
        let mut walk = WalkDir::new(root.join(dir))
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_skipped_dir(e));
        while let Some(entry) = walk.next() {
            let other = entry.as_ref().ok().filter(|e| loose && e.depth() > 0);
            let mark = other
                .filter(|e| e.file_type().is_dir())
                .and_then(|e| repository_mark(e.path()));
            if let (Some(entry), Some(mark)) = (other, mark) {
                let folder = relative(root, entry.path());
                found
                    .other_repositories
                    .push(OtherRepository { folder, mark });
                walk.skip_current_dir();
                continue;
            }
            match entry {
                Ok(entry) if entry.file_type().is_symlink() => {
                    found.skipped_links.push(relative(root, entry.path()))
                }
                Ok(entry) if entry.file_type().is_file() && is_toml(entry.path()) => {
                    found.files.push(Found {
                        rel: relative(root, entry.path()),
                        path: entry.into_path(),
                    })
                }
                Ok(entry) if !entry.file_type().is_dir() && is_toml(entry.path()) => {
                    found.skipped_special.push(relative(root, entry.path()))
                }
                Ok(_) => {}
                Err(err) => {
                    let path = err
                        .path()
                        .map_or_else(|| dir.display().to_string(), |p| relative(root, p));
                    found.unreadable.push((path, err.to_string()));
                }
            }
        }
    }
    found.files.sort();
    found.files.dedup_by(|a, b| a.rel == b.rel);
    found
}

fn is_skipped_dir(entry: &walkdir::DirEntry) -> bool {
    let name = entry.file_name().to_string_lossy();
    entry.file_type().is_dir() && (name.starts_with('.') || name == "target")
}

fn is_toml(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "toml")
}

/// A PATH argument that exists but is neither a file nor a folder (a
/// named pipe, a socket, a device): reading a pipe would block until
/// something writes to it, a device may never end. `None` for a file or
/// a folder.
pub fn not_a_file(given: &Path, canonical: &Path) -> Option<UsageError> {
    let kind = std::fs::metadata(canonical).ok()?.file_type();
    (!kind.is_file() && !kind.is_dir()).then(|| {
        UsageError(format!(
            "path `{}` is not a file or a folder (a named pipe, a socket or a device); name a plan file or a folder",
            given.display()
        ))
    })
}

/// `path` relative to `root`, with `/` separators whatever the platform.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .map(|c| match c {
            // A path outside the root stays absolute: `/tmp/a`, joined
            // from "", "tmp", "a".
            std::path::Component::RootDir => String::new(),
            other => name(other.as_os_str()),
        })
        .collect();
    parts.join("/")
}

/// A file name as text. Bytes that are not UTF-8 are written `\xFF`, not
/// replaced by U+FFFD: two such names must not become one (the second file
/// would be dropped as a duplicate and never checked).
fn name(name: &OsStr) -> String {
    if let Some(text) = name.to_str() {
        return text.to_owned();
    }
    #[cfg(unix)]
    {
        use std::fmt::Write;
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in name.as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for byte in chunk.invalid() {
                let _ = write!(out, "\\x{byte:02X}");
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        name.to_string_lossy().into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_walk_of_loose_plans_stops_at_every_repository_below_it() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path();
        let write = |rel: &str| {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
            std::fs::write(path, "").expect("write");
        };
        // The root's own `.git` does not stop the walk; a worktree's
        // `.git` file, a `gplan.toml` or a `plans/` folder below it do.
        std::fs::create_dir(root.join(".git")).expect(".git");
        write("a.toml");
        write("notes/b.toml");
        write("worktree/.git");
        write("worktree/c.toml");
        write("configured/gplan.toml");
        write("checkout/plans/d.toml");
        let found = discover_loose(root);
        let files: Vec<&str> = found.files.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(files, ["a.toml", "notes/b.toml"]);
        let others: Vec<(&str, &str)> = found
            .other_repositories
            .iter()
            .map(|o| (o.folder.as_str(), o.mark))
            .collect();
        assert_eq!(
            others,
            [
                ("checkout", "plans/"),
                ("configured", "gplan.toml"),
                ("worktree", ".git")
            ]
        );
        let plans = discover(root, &[PathBuf::from(".")]);
        assert_eq!(plans.files.len(), 5, "a plans folder is read whole");
    }

    #[cfg(unix)]
    #[test]
    fn non_utf8_file_names_stay_distinct() {
        // Both names became "plans/\u{FFFD}.toml", so one file was dropped
        // as a duplicate and never checked.
        use std::os::unix::ffi::OsStrExt;
        let root = Path::new("/repo");
        let path = |bytes: &[u8]| root.join("plans").join(OsStr::from_bytes(bytes));
        assert_eq!(relative(root, &path(b"\xff.toml")), "plans/\\xFF.toml");
        assert_eq!(relative(root, &path(b"s\xe1.toml")), "plans/s\\xE1.toml");
        assert_eq!(relative(root, &path("sở.toml".as_bytes())), "plans/sở.toml");
    }
}
