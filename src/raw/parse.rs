//! Reading one document into its raw structs. A failure says which step
//! failed, so the validate phase decides what went wrong from the document
//! itself, never from the parser's wording.

use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use serde::Deserialize;
use toml::de::DeTable;
use toml::Spanned;

/// Why a text did not deserialize.
#[derive(Debug)]
pub enum Failure<'t> {
    /// The text is not TOML.
    Syntax(toml::de::Error),
    /// The text is TOML, but a value does not fit the raw structs (a field
    /// they do not have, or a value of another type): the error, and the
    /// document to look up what is at its span.
    Shape(toml::de::Error, Box<Spanned<DeTable<'t>>>),
}

impl Failure<'_> {
    /// The error as the parser or serde gave it.
    pub fn error(&self) -> &toml::de::Error {
        match self {
            Failure::Syntax(err) | Failure::Shape(err, _) => err,
        }
    }
}

/// A text deserialized, or why not.
pub type Parsed<'t, T> = Result<T, Failure<'t>>;

/// Deserializes `text`. The document is parsed a second time only when
/// deserializing failed, to tell a syntax error from a shape error.
pub fn parse<'t, T: Deserialize<'t>>(text: &'t str) -> Parsed<'t, T> {
    toml::from_str(text).map_err(|err| match DeTable::parse(text) {
        Ok(document) => Failure::Shape(err, Box::new(document)),
        Err(_) => Failure::Syntax(err),
    })
}

/// The field names serde's derive gave `T`, in declaration order (renames
/// applied): what an unknown field is compared with. Read from the derive
/// itself, so the list cannot drift from the struct.
pub fn fields<T: DeserializeOwned>() -> &'static [&'static str] {
    let mut found: &'static [&'static str] = &[];
    let _ = T::deserialize(FieldsProbe(&mut found));
    found
}

/// A deserializer that only records the fields a struct asks for.
struct FieldsProbe<'a>(&'a mut &'static [&'static str]);

impl<'de> Deserializer<'de> for FieldsProbe<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = fields;
        Err(de::Error::custom("fields recorded"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::raw::{RawFile, RawSigner};

    #[test]
    fn fields_come_from_the_derive() {
        assert_eq!(fields::<RawSigner>(), ["name", "position", "capacity"]);
    }

    #[test]
    fn a_failure_says_which_step_failed() {
        assert!(matches!(
            parse::<RawFile>("[plan\n"),
            Err(Failure::Syntax(_))
        ));
        assert!(matches!(
            parse::<RawFile>("[plan]\nid = 1\n"),
            Err(Failure::Shape(..))
        ));
    }
}
