//! `gplan site`: the plans as a static website for the staff who never
//! open a terminal. Plain files that work from `file://` and any static
//! host: relative links only, no request outside the site, content
//! readable without JavaScript (only the search box needs it).
//!
//! The answers come from the same queries as the command line, through
//! [`adapter`]; [`digest`] keeps what the pages need of each plan's tasks
//! as it is loaded, in a few tables per plan (no plan is held whole, and
//! none is read twice); [`pages`] turns the answers into page
//! models, [`render`] fills the templates ([`labels`] names the long
//! listings' columns for phones), [`ics`] writes the calendar
//! feeds, [`search`] the search index of what [`entries`] finds, and
//! [`output`] writes the folder.
//! Pages are rendered in parallel; every list is sorted first, so the bytes
//! do not depend on the number of threads.

pub mod adapter;
mod calendar;
pub mod chart;
pub mod digest;
mod entries;
mod events;
pub mod i18n;
pub mod ics;
mod labels;
pub mod output;
pub mod pages;
pub mod render;
pub mod search;
pub mod slug;

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};
use std::path::Path;

use chrono::NaiveDate;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::commands::free_in_background;
use crate::config::UsageError;
use crate::model::Plan;
use crate::query::due::{Deliveries, Item, Schedule};
use crate::query::owners::Holder;
use crate::repo::Repo;
use crate::resolve::Index;
use crate::validate::progress::Measurement;
use digest::{Digest, Part, PartAt};
use events::{body_events, item_event};
use i18n::{Catalogue, Lang};
use output::Output;
use pages::Facts;
use render::{Frame, Page};

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

fn template_error(e: askama::Error) -> io::Error {
    io::Error::other(format!("a page could not be rendered: {e}"))
}

/// Writes the whole site of `repo` into `options.out`, with the actuals
/// of its progress files (those that resolved to a target). `repo` holds
/// the plans' headers and targets, `digests` what the load took from
/// each plan (one for one), `holders` the bodies their parts name, by
/// number (see [`digest::Shared`]): every page is made from these, no
/// plan is read again.
pub fn build<'p>(
    repo: &'p Repo,
    digests: Vec<Digest>,
    holders: Vec<Holder>,
    measured: &[Measurement<'p>],
    options: &Options,
) -> Result<Written, SiteError> {
    let (from, to) = days_written_most(&repo.plans, options.today);
    let words = Catalogue::of(options.lang).writing_ahead(from, to);
    let (mut facts, schedules) = facts(repo, digests, holders, measured, &words, options.today);
    let tools = Tools {
        output: Output::open(options.out)?,
        today: facts.day(options.today),
        options,
    };
    let mut written = BTreeSet::new();
    let site = Site {
        facts: &facts,
        tools: &tools,
    };
    // Each is made on every thread; side by side, one fills the other's
    // gaps (the home page is one page). The list of bodies counts what
    // their pages mark overdue.
    let (dated, bodies) = rayon::join(|| site.dated_pages(&schedules), || site.body_pages());
    written.extend(dated?);
    let (bodies, overdue) = bodies?;
    written.extend(bodies);
    written.insert(site.list_of_bodies(&overdue)?);
    free_in_background(schedules);
    // The plans' pages need each body's file name, no longer its duties.
    let duties: Vec<Vec<PartAt>> = facts
        .bodies
        .values_mut()
        .map(|(_, parts)| std::mem::take(parts))
        .collect();
    free_in_background((duties, std::mem::take(&mut facts.parts)));
    let site = Site {
        facts: &facts,
        tools: &tools,
    };
    let (plans, assets) = rayon::join(|| site.plan_pages(), || site.assets());
    written.extend(plans?);
    written.extend(assets?);
    let files = written.len();
    tools.output.finish(&written)?;
    let bodies = facts.bodies.len();
    let_go(facts);
    Ok(Written {
        plans: repo.plans.len(),
        bodies,
        files,
    })
}

/// The days the pages and feeds write most: from the start of the listed
/// window (see [`digest::listed_window`]) to the end of the last plan's
/// period, as a body's next deadline can be years ahead.
fn days_written_most(plans: &[Plan], today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let (from, to) = digest::listed_window(today).bounds();
    let last = plans
        .iter()
        .filter_map(Plan::valid_period)
        .map(|p| p.to)
        .max();
    (from, last.map_or(to, |last| last.max(to)))
}

