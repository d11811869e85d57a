//! Hand-written decoders for the fields whose type varies, and for reading
//! a file entry by entry: `toml::Spanned` loses its spans inside untagged
//! enums and under `#[serde(flatten)]`, so these visitors keep them.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, Deserializer, IgnoredAny, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use toml::value::Datetime;
use toml::Spanned;

use super::progress::RawMeasured;
use super::RawFileOf;

impl<'de, P, T, K> Deserialize<'de> for RawFileOf<P, T, K>
where
    P: Deserialize<'de>,
    T: Deserialize<'de>,
    K: Deserialize<'de>,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FileVisitor<P, T, K>(PhantomData<(P, T, K)>);
        impl<'de, P, T, K> Visitor<'de> for FileVisitor<P, T, K>
        where
            P: Deserialize<'de>,
            T: Deserialize<'de>,
            K: Deserialize<'de>,
        {
            type Value = RawFileOf<P, T, K>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a TOML document")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut file = RawFileOf {
                    plan: None,
                    targets: Vec::new(),
                    tasks: Vec::new(),
                    unknown_keys: Vec::new(),
                    left_out: false,
                };
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
        deserializer.deserialize_map(FileVisitor(PhantomData))
    }
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

impl<'de> Deserialize<'de> for RawMeasured {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MeasuredVisitor;
        impl<'de> Visitor<'de> for MeasuredVisitor {
            type Value = RawMeasured;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number, or a table of numbers per group")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawMeasured, E> {
                Ok(RawMeasured::One(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawMeasured, E> {
                Ok(RawMeasured::One(v))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<RawMeasured, E> {
                Ok(RawMeasured::Other)
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<RawMeasured, E> {
                Ok(RawMeasured::Other)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawMeasured, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(RawMeasured::Other)
            }
            /// A table, or a TOML date (which the reader hands over as a
            /// table of one private key holding text: not a number, so
            /// reported as mistyped like any other text).
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawMeasured, A::Error> {
                let mut groups = Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some(group) = map.next_key::<Spanned<String>>()? {
                    groups.push((group, map.next_value()?));
                }
                Ok(RawMeasured::Groups(groups))
            }
        }
        deserializer.deserialize_any(MeasuredVisitor)
    }
}

/// An entry of an array of tables that may fail on its own: once a file
/// failed to deserialize as a whole (and that first error was reported),
/// the file is read again entry by entry so one bad `[[org]]` or
/// `[[task]]` does not lose the others.
#[derive(Debug)]
pub enum Entry<T> {
    Ok(T),
    /// The entry did not deserialize: the reason, as serde gave it.
    Bad(String),
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Entry<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match T::deserialize(deserializer) {
            Ok(value) => Entry::Ok(value),
            Err(err) => Entry::Bad(
                err.to_string()
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .to_owned(),
            ),
        })
    }
}
