//! The chart's geometry: bars, dots and the baseline on one scale, years
//! in proportion, and no label over another, a bar or a dot.

use super::*;
use crate::figure::Figure;

#[test]
fn bars_stand_on_the_baseline_in_proportion_and_bands_float() {
    let years = [
        Year {
            year: 2025,
            label: "2025".into(),
            own: Some((Value::Single(Figure::whole(60)), "60%")),
            parent: Some((Value::Single(Figure::whole(50)), "50%")),
            actual: None,
        },
        Year {
            year: 2030,
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
        [(26.67, "2025"), (293.33, "2030")],
        "2025 and 2030 are five years apart, at each end"
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
        year: 2025,
        label: "2025".into(),
        own: None,
        parent: None,
        actual: None,
    }];
    assert!(milestones(&empty, None, false).is_none());
    let negative = [Year {
        year: 2025,
        label: "2025".into(),
        own: Some((Value::Single(Figure::whole(-1)), "-1")),
        parent: None,
        actual: None,
    }];
    assert!(milestones(&negative, None, false).is_none());
    let counts = [Year {
        year: 2025,
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
            year: 2024,
            label: "2024 nữ".into(),
            own: None,
            parent: None,
            actual: Some((40.0, "40%")),
        },
        Year {
            year: 2025,
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
        year: 2024,
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
        year: 2025,
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

fn figure(text: &str) -> Figure {
    Figure::decimal(text).expect("a figure")
}

fn single(text: &str) -> Value {
    Value::Single(figure(text))
}

fn band(low: &str, high: &str) -> Value {
    Value::Band(figure(low), figure(high))
}

/// No two labels overlap, nor a label a bar or a dot, and every one is
/// inside the drawing.
fn assert_apart(chart: &Chart, case: &str) {
    let labels = chart.label_boxes();
    for (i, a) in labels.iter().enumerate() {
        for b in &labels[i + 1..] {
            assert!(!a.overlaps(b), "{case}: {a:?} and {b:?}");
        }
        let shapes = chart.shape_boxes();
        assert!(
            shapes.iter().all(|s| !a.overlaps(s)),
            "{case}: {a:?} over a shape"
        );
        assert!(
            a.left >= 0.0 && a.right <= chart.width && a.top >= 0.0,
            "{case}: {a:?} outside"
        );
        assert!(a.bottom <= chart.height, "{case}: {a:?} outside");
    }
}

/// A chart to draw: its name, its years and its baseline.
type Case<'a> = (&'a str, Vec<Year<'a>>, Option<(f64, &'a str)>);

/// The charts the users found labels colliding in, and others like them.
#[test]
fn no_two_labels_overlap_nor_cover_a_bar_or_a_dot() {
    let year = |year: i32, own, parent, actual| Year {
        year,
        label: year.to_string(),
        own,
        parent,
        actual,
    };
    let cases: Vec<Case> = vec![
        (
            "close values, two series",
            vec![
                year(
                    2025,
                    Some((single("93"), "93%")),
                    Some((single("92"), "92%")),
                    None,
                ),
                year(
                    2026,
                    Some((single("94"), "94%")),
                    Some((single("94"), "94%")),
                    None,
                ),
            ],
            None,
        ),
        (
            "a band and an actual in one year, the baseline under a band",
            vec![
                year(
                    2023,
                    None,
                    Some((single("45"), "45%")),
                    Some((44.25, "44,25%")),
                ),
                year(
                    2024,
                    Some((band("40", "45"), "40–45%")),
                    Some((band("40", "45"), "40–45%")),
                    Some((43.0, "43%")),
                ),
                year(
                    2025,
                    Some((single("50"), "50%")),
                    Some((single("50"), "50%")),
                    Some((49.5, "49,5%")),
                ),
                year(
                    2030,
                    Some((band("50", "55"), "50–55%")),
                    Some((band("50", "55"), "50–55%")),
                    None,
                ),
            ],
            Some((44.25, "44,25%")),
        ),
        (
            "a baseline equal to a milestone",
            vec![
                year(2021, Some((single("44.25"), "44,25%")), None, None),
                year(2022, Some((band("50", "55"), "50–55%")), None, None),
            ],
            Some((44.25, "44,25%")),
        ),
        (
            "many years close together",
            (2020..2031)
                .map(|y| year(y, Some((single("99"), "99,5%")), None, Some((99.0, "99%"))))
                .collect(),
            Some((99.0, "99%")),
        ),
    ];
    for (case, years, base) in &cases {
        let chart = milestones(years, *base, true).expect("a chart");
        assert_apart(&chart, case);
        assert_eq!(&chart, &milestones(years, *base, true).expect("a chart"));
    }
    let groups: Vec<Year> = [2024, 2024, 2025, 2025]
        .into_iter()
        .zip(["nam", "nữ", "nam", "nữ"])
        .map(|(y, g)| Year {
            year: y,
            label: format!("{y} {g}"),
            own: Some((single("90"), "90%")),
            parent: None,
            actual: Some((91.0, "91%")),
        })
        .collect();
    let chart = milestones(&groups, Some((90.0, "90%")), true).expect("a chart");
    assert_apart(&chart, "groups");
}

/// Years stand in proportion: 2025 → 2030 is five times 2024 → 2025.
#[test]
fn years_stand_at_x_in_proportion_to_the_year() {
    let years: Vec<Year> = [2023, 2024, 2025, 2030]
        .into_iter()
        .map(|y| Year {
            year: y,
            label: y.to_string(),
            own: Some((single("50"), "50%")),
            parent: None,
            actual: None,
        })
        .collect();
    let chart = milestones(&years, None, true).expect("a chart");
    let x: Vec<f64> = chart.ticks.iter().map(|t| t.x).collect();
    let step = x[1] - x[0];
    assert!((x[2] - x[1] - step).abs() < 0.02, "{x:?}");
    assert!((x[3] - x[2] - 5.0 * step).abs() < 0.05, "{x:?}");
    for (bar, tick) in chart.bars.iter().zip(&chart.ticks) {
        assert!((bar.x + bar.width / 2.0 - tick.x).abs() < 0.02);
    }
}