/// Lets go of what the pages were made from on a thread of its own (see
/// [`free_in_background`]): a national repository's duties and texts are
/// millions of small allocations; freed one by one as the process is
/// about to end, they were 6% of the site's CPU time (10,000 plans).
fn let_go(facts: Facts) {
    let Facts {
        plan_slugs,
        bodies,
        body_slugs,
        body_files,
        holders,
        body_places,
        roles,
        texts,
        children,
        ..
    } = facts;
    free_in_background((
        plan_slugs,
        bodies,
        body_slugs,
        body_files,
        (holders, body_places),
        roles,
        texts,
        children,
    ));
}

/// The answers every page draws on, and each plan's deadlines in the
/// listed window (let go once the listings are written). The duties are
/// grouped by body while the plans are indexed.
fn facts<'p>(
    repo: &'p Repo,
    digests: Vec<Digest>,
    holders: Vec<Holder>,
    measured: &[Measurement<'p>],
    words: &'p Catalogue,
    today: NaiveDate,
) -> (Facts<'p>, Vec<Schedule>) {
    let plans = repo.plans.as_slice();
    let mut roles = Vec::with_capacity(plans.len());
    let mut schedules = Vec::with_capacity(plans.len());
    let mut texts = Vec::with_capacity(plans.len());
    let mut parts = Vec::with_capacity(plans.len());
    for digest in digests {
        schedules.push(digest.schedule);
        roles.push(digest.roles);
        texts.push(digest.tasks);
        parts.push(digest.parts);
    }
    let (indexed, bodies) = rayon::join(
        || {
            let index = Index::new(plans).with_catalogue(repo.catalogue.as_ref());
            let progress = pages::Progress::of(&index, measured, today);
            (
                adapter::children(&index),
                index,
                progress,
                plan_slugs(plans),
            )
        },
        || bodies_of(&parts, holders.clone()),
    );
    let (children, index, progress, (plan_slugs, plan_ranks)) = indexed;
    let body_slugs: FxHashMap<Holder, u32> = bodies.keys().cloned().zip(0..).collect();
    let body_files = bodies.values().map(|(slug, _)| slug.clone()).collect();
    let body_places = holders
        .iter()
        .map(|holder| body_slugs.get(holder).copied())
        .collect();
    let facts = Facts {
        plans,
        children,
        index,
        registry: repo.registry.as_ref(),
        words,
        today,
        plan_slugs,
        plan_ranks,
        parts,
        bodies,
        body_slugs,
        body_files,
        holders,
        body_places,
        roles,
        texts,
        progress,
    };
    (facts, schedules)
}

/// Where the parts of each plan (by its place in the plans) lie, grouped
/// by body and scope (`holders` by their numbers), each body with its
/// page's file name. A body whose parts are all past has no page.
fn bodies_of(parts: &[Vec<Part>], holders: Vec<Holder>) -> BTreeMap<Holder, (String, Vec<PartAt>)> {
    // Each body's parts counted first, so that none holds spare room.
    let mut counts = vec![0; holders.len()];
    for part in parts.iter().flatten() {
        if let Some(count) = counts.get_mut(part.body()) {
            *count += 1;
        }
    }
    let mut by_body: Vec<Vec<PartAt>> = counts.into_iter().map(Vec::with_capacity).collect();
    for (plan, parts) in parts.iter().enumerate() {
        for (at, part) in parts.iter().enumerate() {
            if let Some(body) = by_body.get_mut(part.body()) {
                body.push(PartAt::new(plan, at));
            }
        }
    }
    let mut bodies: BTreeMap<Holder, (String, Vec<PartAt>)> = holders
        .into_iter()
        .zip(by_body)
        .filter(|(_, parts)| !parts.is_empty())
        .map(|(holder, parts)| (holder, (String::new(), parts)))
        .collect();
    let mut slugs = slug::Slugs::default();
    for (holder, (slug, _)) in &mut bodies {
        *slug = slugs.unique(&slug::body(&holder.org, &holder.scope));
    }
    bodies
}

