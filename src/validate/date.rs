//! The one conversion of a TOML date into a calendar day, for plans and
//! the registry alike: a date with a time or an offset is mistyped, a date
//! not in the calendar is invalid, whoever wrote it.

use std::ops::Range;

use chrono::NaiveDate;
use toml::value::Datetime;

use super::ValidationContext;
use crate::rules::invalid_date::{self, Written};
use crate::rules::mistyped_field::{self, Mistyped};

/// The day a TOML date means, reporting it when it is none.
pub fn day(
    cx: &mut ValidationContext,
    written: &Datetime,
    span: &Range<usize>,
) -> Option<NaiveDate> {
    let Some(date) = written
        .date
        .filter(|_| written.time.is_none() && written.offset.is_none())
    else {
        cx.report(mistyped_field::Finding {
            file: cx.file,
            span: span.clone(),
            mistyped: Mistyped::NotPlainDate(written.to_string()),
        });
        return None;
    };
    let day = NaiveDate::from_ymd_opt(
        i32::from(date.year),
        u32::from(date.month),
        u32::from(date.day),
    );
    if day.is_none() {
        cx.report(invalid_date::Finding {
            file: cx.file,
            span: span.clone(),
            written: Written::TomlDate(written.to_string()),
        });
    }
    day
}
