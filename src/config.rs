//! Everything a run depends on, settled once: the repository root, which
//! folders hold plans, where the registry is, and what "today" is.

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use toml::Spanned;

use crate::discover::{self, Discovery};
use crate::raw::RawConfigFile;
use crate::render::terminal::escape;
use crate::rules::levels::{Entry, Levels};
use crate::source::LineIndex;

/// The optional config file at the repository root.
pub const CONFIG_FILE: &str = "gplan.toml";
/// Where plans live when `gplan.toml` does not say.
pub const DEFAULT_PLANS_DIR: &str = "plans";
/// Where the registry lives when `gplan.toml` does not say.
pub const DEFAULT_REGISTRY: &str = "plans/registry.toml";
/// Where the catalogue of outside documents lives when `gplan.toml` does not say.
pub const DEFAULT_DOCUMENTS: &str = "plans/documents.toml";
/// Where progress files live when `gplan.toml` does not say.
pub const DEFAULT_PROGRESS_DIR: &str = "progress";

/// A problem that stops gplan before any plan is checked: exit code 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// The settled configuration of one run.
#[derive(Debug, Clone)]
pub struct Config {
    pub root: PathBuf,
    /// Folders scanned for plans, relative to `root`.
    pub plan_dirs: Vec<PathBuf>,
    /// The registry, relative to `root`; `None` when there is none.
    pub registry: Option<PathBuf>,
    /// The catalogue of outside documents, relative to `root`; `None` when there is none.
    pub documents: Option<PathBuf>,
    /// Folders scanned for progress files, relative to `root`; empty when
    /// the repository records no progress.
    pub progress_dirs: Vec<PathBuf>,
    pub today: NaiveDate,
    pub color: bool,
    /// Rule levels from `[check.levels]`.
    pub levels: Levels,
    /// What every command says on stderr before it runs: each path read
    /// outside the repository (named in `gplan.toml`, or a default folder
    /// or file that is a symbolic link out of it), so a repository never
    /// makes gplan read elsewhere unseen.
    pub notes: Vec<String>,
    /// The root holds neither `gplan.toml` nor a `plans/` folder: its
    /// plans are loose, every `.toml` below it short of the repositories
    /// below it (see [`discover::discover_loose`]).
    pub loose: bool,
    /// No `--repo` was given and no repository was found from the current
    /// folder upward: the current folder stands in for one (see
    /// [`Root::guessed`]).
    pub guessed: bool,
}

/// The repository to work on, and how it was settled.
#[derive(Debug, Clone)]
pub struct Root {
    pub path: PathBuf,
    /// No `--repo`, and no folder holding `gplan.toml` or `plans/` from
    /// the current one upward: the current folder stands in. It may be a
    /// home folder full of other things, so `fmt` does not write there
    /// without being told which files.
    pub guessed: bool,
}

impl Config {
    /// Reads `gplan.toml` (if any) under `root` and applies the defaults.
    pub fn new(root: &Path, today: NaiveDate, color: bool) -> Result<Config, UsageError> {
        if !root.is_dir() {
            let why = if root.exists() {
                "is not a folder"
            } else {
                "does not exist"
            };
            return Err(UsageError(format!("--repo `{}` {why}", root.display())));
        }
        let loose = !root.join(CONFIG_FILE).exists() && !root.join(DEFAULT_PLANS_DIR).is_dir();
        let (file, text) = read_config_file(root)?;
        let levels = levels(&file, &text)?;
        let named = Named { root, text: &text };
        let plan_dirs = match &file.gplan.plans {
            Some(dirs) => dirs
                .iter()
                .map(|dir| named.folder(dir, "plans folder", "plans"))
                .collect::<Result<_, _>>()?,
            None if root.join(DEFAULT_PLANS_DIR).is_dir() => vec![PathBuf::from(DEFAULT_PLANS_DIR)],
            None => vec![PathBuf::from(".")],
        };
        let progress_dirs = match &file.gplan.progress {
            Some(dirs) => dirs
                .iter()
                .map(|dir| named.folder(dir, "progress folder", "progress"))
                .collect::<Result<_, _>>()?,
            None => default_path(root, DEFAULT_PROGRESS_DIR, Path::is_dir),
        };
        let registry = match &file.gplan.registry {
            Some(path) => Some(named.file(path, "registry", "registry")?),
            None => default_path(root, DEFAULT_REGISTRY, Path::exists).pop(),
        };
        let documents = match &file.gplan.documents {
            Some(path) => Some(named.file(path, "documents", "documents")?),
            None => default_path(root, DEFAULT_DOCUMENTS, Path::exists).pop(),
        };
        let mut notes = Vec::new();
        let named_paths = file
            .gplan
            .plans
            .iter()
            .chain(&file.gplan.progress)
            .flatten();
        let named_files = file.gplan.registry.iter().chain(&file.gplan.documents);
        for path in named_paths.chain(named_files) {
            if leads_outside(root, Path::new(path.get_ref())) {
                notes.push(format!(
                    "{}: `{}` is outside the repository; gplan reads it because {CONFIG_FILE} names it",
                    named.at(path),
                    escape(path.get_ref())
                ));
            }
        }
        let defaults = [
            DEFAULT_PLANS_DIR,
            DEFAULT_PROGRESS_DIR,
            DEFAULT_REGISTRY,
            DEFAULT_DOCUMENTS,
        ];
        for default in defaults {
            let used = plan_dirs
                .iter()
                .chain(&progress_dirs)
                .chain(&registry)
                .chain(&documents);
            if used.clone().any(|p| p == Path::new(default))
                && leads_outside(root, Path::new(default))
            {
                notes.push(format!(
                    "`{default}` is a symbolic link out of the repository; gplan reads what it points to"
                ));
            }
        }
        Ok(Config {
            root: root.to_path_buf(),
            plan_dirs,
            registry,
            documents,
            progress_dirs,
            today,
            color,
            levels,
            notes,
            loose,
            guessed: false,
        })
    }

