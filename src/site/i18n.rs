//! The words of the site, one catalogue per language (`i18n/vi.toml`,
//! `i18n/en.toml`, built into the binary): templates never hold a word of
//! their own, so a page cannot be half in one language.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::deadline::{MonthDay, Point, Rule};

/// The languages a site can be written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// Vietnamese (the default): the language of the plans and their readers.
    #[default]
    Vi,
    /// English.
    En,
}

/// One language's words, by key.
#[derive(Debug, Clone)]
pub struct Catalogue {
    words: BTreeMap<String, String>,
}

impl Catalogue {
    /// The catalogue built into gplan for `lang`.
    pub fn of(lang: Lang) -> Catalogue {
        let text = match lang {
            Lang::Vi => include_str!("i18n/vi.toml"),
            Lang::En => include_str!("i18n/en.toml"),
        };
        let words = toml::from_str(text)
            .expect("the built-in catalogues are valid TOML tables of strings (tested)");
        Catalogue { words }
    }

    /// Every word, for templates (`t.key`).
    pub fn words(&self) -> &BTreeMap<String, String> {
        &self.words
    }

    /// One word; a key missing from the catalogue shows as itself, which
    /// the tests that compare catalogues would catch first.
    pub fn word<'a>(&'a self, key: &'a str) -> &'a str {
        self.words.get(key).map_or(key, String::as_str)
    }

    /// A day as the language writes it (`05/12/2023` in Vietnamese).
    pub fn date(&self, day: NaiveDate) -> String {
        day.format(self.word("date_format")).to_string()
    }

    /// A task's `due` rules in words ("hằng năm, từ 15/11 đến 15/12"),
    /// joined by "; ".
    pub fn rules(&self, rules: impl IntoIterator<Item = Rule>) -> String {
        let words: Vec<String> = rules.into_iter().map(|r| self.rule(r)).collect();
        words.join("; ")
    }

    /// One `due` rule in words: what a reader of the plan understands,
    /// not gplan's grammar.
    pub fn rule(&self, rule: Rule) -> String {
        let day_month = |md: MonthDay| {
            md.in_year(2000).map_or_else(
                || md.to_string(),
                |d| d.format(self.word("day_month_format")).to_string(),
            )
        };
        match rule {
            Rule::Point(point) => self.point(point),
            Rule::Window(from, to) => self
                .word("rule_window")
                .replace("{from}", &self.date(from.first_day()))
                .replace("{to}", &self.date(to.last_day())),
            Rule::Yearly(day) => self.word("rule_yearly").replace("{day}", &day_month(day)),
            Rule::YearlyWindow(from, to) => self
                .word("rule_yearly_window")
                .replace("{from}", &day_month(from))
                .replace("{to}", &day_month(to)),
            Rule::End => self.word("rule_end").to_owned(),
        }
    }

    fn point(&self, point: Point) -> String {
        match point {
            Point::Day(day) => self.word("rule_day").replace("{date}", &self.date(day)),
            Point::Month { year, month } => self
                .word("rule_month")
                .replace("{month}", &format!("{month:02}"))
                .replace("{year}", &year.to_string()),
            Point::Quarter { year, quarter } => {
                let roman = ["I", "II", "III", "IV"].get(quarter.saturating_sub(1) as usize);
                self.word("rule_quarter")
                    .replace("{roman}", roman.copied().unwrap_or("?"))
                    .replace("{quarter}", &quarter.to_string())
                    .replace("{year}", &year.to_string())
            }
            Point::Year(year) => self.word("rule_year").replace("{year}", &year.to_string()),
        }
    }

    /// A month as the language names it ("Tháng 12/2023").
    pub fn month(&self, first_day: NaiveDate) -> String {
        first_day.format(self.word("month_format")).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_catalogues_have_the_same_keys_and_no_empty_word() {
        let vi = Catalogue::of(Lang::Vi);
        let en = Catalogue::of(Lang::En);
        let keys = |c: &Catalogue| c.words().keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(&vi), keys(&en));
        for c in [&vi, &en] {
            assert!(c.words().values().all(|w| !w.trim().is_empty()));
        }
    }

    #[test]
    fn vietnamese_dates_are_day_first_and_the_labels_are_the_documents_words() {
        let vi = Catalogue::of(Lang::Vi);
        let day = NaiveDate::from_ymd_opt(2023, 12, 5).expect("a date");
        assert_eq!(vi.date(day), "05/12/2023");
        assert_eq!(vi.month(day), "Tháng 12/2023");
        for (key, word) in [
            ("overdue", "Quá hạn"),
            ("due_soon", "Sắp đến hạn"),
            ("lead", "Chủ trì"),
            ("support", "Phối hợp"),
        ] {
            assert_eq!(vi.word(key), word);
        }
        let en = Catalogue::of(Lang::En);
        assert_eq!(en.date(day), "2023-12-05");
        assert_eq!(en.month(day), "December 2023");
    }

    #[test]
    fn due_rules_read_as_words_in_each_language() {
        use crate::deadline::parse;
        let vi = Catalogue::of(Lang::Vi);
        let en = Catalogue::of(Lang::En);
        for (written, in_vi, in_en) in [
            ("2023-12-05", "ngày 05/12/2023", "on 2023-12-05"),
            ("2023-06", "trong tháng 06/2023", "in 2023-06"),
            ("2023-Q3", "trong quý III/2023", "in Q3 2023"),
            ("2023", "trong năm 2023", "in 2023"),
            (
                "2023-04..2023-09",
                "từ 01/04/2023 đến 30/09/2023",
                "from 2023-04-01 to 2023-09-30",
            ),
            (
                "yearly 12-05",
                "hằng năm, ngày 05/12",
                "every year on 12-05",
            ),
            (
                "yearly 11-15..12-15",
                "hằng năm, từ 15/11 đến 15/12",
                "every year from 11-15 to 12-15",
            ),
            ("end", "khi kết thúc kế hoạch", "at the end of the plan"),
        ] {
            let rule = parse(written).expect("a valid rule");
            assert_eq!(vi.rule(rule), in_vi, "{written}");
            assert_eq!(en.rule(rule), in_en, "{written}");
        }
    }
}
