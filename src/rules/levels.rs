//! Rule levels a repository sets in `gplan.toml`:
//!
//! ```toml
//! [check.levels]
//! missing-number = "allow"     # allow | warning | error
//! not-nfc = "error"
//! ```
//!
//! `allow` drops a rule's findings; `warning` and `error` set their
//! severity, so exit codes, `--deny-warnings`, summaries and every output
//! format follow. A rule not listed keeps its default level.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Severity};
use crate::suggest::suggestions;

use super::{did_you_mean, Code};

/// The words a level may be.
const LEVELS: [&str; 3] = ["allow", "warning", "error"];

/// What a rule's findings become.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Allow,
    Report(Severity),
}

/// The level of every rule a repository changed; the others keep theirs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Levels(Vec<(Code, Level)>);

/// One `code = "level"` line as written, with the span of each side.
pub struct Entry<'a> {
    pub code: &'a str,
    pub code_span: Range<usize>,
    pub level: &'a str,
    pub level_span: Range<usize>,
}

/// Why an entry was refused, and where: the caller names the file and
/// line.
#[derive(Debug, PartialEq, Eq)]
pub struct LevelError {
    pub at: usize,
    pub message: String,
}

impl Levels {
    /// Reads the entries of `[check.levels]`, refusing an unknown code or
    /// level with the closest names.
    pub fn new<'a>(entries: impl IntoIterator<Item = Entry<'a>>) -> Result<Levels, LevelError> {
        let mut levels = Vec::new();
        for entry in entries {
            let Some(code) = Code::find(entry.code) else {
                let hint = did_you_mean(Code::closest(entry.code))
                    .map(|d| format!("; {d}"))
                    .unwrap_or_default();
                return Err(LevelError {
                    at: entry.code_span.start,
                    message: format!(
                        "unknown rule code `{}` in [check.levels]{hint} (`gplan rules` lists every code)",
                        entry.code
                    ),
                });
            };
            let level = match entry.level {
                "allow" => Level::Allow,
                "warning" => Level::Report(Severity::Warning),
                "error" => Level::Report(Severity::Error),
                other => {
                    let hint = did_you_mean(suggestions(other, LEVELS, 1))
                        .map(|d| format!("; {d}"))
                        .unwrap_or_default();
                    return Err(LevelError {
                        at: entry.level_span.start,
                        message: format!(
                            "unknown level `{other}` for `{}`{hint} (use allow, warning or error)",
                            entry.code
                        ),
                    });
                }
            };
            levels.push((code, level));
        }
        Ok(Levels(levels))
    }

    /// The findings at the levels set: allowed ones dropped, the others
    /// with their rule's level.
    pub fn apply(&self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        if self.0.is_empty() {
            return diagnostics;
        }
        diagnostics
            .into_iter()
            .filter_map(|mut d| {
                match self.level(d.code) {
                    Some(Level::Allow) => return None,
                    Some(Level::Report(severity)) => d.severity = severity,
                    None => {}
                }
                Some(d)
            })
            .collect()
    }

    fn level(&self, code: Code) -> Option<Level> {
        self.0
            .iter()
            .rev()
            .find(|(c, _)| *c == code)
            .map(|(_, l)| *l)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry<'a>(code: &'a str, level: &'a str) -> Entry<'a> {
        Entry {
            code,
            code_span: 3..4,
            level,
            level_span: 7..8,
        }
    }

    #[test]
    fn codes_with_or_without_the_prefix_set_levels() {
        let levels = Levels::new([
            entry("missing-number", "allow"),
            entry("gplan::not-nfc", "error"),
        ])
        .expect("valid");
        let d = |code| Diagnostic::new(code, "a.toml", 0..1, "m");
        let kept = levels.apply(vec![
            d(Code::MissingNumber),
            d(Code::NotNfc),
            d(Code::RefSkip),
        ]);
        let kept: Vec<(Code, Severity)> = kept.iter().map(|d| (d.code, d.severity)).collect();
        assert_eq!(
            kept,
            [
                (Code::NotNfc, Severity::Error),
                (Code::RefSkip, Severity::Warning)
            ]
        );
    }

    #[test]
    fn unknown_codes_and_levels_name_the_closest() {
        let err = Levels::new([entry("missing-numbr", "allow")]).unwrap_err();
        assert_eq!(err.at, 3);
        assert!(
            err.message
                .starts_with("unknown rule code `missing-numbr` in [check.levels]; did you mean `missing-number`"),
            "{}",
            err.message
        );
        let err = Levels::new([entry("not-nfc", "warn")]).unwrap_err();
        assert_eq!(err.at, 7);
        assert_eq!(
            err.message,
            "unknown level `warn` for `not-nfc`; did you mean `warning`? (use allow, warning or error)"
        );
    }
}
