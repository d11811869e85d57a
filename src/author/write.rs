//! Writing a file so that a crash, a full disk or a read-only folder never
//! leaves it half written: the new text goes to a temporary file in the
//! same folder, which then replaces (or becomes) the file in one rename.

use std::io::{self, Write};
use std::path::Path;

use tempfile::NamedTempFile;

/// Replaces `path` with `text` atomically. The original stays as it was
/// when any step fails.
pub fn replace(path: &Path, text: &str) -> io::Result<()> {
    let temp = filled(path, text)?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Creates `path` with `text` atomically; fails with
/// [`io::ErrorKind::AlreadyExists`] when it exists, leaving it untouched.
pub fn create_new(path: &Path, text: &str) -> io::Result<()> {
    let temp = filled(path, text)?;
    temp.persist_noclobber(path).map_err(|e| e.error)?;
    Ok(())
}

/// A temporary file beside `path`, holding `text`, flushed to disk.
fn filled(path: &Path, text: &str) -> io::Result<NamedTempFile> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temp = NamedTempFile::new_in(folder)?;
    temp.write_all(text.as_bytes())?;
    temp.as_file().sync_all()?;
    if let Ok(meta) = std::fs::metadata(path) {
        temp.as_file().set_permissions(meta.permissions())?;
    }
    Ok(temp)
}
