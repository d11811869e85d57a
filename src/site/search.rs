//! The search index: every plan, task and body with its text folded the
//! way `names::fold` folds names (no diacritics, `đ` = `d`, one tone
//! placement), and punctuation turned into spaces, so "so noi vu", an NFD
//! "Sở Nội vụ", "Uỷ" and "Ủy" all find the same pages. It is a script
//! that assigns a variable (not JSON fetched at run time), because
//! browsers refuse `fetch` on `file://` pages.

use serde::Serialize;

use crate::names::fold;
use crate::render::terminal::escape;

/// What a search result is.
#[derive(Debug, Clone, Copy, Serialize)]
pub enum Kind {
    #[serde(rename = "plan")]
    Plan,
    #[serde(rename = "task")]
    Task,
    #[serde(rename = "body")]
    Body,
}

/// One entry: kind, label, detail, page from the site's root, folded text.
#[derive(Debug, Serialize)]
pub struct Entry(pub Kind, pub String, pub String, pub String, pub String);

impl Entry {
    /// An entry found by `label` and `detail`, which a result shows as
    /// the pages do: a control or bidirectional character as `\u{1b}`.
    pub fn new(kind: Kind, label: &str, detail: &str, href: String) -> Entry {
        let folded = searchable(&format!("{label} {detail}"));
        let shown = |text: &str| escape(text).into_owned();
        Entry(kind, shown(label), shown(detail), href, folded)
    }

    /// The entry, found by `names` too (a body's short name and aliases
    /// from the registry: "LĐTBXH" finds "Sở Lao động - Thương binh và Xã
    /// hội", as on the command line).
    pub fn also_found_by<'n>(mut self, names: impl IntoIterator<Item = &'n str>) -> Entry {
        for name in names {
            let folded = searchable(name);
            if !folded.is_empty() {
                self.4.push(' ');
                self.4.push_str(&folded);
            }
        }
        self
    }
}

/// Text as the search compares it: folded, letters and digits only,
/// single spaces. The page's script does the same to what is typed.
pub fn searchable(text: &str) -> String {
    let folded = fold(text);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.join(" ")
}

/// The most tasks the index holds: a province's repository has a few
/// thousand, and the browser loads and searches them at once; a national
/// one has hundreds of thousands (over 100 MB of index), so beyond this
/// its search finds plans and bodies only (each plan page lists its tasks).
pub const MAX_TASKS: usize = 20_000;

/// The index as a script: `window.GPLAN_SEARCH = [...];`.
pub fn script(entries: &[Entry]) -> String {
    let json = serde_json::to_string(entries).unwrap_or_else(|_| "[]".to_owned());
    format!("window.GPLAN_SEARCH = {json};\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_folds_to_the_same_words() {
        let nfd: String = unicode_normalization::UnicodeNormalization::nfd("Sở Nội vụ").collect();
        for text in ["Sở Nội vụ", "so noi vu", "SỞ NỘI VỤ", nfd.as_str()] {
            assert_eq!(searchable(text), "so noi vu", "{text:?}");
        }
        assert_eq!(searchable("Uỷ ban"), searchable("Ủy ban"));
        assert_eq!(
            searchable("Sở Lao động - Thương binh"),
            "so lao dong thuong binh"
        );
        assert_eq!(
            script(&[Entry::new(Kind::Body, "Sở Nội vụ", "Lai Châu", "bodies/x.html".into())]),
            "window.GPLAN_SEARCH = [[\"body\",\"Sở Nội vụ\",\"Lai Châu\",\"bodies/x.html\",\"so noi vu lai chau\"]];\n"
        );
    }

    #[test]
    fn a_body_is_found_by_its_short_name_and_aliases() {
        let entry = Entry::new(
            Kind::Body,
            "Sở Lao động - Thương binh và Xã hội",
            "Hưng Yên",
            "b.html".into(),
        )
        .also_found_by(["Sở LĐTBXH", "LĐTB&XH", ""]);
        assert_eq!(
            entry.4,
            "so lao dong thuong binh va xa hoi hung yen so ldtbxh ldtb xh"
        );
    }

    #[test]
    fn a_result_shows_controls_and_overrides_escaped() {
        let entry = Entry::new(Kind::Task, "Báo cáo \u{202e}x\u{1b}", "", "p.html".into());
        assert_eq!(entry.1, "Báo cáo \\u{202e}x\\u{1b}");
        assert_eq!(entry.4, "bao cao x");
    }
}
