//! Serde mirrors of the TOML files, exactly as written, with byte spans.
//!
//! The parse phase: serde mirrors of the TOML files, exactly as written,
//! with byte spans. Nothing here is validated: `validate` turns these into
//! the model and reports every problem. Polymorphic fields (`period`,
//! `issued`, `due`, name lists) are decoded by hand-written visitors (`de`)
//! because `toml::Spanned` loses its spans inside untagged enums and under
//! `#[serde(flatten)]`.

mod de;
mod parse;
mod progress;
mod shapes;

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

pub use de::{DateOrText, Entry, OneOrMany};
pub use parse::{fields, parse, Failure, Parsed};
pub use progress::{RawActual, RawMeasured, RawProgress, RawProgressEntries, RawReport};

/// A spanned optional string field, the most common shape in plan files.
pub type Text = Option<Spanned<String>>;

/// A whole TOML file as gplan sees it: a plan when it has a `[plan]` table.
pub type RawFile = RawFileOf<RawPlan, RawTarget, RawTask>;

/// A plan file read entry by entry (see [`Entry`]), after it failed whole.
pub type RawFileEntries = RawFileOf<Entry<RawPlan>, Entry<RawTarget>, Entry<RawTask>>;

/// The tables of a plan file; generic so the same reader serves the strict
/// pass ([`RawFile`]) and the entry-by-entry one ([`RawFileEntries`]).
#[derive(Debug, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawFileOf<P, T, K> {
    #[schemars(with = "RawPlan")]
    pub plan: Option<Spanned<P>>,
    #[schemars(rename = "target", with = "Option<Vec<RawTarget>>")]
    pub targets: Vec<Spanned<T>>,
    #[schemars(rename = "task", with = "Option<Vec<RawTask>>")]
    pub tasks: Vec<Spanned<K>>,
    /// Top-level keys gplan does not know, kept to report them in plan files.
    #[schemars(skip)]
    pub unknown_keys: Vec<Spanned<String>>,
    /// Some `[[task]]` or `[[target]]` tables were left out for an error
    /// (set once the file is read entry by entry).
    #[schemars(skip)]
    pub left_out: bool,
}

/// Top-level keys of a plan file, for "did you mean" on unknown ones.
pub const FILE_KEYS: &[&str] = &["plan", "target", "task"];

/// The `[plan]` table.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, expecting = "the table `[plan]`")]
pub struct RawPlan {
    /// Unique id in the repository, [a-z0-9-./], e.g. "lai-chau/kh-01-2023".
    #[schemars(with = "Option<String>", required)]
    pub id: Text,
    /// Document number ("Số, ký hiệu"), e.g. "01/BVSTBPN-VP"; leave out if the document has none.
    #[schemars(with = "Option<String>")]
    pub number: Text,
    /// strategy | program | plan | decision | resolution | directive | other (default: plan).
    #[schemars(with = "Option<String>")]
    pub kind: Text,
    /// The document's title, as written.
    #[schemars(with = "Option<String>", required)]
    pub title: Text,
    /// The issuing body, a name from the registry.
    #[schemars(with = "Option<String>", required)]
    pub issuer: Text,
    /// Registry jurisdiction id ("vn" for national documents).
    #[schemars(with = "Option<String>")]
    pub jurisdiction: Text,
    /// Issue date; "YYYY-MM" or "YYYY" when the document leaves the day or month blank.
    #[schemars(with = "Option<shapes::IssueDate>")]
    pub issued: Option<Spanned<DateOrText>>,
    /// The years or days the plan covers: 2023, [2021, 2030] or [2023-01-01, 2023-12-31].
    #[schemars(with = "Option<shapes::Period>", required)]
    pub period: Option<Spanned<toml::Value>>,
    /// Parent plans in this repository, by id or by a document number only one plan has.
    #[schemars(with = "Option<shapes::Names>")]
    pub implements: Option<Spanned<OneOrMany<String>>>,
    /// Documents outside the repository (letters, guidance), by number.
    #[schemars(with = "Option<shapes::Names>")]
    pub cites: Option<Spanned<OneOrMany<String>>>,
    /// Who signed the document.
    #[schemars(with = "Option<RawSigner>")]
    pub signer: Option<Spanned<RawSigner>>,
    /// "Nơi nhận": who the document was sent to.
    #[schemars(with = "Option<shapes::Names>")]
    pub recipients: Option<Spanned<OneOrMany<String>>>,
    /// Where the money comes from, as written.
    #[schemars(with = "Option<String>")]
    pub funding: Text,
    /// Free text.
    #[schemars(with = "Option<String>")]
    pub note: Text,
}

