//! Rules that look at one plan on its own: ids, numbers, dates, periods,
//! targets, section numbering and Unicode form.

use std::sync::OnceLock;

use chrono::Datelike;
use regex::Regex;
use rustc_hash::FxHashMap;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc, UnicodeNormalization};

use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Plan, Value};

pub fn check(plan: &Plan, text: &str, out: &mut Vec<Diagnostic>) {
    ids(plan, out);
    number(plan, out);
    issued(plan, out);
    deadlines(plan, out);
    targets(plan, out);
    section_numbering(plan, out);
    nfc(plan, text, out);
}

fn ids(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let id = &plan.id;
    let plan_id_ok = !id.value.is_empty()
        && id
            .value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-./".contains(&b))
        && !id.value.starts_with('/')
        && !id.value.ends_with('/')
        && !id.value.contains("//");
    if !plan_id_ok {
        out.push(
            Diagnostic::new(
                Code::BadId,
                &plan.file,
                id.span.clone(),
                format!("plan id `{}` is not a valid id", id.value),
            )
            .with_label("bad id")
            .with_help(format!(
                "use lower-case ASCII letters, digits, `-`, `.` and `/`, e.g. `{}`",
                suggest_id(&id.value)
            )),
        );
    }
    let mut seen: FxHashMap<&str, &std::ops::Range<usize>> = FxHashMap::default();
    let items = plan
        .targets
        .iter()
        .map(|t| &t.id)
        .chain(plan.tasks.iter().map(|t| &t.id));
    for item in items {
        let ok = !item.value.is_empty()
            && item
                .value
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-.".contains(&b));
        if !ok {
            out.push(
                Diagnostic::new(
                    Code::BadId,
                    &plan.file,
                    item.span.clone(),
                    format!("id `{}` is not a valid task or target id", item.value),
                )
                .with_label("bad id")
                .with_help(format!(
                    "use lower-case ASCII letters, digits, `-` and `.`, e.g. `{}`",
                    suggest_id(&item.value).replace('/', "-")
                )),
            );
        }
        match seen.get(item.value.as_str()) {
            Some(first) => out.push(
                Diagnostic::new(
                    Code::DuplicateItemId,
                    &plan.file,
                    item.span.clone(),
                    format!("id `{}` is used twice in this plan", item.value),
                )
                .with_label("second use")
                .with_help("tasks and targets share one namespace per plan: rename one")
                .with_related(&plan.file, (*first).clone(), "first used here"),
            ),
            None => {
                seen.insert(&item.value, &item.span);
            }
        }
    }
}

/// An id made from arbitrary text: ASCII-folded, lower case, dashes.
fn suggest_id(text: &str) -> String {
    let folded = deunicode::deunicode(text).to_lowercase();
    let mut id = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() || "./".contains(c) {
            id.push(c);
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    id.trim_matches('-').to_owned()
}

fn number_forms() -> &'static [Regex; 3] {
    static FORMS: OnceLock<[Regex; 3]> = OnceLock::new();
    FORMS.get_or_init(|| {
        let part = r"[\p{L}\d&.]+";
        [
            // 53/KH-UBND, 01/BVSTBPN-VP, 129/LĐTBXH-BĐG, 30/2020/NĐ-CP
            Regex::new(&format!(r"^\d+[a-z]?/(\d{{4}}/)?{part}(-{part})*$")),
            // 202/2025/QH15
            Regex::new(&format!(r"^\d+/\d{{4}}/{part}$")),
            // 26-NQ/TW
            Regex::new(&format!(r"^\d+-{part}/{part}(-{part})*$")),
        ]
        .map(|r| r.expect("document number patterns are valid regexes"))
    })
}

fn number(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let Some(number) = &plan.number else {
        out.push(
            Diagnostic::new(
                Code::MissingNumber,
                &plan.file,
                plan.header.clone(),
                format!("plan `{}` has no document number", plan.id.value),
            )
            .with_label("no `number`")
            .with_help("add `number = \"…\"` (\"Số, ký hiệu\") if the document has one"),
        );
        return;
    };
    let compact = crate::resolve::compact_number(&number.value);
    if !number_forms().iter().any(|r| r.is_match(&compact)) {
        let why = if compact.starts_with('/') || compact.is_empty() {
            "has no numeric part (the number was left blank)"
        } else {
            "fits none of the forms of Nghị định 30/2020/NĐ-CP"
        };
        out.push(
            Diagnostic::new(Code::MalformedNumber, &plan.file, number.span.clone(), format!("document number `{}` {why}", number.value))
                .with_label("malformed number")
                .with_help("expected forms: `53/KH-UBND`, `30/2020/NĐ-CP`, `129/LĐTBXH-BĐG`, `26-NQ/TW`; keep what the document says if it is itself wrong"),
        );
    }
}

