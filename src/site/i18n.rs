//! The words of the site, one catalogue per language (`i18n/vi.toml`,
//! `i18n/en.toml`, built into the binary): templates never hold a word of
//! their own, so a page cannot be half in one language.

use std::fmt;

use chrono::format::{DelayedFormat, Item, StrftimeItems};
use chrono::NaiveDate;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer};

use crate::model::{Direction, PlanKind, Value};
use crate::query::status::TargetState;
use crate::query::Role;

mod rules;

pub use rules::RulesText;

/// The languages a site can be written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// Vietnamese (the default): the language of the plans and their readers.
    #[default]
    Vi,
    /// English.
    En,
}

/// One language's words, one field per key of its file: a template's
/// `t.key` and the code's `words.key` are checked when gplan is built, and
/// a catalogue that lacks a key or has one too many does not load (tested),
/// so no page shows a key instead of a word. The words are borrowed from
/// the files built into gplan: a struct of a hundred owned strings made
/// serde's derive write a reader the optimiser took minutes over.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    pub lang: &'static str,
    pub date_format: DateFormat,
    /// A day as `<time datetime>` and feeds write it: `%Y-%m-%d` in every
    /// language.
    #[serde(skip, default = "DateFormat::iso")]
    pub iso_format: DateFormat,
    pub month_format: DateFormat,
    /// What separates a figure's whole part from its decimals (`,` in
    /// Vietnamese: "1,7 lần").
    pub decimal_separator: &'static str,
    /// What groups a figure's thousands (`.` in Vietnamese: "12.000").
    pub thousands_separator: &'static str,
    pub site_title: &'static str,
    pub skip: &'static str,
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_bodies: &'static str,
    pub nav_calendar: &'static str,
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub search_button: &'static str,
    pub search_results: &'static str,
    pub search_none: &'static str,
    pub search_more: &'static str,
    pub kind_plan_result: &'static str,
    pub kind_task_result: &'static str,
    pub kind_body_result: &'static str,
    pub overdue: &'static str,
    pub overdue_intro: &'static str,
    pub on_this_page: &'static str,
    pub delivered_on: &'static str,
    pub delivered_late: &'static str,
    pub nothing_overdue: &'static str,
    pub due_soon: &'static str,
    pub soon_intro: &'static str,
    pub list_more: &'static str,
    pub nothing_soon: &'static str,
    pub deadline: &'static str,
    pub from: &'static str,
    pub plan: &'static str,
    pub task: &'static str,
    pub lead: &'static str,
    pub support: &'static str,
    pub role: &'static str,
    pub role_lead: &'static str,
    pub role_support: &'static str,
    pub role_report: &'static str,
    pub role_requested: &'static str,
    pub role_issuer: &'static str,
    pub via: &'static str,
    pub member_of: &'static str,
    pub dissolved_on: &'static str,
    pub duties_passed_to: &'static str,
    pub counts_title: &'static str,
    pub jurisdiction: &'static str,
    pub no_jurisdiction: &'static str,
    pub plans_count: &'static str,
    pub tasks_count: &'static str,
    pub tree_title: &'static str,
    pub tree_repeated: &'static str,
    pub number: &'static str,
    pub no_number: &'static str,
    pub kind_strategy: &'static str,
    pub kind_program: &'static str,
    pub kind_plan: &'static str,
    pub kind_decision: &'static str,
    pub kind_resolution: &'static str,
    pub kind_directive: &'static str,
    pub kind_other: &'static str,
    pub issuer: &'static str,
    pub issued: &'static str,
    pub period: &'static str,
    pub signer: &'static str,
    pub funding: &'static str,
    pub recipients: &'static str,
    pub note: &'static str,
    pub file: &'static str,
    pub ancestry: &'static str,
    pub ancestry_none: &'static str,
    pub outside: &'static str,
    pub cites: &'static str,
    pub children: &'static str,
    pub targets: &'static str,
    pub targets_none: &'static str,
    pub year: &'static str,
    pub this_plan: &'static str,
    pub parent_target: &'static str,
    pub compare: &'static str,
    pub weaker: &'static str,
    pub as_strong: &'static str,
    pub direction_at_least: &'static str,
    pub direction_at_most: &'static str,
    pub direction_above: &'static str,
    pub direction_below: &'static str,
    pub direction_about: &'static str,
    pub refines: &'static str,
    pub tasks: &'static str,
    pub tasks_none: &'static str,
    pub reference: &'static str,
    pub due_rule: &'static str,
    pub rule_day: &'static str,
    pub rule_month: &'static str,
    pub rule_quarter: &'static str,
    pub rule_year: &'static str,
    pub rule_window: &'static str,
    pub rule_yearly: &'static str,
    pub rule_yearly_window: &'static str,
    pub rule_end: &'static str,
    pub day_month_format: DateFormat,
    pub next_deadline: &'static str,
    pub ongoing: &'static str,
    pub all_passed: &'static str,
    pub last_deadline: &'static str,
    pub feed: &'static str,
    pub feed_all: &'static str,
    pub feed_hint: &'static str,
    pub subscribe_at: &'static str,
    pub bodies_title: &'static str,
    pub bodies_intro: &'static str,
    pub bodies_none: &'static str,
    pub scope: &'static str,
    pub duties: &'static str,
    pub duties_count: &'static str,
    pub body_intro: &'static str,
    pub calendar_title: &'static str,
    pub calendar_intro: &'static str,
    pub calendar_to: &'static str,
    pub calendar_empty: &'static str,
    pub months: &'static str,
    pub footer: &'static str,
    pub reminder: &'static str,
    pub ics_time: &'static str,
    pub actual: &'static str,
    pub baseline: &'static str,
    pub qualitative_done: &'static str,
    pub unit: &'static str,
    pub state_met: &'static str,
    #[serde(rename = "state_on-track")]
    pub state_on_track: &'static str,
    pub state_behind: &'static str,
    #[serde(rename = "state_no-data")]
    pub state_no_data: &'static str,
}

