//! `gplan due --format ics`: an iCalendar file (RFC 5545) for calendar
//! apps, one all-day event per deadline.

use std::borrow::Cow;
use std::collections::HashSet;
use std::io::{self, BufWriter, Write};

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use icalendar::{Calendar, Component, EventLike, Property};

use super::due::{Items, Names, Output, BUFFER};
use super::terminal::{is_unsafe, may_be_unsafe};
use crate::query::due::Item;

/// Who made the calendar (RFC 5545, 3.7.3): gplan and its version, in
/// the form the standard's examples use.
pub(crate) const PRODID: &str = concat!("-//gplan//gplan ", env!("CARGO_PKG_VERSION"), "//EN");

/// Put before the SUMMARY of a delivered occurrence (on time or late).
pub(crate) const DELIVERED_MARK: &str = "✓ ";

/// A reminder some days before each deadline (`--alarm`): a VALARM that
/// displays the event's summary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reminder {
    pub days: u32,
}

/// The last line of every calendar.
const CALENDAR_END: &str = "END:VCALENDAR\r\n";

/// The last line of every event.
const EVENT_END: &str = "END:VEVENT\r\n";

/// The longest line RFC 5545 allows, in octets, without its CRLF.
const LINE_OCTETS: usize = 75;

/// One all-day event per occurrence, on its deadline. DTSTAMP is midnight
/// UTC of `today` so the same inputs give the same bytes. The calendar is
/// written as icalendar writes it, event by event rather than built whole:
/// a national listing is hundreds of thousands of events.
pub fn write(out: &mut dyn Write, items: Items, output: Output) -> io::Result<()> {
    let today = output.today;
    let stamp = Utc.from_utc_datetime(&today.and_hms_opt(0, 0, 0).unwrap_or_default());
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", PRODID))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .name("gplan");
    let empty = calendar.done().to_string();
    let head = empty.strip_suffix(CALENDAR_END).ok_or_else(|| {
        io::Error::other("icalendar wrote a calendar that does not end as RFC 5545 says")
    })?;
    let mut out = BufWriter::with_capacity(BUFFER, out);
    out.write_all(head.as_bytes())?;
    let mut uids = Uids::default();
    let mut text = String::new();
    for item in items {
        text.clear();
        let event = event(&item, stamp, &uids.unique(&item));
        event.fmt_write(&mut text).map_err(io::Error::other)?;
        // Nothing is left to remind of a delivered occurrence.
        let reminder = output.reminder.filter(|_| item.delivered.is_none());
        if let (Some(reminder), Some(summary)) = (reminder, event.get_summary()) {
            add_alarm(&mut text, summary, reminder);
        }
        write_folded(&text, &mut out)?;
    }
    out.write_all(CALENDAR_END.as_bytes())?;
    out.flush()
}

/// The event of one occurrence. A delivered one (on time or late) has
/// [`DELIVERED_MARK`] before its title and the day it was delivered in
/// its description: RFC 5545 gives VEVENT no "completed" status
/// (`STATUS:COMPLETED` is for VTODO; an event's `CONFIRMED` means it will
/// take place, not that it was done), and every calendar app shows the
/// summary.
fn event(item: &Item, stamp: DateTime<Utc>, uid: &str) -> icalendar::Event {
    let plan = item.plan;
    let duty = item.duty;
    let deadline = item.occurrence.deadline;
    let mut description = vec![match &plan.number {
        Some(n) => format!("{n} — {}", plan.title),
        None => plan.title.to_string(),
    }];
    if let Some(start) = item.occurrence.start {
        description.push(format!("Thời gian: {start} → {deadline}"));
    }
    description.push(format!("Chủ trì: {}", Names(duty.lead()).joined()));
    if !duty.support().is_empty() {
        description.push(format!("Phối hợp: {}", Names(duty.support()).joined()));
    }
    let mut summary = calendar_text(duty.title());
    if let Some(day) = item.delivered {
        let late = if day > deadline { " (trễ hạn)" } else { "" };
        description.push(format!("Đã hoàn thành: {day}{late}"));
        summary = format!("{DELIVERED_MARK}{summary}").into();
    }
    let mut event = icalendar::Event::new();
    event
        .uid(&calendar_text(uid))
        .timestamp(stamp)
        .summary(&summary)
        .description(&calendar_text(&description.join("\n")))
        .starts(deadline);
    // DTEND is the next day (exclusive, as RFC 5545 wants). After
    // 9999-12-31 there is no day RFC 5545 can write; an all-day event
    // without DTEND lasts one day (RFC 5545, 3.6.1).
    if let Some(end) = deadline.succ_opt().filter(|d| d.year() <= 9999) {
        event.ends(end);
    }
    event.done()
}