    /// The plan files: those under the plans folders, or for loose plans
    /// every `.toml` below the root short of other repositories.
    pub fn plan_files(&self) -> Discovery {
        if self.loose {
            discover::discover_loose(&self.root)
        } else {
            discover::discover(&self.root, &self.plan_dirs)
        }
    }
}

/// `default` when `exists` says it is there, else nothing.
fn default_path(root: &Path, default: &str, exists: fn(&Path) -> bool) -> Vec<PathBuf> {
    let path = PathBuf::from(default);
    exists(&root.join(&path))
        .then_some(path)
        .into_iter()
        .collect()
}

/// Whether `path` (relative to `root`, or absolute) ends outside the
/// repository once `..` and symbolic links are resolved. The repository is
/// the Git work tree holding `root` (plans repositories that share one
/// registry, as `tests/cmd` does, stay inside it), or `root` itself when
/// no `.git` is above it. A path that cannot be resolved (missing,
/// unreadable) is not outside: reading it fails anyway.
fn leads_outside(root: &Path, path: &Path) -> bool {
    let (Ok(root), Ok(path)) = (root.canonicalize(), root.join(path).canonicalize()) else {
        return false;
    };
    let work_tree = root.ancestors().find(|dir| dir.join(".git").exists());
    !path.starts_with(work_tree.unwrap_or(&root))
}

/// The text of `gplan.toml`, to say where a path it names is written.
struct Named<'a> {
    root: &'a Path,
    text: &'a str,
}

impl Named<'_> {
    /// `gplan.toml:LINE:COLUMN` of a value.
    fn at(&self, value: &Spanned<String>) -> String {
        let at = LineIndex::new(self.text).position(self.text, value.span().start);
        format!("{CONFIG_FILE}:{}:{}", at.line, at.column)
    }

    /// A folder `gplan.toml` names (`what`, under the key `key`): it must
    /// be one. A missing folder is an error rather than a warning: without
    /// its files, `status` would call every delivered occurrence overdue.
    fn folder(&self, dir: &Spanned<String>, what: &str, key: &str) -> Result<PathBuf, UsageError> {
        let path = self.root.join(dir.get_ref());
        if path.is_dir() {
            return Ok(PathBuf::from(dir.get_ref()));
        }
        let why = if path.exists() {
            "is not a folder"
        } else {
            "does not exist"
        };
        Err(UsageError(format!(
            "{}: {what} `{}` {why}; create it, or correct `{key}` in [gplan]",
            self.at(dir),
            escape(dir.get_ref())
        )))
    }

    /// A file `gplan.toml` names: it must be a regular file (not a folder,
    /// a pipe or a device, which could block or never end).
    fn file(&self, file: &Spanned<String>, what: &str, key: &str) -> Result<PathBuf, UsageError> {
        let path = self.root.join(file.get_ref());
        if path.is_file() {
            return Ok(PathBuf::from(file.get_ref()));
        }
        let why = if path.exists() {
            "is not a file"
        } else {
            "does not exist"
        };
        Err(UsageError(format!(
            "{}: {what} `{}` {why}; correct `{key}` in [gplan], or remove it to use none",
            self.at(file),
            escape(file.get_ref())
        )))
    }
}

