//! The templates (`templates/*.html`, compiled into gplan by askama) and
//! what fills them. Every value a template prints is escaped ([`Html`])
//! unless the template marks it safe: text from plan files can never
//! become markup. The templates read the page models and the catalogue's
//! fields directly, so a misspelt field or word fails the build, not a
//! page.

use std::fmt;

use askama::filters::Escaper;
use askama::Template;

use crate::render::terminal::is_unsafe;
use crate::site::i18n::Catalogue;
use crate::site::pages::{
    BodiesPage, BodyPage, CalendarPage, Day, IndexPage, MonthPiece, PlanPage,
};

/// What every page shows around its content.
pub struct Frame<'a> {
    /// The catalogue's words (`t.key` in the templates).
    pub words: &'a Catalogue,
    /// Leads from the page back to the site's root: `""` or `"../"`.
    pub root: &'a str,
    /// The navigation entry of the page (`home`, `bodies`, `calendar`).
    pub current: &'a str,
    pub today: Day<'a>,
}

/// A page model that has a template.
pub trait Page {
    /// Writes the page, in its frame, at the end of `out`.
    fn render_into(&self, frame: &Frame, out: &mut String) -> askama::Result<()>;
}

/// Declares the template of a page model: `t`, `root`, `current` and
/// `today` come from the frame, `page` is the model.
macro_rules! page_template {
    ($name:ident, $path:tt, $model:ident) => {
        #[derive(Template)]
        #[template(path = $path)]
        struct $name<'a> {
            t: &'a Catalogue,
            root: &'a str,
            current: &'a str,
            today: Day<'a>,
            page: &'a $model<'a>,
        }

        impl Page for $model<'_> {
            fn render_into(&self, frame: &Frame, out: &mut String) -> askama::Result<()> {
                let html = $name {
                    t: frame.words,
                    root: frame.root,
                    current: frame.current,
                    today: frame.today,
                    page: self,
                };
                html.render_into(out)?;
                out.push('\n');
                Ok(())
            }
        }
    };
}

page_template!(IndexHtml, "index.html", IndexPage);
page_template!(PlanHtml, "plan.html", PlanPage);
page_template!(BodyHtml, "body.html", BodyPage);
page_template!(BodiesHtml, "bodies.html", BodiesPage);
page_template!(CalendarHtml, "calendar.html", CalendarPage);

/// A piece of a month's section of the calendar, with the words and the
/// way back to the site's root: a page with too many rows to hold at once
/// is written a piece at a time, and the pieces put into it as written.
#[derive(Template)]
#[template(path = "calendar_month.html")]
struct CalendarMonthHtml<'a> {
    t: &'a Catalogue,
    root: &'a str,
    piece: &'a MonthPiece<'a>,
}

/// Writes a piece of a month's section of the calendar at the end of `out`.
pub fn month_piece_into(frame: &Frame, piece: &MonthPiece, out: &mut String) -> askama::Result<()> {
    let html = CalendarMonthHtml {
        t: frame.words,
        root: frame.root,
        piece,
    };
    html.render_into(out)
}

/// The HTML escaping of every page (askama's own writes `'` as `&#39;`
/// and the others as decimal entities): `&`, `<`, `>`, `"` and `'` are
/// escaped in every value not marked safe; `/`, which HTML does not need
/// escaped, is left alone so that links stay readable. Text from files is
/// data: a control character (which HTML does not allow, even as an
/// entity) or a bidirectional control (which would reorder what a reader
/// sees) is shown as the command line shows it, `\u{1b}`. A carriage
/// return stays: HTML reads it as the end of a line.
#[derive(Debug, Clone, Copy, Default)]
pub struct Html;

/// The bytes the escaper stops at: the five characters HTML escapes, and
/// the first byte of every character [`is_unsafe`] names (C0 controls,
/// DEL, `0xc2` for C1, `0xd8` for U+061C, `0xe2` for the marks, overrides
/// and isolates). Every other byte is copied in runs.
const STOPS: [bool; 256] = {
    let mut stops = [false; 256];
    let mut byte = 0;
    while byte < 0x20 {
        stops[byte] = true;
        byte += 1;
    }
    let others = [b'&', b'<', b'>', b'"', b'\'', 0x7f, 0xc2, 0xd8, 0xe2];
    let mut at = 0;
    while at < others.len() {
        stops[others[at] as usize] = true;
        at += 1;
    }
    stops
};

impl Escaper for Html {
    /// Runs without a character to escape are copied whole, so no value
    /// needs a buffer.
    fn write_escaped_str<W: fmt::Write>(&self, mut out: W, text: &str) -> fmt::Result {
        let bytes = text.as_bytes();
        let mut from = 0;
        let mut at = 0;
        while let Some(found) = bytes
            .get(at..)
            .and_then(|rest| rest.iter().position(|&b| STOPS[usize::from(b)]))
        {
            at += found;
            let entity = match bytes[at] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                b'\'' => "&#x27;",
                _ => {
                    let c = text[at..].chars().next().unwrap_or_default();
                    if c == '\r' || !is_unsafe(c) {
                        at += 1;
                        continue;
                    }
                    out.write_str(&text[from..at])?;
                    write!(out, "\\u{{{:x}}}", u32::from(c))?;
                    at += c.len_utf8();
                    from = at;
                    continue;
                }
            };
            out.write_str(&text[from..at])?;
            out.write_str(entity)?;
            at += 1;
            from = at;
        }
        out.write_str(&text[from..])
    }
}

