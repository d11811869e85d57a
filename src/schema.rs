//! JSON Schemas (draft-07, which Taplo and editors built on it understand)
//! generated from the very structs the loader deserialises (`raw`), so the
//! schema an editor validates against cannot drift from what gplan accepts.
//! The field types that gplan decodes by hand are described in `raw`.

use schemars::generate::SchemaSettings;
use schemars::JsonSchema;

use crate::raw::{RawCatalogue, RawFile, RawRegistry};

/// The schema of a plan file.
pub fn plan() -> serde_json::Value {
    root::<RawFile>("gplan plan file")
}

/// The schema of `plans/registry.toml`.
pub fn registry() -> serde_json::Value {
    root::<RawRegistry>("gplan organisation registry")
}

/// The schema of `plans/documents.toml`, the catalogue of outside documents.
pub fn documents() -> serde_json::Value {
    root::<RawCatalogue>("gplan catalogue of outside documents")
}

fn root<T: JsonSchema>(title: &str) -> serde_json::Value {
    let mut schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>();
    schema.insert("title".to_owned(), title.into());
    schema.to_value()
}
