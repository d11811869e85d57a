//! Finding plan files: a sorted walk of the plans folders that skips hidden
//! folders and `target/` and never follows symbolic links, so the same
//! repository always yields the same files in the same order.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

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
    /// Entries the walk could not read (permissions), with the reason.
    pub unreadable: Vec<(String, String)>,
}

/// Walks every plans folder under `root`.
pub fn discover(root: &Path, dirs: &[PathBuf]) -> Discovery {
    let mut found = Discovery::default();
    for dir in dirs {
        let walk = WalkDir::new(root.join(dir))
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_skipped_dir(e));
        for entry in walk {
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
