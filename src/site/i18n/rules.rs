//! A task's `due` rules in words, as a page shows them ("hằng năm, từ
//! 15/11 đến 15/12"): written straight into the page, each date kept on
//! one line.

use std::fmt::{self, Write as _};

use chrono::NaiveDate;

use super::Catalogue;
use crate::deadline::{MonthDay, Point, Rule};

/// A date that a browser keeps on one line, written into `out`: its
/// spaces non-breaking, and a word joiner (invisible) after each hyphen,
/// where browsers otherwise break (`2023-04-01` wrapped as `2023-04-` /
/// `01`). Dates written with `/` are left as they are: no browser breaks
/// inside `15/11`.
struct Unbroken<'w>(&'w mut dyn fmt::Write);

impl fmt::Write for Unbroken<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        for piece in text.split_inclusive([' ', '-']) {
            match piece.strip_suffix(' ') {
                Some(before) => {
                    self.0.write_str(before)?;
                    self.0.write_char('\u{a0}')?;
                }
                None if piece.ends_with('-') => {
                    self.0.write_str(piece)?;
                    self.0.write_char('\u{2060}')?;
                }
                None => self.0.write_str(piece)?,
            }
        }
        Ok(())
    }
}

/// `template` written into `out` with each `{name}` in it written by
/// `value` (`None`: a name it does not know, written as it stands, as is
/// any other brace).
fn fill(
    out: &mut dyn fmt::Write,
    template: &str,
    value: impl Fn(&str, &mut dyn fmt::Write) -> Option<fmt::Result>,
) -> fmt::Result {
    // The catalogue's templates are short: a byte scan finds a brace
    // sooner than a string search is set up.
    let brace = |text: &str, brace: u8| text.bytes().position(|b| b == brace);
    let mut rest = template;
    while let Some(open) = brace(rest, b'{') {
        let Some(close) = brace(&rest[open..], b'}').map(|at| open + at) else {
            break;
        };
        out.write_str(&rest[..open])?;
        match value(&rest[open + 1..close], out) {
            Some(written) => {
                written?;
                rest = &rest[close + 1..];
            }
            None => {
                out.write_char('{')?;
                rest = &rest[open + 1..];
            }
        }
    }
    out.write_str(rest)
}

/// A task's `due` rules in words, written where the page shows them (see
/// [`Catalogue::rules`]).
#[derive(Debug, Clone, Copy)]
pub struct RulesText<'a> {
    words: &'a Catalogue,
    rules: &'a [Rule],
}

impl RulesText<'_> {
    /// The rules in words, joined by "; ", written into `out`.
    fn write_to(&self, out: &mut dyn fmt::Write) -> fmt::Result {
        for (at, rule) in self.rules.iter().enumerate() {
            if at > 0 {
                out.write_str("; ")?;
            }
            self.words.write_rule(out, *rule)?;
        }
        Ok(())
    }
}

impl fmt::Display for RulesText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f)
    }
}

impl askama::FastWritable for RulesText<'_> {
    fn write_into(&self, dest: &mut dyn fmt::Write, _: &dyn askama::Values) -> askama::Result<()> {
        Ok(self.write_to(dest)?)
    }
}

/// The year a yearly rule's day is written in (a leap year: every day of
/// a month is a day in it); the format shows its day and month only.
pub(super) const MONTH_DAYS_YEAR: i32 = 2000;

impl Catalogue {
    /// A task's `due` rules in words ("hằng năm, từ 15/11 đến 15/12"),
    /// joined by "; ": written straight into the page, as no string is
    /// made for each of a national site's million rows.
    pub fn rules<'a>(&'a self, rules: &'a [Rule]) -> RulesText<'a> {
        RulesText { words: self, rules }
    }

    /// One `due` rule in words: what a reader of the plan understands,
    /// not gplan's grammar ("every year from 1 Jan to 31 Dec"). A date in
    /// it never breaks across lines (see [`Unbroken`]): it is text in a
    /// table cell, not a `<time>` the style sheet keeps whole.
    fn write_rule(&self, out: &mut dyn fmt::Write, rule: Rule) -> fmt::Result {
        let day_month = |md: MonthDay, out: &mut dyn fmt::Write| match md.in_year(MONTH_DAYS_YEAR) {
            Some(day) => self
                .day_month_format
                .write(day)
                .write_to(&mut Unbroken(out)),
            None => write!(Unbroken(out), "{md}"),
        };
        match rule {
            Rule::Point(point) => self.write_point(out, point),
            Rule::Window(from, to) => fill(out, self.rule_window, |name, out| match name {
                "from" => Some(self.unbroken_date(from.first_day(), out)),
                "to" => Some(self.unbroken_date(to.last_day(), out)),
                _ => None,
            }),
            Rule::Yearly(day) => fill(out, self.rule_yearly, |name, out| {
                (name == "day").then(|| day_month(day, out))
            }),
            Rule::YearlyWindow(from, to) => {
                fill(out, self.rule_yearly_window, |name, out| match name {
                    "from" => Some(day_month(from, out)),
                    "to" => Some(day_month(to, out)),
                    _ => None,
                })
            }
            Rule::End => out.write_str(self.rule_end),
        }
    }

    /// `day` in the language's form, kept on one line.
    fn unbroken_date(&self, day: NaiveDate, out: &mut dyn fmt::Write) -> fmt::Result {
        self.date_format.write(day).write_to(&mut Unbroken(out))
    }