fn issued(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let Some(issued) = &plan.issued else { return };
    if !matches!(issued.value, crate::model::Issued::Day(_)) {
        out.push(
            Diagnostic::new(Code::IncompleteIssued, &plan.file, issued.span.clone(), format!("issue date `{}` has no day", issued.value))
                .with_label("incomplete date")
                .with_help("fill in the day if the signed document has one; otherwise leave it so the gap stays visible"),
        );
    }
}

fn deadlines(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let Some(period) = plan.valid_period() else {
        return;
    };
    for task in &plan.tasks {
        for due in &task.due {
            let occurrences = due.rule.occurrences(period.bounds());
            let outside = occurrences.iter().find(|o| !period.contains(o.deadline));
            let message = match (outside, occurrences.is_empty()) {
                (Some(o), _) => format!(
                    "deadline {} of `{}` is outside the plan period {period}",
                    o.deadline,
                    due.written()
                ),
                (None, true) => format!(
                    "`{}` never falls inside the plan period {period}",
                    due.written()
                ),
                (None, false) => continue,
            };
            out.push(
                Diagnostic::new(Code::OutsidePeriod, &plan.file, due.span.clone(), message)
                    .with_label("outside the period")
                    .with_help("check the year against the document, or the plan's `period`"),
            );
        }
    }
    for target in &plan.targets {
        for milestone in &target.milestones {
            if !(period.from.year()..=period.to.year()).contains(&milestone.year) {
                out.push(
                    Diagnostic::new(Code::OutsidePeriod, &plan.file, milestone.span.clone(), format!("milestone year {} is outside the plan period {period}", milestone.year))
                        .with_label("outside the period")
                        .with_help("a milestone beyond the period is usually the parent's: move it to the parent plan or widen `period`"),
                );
            }
        }
    }
}

fn targets(plan: &Plan, out: &mut Vec<Diagnostic>) {
    for target in &plan.targets {
        let percent = target.unit.as_ref().is_some_and(|u| u.value.trim() == "%");
        for milestone in &target.milestones {
            if let Value::Band(low, high) = milestone.value {
                if low > high {
                    out.push(
                        Diagnostic::new(
                            Code::BandReversed,
                            &plan.file,
                            milestone.span.clone(),
                            format!("band [{low}, {high}] has its low value above its high value"),
                        )
                        .with_label("low > high")
                        .with_help(format!("write [{high}, {low}]")),
                    );
                }
            }
            let out_of_range = [milestone.value.low(), milestone.value.high()]
                .iter()
                .any(|v| !(0.0..=100.0).contains(v));
            if percent && out_of_range {
                out.push(
                    Diagnostic::new(
                        Code::PercentOutOfRange,
                        &plan.file,
                        milestone.span.clone(),
                        "a percentage must lie between 0 and 100",
                    )
                    .with_label("out of range")
                    .with_help("check the figure against the document, or the target's `unit`"),
                );
            }
        }
    }
}

/// Points are lettered in the Vietnamese alphabet: no f, j, w or z.
const VIETNAMESE_LETTERS: &str = "abcdđeghiklmnopqrstuvxy";

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

/// Warns when sibling sections skip a number: tasks II.3 then II.5, or
/// II.3 then II.5.a. Every level of a ref counts, so II.2.a numbers II.2;
/// sections that repeat (one duty per agency) are fine. Top-level parts
/// (I, II, III …) often hold no task at all ("III. KINH PHÍ"), so they are
/// compared only in plans whose refs are all one level deep.
fn section_numbering(plan: &Plan, out: &mut Vec<Diagnostic>) {
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
                Diagnostic::new(Code::RefSkip, &plan.file, section.span.clone(), format!("section `{}` follows `{written}`: numbering skips", section.value))
                    .with_label("skipped a number")
                    .with_help("keep the document's numbering if the document itself skips; otherwise fix the `ref`"),
            );
        }
    }
}

/// The byte offset of the character sequence where `line` stops being NFC:
/// the base letter before the first combining mark that should compose.
fn first_unnormalized(line: &str) -> usize {
    let mut starter = 0;
    for (i, c) in line.char_indices() {
        if canonical_combining_class(c) == 0 {
            starter = i;
        }
        if !is_nfc(&line[..i + c.len_utf8()]) {
            return starter;
        }
    }
    0
}

fn nfc(plan: &Plan, text: &str, out: &mut Vec<Diagnostic>) {
    if plain(text.as_bytes()) || is_nfc(text) {
        return;
    }
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if !is_nfc(line) {
            let column = first_unnormalized(line);
            let start = offset + column;
            let end = offset + line.trim_end().len();
            out.push(
                Diagnostic::new(
                    Code::NotNfc,
                    &plan.file,
                    start..end.max(start),
                    "text is not in Unicode NFC (decomposed accents)",
                )
                .with_label("decomposed characters")
                .with_help(format!(
                    "use the composed form: `{}`",
                    line.trim().nfc().collect::<String>()
                )),
            );
        }
        offset += line.len();
    }
}