/// `signer = { name, position, capacity }`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    expecting = "a table such as `signer = { name = \"…\", position = \"…\", capacity = \"…\" }`"
)]
pub struct RawSigner {
    /// Full name.
    pub name: Option<String>,
    /// Position, e.g. "Phó Chủ tịch UBND tỉnh".
    pub position: Option<String>,
    /// Capacity in which they signed, e.g. "KT. Chủ tịch".
    pub capacity: Option<String>,
}

/// A `[[target]]` table.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, expecting = "a `[[target]]` table")]
pub struct RawTarget {
    /// Unique within the plan (shared with task ids), [a-z0-9-.].
    #[schemars(with = "Option<String>", required)]
    pub id: Text,
    /// What is measured, as the document writes it.
    #[schemars(with = "Option<String>", required)]
    pub text: Text,
    /// The document's own numbering, e.g. "Mục tiêu 2, chỉ tiêu 1".
    #[serde(rename = "ref")]
    #[schemars(with = "Option<String>")]
    pub section: Text,
    /// numeric (the default) or qualitative (a content, no figures: give `by`).
    #[schemars(with = "Option<String>")]
    pub kind: Text,
    /// A qualitative target: the year it is due by.
    #[schemars(with = "Option<i32>")]
    pub by: Option<Spanned<toml::Value>>,
    /// Unit of the milestones, e.g. "%"; "%" values must lie in 0..=100.
    #[schemars(with = "Option<String>")]
    pub unit: Text,
    /// at-least ("đạt", "ít nhất"; the default), above ("trên"), at-most ("không quá", "giảm xuống còn"), below ("dưới") or about ("khoảng", "ở mức").
    #[schemars(with = "Option<String>")]
    pub direction: Text,
    /// The starting figure, e.g. { year = 2020, value = 23 } ("giảm từ 23 xuống 18"); `year` optional.
    #[schemars(with = "Option<shapes::Baseline>")]
    pub baseline: Option<Spanned<toml::Value>>,
    /// Groups each milestone applies to, e.g. ["nam", "nữ"].
    #[schemars(with = "Option<Vec<String>>")]
    pub groups: Option<Spanned<Vec<Spanned<String>>>>,
    /// Year = value, year = [low, high] for a band ("30-40%"), or year = { group = value, … }.
    #[schemars(with = "Option<shapes::Milestones>")]
    pub milestones: Option<Spanned<BTreeMap<Spanned<String>, Spanned<toml::Value>>>>,
    /// From the first milestone year on, the value must hold every year ("từ năm 2025 trở đi").
    #[schemars(with = "Option<bool>")]
    pub sustained: Option<Spanned<bool>>,
    /// The parent target this one makes concrete: "plan-id#target-id".
    #[schemars(with = "Option<String>")]
    pub refines: Text,
    /// Free text.
    #[schemars(with = "Option<String>")]
    pub note: Text,
}

/// A `[[task]]` table.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, expecting = "a `[[task]]` table")]
pub struct RawTask {
    /// Unique within the plan (shared with target ids), [a-z0-9-.].
    #[schemars(with = "Option<String>", required)]
    pub id: Text,
    /// The document's own section number, e.g. "II.3" or "IV.1.b".
    #[serde(rename = "ref")]
    #[schemars(with = "Option<String>")]
    pub section: Text,
    /// The duty, as the document writes it.
    #[schemars(with = "Option<String>", required)]
    pub title: Text,
    /// "Chủ trì": the body (or bodies) leading the task.
    #[schemars(with = "Option<shapes::Names>")]
    pub lead: Option<Spanned<OneOrMany<String>>>,
    /// "Phối hợp": the bodies supporting it.
    #[schemars(with = "Option<shapes::Names>")]
    pub support: Option<Spanned<OneOrMany<String>>>,
    /// "Đề nghị": bodies the issuer asks but cannot direct.
    #[schemars(with = "Option<shapes::Names>")]
    pub requested: Option<Spanned<OneOrMany<String>>>,
    /// Who receives the result or report.
    #[schemars(with = "Option<shapes::Names>")]
    pub report_to: Option<Spanned<OneOrMany<String>>>,
    /// When: a date, "2023", "2023-Q2", "2023-06", "A..B", "yearly 12-05", "yearly 11-15..12-15", "end" (the last day of the plan period), or a list; absent = ongoing.
    #[schemars(with = "Option<shapes::Due>")]
    pub due: Option<Spanned<OneOrMany<DateOrText>>>,
    /// A deadline that is a condition, as written ("khi có hướng dẫn mới của Trung ương"); gives no dated occurrence.
    #[schemars(with = "Option<String>")]
    pub when: Text,
    /// The parent task: "plan-id#task-id".
    #[schemars(with = "Option<String>")]
    pub implements: Text,
    /// The function of a dissolved body the duty belongs to, e.g. "trẻ em":
    /// its duties pass to the successor the registry lists for it.
    #[schemars(with = "Option<String>")]
    pub function: Text,
    /// Free text.
    #[schemars(with = "Option<String>")]
    pub note: Text,
}

