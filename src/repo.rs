//! The loaded repository: every plan file read and parsed, the registry,
//! and a line index of every file for locating findings.
//!
//! Files are read and parsed in parallel (rayon), each on its own; the
//! results are then gathered in the sorted order of the walk, so what a
//! run reports does not depend on the number of threads. File texts are
//! let go once parsed (see [`SourceMap`]) except where a later rule needs
//! them: text that is not in NFC.

use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::{Config, UsageError};
use crate::diagnostic::{Code, Diagnostic};
use crate::discover::{self, Found};
use crate::load::{self, Outcome, MAX_FILE_BYTES};
use crate::model::Plan;
use crate::registry::Registry;
use crate::source::{Source, SourceMap};

/// Everything read from disk for one run.
#[derive(Debug, Default)]
pub struct Repo {
    pub plans: Vec<Plan>,
    pub registry: Option<Registry>,
    pub sources: SourceMap,
    /// Problems found while reading and parsing files.
    pub diagnostics: Vec<Diagnostic>,
    /// Valid TOML files that are not plans (shown with `--verbose`).
    pub ignored: Vec<String>,
    /// Files that should be plans but could not be loaded.
    pub broken: Vec<String>,
    /// Symbolic links passed over.
    pub skipped_links: Vec<String>,
}

/// Whether dropping a [`Repo`] frees its plans; see [`exit_without_freeing`].
static FREE_ON_DROP: AtomicBool = AtomicBool::new(true);

/// For a process that ends after its one run: dropping a repository then
/// leaves its plans to the operating system instead of freeing millions of
/// small allocations one by one (a few percent of a national `check`).
pub fn exit_without_freeing() {
    FREE_ON_DROP.store(false, Ordering::Relaxed);
}

impl Drop for Repo {
    fn drop(&mut self) {
        if !FREE_ON_DROP.load(Ordering::Relaxed) {
            std::mem::forget(std::mem::take(&mut self.plans));
        }
    }
}

/// One file read and parsed, on whichever thread.
struct Loaded<'f> {
    file: &'f Found,
    outcome: Outcome,
    diagnostics: Vec<Diagnostic>,
    source: Option<Source>,
}

impl Repo {
    /// Reads the registry and every plan file the configuration names.
    pub fn load(config: &Config) -> Result<Repo, UsageError> {
        let mut repo = Repo::default();
        repo.sources = SourceMap::new(&config.root);
        let registry_rel = config
            .registry
            .as_ref()
            .map(|p| discover::relative(Path::new(""), p));
        if let Some(rel) = &registry_rel {
            let text = read_registry(&config.root.join(rel), rel)?;
            let registry = Registry::load(rel, &text, &mut repo.diagnostics);
            repo.sources.insert(rel, &text);
            repo.registry = Some(registry);
        }
        let found = discover::discover(&config.root, &config.plan_dirs);
        repo.skipped_links = found.skipped_links;
        for (path, reason) in found.unreadable {
            repo.diagnostics.push(
                Diagnostic::new(
                    Code::UnreadableFile,
                    &path,
                    0..0,
                    format!("cannot read `{path}`: {reason}"),
                )
                .with_help("check the file's permissions"),
            );
            repo.broken.push(path);
        }
        let loaded: Vec<Loaded> = found
            .files
            .par_iter()
            .filter(|f| Some(&f.rel) != registry_rel.as_ref())
            .map(load_file)
            .collect();
        for file in loaded {
            repo.add(file);
        }
        repo.plans
            .sort_by(|a, b| (&a.file, &a.id.value).cmp(&(&b.file, &b.id.value)));
        Ok(repo)
    }

    fn add(&mut self, loaded: Loaded) {
        let rel = &loaded.file.rel;
        self.diagnostics.extend(loaded.diagnostics);
        if let Some(source) = loaded.source {
            self.sources.add(rel, source);
        }
        match loaded.outcome {
            Outcome::Plan(plan) => self.plans.push(*plan),
            Outcome::NotAPlan => self.ignored.push(rel.clone()),
            Outcome::Broken => self.broken.push(rel.clone()),
        }
    }
}

