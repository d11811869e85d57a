//! Day-first dates as documents print them ("10/12/2020", "15/11",
//! "15/11- 15/12/2020"), read only to tell a user who copied one into
//! `due` what gplan's form of it is.

use super::MonthDay;

/// A day and a month, and the year when the text gives one.
struct DayMonth {
    day: MonthDay,
    year: Option<i32>,
}

/// "15/11" or "15/11/2020", spaces around it allowed; the day must exist
/// in some year.
fn day_month(text: &str) -> Option<DayMonth> {
    let mut parts = text.trim().split('/');
    let day = number(parts.next()?, 1..=2)?;
    let month = number(parts.next()?, 1..=2)?;
    let year = match parts.next() {
        Some(y) => Some(i32::try_from(number(y, 4..=4)?).ok()?),
        None => None,
    };
    if parts.next().is_some() {
        return None;
    }
    let day = MonthDay { month, day };
    day.in_year(2024)?;
    Some(DayMonth { day, year })
}

/// ASCII digits, as many as `width` allows.
pub(super) fn number(text: &str, width: std::ops::RangeInclusive<usize>) -> Option<u32> {
    (width.contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// `day` of `year` as gplan writes a date, or `None` when that year has
/// no such day (29 February).
fn date(year: i32, day: MonthDay) -> Option<String> {
    day.in_year(year).map(|d| d.format("%Y-%m-%d").to_string())
}

/// The `due` a day-first text means, or `None` when it is not one.
/// "10/12/2020" is `2020-12-10`. In a range the first day takes the
/// other's year, as documents write it, or the year before when it falls
/// later in the year: "15/11- 15/12/2020" is `2020-11-15..2020-12-15`,
/// "15/12-15/01/2021" is `2020-12-15..2021-01-15`. With no year at all the
/// text names a day of every year: "15/11-15/12" is
/// `yearly 11-15..12-15`.
pub fn day_first(text: &str) -> Option<String> {
    let Some((a, b)) = text.split_once('-') else {
        let only = day_month(text)?;
        return match only.year {
            Some(year) => date(year, only.day),
            None => Some(format!("yearly {}", only.day)),
        };
    };
    let (from, to) = (day_month(a)?, day_month(b)?);
    let later_in_year = (from.day.month, from.day.day) > (to.day.month, to.day.day);
    match (from.year, to.year) {
        (None, None) => Some(format!("yearly {}..{}", from.day, to.day)),
        (Some(year), None) => Some(format!(
            "{}..{}",
            date(year, from.day)?,
            date(year + i32::from(later_in_year), to.day)?
        )),
        (None, Some(year)) => Some(format!(
            "{}..{}",
            date(year - i32::from(later_in_year), from.day)?,
            date(year, to.day)?
        )),
        (Some(first), Some(last)) => Some(format!(
            "{}..{}",
            date(first, from.day)?,
            date(last, to.day)?
        )),
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Datelike, Duration, NaiveDate};
    use proptest::prelude::*;

    use super::day_first;

    fn printed(day: NaiveDate, padded: bool) -> String {
        if padded {
            format!("{:02}/{:02}/{}", day.day(), day.month(), day.year())
        } else {
            format!("{}/{}/{}", day.day(), day.month(), day.year())
        }
    }

    mod properties {
        use super::*;

        proptest! {
            /// Any day and any window of up to a year, printed day first with
            /// or without leading zeros, or with the year only at the end, is
            /// suggested as the ISO dates it names.
            #[test]
            fn a_printed_day_or_window_is_suggested_as_its_iso_dates(
                start in 0i64..3_000_000,
                length in 0i64..365,
                padded: bool,
            ) {
                let from = NaiveDate::from_ymd_opt(1000, 1, 1).unwrap() + Duration::days(start);
                let to = from + Duration::days(length);
                let iso = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
                prop_assert_eq!(day_first(&printed(from, padded)), Some(iso(from)));
                let window = format!("{}-{}", printed(from, padded), printed(to, padded));
                let meant = format!("{}..{}", iso(from), iso(to));
                prop_assert_eq!(day_first(&window), Some(meant.clone()));
                let year_once = format!(
                    "{}/{}- {}",
                    from.day(),
                    from.month(),
                    printed(to, padded)
                );
                prop_assert_eq!(day_first(&year_once), Some(meant));
            }
        }
    }

    #[test]
    fn day_first_texts_read_as_gplan_writes_them() {
        let cases = [
            ("10/12/2020", Some("2020-12-10")),
            ("10/6", Some("yearly 06-10")),
            ("15/11- 15/12/2020", Some("2020-11-15..2020-12-15")),
            ("15/11/2020-15/12/2020", Some("2020-11-15..2020-12-15")),
            ("15/11-15/12", Some("yearly 11-15..12-15")),
            ("15/12-15/01/2021", Some("2020-12-15..2021-01-15")),
            ("15/12/2020-15/1", Some("2020-12-15..2021-01-15")),
            ("29/2/2023", None),
            ("32/1", None),
            ("1/13/2020", None),
            ("tháng 6", None),
            ("2023-6", None),
        ];
        for (text, meant) in cases {
            assert_eq!(day_first(text).as_deref(), meant, "{text}");
        }
    }
}
