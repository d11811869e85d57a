//! Inline SVG charts of a target: its milestones as bars, this plan's
//! beside the parent target's, the actuals of progress files as dots, and
//! the baseline as a line across, year by year (and group by group). The
//! geometry is worked out here (and tested); the template only draws the
//! shapes, so every text in a chart is escaped like the rest of the page.
//! The chart repeats the table it stands beside, so it is hidden from
//! screen readers.
//!
//! Years stand at x positions proportional to the year (2025 → 2030 is
//! five times 2024 → 2025), and no two labels overlap each other, a bar
//! or a dot: a label that would is moved up a line at a time, and the
//! drawing grows above to hold it ([`Chart::height`]). A tick that would
//! run into one before it goes on a row below. Every position is a pure
//! function of the figures, so the bytes are the same on every run.

use crate::model::Value;

/// The drawing's width, in SVG user units (it scales to the page).
pub const WIDTH: f64 = 320.0;
/// The drawing's height when no label had to be moved up.
pub const HEIGHT: f64 = 150.0;
/// Room under the bars for the year labels.
const AXIS: f64 = 20.0;
/// Room above the bars for their figures.
const TOP: f64 = 16.0;
/// From a bar's right edge to the centre of an actual beside it: the dot's
/// radius and a little room.
const DOT_GAP: f64 = 6.0;
/// A dot's radius, as the template draws it.
const DOT: f64 = 4.0;
/// A label's height and its step when moved up: the labels' 11-unit font
/// and a little room.
const LINE: f64 = 12.0;
/// What a label's character takes across, at most: the widest figures of
/// the 11-unit font, bold (an actual's), with room to spare, so that a box
/// is never narrower than the text drawn in it.
const CHAR: f64 = 8.0;
/// From a label's baseline to the bottom of its box (a comma's tail).
const DESCENT: f64 = 3.0;

/// One bar: a figure (or a band's range) of one series in one year.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// `own` or `parent`: the series, for its colour.
    pub series: &'static str,
    pub label: String,
    /// Where the label goes: above the bar's middle (its text centred
    /// there), higher when that room is taken.
    pub label_x: f64,
    pub label_y: f64,
}

/// A year's label under its bars.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub x: f64,
    pub label: String,
    /// The text's baseline: the first row, or the second when the tick
    /// before it is too close.
    pub y: f64,
}

/// An actual: a dot at its figure, labelled to its right.
#[derive(Debug, Clone, PartialEq)]
pub struct Dot {
    pub x: f64,
    pub y: f64,
    pub label: String,
    /// Where the label starts (the text runs right from there).
    pub label_x: f64,
    pub label_y: f64,
}

/// The baseline: a dashed line across the chart at its figure, labelled
/// at the left (higher when a bar or a label is there).
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub y: f64,
    pub label: String,
    pub label_x: f64,
    pub label_y: f64,
}

/// A whole chart. `baseline` is the x axis (where bars stand); `base` is
/// the target's baseline figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub width: f64,
    pub height: f64,
    pub baseline: f64,
    pub bars: Vec<Bar>,
    pub dots: Vec<Dot>,
    pub base: Option<Rule>,
    pub ticks: Vec<Tick>,
}

