//! A `[[task]]` table: id, title, the bodies it names and its deadlines.

use std::ops::Range;

use toml::Spanned;

use super::{date, is_shown, located, required, required_text, ValidationContext};
use crate::deadline::{self, RuleError, RuleErrorKind};
use crate::model::{Due, Located, Name, Task};
use crate::names::normalize;
use crate::raw::{DateOrText, OneOrMany, RawTask};
use crate::rules::invalid_date::{self, Written};
use crate::rules::{malformed_due, window_reversed};
use crate::source::string_content_offset;

/// The task, or `None` when it has no id (every other problem reported).
pub fn task(cx: &mut ValidationContext, task: Spanned<RawTask>) -> Option<Task> {
    let header = task.span();
    let raw = task.into_inner();
    let id = required(cx, raw.id, &header, "task", "id", "id = \"kiem-tra\"");
    let title = required_text(
        cx,
        raw.title,
        &header,
        "task",
        "title",
        "title = \"Thực hiện …\"",
    );
    let due = raw.due.map(|d| due(cx, d)).unwrap_or_default();
    Some(Task {
        line: cx.lines.line(header.start),
        header,
        id: id?,
        section: raw.section.map(located),
        title: title.map(|t| t.value).unwrap_or_default().into(),
        lead: names(cx, raw.lead, "lead"),
        support: names(cx, raw.support, "support"),
        requested: names(cx, raw.requested, "requested"),
        report_to: names(cx, raw.report_to, "report_to"),
        due,
        when: raw.when.map(|w| w.into_inner().into()),
        implements: raw.implements.map(located),
        function: raw.function.map(|f| Located {
            value: normalize(f.get_ref()).into(),
            span: f.span(),
        }),
        note: raw.note.map(|n| n.into_inner().into()),
    })
}

fn due(cx: &mut ValidationContext, due: Spanned<OneOrMany<DateOrText>>) -> Box<[Due]> {
    let whole = due.span();
    let items = due.get_ref().items(whole);
    let mut out = Vec::with_capacity(items.len());
    for (item, span) in items {
        match item {
            DateOrText::Date(dt) => {
                if let Some(day) = date::day(cx, dt, &span) {
                    let rule = deadline::Rule::Point(deadline::Point::Day(day));
                    out.push(Due::usual(rule, span));
                }
            }
            DateOrText::Text(text) => match deadline::parse(text) {
                Ok(rule) => out.push(Due::new(text, rule, span)),
                Err(err) => due_error(cx, text, &span, err),
            },
        }
    }
    out.into_boxed_slice()
}

/// Reports a `due` string that is no deadline, at the characters that are
/// wrong when the string was written without escapes.
fn due_error(cx: &mut ValidationContext, text: &str, span: &Range<usize>, err: RuleError) {
    let inner = string_content_offset(cx.text, span, text).map_or(span.clone(), |start| {
        start + err.range.start..start + err.range.end.max(err.range.start + 1).min(text.len())
    });
    let (file, span, message) = (cx.file, inner, err.message);
    match err.kind {
        RuleErrorKind::Malformed => cx.report(malformed_due::Finding {
            file,
            span,
            written: text,
            message,
        }),
        RuleErrorKind::InvalidDate => cx.report(invalid_date::Finding {
            file,
            span,
            written: Written::Due(message),
        }),
        RuleErrorKind::ReversedWindow => cx.report(window_reversed::Finding {
            file,
            span,
            message,
        }),
    }
}

/// Bodies named by a one-or-many field, each spelling kept once per file;
/// blank names are reported and left out. A lone value takes the span of
/// the whole field, as `OneOrMany::items` says. The names go straight
/// into the task's slice: a national check makes a million of these.
fn names(
    cx: &mut ValidationContext,
    value: Option<Spanned<OneOrMany<String>>>,
    field: &'static str,
) -> Box<[Located<Name>]> {
    let Some(value) = value else {
        return Box::default();
    };
    let whole = value.span();
    let mut shown = |name: Located<String>| {
        is_shown(cx, &name, "task", field).then(|| Located::new(cx.intern(name.value), name.span))
    };
    match value.into_inner() {
        OneOrMany::One(text) => shown(Located::new(text, whole)).into_iter().collect(),
        OneOrMany::Many(items) => items.into_iter().map(located).filter_map(shown).collect(),
    }
}
