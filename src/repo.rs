//! The loaded repository: every plan file read and parsed, the registry,
//! and the texts kept for rendering diagnostics.

use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use crate::config::{Config, UsageError};
use crate::diagnostic::{Code, Diagnostic};
use crate::discover::{self, Found};
use crate::load::{self, Outcome, MAX_FILE_BYTES};
use crate::model::Plan;
use crate::registry::Registry;
use crate::source::SourceMap;

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

impl Repo {
    /// Reads the registry and every plan file the configuration names.
    pub fn load(config: &Config) -> Result<Repo, UsageError> {
        let mut repo = Repo::default();
        let registry_rel = config
            .registry
            .as_ref()
            .map(|p| discover::relative(Path::new(""), p));
        if let Some(rel) = &registry_rel {
            let text = read_registry(&config.root.join(rel), rel)?;
            let registry = Registry::load(rel, &text, &mut repo.diagnostics);
            repo.sources.insert(rel, Arc::from(text));
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
        for file in found
            .files
            .iter()
            .filter(|f| Some(&f.rel) != registry_rel.as_ref())
        {
            repo.load_file(file);
        }
        repo.plans
            .sort_by(|a, b| (&a.file, &a.id.value).cmp(&(&b.file, &b.id.value)));
        Ok(repo)
    }

    fn load_file(&mut self, file: &Found) {
        let text = match read_limited(&file.path) {
            Ok(bytes) => match load::decode(&file.rel, bytes) {
                Ok(text) => text,
                Err(failure) => {
                    let (lossy, diagnostic) = *failure;
                    self.sources.insert(&file.rel, Arc::from(lossy));
                    self.fail(&file.rel, diagnostic);
                    return;
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
                .with_help(
                    "split the plan, or move data that is not a plan out of the plans folder",
                );
                self.fail(&file.rel, diagnostic);
                return;
            }
            Err(ReadError::Io(err)) => {
                let diagnostic = Diagnostic::new(
                    Code::UnreadableFile,
                    &file.rel,
                    0..0,
                    format!("cannot read file: {err}"),
                )
                .with_help("check the file's permissions");
                self.fail(&file.rel, diagnostic);
                return;
            }
        };
        let outcome = load::load_plan(&file.rel, &text, &mut self.diagnostics);
        self.sources.insert(&file.rel, Arc::from(text));
        match outcome {
            Outcome::Plan(plan) => self.plans.push(*plan),
            Outcome::NotAPlan => self.ignored.push(file.rel.clone()),
            Outcome::Broken => self.broken.push(file.rel.clone()),
        }
    }

    fn fail(&mut self, rel: &str, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
        self.broken.push(rel.to_owned());
    }
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