/// Each plan's page name (by its place in `plans`), and its place in the
/// order of plan ids (each plan has its own id: duplicates are left out).
fn plan_slugs(plans: &[Plan]) -> (Vec<String>, Vec<u32>) {
    let mut order: Vec<usize> = (0..plans.len()).collect();
    order.sort_by(|&a, &b| plans[a].id.value.cmp(&plans[b].id.value).then(a.cmp(&b)));
    let mut slugs = slug::Slugs::default();
    let mut names = vec![String::new(); plans.len()];
    let mut ranks = vec![0; plans.len()];
    for (rank, i) in (0u32..).zip(order) {
        names[i] = slugs.unique(&slug::plan(&plans[i].id.value));
        ranks[i] = rank;
    }
    (names, ranks)
}

/// Writes what `piece` makes of each of `each` into `file`, in order. The
/// pieces are made on every thread, a round of one per thread at a time:
/// only a round is held, not the whole file.
fn write_pieces<T: Sync>(
    file: &mut dyn Write,
    each: &[T],
    piece: impl Fn(&T) -> io::Result<String> + Sync,
) -> io::Result<()> {
    for round in each.chunks(rayon::current_num_threads().max(1)) {
        let made: Vec<String> = round.par_iter().map(&piece).collect::<io::Result<_>>()?;
        for text in &made {
            file.write_all(text.as_bytes())?;
        }
    }
    Ok(())
}

/// How many events of the whole feed one thread makes at a time.
const EVENTS_PER_PIECE: usize = 1024;

/// What every page writer shares.
struct Tools<'s> {
    output: Output,
    today: pages::Day<'s>,
    options: &'s Options<'s>,
}

/// Everything a page writer needs.
struct Site<'s, 'p> {
    facts: &'s Facts<'p>,
    tools: &'s Tools<'s>,
}