/// One year (and group) of a target: its own milestone and the parent's,
/// and the actual recorded, with their labels (figures with units).
pub struct Year<'a> {
    /// The year, which places the slot.
    pub year: i32,
    /// The tick under the slot: the year, and the group when there is one.
    pub label: String,
    pub own: Option<(Value, &'a str)>,
    pub parent: Option<(Value, &'a str)>,
    pub actual: Option<(f64, &'a str)>,
}

/// A rectangle: left, top, right, bottom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Box {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl Box {
    /// Whether the two share more than an edge.
    pub fn overlaps(&self, other: &Box) -> bool {
        self.left < other.right
            && other.left < self.right
            && self.top < other.bottom
            && other.top < self.bottom
    }

    fn up(self, by: f64) -> Box {
        Box {
            top: self.top - by,
            bottom: self.bottom - by,
            ..self
        }
    }
}

/// How far across a label of `text` reaches, at most.
fn text_width(text: &str) -> f64 {
    text.chars().count() as f64 * CHAR
}

/// The box of a label whose text starts at `x` on baseline `y`.
fn label_box(text: &str, x: f64, y: f64) -> Box {
    Box {
        left: x,
        top: y - LINE + DESCENT,
        right: x + text_width(text),
        bottom: y + DESCENT,
    }
}

/// The box of a label centred on `x`, on baseline `y`.
fn centred_box(text: &str, x: f64, y: f64) -> Box {
    label_box(text, x - text_width(text) / 2.0, y)
}

/// The chart of `years` and the baseline, or `None` when there is nothing
/// to draw (no figure, or a negative one: targets are rates and counts). A
/// `%` target is drawn against 100; others against their largest figure.
pub fn milestones(years: &[Year], base: Option<(f64, &str)>, percent: bool) -> Option<Chart> {
    let top = scale_top(years, base, percent)?;
    let baseline = HEIGHT - AXIS;
    let scale = (baseline - TOP) / top;
    let slots = slots(years);
    let bar = slots.first().map_or(0.0, |s| s.1 * 0.35).min(36.0);
    // Without a parent series, each year's one bar stands centred.
    let pair = years.iter().any(|y| y.parent.is_some());
    let mut bars = Vec::new();
    let mut dots = Vec::new();
    for (year, &(centre, _)) in years.iter().zip(&slots) {
        let own_x = if pair {
            centre - bar - 1.0
        } else {
            centre - bar / 2.0
        };
        let series = [
            ("own", year.own, own_x),
            ("parent", year.parent, centre + 1.0),
        ];
        for (name, figure, x) in series {
            let Some((value, label)) = figure else {
                continue;
            };
            let (low, high) = match value {
                Value::Single(v) => (0.0, v.to_f64()),
                Value::Band(low, high) => (low.to_f64(), high.to_f64()),
            };
            let y = baseline - high * scale;
            bars.push(Bar {
                x,
                y,
                width: bar,
                height: ((high - low) * scale).max(1.0),
                series: name,
                label: label.to_owned(),
                label_x: x + bar / 2.0,
                label_y: y - 4.0,
            });
        }
        if let Some((value, label)) = year.actual {
            let y = baseline - value * scale;
            let drawn = series.iter().filter(|s| s.1.is_some()).map(|s| s.2);
            let x = dot_x(centre, drawn, bar);
            dots.push(Dot {
                x,
                y,
                label: label.to_owned(),
                label_x: x + DOT + 2.0,
                label_y: y + 4.0,
            });
        }
    }
    let base = base.map(|(value, label)| {
        let y = baseline - value * scale;
        Rule {
            y,
            label: label.to_owned(),
            label_x: 2.0,
            label_y: y - 4.0,
        }
    });
    let ticks = ticks(years, &slots);
    let mut chart = Chart {
        width: WIDTH,
        height: HEIGHT,
        baseline,
        bars,
        dots,
        base,
        ticks,
    };
    place_labels(&mut chart);
    Some(chart.rounded())
}

/// The figure the top of the drawing stands for, or `None` when there is
/// nothing to draw.
fn scale_top(years: &[Year], base: Option<(f64, &str)>, percent: bool) -> Option<f64> {
    let bars = years
        .iter()
        .flat_map(|y| [y.own, y.parent])
        .flatten()
        .flat_map(|(v, _)| [v.low().to_f64(), v.high().to_f64()]);
    let dots = years.iter().filter_map(|y| y.actual).map(|(v, _)| v);
    let mut top: f64 = if percent { 100.0 } else { 0.0 };
    for figure in bars.chain(dots).chain(base.map(|(v, _)| v)) {
        if !figure.is_finite() || figure < 0.0 {
            return None;
        }
        top = top.max(figure);
    }
    (top > 0.0 && !years.is_empty()).then_some(top)
}

/// Each year's centre and the width of its slot (the same for all): the
/// years placed in proportion across the drawing, one unit per year from
/// the first to the last, and the groups of a year side by side in its
/// unit, in the order given.
fn slots(years: &[Year]) -> Vec<(f64, f64)> {
    let first = years.iter().map(|y| y.year).min().unwrap_or(0);
    let last = years.iter().map(|y| y.year).max().unwrap_or(0);
    let unit = WIDTH / (f64::from(last - first) + 1.0);
    let mut groups = std::collections::BTreeMap::<i32, usize>::new();
    for y in years {
        *groups.entry(y.year).or_default() += 1;
    }
    let most = groups.values().copied().max().unwrap_or(1) as f64;
    let slot = unit / most;
    let mut seen = std::collections::BTreeMap::<i32, usize>::new();
    years
        .iter()
        .map(|y| {
            let nth = seen.entry(y.year).or_default();
            let count = groups.get(&y.year).copied().unwrap_or(1) as f64;
            let start = unit * f64::from(y.year - first) + (unit - slot * count) / 2.0;
            let centre = start + slot * (*nth as f64 + 0.5);
            *nth += 1;
            (centre, slot)
        })
        .collect()
}

/// The ticks under the slots, each centred on its slot (moved in from an
/// edge it would run past): on the first row it does not touch a tick of,
/// a row below the last when it touches one on every row.
fn ticks(years: &[Year], slots: &[(f64, f64)]) -> Vec<Tick> {
    let first_row = HEIGHT - 5.0;
    // Where each row's last tick ends.
    let mut rows: Vec<f64> = Vec::new();
    years
        .iter()
        .zip(slots)
        .map(|(year, &(centre, _))| {
            let half = text_width(&year.label) / 2.0;
            let x = centre.min(WIDTH - half).max(half);
            let row = rows
                .iter()
                .position(|&right| x - half >= right + 1.0)
                .unwrap_or(rows.len());
            if row == rows.len() {
                rows.push(x + half);
            } else {
                rows[row] = x + half;
            }
            let y = first_row + LINE * row as f64;
            Tick {
                x,
                label: year.label.clone(),
                y,
            }
        })
        .collect()
}

/// Moves each label that would overlap a bar, a dot or a label placed
/// before it up a line at a time until it overlaps none; then moves the
/// whole drawing down so the highest label is inside it, and makes room
/// under the axis for the rows of ticks below the first. Labels are placed in a fixed
/// order (the baseline's, then each slot's bars and actual, left to
/// right), so the result does not depend on anything else.
fn place_labels(chart: &mut Chart) {
    keep_inside(chart);
    let mut taken: Vec<Box> = chart.bars.iter().map(bar_box).collect();
    taken.extend(chart.dots.iter().map(dot_box));
    if let Some(base) = &mut chart.base {
        let found = free(label_box(&base.label, base.label_x, base.label_y), &taken);
        base.label_y -= found;
        taken.push(label_box(&base.label, base.label_x, base.label_y));
    }
    for bar in &mut chart.bars {
        let found = free(centred_box(&bar.label, bar.label_x, bar.label_y), &taken);
        bar.label_y -= found;
        taken.push(centred_box(&bar.label, bar.label_x, bar.label_y));
    }
    for dot in &mut chart.dots {
        let found = free(label_box(&dot.label, dot.label_x, dot.label_y), &taken);
        dot.label_y -= found;
        taken.push(label_box(&dot.label, dot.label_x, dot.label_y));
    }
    let highest = taken.iter().map(|b| b.top).fold(f64::INFINITY, f64::min);
    let down = (2.0 - highest).max(0.0);
    chart.shift_down(down);
    let first_row = HEIGHT - 5.0 + down;
    let lowest = chart.ticks.iter().map(|t| t.y).fold(first_row, f64::max);
    chart.height += lowest - (HEIGHT - 5.0);
}

/// Keeps every label across the drawing: a bar's is moved in from an
/// edge, an actual's at the right edge goes to the left of its dot.
fn keep_inside(chart: &mut Chart) {
    for bar in &mut chart.bars {
        let half = text_width(&bar.label) / 2.0;
        bar.label_x = bar.label_x.min(WIDTH - half).max(half);
    }
    for dot in &mut chart.dots {
        let width = text_width(&dot.label);
        if dot.label_x + width > WIDTH {
            dot.label_x = (dot.x - DOT - 2.0 - width).max(0.0);
        }
    }
}

/// How far up `label` must go, a line at a time, to overlap nothing
/// `taken` (it always can: nothing is above the drawing's top). Half a
/// unit of room each side, so that rounding the positions to two decimals
/// cannot make two boxes meet.
fn free(label: Box, taken: &[Box]) -> f64 {
    let label = Box {
        left: label.left - 0.5,
        top: label.top - 0.5,
        right: label.right + 0.5,
        bottom: label.bottom + 0.5,
    };
    let mut up = 0.0;
    while taken.iter().any(|t| t.overlaps(&label.up(up))) {
        up += LINE;
    }
    up
}

fn bar_box(bar: &Bar) -> Box {
    Box {
        left: bar.x,
        top: bar.y,
        right: bar.x + bar.width,
        bottom: bar.y + bar.height,
    }
}

fn dot_box(dot: &Dot) -> Box {
    Box {
        left: dot.x - DOT,
        top: dot.y - DOT,
        right: dot.x + DOT,
        bottom: dot.y + DOT,
    }
}

impl Chart {
    /// Every label's box: the baseline's, the bars', the actuals' and the
    /// ticks', in that order.
    pub fn label_boxes(&self) -> Vec<Box> {
        let base = self
            .base
            .iter()
            .map(|b| label_box(&b.label, b.label_x, b.label_y));
        let bars = self
            .bars
            .iter()
            .map(|b| centred_box(&b.label, b.label_x, b.label_y));
        let dots = self
            .dots
            .iter()
            .map(|d| label_box(&d.label, d.label_x, d.label_y));
        let ticks = self.ticks.iter().map(|t| centred_box(&t.label, t.x, t.y));
        base.chain(bars).chain(dots).chain(ticks).collect()
    }

    /// The boxes of the bars and the dots.
    pub fn shape_boxes(&self) -> Vec<Box> {
        let bars = self.bars.iter().map(bar_box);
        bars.chain(self.dots.iter().map(dot_box)).collect()
    }

    fn shift_down(&mut self, by: f64) {
        self.baseline += by;
        for bar in &mut self.bars {
            bar.y += by;
            bar.label_y += by;
        }
        for dot in &mut self.dots {
            dot.y += by;
            dot.label_y += by;
        }
        if let Some(base) = &mut self.base {
            base.y += by;
            base.label_y += by;
        }
        for tick in &mut self.ticks {
            tick.y += by;
        }
    }

    /// Every position to two decimals: plenty for a drawing, and the
    /// bytes stay stable.
    fn rounded(mut self) -> Chart {
        self.height = round(self.height);
        self.baseline = round(self.baseline);
        for b in &mut self.bars {
            for v in [
                &mut b.x,
                &mut b.y,
                &mut b.width,
                &mut b.height,
                &mut b.label_x,
                &mut b.label_y,
            ] {
                *v = round(*v);
            }
        }
        for d in &mut self.dots {
            for v in [&mut d.x, &mut d.y, &mut d.label_x, &mut d.label_y] {
                *v = round(*v);
            }
        }
        if let Some(r) = &mut self.base {
            for v in [&mut r.y, &mut r.label_x, &mut r.label_y] {
                *v = round(*v);
            }
        }
        for t in &mut self.ticks {
            t.x = round(t.x);
            t.y = round(t.y);
        }
        self
    }
}

/// Where a year's actual stands: on the year's centre, or just right of
/// its bars, so that its figure does not cover theirs.
/// `bars` are the left edges of the year's bars.
fn dot_x(centre: f64, bars: impl Iterator<Item = f64>, bar: f64) -> f64 {
    bars.map(|x| x + bar + DOT_GAP).fold(centre, f64::max)
}

/// Two decimals are plenty for a drawing and keep the bytes stable.
fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests;
