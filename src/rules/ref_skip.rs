use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::diagnostic::{Code, Diagnostic};

use super::PlanContext;

rule! {
    /// ## What it finds
    ///
    /// Task section numbers (`ref`) that skip one: II.3 then II.5, or
    /// II.3 then II.5.a. Every level counts (II.2.a numbers II.2);
    /// repeated sections (one duty per agency) are fine, and top-level
    /// parts are compared only when every ref is one level deep.
    ///
    /// ## Why it matters
    ///
    /// A skipped number usually means a task was left out when the plan
    /// was typed in.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [[task]]
    /// id = "a"
    /// ref = "II.3"
    /// title = "…"
    ///
    /// [[task]]
    /// id = "b"
    /// ref = "II.5"
    /// title = "…"
    /// ```
    ///
    /// ## How to fix
    ///
    /// Add the missing task, or fix the `ref`; keep the document's
    /// numbering if the document itself skips (and set this rule to
    /// `allow` if that is common in your plans).
    name: "ref-skip",
    severity: Warning,
    phase: Plan,
    summary: "section numbering of tasks skips a number (II.3 then II.5)",
}

/// A section number that skips one after its previous sibling.
pub struct Finding<'a> {
    pub file: &'a str,
    pub span: Range<usize>,
    pub section: &'a str,
    /// The section before it, as written.
    pub after: &'a str,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        Diagnostic::new(Code::RefSkip, f.file, f.span, format!("section `{}` follows `{}`: numbering skips", f.section, f.after))
            .with_label("skipped a number")
            .with_help("keep the document's numbering if the document itself skips; otherwise fix the `ref`")
    }
}

/// Warns when sibling sections skip a number: tasks II.3 then II.5, or
/// II.3 then II.5.a. Every level of a ref counts, so II.2.a numbers II.2;
/// sections that repeat (one duty per agency) are fine. Top-level parts
/// (I, II, III …) often hold no task at all ("III. KINH PHÍ"), so they are
/// compared only in plans whose refs are all one level deep.
fn check(cx: &PlanContext, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    // Keyed by the section above (II for II.3): the last number seen
    // under it and how that section was written. Slices of the refs, so
    // nothing is allocated per task.
    let mut last: FxHashMap<&str, (u32, &str)> = FxHashMap::default();
    let flat = plan
        .tasks
        .iter()
        .filter_map(|t| t.section.as_ref())
        .all(|s| !s.value.trim_end_matches('.').contains('.'));
    for task in &plan.tasks {
        let Some(section) = &task.section else {
            continue;
        };
        let trimmed = section.value.trim_end_matches('.');
        let mut skipped_after = None;
        let mut start = 0usize;
        for (depth, part) in trimmed.split('.').enumerate() {
            let Some(n) = ordinal(part) else {
                break;
            };
            let above = &trimmed[..start.saturating_sub(1)];
            let compared = depth > 0 || flat;
            if let Some(&(previous, written)) = last.get(above).filter(|_| compared) {
                if n > previous + 1 && skipped_after.is_none() {
                    skipped_after = Some(written);
                }
            }
            last.insert(above, (n, &trimmed[..start + part.len()]));
            start += part.len() + 1;
        }
        if let Some(written) = skipped_after {
            out.push(
                Finding {
                    file: &plan.file,
                    span: section.span.clone(),
                    section: &section.value,
                    after: written,
                }
                .into(),
            );
        }
    }
}


/// Points are lettered in the Vietnamese alphabet: no f, j, w or z.
const VIETNAMESE_LETTERS: &str = "abcdđeghiklmnopqrstuvxy";

/// A section number as a key that sorts in the document's order: each
/// component (between dots) by its ordinal, so II.2 < II.10 < III.1 and
/// IV < IX; a component with no ordinal sorts after those that have one,
/// by its text.
pub fn section_key(section: &str) -> Vec<(u32, String)> {
    section
        .split('.')
        .map(|c| {
            let c = c.trim();
            match ordinal(c) {
                Some(n) => (n, String::new()),
                None => (u32::MAX, c.to_owned()),
            }
        })
        .collect()
}