/// Reads, decodes and parses one file; touches nothing shared.
fn load_file(file: &Found) -> Loaded<'_> {
    let failed = |diagnostic: Diagnostic, source: Option<Source>| Loaded {
        file,
        outcome: Outcome::Broken,
        diagnostics: vec![diagnostic],
        source,
    };
    let text = match read_limited(&file.path) {
        Ok(bytes) => match load::decode(&file.rel, bytes) {
            Ok(text) => text,
            Err(failure) => {
                let (lossy, diagnostic) = *failure;
                return failed(diagnostic, Some(Source::kept(Arc::from(lossy))));
            }
        },
        Err(ReadError::TooLarge(size)) => {
            let diagnostic = Diagnostic::new(
                Code::FileTooLarge,
                &file.rel,
                0..0,
                format!(
                    "file is {size} bytes; gplan reads plan files up to {MAX_FILE_BYTES} bytes"
                ),
            )
            .with_help("split the plan, or move data that is not a plan out of the plans folder");
            return failed(diagnostic, None);
        }
        Err(ReadError::Io(err)) => {
            let diagnostic = Diagnostic::new(
                Code::UnreadableFile,
                &file.rel,
                0..0,
                format!("cannot read file: {err}"),
            )
            .with_help("check the file's permissions");
            return failed(diagnostic, None);
        }
    };
    let mut diagnostics = Vec::new();
    let mut outcome = load::load_plan(&file.rel, &text, &mut diagnostics);
    if let Outcome::Plan(plan) = &mut outcome {
        compact(plan);
    }
    // The NFC rule runs later, on the text: keep the text of the (rare)
    // files that need it.
    let source = if is_nfc(&text) {
        Source::index(&text)
    } else {
        Source::kept(Arc::from(text))
    };
    Loaded {
        file,
        outcome,
        diagnostics,
        source: Some(source),
    }
}

/// Gives back the spare capacity of a plan's vectors: the loader collects
/// tasks in place over the larger raw tasks, and a `due` of one rule gets
/// room for four. Over a national repository that was a third of the model.
fn compact(plan: &mut Plan) {
    plan.tasks.shrink_to_fit();
    plan.targets.shrink_to_fit();
    plan.implements.shrink_to_fit();
    for target in &mut plan.targets {
        target.milestones.shrink_to_fit();
    }
    for task in &mut plan.tasks {
        task.due.shrink_to_fit();
        task.lead.shrink_to_fit();
        task.support.shrink_to_fit();
        task.report_to.shrink_to_fit();
    }
}

/// Whether a text is in Unicode NFC. Text made only of characters below
/// U+0300 and of the precomposed Vietnamese letters (U+1EA0–U+1EF9), which
/// are all NFC starters, is NFC without looking anything up; anything else
/// gets the full check.
fn is_nfc(text: &str) -> bool {
    plain(text.as_bytes()) || unicode_normalization::is_nfc(text)
}

/// The byte scan behind [`is_nfc`]: in UTF-8, every byte below 0xCC is
/// ASCII, a continuation byte or the lead of a character below U+0300;
/// U+1EA0–U+1EF9 are E1 BA A0–BF and E1 BB 80–B9.
fn plain(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0xCC {
            i += 1;
            continue;
        }
        let vietnamese = matches!(
            (b, bytes.get(i + 1), bytes.get(i + 2)),
            (0xE1, Some(0xBA), Some(0xA0..=0xBF)) | (0xE1, Some(0xBB), Some(0x80..=0xB9))
        );
        if !vietnamese {
            return false;
        }
        i += 3;
    }
    true
}

enum ReadError {
    TooLarge(u64),
    Io(std::io::Error),
}

fn read_limited(path: &Path) -> Result<Vec<u8>, ReadError> {
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let size = file.metadata().map_err(ReadError::Io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    Ok(bytes)
}

fn read_registry(path: &Path, rel: &str) -> Result<String, UsageError> {
    let bytes = std::fs::read(path)
        .map_err(|e| UsageError(format!("cannot read registry `{rel}`: {e}")))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| UsageError(format!("cannot read registry `{rel}`: not UTF-8 text")))?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_scan_never_calls_unnormalized_text_plain() {
        for text in ["", "id = \"x\"", "Sở Nội vụ – Hòa Bình ỹ Ạ ả", "ĐẮK LẮK"]
        {
            assert_eq!(
                plain(text.as_bytes()),
                text.chars()
                    .all(|c| c < '\u{300}' || ('\u{1EA0}'..='\u{1EF9}').contains(&c)),
                "{text}"
            );
            assert!(is_nfc(text), "{text}");
        }
        let nfd = "Ke\u{302}\u{301} hoạch";
        assert!(!plain(nfd.as_bytes()));
        assert!(!is_nfc(nfd));
        assert!(
            !plain("\u{1EFA}".as_bytes()),
            "U+1EFA is outside the Vietnamese block"
        );
        assert!(is_nfc("“Kế hoạch” — 2023…"));
    }
}