impl Site<'_, '_> {
    fn frame<'a>(&'a self, root: &'a str, current: &'a str) -> Frame<'a> {
        Frame {
            words: self.facts.words,
            root,
            current,
            today: self.tools.today,
        }
    }

    fn write(&self, path: String, text: &str) -> io::Result<String> {
        self.tools.output.write(&path, text.as_bytes())?;
        Ok(path)
    }

    /// Renders `page` in `frame` into this thread's page buffer (reused
    /// from page to page) and writes it at `path`.
    fn write_page(&self, path: String, frame: &Frame, page: &impl Page) -> io::Result<String> {
        thread_local! {
            static HTML: RefCell<String> = const { RefCell::new(String::new()) };
        }
        HTML.with_borrow_mut(|html| {
            html.clear();
            page.render_into(frame, html).map_err(template_error)?;
            self.write(path, html)
        })
    }

    /// The home page and the calendar, one after the other.
    fn top_pages(&self, items: &[Item]) -> io::Result<Vec<String>> {
        let home = pages::index_page(self.facts, items);
        let index = self.write_page("index.html".into(), &self.frame("", "home"), &home)?;
        Ok(vec![index, self.calendar(items)?])
    }

    /// The list of bodies, `overdue` what each body's page marks overdue
    /// (in the order of `facts.bodies`).
    fn list_of_bodies(&self, overdue: &[usize]) -> io::Result<String> {
        let bodies = pages::bodies_page(self.facts, overdue);
        self.write_page("bodies.html".into(), &self.frame("", "bodies"), &bodies)
    }

    /// One page per plan, on every thread.
    fn plan_pages(&self) -> io::Result<Vec<String>> {
        let facts = self.facts;
        let frame = self.frame("../", "");
        (0..facts.plans.len())
            .into_par_iter()
            .map(|at| {
                let page = pages::plan_page(facts, at, self.tools.options.deliveries);
                let path = format!("plans/{}.html", facts.plan_slugs[at]);
                self.write_page(path, &frame, &page)
            })
            .collect()
    }

    /// One page and one feed per body and scope, in parallel; with the
    /// files written, how many deadlines each page marks overdue (in the
    /// order of `facts.bodies`). Each body is a piece of work of its own: a
    /// province's busiest bodies sit side by side in that order, and in
    /// rayon's larger pieces one thread wrote the last of them alone.
    fn body_pages(&self) -> io::Result<(Vec<String>, Vec<usize>)> {
        let bodies: Vec<_> = self.facts.bodies.iter().collect();
        let each: Vec<([String; 2], usize)> = bodies
            .into_par_iter()
            .with_max_len(1)
            .map(|(holder, (slug, parts))| {
                let base_url = self.tools.options.base_url.as_deref();
                let deliveries = self.tools.options.deliveries;
                let duties = pages::in_order(self.facts, parts);
                let page =
                    pages::body_page(self.facts, holder, slug, &duties, deliveries, base_url);
                let overdue = page.rows.iter().map(|r| r.standing.overdue.len()).sum();
                let frame = self.frame("../", "bodies");
                let html = self.write_page(format!("bodies/{slug}.html"), &frame, &page)?;
                let name = format!("{} — {}", page.name, page.scope);
                let feed = self.write_feed(page.feed.clone(), &name, body_events(self, &duties))?;
                Ok(([html, feed], overdue))
            })
            .collect::<io::Result<_>>()?;
        let (files, overdue): (Vec<[String; 2]>, Vec<usize>) = each.into_iter().unzip();
        Ok((files.into_iter().flatten().collect(), overdue))
    }

    /// Feeds hold the deadlines of the calendar page, the next 12 months
    /// (today to the day before its date next year, [`pages::calendar_end`]):
    /// a calendar app wants what is coming (the site is rebuilt daily), and
    /// a national repository's whole future is hundreds of megabytes.
    fn in_feeds(&self, day: NaiveDate) -> bool {
        (self.tools.options.today..=pages::calendar_end(self.tools.options.today)).contains(&day)
    }

    /// Writes the feed named `name` of `events` at `path`, made in this
    /// thread's feed buffer (reused from feed to feed, as pages are).
    fn write_feed(
        &self,
        path: String,
        name: &str,
        events: impl IntoIterator<Item = ics::Event>,
    ) -> io::Result<String> {
        thread_local! {
            static FEED: RefCell<String> = const { RefCell::new(String::new()) };
        }
        let (today, reminder) = (self.tools.options.today, self.facts.words.reminder);
        FEED.with_borrow_mut(|feed| {
            feed.clear();
            ics::calendar_into(feed, name, events, today, reminder);
            self.write(path, feed)
        })
    }

    /// The pages and the feed that list dated duties across the plans: the
    /// home page, the calendar and the whole feed (with the list of
    /// bodies). The deadlines they list are let go before the plans' and
    /// bodies' pages are written.
    fn dated_pages(&self, schedules: &[Schedule]) -> io::Result<Vec<String>> {
        // No page or feed lists a deadline outside the listed window: 12
        // months back (overdue) to the calendar's end.
        let window = digest::listed_window(self.tools.options.today);
        let items = adapter::deadlines(schedules, self.tools.options.deliveries, window);
        let mut written = self.top_pages(&items)?;
        written.push(self.whole_feed(&items)?);
        Ok(written)
    }

    /// The feed of every dated duty in the feeds' window (of `items`): its
    /// events are made and written in pieces on every thread, put together
    /// in order.
    fn whole_feed(&self, items: &[Item]) -> io::Result<String> {
        let listed: Vec<&Item> = items
            .iter()
            .filter(|i| self.in_feeds(i.occurrence.deadline))
            .collect();
        let (today, reminder) = (self.tools.options.today, self.facts.words.reminder);
        let pieces: Vec<&[&Item]> = listed.chunks(EVENTS_PER_PIECE).collect();
        let path = "gplan.ics";
        self.tools.output.write_with(path, |file| {
            file.write_all(ics::head(self.facts.words.site_title).as_bytes())?;
            write_pieces(file, &pieces, |piece| {
                let events = piece.iter().map(|i| item_event(self, i));
                Ok(ics::events(events, today, reminder))
            })?;
            file.write_all(ics::END.as_bytes())
        })?;
        Ok(path.to_owned())
    }

    /// The style sheets, the search script and its index.
    fn assets(&self) -> io::Result<Vec<String>> {
        Ok(vec![
            self.write("assets/style.css".into(), include_str!("assets/style.css"))?,
            self.write(
                "assets/labels.css".into(),
                &labels::stylesheet(self.facts.words),
            )?,
            self.write("assets/search.js".into(), include_str!("assets/search.js"))?,
            self.write(
                "assets/search-index.js".into(),
                &search::script(&entries::search_entries(self.facts)),
            )?,
        ])
    }
}
