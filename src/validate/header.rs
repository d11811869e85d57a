//! A `[plan]` table that does not deserialize: what is wrong with it is
//! reported, and the plan kept when the plan can do without the fields
//! that are wrong.

use serde::Deserialize;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::document::{finding, PLAN_TABLES};
use super::ValidationContext;
use crate::raw::{fields, Failure, RawPlan};

/// The fields of `[plan]` a plan is kept without when their value cannot
/// be read: what the document says of itself beyond its id, title,
/// issuer, jurisdiction, period and parents, which every query needs.
const FIELDS_A_PLAN_CAN_LOSE: &[&str] = &[
    "number",
    "kind",
    "issued",
    "cites",
    "signer",
    "recipients",
    "funding",
    "note",
];

/// The `[plan]` table read again without the fields that made it fail,
/// when each is a key it does not have or one it can lose
/// ([`FIELDS_A_PLAN_CAN_LOSE`]): each is reported at its place (unless it
/// was, `reported` being where each reported error starts) and left out,
/// and the plan is kept with its tasks. A field it cannot lose is
/// reported, and the plan left out. A typo in `signer` or a
/// misspelt `recipients` lost the whole plan, and made every report
/// against its tasks an error of its own.
pub(super) fn plan_without_bad_fields(
    cx: &mut ValidationContext,
    failure: &Failure,
    reported: &[usize],
) -> Option<RawPlan> {
    let Failure::Shape(_, document) = failure else {
        return None;
    };
    let (plan_key, plan) = document.get_ref().get_key_value("plan")?;
    let DeValue::Table(table) = plan.get_ref() else {
        return None;
    };
    let known = fields::<RawPlan>();
    // Each unknown key was reported at its place: all are left out at once.
    let mut table: DeTable = table
        .iter()
        .filter(|(key, _)| known.contains(&&**key.get_ref()))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    // Each round leaves out one known field: there are that many at most.
    for _ in 0..=known.len() {
        let value = Spanned::new(plan.span(), DeValue::Table(table.clone()));
        let err = match RawPlan::deserialize(toml::de::ValueDeserializer::from(value)) {
            Ok(raw) => return Some(raw),
            Err(err) => err,
        };
        let at = err.span()?.start;
        let (key, from) = table
            .keys()
            .map(|key| (key.get_ref().to_string(), key.span().start))
            .filter(|(_, start)| *start <= at)
            .max_by_key(|(_, start)| *start)?;
        if !reported.iter().any(|&r| (from..=at).contains(&r)) {
            // What is at the error is read from a document holding the
            // plan's table alone (the file's may be large).
            let mut alone = DeTable::new();
            let table = Spanned::new(plan.span(), DeValue::Table(table.clone()));
            alone.insert(plan_key.clone(), table);
            let again = Failure::Shape(err, Box::new(Spanned::new(document.span(), alone)));
            cx.report(finding(cx.file, cx.text, &again, PLAN_TABLES));
        }
        if !FIELDS_A_PLAN_CAN_LOSE.contains(&key.as_str()) {
            return None;
        }
        table.remove(key.as_str());
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Severity;
    use crate::validate::{load_plan, Outcome};

    /// A plan file whose `[plan]` has what is wrong in `header`, and one
    /// task; the messages found, and whether the plan was kept.
    fn with_header(header: &str) -> (Vec<String>, bool) {
        let text = format!(
            "[plan]\nid = \"t/kh-1\"\ntitle = \"Kế hoạch\"\nissuer = \"UBND\"\nperiod = 2023\n{header}\n\n[[task]]\nid = \"a\"\ntitle = \"Báo cáo\"\nlead = \"UBND\"\n"
        );
        let mut out = Vec::new();
        let kept = matches!(load_plan("p.toml", &text, &mut out), Outcome::Plan(_));
        let messages = out
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| format!("{}: {}", &text[d.span.clone()], d.message))
            .collect();
        (messages, kept)
    }

    #[test]
    fn a_plan_keeps_its_tasks_when_a_field_it_can_lose_is_wrong() {
        let (found, kept) = with_header("signer = { nme = \"An\", position = \"Chủ tịch\" }");
        assert_eq!(found, ["nme: unknown field `nme`"]);
        assert!(
            kept,
            "a typo in the signer leaves the signer out, not the plan"
        );
        let (found, kept) = with_header("recipients = 5\nfundng = \"x\"");
        assert_eq!(
            found,
            [
                "fundng: unknown field `fundng`",
                "5: invalid type: integer `5`, expected a string"
            ]
        );
        assert!(kept);
        let (found, kept) = with_header("signer = 4");
        assert_eq!(
            found,
            ["4: invalid type: integer `4`, expected a table such as `signer = { name = \"…\", position = \"…\", capacity = \"…\" }`"],
            "the message names what to write, not gplan's own types"
        );
        assert!(kept);
        let (found, kept) = with_header("[plan.signer]\nnme = \"An\"");
        assert_eq!(found, ["nme: unknown field `nme`"]);
        assert!(kept);
    }

    #[test]
    fn a_plan_is_left_out_when_a_field_every_query_needs_is_wrong() {
        let (found, kept) = with_header("jurisdiction = 5\nsigner = { nme = \"An\" }");
        assert_eq!(
            found,
            [
                "5: invalid type: integer `5`, expected a string",
                "nme: unknown field `nme`"
            ]
        );
        assert!(!kept);
    }
}
