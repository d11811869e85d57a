//! The registry's tables: `[[jurisdiction]]` and `[[org]]`. What needs
//! the whole registry (duplicate names, references between entries) is
//! checked where the registry is indexed, in `registry`.

use std::ops::Range;

use chrono::NaiveDate;
use toml::Spanned;

use super::{date, document, located, ValidationContext};
use crate::model::{Jurisdiction, Located, Org, OrgLevel, Successor};
use crate::names::{is_blank, normalize};
use crate::raw::{DateOrText, RawJurisdiction, RawOrg, RawSuccessor};
use crate::rules::bad_id::{self, Kind};
use crate::rules::members_not_group;
use crate::rules::missing_field::{self, Missing};
use crate::rules::mistyped_field::{self, Mistyped};

/// A body and where each of its spellings was written, in the order of
/// [`Org::all_names`].
pub struct Spelled {
    pub org: Org,
    pub spans: Vec<Range<usize>>,
}

/// The registry's entries that have their key field, in file order;
/// `None` when the file has none that can be read.
pub fn registry(cx: &mut ValidationContext) -> Option<(Vec<Jurisdiction>, Vec<Spelled>)> {
    super::text::check(cx);
    let raw = document::registry(cx)?;
    let jurisdictions = raw
        .jurisdiction
        .into_iter()
        .filter_map(|j| jurisdiction(cx, j))
        .collect();
    let orgs = raw.org.into_iter().filter_map(|o| org(cx, o)).collect();
    Some((jurisdictions, orgs))
}

fn jurisdiction(cx: &mut ValidationContext, j: Spanned<RawJurisdiction>) -> Option<Jurisdiction> {
    let span = j.span();
    let raw = j.into_inner();
    let Some(id) = raw.id else {
        missing(cx, span, "jurisdiction", "id");
        return None;
    };
    if !bad_id::is_jurisdiction_id(id.get_ref()) {
        cx.report(bad_id::Finding {
            file: cx.file,
            span: id.span(),
            id: id.get_ref(),
            kind: Kind::Jurisdiction,
        });
    }
    if let Some(name) = raw.name.as_ref().filter(|n| is_blank(n.get_ref())) {
        blank(
            cx,
            name.span(),
            Missing::Blank {
                table: "jurisdiction",
                field: "name",
            },
        );
    }
    let level = raw.level.and_then(|l| level(cx, l));
    let merged_on = raw.merged_on.and_then(|d| day(cx, d));
    Some(Jurisdiction {
        span: id.span(),
        id: id.into_inner(),
        name: raw.name.map(Spanned::into_inner).unwrap_or_default(),
        level,
        city: raw.kind.is_some_and(|k| city(cx, k)),
        parent: raw.parent.map(located),
        merged_into: raw.merged_into.map(located),
        merged_on,
    })
}

fn org(cx: &mut ValidationContext, o: Spanned<RawOrg>) -> Option<Spelled> {
    let span = o.span();
    let raw = o.into_inner();
    let Some(name) = raw.name else {
        missing(cx, span, "org", "name");
        return None;
    };
    if is_blank(name.get_ref()) {
        let missing = Missing::Blank {
            table: "org",
            field: "name",
        };
        blank(cx, name.span(), missing);
        return None;
    }
    let level = match raw.level {
        Some(l) => level(cx, l).unwrap_or(OrgLevel::Province),
        None => {
            missing(cx, span, "org", "level");
            OrgLevel::Province
        }
    };
    let dissolved = raw.dissolved.and_then(|d| day(cx, d));
    let members: Vec<Located<String>> = raw
        .members
        .unwrap_or_default()
        .into_iter()
        .map(located)
        .collect();
    members_outside_group(cx, name.get_ref(), level, &members);
    let aliases: Vec<(String, Range<usize>)> = raw
        .aliases
        .map(|a| {
            let whole = a.span();
            a.get_ref()
                .items(whole)
                .into_iter()
                .map(|(text, span)| (text.clone(), span))
                .collect()
        })
        .unwrap_or_default();
    let aliases = shown(cx, aliases, "aliases");
    let short = raw
        .short
        .map(|s| (s.get_ref().clone(), s.span()))
        .and_then(|s| shown(cx, vec![s], "short").pop());
    let mut spans = vec![name.span()];
    spans.extend(short.as_ref().map(|(_, span)| span.clone()));
    spans.extend(aliases.iter().map(|(_, span)| span.clone()));
    let org = Org {
        span: name.span(),
        name: name.into_inner(),
        short: short.map(|(text, _)| text),
        aliases: aliases.into_iter().map(|(text, _)| text).collect(),
        level,
        dissolved,
        successors: successors(cx, raw.successor, raw.successors),
        members,
    };
    Some(Spelled { org, spans })
}

