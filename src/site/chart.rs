//! Inline SVG charts of a target: its milestones as bars, this plan's
//! beside the parent target's, the actuals of progress files as dots, and
//! the baseline as a line across, year by year (and group by group). The
//! geometry is worked out here (and tested); the template only draws the
//! shapes, so every text in a chart is escaped like the rest of the page.
//! The chart repeats the table it stands beside, so it is hidden from
//! screen readers.

use crate::model::Value;

/// The drawing's size, in SVG user units (it scales to the page).
pub const WIDTH: f64 = 320.0;
pub const HEIGHT: f64 = 150.0;
/// Room under the bars for the year labels.
const AXIS: f64 = 20.0;
/// Room above the bars for their figures.
const TOP: f64 = 16.0;
/// From a bar's right edge to the centre of an actual beside it: the dot's
/// radius and a little room.
const DOT_GAP: f64 = 6.0;

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
    /// Where the label goes: above the bar's middle.
    pub label_x: f64,
    pub label_y: f64,
}

/// A year's label under its bars.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub x: f64,
    pub label: String,
}

/// An actual: a dot at its figure, labelled.
#[derive(Debug, Clone, PartialEq)]
pub struct Dot {
    pub x: f64,
    pub y: f64,
    pub label: String,
    pub label_y: f64,
}

/// The baseline: a dashed line across the chart at its figure, labelled
/// at the left.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub y: f64,
    pub label: String,
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
    /// The tick under the slot: the year, and the group when there is one.
    pub label: String,
    pub own: Option<(Value, &'a str)>,
    pub parent: Option<(Value, &'a str)>,
    pub actual: Option<(f64, &'a str)>,
}

/// The chart of `years` and the baseline, or `None` when there is nothing
/// to draw (no figure, or a negative one: targets are rates and counts). A
/// `%` target is drawn against 100; others against their largest figure.
pub fn milestones(years: &[Year], base: Option<(f64, &str)>, percent: bool) -> Option<Chart> {
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
    if top <= 0.0 || years.is_empty() {
        return None;
    }
    let slot = WIDTH / years.len() as f64;
    let bar = (slot * 0.35).min(36.0);
    let baseline = HEIGHT - AXIS;
    let scale = (baseline - TOP) / top;
    // Without a parent series, each year's one bar stands centred.
    let pair = years.iter().any(|y| y.parent.is_some());
    let mut bars = Vec::new();
    let mut dots = Vec::new();
    let mut ticks = Vec::new();
    for (i, year) in years.iter().enumerate() {
        let centre = slot * (i as f64 + 0.5);
        ticks.push(Tick {
            x: round(centre),
            label: year.label.clone(),
        });
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
                x: round(x),
                y: round(y),
                width: round(bar),
                height: round(((high - low) * scale).max(1.0)),
                series: name,
                label: label.to_owned(),
                label_x: round(x + bar / 2.0),
                label_y: round(y - 3.0),
            });
        }
        if let Some((value, label)) = year.actual {
            let y = baseline - value * scale;
            let drawn = series.iter().filter(|s| s.1.is_some()).map(|s| s.2);
            dots.push(Dot {
                x: round(dot_x(centre, drawn, bar)),
                y: round(y),
                label: label.to_owned(),
                label_y: round((y - 7.0).max(TOP - 4.0)),
            });
        }
    }
    Some(Chart {
        width: WIDTH,
        height: HEIGHT,
        baseline,
        bars,
        dots,
        base: base.map(|(value, label)| Rule {
            y: round(baseline - value * scale),
            label: label.to_owned(),
        }),
        ticks,
    })
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
mod tests {
    use super::*;
    use crate::figure::Figure;

