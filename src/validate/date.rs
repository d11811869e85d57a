//! The one conversion of a TOML date into a calendar day, for plans and
//! the registry alike: a date with a time or an offset is mistyped, a date
//! not in the calendar is invalid, whoever wrote it.

use std::ops::Range;

use chrono::NaiveDate;
use toml::value::Datetime;

use super::findings::{self, InvalidDate, Mistyped};
use super::ValidationContext;

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
        let fault = Mistyped::NotPlainDate(written.to_string());
        cx.report(findings::mistyped_field(cx.file, span.clone(), fault));
        return None;
    };
    let day = NaiveDate::from_ymd_opt(
        i32::from(date.year),
        u32::from(date.month),
        u32::from(date.day),
    );
    if day.is_none() {
        let fault = InvalidDate::Toml(written.to_string());
        cx.report(findings::invalid_date(cx.file, span.clone(), fault));
    }
    day
}
