//! Writing the site into its folder and nowhere else. Each file is written
//! to a temporary file beside it and renamed into place, so a reader (or a
//! web server) never sees half a page. A manifest (`.gplan-site`) lists
//! what gplan wrote: the next run removes the pages that are gone (a plan
//! deleted) and nothing else, and a folder that holds files gplan did not
//! write is refused rather than mixed with the site.

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use crate::config::UsageError;

/// The manifest's name inside the site folder.
pub const MANIFEST: &str = ".gplan-site";

/// The site folder being written.
#[derive(Debug)]
pub struct Output {
    root: PathBuf,
    /// What the previous run wrote (from its manifest).
    previous: BTreeSet<String>,
}

impl Output {
    /// Opens (or creates) the folder. A folder that exists must be empty or
    /// hold a site gplan wrote.
    pub fn open(root: &Path) -> Result<Output, UsageError> {
        let shown = root.display();
        if root.exists() && !root.is_dir() {
            return Err(UsageError(format!(
                "--out `{shown}` is a file; name a folder"
            )));
        }
        let previous = match fs::read_to_string(root.join(MANIFEST)) {
            Ok(text) => text
                .lines()
                .filter(|l| safe(l))
                .map(str::to_owned)
                .collect(),
            Err(_) if is_empty_or_missing(root) => BTreeSet::new(),
            Err(_) => {
                return Err(UsageError(format!(
                    "--out `{shown}` holds files gplan did not write; name a new or empty folder"
                )))
            }
        };
        fs::create_dir_all(root)
            .map_err(|e| UsageError(format!("cannot create --out `{shown}`: {e}")))?;
        Ok(Output {
            root: root.to_owned(),
            previous,
        })
    }

    /// Writes one file at `relative` (a `/`-separated path inside the site).
    pub fn write(&self, relative: &str, bytes: &[u8]) -> io::Result<()> {
        self.write_parts(relative, &[bytes])
    }

    /// Writes one file made of `parts`, one after the other.
    pub fn write_parts(&self, relative: &str, parts: &[&[u8]]) -> io::Result<()> {
        self.write_with(relative, |file| {
            parts.iter().try_for_each(|bytes| file.write_all(bytes))
        })
    }

    /// Writes one file at `relative` with what `write` writes into it: a
    /// long file need not be held whole first.
    pub fn write_with(
        &self,
        relative: &str,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<()> {
        debug_assert!(safe(relative), "site paths are made by gplan: {relative}");
        let path = self.root.join(relative);
        let folder = self.real_folder(relative, true)?;
        let mut builder = tempfile::Builder::new();
        builder.prefix(".gplan-");
        make_readable(&mut builder);
        let mut file = builder.tempfile_in(folder)?;
        write(&mut file)?;
        file.persist(&path).map_err(|e| e.error)?;
        Ok(())
    }

    /// Removes what the previous run wrote and this one did not, then
    /// records what this run wrote.
    pub fn finish(self, written: &BTreeSet<String>) -> io::Result<()> {
        for gone in self.previous.difference(written) {
            if self.real_folder(gone, false).is_err() {
                continue;
            }
            match fs::remove_file(self.root.join(gone)) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        let mut manifest = String::new();
        for path in written {
            manifest.push_str(path);
            manifest.push('\n');
        }
        self.write(MANIFEST, manifest.as_bytes())
    }
}

impl Output {
    /// The folder holding `relative` inside the site, each of its folders
    /// checked to be a real folder (made when missing and `create`): a
    /// symbolic link planted in the site folder (`bodies` → elsewhere)
    /// must not let a run write or delete outside `--out`.
    fn real_folder(&self, relative: &str, create: bool) -> io::Result<PathBuf> {
        let mut folder = self.root.clone();
        let parents = Path::new(relative)
            .parent()
            .into_iter()
            .flat_map(Path::components);
        for part in parents {
            folder.push(part);
            match fs::symlink_metadata(&folder) {
                Ok(meta) if meta.is_dir() => {}
                Ok(_) => {
                    return Err(io::Error::other(format!(
                        "`{}` in the site folder is not a folder (a symbolic link or a file): gplan writes only inside --out; remove it",
                        folder.display()
                    )))
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound && create => make_folder(&folder)?,
                Err(e) => return Err(e),
            }
        }
        Ok(folder)
    }
}

/// Makes one folder; one that another thread of this run made first is
/// as good, when it is a real folder.
fn make_folder(folder: &Path) -> io::Result<()> {
    match fs::create_dir(folder) {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            if fs::symlink_metadata(folder)?.is_dir() {
                Ok(())
            } else {
                Err(e)
            }
        }
        other => other,
    }
}

/// Site files are for a web server to read: `rw-r--r--` (a temporary file
/// is private by default). Elsewhere than Unix, the system's default.
#[cfg(unix)]
fn make_readable(builder: &mut tempfile::Builder) {
    use std::os::unix::fs::PermissionsExt;
    builder.permissions(fs::Permissions::from_mode(0o644));
}

#[cfg(not(unix))]
fn make_readable(_: &mut tempfile::Builder) {}

/// A relative path that stays inside the folder.
fn safe(relative: &str) -> bool {
    !relative.is_empty()
        && Path::new(relative)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

fn is_empty_or_missing(root: &Path) -> bool {
    match fs::read_dir(root) {
        Ok(mut entries) => entries.next().is_none(),
        Err(e) => e.kind() == io::ErrorKind::NotFound,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_run_removes_only_its_own_old_pages() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let site = dir.path().join("site");
        let out = Output::open(&site).expect("a new folder");
        out.write("a.html", b"a").expect("written");
        out.write("plans/b.html", b"b").expect("written");
        out.finish(&BTreeSet::from(["a.html".into(), "plans/b.html".into()]))
            .expect("finished");
        let out = Output::open(&site).expect("a folder gplan wrote");
        out.write("a.html", b"a2").expect("written");
        out.finish(&BTreeSet::from(["a.html".into()]))
            .expect("finished");
        assert!(!site.join("plans/b.html").exists());
        assert_eq!(fs::read(site.join("a.html")).expect("read"), b"a2");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(site.join("a.html"))
                .expect("a file")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o644, "a web server can read the pages");
        }
    }

    #[test]
    fn a_folder_with_other_files_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        fs::write(dir.path().join("notes.txt"), "mine").expect("written");
        let err = Output::open(dir.path()).expect_err("refused");
        assert!(
            err.0.contains("holds files gplan did not write"),
            "{}",
            err.0
        );
        assert!(!safe("../x") && !safe("/x") && safe("plans/x.html"));
    }
}