    #[test]
    fn bars_stand_on_the_baseline_in_proportion_and_bands_float() {
        let years = [
            Year {
                label: "2025".into(),
                own: Some((Value::Single(Figure::whole(60)), "60%")),
                parent: Some((Value::Single(Figure::whole(50)), "50%")),
                actual: None,
            },
            Year {
                label: "2030".into(),
                own: Some((Value::Band(Figure::whole(30), Figure::whole(40)), "30–40%")),
                parent: None,
                actual: None,
            },
        ];
        let chart = milestones(&years, None, true).expect("a chart");
        assert_eq!(
            chart
                .ticks
                .iter()
                .map(|t| (t.x, t.label.as_str()))
                .collect::<Vec<_>>(),
            [(80.0, "2025"), (240.0, "2030")]
        );
        let area = chart.baseline - TOP;
        let own = &chart.bars[0];
        assert_eq!((own.series, own.label.as_str()), ("own", "60%"));
        assert!(
            (own.y + own.height - chart.baseline).abs() < 0.01,
            "stands on the baseline"
        );
        assert!((own.height - area * 0.6).abs() < 0.01, "60 of 100");
        assert_eq!(chart.bars[1].series, "parent");
        let band = &chart.bars[2];
        assert!(
            (band.height - area * 0.1).abs() < 0.01,
            "a band spans low to high"
        );
        assert!(band.y + band.height < chart.baseline, "a band floats");
        assert!(chart
            .bars
            .iter()
            .all(|b| b.x >= 0.0 && b.x + b.width <= WIDTH && b.y >= 0.0));
    }

    #[test]
    fn nothing_to_draw_is_no_chart() {
        assert!(milestones(&[], None, true).is_none());
        let empty = [Year {
            label: "2025".into(),
            own: None,
            parent: None,
            actual: None,
        }];
        assert!(milestones(&empty, None, false).is_none());
        let negative = [Year {
            label: "2025".into(),
            own: Some((Value::Single(Figure::whole(-1)), "-1")),
            parent: None,
            actual: None,
        }];
        assert!(milestones(&negative, None, false).is_none());
        let counts = [Year {
            label: "2025".into(),
            own: Some((Value::Single(Figure::whole(4)), "4 lần")),
            parent: None,
            actual: None,
        }];
        let chart = milestones(&counts, None, false).expect("a chart");
        assert!(
            (chart.bars[0].y - TOP).abs() < 0.01,
            "the largest figure reaches the top"
        );
        let centre = chart.ticks[0].x;
        assert!(
            (chart.bars[0].x + chart.bars[0].width / 2.0 - centre).abs() < 0.01,
            "alone, centred"
        );
    }

    #[test]
    fn actuals_are_dots_and_the_baseline_a_line_on_the_same_scale() {
        let years = [
            Year {
                label: "2024 nữ".into(),
                own: None,
                parent: None,
                actual: Some((40.0, "40%")),
            },
            Year {
                label: "2025 nữ".into(),
                own: Some((Value::Single(Figure::whole(50)), "50%")),
                parent: None,
                actual: None,
            },
        ];
        let chart = milestones(&years, Some((20.0, "20%")), true).expect("a chart");
        let area = chart.baseline - TOP;
        let dot = &chart.dots[0];
        assert_eq!((dot.x, dot.label.as_str()), (chart.ticks[0].x, "40%"));
        assert!(
            (chart.baseline - dot.y - area * 0.4).abs() < 0.01,
            "40 of 100"
        );
        let base = chart.base.as_ref().expect("a baseline");
        assert!(
            (chart.baseline - base.y - area * 0.2).abs() < 0.01,
            "20 of 100"
        );
        assert_eq!(chart.ticks[1].label, "2025 nữ");
        let above = [Year {
            label: "2024".into(),
            own: None,
            parent: None,
            actual: Some((120.0, "120 lần")),
        }];
        let chart = milestones(&above, None, false).expect("a chart");
        assert!(
            (chart.dots[0].y - TOP).abs() < 0.01,
            "an actual can set the scale"
        );
        assert!(milestones(&above, Some((f64::NAN, "?")), false).is_none());
    }

    #[test]
    fn an_actual_beside_a_milestone_stands_right_of_its_bar() {
        let years = [Year {
            label: "2025".into(),
            own: Some((Value::Single(Figure::whole(50)), "50%")),
            parent: None,
            actual: Some((55.0, "55%")),
        }];
        let chart = milestones(&years, None, true).expect("a chart");
        let (bar, dot) = (&chart.bars[0], &chart.dots[0]);
        assert!(
            (dot.x - (bar.x + bar.width + DOT_GAP)).abs() < 0.01,
            "the figures 50% and 55% were drawn over each other"
        );
    }
}
