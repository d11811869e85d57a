//! JSON Schemas of the fields `raw` decodes by hand (see `de`): what
//! `schema` says of them, next to the structs that name them.

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

/// A TOML local date (`2023-12-05`): a string with `format: date` in JSON.
pub struct Date;

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "format": "date" })
    }
}

/// `issued`: a date, or "YYYY-MM" / "YYYY" when the document leaves a blank.
pub struct IssueDate;

impl JsonSchema for IssueDate {
    fn schema_name() -> Cow<'static, str> {
        "IssueDate".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A date, or \"YYYY-MM\" / \"YYYY\" when the document leaves the day or month blank",
            "anyOf": [
                { "type": "string", "format": "date" },
                { "type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$" }
            ]
        })
    }
}

/// `period`: a year, or [from, to] with each end a date or a year.
pub struct Period;

impl JsonSchema for Period {
    fn schema_name() -> Cow<'static, str> {
        "Period".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A year (2023), or [from, to] where each end is a date or a year",
            "anyOf": [
                { "type": "integer", "minimum": 1000, "maximum": 9999 },
                {
                    "type": "array", "minItems": 2, "maxItems": 2,
                    "items": { "anyOf": [
                        { "type": "integer", "minimum": 1000, "maximum": 9999 },
                        { "type": "string", "format": "date" }
                    ] }
                }
            ]
        })
    }
}

/// `lead`, `support`, `report_to`, `implements`, `cites`, `recipients`,
/// `aliases`: one name or a list.
pub struct Names;

impl JsonSchema for Names {
    fn schema_name() -> Cow<'static, str> {
        "Names".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "anyOf": [
                { "type": "string" },
                { "type": "array", "items": { "type": "string" } }
            ]
        })
    }
}

/// `due`: a date, a rule string, or a list of those.
pub struct Due;

impl JsonSchema for Due {
    fn schema_name() -> Cow<'static, str> {
        "Due".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let one = json_schema!({
            "anyOf": [
                { "type": "string", "format": "date" },
                {
                    "type": "string",
                    "description": "\"2023\", \"2023-Q2\", \"2023-06\", \"2023-12-05\", \"A..B\", \"yearly MM-DD\", \"yearly MM-DD..MM-DD\""
                }
            ]
        });
        json_schema!({ "anyOf": [ one, { "type": "array", "items": one } ] })
    }
}

/// `milestones`: year = value, or year = [low, high] for a band.
pub struct Milestones;

impl JsonSchema for Milestones {
    fn schema_name() -> Cow<'static, str> {
        "Milestones".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "propertyNames": { "pattern": "^[0-9]{4}$" },
            "additionalProperties": {
                "anyOf": [
                    { "type": "number" },
                    { "type": "array", "items": { "type": "number" }, "minItems": 2, "maxItems": 2 },
                    {
                        "type": "object",
                        "additionalProperties": {
                            "anyOf": [
                                { "type": "number" },
                                { "type": "array", "items": { "type": "number" }, "minItems": 2, "maxItems": 2 }
                            ]
                        }
                    }
                ]
            }
        })
    }
}

/// `baseline = { year = 2020, value = 23 }`, `year` optional.
pub struct Baseline;

impl JsonSchema for Baseline {
    fn schema_name() -> Cow<'static, str> {
        "Baseline".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "properties": {
                "year": { "type": "integer" },
                "value": { "type": "number" }
            },
            "required": ["value"],
            "additionalProperties": false
        })
    }
}
