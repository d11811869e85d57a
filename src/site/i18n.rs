//! The words of the site, one catalogue per language (`i18n/vi.toml`,
//! `i18n/en.toml`, built into the binary): templates never hold a word of
//! their own, so a page cannot be half in one language.

use std::collections::BTreeMap;

use chrono::NaiveDate;

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
}
