//! File names for pages: plain ASCII, unique, the same on every run.
//! A plan's page is named after its id (`lai-chau/kh-01-2023` →
//! `lai-chau_kh-01-2023`: ids never hold `_`), a body's after its folded
//! name and scope. Names that would collide get `-2`, `-3` … in the order
//! they are given, which callers keep sorted.

use std::collections::HashSet;

use crate::names::fold;

/// The longest name a page gets before its extension: file systems allow
/// 255 bytes, and a body's name in a plan can be a whole sentence.
const MAX_LEN: usize = 96;

/// Hands out unique names.
#[derive(Debug, Default)]
pub struct Slugs {
    taken: HashSet<String>,
}

impl Slugs {
    /// A unique name for `text`: lower-case ASCII letters, digits, `-`,
    /// `_` and `.`, never empty, never starting with `.`.
    pub fn unique(&mut self, text: &str) -> String {
        let base = clean(text);
        let mut name = base.clone();
        let mut n = 1;
        while !self.taken.insert(name.clone()) {
            n += 1;
            name = format!("{base}-{n}");
        }
        name
    }
}

/// A plan id as a file name: `/` becomes `_`.
pub fn plan(id: &str) -> String {
    clean(&id.replace('/', "_"))
}

/// A body in a scope as a file name: both folded (no diacritics, `đ` is `d`).
pub fn body(org: &str, scope: &str) -> String {
    clean(&format!("{}_{}", fold(scope), fold(org)))
}

fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = c.to_ascii_lowercase();
        let keep = c.is_ascii_alphanumeric() || matches!(c, '_' | '.');
        let c = if keep { c } else { '-' };
        if c == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        if out.len() >= MAX_LEN {
            break;
        }
        out.push(c);
    }
    let out = out.trim_start_matches('.').trim_end_matches('-');
    if out.is_empty() {
        "page".to_owned()
    } else {
        out.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_plain_ascii_and_unique() {
        assert_eq!(plan("lai-chau/kh-01-2023"), "lai-chau_kh-01-2023");
        assert_eq!(body("Sở Nội vụ", "lai-chau"), "lai-chau_so-noi-vu");
        assert_eq!(body("Sở Nội vụ", "lai-chau"), body("So Noi vu", "lai-chau"));
        assert_eq!(plan("../.."), "_..");
        assert_eq!(plan("???"), "page");
        assert!(body(&"Đ".repeat(1000), "x").len() <= MAX_LEN);
        let mut slugs = Slugs::default();
        assert_eq!(slugs.unique("a"), "a");
        assert_eq!(slugs.unique("a"), "a-2");
        assert_eq!(slugs.unique("A"), "a-3");
    }
}
