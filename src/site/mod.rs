//! `gplan site`: the plans as a static website for the staff who never
//! open a terminal. Plain files that work from `file://` and any static
//! host: relative links only, no request outside the site, content
//! readable without JavaScript (only the search box needs it).
//!
//! The answers come from the same queries as the command line, through
//! [`adapter`]; [`pages`] turns them into page models, [`render`] fills
//! the templates, [`ics`] writes the calendar feeds, [`search`] the search
//! index, and [`output`] writes the folder. Pages are rendered in
//! parallel; every list is sorted first, so the bytes do not depend on the
//! number of threads.

pub mod adapter;
pub mod chart;
pub mod i18n;
pub mod ics;
pub mod output;
pub mod pages;
pub mod render;
pub mod search;
pub mod slug;

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::Path;

use chrono::{Duration, NaiveDate};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::config::UsageError;
use crate::query::due::{Deliveries, Item};
use crate::query::owners::{Assignment as Duty, Holder};
use crate::query::Role;
use crate::render::calendar::DELIVERED_MARK;
use crate::repo::Repo;
use crate::resolve::Index;
use crate::validate::progress::Measurement;
use i18n::{Catalogue, Lang};
use output::Output;
use pages::Facts;
use render::{Frame, Templates};
use search::{Entry, Kind};

/// What to write, and where.
#[derive(Debug, Clone)]
pub struct Options<'a> {
    pub out: &'a Path,
    pub lang: Lang,
    /// The address the site is published at (`https://…/plans`), without
    /// a trailing `/`: feeds then link each event to its plan's page.
    pub base_url: Option<String>,
    pub today: NaiveDate,
    /// The reports of the progress files: a delivered occurrence is not
    /// overdue, and its event says when it was delivered.
    pub deliveries: &'a Deliveries,
}

/// What was written.
#[derive(Debug, Clone, Copy)]
pub struct Written {
    pub plans: usize,
    pub bodies: usize,
    pub files: usize,
}

/// Why the site could not be written.
#[derive(Debug)]
pub enum SiteError {
    Usage(UsageError),
    Io(io::Error),
}

impl From<io::Error> for SiteError {
    fn from(e: io::Error) -> Self {
        SiteError::Io(e)
    }
}

impl From<UsageError> for SiteError {
    fn from(e: UsageError) -> Self {
        SiteError::Usage(e)
    }
}

fn template_error(e: minijinja::Error) -> io::Error {
    io::Error::other(format!("a page could not be rendered: {e:#}"))
}

/// Writes the whole site of `repo` into `options.out`, with the actuals
/// of its progress files (those that resolved to a target).
pub fn build<'p>(
    repo: &'p Repo,
    measured: &[Measurement<'p>],
    options: &Options,
) -> Result<Written, SiteError> {
    let output = Output::open(options.out)?;
    let words = Catalogue::of(options.lang);
    let mut facts = facts(repo, &words, options.today);
    let progress = pages::Progress::of(&facts.index, measured, options.today);
    facts.progress = progress;
    let templates = Templates::new();
    let today = facts.day(options.today);
    let words_value = render::words_value(&words);
    let site = Site {
        words: &words_value,
        facts: &facts,
        templates: &templates,
        output: &output,
        today: &today,
        options,
    };
    let mut written = BTreeSet::new();
    written.extend(site.dated_pages()?);
    written.extend(site.plan_pages()?);
    written.extend(site.body_pages()?);
    written.extend(site.assets()?);
    let files = written.len();
    output.finish(&written)?;
    Ok(Written {
        plans: repo.plans.len(),
        bodies: facts.bodies.len(),
        files,
    })
}

/// How many plans' duties are listed at a time while the answers are
/// gathered.
const DUTY_CHUNK: usize = 256;

