//! The catalogue's `[[document]]` tables. What needs the whole catalogue
//! (a number written twice) is checked where it is indexed, in `catalogue`.

use toml::Spanned;

use super::{document, located, missing, plan, ValidationContext};
use crate::model::{Document, DOCUMENT_KINDS};
use crate::raw::RawDocument;
use crate::rules::mistyped_field::{self, Mistyped};

/// The documents that have a number, in file order.
pub fn catalogue(cx: &mut ValidationContext) -> Vec<Document> {
    super::text::check(cx);
    let raw = document::catalogue(cx);
    raw.document
        .into_iter()
        .filter_map(|d| entry(cx, d))
        .collect()
}

fn entry(cx: &mut ValidationContext, d: Spanned<RawDocument>) -> Option<Document> {
    let header = d.span();
    let raw = d.into_inner();
    let Some(number) = raw.number else {
        missing(
            cx,
            &header,
            "document",
            "number",
            "number = \"2232/QĐ-TTg\"",
        );
        return None;
    };
    Some(Document {
        number: located(number),
        line: cx.lines.line(header.start),
        title: raw.title.map(Spanned::into_inner),
        issuer: raw.issuer.map(Spanned::into_inner),
        issued: raw
            .issued
            .and_then(|i| plan::issued(cx, i))
            .map(|i| i.value),
        kind: raw.kind.and_then(|k| kind(cx, k)),
        url: raw.url.map(Spanned::into_inner),
        note: raw.note.map(Spanned::into_inner),
    })
}

fn kind(cx: &mut ValidationContext, kind: Spanned<String>) -> Option<&'static str> {
    let found = DOCUMENT_KINDS
        .iter()
        .find(|k| *k == kind.get_ref())
        .copied();
    if found.is_none() {
        cx.report(mistyped_field::Finding {
            file: cx.file,
            span: kind.span(),
            mistyped: Mistyped::Word {
                what: "document kind",
                written: kind.get_ref(),
                known: DOCUMENT_KINDS,
            },
        });
    }
    found
}