/// Whether a text is made only of characters below U+0300, Latin Extended
/// Additional (U+1E00–U+1EFF, which holds the precomposed Vietnamese
/// letters) and the dashes, quotes and dots of U+2010–U+2027: all NFC
/// starters, so such a text is NFC without looking anything up (nearly
/// every plan file; the full check is much slower).
///
/// In UTF-8, every byte below 0xCC is ASCII, a continuation byte or the
/// lead of a character below U+0300; U+1E00–U+1EFF are E1 B8–BB …, and
/// U+2010–U+2027 are E2 80 90–A7. Every byte is judged with the two after
/// it and the verdicts are or-ed without stopping early, which the
/// compiler turns into vector instructions.
fn plain(bytes: &[u8]) -> bool {
    // The last two bytes cannot start an allowed three-byte character.
    let body = bytes.len().saturating_sub(2);
    let (head, tail) = bytes.split_at(body);
    let next = bytes.get(1..).unwrap_or_default();
    let after = bytes.get(2..).unwrap_or_default();
    let outside = head
        .iter()
        .zip(next)
        .zip(after)
        .fold(false, |found, ((&lead, &second), &third)| {
            found | outside_plain(lead, second, third)
        });
    !outside && tail.iter().all(|&b| b < 0xCC)
}

/// Whether a character starting with `lead` (followed by `second` and
/// `third`) is outside what [`plain`] passes; `&` and `|` rather than `&&`
/// and `||` so that there is no branch.
fn outside_plain(lead: u8, second: u8, third: u8) -> bool {
    let latin_extended = (lead == 0xE1) & (0xB8..=0xBB).contains(&second);
    let punctuation = (lead == 0xE2) & (second == 0x80) & (0x90..=0xA7).contains(&third);
    (lead >= 0xCC) & !latin_extended & !punctuation
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_scan_calls_plain_exactly_the_plain_texts() {
        let long = "Rà soát, đánh giá – “bình đẳng giới” … 2023 ".repeat(9);
        let texts = [
            "",
            "id = \"x\"",
            "Sở Nội vụ – Hòa Bình ỹ Ạ ả",
            "ĐẮK LẮK",
            "12345678ệ",
            "1234567ệ",
            "1234567\u{300}",
            "12345678\u{300}",
            "Ke\u{302}\u{301} hoạch",
            "\u{1F00}",
            "\u{1DFF}",
            "\u{2028}",
            "“Kế hoạch” — 2023…",
            long.as_str(),
        ];
        for text in texts {
            let expected = text.chars().all(|c| {
                c < '\u{300}'
                    || ('\u{1E00}'..='\u{1EFF}').contains(&c)
                    || ('\u{2010}'..='\u{2027}').contains(&c)
            });
            assert_eq!(plain(text.as_bytes()), expected, "{text}");
        }
    }

    mod properties {
        use super::*;

        proptest::proptest! {
            #[test]
            fn the_byte_scan_agrees_with_the_characters(
                text in "[a-z =\"\n\\[\\]0-9ăâđêôơưàáảãạằắẳẵặầấẩẫậềếểễệờớởỡợừứửữựỳýỷỹỵ–“”…\u{300}-\u{303}\u{1DFF}\u{1E00}\u{1EFA}\u{1EFF}\u{1F00}\u{2028}]{0,40}"
            ) {
                let expected = text.chars().all(|c| {
                    c < '\u{300}'
                        || ('\u{1E00}'..='\u{1EFF}').contains(&c)
                        || ('\u{2010}'..='\u{2027}').contains(&c)
                });
                proptest::prop_assert_eq!(plain(text.as_bytes()), expected);
            }
        }
    }

    #[test]
    fn every_character_the_byte_scan_passes_is_an_nfc_starter() {
        use unicode_normalization::{is_nfc_quick, IsNormalized};
        let passed = ('\0'..'\u{300}')
            .chain('\u{1E00}'..='\u{1EFF}')
            .chain('\u{2010}'..='\u{2027}');
        for c in passed {
            assert!(plain(c.to_string().as_bytes()), "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
        }
    }

    fn skips(refs: &[&str]) -> Vec<String> {
        let mut text =
            String::from("[plan]\nid = \"x\"\ntitle = \"t\"\nissuer = \"i\"\nperiod = 2023\n");
        for (i, r) in refs.iter().enumerate() {
            text.push_str(&format!(
                "[[task]]\nid = \"t{i}\"\nref = \"{r}\"\ntitle = \"t\"\n"
            ));
        }
        let mut out = Vec::new();
        let crate::validate::Outcome::Plan(plan) =
            crate::validate::load_plan("x.toml", &text, &mut out)
        else {
            panic!("fixture is a plan")
        };
        section_numbering(&plan, &mut out);
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