/// A chrono format string of a catalogue (`%d/%m/%Y`), parsed once as
/// the catalogue loads: a national site writes millions of dates, and
/// parsing the format again for each was a third of their cost. A
/// catalogue whose format chrono cannot read does not load (tested).
/// The days of the span the pages list most (see
/// [`Catalogue::writing_ahead`]) are written once, and copied from then on.
#[derive(Debug, Clone)]
pub struct DateFormat {
    items: Vec<Item<'static>>,
    /// The first day of `ahead`.
    first: NaiveDate,
    /// Each day from `first` on, in this format.
    ahead: Vec<String>,
}

impl DateFormat {
    /// `day` written in this format.
    pub fn write(&self, day: NaiveDate) -> WrittenDay<'_> {
        let ahead = usize::try_from((day - self.first).num_days())
            .ok()
            .and_then(|at| self.ahead.get(at));
        match ahead {
            Some(text) => WrittenDay::Ahead(text),
            None => WrittenDay::Now(day.format_with_items(self.items.iter())),
        }
    }

    /// `%Y-%m-%d`, the ISO form of a day.
    fn iso() -> DateFormat {
        DateFormat {
            items: StrftimeItems::new("%Y-%m-%d").collect(),
            first: NaiveDate::MIN,
            ahead: Vec::new(),
        }
    }

    /// This format with every day from `from` to `to` written ahead.
    fn ahead(mut self, from: NaiveDate, to: NaiveDate) -> DateFormat {
        self.ahead = from
            .iter_days()
            .take_while(|day| *day <= to)
            .take(MOST_DAYS_AHEAD)
            .map(|day| day.format_with_items(self.items.iter()).to_string())
            .collect();
        self.first = from;
        self
    }
}

/// The most days a [`DateFormat`] writes ahead: twenty years, twice a
/// national strategy's period.
const MOST_DAYS_AHEAD: usize = 20 * 366;

/// A day in a [`DateFormat`]: written ahead, or written as it is shown.
pub enum WrittenDay<'a> {
    Ahead(&'a str),
    Now(DelayedFormat<std::slice::Iter<'a, Item<'static>>>),
}

