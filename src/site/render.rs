//! The templates (`templates/*.html`, built into the binary) and the one
//! function that fills them. MiniJinja escapes every value in an `.html`
//! template: text from plan files can never become markup.

use minijinja::value::Serde;
use minijinja::value::Value;
use minijinja::{context, escape_formatter, AutoEscape, Environment, Output, State};
use serde::Serialize;

use crate::site::i18n::Catalogue;
use crate::site::pages::Day;

/// What every page shows around its content.
pub struct Frame<'a> {
    /// The catalogue's words, converted for the templates once per site.
    pub words: &'a Value,
    /// Leads from the page back to the site's root: `""` or `"../"`.
    pub root: &'a str,
    /// The navigation entry of the page (`home`, `bodies`, `calendar`).
    pub current: &'a str,
    pub today: &'a Day,
    /// A body's feed at the site's published address, when it is known.
    pub feed_url: Option<&'a str>,
}

/// The catalogue as the templates read it (`t.key`): converted once, then
/// shared by every page.
pub fn words_value(words: &Catalogue) -> Value {
    Value::from(Serde(words.words()))
}

/// The templates, compiled once per run.
pub struct Templates {
    env: Environment<'static>,
}

/// The page kinds, by template name.
pub const INDEX: &str = "index.html";
pub const PLAN: &str = "plan.html";
pub const BODY: &str = "body.html";
pub const BODIES: &str = "bodies.html";
pub const CALENDAR: &str = "calendar.html";
/// One month's section of the calendar (see [`Templates::fragment`]).
pub const CALENDAR_MONTH: &str = "calendar_month.html";

impl Templates {
    /// Compiles every template.
    pub fn new() -> Templates {
        let mut env = Environment::new();
        env.set_formatter(escape);
        let sources = [
            ("base.html", include_str!("../../templates/base.html")),
            ("macros.html", include_str!("../../templates/macros.html")),
            (INDEX, include_str!("../../templates/index.html")),
            (PLAN, include_str!("../../templates/plan.html")),
            (BODY, include_str!("../../templates/body.html")),
            (BODIES, include_str!("../../templates/bodies.html")),
            (CALENDAR, include_str!("../../templates/calendar.html")),
            (
                CALENDAR_MONTH,
                include_str!("../../templates/calendar_month.html"),
            ),
        ];
        for (name, source) in sources {
            env.add_template(name, source)
                .expect("the built-in templates compile (tested)");
        }
        Templates { env }
    }

    /// One page in its frame.
    pub fn page<P: Serialize>(
        &self,
        template: &str,
        frame: &Frame,
        page: &P,
    ) -> Result<String, minijinja::Error> {
        let template = self.env.get_template(template)?;
        let mut html = template.render(context! {
            t => frame.words.clone(),
            root => frame.root,
            current => frame.current,
            today => Serde(frame.today),
            feed_url => frame.feed_url,
            page => Serde(page),
        })?;
        html.push('\n');
        Ok(html)
    }
}

impl Templates {
    /// A part of a page, `part` as `m`, with the words and the way back to
    /// the site's root: a page with too many rows to hold at once is
    /// written a part at a time, and the parts put into it as written.
    pub fn fragment<P: Serialize>(
        &self,
        template: &str,
        frame: &Frame,
        part: &P,
    ) -> Result<String, minijinja::Error> {
        let template = self.env.get_template(template)?;
        template.render(context! {
            t => frame.words.clone(),
            root => frame.root,
            m => Serde(part),
        })
    }
}

/// MiniJinja's HTML escaping, less the escaping of `/` (`&#x2f;`), which
/// HTML does not need and which makes every link unreadable. `&`, `<`,
/// `>`, `"` and `'` are still escaped in every value not marked safe.
fn escape(out: &mut Output, state: &mut State, value: &Value) -> Result<(), minijinja::Error> {
    match value.as_str() {
        Some(text) if *state.auto_escape() == AutoEscape::Html && !value.is_safe() => {
            write_escaped(out, text).map_err(minijinja::Error::from)
        }
        _ => escape_formatter(out, state, value),
    }
}

/// Writes `text` with the five characters escaped, straight into the page:
/// runs without them are copied whole, so no value needs a buffer.
fn write_escaped(out: &mut Output, text: &str) -> std::fmt::Result {
    let mut from = 0;
    for (at, c) in text.char_indices() {
        let entity = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&#x27;",
            _ => continue,
        };
        out.write_str(&text[from..at])?;
        out.write_str(entity)?;
        from = at + 1;
    }
    out.write_str(&text[from..])
}

impl Default for Templates {
    fn default() -> Self {
        Templates::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn text_from_plans_is_escaped_and_links_stay_readable() {
        let words = Catalogue::of(crate::site::i18n::Lang::Vi);
        let today = Day {
            iso: "2026-11-28".into(),
            text: words.date(NaiveDate::from_ymd_opt(2026, 11, 28).expect("a date")),
        };
        let frame = Frame {
            words: &words_value(&words),
            root: "../",
            current: "",
            today: &today,
            feed_url: None,
        };
        let page = crate::site::pages::BodyPage {
            name: "<script>alert(1)</script> & \"Sở\"".into(),
            scope: "x".into(),
            feed: "bodies/x.ics".into(),
            rows: Vec::new(),
        };
        let html = Templates::new().page(BODY, &frame, &page).expect("renders");
        assert!(
            html.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Sở&quot;</h1>"),
            "{html}"
        );
        assert!(html.contains("href=\"../bodies/x.ics\""), "{html}");
        assert!(!html.contains("<script>alert"));
    }
}