/// Puts a VALARM that shows `summary` the reminder's days before the
/// event's start at the end of the event's text. Written here rather than
/// by icalendar, which gives every component a DTSTAMP of the moment and a
/// random UID (the same inputs would no longer give the same bytes) and
/// writes the trigger in seconds (`-PT604800S` for `-P7D`).
fn add_alarm(event: &mut String, summary: &str, reminder: Reminder) {
    let Some(body) = event.strip_suffix(EVENT_END) else {
        return;
    };
    let mut description = String::with_capacity(summary.len());
    for c in summary.chars() {
        match c {
            '\\' | ';' | ',' => description.extend(['\\', c]),
            '\n' => description.push_str("\\n"),
            c => description.push(c),
        }
    }
    let days = reminder.days;
    let alarm = format!(
        "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:{description}\r\n\
         TRIGGER:-P{days}D\r\nEND:VALARM\r\n{EVENT_END}"
    );
    event.truncate(body.len());
    event.push_str(&alarm);
}

/// Text for a calendar field: RFC 5545 allows no control character in
/// text but a tab. A line break (CRLF, CR or LF) becomes LF, which
/// icalendar writes as `\n`; any other control character, and any
/// bidirectional control (which would make a calendar show the text
/// reordered), becomes U+FFFD. The site's feeds write text through it too.
pub fn calendar_text(text: &str) -> Cow<'_, str> {
    if !may_be_unsafe(text) || !text.chars().any(|c| c == '\r' || is_unsafe(c)) {
        return Cow::Borrowed(text);
    }
    let joined = text.replace("\r\n", "\n");
    joined
        .chars()
        .map(|c| match c {
            '\r' => '\n',
            c if is_unsafe(c) => char::REPLACEMENT_CHARACTER,
            c => c,
        })
        .collect::<String>()
        .into()
}

/// The UIDs given so far on the current deadline. Items come sorted by
/// deadline and every UID ends with its deadline, so a UID can only have
/// been given on the same day.
#[derive(Default)]
struct Uids {
    day: Option<NaiveDate>,
    given: HashSet<String>,
}

impl Uids {
    /// `plan#task/deadline`, made unique by `#2`, `#3`… when two plans
    /// share an id or a plan has two tasks with one id (errors `check`
    /// reports): a calendar app keeps only one event per UID.
    fn unique(&mut self, item: &Item) -> String {
        let deadline = item.occurrence.deadline;
        if self.day != Some(deadline) {
            self.day = Some(deadline);
            self.given.clear();
        }
        let base = format!("{}#{}/{deadline}", item.plan.id, item.duty.id());
        let mut uid = base.clone();
        let mut copy = 1;
        while !self.given.insert(uid.clone()) {
            copy += 1;
            uid = format!("{base}#{copy}");
        }
        uid
    }
}