/// One component of a section number, comparable with its neighbours.
fn ordinal(component: &str) -> Option<u32> {
    if let Ok(n) = component.parse::<u32>() {
        return Some(n);
    }
    if let Some(roman) = roman(component) {
        return Some(roman);
    }
    let mut chars = component.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => VIETNAMESE_LETTERS
            .chars()
            .position(|l| l == c)
            .and_then(|p| u32::try_from(p + 1).ok()),
        _ => None,
    }
}

fn roman(text: &str) -> Option<u32> {
    let value = |c| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        _ => None,
    };
    let digits: Option<Vec<u32>> = text.chars().map(value).collect();
    let digits = digits.filter(|d| !d.is_empty())?;
    let mut total = 0;
    for (i, d) in digits.iter().enumerate() {
        if digits.get(i + 1).is_some_and(|next| next > d) {
            total -= *d as i64;
        } else {
            total += *d as i64;
        }
    }
    u32::try_from(total).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skips(refs: &[&str]) -> Vec<String> {
        let mut text =
            String::from("[plan]\nid = \"x\"\ntitle = \"t\"\nissuer = \"i\"\nperiod = 2023\n");
        for (i, r) in refs.iter().enumerate() {
            text.push_str(&format!(
                "[[task]]\nid = \"t{i}\"\nref = \"{r}\"\ntitle = \"t\"\n"
            ));
        }
        let mut out = Vec::new();
        let crate::validate::Outcome::Plan(plan) = crate::validate::load_plan("x.toml", &text, &mut out)
        else {
            panic!("fixture is a plan")
        };
        out.clear();
        let helps = crate::rules::unknown_org::Helps::default();
        let cx = PlanContext {
            plan: &plan,
            text: &text,
            registry: None,
            helps: &helps,
        };
        check(&cx, &mut out);
        out.iter().map(|d| d.message.clone()).collect()
    }

    #[test]
    fn section_numbering_counts_every_level() {
        assert!(skips(&["II.1", "II.2.a", "II.2.b", "II.3.a", "II.4", "III.1"]).is_empty());
        assert!(skips(&["II.3", "II.3", "II.4", "IV.1.a", "IV.1.b"]).is_empty());
        assert_eq!(
            skips(&["1", "2", "4"]),
            ["section `4` follows `2`: numbering skips"]
        );
        assert_eq!(
            skips(&["II.1", "II.2", "II.3", "II.5"]),
            ["section `II.5` follows `II.3`: numbering skips"]
        );
        assert_eq!(
            skips(&["II.3", "II.5.a"]),
            ["section `II.5.a` follows `II.3`: numbering skips"]
        );
        assert_eq!(
            skips(&["IV.1.a", "IV.1.c"]),
            ["section `IV.1.c` follows `IV.1.a`: numbering skips"]
        );
    }

    #[test]
    fn sections_sort_in_the_document_s_order() {
        let mut refs = ["III.1", "II.10", "II.2", "IX", "IV", "II.2.b", "II.2.a"];
        refs.sort_by_key(|r| section_key(r));
        assert_eq!(refs, ["II.2", "II.2.a", "II.2.b", "II.10", "III.1", "IV", "IX"]);
    }

    #[test]
    fn roman_and_letter_sections_have_ordinals() {
        assert_eq!(
            ["I", "IV", "IX", "XIV"].map(roman),
            [Some(1), Some(4), Some(9), Some(14)]
        );
        assert_eq!(ordinal("c"), Some(3));
        assert_eq!(ordinal("g"), Some(7), "a b c d đ e g");
        assert_eq!(ordinal("12"), Some(12));
        assert_eq!(ordinal("x1"), None);
    }
}
