use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use crate::diagnostic::{Code, Diagnostic};

use super::PlanContext;

rule! {
    /// ## What it finds
    ///
    /// A document number that fits none of the forms of Nghị định
    /// 30/2020/NĐ-CP (`53/KH-UBND`, `30/2020/NĐ-CP`, `26-NQ/TW` …),
    /// including one whose numeric part was left blank (`/KH-SCT`).
    ///
    /// ## Why it matters
    ///
    /// A number that is not in a standard form is often a typing slip,
    /// and a blank one cannot identify the document.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [plan]
    /// id = "tinh/kh-01-2023"
    /// number = "/KH-UBND"
    /// title = "Kế hoạch …"
    /// issuer = "Ủy ban nhân dân tỉnh"
    /// period = 2023
    /// ```
    ///
    /// ## How to fix
    ///
    /// Correct it against the document; keep what the document says if
    /// the document itself is wrong.
    name: "malformed-number",
    severity: Warning,
    phase: Plan,
    summary: "a document number fits none of the forms of Nghị định 30/2020/NĐ-CP",
}

/// A number in no standard form.
pub struct Finding<'a> {
    pub file: &'a str,
    pub span: Range<usize>,
    pub number: &'a str,
    /// Whether the numeric part is missing altogether.
    pub blank: bool,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        let why = if f.blank {
            "has no numeric part (the number was left blank)"
        } else {
            "fits none of the forms of Nghị định 30/2020/NĐ-CP"
        };
        Diagnostic::new(Code::MalformedNumber, f.file, f.span, format!("document number `{}` {why}", f.number))
            .with_label("malformed number")
            .with_help("expected forms: `53/KH-UBND`, `30/2020/NĐ-CP`, `129/LĐTBXH-BĐG`, `26-NQ/TW`; keep what the document says if it is itself wrong")
    }
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

fn check(cx: &PlanContext, out: &mut Vec<Diagnostic>) {
    let Some(number) = &cx.plan.number else {
        return;
    };
    let compact = crate::resolve::compact_number(&number.value);
    if !number_forms().iter().any(|r| r.is_match(&compact)) {
        out.push(
            Finding {
                file: &cx.plan.file,
                span: number.span.clone(),
                number: &number.value,
                blank: compact.starts_with('/') || compact.is_empty(),
            }
            .into(),
        );
    }
}