impl WrittenDay<'_> {
    /// Writes the day into `out`: a day written ahead as it stands, with
    /// no formatting.
    pub fn write_to(&self, out: &mut dyn fmt::Write) -> fmt::Result {
        match self {
            WrittenDay::Ahead(text) => out.write_str(text),
            WrittenDay::Now(day) => write!(out, "{day}"),
        }
    }
}

impl fmt::Display for WrittenDay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f)
    }
}

impl askama::FastWritable for WrittenDay<'_> {
    fn write_into(&self, dest: &mut dyn fmt::Write, _: &dyn askama::Values) -> askama::Result<()> {
        Ok(self.write_to(dest)?)
    }
}

impl<'de: 'static> Deserialize<'de> for DateFormat {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let format: &'static str = Deserialize::deserialize(deserializer)?;
        let items = StrftimeItems::new(format)
            .parse()
            .map_err(|_| D::Error::custom(format!("`{format}` is not a chrono date format")))?;
        Ok(DateFormat {
            items,
            first: NaiveDate::MIN,
            ahead: Vec::new(),
        })
    }
}

impl Catalogue {
    /// The catalogue built into gplan for `lang`.
    pub fn of(lang: Lang) -> Catalogue {
        toml::from_str(source(lang))
            .expect("the built-in catalogues have every key and no other (tested)")
    }

    /// This catalogue with the days from `from` to `to` written ahead in
    /// each of its formats, and every day a yearly rule names: the same
    /// words, written once.
    pub fn writing_ahead(self, from: NaiveDate, to: NaiveDate) -> Catalogue {
        let year = |month, day| NaiveDate::from_ymd_opt(rules::MONTH_DAYS_YEAR, month, day);
        let month_days = (year(1, 1).unwrap_or(from), year(12, 31).unwrap_or(from));
        Catalogue {
            date_format: self.date_format.ahead(from, to),
            iso_format: self.iso_format.ahead(from, to),
            day_month_format: self.day_month_format.ahead(month_days.0, month_days.1),
            month_format: self.month_format.ahead(from, to),
            ..self
        }
    }

    /// A day as the language writes it (`05/12/2023` in Vietnamese).
    pub fn date(&self, day: NaiveDate) -> String {
        self.date_format.write(day).to_string()
    }

