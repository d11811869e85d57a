//! Serde mirrors of the TOML files, exactly as written, with byte spans.
//!
//! Nothing here is validated: `load` turns these into the model and reports
//! every problem. Polymorphic fields (`period`, `issued`, `due`, name lists)
//! are decoded by hand-written visitors because `toml::Spanned` loses its
//! spans inside untagged enums and under `#[serde(flatten)]`.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use schemars::JsonSchema;
use serde::de::value::MapAccessDeserializer;
use serde::de::{self, Deserializer, IgnoredAny, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use toml::value::Datetime;
use toml::Spanned;

/// A spanned optional string field, the most common shape in plan files.
pub type Text = Option<Spanned<String>>;

/// A whole TOML file as gplan sees it: a plan when it has a `[plan]` table.
#[derive(Debug, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawFile {
    #[schemars(with = "RawPlan")]
    pub plan: Option<Spanned<RawPlan>>,
    #[schemars(rename = "target", with = "Option<Vec<RawTarget>>")]
    pub targets: Vec<Spanned<RawTarget>>,
    #[schemars(rename = "task", with = "Option<Vec<RawTask>>")]
    pub tasks: Vec<Spanned<RawTask>>,
    /// Top-level keys gplan does not know, kept to report them in plan files.
    #[schemars(skip)]
    pub unknown_keys: Vec<Spanned<String>>,
}

/// Top-level keys of a plan file, for "did you mean" on unknown ones.
pub const FILE_KEYS: &[&str] = &["plan", "target", "task"];

impl<'de> Deserialize<'de> for RawFile {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FileVisitor;
        impl<'de> Visitor<'de> for FileVisitor {
            type Value = RawFile;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a TOML document")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawFile, A::Error> {
                let mut file = RawFile::default();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    match key.get_ref().as_str() {
                        "plan" => file.plan = Some(map.next_value()?),
                        "target" => file.targets = map.next_value()?,
                        "task" => file.tasks = map.next_value()?,
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                            file.unknown_keys.push(key);
                        }
                    }
                }
                Ok(file)
            }
        }
        deserializer.deserialize_map(FileVisitor)
    }
}

/// The `[plan]` table.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPlan {
    #[schemars(with = "Option<String>", required)]
    pub id: Text,
    #[schemars(with = "Option<String>")]
    pub number: Text,
    #[schemars(with = "Option<String>")]
    pub kind: Text,
    #[schemars(with = "Option<String>", required)]
    pub title: Text,
    #[schemars(with = "Option<String>", required)]
    pub issuer: Text,
    #[schemars(with = "Option<String>")]
    pub jurisdiction: Text,
    #[schemars(with = "Option<crate::schema::IssueDate>")]
    pub issued: Option<Spanned<DateOrText>>,
    #[schemars(with = "Option<crate::schema::Period>", required)]
    pub period: Option<Spanned<toml::Value>>,
    #[schemars(with = "Option<crate::schema::Names>")]
    pub implements: Option<Spanned<OneOrMany<String>>>,
    #[schemars(with = "Option<crate::schema::Names>")]
    pub cites: Option<Spanned<OneOrMany<String>>>,
    #[schemars(with = "Option<RawSigner>")]
    pub signer: Option<Spanned<RawSigner>>,
    #[schemars(with = "Option<crate::schema::Names>")]
    pub recipients: Option<Spanned<OneOrMany<String>>>,
    #[schemars(with = "Option<String>")]
    pub funding: Text,
    #[schemars(with = "Option<String>")]
    pub note: Text,
}

/// Field names of `[plan]`, for "did you mean" on unknown ones.
pub const PLAN_KEYS: &[&str] = &[
    "id",
    "number",
    "kind",
    "title",
    "issuer",
    "jurisdiction",
    "issued",
    "period",
    "implements",
    "cites",
    "signer",
    "recipients",
    "funding",
    "note",
];

/// `signer = { name, position, capacity }`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSigner {
    pub name: Option<String>,
    pub position: Option<String>,
    pub capacity: Option<String>,
}

/// A `[[target]]` table.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTarget {
    #[schemars(with = "Option<String>", required)]
    pub id: Text,
    #[schemars(with = "Option<String>", required)]
    pub text: Text,
    #[schemars(with = "Option<String>")]
    pub unit: Text,
    #[schemars(with = "Option<String>")]
    pub direction: Text,
    #[schemars(with = "Option<crate::schema::Milestones>")]
    pub milestones: Option<Spanned<BTreeMap<Spanned<String>, Spanned<toml::Value>>>>,
    #[schemars(with = "Option<String>")]
    pub refines: Text,
    #[schemars(with = "Option<String>")]
    pub note: Text,
}

