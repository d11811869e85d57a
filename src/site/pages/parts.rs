//! The pieces every page model is made of: links, days and the bodies a
//! row names. They hold what they show (a page's file name, a date), not
//! text made for it: a national repository's pages name millions of them,
//! and each is written straight into its page.

use std::fmt;

use chrono::NaiveDate;

use crate::site::i18n::{Catalogue, WrittenDay};

/// A link: text and a path from the site's root.
#[derive(Debug, Clone, Copy)]
pub struct Link<'a> {
    pub text: &'a str,
    pub href: Href<'a>,
}

/// A path from the site's root to a page (or a place in it), written as
/// the page is: the pages' models hold the names, not the paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Href<'a> {
    /// The home page.
    Home,
    /// A plan's page, by its file name.
    Plan(&'a str),
    /// A task of a plan's page: the page's file name, the task's id (on
    /// the home page for a plan without a page).
    Task(Option<&'a str>, &'a str),
    /// A target of a plan's page: the page's file name, the target's id.
    Target(&'a str, &'a str),
    /// A body's page, by its file name.
    Body(&'a str),
}

impl Href<'_> {
    /// The path in the pieces it is made of: written one after the other,
    /// with no formatting, as a page holds thousands of links.
    fn pieces(&self) -> [&str; 4] {
        match *self {
            Href::Home => ["index.html", "", "", ""],
            Href::Plan(slug) => ["plans/", slug, ".html", ""],
            Href::Task(Some(slug), id) => ["plans/", slug, ".html#task-", id],
            Href::Task(None, id) => ["index.html#task-", id, "", ""],
            Href::Target(slug, id) => ["plans/", slug, ".html#target-", id],
            Href::Body(slug) => ["bodies/", slug, ".html", ""],
        }
    }
}

impl fmt::Display for Href<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.pieces()
            .iter()
            .try_for_each(|piece| f.write_str(piece))
    }
}

impl askama::FastWritable for Href<'_> {
    fn write_into(&self, dest: &mut dyn fmt::Write, _: &dyn askama::Values) -> askama::Result<()> {
        for piece in self.pieces() {
            dest.write_str(piece)?;
        }
        Ok(())
    }
}

/// A day for `<time>`: ISO for the machine ([`Day::iso`]), the language's
/// form for people ([`Day::text`]), both as `words` writes them.
#[derive(Debug, Clone, Copy)]
pub struct Day<'a> {
    pub date: NaiveDate,
    pub words: &'a Catalogue,
}

impl Day<'_> {
    /// The day as `%Y-%m-%d` writes it.
    pub fn iso(&self) -> WrittenDay<'_> {
        self.words.iso_format.write(self.date)
    }

    /// The day in the site's language (`05/12/2023` in Vietnamese).
    pub fn text(&self) -> WrittenDay<'_> {
        self.words.date_format.write(self.date)
    }
}

/// A body named in a row: its page (none for a body without one), and the
/// body it inherited the duty from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BodyRef<'a> {
    pub name: &'a str,
    pub href: Option<Href<'a>>,
    pub via: Option<&'a str>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::i18n::{Catalogue, Lang};

    #[test]
    fn links_and_days_are_written_as_the_pages_show_them() {
        let hrefs = [
            Href::Home,
            Href::Plan("hn_kh-1"),
            Href::Task(Some("hn_kh-1"), "1.2"),
            Href::Task(None, "1.2"),
            Href::Target("hn_kh-1", "t1"),
            Href::Body("hn_so-noi-vu"),
        ];
        let hrefs: Vec<String> = hrefs.iter().map(ToString::to_string).collect();
        assert_eq!(
            hrefs,
            [
                "index.html",
                "plans/hn_kh-1.html",
                "plans/hn_kh-1.html#task-1.2",
                "index.html#task-1.2",
                "plans/hn_kh-1.html#target-t1",
                "bodies/hn_so-noi-vu.html",
            ]
        );
        let words = Catalogue::of(Lang::Vi);
        let day = |y, m, d| Day {
            date: NaiveDate::from_ymd_opt(y, m, d).expect("a date"),
            words: &words,
        };
        assert_eq!(day(2023, 12, 5).iso().to_string(), "2023-12-05");
        assert_eq!(day(2023, 12, 5).text().to_string(), "05/12/2023");
        assert_eq!(day(12023, 1, 2).iso().to_string(), "+12023-01-02");
    }
}
