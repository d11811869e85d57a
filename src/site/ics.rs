//! The site's calendar feeds: one for the whole repository, one per body
//! and scope. Every event is an all-day event on its deadline with a
//! reminder (VALARM, DISPLAY) 7 days before, so a body that subscribes is
//! told in time. Events are written by the icalendar crate (RFC 5545:
//! CRLF, folding, escaping); DTSTAMP is midnight UTC of `--today`, so the
//! same plans give the same bytes. Text from plan files is data, written
//! as `gplan due --format ics` writes it: a line break (CRLF too) stays
//! one, and no other control character, nor a bidirectional control,
//! reaches a calendar field.

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use icalendar::{Alarm, Calendar, Component, EventLike, Property};

use crate::render::calendar::{calendar_text, PRODID};

/// What one event says.
#[derive(Debug, Clone)]
pub struct Event {
    /// `plan-id#task-id/YYYY-MM-DD`, as `gplan due --format ics` writes it.
    pub uid: String,
    pub deadline: NaiveDate,
    pub summary: String,
    pub description: String,
    /// The plan's page, when the site's address is known.
    pub url: Option<String>,
    /// Whether a report says it was delivered: nothing is left to remind
    /// of, so it has no reminder.
    pub delivered: bool,
}

/// The last line of every calendar.
pub const END: &str = "END:VCALENDAR\r\n";

/// A calendar named `name` holding `events` in the order given: its head
/// ([`head`]), the events ([`events`]) and [`END`].
pub fn calendar(
    name: &str,
    events: impl IntoIterator<Item = Event>,
    today: NaiveDate,
    reminder: &str,
) -> String {
    let mut text = String::new();
    calendar_into(&mut text, name, events, today, reminder);
    text
}

/// [`calendar`], written at the end of `text`: a writer of many feeds
/// reuses one buffer.
pub fn calendar_into(
    text: &mut String,
    name: &str,
    events: impl IntoIterator<Item = Event>,
    today: NaiveDate,
    reminder: &str,
) {
    text.push_str(&head(name));
    events_into(text, events, today, reminder);
    text.push_str(END);
}

/// The lines of a calendar named `name` before its first event.
pub fn head(name: &str) -> String {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", PRODID))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .name(&calendar_text(name));
    let empty = calendar.done().to_string();
    empty
        .strip_suffix(END)
        .expect("icalendar ends a calendar with END:VCALENDAR (tested)")
        .to_owned()
}

/// `events` in the order given, as a calendar holds them between its head
/// and its end. Events are written one by one into the text as icalendar
/// writes them inside a calendar, rather than built whole first, and may
/// be made as they are written; the events of a long feed can be written
/// in pieces on several threads and put together in order.
pub fn events(events: impl IntoIterator<Item = Event>, today: NaiveDate, reminder: &str) -> String {
    let mut text = String::new();
    events_into(&mut text, events, today, reminder);
    text
}

/// [`events`], written at the end of `text`.
fn events_into(
    text: &mut String,
    events: impl IntoIterator<Item = Event>,
    today: NaiveDate,
    reminder: &str,
) {
    // What icalendar's `timestamp` writes, written once for every event.
    let stamp = Utc.from_utc_datetime(&today.and_hms_opt(0, 0, 0).unwrap_or_default());
    let stamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    let reminder = calendar_text(reminder);
    for e in events {
        let mut event = icalendar::Event::new();
        event
            .uid(&e.uid)
            .add_property("DTSTAMP", &stamp)
            .summary(&calendar_text(&e.summary))
            .description(&calendar_text(&e.description))
            .starts(e.deadline)
            .ends(e.deadline + Duration::days(1));
        if !e.delivered {
            event.alarm(reminder_of(&e.uid, &reminder, &stamp));
        }
        if let Some(url) = &e.url {
            event.url(url);
        }
        event
            .done()
            .fmt_write(text)
            .expect("writing into a String cannot fail");
    }
}

/// The reminder of one event: 7 days before its start (written `-P7D`,
/// the plain form calendar apps show best). icalendar would give an alarm
/// a random UID and the current time as DTSTAMP; both are fixed here so
/// the same plans give the same bytes (`stamp` is written as DTSTAMP).
fn reminder_of(uid: &str, text: &str, stamp: &str) -> Alarm {
    Alarm::display(text, -Duration::days(7))
        .add_property("TRIGGER", "-P7D")
        .add_property("UID", format!("{uid}/reminder"))
        .add_property("DTSTAMP", stamp)
        .done()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_event_has_a_reminder_a_week_before_and_stable_bytes() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 5).expect("a date");
        let events = [Event {
            uid: "p#t/2026-12-05".into(),
            deadline: day,
            summary: "Báo cáo\u{1b}[31m".into(),
            description: "Chủ trì: Sở Nội vụ".into(),
            url: None,
            delivered: false,
        }];
        let text = calendar("gplan", events.clone(), day, "Nhắc việc");
        assert!(text.contains("BEGIN:VALARM\r\n"), "{text}");
        assert!(text.contains("TRIGGER:-P7D\r\n"), "{text}");
        assert!(text.contains("ACTION:DISPLAY\r\n"), "{text}");
        assert!(!text.contains('\u{1b}'));
        assert_eq!(text, calendar("gplan", events.clone(), day, "Nhắc việc"));
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{text}");
        assert!(text.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"), "{text}");
        assert_eq!(text.matches("BEGIN:VEVENT").count(), 1);
        assert!(text.contains("PRODID:-//gplan//gplan "), "{text}");
        let windows = [Event {
            summary: "Báo cáo:\r\nsáu tháng".into(),
            ..events[0].clone()
        }];
        let text = calendar("gplan", windows, day, "Nhắc việc");
        assert!(text.contains("SUMMARY:Báo cáo:\\nsáu tháng\r\n"), "{text}");
        assert!(!text.contains('\u{fffd}'), "a CRLF is a line break: {text}");
        let delivered = [Event {
            delivered: true,
            ..events[0].clone()
        }];
        let text = calendar("gplan", delivered, day, "Nhắc việc");
        assert!(
            !text.contains("BEGIN:VALARM"),
            "nothing to remind of: {text}"
        );
    }
}
