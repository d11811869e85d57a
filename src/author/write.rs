//! Writing a file so that a crash, a full disk or a read-only folder never
//! leaves it half written: the new text goes to a temporary file in the
//! same folder, which then replaces (or becomes) the file in one rename.

use std::io::{self, Write};
use std::path::Path;

use tempfile::NamedTempFile;

/// Replaces `path` with `text` atomically, keeping its permissions. The
/// original stays as it was when any step fails.
pub fn replace(path: &Path, text: impl AsRef<[u8]>) -> io::Result<()> {
    let temp = filled(path, text)?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Creates `path` with `text` atomically; fails with
/// [`io::ErrorKind::AlreadyExists`] when it exists, leaving it untouched.
pub fn create_new(path: &Path, text: impl AsRef<[u8]>) -> io::Result<()> {
    let temp = filled(path, text)?;
    temp.persist_noclobber(path).map_err(|e| e.error)?;
    Ok(())
}

/// A temporary file beside `path`, holding `text`, flushed to disk, with
/// the permissions of the file it replaces, or those of a new file.
fn filled(path: &Path, text: impl AsRef<[u8]>) -> io::Result<NamedTempFile> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    as_a_new_file(&mut builder);
    // The temporary file's name is gplan's business, not the reader's:
    // the error keeps its kind and drops the name tempfile adds to it.
    let mut temp = builder
        .tempfile_in(folder)
        .map_err(|e| io::Error::from(e.kind()))?;
    temp.write_all(text.as_ref())?;
    temp.as_file().sync_all()?;
    if let Ok(meta) = std::fs::metadata(path) {
        temp.as_file().set_permissions(meta.permissions())?;
    }
    Ok(temp)
}

/// A temporary file is private (`rw-------`); a plan or a manual page is
/// not: it gets `rw-rw-rw-` less the umask, as any new file does, so a
/// colleague, a web server or `man` can read it.
#[cfg(unix)]
fn as_a_new_file(builder: &mut tempfile::Builder) {
    use std::os::unix::fs::PermissionsExt;
    builder.permissions(std::fs::Permissions::from_mode(0o666));
}

#[cfg(not(unix))]
fn as_a_new_file(_: &mut tempfile::Builder) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_folder_is_not_found_and_names_no_temporary_file() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let err = create_new(&dir.path().join("nope/x.toml"), "x").expect_err("no folder");
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
        assert!(!err.to_string().contains(".tmp"), "{err}");
    }
}