/// `plans/registry.toml`.
#[derive(Debug, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRegistry {
    #[serde(default)]
    #[schemars(with = "Vec<RawJurisdiction>")]
    pub jurisdiction: Vec<Spanned<RawJurisdiction>>,
    #[serde(default)]
    #[schemars(with = "Vec<RawOrg>")]
    pub org: Vec<Spanned<RawOrg>>,
}

/// A `[[jurisdiction]]` of the registry.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, expecting = "a `[[jurisdiction]]` table")]
pub struct RawJurisdiction {
    /// Id used by plans, e.g. "lai-chau"; "vn" for the nation.
    #[schemars(with = "Option<String>", required)]
    pub id: Text,
    /// Name, e.g. "Lai Châu".
    #[schemars(with = "Option<String>")]
    pub name: Text,
    /// nation | province | district | commune.
    #[schemars(with = "Option<String>")]
    pub level: Text,
    /// "city" for a thành phố trực thuộc Trung ương (its plans write "Thành phố" for "tỉnh").
    #[schemars(with = "Option<String>")]
    pub kind: Text,
    /// The jurisdiction above, e.g. "vn".
    #[schemars(with = "Option<String>")]
    pub parent: Text,
    /// The jurisdiction it merged into.
    #[schemars(with = "Option<String>")]
    pub merged_into: Text,
    /// When it merged; later duties pass to `merged_into`.
    #[schemars(with = "Option<shapes::Date>")]
    pub merged_on: Option<Spanned<DateOrText>>,
}

/// An `[[org]]` of the registry.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, expecting = "an `[[org]]` table")]
pub struct RawOrg {
    /// Canonical name.
    #[schemars(with = "Option<String>", required)]
    pub name: Text,
    /// The usual short form, e.g. "Sở LĐTB&XH".
    #[schemars(with = "Option<String>")]
    pub short: Text,
    /// Other spellings the documents use.
    #[schemars(with = "Option<shapes::Names>")]
    pub aliases: Option<Spanned<OneOrMany<String>>>,
    /// nation | province | district | commune | unit (an office inside the issuing body) | group.
    #[schemars(with = "Option<String>", required)]
    pub level: Text,
    /// When the body ceased to exist; later duties pass to `successor`.
    #[schemars(with = "Option<shapes::Date>")]
    pub dissolved: Option<Spanned<DateOrText>>,
    /// The body that took over its duties (a registry name); the default
    /// successor when `successors` lists others by function.
    #[schemars(with = "Option<String>")]
    pub successor: Text,
    /// The bodies that took over its duties, by function: exactly one
    /// entry (or `successor`) without `functions` is the default.
    #[schemars(with = "Option<Vec<RawSuccessor>>")]
    pub successors: Option<Vec<Spanned<RawSuccessor>>>,
    /// For a `group`: the registry bodies it is made of.
    #[schemars(with = "Option<Vec<String>>")]
    pub members: Option<Vec<Spanned<String>>>,
    /// Free text.
    #[schemars(with = "Option<String>")]
    pub note: Text,
}

/// One entry of an org's `successors`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    expecting = "a table such as `{ org = \"…\", functions = [\"…\"] }`"
)]
pub struct RawSuccessor {
    /// The body that took over (a registry name).
    #[schemars(with = "Option<String>", required)]
    pub org: Text,
    /// The functions it took over, as tasks write them in `function`;
    /// absent for the default successor, which takes the rest.
    #[schemars(with = "Option<Vec<String>>")]
    pub functions: Option<Vec<Spanned<String>>>,
}

