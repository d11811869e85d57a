//! Deadlines in the words Vietnamese documents use ("trong quý III/2023",
//! "tháng 6 năm 2023", "trước ngày 15/11/2023"), read only to tell a user
//! who copied one into `due` what gplan's form of it is.

use unicode_normalization::UnicodeNormalization;

use super::day_first::{day_first, number};

/// Words before a deadline that say nothing of its date: "trong quý
/// II/2023" is the quarter, "trước ngày 15/11" the day.
const LEADING_WORDS: &[&str] = &[
    "hoàn thành",
    "chậm nhất",
    "trong",
    "trước",
    "vào",
    "từ",
    "ngày",
];

/// The `due` a deadline written as a document writes it means, or `None`
/// when the text is none of those forms: a day-first date ("15/11/2023",
/// see [`day_first`]), a quarter ("quý III/2023", "quý 3 năm 2023"), a
/// month ("tháng 6/2023", "tháng 06 năm 2023"), a year ("năm 2023"), a
/// day of every year ("15/12 hằng năm") or a window ("từ 15/11 đến
/// 15/12/2020"), each maybe after "trong", "trước", "vào", "từ", "ngày",
/// "hoàn thành" or "chậm nhất", in any case and either Unicode form.
pub fn as_written(text: &str) -> Option<String> {
    let text: String = text.nfc().collect::<String>().to_lowercase();
    // "từ 15/11 đến 15/12/2020" is the window "15/11-15/12/2020".
    let text = text.replace(" đến ngày ", "-").replace(" đến ", "-");
    let text = without_leading_words(text.trim());
    if let Some(rest) = text.strip_prefix("quý") {
        let (quarter, year) = numbered(rest)?;
        return Some(format!("{year}-Q{}", quarter_number(quarter)?));
    }
    if let Some(rest) = text.strip_prefix("tháng") {
        let (month, year) = numbered(rest)?;
        let month: u32 = month.parse().ok().filter(|m| (1..=12).contains(m))?;
        return Some(format!("{year}-{month:02}"));
    }
    if let Some(rest) = text.strip_prefix("năm") {
        return year(rest.trim()).map(|y| y.to_string());
    }
    if let Some(day) = every_year(text) {
        return day_first(day).filter(|rule| rule.starts_with("yearly"));
    }
    day_first(text).or_else(|| day_in_words(text))
}

/// Whether `text` says "every year" and nothing else ("hằng năm",
/// "hàng năm"): no day to read, a window over the whole year.
pub fn every_year_without_day(text: &str) -> bool {
    let text: String = text.nfc().collect::<String>().to_lowercase();
    let text = without_leading_words(text.trim());
    ["hằng năm", "hàng năm"].contains(&text)
}

/// The day of "15/12 hằng năm" or "hằng năm, ngày 15/12" (either spelling
/// of "every year"), without the words.
fn every_year(text: &str) -> Option<&str> {
    ["hằng năm", "hàng năm"].iter().find_map(|words| {
        let before = text.strip_suffix(words).map(str::trim_end);
        let after = text
            .strip_prefix(words)
            .map(|rest| without_leading_words(rest.trim_start_matches([',', ' '])));
        before.or(after).filter(|day| !day.is_empty())
    })
}

/// Several deadlines in one text ("2023-Q3, 2023-Q4"; "15/6/2023; 15/12/2023"),
/// as `due` takes them: an array of gplan's forms, when every part is a
/// deadline gplan reads or one written as documents write it.
pub fn listed(text: &str) -> Option<String> {
    let parts: Vec<&str> = text.split([',', ';']).map(str::trim).collect();
    if parts.len() < 2 {
        return None;
    }
    let meant: Option<Vec<String>> = parts
        .iter()
        .map(|part| match super::parse(part) {
            Ok(_) => Some((*part).to_owned()),
            Err(_) => as_written(part),
        })
        .collect();
    let quoted: Vec<String> = meant?.iter().map(|m| format!("\"{m}\"")).collect();
    Some(format!("[{}]", quoted.join(", ")))
}

/// "23 tháng 3 năm 2023", as a document dates itself: `2023-03-23`.
fn day_in_words(text: &str) -> Option<String> {
    let (day, rest) = text.split_once(" tháng ")?;
    let (month, rest) = rest.split_once(" năm ")?;
    let (day, month): (u32, u32) = (small(day)?, small(month)?);
    let date = chrono::NaiveDate::from_ymd_opt(year(rest.trim())?, month, day)?;
    Some(date.format("%Y-%m-%d").to_string())
}

