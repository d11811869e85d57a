//! The registry's tables: `[[jurisdiction]]` and `[[org]]`. What needs
//! the whole registry (duplicate names, references between entries) is
//! checked where the registry is indexed, in `registry`.

use std::ops::Range;

use chrono::NaiveDate;
use toml::Spanned;

use super::findings::{self, Missing, Mistyped};
use super::{date, document, located, ValidationContext};
use crate::model::{Jurisdiction, Org, OrgLevel, Successor};
use crate::names::normalize;
use crate::raw::{DateOrText, RawJurisdiction, RawOrg, RawSuccessor};

/// A body and where each of its spellings was written, in the order of
/// [`Org::all_names`].
pub struct Spelled {
    pub org: Org,
    pub spans: Vec<Range<usize>>,
}

/// The registry's entries that have their key field, in file order.
pub fn registry(cx: &mut ValidationContext) -> (Vec<Jurisdiction>, Vec<Spelled>) {
    let raw = document::registry(cx);
    let jurisdictions = raw
        .jurisdiction
        .into_iter()
        .filter_map(|j| jurisdiction(cx, j))
        .collect();
    let orgs = raw.org.into_iter().filter_map(|o| org(cx, o)).collect();
    (jurisdictions, orgs)
}

fn jurisdiction(cx: &mut ValidationContext, j: Spanned<RawJurisdiction>) -> Option<Jurisdiction> {
    let span = j.span();
    let raw = j.into_inner();
    let Some(id) = raw.id else {
        missing(cx, span, "jurisdiction", "id");
        return None;
    };
    let level = raw.level.and_then(|l| level(cx, l));
    let merged_on = raw.merged_on.and_then(|d| day(cx, d));
    Some(Jurisdiction {
        span: id.span(),
        id: id.into_inner(),
        name: raw.name.map(Spanned::into_inner).unwrap_or_default(),
        level,
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
    let level = match raw.level {
        Some(l) => level(cx, l).unwrap_or(OrgLevel::Province),
        None => {
            missing(cx, span, "org", "level");
            OrgLevel::Province
        }
    };
    let dissolved = raw.dissolved.and_then(|d| day(cx, d));
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
    let mut spans = vec![name.span()];
    spans.extend(raw.short.as_ref().map(Spanned::span));
    spans.extend(aliases.iter().map(|(_, span)| span.clone()));
    let org = Org {
        span: name.span(),
        name: name.into_inner(),
        short: raw.short.map(Spanned::into_inner),
        aliases: aliases.into_iter().map(|(text, _)| text).collect(),
        level,
        dissolved,
        successors: successors(cx, raw.successor, raw.successors),
        members: raw
            .members
            .unwrap_or_default()
            .into_iter()
            .map(located)
            .collect(),
    };
    Some(Spelled { org, spans })
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
    let missing = Missing::Field {
        table,
        field,
        example: None,
    };
    cx.report(findings::missing_field(cx.file, span, missing));
}

fn level(cx: &mut ValidationContext, level: Spanned<String>) -> Option<OrgLevel> {
    let found = OrgLevel::ALL
        .iter()
        .find(|(name, _)| name == level.get_ref())
        .map(|(_, l)| *l);
    if found.is_none() {
        let span = level.span();
        let fault = Mistyped::Word {
            what: "level",
            written: level.into_inner(),
            accepted: OrgLevel::ALL.iter().map(|(name, _)| *name).collect(),
            label: None,
            otherwise: None,
        };
        cx.report(findings::mistyped_field(cx.file, span, fault));
    }
    found
}

/// A registry date: a TOML date, through the one conversion plans use.
fn day(cx: &mut ValidationContext, value: Spanned<DateOrText>) -> Option<NaiveDate> {
    let span = value.span();
    match value.get_ref() {
        DateOrText::Date(written) => date::day(cx, written, &span),
        DateOrText::Text(_) => {
            cx.report(findings::mistyped_field(cx.file, span, Mistyped::NotADate));
            None
        }
    }
}
