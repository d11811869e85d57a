//! Targets as Vietnamese documents word them ("ít nhất 40%", "dưới 110",
//! "30-40%"), read only to tell a user who copied one into a plan file
//! what gplan's form of it is.

use unicode_normalization::UnicodeNormalization;

use super::Direction;

/// The documents' words for each direction, longest first so that "không
/// dưới" is not read as "dưới".
const DIRECTION_WORDS: &[(&str, Direction)] = &[
    ("giảm xuống còn", Direction::AtMost),
    ("không vượt quá", Direction::AtMost),
    ("không quá", Direction::AtMost),
    ("không dưới", Direction::AtLeast),
    ("không thấp hơn", Direction::AtLeast),
    ("tối thiểu", Direction::AtLeast),
    ("tối đa", Direction::AtMost),
    ("ít nhất", Direction::AtLeast),
    ("đạt", Direction::AtLeast),
    ("trên", Direction::Above),
    ("hơn", Direction::Above),
    ("dưới", Direction::Below),
    ("khoảng", Direction::About),
    ("ở mức", Direction::About),
];

/// The direction a document's word for it names ("ít nhất" is
/// `at-least`), in any case and either Unicode form.
pub fn direction_in_words(text: &str) -> Option<Direction> {
    let text = folded(text);
    DIRECTION_WORDS
        .iter()
        .find(|(word, _)| text == *word)
        .map(|(_, direction)| *direction)
}

/// A milestone as a document writes it, in gplan's form.
#[derive(Debug, PartialEq, Eq)]
pub struct MilestoneInWords {
    /// The figure or band as TOML writes it: `40`, `1.5`, `[30, 40]`.
    pub value: String,
    /// The text gave it as a percentage.
    pub percent: bool,
    /// The direction the words before the figure name.
    pub direction: Option<Direction>,
}

/// "40%", "ít nhất 40%", "dưới 110", "1,5 lần", "30-40%" in gplan's form;
/// `None` for anything else (a figure with thousands separators, which a
/// reader could take either way, is not guessed).
pub fn milestone_in_words(text: &str) -> Option<MilestoneInWords> {
    let text = folded(text);
    let (direction, rest) = match DIRECTION_WORDS
        .iter()
        .find_map(|(word, d)| Some((*d, text.strip_prefix(word)?.strip_prefix(' ')?)))
    {
        Some((direction, rest)) => (Some(direction), rest.trim()),
        None => (None, text.as_str()),
    };
    let (figures, percent) = match rest.strip_suffix('%') {
        Some(figures) => (figures.trim_end(), true),
        None => (rest.strip_suffix(" lần").unwrap_or(rest).trim_end(), false),
    };
    let value = match figures.split_once(['-', '–']) {
        Some((low, high)) => format!(
            "[{}, {}]",
            figure(low.trim().trim_end_matches('%'))?,
            figure(high.trim())?
        ),
        None => figure(figures)?,
    };
    Some(MilestoneInWords {
        value,
        percent,
        direction,
    })
}

/// Digits, with a decimal comma or point and one or two decimals.
fn figure(text: &str) -> Option<String> {
    let (whole, decimals) = match text.split_once([',', '.']) {
        Some((whole, decimals)) => (whole, Some(decimals)),
        None => (text, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    match decimals {
        None if digits(whole) => Some(whole.to_owned()),
        Some(d) if digits(whole) && digits(d) && d.len() <= 2 => Some(format!("{whole}.{d}")),
        _ => None,
    }
}

/// `text` trimmed, lowercase, in composed form.
fn folded(text: &str) -> String {
    text.trim().nfc().collect::<String>().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any figure, with a decimal comma or point, any direction word
        /// before it and a percent sign or none after it, is read back.
        #[test]
        fn every_figure_in_words_is_read(
            whole in 0u32..100_000,
            decimals in prop::option::of(0u32..100),
            comma in any::<bool>(),
            word in prop::sample::select(DIRECTION_WORDS.to_vec()),
            with_word in any::<bool>(),
            percent in any::<bool>(),
        ) {
            let figure = match decimals {
                Some(d) => format!("{whole}{}{d:02}", if comma { ',' } else { '.' }),
                None => whole.to_string(),
            };
            let text = format!(
                "{}{figure}{}",
                if with_word { format!("{} ", word.0) } else { String::new() },
                if percent { "%" } else { "" }
            );
            let meant = milestone_in_words(&text).expect("read");
            prop_assert_eq!(meant.value, figure.replace(',', "."));
            prop_assert_eq!(meant.percent, percent);
            prop_assert_eq!(meant.direction, with_word.then_some(word.1));
        }
    }

    #[test]
    fn the_documents_words_for_a_direction_name_it() {
        assert_eq!(direction_in_words("ít nhất"), Some(Direction::AtLeast));
        assert_eq!(direction_in_words("Không quá"), Some(Direction::AtMost));
        assert_eq!(direction_in_words("dưới"), Some(Direction::Below));
        assert_eq!(direction_in_words("tăng"), None, "no guess");
    }

    #[test]
    fn milestones_as_documents_write_them_have_gplans_form() {
        let found = |text| milestone_in_words(text).map(|m| (m.value, m.percent, m.direction));
        assert_eq!(found("40%"), Some(("40".into(), true, None)));
        assert_eq!(
            found("ít nhất 40 %"),
            Some(("40".into(), true, Some(Direction::AtLeast)))
        );
        assert_eq!(
            found("dưới 110"),
            Some(("110".into(), false, Some(Direction::Below)))
        );
        assert_eq!(found("1,5 lần"), Some(("1.5".into(), false, None)));
        assert_eq!(found("30-40%"), Some(("[30, 40]".into(), true, None)));
        assert_eq!(found("30% - 40%"), Some(("[30, 40]".into(), true, None)));
        assert_eq!(
            found("không dưới 95%"),
            Some(("95".into(), true, Some(Direction::AtLeast))),
            "not read as `dưới`"
        );
        for text in ["1.000", "40 người", "", "%", "tăng 5%"] {
            assert_eq!(found(text), None, "{text}");
        }
    }
}
