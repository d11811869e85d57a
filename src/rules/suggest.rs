//! The one "did you mean" every message and help uses.

use std::fmt::Display;

use unicode_normalization::UnicodeNormalization;

/// "did you mean `a`?" or "did you mean `a`, `b`?" for the closest names,
/// best first; `None` when nothing is close, so the caller says what to do
/// instead.
pub fn did_you_mean<T: Display>(close: impl IntoIterator<Item = T>) -> Option<String> {
    let quoted: Vec<String> = close.into_iter().map(|c| format!("`{c}`")).collect();
    (!quoted.is_empty()).then(|| format!("did you mean {}?", quoted.join(", ")))
}

/// [`did_you_mean`] for a text that was `written`: when the first name
/// looks like it but for characters that read alike (`Ð` U+00D0, left by
/// PDFs and old encodings, where the name has `Đ` U+0110; a Cyrillic `о`
/// for `o`), the help says which, or it would offer what seems the very
/// text that was written.
pub fn did_you_mean_for<T: Display>(
    written: &str,
    close: impl IntoIterator<Item = T>,
) -> Option<String> {
    let close: Vec<String> = close.into_iter().map(|c| c.to_string()).collect();
    let hint = did_you_mean(&close)?;
    Some(
        match close.first().and_then(|first| alike(written, first)) {
            Some(told) => format!("{hint} ({told})"),
            None => hint,
        },
    )
}

/// Which characters of `written` stand where `meant` has others that
/// read the same (see [`reads_alike`]); `None` when the two differ in any
/// other way.
fn alike(written: &str, meant: &str) -> Option<String> {
    let written: Vec<char> = written.chars().collect();
    let meant: Vec<char> = meant.chars().collect();
    if written.len() != meant.len() || written == meant {
        return None;
    }
    let mut pairs: Vec<(char, char)> = Vec::new();
    for (&a, &b) in written.iter().zip(&meant) {
        if a == b || pairs.contains(&(a, b)) {
            continue;
        }
        if !reads_alike(a, b) {
            return None;
        }
        pairs.push((a, b));
    }
    let told: Vec<String> = pairs
        .iter()
        .map(|&(a, b)| {
            format!(
                "`{a}` is U+{:04X}, where it has `{b}`, U+{:04X}",
                u32::from(a),
                u32::from(b)
            )
        })
        .collect();
    Some(told.join("; "))
}

/// Whether `written` stands for `meant`, a letter it folds to, without
/// being a letter of the Vietnamese (or English) alphabet itself: a letter
/// typed in place of another ("D" for "Đ") is there to see, `Ð` or a
/// Cyrillic `о` is not.
fn reads_alike(written: char, meant: char) -> bool {
    let latin = |c: char| {
        matches!(c, 'đ' | 'Đ')
            || std::iter::once(c)
                .nfd()
                .next()
                .is_some_and(|base| base.is_ascii())
    };
    let fold = |c: char| crate::names::fold(c.encode_utf8(&mut [0; 4]));
    !latin(written) && fold(written) == fold(meant)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_that_reads_the_same_says_which_characters_differ() {
        assert_eq!(
            did_you_mean_for("2282/Q\u{d0}-TTg", ["2282/QĐ-TTg"]).as_deref(),
            Some("did you mean `2282/QĐ-TTg`? (`Ð` is U+00D0, where it has `Đ`, U+0110)")
        );
        assert_eq!(
            did_you_mean_for("S\u{1edf} N\u{43e}i v\u{1ee5}", ["Sở Noi vụ"]).as_deref(),
            Some("did you mean `Sở Noi vụ`? (`\u{43e}` is U+043E, where it has `o`, U+006F)")
        );
        // Other differences are plain to see: no note.
        for (written, meant) in [
            ("Sở Nội vu", "Sở Nội vụ"),
            ("28/nq-cp", "28/NQ-CP"),
            ("titel", "title"),
            ("2232/QD-TTg", "2232/QĐ-TTg"),
        ] {
            assert_eq!(
                did_you_mean_for(written, [meant]),
                did_you_mean([meant]),
                "{written}"
            );
        }
    }

    #[test]
    fn names_are_quoted_and_joined() {
        assert_eq!(did_you_mean(["a"]).as_deref(), Some("did you mean `a`?"));
        assert_eq!(
            did_you_mean(["a", "b"]).as_deref(),
            Some("did you mean `a`, `b`?")
        );
        assert_eq!(did_you_mean(Vec::<&str>::new()), None);
    }
}