/// The answers every page draws on.
fn facts<'p>(repo: &'p Repo, words: &'p Catalogue, today: NaiveDate) -> Facts<'p> {
    let plans = repo.plans.as_slice();
    let index = Index::new(plans).with_catalogue(repo.catalogue.as_ref());
    let mut order: Vec<usize> = (0..plans.len()).collect();
    order.sort_by(|&a, &b| plans[a].id.value.cmp(&plans[b].id.value).then(a.cmp(&b)));
    let mut slugs = slug::Slugs::default();
    let mut plan_slugs = vec![String::new(); plans.len()];
    for i in order {
        plan_slugs[i] = slugs.unique(&slug::plan(&plans[i].id.value));
    }
    let mut bodies: BTreeMap<Holder, (String, Vec<Duty>)> = BTreeMap::new();
    let mut roles: FxHashMap<_, Vec<_>> = FxHashMap::default();
    // A few hundred plans at a time: the duties of a whole national
    // repository, listed at once, would be hundreds of megabytes that the
    // maps below only partly keep.
    for chunk in plans.chunks(DUTY_CHUNK) {
        for duty in adapter::all_duties(chunk, repo.registry.as_ref(), today) {
            // The id as the plan holds it: the key outlives this duty.
            let plan: &'p crate::model::Plan = duty.plan;
            let task = duty
                .duty
                .as_deref()
                .and_then(|d| plan.tasks.iter().find(|t| t.id.value == d.id()))
                .map_or("", |t| t.id.value.as_str());
            // A task row names the group a duty was given to, not each of
            // its members: their shares are on their own pages.
            if duty.group.is_none() {
                roles
                    .entry((plan.file.as_str(), task, duty.role))
                    .or_insert_with(Vec::new)
                    .push((
                        duty.holder.clone(),
                        duty.via.clone(),
                        duty.occurrences.clone(),
                    ));
            }
            if is_current(&duty, today) {
                bodies
                    .entry(duty.holder.clone())
                    .or_insert_with(|| (String::new(), Vec::new()))
                    .1
                    .push(duty);
            }
        }
    }
    // Each body's duties in the order of `gplan owners` over the whole
    // repository (its chunks came in plan order).
    for (_, duties) in bodies.values_mut() {
        duties.sort_by(|a, b| {
            (a.role, &a.plan.id.value, a.duty.as_ref().map(|d| d.id()))
                .cmp(&(b.role, &b.plan.id.value, b.duty.as_ref().map(|d| d.id())))
                .then_with(|| a.occurrences.first().cmp(&b.occurrences.first()))
                .then_with(|| a.group.cmp(&b.group))
        });
    }
    let mut slugs = slug::Slugs::default();
    for (holder, (slug, _)) in &mut bodies {
        *slug = slugs.unique(&slug::body(&holder.org, &holder.scope));
    }
    Facts {
        plans,
        children: adapter::children(&index),
        index,
        registry: repo.registry.as_ref(),
        words,
        today,
        plan_slugs,
        bodies,
        roles,
        progress: pages::Progress::default(),
    }
}

/// Whether a body still owes a duty: a deadline from 12 months ago on, or
/// an ongoing duty (or an issued plan) whose period has not ended more than
/// 12 months ago. A body's page lists these; older duties stay on their
/// plans' pages.
fn is_current(duty: &Duty, today: NaiveDate) -> bool {
    let since = today - Duration::days(365);
    match duty.occurrences.last() {
        Some(last) => last.deadline >= since,
        None => duty.plan.valid_period().is_none_or(|p| p.to >= since),
    }
}

/// Everything a page writer needs.
struct Site<'s, 'p> {
    facts: &'s Facts<'p>,
    templates: &'s Templates,
    output: &'s Output,
    today: &'s pages::Day,
    options: &'s Options<'s>,
    words: &'s minijinja::Value,
}