/// A day or month number: one or two ASCII digits.
fn small(text: &str) -> Option<u32> {
    number(text, 1..=2)
}

/// An issue date as a document writes it ("23/03/2023", "ngày 23 tháng 3
/// năm 2023", "tháng 3/2023"), as `issued` takes it: a TOML date
/// (`2023-03-23`), or "2023-03" / "2023" in quotes.
pub fn issued_as_written(text: &str) -> Option<String> {
    let meant = as_written(text)?;
    match meant.len() {
        10 => Some(meant),
        4 | 7 if !meant.contains('Q') => Some(format!("\"{meant}\"")),
        _ => None,
    }
}

/// A plan period as a document writes it ("giai đoạn 2021-2025", "năm
/// 2023", "2021 – 2030"), as `period` takes it: `[2021, 2025]`, `2023`.
pub fn period_as_written(text: &str) -> Option<String> {
    let text: String = text.nfc().collect::<String>().to_lowercase();
    let text = text.trim();
    let text = text.strip_prefix("giai đoạn").unwrap_or(text).trim();
    let text = text.strip_prefix("năm").unwrap_or(text).trim();
    match text.split_once(['-', '–', '—']) {
        Some((from, to)) => {
            let (from, to) = (year(from.trim())?, year(to.trim())?);
            (from <= to).then(|| format!("[{from}, {to}]"))
        }
        None => year(text).map(|y| y.to_string()),
    }
}

/// `text` without the words before its date.
fn without_leading_words(mut text: &str) -> &str {
    while let Some(rest) = LEADING_WORDS
        .iter()
        .find_map(|word| text.strip_prefix(word))
        .filter(|rest| rest.starts_with(' '))
    {
        text = rest.trim_start();
    }
    text
}

/// "III/2023", "3/2023", "3 năm 2023", "3 - 2023": what comes first and
/// the year.
fn numbered(text: &str) -> Option<(&str, i32)> {
    let text = text.trim();
    let (what, rest) = text.split_once(['/', ' ', '-'])?;
    let rest = rest.trim_start_matches([' ', '/', '-']);
    let rest = rest.strip_prefix("năm").unwrap_or(rest);
    Some((what, year(rest.trim())?))
}

/// A four-digit year.
fn year(text: &str) -> Option<i32> {
    number(text, 4..=4).and_then(|y| i32::try_from(y).ok())
}

