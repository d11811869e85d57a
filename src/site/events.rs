//! The events of the site's feeds: one per deadline of a body's duties,
//! and one per dated duty in the whole feed, each with what a calendar app
//! shows of it.

use std::fmt::{self, Write as _};

use chrono::NaiveDate;

use super::pages::Duty;
use super::{ics, Site};
use crate::deadline::Occurrence;
use crate::query::due::Item;
use crate::query::Role;
use crate::render::calendar::DELIVERED_MARK;

/// Marks an event delivered, as `gplan due --format ics` does: a check
/// mark before its title (what every calendar app shows), and the day in
/// its description.
fn mark_delivered(
    site: &Site,
    deadline: NaiveDate,
    delivered: Option<NaiveDate>,
    summary: &mut String,
    description: &mut String,
) {
    let Some(day) = delivered else {
        return;
    };
    let words = site.facts.words;
    let day_text = words.date_format.write(day);
    if day > deadline {
        let late = words.delivered_late;
        add_line(
            description,
            format_args!("{}: {day_text} ({late})", words.delivered_on),
        );
    } else {
        add_line(
            description,
            format_args!("{}: {day_text}", words.delivered_on),
        );
    }
    summary.insert_str(0, DELIVERED_MARK);
}

/// An event per deadline of a body's duties, from today on.
pub(super) fn body_events(site: &Site, duties: &[Duty]) -> Vec<ics::Event> {
    let words = site.facts.words;
    let mut events: Vec<ics::Event> = Vec::new();
    for duty in duties {
        let Some(task) = duty.task else {
            continue;
        };
        let role = words.role(duty.role);
        let plan = &site.facts.plans[duty.plan];
        let listed = duty.listed.iter().filter(|o| site.in_feeds(o.deadline));
        for &Occurrence { deadline, start } in listed {
            let number = plan.number.as_ref().map(|n| n.value.as_str());
            let mut description = plan_line(number, &plan.title);
            add_window_line(&mut description, site, start, deadline);
            add_line(&mut description, format_args!("{}: {role}", words.role));
            if let Some(via) = duty.via {
                add_line(&mut description, format_args!("{} {via}", words.via));
            }
            let delivered = plan.valid_period().and_then(|period| {
                site.tools.options.deliveries.delivered_task(
                    &plan.id.value,
                    task.id,
                    task.rules,
                    period,
                    deadline,
                )
            });
            let mut summary = task.title.to_owned();
            mark_delivered(site, deadline, delivered, &mut summary, &mut description);
            events.push(ics::Event {
                uid: format!(
                    "{}#{}/{}",
                    plan.id.value,
                    task.id,
                    site.facts.day(deadline).iso()
                ),
                deadline,
                summary,
                delivered: delivered.is_some(),
                description,
                url: plan_url(site, &plan.id.value),
            });
        }
    }
    events.sort_by(|a, b| (a.deadline, &a.uid).cmp(&(b.deadline, &b.uid)));
    events.dedup_by(|a, b| a.uid == b.uid);
    events
}

/// The event of one dated duty in the whole feed. A role nobody holds (a
/// task without a lead) has no line: "Chủ trì: " with nothing after it
/// read as a blank in the plan.
pub(super) fn item_event(site: &Site, item: &Item) -> ics::Event {
    let words = site.facts.words;
    let deadline = item.occurrence.deadline;
    let at = site.facts.index.by_id(&item.plan.id);
    let place = at.map(|at| (at, site.facts.texts[at].place(item.duty)));
    let names = |role| {
        place
            .map(|(at, place)| site.facts.holders(at, place, role, Some(deadline)))
            .into_iter()
            .flatten()
            .map(|b| b.name)
            .collect::<Vec<_>>()
            .join("; ")
    };
    let mut description = plan_line(item.plan.number.as_deref(), &item.plan.title);
    add_window_line(&mut description, site, item.occurrence.start, deadline);
    for (role, word) in [(Role::Lead, words.lead), (Role::Support, words.support)] {
        let names = names(role);
        if !names.is_empty() {
            add_line(&mut description, format_args!("{word}: {names}"));
        }
    }
    let mut summary = item.duty.title().to_owned();
    mark_delivered(
        site,
        deadline,
        item.delivered,
        &mut summary,
        &mut description,
    );
    ics::Event {
        uid: format!(
            "{}#{}/{}",
            item.plan.id,
            item.duty.id(),
            site.facts.day(deadline).iso()
        ),
        deadline,
        summary,
        delivered: item.delivered.is_some(),
        description,
        url: plan_url(site, &item.plan.id),
    }
}

/// Adds "Thời gian: 15/11/2025 – 15/12/2025" to a description for a duty
/// that runs over a window (a start and a deadline), the same in every
/// feed; nothing for a duty of one day.
fn add_window_line(
    description: &mut String,
    site: &Site,
    start: Option<NaiveDate>,
    deadline: NaiveDate,
) {
    let Some(start) = start else {
        return;
    };
    let words = site.facts.words;
    let (from, to) = (
        words.date_format.write(start),
        words.date_format.write(deadline),
    );
    add_line(
        description,
        format_args!("{}: {from} – {to}", words.ics_time),
    );
}

/// Adds a line to an event's description, which starts with its plan's
/// line ([`plan_line`]).
fn add_line(description: &mut String, line: fmt::Arguments) {
    description.push('\n');
    description
        .write_fmt(line)
        .expect("writing into a String cannot fail");
}

fn plan_line(number: Option<&str>, title: &str) -> String {
    match number {
        Some(n) => format!("{n} — {title}"),
        None => title.to_owned(),
    }
}

fn plan_url(site: &Site, id: &str) -> Option<String> {
    let base = site.tools.options.base_url.as_ref()?;
    let at = site.facts.index.by_id(id)?;
    Some(format!("{base}/{}", site.facts.plan_href(at)))
}