/// What the templates print of an optional text: a value that is absent
/// or empty is not shown (`{% if let Some(x) = v.full() %}`), or shows as
/// another text (`v.or_text(alt)`).
trait Shown {
    fn full(&self) -> Option<&str>;

    fn or_text<'a>(&'a self, alt: &'a str) -> &'a str {
        self.full().unwrap_or(alt)
    }
}

impl<S: AsRef<str>> Shown for Option<S> {
    fn full(&self) -> Option<&str> {
        self.as_ref().map(AsRef::as_ref).filter(|s| !s.is_empty())
    }
}

/// A chart's coordinates as the pages have always written them: a whole
/// number with `.0` (`320.0`), any other as Rust writes it (`61.6`).
trait Coordinate {
    fn num(self) -> Number;
}

impl Coordinate for f64 {
    fn num(self) -> Number {
        Number(self)
    }
}

/// See [`Coordinate`].
struct Number(f64);

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.fract() == 0.0 {
            write!(f, "{}.0", self.0)
        } else {
            write!(f, "{}", self.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    /// The frame of a page at `root` in `words`' language, as of 2023-06-01.
    fn frame<'a>(words: &'a Catalogue, root: &'a str, current: &'a str) -> Frame<'a> {
        Frame {
            words,
            root,
            current,
            today: Day {
                date: NaiveDate::from_ymd_opt(2023, 6, 1).expect("a date"),
                words,
            },
        }
    }

    #[test]
    fn text_from_plans_is_escaped_and_links_stay_readable() {
        let words = Catalogue::of(crate::site::i18n::Lang::Vi);
        let frame = frame(&words, "../", "");
        let page = BodyPage {
            name: "<script>alert(1)</script> & \"Sở\" 'x'",
            scope: "x".into(),
            feed: "bodies/x.ics".into(),
            feed_url: None,
            dissolved: None,
            rows: Vec::new(),
        };
        let mut html = String::new();
        page.render_into(&frame, &mut html).expect("renders");
        assert!(
            html.contains(
                "<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Sở&quot; &#x27;x&#x27;</h1>"
            ),
            "{html}"
        );
        assert!(html.contains("href=\"../bodies/x.ics\""), "{html}");
        assert!(!html.contains("<script>alert"));
        assert!(html.ends_with("</html>\n"), "{html}");
    }

    #[test]
    fn counts_are_grouped_by_thousands_in_the_page_language() {
        for (lang, grouped) in [
            (crate::site::i18n::Lang::Vi, "38.405"),
            (crate::site::i18n::Lang::En, "38,405"),
        ] {
            let words = Catalogue::of(lang);
            let frame = frame(&words, "", "index");
            let page = IndexPage {
                overdue: Vec::new(),
                overdue_total: 38405,
                overdue_more: None,
                soon: Vec::new(),
                soon_total: 0,
                soon_more: None,
                soon_from: frame.today,
                counts: Vec::new(),
                tree: Vec::new(),
            };
            let mut html = String::new();
            page.render_into(&frame, &mut html).expect("renders");
            let count = format!("<span class=\"count\">{grouped}</span>");
            assert_eq!(html.matches(&count).count(), 2, "{html}");
        }
    }

    #[test]
    fn the_escaper_leaves_slashes_and_other_text_alone() {
        let mut out = String::new();
        Html.write_escaped_str(&mut out, "a/b <c> & 'd' \"e\" — đ")
            .expect("written");
        assert_eq!(out, "a/b &lt;c&gt; &amp; &#x27;d&#x27; &quot;e&quot; — đ");
    }

    #[test]
    fn controls_and_bidirectional_overrides_are_shown_not_obeyed() {
        let mut out = String::new();
        let text = "a\u{1b}]0;x\u{7}b \u{202e}cba\u{2066} \u{9b}2J\u{7f} “Sở”\r\n— Tư pháp";
        Html.write_escaped_str(&mut out, text).expect("written");
        assert_eq!(
            out,
            "a\\u{1b}]0;x\\u{7}b \\u{202e}cba\\u{2066} \\u{9b}2J\\u{7f} “Sở”\r\n— Tư pháp"
        );
    }

    #[test]
    fn coordinates_keep_their_point() {
        let shown: Vec<String> = [320.0, 61.6, -0.0, 127.0 - 3.0, 1e20]
            .iter()
            .map(|x| x.num().to_string())
            .collect();
        assert_eq!(
            shown,
            ["320.0", "61.6", "-0.0", "124.0", "100000000000000000000.0"]
        );
    }

    #[test]
    fn an_absent_or_empty_text_is_not_shown() {
        let none: Option<String> = None;
        assert_eq!(none.or_text("—"), "—");
        assert_eq!(Some(String::new()).or_text("—"), "—");
        assert_eq!(Some("x").or_text("—"), "x");
    }
}