    /// A figure from a plan or progress file as the language writes it:
    /// `figure` is written as gplan writes figures everywhere else (an
    /// optional `-`, digits, and a `.` before the decimals: `1234.5`),
    /// and comes back with the language's separators (`1.234,5` in
    /// Vietnamese, `1,234.5` in English), thousands grouped from four
    /// digits on. Every figure the site shows goes through here, so a
    /// page never mixes the two ways; anything else (`NaN`) is left as
    /// it is.
    pub fn number(&self, figure: impl fmt::Display) -> String {
        let text = figure.to_string();
        let (sign, unsigned) = match text.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", text.as_str()),
        };
        let (whole, decimals) = match unsigned.split_once('.') {
            Some((whole, decimals)) => (whole, Some(decimals)),
            None => (unsigned, None),
        };
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(whole) || !decimals.is_none_or(digits) {
            return text;
        }
        let mut out = String::from(sign);
        out.push_str(&self.grouped(whole));
        if let Some(decimals) = decimals {
            out.push_str(self.decimal_separator);
            out.push_str(decimals);
        }
        out
    }

    /// The digits of a whole number, its thousands grouped when it has
    /// four digits or more.
    fn grouped(&self, whole: &str) -> String {
        if whole.len() < 4 {
            return whole.to_owned();
        }
        let mut out = String::with_capacity(whole.len() * 2);
        for (at, digit) in whole.char_indices() {
            if at > 0 && (whole.len() - at).is_multiple_of(3) {
                out.push_str(self.thousands_separator);
            }
            out.push(digit);
        }
        out
    }

    /// A milestone's value as the language writes it: one figure, or a
    /// band's two ("30–40").
    pub fn value(&self, value: Value) -> String {
        match value {
            Value::Single(v) => self.number(v),
            Value::Band(low, high) => format!("{}–{}", self.number(low), self.number(high)),
        }
    }

    /// A month as the language names it ("Tháng 12/2023").
    pub fn month(&self, first_day: NaiveDate) -> String {
        self.month_format.write(first_day).to_string()
    }

    /// What a body does in a duty.
    pub fn role(&self, role: Role) -> &str {
        match role {
            Role::Lead => self.role_lead,
            Role::Support => self.role_support,
            Role::Requested => self.role_requested,
            Role::Report => self.role_report,
            Role::Issuer => self.role_issuer,
        }
    }

    /// The kind of a document.
    pub fn kind(&self, kind: PlanKind) -> &str {
        match kind {
            PlanKind::Strategy => self.kind_strategy,
            PlanKind::Program => self.kind_program,
            PlanKind::Plan => self.kind_plan,
            PlanKind::Decision => self.kind_decision,
            PlanKind::Resolution => self.kind_resolution,
            PlanKind::Directive => self.kind_directive,
            PlanKind::Other => self.kind_other,
        }
    }

    /// Which way a target's figures must go.
    pub fn direction(&self, direction: Direction) -> &str {
        match direction {
            Direction::AtLeast => self.direction_at_least,
            Direction::AtMost => self.direction_at_most,
            Direction::Above => self.direction_above,
            Direction::Below => self.direction_below,
            Direction::About => self.direction_about,
        }
    }

    /// Where a target stands, as `gplan status` judges it.
    pub fn state(&self, state: TargetState) -> &str {
        match state {
            TargetState::Met => self.state_met,
            TargetState::OnTrack => self.state_on_track,
            TargetState::Behind => self.state_behind,
            TargetState::NoData => self.state_no_data,
        }
    }
}