/// `members` only count for a group; on any other body they would be
/// silently ignored.
fn members_outside_group(
    cx: &mut ValidationContext,
    org: &str,
    level: OrgLevel,
    members: &[Located<String>],
) {
    let (Some(first), Some(last)) = (members.first(), members.last()) else {
        return;
    };
    if level == OrgLevel::Group {
        return;
    }
    let written = OrgLevel::ALL
        .iter()
        .find(|(_, l)| *l == level)
        .map_or("province", |(name, _)| *name);
    cx.report(members_not_group::Finding {
        file: cx.file,
        span: first.span.start..last.span.end,
        org,
        level: written,
    });
}

/// `successor` (a default entry) then `successors` as written. Whether
/// exactly one is the default needs every entry, and is checked with the
/// registry's other references.
fn successors(
    cx: &mut ValidationContext,
    successor: Option<Spanned<String>>,
    successors: Option<Vec<Spanned<RawSuccessor>>>,
) -> Vec<Successor> {
    let default = successor.map(|s| Successor {
        span: s.span(),
        org: located(s),
        functions: Vec::new(),
        keys: Vec::new(),
    });
    let listed = successors
        .unwrap_or_default()
        .into_iter()
        .filter_map(|entry| {
            let span = entry.span();
            let raw = entry.into_inner();
            let Some(org) = raw.org else {
                missing(cx, span, "successors", "org");
                return None;
            };
            let functions: Vec<String> = raw
                .functions
                .unwrap_or_default()
                .into_iter()
                .map(Spanned::into_inner)
                .collect();
            Some(Successor {
                org: located(org),
                keys: functions.iter().map(|f| normalize(f)).collect(),
                functions,
                span,
            })
        });
    default.into_iter().chain(listed).collect()
}

fn missing(
    cx: &mut ValidationContext,
    span: Range<usize>,
    table: &'static str,
    field: &'static str,
) {
    cx.report(missing_field::Finding {
        file: cx.file,
        span,
        missing: Missing::Field {
            table,
            field,
            example: None,
        },
    });
}

/// The names that show something; each blank one is reported and left out
/// (a blank spelling would match every blank name typed).
fn shown(
    cx: &mut ValidationContext,
    names: Vec<(String, Range<usize>)>,
    field: &'static str,
) -> Vec<(String, Range<usize>)> {
    let (blanks, names): (Vec<_>, Vec<_>) = names.into_iter().partition(|(n, _)| is_blank(n));
    for (_, span) in blanks {
        blank(
            cx,
            span,
            Missing::BlankName {
                table: "org",
                field,
            },
        );
    }
    names
}

fn blank(cx: &mut ValidationContext, span: Range<usize>, missing: Missing<'static>) {
    cx.report(missing_field::Finding {
        file: cx.file,
        span,
        missing,
    });
}

/// A jurisdiction's `kind`: only `city` is known.
fn city(cx: &mut ValidationContext, kind: Spanned<String>) -> bool {
    let city = kind.get_ref() == "city";
    if !city {
        cx.report(mistyped_field::Finding {
            file: cx.file,
            span: kind.span(),
            mistyped: Mistyped::Word {
                what: "jurisdiction kind",
                written: kind.get_ref(),
                known: &["city"],
            },
        });
    }
    city
}

fn level(cx: &mut ValidationContext, level: Spanned<String>) -> Option<OrgLevel> {
    let found = OrgLevel::ALL
        .iter()
        .find(|(name, _)| name == level.get_ref())
        .map(|(_, l)| *l);
    if found.is_none() {
        let span = level.span();
        let known: Vec<&str> = OrgLevel::ALL.iter().map(|(name, _)| *name).collect();
        cx.report(mistyped_field::Finding {
            file: cx.file,
            span,
            mistyped: Mistyped::OrgLevel {
                written: level.get_ref(),
                known: &known,
            },
        });
    }
    found
}

/// A registry date: a TOML date, through the one conversion plans use.
fn day(cx: &mut ValidationContext, value: Spanned<DateOrText>) -> Option<NaiveDate> {
    let span = value.span();
    match value.get_ref() {
        DateOrText::Date(written) => date::day(cx, written, &span),
        DateOrText::Text(_) => {
            cx.report(mistyped_field::Finding {
                file: cx.file,
                span,
                mistyped: Mistyped::NotDate,
            });
            None
        }
    }
}