/// A `[[task]]` table.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTask {
    #[schemars(with = "Option<String>", required)]
    pub id: Text,
    #[serde(rename = "ref")]
    #[schemars(with = "Option<String>")]
    pub section: Text,
    #[schemars(with = "Option<String>", required)]
    pub title: Text,
    #[schemars(with = "Option<crate::schema::Names>")]
    pub lead: Option<Spanned<OneOrMany<String>>>,
    #[schemars(with = "Option<crate::schema::Names>")]
    pub support: Option<Spanned<OneOrMany<String>>>,
    #[schemars(with = "Option<crate::schema::Names>")]
    pub report_to: Option<Spanned<OneOrMany<String>>>,
    #[schemars(with = "Option<crate::schema::Due>")]
    pub due: Option<Spanned<OneOrMany<DateOrText>>>,
    #[schemars(with = "Option<String>")]
    pub implements: Text,
    #[schemars(with = "Option<String>")]
    pub note: Text,
}

/// A value written either alone or as an array: `lead = "A"` or `lead = ["A", "B"]`.
#[derive(Debug)]
pub enum OneOrMany<T> {
    One(T),
    Many(Vec<Spanned<T>>),
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OneOrManyVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for OneOrManyVisitor<T> {
            type Value = OneOrMany<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value or an array of values")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Spanned<T>>()? {
                    items.push(item);
                }
                Ok(OneOrMany::Many(items))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                T::deserialize(v.into_deserializer()).map(OneOrMany::One)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                T::deserialize(v.into_deserializer()).map(OneOrMany::One)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                T::deserialize(v.into_deserializer()).map(OneOrMany::One)
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                T::deserialize(v.into_deserializer()).map(OneOrMany::One)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map)).map(OneOrMany::One)
            }
        }
        deserializer.deserialize_any(OneOrManyVisitor(PhantomData))
    }
}

impl<T> OneOrMany<T> {
    /// Every item with its span; a lone value takes the span of the whole field.
    pub fn items(&self, whole: std::ops::Range<usize>) -> Vec<(&T, std::ops::Range<usize>)> {
        match self {
            OneOrMany::One(value) => vec![(value, whole)],
            OneOrMany::Many(items) => items.iter().map(|i| (i.get_ref(), i.span())).collect(),
        }
    }
}

/// A TOML date (`2023-12-05`) or a string (`"2023-Q2"`, `"2021-09"`).
#[derive(Debug)]
pub enum DateOrText {
    Date(Datetime),
    Text(String),
}

impl<'de> Deserialize<'de> for DateOrText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateOrTextVisitor;
        impl<'de> Visitor<'de> for DateOrTextVisitor {
            type Value = DateOrText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a TOML date or a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DateOrText, E> {
                Ok(DateOrText::Text(v.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<DateOrText, A::Error> {
                Datetime::deserialize(MapAccessDeserializer::new(map)).map(DateOrText::Date)
            }
        }
        deserializer.deserialize_any(DateOrTextVisitor)
    }
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
#[serde(deny_unknown_fields)]
pub struct RawJurisdiction {
    #[schemars(with = "Option<String>", required)]
    pub id: Text,
    #[schemars(with = "Option<String>")]
    pub name: Text,
    #[schemars(with = "Option<String>")]
    pub level: Text,
    #[schemars(with = "Option<String>")]
    pub parent: Text,
    #[schemars(with = "Option<String>")]
    pub merged_into: Text,
    #[schemars(with = "Option<crate::schema::Date>")]
    pub merged_on: Option<Spanned<DateOrText>>,
}

/// An `[[org]]` of the registry.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawOrg {
    #[schemars(with = "Option<String>", required)]
    pub name: Text,
    #[schemars(with = "Option<String>")]
    pub short: Text,
    #[schemars(with = "Option<crate::schema::Names>")]
    pub aliases: Option<Spanned<OneOrMany<String>>>,
    #[schemars(with = "Option<String>", required)]
    pub level: Text,
    #[schemars(with = "Option<crate::schema::Date>")]
    pub dissolved: Option<Spanned<DateOrText>>,
    #[schemars(with = "Option<String>")]
    pub successor: Text,
    #[schemars(with = "Option<String>")]
    pub note: Text,
}

/// `gplan.toml` at the repository root.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawConfigFile {
    #[serde(default)]
    pub gplan: RawConfig,
}

/// The `[gplan]` table of `gplan.toml`.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    pub plans: Option<Vec<String>>,
    pub registry: Option<String>,
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