/// `plans/documents.toml`: the documents plans implement or cite that the
/// repository does not encode (national decisions, letters, party documents).
#[derive(Debug, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCatalogue {
    #[serde(default)]
    #[schemars(with = "Vec<RawDocument>")]
    pub document: Vec<Spanned<RawDocument>>,
}

/// A `[[document]]` of the catalogue.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, expecting = "a `[[document]]` table")]
pub struct RawDocument {
    /// Document number ("Số, ký hiệu"), e.g. "2232/QĐ-TTg"; unique across catalogue and plans.
    #[schemars(with = "Option<String>", required)]
    pub number: Text,
    /// The document's title, as written; leave out when only the number is known.
    #[schemars(with = "Option<String>")]
    pub title: Text,
    /// The issuing body, a name from the registry.
    #[schemars(with = "Option<String>")]
    pub issuer: Text,
    /// Issue date; "YYYY-MM" or "YYYY" when the day or month is unknown.
    #[schemars(with = "Option<shapes::IssueDate>")]
    pub issued: Option<Spanned<DateOrText>>,
    /// A plan kind, or law | letter | guidance | party.
    #[schemars(with = "Option<String>")]
    pub kind: Text,
    /// Where the text can be read.
    #[schemars(with = "Option<String>")]
    pub url: Text,
    /// Free text.
    #[schemars(with = "Option<String>")]
    pub note: Text,
}

/// The catalogue read entry by entry (see [`Entry`]).
#[derive(Debug, Deserialize, Default)]
pub struct RawCatalogueEntries {
    #[serde(default)]
    pub document: Vec<Spanned<Entry<RawDocument>>>,
}

/// `gplan.toml` at the repository root.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawConfigFile {
    #[serde(default)]
    pub gplan: RawConfig,
    #[serde(default)]
    pub check: RawCheckConfig,
}

/// The `[check]` table of `gplan.toml`.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawCheckConfig {
    /// Rule code → `"allow"`, `"warning"` or `"error"`.
    #[serde(default)]
    pub levels: BTreeMap<Spanned<String>, Spanned<String>>,
}

/// The `[gplan]` table of `gplan.toml`.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    /// Each path with where it is written, for the messages about it.
    pub plans: Option<Vec<Spanned<String>>>,
    pub registry: Option<Spanned<String>>,
    pub documents: Option<Spanned<String>>,
    /// Folders holding progress files (default: `progress` when it
    /// exists).
    pub progress: Option<Vec<Spanned<String>>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = r#"
[plan]
id = "x/a"
issued = 2023-03-23
period = [2023-01-01, 2023-12-31]
implements = ["p", "q"]

[[task]]
id = "t1"
lead = "Sở Nội vụ"
due = ["yearly 06-05", 2023-12-05]

[[task]]
id = "t2"
due = "2023-Q2"
"#;

    #[test]
    fn spans_survive_polymorphic_fields() {
        let file: RawFile = toml::from_str(PLAN).expect("fixture parses");
        let plan = file.plan.expect("has a plan");
        let implements = plan.get_ref().implements.as_ref().expect("implements");
        let items = implements.get_ref().items(implements.span());
        assert_eq!(&PLAN[items[1].1.clone()], "\"q\"");
        let due = file.tasks[0].get_ref().due.as_ref().expect("due");
        let items = due.get_ref().items(due.span());
        assert_eq!(&PLAN[items[0].1.clone()], "\"yearly 06-05\"");
        assert!(matches!(items[1].0, DateOrText::Date(_)));
        assert_eq!(&PLAN[items[1].1.clone()], "2023-12-05");
        let header = file.tasks[1].span();
        assert_eq!(&PLAN[header.clone()], "[[task]]");
        assert_eq!(PLAN[..header.start].lines().count(), 12);
    }

    #[test]
    fn unknown_field_error_has_a_span() {
        let err = toml::from_str::<RawFile>("[plan]\ntitel = \"x\"\n").unwrap_err();
        assert!(
            err.message().contains("unknown field `titel`"),
            "{}",
            err.message()
        );
        assert_eq!(err.span(), Some(7..12));
    }
}

/// The registry read entry by entry (see [`Entry`]).
#[derive(Debug, Deserialize, Default)]
pub struct RawRegistryEntries {
    #[serde(default)]
    pub jurisdiction: Vec<Spanned<Entry<RawJurisdiction>>>,
    #[serde(default)]
    pub org: Vec<Spanned<Entry<RawOrg>>>,
}
