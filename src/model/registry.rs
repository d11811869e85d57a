//! The bodies and places of the registry: who owes, where, and who took
//! over when a body was dissolved.

use std::ops::Range;

use chrono::NaiveDate;

use super::Located;

/// How far a body's authority reaches; decides how a generic name is scoped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum OrgLevel {
    Nation,
    Province,
    District,
    /// Xã, phường, đặc khu: the level below the province since 1 July 2025.
    Commune,
    Unit,
    Group,
}

impl OrgLevel {
    /// Every level with the word used in the registry.
    pub const ALL: &'static [(&'static str, OrgLevel)] = &[
        ("nation", OrgLevel::Nation),
        ("province", OrgLevel::Province),
        ("district", OrgLevel::District),
        ("commune", OrgLevel::Commune),
        ("unit", OrgLevel::Unit),
        ("group", OrgLevel::Group),
    ];
}

/// A province, district or the nation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Jurisdiction {
    pub id: String,
    pub name: String,
    pub level: Option<OrgLevel>,
    /// `kind = "city"`: a thành phố trực thuộc Trung ương, whose plans
    /// write "Thành phố" where a province writes "tỉnh".
    pub city: bool,
    pub parent: Option<Located<String>>,
    pub merged_into: Option<Located<String>>,
    pub merged_on: Option<NaiveDate>,
    pub span: Range<usize>,
}

/// A body that leads, supports, receives reports or issues plans.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Org {
    pub name: String,
    pub short: Option<String>,
    pub aliases: Vec<String>,
    pub level: OrgLevel,
    pub dissolved: Option<NaiveDate>,
    /// Who took over its duties: `successor` first (the default), then
    /// `successors` as written. `check` makes sure exactly one entry is the
    /// default; queries take the first default they find.
    pub successors: Vec<Successor>,
    /// For a group: the bodies it is made of, as written in the registry.
    pub members: Vec<Located<String>>,
    pub span: Range<usize>,
}

/// A body that took over some (or the rest) of a dissolved body's duties.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Successor {
    pub org: Located<String>,
    /// The functions it took, as written; empty for the default successor.
    pub functions: Vec<String>,
    /// The same, normalised, for matching a task's `function`.
    pub keys: Vec<String>,
    /// Where the entry was written (the whole `successor` value or
    /// `successors` entry).
    pub span: Range<usize>,
}

impl Successor {
    /// Whether this is the default successor: it takes what no other
    /// entry lists.
    pub fn is_default(&self) -> bool {
        self.functions.is_empty()
    }
}

impl Org {
    /// The body that took over a duty of `function` (normalised): the
    /// successor listing it, else the default.
    pub fn successor_for(&self, function: Option<&str>) -> Option<&Successor> {
        let listed = function.and_then(|f| {
            self.successors
                .iter()
                .find(|s| s.keys.iter().any(|g| g == f))
        });
        listed.or_else(|| self.successors.iter().find(|s| s.is_default()))
    }

    /// The default successor, the one that took what no function names.
    pub fn default_successor(&self) -> Option<&Successor> {
        self.successor_for(None)
    }

    /// Every name the body is known by: canonical, short, aliases.
    pub fn all_names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str())
            .chain(self.short.as_deref())
            .chain(self.aliases.iter().map(String::as_str))
    }
}