/// The text of the catalogue built into gplan for `lang`.
fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => include_str!("i18n/vi.toml"),
        Lang::En => include_str!("i18n/en.toml"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each catalogue's keys, as its file has them.
    fn keys(lang: Lang) -> Vec<String> {
        let table: toml::Table = toml::from_str(source(lang)).expect("a TOML table");
        for (key, word) in &table {
            let word = word.as_str().unwrap_or_default();
            assert!(!word.trim().is_empty(), "{lang:?} {key}: no word");
        }
        table.keys().cloned().collect()
    }

    #[test]
    fn both_catalogues_load_with_the_same_keys_and_no_empty_word() {
        for lang in [Lang::Vi, Lang::En] {
            let words = Catalogue::of(lang);
            assert_eq!(words.lang, format!("{lang:?}").to_lowercase());
        }
        assert_eq!(keys(Lang::Vi), keys(Lang::En));
    }

    #[test]
    fn a_catalogue_with_a_key_missing_or_too_many_does_not_load() {
        // A catalogue borrows its words from a text that lives as long as
        // gplan: these altered texts are made to.
        let text = source(Lang::En);
        let missing = text.replace("nav_home = ", "nav_hom = ").leak();
        let err = toml::from_str::<Catalogue>(missing).expect_err("refused");
        assert!(err.to_string().contains("nav_hom"), "{err}");
        let without = text.replace("nav_home = \"Home\"\n", "").leak();
        let err = toml::from_str::<Catalogue>(without).expect_err("refused");
        assert!(err.to_string().contains("nav_home"), "{err}");
    }

    #[test]
    fn a_catalogue_whose_date_format_chrono_cannot_read_does_not_load() {
        let text = source(Lang::Vi);
        let bad = text.replace("date_format = \"%d/%m/%Y\"", "date_format = \"%d/%m/%Q\"");
        assert_ne!(
            bad, text,
            "the Vietnamese date format is as this test expects"
        );
        let err = toml::from_str::<Catalogue>(bad.leak()).expect_err("refused");
        assert!(
            err.to_string()
                .contains("`%d/%m/%Q` is not a chrono date format"),
            "{err}"
        );
    }

    #[test]
    fn every_word_of_the_catalogues_is_used() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut text = String::new();
        for folder in ["templates", "src/site", "src/site/pages", "src/site/i18n"] {
            let entries = std::fs::read_dir(root.join(folder)).expect("a folder");
            for entry in entries {
                let path = entry.expect("an entry").path();
                let code = path.extension().is_some_and(|e| e == "rs" || e == "html");
                if path.is_file() && code {
                    text.push_str(&std::fs::read_to_string(path).expect("a text file"));
                }
            }
        }
        for key in keys(Lang::En) {
            let field = key.replace('-', "_");
            let used = regex::Regex::new(&format!(r"\b(t|words|self)\s*\.{field}\b"))
                .expect("a pattern")
                .is_match(&text);
            assert!(
                used,
                "the word `{key}` is used by no page, feed or template"
            );
        }
    }

    #[test]
    fn vietnamese_dates_are_day_first_and_the_labels_are_the_documents_words() {
        let vi = Catalogue::of(Lang::Vi);
        let day = NaiveDate::from_ymd_opt(2023, 12, 5).expect("a date");
        assert_eq!(vi.date(day), "05/12/2023");
        assert_eq!(vi.month(day), "Tháng 12/2023");
        for (word, expected) in [
            (vi.overdue, "Quá hạn"),
            (vi.due_soon, "Sắp đến hạn"),
            (vi.lead, "Chủ trì"),
            (vi.support, "Phối hợp"),
        ] {
            assert_eq!(word, expected);
        }
        let en = Catalogue::of(Lang::En);
        assert_eq!(en.date(day), "2023-12-05");
        assert_eq!(en.month(day), "December 2023");
    }

    proptest::proptest! {
        /// A day written ahead reads as the day written when it is shown,
        /// in every format of both languages, inside the span written
        /// ahead and outside it.
        #[test]
        fn a_day_written_ahead_is_the_day_written_when_shown(
            from in 0i64..40_000,
            days in 0i64..800,
            at in -100i64..1_000,
            english in proptest::bool::ANY,
        ) {
            let lang = if english { Lang::En } else { Lang::Vi };
            let epoch = NaiveDate::from_ymd_opt(1950, 1, 1).expect("a date");
            let from = epoch + chrono::Duration::days(from);
            let to = from + chrono::Duration::days(days);
            let day = from + chrono::Duration::days(at);
            let now = Catalogue::of(lang);
            let ahead = Catalogue::of(lang).writing_ahead(from, to);
            for (written, shown) in [
                (&ahead.date_format, &now.date_format),
                (&ahead.iso_format, &now.iso_format),
                (&ahead.month_format, &now.month_format),
                (&ahead.day_month_format, &now.day_month_format),
            ] {
                proptest::prop_assert_eq!(written.write(day).to_string(), shown.write(day).to_string());
            }
            proptest::prop_assert_eq!(now.iso_format.write(day).to_string(), day.format("%Y-%m-%d").to_string());
        }
    }

    #[test]
    fn figures_take_the_separators_of_each_language() {
        let vi = Catalogue::of(Lang::Vi);
        let en = Catalogue::of(Lang::En);
        for (figure, in_vi, in_en) in [
            ("1.7", "1,7", "1.7"),
            ("44.25", "44,25", "44.25"),
            ("12000", "12.000", "12,000"),
            ("1234567.125", "1.234.567,125", "1,234,567.125"),
            ("1000", "1.000", "1,000"),
            ("999", "999", "999"),
            ("-2500.5", "-2.500,5", "-2,500.5"),
            ("0.05", "0,05", "0.05"),
            ("NaN", "NaN", "NaN"),
        ] {
            assert_eq!(vi.number(figure), in_vi, "{figure}");
            assert_eq!(en.number(figure), in_en, "{figure}");
        }
        assert_eq!(vi.number(1.7_f64), "1,7");
        let figure = |text| crate::figure::Figure::decimal(text).expect("a figure");
        let band = Value::Band(figure("30.5"), figure("1200"));
        assert_eq!(vi.value(band), "30,5–1.200");
        assert_eq!(en.value(band), "30.5–1,200");
    }
}