impl Site<'_, '_> {
    fn frame<'a>(
        &'a self,
        root: &'a str,
        current: &'a str,
        feed_url: Option<&'a str>,
    ) -> Frame<'a> {
        Frame {
            words: self.words,
            root,
            current,
            today: self.today,
            feed_url,
        }
    }

    fn write(&self, path: String, text: &str) -> io::Result<String> {
        self.output.write(&path, text.as_bytes())?;
        Ok(path)
    }

    /// The home page, the list of bodies and the calendar.
    fn top_pages(&self, items: &[Item]) -> io::Result<Vec<String>> {
        let t = self.templates;
        let facts = self.facts;
        let home = pages::index_page(facts, items);
        let bodies = pages::bodies_page(facts);
        let calendar = pages::calendar_page(facts, items);
        let html = [
            (
                "index.html",
                t.page(render::INDEX, &self.frame("", "home", None), &home),
            ),
            (
                "bodies.html",
                t.page(render::BODIES, &self.frame("", "bodies", None), &bodies),
            ),
            (
                "calendar.html",
                t.page(
                    render::CALENDAR,
                    &self.frame("", "calendar", None),
                    &calendar,
                ),
            ),
        ];
        html.into_iter()
            .map(|(path, text)| self.write(path.to_owned(), &text.map_err(template_error)?))
            .collect()
    }

    /// One page per plan, in parallel.
    fn plan_pages(&self) -> io::Result<Vec<String>> {
        let frame = self.frame("../", "", None);
        (0..self.facts.plans.len())
            .into_par_iter()
            .map(|at| {
                let page = pages::plan_page(self.facts, at);
                let html = self
                    .templates
                    .page(render::PLAN, &frame, &page)
                    .map_err(template_error)?;
                self.write(format!("plans/{}.html", self.facts.plan_slugs[at]), &html)
            })
            .collect()
    }

    /// One page and one feed per body and scope, in parallel.
    fn body_pages(&self) -> io::Result<Vec<String>> {
        let bodies: Vec<_> = self.facts.bodies.iter().collect();
        let nested: Vec<Vec<String>> = bodies
            .into_par_iter()
            .map(|(holder, (slug, duties))| {
                let page = pages::body_page(self.facts, holder, slug, duties);
                let feed_url = self
                    .options
                    .base_url
                    .as_ref()
                    .map(|b| format!("{b}/{}", page.feed));
                let frame = self.frame("../", "bodies", feed_url.as_deref());
                let html = self
                    .templates
                    .page(render::BODY, &frame, &page)
                    .map_err(template_error)?;
                let name = format!("{} — {}", page.name, page.scope);
                let feed = self.feed(&name, &body_events(self, duties));
                Ok(vec![
                    self.write(format!("bodies/{slug}.html"), &html)?,
                    self.write(page.feed.clone(), &feed)?,
                ])
            })
            .collect::<io::Result<_>>()?;
        Ok(nested.into_iter().flatten().collect())
    }

    /// Feeds hold the deadlines of the calendar page, the next 12 months:
    /// a calendar app wants what is coming (the site is rebuilt daily), and
    /// a national repository's whole future is hundreds of megabytes.
    fn in_feeds(&self, day: NaiveDate) -> bool {
        (self.options.today..=pages::calendar_end(self.options.today)).contains(&day)
    }

    fn feed(&self, name: &str, events: &[ics::Event]) -> String {
        ics::calendar(
            name,
            events,
            self.options.today,
            self.facts.words.word("reminder"),
        )
    }

    /// The pages and the feed that list dated duties across the plans: the
    /// home page, the calendar and the whole feed (with the list of
    /// bodies). The deadlines they list are let go before the plans' and
    /// bodies' pages are written.
    fn dated_pages(&self) -> io::Result<Vec<String>> {
        let today = self.options.today;
        // The listings reach back 12 months (overdue) and forward to the
        // calendar's end: no page or feed shows a dated duty outside that.
        let schedules = adapter::schedules(
            self.facts.plans,
            adapter::window(today - Duration::days(365), pages::calendar_end(today)),
        );
        let items = adapter::deadlines(&schedules, self.options.deliveries);
        let mut written = self.top_pages(&items)?;
        let whole: Vec<ics::Event> = items
            .iter()
            .filter(|i| self.in_feeds(i.occurrence.deadline))
            .map(|i| item_event(self, i))
            .collect();
        let title = self.facts.words.word("site_title");
        written.push(self.write("gplan.ics".into(), &self.feed(title, &whole))?);
        Ok(written)
    }

    /// The style sheet, the search script and its index.
    fn assets(&self) -> io::Result<Vec<String>> {
        Ok(vec![
            self.write("assets/style.css".into(), include_str!("assets/style.css"))?,
            self.write("assets/search.js".into(), include_str!("assets/search.js"))?,
            self.write(
                "assets/search-index.js".into(),
                &search::script(&search_entries(self.facts)),
            )?,
        ])
    }
}

/// Marks an event delivered, as `gplan due --format ics` does: a check
/// mark before its title (what every calendar app shows), and the day in
/// its description.
fn mark_delivered(
    site: &Site,
    deadline: NaiveDate,
    delivered: Option<NaiveDate>,
    summary: &mut String,
    description: &mut Vec<String>,
) {
    let Some(day) = delivered else {
        return;
    };
    let words = site.facts.words;
    let late = if day > deadline {
        format!(" ({})", words.word("delivered_late"))
    } else {
        String::new()
    };
    description.push(format!(
        "{}: {}{late}",
        words.word("delivered_on"),
        words.date(day)
    ));
    summary.insert_str(0, DELIVERED_MARK);
}

