//! Inline SVG charts of a target's milestones, this plan's beside the
//! parent target's, year by year. The geometry is worked out here (and
//! tested); the template only draws the shapes, so every text in a chart
//! is escaped like the rest of the page. The chart repeats the table it
//! stands beside, so it is hidden from screen readers. Actuals (once
//! progress is recorded) are one more series.

use serde::Serialize;

use crate::model::Value;

/// The drawing's size, in SVG user units (it scales to the page).
pub const WIDTH: f64 = 320.0;
pub const HEIGHT: f64 = 150.0;
/// Room under the bars for the year labels.
const AXIS: f64 = 20.0;
/// Room above the bars for their figures.
const TOP: f64 = 16.0;

/// One bar: a figure (or a band's range) of one series in one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tick {
    pub x: f64,
    pub label: String,
}

/// A whole chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    pub width: f64,
    pub height: f64,
    pub baseline: f64,
    pub bars: Vec<Bar>,
    pub ticks: Vec<Tick>,
}

/// One year of a target: its own value and the parent's, with their
/// labels (figures with units).
pub struct Year<'a> {
    pub year: i32,
    pub own: Option<(Value, &'a str)>,
    pub parent: Option<(Value, &'a str)>,
}

/// The chart of `years`, or `None` when there is nothing to draw (no
/// figure, or a negative one: targets are rates and counts). A `%` target
/// is drawn against 100; others against their largest figure.
pub fn milestones(years: &[Year], percent: bool) -> Option<Chart> {
    let figures = years
        .iter()
        .flat_map(|y| [y.own, y.parent])
        .flatten()
        .map(|(v, _)| v);
    let mut top: f64 = if percent { 100.0 } else { 0.0 };
    for value in figures {
        let (low, high) = (value.low().to_f64(), value.high().to_f64());
        if !low.is_finite() || !high.is_finite() || low < 0.0 {
            return None;
        }
        top = top.max(high);
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
    let mut ticks = Vec::new();
    for (i, year) in years.iter().enumerate() {
        let centre = slot * (i as f64 + 0.5);
        ticks.push(Tick {
            x: round(centre),
            label: year.year.to_string(),
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
    }
    Some(Chart {
        width: WIDTH,
        height: HEIGHT,
        baseline,
        bars,
        ticks,
    })
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
                year: 2025,
                own: Some((Value::Single(Figure::whole(60)), "60%")),
                parent: Some((Value::Single(Figure::whole(50)), "50%")),
            },
            Year {
                year: 2030,
                own: Some((Value::Band(Figure::whole(30), Figure::whole(40)), "30–40%")),
                parent: None,
            },
        ];
        let chart = milestones(&years, true).expect("a chart");
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
        assert!(milestones(&[], true).is_none());
        let empty = [Year {
            year: 2025,
            own: None,
            parent: None,
        }];
        assert!(milestones(&empty, false).is_none());
        let negative = [Year {
            year: 2025,
            own: Some((Value::Single(Figure::whole(-1)), "-1")),
            parent: None,
        }];
        assert!(milestones(&negative, false).is_none());
        let counts = [Year {
            year: 2025,
            own: Some((Value::Single(Figure::whole(4)), "4 lần")),
            parent: None,
        }];
        let chart = milestones(&counts, false).expect("a chart");
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
}