    fn write_point(&self, out: &mut dyn fmt::Write, point: Point) -> fmt::Result {
        match point {
            Point::Day(day) => fill(out, self.rule_day, |name, out| {
                (name == "date").then(|| self.unbroken_date(day, out))
            }),
            Point::Month { year, month } => fill(out, self.rule_month, |name, out| match name {
                "month_name" => Some(match NaiveDate::from_ymd_opt(year, month, 1) {
                    Some(first) => self.month_format.write(first).write_to(out),
                    None => Ok(()),
                }),
                "month" => Some(write!(out, "{month:02}")),
                "year" => Some(write!(out, "{year}")),
                _ => None,
            }),
            Point::Quarter { year, quarter } => {
                let roman = ["I", "II", "III", "IV"].get(quarter.saturating_sub(1) as usize);
                fill(out, self.rule_quarter, |name, out| match name {
                    "roman" => Some(out.write_str(roman.copied().unwrap_or("?"))),
                    "quarter" => Some(write!(out, "{quarter}")),
                    "year" => Some(write!(out, "{year}")),
                    _ => None,
                })
            }
            Point::Year(year) => fill(out, self.rule_year, |name, out| {
                (name == "year").then(|| write!(out, "{year}"))
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::i18n::Lang;
    use proptest::prelude::*;

    fn unbroken(text: &str) -> String {
        let mut out = String::new();
        Unbroken(&mut out)
            .write_str(text)
            .expect("a string takes any text");
        out
    }

    fn filled(template: &str, values: &[(&str, &str)]) -> String {
        let mut out = String::new();
        let value = |name: &str, out: &mut dyn fmt::Write| {
            let (_, text) = values.iter().find(|(known, _)| *known == name)?;
            Some(out.write_str(text))
        };
        fill(&mut out, template, value).expect("a string takes any text");
        out
    }

    #[test]
    fn a_template_keeps_what_it_does_not_name() {
        let values = [("from", "01/01"), ("to", "31/12")];
        assert_eq!(filled("từ {from} đến {to}", &values), "từ 01/01 đến 31/12");
        assert_eq!(filled("{to}{from}", &values), "31/1201/01");
        assert_eq!(filled("{year} {from", &values), "{year} {from");
        assert_eq!(filled("}{}{from}", &values), "}{}01/01");
        assert_eq!(filled("{{from}}", &values), "{01/01}");
    }

    proptest! {
        /// Spaces become non-breaking and each hyphen is followed by a
        /// word joiner, whatever the text and wherever it is cut.
        #[test]
        fn unbroken_text_is_the_text_with_its_breaks_closed(text in ".*", cut in 0usize..64) {
            let expected = text.replace(' ', "\u{a0}").replace('-', "-\u{2060}");
            prop_assert_eq!(unbroken(&text), expected.clone());
            let at = (0..=cut.min(text.len())).rev().find(|&at| text.is_char_boundary(at)).unwrap_or(0);
            let mut out = String::new();
            let mut writer = Unbroken(&mut out);
            writer.write_str(&text[..at]).expect("a string");
            writer.write_str(&text[at..]).expect("a string");
            prop_assert_eq!(out, expected);
        }

        /// Filling a template is replacing each name in it by its value,
        /// for values without braces (dates, years, numerals).
        #[test]
        fn a_filled_template_is_its_names_replaced(
            pieces in prop::collection::vec(
                prop_oneof!["[a-z }]{0,5}", Just("{from}".to_owned()), Just("{to}".to_owned()), Just("{year}".to_owned())],
                0..8,
            ),
            from in "[0-9/ ]{0,8}",
            to in "[0-9/ ]{0,8}",
        ) {
            let template = pieces.concat();
            let expected = template.replace("{from}", &from).replace("{to}", &to);
            prop_assert_eq!(filled(&template, &[("from", &from), ("to", &to)]), expected);
        }
    }

    #[test]
    fn due_rules_read_as_words_in_each_language() {
        use crate::deadline::parse;
        let vi = Catalogue::of(Lang::Vi);
        let en = Catalogue::of(Lang::En);
        for (written, in_vi, in_en) in [
            (
                "2023-12-05",
                "ngày 05/12/2023",
                "on 2023-\u{2060}12-\u{2060}05",
            ),
            ("2023-06", "trong tháng 06/2023", "in June 2023"),
            ("2023-Q3", "trong quý III/2023", "in Q3 2023"),
            ("2023", "trong năm 2023", "in 2023"),
            (
                "2023-04..2023-09",
                "từ 01/04/2023 đến 30/09/2023",
                "from 2023-\u{2060}04-\u{2060}01 to 2023-\u{2060}09-\u{2060}30",
            ),
            (
                "yearly 12-05",
                "hằng năm, ngày 05/12",
                "every year on 5\u{a0}Dec",
            ),
            (
                "yearly 11-15..12-15",
                "hằng năm, từ 15/11 đến 15/12",
                "every year from 15\u{a0}Nov to 15\u{a0}Dec",
            ),
            (
                "yearly 01-01..12-31",
                "hằng năm, từ 01/01 đến 31/12",
                "every year from 1\u{a0}Jan to 31\u{a0}Dec",
            ),
            (
                "yearly 02-29",
                "hằng năm, ngày 29/02",
                "every year on 29\u{a0}Feb",
            ),
            ("end", "khi kết thúc kế hoạch", "at the end of the plan"),
        ] {
            let rule = parse(written).expect("a valid rule");
            assert_eq!(vi.rules(&[rule]).to_string(), in_vi, "{written}");
            assert_eq!(en.rules(&[rule]).to_string(), in_en, "{written}");
        }
    }
}