/// An event per deadline of a body's duties, from today on.
fn body_events(site: &Site, duties: &[Duty]) -> Vec<ics::Event> {
    let words = site.facts.words;
    let mut events: Vec<ics::Event> = Vec::new();
    for duty in duties {
        let Some(task) = duty.duty.as_deref() else {
            continue;
        };
        let key = format!("role_{}", duty.role.as_str());
        let role = words.word(&key);
        for o in duty
            .occurrences
            .iter()
            .filter(|o| site.in_feeds(o.deadline))
        {
            let mut description = vec![plan_line(
                duty.plan.number.as_ref().map(|n| n.value.as_str()),
                &duty.plan.title,
            )];
            description.push(format!("{}: {role}", words.word("role")));
            if let Some(via) = &duty.via {
                description.push(format!("{} {}", words.word("via"), via.org));
            }
            let delivered = duty.plan.valid_period().and_then(|period| {
                let plan = &duty.plan.id.value;
                site.options
                    .deliveries
                    .delivered(plan, task, period, o.deadline)
            });
            let mut summary = task.title().to_owned();
            mark_delivered(site, o.deadline, delivered, &mut summary, &mut description);
            events.push(ics::Event {
                uid: format!(
                    "{}#{}/{}",
                    duty.plan.id.value,
                    task.id(),
                    o.deadline.format("%Y-%m-%d")
                ),
                deadline: o.deadline,
                summary,
                delivered: delivered.is_some(),
                description: description.join("\n"),
                url: plan_url(site, &duty.plan.id.value),
            });
        }
    }
    events.sort_by(|a, b| (a.deadline, &a.uid).cmp(&(b.deadline, &b.uid)));
    events.dedup_by(|a, b| a.uid == b.uid);
    events
}

/// The event of one dated duty in the whole feed.
fn item_event(site: &Site, item: &Item) -> ics::Event {
    let words = site.facts.words;
    let deadline = item.occurrence.deadline;
    let names = |role| {
        site.facts
            .holders(&item.plan.file, item.duty.id(), role, Some(deadline))
            .into_iter()
            .map(|b| b.name)
            .collect::<Vec<_>>()
            .join("; ")
    };
    let mut description = vec![plan_line(item.plan.number.as_deref(), &item.plan.title)];
    if let Some(start) = item.occurrence.start {
        description.push(format!(
            "{}: {} – {}",
            words.word("ics_time"),
            words.date(start),
            words.date(deadline)
        ));
    }
    description.push(format!("{}: {}", words.word("lead"), names(Role::Lead)));
    let support = names(Role::Support);
    if !support.is_empty() {
        description.push(format!("{}: {support}", words.word("support")));
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
            deadline.format("%Y-%m-%d")
        ),
        deadline,
        summary,
        delivered: item.delivered.is_some(),
        description: description.join("\n"),
        url: plan_url(site, &item.plan.id),
    }
}

fn plan_line(number: Option<&str>, title: &str) -> String {
    match number {
        Some(n) => format!("{n} — {title}"),
        None => title.to_owned(),
    }
}

fn plan_url(site: &Site, id: &str) -> Option<String> {
    let base = site.options.base_url.as_ref()?;
    let at = site.facts.index.by_id(id)?;
    Some(format!("{base}/{}", site.facts.plan_href(at)))
}

/// Every plan, task and body, for the search box.
fn search_entries(facts: &Facts) -> Vec<Entry> {
    let mut entries = Vec::new();
    let mut order: Vec<usize> = (0..facts.plans.len()).collect();
    order.sort_by(|&a, &b| facts.plan_slugs[a].cmp(&facts.plan_slugs[b]));
    let tasks: usize = facts.plans.iter().map(|p| p.tasks.len()).sum();
    let with_tasks = tasks <= search::MAX_TASKS;
    for at in order {
        let plan = &facts.plans[at];
        let href = facts.plan_href(at);
        let number = plan
            .number
            .as_ref()
            .map_or(plan.id.value.as_str(), |n| n.value.as_str());
        entries.push(Entry::new(Kind::Plan, &plan.title, number, href.clone()));
        for task in plan.tasks.iter().filter(|_| with_tasks) {
            let href = format!("{href}#task-{}", task.id.value);
            entries.push(Entry::new(Kind::Task, &task.title, number, href));
        }
    }
    for (holder, (slug, _)) in &facts.bodies {
        entries.push(Entry::new(
            Kind::Body,
            &holder.org,
            &facts.scope_name(&holder.scope),
            format!("bodies/{slug}.html"),
        ));
    }
    entries
}