/// Writes an event as icalendar wrote it, unless a line is longer than
/// 75 octets (icalendar 0.17 folds some at 76): then each of its lines is
/// unfolded and folded again, cut on character boundaries, each
/// continuation starting with the space RFC 5545 counts in the 75.
fn write_folded(event: &str, out: &mut impl Write) -> io::Result<()> {
    if event.split("\r\n").all(|line| line.len() <= LINE_OCTETS) {
        return out.write_all(event.as_bytes());
    }
    for line in event.replace("\r\n ", "").split_terminator("\r\n") {
        let mut rest = line;
        let mut room = LINE_OCTETS;
        while rest.len() > room {
            let mut cut = room;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            let (head, tail) = rest.split_at(cut);
            out.write_all(head.as_bytes())?;
            out.write_all(b"\r\n ")?;
            rest = tail;
            room = LINE_OCTETS - 1;
        }
        out.write_all(rest.as_bytes())?;
        out.write_all(b"\r\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::due::{occurrences, Schedule};
    use crate::query::Filter;
    use crate::validate::{load_plan, Outcome};

    /// The calendar of one plan file with these tasks, over every deadline.
    fn calendar(tasks: &str) -> String {
        let text =
            format!("[plan]\nid = \"x\"\ntitle = \"t\"\nissuer = \"i\"\nperiod = 2023\n{tasks}");
        let Outcome::Plan(mut plan) = load_plan("x.toml", &text, &mut Vec::new()) else {
            panic!("fixture is a plan")
        };
        let tasks = std::mem::take(&mut plan.tasks);
        let filter = Filter::default();
        let schedules = [Schedule::new(&plan, tasks, &filter)];
        let mut out = Vec::new();
        let today = NaiveDate::from_ymd_opt(2023, 6, 1).expect("a date");
        let output = Output {
            today,
            registry: None,
            bom: false,
            reminder: None,
        };
        write(&mut out, &mut occurrences(&schedules, &filter), output).expect("written");
        String::from_utf8(out).expect("UTF-8")
    }

    fn task(id: &str, title: &str, due: &str) -> String {
        format!("[[task]]\nid = \"{id}\"\ntitle = \"{title}\"\nlead = [\"Sở Nội vụ\"]\ndue = \"{due}\"\n")
    }

    #[test]
    fn ics_a_deadline_on_9999_12_31_has_no_dtend_past_year_9999() {
        let ics = calendar(&(task("last", "t", "9999-12-31") + &task("first", "t", "2023-12-31")));
        assert!(ics.contains("DTSTART;VALUE=DATE:99991231\r\n"), "{ics}");
        assert!(ics.contains("DTEND;VALUE=DATE:20240101\r\n"), "{ics}");
        assert_eq!(ics.matches("DTEND").count(), 1, "{ics}");
    }

    #[test]
    fn ics_lines_are_folded_at_75_octets_counted_in_octets() {
        for title in [
            "a".repeat(300),
            "ồ".repeat(100),
            format!("a{}", "ồ".repeat(100)),
            // A title of the bundled 2016–2020 plan of Phú Thọ, which
            // icalendar 0.17 folds into a line of 76 octets.
            "Chủ trì tổ chức thực hiện “Tháng hành động vì bình đẳng giới và phòng chống bạo lực trên cơ sở giới”".to_owned(),
        ] {
            let ics = calendar(&task("t", &title, "2023-12-31"));
            for line in ics.split_terminator("\r\n") {
                assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
            }
            let unfolded = ics.replace("\r\n ", "");
            assert!(unfolded.contains(&format!("SUMMARY:{title}\r\n")), "{unfolded}");
        }
    }

    #[test]
    fn ics_fields_carry_no_raw_control_characters() {
        let ics = calendar(&task(
            "t",
            "one\\rtwo\\r\\nthree\\u0007\\u001b[2J",
            "2023-12-31",
        ));
        let raw = ics.replace("\r\n", "");
        assert!(!raw.chars().any(|c| c.is_control()), "{ics:?}");
        assert!(
            ics.contains("SUMMARY:one\\ntwo\\nthree\u{fffd}\u{fffd}[2J\r\n"),
            "{ics:?}"
        );
    }

    #[test]
    fn ics_never_gives_one_uid_twice() {
        let tasks = [
            task("dup", "a", "2023-12-31"),
            task("dup", "b", "2023-12-31"),
            task("dup", "c", "2023-12-31"),
            task("dup", "d", "2023-11-30"),
        ]
        .concat();
        let ics = calendar(&tasks);
        let uids: Vec<&str> = ics
            .split("\r\n")
            .filter_map(|l| l.strip_prefix("UID:"))
            .collect();
        assert_eq!(
            uids,
            [
                "x#dup/2023-11-30",
                "x#dup/2023-12-31",
                "x#dup/2023-12-31#2",
                "x#dup/2023-12-31#3"
            ]
        );
    }
}
