//! Horizontal bar charts: labels and values as HTML text, which wraps and
//! keeps its size on any screen; only the bars are SVG, in percent of the
//! chart's width.

use super::num;
use super::text::shorten;

/// Labels longer than this many characters are shortened.
pub const LABEL_CHARS: usize = 40;
/// The height of one bar's SVG row, in pixels; the marker line runs its
/// full height.
pub const ROW_HEIGHT: u32 = 20;
/// The bar inside its row: its top and its thickness.
pub const BAR_Y: u32 = 3;
pub const BAR_HEIGHT: u32 = 14;
/// Transfers are drawn paler than first preferences.
const FIRST_OPACITY: &str = "1";
const TRANSFERS_OPACITY: &str = "0.4";

#[derive(Debug, Clone)]
pub struct Segment {
    /// Where the segment starts and how long it is, in percent of the
    /// chart's width, so that bars stretch with the screen but text does not.
    pub x: String,
    pub width: String,
    pub fill: String,
    pub opacity: &'static str,
}

#[derive(Debug, Clone)]
pub struct BarRow {
    pub label: String,
    pub value: String,
    pub segments: Vec<Segment>,
}

/// A vertical reference line, such as the first-count threshold, drawn
/// through every bar.
#[derive(Debug, Clone)]
pub struct Marker {
    /// In percent of the chart's width.
    pub x: String,
    pub label: String,
    /// Where its label goes: ending at the line when the line is right of
    /// the middle, starting at it otherwise. A CSS declaration with a
    /// percentage made here from numbers, never from data.
    pub label_style: String,
}

#[derive(Debug, Clone)]
pub struct BarChart {
    pub id: String,
    pub title: String,
    pub desc: String,
    pub rows: Vec<BarRow>,
    pub marker: Option<Marker>,
    /// A note under the chart, such as what pale bars mean.
    pub note: Option<String>,
    /// The drawing's measures, for the template: see the constants above.
    pub row_height: u32,
    pub bar_y: u32,
    pub bar_height: u32,
}

/// One bar's worth of input: a label and one or two stacked numbers.
#[derive(Debug, Clone)]
pub struct BarInput {
    pub label: String,
    /// The figure shown beside the bar, already worded.
    pub value: String,
    pub colour: String,
    pub first: u64,
    /// Drawn after `first`, paler.
    pub transfers: Option<u64>,
}

/// Horizontal bars, one per input, with an optional reference line at
/// `marker`: the longest bar or the marker, whichever is further, spans the
/// whole width.
pub fn bar_chart(
    id: &str,
    title: String,
    desc: String,
    inputs: Vec<BarInput>,
    marker: Option<(u64, String)>,
) -> BarChart {
    let largest = inputs
        .iter()
        .map(|i| i.first + i.transfers.unwrap_or_default())
        .chain(marker.iter().map(|(v, _)| *v))
        .max()
        .unwrap_or_default();
    let percent = |v: u64| {
        if largest == 0 {
            0.0
        } else {
            v as f64 / largest as f64 * 100.0
        }
    };
    let rows = inputs
        .into_iter()
        .map(|input| {
            let mut segments = vec![Segment {
                x: num(0.0),
                width: num(percent(input.first)),
                fill: input.colour.clone(),
                opacity: FIRST_OPACITY,
            }];
            if let Some(transfers) = input.transfers {
                segments.push(Segment {
                    x: num(percent(input.first)),
                    width: num(percent(transfers)),
                    fill: input.colour,
                    opacity: TRANSFERS_OPACITY,
                });
            }
            BarRow {
                label: shorten(&input.label, LABEL_CHARS),
                value: input.value,
                segments,
            }
        })
        .collect();
    let marker = marker.map(|(at, label)| {
        let x = percent(at);
        Marker {
            x: num(x),
            label,
            label_style: if x > 50.0 {
                format!("padding-right: {}%; text-align: right", num(100.0 - x))
            } else {
                format!("padding-left: {}%", num(x))
            },
        }
    });
    BarChart {
        id: id.to_owned(),
        title,
        desc,
        rows,
        marker,
        note: None,
        row_height: ROW_HEIGHT,
        bar_y: BAR_Y,
        bar_height: BAR_HEIGHT,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_in_percent_and_the_marker_label_ends_at_its_line() {
        let input = |first, transfers| BarInput {
            label: "A".into(),
            value: "v".into(),
            colour: "#000000".into(),
            first,
            transfers,
        };
        let chart = bar_chart(
            "c",
            "t".into(),
            "d".into(),
            vec![input(50, Some(25)), input(25, None)],
            Some((100, "m".into())),
        );
        let widths: Vec<&str> = chart
            .rows
            .iter()
            .flat_map(|r| r.segments.iter().map(|s| s.width.as_str()))
            .collect();
        assert_eq!(widths, ["50.0", "25.0", "25.0"]);
        assert_eq!(chart.rows[0].segments[1].x, "50.0");
        let marker = chart.marker.unwrap();
        assert_eq!(marker.x, "100.0");
        assert_eq!(
            marker.label_style, "padding-right: 0.0%; text-align: right",
            "the label ends at a line right of the middle"
        );
    }

    #[test]
    fn long_labels_are_shortened() {
        let chart = bar_chart(
            "c",
            String::new(),
            String::new(),
            vec![BarInput {
                label: "x".repeat(LABEL_CHARS + 5),
                value: String::new(),
                colour: String::new(),
                first: 1,
                transfers: None,
            }],
            None,
        );
        assert_eq!(chart.rows[0].label.chars().count(), LABEL_CHARS);
        assert!(chart.rows[0].label.ends_with('…'));
    }
}
