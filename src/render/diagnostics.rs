//! Diagnostics in the four formats of `gplan check --format`: `human`
//! (miette's report with source snippets), `short`, `json` and `github`.

use std::fmt;
use std::io::{self, Write};
use std::sync::Arc;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    NamedSource, SourceCode, SourceSpan, SpanContents,
};
use serde::Serialize;
use std::collections::HashMap;

use super::terminal::{escape, is_unsafe};

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceMap;

/// How `gplan check` prints what it found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// Reports with source snippets, for people.
    #[default]
    Human,
    /// One line each: `path:line:col: severity[code]: message`.
    Short,
    /// A JSON array, for scripts.
    Json,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
}

/// Options of the human format.
#[derive(Clone, Copy, Debug)]
pub struct HumanStyle {
    pub color: bool,
    pub width: usize,
}

/// Writes every diagnostic in the chosen format.
pub fn write(
    out: &mut dyn Write,
    format: Format,
    diagnostics: &[Diagnostic],
    sources: &SourceMap,
    style: HumanStyle,
) -> io::Result<()> {
    match format {
        Format::Human => human(out, diagnostics, sources, style),
        Format::Short => short(out, diagnostics, sources),
        Format::Json => json(out, diagnostics, sources),
        Format::Github => github(out, diagnostics, sources),
    }
}

fn human(
    out: &mut dyn Write,
    diagnostics: &[Diagnostic],
    sources: &SourceMap,
    style: HumanStyle,
) -> io::Result<()> {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false);
    let mut shown = Shown::default();
    for diagnostic in diagnostics {
        let report = Report::new(diagnostic, sources, &mut shown);
        let mut text = String::new();
        handler
            .render_report(&mut text, &report)
            .map_err(io::Error::other)?;
        writeln!(out, "{text}")?;
    }
    Ok(())
}

fn short(out: &mut dyn Write, diagnostics: &[Diagnostic], sources: &SourceMap) -> io::Result<()> {
    for d in diagnostics {
        let start = sources.position(&d.file, d.span.start);
        writeln!(
            out,
            "{}:{}:{}: {}[{}]: {}",
            escape(&d.file),
            start.line,
            start.column,
            d.severity.as_str(),
            d.code.name(),
            escape(&d.message)
        )?;
    }
    Ok(())
}

/// One element of `--format json`, keys exactly as the spec lists them.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    code: &'static str,
    message: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    help: Option<&'a str>,
}

fn json(out: &mut dyn Write, diagnostics: &[Diagnostic], sources: &SourceMap) -> io::Result<()> {
    let items: Vec<JsonDiagnostic> = diagnostics
        .iter()
        .map(|d| {
            let (start, end) = sources.span_positions(&d.file, &d.span);
            JsonDiagnostic {
                severity: d.severity,
                code: d.code.name(),
                message: &d.message,
                file: &d.file,
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                help: d.help.as_deref(),
            }
        })
        .collect();
    super::json::to_writer_pretty(&mut *out, &items)?;
    writeln!(out)
}

fn github(out: &mut dyn Write, diagnostics: &[Diagnostic], sources: &SourceMap) -> io::Result<()> {
    for d in diagnostics {
        let (start, end) = sources.span_positions(&d.file, &d.span);
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        writeln!(
            out,
            "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            d.severity.as_str(),
            escape_property(&d.file),
            start.line,
            start.column,
            end.line,
            end.column,
            escape_property(d.code.name()),
            escape_data(&message)
        )?;
    }
    Ok(())
}

/// Escapes the message part of a workflow command.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a `key=value` property of a workflow command.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// A [`Diagnostic`] seen through miette's trait, with its file's text.
struct Report<'a> {
    diagnostic: &'a Diagnostic,
    message: &'a str,
    label: Option<&'a str>,
    span: SourceSpan,
    source: NamedSource<Excerpt>,
    related: Vec<Report<'a>>,
    is_related: bool,
}

impl<'a> Report<'a> {
    fn new(diagnostic: &'a Diagnostic, sources: &SourceMap, shown: &mut Shown) -> Self {
        let related = diagnostic
            .related
            .iter()
            .map(|r| {
                let text = shown.text(&r.file, sources);
                Report {
                    diagnostic,
                    message: &r.message,
                    label: Some(&r.message),
                    span: to_span(&r.span, &text),
                    source: Excerpt::named(&r.file, text, r.span.start, sources),
                    related: Vec::new(),
                    is_related: true,
                }
            })
            .collect();
        let text = shown.text(&diagnostic.file, sources);
        Report {
            diagnostic,
            message: &diagnostic.message,
            label: diagnostic.label.as_deref(),
            span: to_span(&diagnostic.span, &text),
            source: Excerpt::named(&diagnostic.file, text, diagnostic.span.start, sources),
            related,
            is_related: false,
        }
    }
}