/// A quarter written in Roman ("iii", lowercased) or Arabic numerals.
fn quarter_number(written: &str) -> Option<u32> {
    match written {
        "i" | "1" => Some(1),
        "ii" | "2" => Some(2),
        "iii" | "3" => Some(3),
        "iv" | "4" => Some(4),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deadline::parse;
    use proptest::prelude::*;

    proptest! {
        /// Any text, the documents' words mixed in, gets an answer or
        /// none, never a panic, and every answer is a `due` gplan reads.
        #[test]
        fn any_text_is_read_or_left(
            words in prop::collection::vec(
                prop_oneof![
                    Just("quý".to_owned()), Just("tháng".to_owned()), Just("năm".to_owned()),
                    Just("ngày".to_owned()), Just("hằng năm".to_owned()), Just("đến".to_owned()),
                    "[0-9/ ,;IVX–-]{0,6}", ".{0,3}",
                ],
                0..8,
            ),
        ) {
            let text = words.join(" ");
            if let Some(meant) = as_written(&text) {
                prop_assert!(parse(&meant).is_ok(), "{} → {}", text, meant);
            }
            let _ = listed(&text);
            let _ = issued_as_written(&text);
            let _ = period_as_written(&text);
            let _ = every_year_without_day(&text);
        }

        /// Every quarter, month and day a document can name comes back in
        /// gplan's form, whatever the numerals, padding and case.
        #[test]
        fn every_quarter_month_and_day_in_words_is_read(
            year in 1990i32..2100,
            quarter in 1u32..=4,
            roman in any::<bool>(),
            day in 1u32..=31,
            month in 1u32..=12,
            padded in any::<bool>(),
            upper in any::<bool>(),
        ) {
            let numeral = if roman {
                ["I", "II", "III", "IV"][quarter as usize - 1].to_owned()
            } else {
                quarter.to_string()
            };
            let case = |text: String| if upper { text.to_uppercase() } else { text };
            let quarter_text = case(format!("trong quý {numeral}/{year}"));
            prop_assert_eq!(as_written(&quarter_text), Some(format!("{year}-Q{quarter}")));
            let month_text = if padded { format!("{month:02}") } else { month.to_string() };
            let month_text = case(format!("tháng {month_text} năm {year}"));
            prop_assert_eq!(as_written(&month_text), Some(format!("{year}-{month:02}")));
            let date = chrono::NaiveDate::from_ymd_opt(year, month, day);
            let day_text = case(format!("ngày {day} tháng {month} năm {year}"));
            prop_assert_eq!(
                as_written(&day_text),
                date.map(|d| d.format("%Y-%m-%d").to_string())
            );
        }
    }

    #[test]
    fn deadlines_as_documents_write_them_have_gplans_form() {
        for (written, meant) in [
            ("trong quý III/2023", "2023-Q3"),
            ("Quý 3/2023", "2023-Q3"),
            ("quý IV năm 2024", "2024-Q4"),
            ("QUÝ II - 2023", "2023-Q2"),
            ("tháng 6/2023", "2023-06"),
            ("trong tháng 06 năm 2023", "2023-06"),
            ("năm 2025", "2025"),
            ("trước ngày 15/11/2023", "2023-11-15"),
            ("hoàn thành trước ngày 5/12/2023", "2023-12-05"),
            ("ngày 15/11", "yearly 11-15"),
            ("ngày 23 tháng 3 năm 2023", "2023-03-23"),
            ("trước 15/12 hằng năm", "yearly 12-15"),
            ("hàng năm, trước ngày 15/12", "yearly 12-15"),
            ("từ 15/11 - 15/12 hằng năm", "yearly 11-15..12-15"),
            (
                "từ ngày 15/11/2020 đến ngày 15/12/2020",
                "2020-11-15..2020-12-15",
            ),
            // Decomposed, as some editors save it.
            ("trong qu\u{79}\u{301} I/2023", "2023-Q1"),
        ] {
            let found = as_written(written);
            assert_eq!(found.as_deref(), Some(meant), "{written}");
            assert!(parse(meant).is_ok(), "{meant} is a due gplan reads");
        }
    }

    #[test]
    fn issue_dates_and_periods_as_documents_write_them_have_gplans_form() {
        assert_eq!(
            issued_as_written("23/03/2023").as_deref(),
            Some("2023-03-23")
        );
        assert_eq!(
            issued_as_written("Lai Châu, ngày 23 tháng 3 năm 2023"),
            None,
            "a place before the date is no date"
        );
        assert_eq!(
            issued_as_written("ngày 23 tháng 3 năm 2023").as_deref(),
            Some("2023-03-23")
        );
        assert_eq!(
            issued_as_written("tháng 3/2023").as_deref(),
            Some("\"2023-03\"")
        );
        assert_eq!(
            issued_as_written("quý I/2023"),
            None,
            "no issue date is a quarter"
        );
        assert_eq!(issued_as_written("31/02/2023"), None);
        assert_eq!(
            period_as_written("2021-2025").as_deref(),
            Some("[2021, 2025]")
        );
        assert_eq!(
            period_as_written("giai đoạn 2021 – 2030").as_deref(),
            Some("[2021, 2030]")
        );
        assert_eq!(period_as_written("năm 2023").as_deref(), Some("2023"));
        assert_eq!(
            period_as_written("2025-2021"),
            None,
            "a reversed period is not guessed"
        );
        assert_eq!(period_as_written("2021-25"), None);
    }

    #[test]
    fn every_year_without_a_day_is_told_apart() {
        assert!(every_year_without_day("hằng năm"));
        assert!(every_year_without_day("Trong HÀNG NĂM"));
        assert!(!every_year_without_day("15/12 hằng năm"));
        assert!(!every_year_without_day("năm 2023"));
    }

    #[test]
    fn several_deadlines_in_one_text_are_an_array() {
        assert_eq!(
            listed("2023-Q3, 2023-Q4").as_deref(),
            Some(r#"["2023-Q3", "2023-Q4"]"#)
        );
        assert_eq!(
            listed("15/6/2023; trong quý IV/2023").as_deref(),
            Some(r#"["2023-06-15", "2023-Q4"]"#)
        );
        assert_eq!(listed("2023-Q3, khi có hướng dẫn"), None);
        assert_eq!(listed("2023-Q3"), None, "one deadline is no list");
    }

    #[test]
    fn what_no_document_form_holds_has_no_meaning_made_up() {
        for written in [
            "quý V/2023",
            "quý 3",
            "tháng 13/2023",
            "tháng 6/23",
            "năm 23",
            "trongquý 3/2023",
            "hằng năm",
            "15/12/2023 hằng năm",
            "khi có hướng dẫn",
            "",
        ] {
            assert_eq!(as_written(written), None, "{written}");
        }
    }
}
