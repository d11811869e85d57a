use std::ops::Range;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc, UnicodeNormalization};

use crate::diagnostic::{Code, Diagnostic};

use super::PlanContext;

rule! {
    /// ## What it finds
    ///
    /// A line of a plan file that is not in Unicode NFC: accents typed as
    /// separate combining marks (e.g. `e` + U+0302 + U+0301 for `ế`), as
    /// some keyboards and PDF copies produce.
    ///
    /// ## Why it matters
    ///
    /// The two spellings look the same but are different text: searches,
    /// sorting and exact comparisons by other tools treat them as
    /// different names.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [plan]
    /// title = "Ke\u0302\u0301 hoạch"   # written with combining marks
    /// ```
    ///
    /// ## How to fix
    ///
    /// Replace the line with the composed form the help shows (most
    /// editors and `uconv -x any-nfc` can convert a whole file).
    name: "not-nfc",
    severity: Warning,
    phase: Plan,
    summary: "text is not in Unicode NFC",
}

/// A line that is not NFC.
pub struct Finding<'a> {
    pub file: &'a str,
    /// From the first character to compose to the end of the line.
    pub span: Range<usize>,
    pub line: &'a str,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        Diagnostic::new(
            Code::NotNfc,
            f.file,
            f.span,
            "text is not in Unicode NFC (decomposed accents)",
        )
        .with_label("decomposed characters")
        .with_help(format!(
            "use the composed form: `{}`",
            f.line.trim().nfc().collect::<String>()
        ))
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

fn check(cx: &PlanContext, out: &mut Vec<Diagnostic>) {
    let text = cx.text;
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
                Finding {
                    file: &cx.plan.file,
                    span: start..end.max(start),
                    line,
                }
                .into(),
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
}