/// A file's text as miette reads it: from a few lines above the finding.
/// miette looks for a span by scanning from the start of what it is given,
/// so handing it the whole file made each finding cost the whole file
/// (20,000 findings in one file took minutes).
struct Excerpt {
    text: Arc<str>,
    /// Where the excerpt starts (a line start), and that line (0-based).
    start: usize,
    line: usize,
}

impl Excerpt {
    /// Lines kept above the finding: more than miette's context needs.
    const LINES_ABOVE: usize = 3;

    fn named(file: &str, text: Arc<str>, at: usize, sources: &SourceMap) -> NamedSource<Excerpt> {
        let mut at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let line_start = |end: usize| text[..end].rfind('\n').map_or(0, |i| i + 1);
        let mut start = line_start(at);
        for _ in 0..Self::LINES_ABOVE {
            if start == 0 {
                break;
            }
            start = line_start(start - 1);
        }
        let line = sources.line(file, start) - 1;
        NamedSource::new(escape(file), Excerpt { text, start, line }).with_language("toml")
    }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let Some(offset) = span.offset().checked_sub(self.start) else {
            return self
                .text
                .read_span(span, context_lines_before, context_lines_after);
        };
        let local = SourceSpan::new(offset.into(), span.len());
        let inner =
            self.text[self.start..].read_span(&local, context_lines_before, context_lines_after)?;
        let column = match (context_lines_before, context_lines_after) {
            (0, 0) => self.column(span.offset()),
            _ => inner.column(),
        };
        Ok(Box::new(MietteSpanContents::new(
            inner.data(),
            SourceSpan::new(
                (inner.span().offset() + self.start).into(),
                inner.span().len(),
            ),
            inner.line() + self.line,
            column,
            inner.line_count() + self.line,
        )))
    }
}

impl Excerpt {
    /// The 0-based column of `offset` in characters, as every other format
    /// counts it: miette counts bytes, and the header it reads with no
    /// context (`file:line:column`) would point past the spot on a line
    /// with Vietnamese letters before it.
    fn column(&self, offset: usize) -> usize {
        let before = self.text.get(..offset).unwrap_or(&self.text);
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        before[line_start..].chars().count()
    }
}

/// Each file's text as snippets show it (see [`shown`]), made once per
/// file: a file with thousands of findings is scanned once, not once each.
#[derive(Default)]
struct Shown(HashMap<String, Arc<str>>);

impl Shown {
    fn text(&mut self, file: &str, sources: &SourceMap) -> Arc<str> {
        if let Some(text) = self.0.get(file) {
            return text.clone();
        }
        let text = shown(sources.text(file));
        self.0.insert(file.to_owned(), text.clone());
        text
    }
}

/// A file's text as a snippet shows it: each unsafe character (see
/// [`is_unsafe`]) replaced by characters of the same length in bytes (`?`
/// for one byte, U+FFFD for three, `¿` for a two-byte C1 control), so
/// every span still points where it did and nothing reaches a terminal
/// as a control.
fn shown(text: Arc<str>) -> Arc<str> {
    if !text.chars().any(is_unsafe) {
        return text;
    }
    let shown: String = text
        .chars()
        .map(|c| match (is_unsafe(c), c.len_utf8()) {
            (false, _) => c,
            (true, 3) => char::REPLACEMENT_CHARACTER,
            (true, 2) => '¿',
            (true, _) => '?',
        })
        .collect();
    shown.into()
}

/// A span for miette, kept inside the text (a file that could not be read
/// again shows no snippet rather than failing).
fn to_span(span: &std::ops::Range<usize>, text: &str) -> SourceSpan {
    let start = span.start.min(text.len());
    let end = span.end.clamp(start, text.len());
    SourceSpan::new(start.into(), end - start)
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&escape(self.message))
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&escape(self.message))
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        (!self.is_related).then(|| Box::new(self.diagnostic.code.name()) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match (self.is_related, self.diagnostic.severity) {
            (true, _) => miette::Severity::Advice,
            (false, Severity::Error) => miette::Severity::Error,
            (false, Severity::Warning) => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        if self.is_related {
            return None;
        }
        self.diagnostic
            .help
            .as_ref()
            .map(|h| Box::new(escape(h)) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let label = self.label.map(|l| escape(l).into_owned());
        let label = LabeledSpan::new_primary_with_span(label, self.span);
        Some(Box::new(std::iter::once(label)))
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(
            self.related.iter().map(|r| r as &dyn miette::Diagnostic),
        ))
    }
}
