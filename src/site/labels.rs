//! The column names of the long listings, as a style sheet.
//!
//! On a phone a listing's rows are cards, each cell under its column's
//! name. A short table (a target's years, the counts of a province) names
//! its column on each cell (`data-label`); the listings of duties, of
//! deadlines and of a plan's tasks have thousands of rows on a national
//! repository, so they name their columns once, here, in the site's
//! language: the body pages were a fifth smaller for it.

use std::fmt::Write as _;

use super::i18n::Catalogue;

/// The listings whose cells are named here: each table's class, and its
/// columns' names in their order (the template's `<th scope="col">`s are
/// the same words in the same order: tested).
pub fn listings(words: &Catalogue) -> [(&'static str, Vec<&'static str>); 3] {
    [
        (
            "duties",
            vec![
                words.next_deadline,
                words.role,
                words.task,
                words.plan,
                words.due_rule,
            ],
        ),
        (
            "deadlines",
            vec![
                words.deadline,
                words.task,
                words.plan,
                words.lead,
                words.support,
            ],
        ),
        (
            "tasks",
            vec![
                words.reference,
                words.task,
                words.lead,
                words.support,
                words.due_rule,
                words.next_deadline,
            ],
        ),
    ]
}

/// The width below which listings are cards: the style sheet's own.
const PHONE: &str = "(max-width: 40rem)";

/// `assets/labels.css`: each listing's column names above its cells, on a
/// phone only (as the style sheet's cards).
pub fn stylesheet(words: &Catalogue) -> String {
    let mut css = String::from(
        "/* The column names of the long listings, above each cell of their cards. */\n",
    );
    let _ = writeln!(css, "@media {PHONE} {{");
    for (table, columns) in listings(words) {
        for (n, name) in (1..).zip(columns) {
            let _ = writeln!(
                css,
                "  .{table} td:nth-child({n})::before {{ content: {}; }}",
                css_string(name)
            );
        }
    }
    css.push_str("}\n");
    css
}

/// `text` as a CSS string: quoted, with a backslash before `"` and `\`,
/// and any other character that could end the string or the rule written
/// as a hexadecimal escape.
fn css_string(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                quoted.push('\\');
                quoted.push(c);
            }
            c if c.is_control() || c == '<' || c == '>' => {
                let _ = write!(quoted, "\\{:x} ", u32::from(c));
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::i18n::Lang;

    #[test]
    fn a_word_is_a_css_string_whatever_it_holds() {
        assert_eq!(css_string("Thời hạn tới"), "\"Thời hạn tới\"");
        assert_eq!(css_string(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(css_string("x\n</style>"), "\"x\\a \\3c /style\\3e \"");
    }

    #[test]
    fn each_listing_names_its_columns_on_a_phone_in_the_sites_language() {
        let css = stylesheet(&Catalogue::of(Lang::Vi));
        assert!(css.starts_with("/* The column names"), "{css}");
        assert!(css.contains("@media (max-width: 40rem) {\n"), "{css}");
        assert!(
            css.contains("  .duties td:nth-child(2)::before { content: \"Vai trò\"; }\n"),
            "{css}"
        );
        let english = stylesheet(&Catalogue::of(Lang::En));
        assert!(
            english.contains(".tasks td:nth-child(3)::before { content: \"Lead\"; }"),
            "{english}"
        );
        assert!(css.ends_with("}\n"), "{css}");
        let style = include_str!("assets/style.css");
        assert!(
            style.contains(&format!("@media {PHONE} {{")),
            "the cards' width"
        );
    }
}