/// The repository to work on: `--repo` when given; otherwise the nearest
/// folder, from the current one upward, holding `gplan.toml` or `plans/`.
/// The search stops at the folder holding `.git` (as git and cargo do), so
/// a run inside `plans/lai-chau` works on the whole repository, and one
/// outside any repository works on the current folder.
pub fn repository_root(given: Option<&Path>) -> Result<Root, UsageError> {
    if let Some(dir) = given {
        return Ok(Root {
            path: dir.to_path_buf(),
            guessed: false,
        });
    }
    let here = std::env::current_dir()
        .map_err(|e| UsageError(format!("cannot read the current folder: {e}")))?;
    Ok(match find_root(&here) {
        Some(path) => Root {
            path,
            guessed: false,
        },
        None => Root {
            path: PathBuf::from("."),
            guessed: true,
        },
    })
}

/// The nearest folder from `start` upward that looks like a plans
/// repository, not above the one holding `.git`.
fn find_root(start: &Path) -> Option<PathBuf> {
    for dir in start.ancestors() {
        if dir.join(CONFIG_FILE).is_file() || dir.join(DEFAULT_PLANS_DIR).is_dir() {
            return Some(dir.to_path_buf());
        }
        if dir.join(".git").exists() {
            return None;
        }
    }
    None
}

/// The `[check.levels]` of the config file; an unknown code or level is
/// a usage error at its line.
fn levels(file: &RawConfigFile, text: &str) -> Result<Levels, UsageError> {
    let entries = file.check.levels.iter().map(|(code, level)| Entry {
        code: code.get_ref(),
        code_span: code.span(),
        level: level.get_ref(),
        level_span: level.span(),
    });
    Levels::new(entries).map_err(|e| {
        let at = LineIndex::new(text).position(text, e.at);
        UsageError(format!(
            "{CONFIG_FILE}:{}:{}: {}",
            at.line, at.column, e.message
        ))
    })
}

/// The config file and its text (empty when there is none).
fn read_config_file(root: &Path) -> Result<(RawConfigFile, String), UsageError> {
    let path = root.join(CONFIG_FILE);
    if !path.exists() {
        return Ok((RawConfigFile::default(), String::new()));
    }
    let text = std::fs::read_to_string(&path)
        .map_err(|e| UsageError(format!("cannot read {CONFIG_FILE}: {e}")))?;
    let file = toml::from_str(&text).map_err(|e| {
        let at = e.span().map_or(String::from("1"), |s| {
            let at = LineIndex::new(&text).position(&text, s.start);
            format!("{}:{}", at.line, at.column)
        });
        UsageError(format!(
            "{CONFIG_FILE}:{at}: {}",
            escape(e.message().lines().next().unwrap_or("invalid"))
        ))
    })?;
    Ok((file, text))
}

/// Parses a date typed on the command line: ISO `2023-12-05`, or the
/// Vietnamese day-first `5/12/2023` and `05/12/2023`.
pub fn parse_cli_date(text: &str) -> Result<NaiveDate, String> {
    let iso = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|_| text.len() == 10);
    let day_first = || {
        let parts: Vec<&str> = text.split('/').collect();
        let [d, m, y] = parts.as_slice() else {
            return None;
        };
        let ok = (1..=2).contains(&d.len()) && (1..=2).contains(&m.len()) && y.len() == 4;
        let all_digits = [d, m, y]
            .iter()
            .all(|p| p.bytes().all(|b| b.is_ascii_digit()));
        (ok && all_digits)
            .then(|| NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?))
            .flatten()
    };
    iso.or_else(day_first).ok_or_else(|| {
        format!("`{text}` is not a date; accepted forms: 2023-12-05 (ISO), 5/12/2023 or 05/12/2023 (day/month/year)")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_dates_accept_iso_and_day_first_forms() {
        let want = NaiveDate::from_ymd_opt(2023, 12, 5).expect("valid");
        for text in ["2023-12-05", "5/12/2023", "05/12/2023"] {
            assert_eq!(parse_cli_date(text), Ok(want), "{text}");
        }
        for text in [
            "12/5/23",
            "2023/12/05",
            "5-12-2023",
            "31/02/2023",
            "",
            "2023-12-5",
            "tomorrow",
        ] {
            let err = parse_cli_date(text).unwrap_err();
            assert!(err.contains("5/12/2023"), "{err}");
        }
    }
}
