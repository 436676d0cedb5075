//! Properties of the chart geometry that hold for any figures at all.

use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

use super::flow::{label_bottom, label_top};
use super::*;

/// Rounding to one decimal place, twice at most.
const ROUNDING: f64 = 0.1 + 1e-9;

fn parse(text: &str) -> f64 {
    text.parse().expect("a number")
}

fn bar_inputs() -> impl Strategy<Value = Vec<BarInput>> {
    prop::collection::vec(
        (0u64..2_000_000_000, prop::option::of(0u64..2_000_000_000)),
        0..8,
    )
    .prop_map(|figures| {
        figures
            .into_iter()
            .map(|(first, transfers)| BarInput {
                label: String::new(),
                value: String::new(),
                colour: NEUTRAL.into(),
                first,
                transfers,
            })
            .collect()
    })
}

/// A flow chart's inputs: a few sources, each with papers for every target.
fn flow_inputs() -> impl Strategy<Value = (Vec<FlowInput>, Vec<FlowTarget>)> {
    (1usize..6, 1usize..6).prop_flat_map(|(sources, targets)| {
        (
            prop::collection::vec(
                (
                    "[A-Za-z][A-Za-z -]{0,40}",
                    prop::collection::vec(
                        prop_oneof![Just(0u64), 0u64..50, 0u64..10_000_000],
                        targets,
                    ),
                ),
                sources,
            ),
            prop::collection::vec("[A-Za-z][A-Za-z -]{0,40}", targets),
        )
            .prop_map(|(sources, targets)| {
                (
                    sources
                        .into_iter()
                        .map(|(label, to)| FlowInput {
                            label,
                            colour: NEUTRAL.into(),
                            to,
                        })
                        .collect(),
                    targets
                        .into_iter()
                        .map(|label| FlowTarget {
                            label,
                            colour: NEUTRAL.into(),
                        })
                        .collect(),
                )
            })
    })
}

/// Where failures' seeds are kept and replayed: beside these properties,
/// named outright rather than where proptest's default would put them.
fn config() -> ProptestConfig {
    let saved = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src/charts/properties.proptest-regressions"
    );
    ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(saved))),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]
    #[test]
    fn bars_stay_inside_the_width(
        inputs in bar_inputs(),
        marker in prop::option::of(0u64..4_000_000_000),
    ) {
        let chart = bar_chart("c", String::new(), String::new(), inputs, marker.map(|m| (m, String::new())));
        for row in &chart.rows {
            let mut end = 0.0;
            for segment in &row.segments {
                let (x, width) = (parse(&segment.x), parse(&segment.width));
                prop_assert!(x >= 0.0 && width >= 0.0);
                prop_assert!((x - end).abs() <= ROUNDING, "segments follow on: {x} after {end}");
                end = x + width;
                prop_assert!(end <= 100.0 + ROUNDING, "a bar ends at {end}%");
            }
        }
        if let Some(m) = chart.marker {
            let x = parse(&m.x);
            prop_assert!((0.0..=100.0).contains(&x));
        }
    }

    #[test]
    fn flows_add_up((sources, targets) in flow_inputs()) {
        let chart = flow_chart("f", String::new(), String::new(), &sources, &targets);
        // What leaves each source is what it had; what reaches each target
        // (the non-transferable papers among them) is what was sent to it.
        for (s, input) in sources.iter().enumerate() {
            let sent: u64 = input.to.iter().sum();
            let banded: u64 = chart.flows.iter().filter(|f| f.source == s).map(|f| f.votes).sum();
            prop_assert_eq!(chart.sources[s].votes, sent);
            prop_assert_eq!(banded, sent);
        }
        for (t, node) in chart.targets.iter().enumerate() {
            let sent: u64 = sources.iter().map(|s| s.to[t]).sum();
            let banded: u64 = chart.flows.iter().filter(|f| f.target == t).map(|f| f.votes).sum();
            prop_assert_eq!(node.votes, sent);
            prop_assert_eq!(banded, sent);
        }
        let out: u64 = chart.sources.iter().map(|n| n.votes).sum();
        let arrived: u64 = chart.targets.iter().map(|n| n.votes).sum();
        prop_assert_eq!(out, arrived);
        // Every band starts inside its source's node and ends inside its
        // target's, and together they fill the node.
        for (nodes, from_source) in [(&chart.sources, true), (&chart.targets, false)] {
            for (i, node) in nodes.iter().enumerate() {
                let (top, height) = (parse(&node.y), parse(&node.height));
                let bands: Vec<&Flow> = chart
                    .flows
                    .iter()
                    .filter(|f| if from_source { f.source == i } else { f.target == i })
                    .collect();
                for band in &bands {
                    let y = if from_source { band.from_y } else { band.to_y };
                    prop_assert!(y >= top - ROUNDING);
                    prop_assert!(y + band.thickness <= top + height + ROUNDING);
                }
                let thickness: f64 = bands.iter().map(|b| b.thickness).sum();
                if !bands.is_empty() && height > 1.0 {
                    prop_assert!((thickness - height).abs() <= ROUNDING);
                }
            }
        }
    }

    #[test]
    fn flow_labels_never_overlap((sources, targets) in flow_inputs()) {
        let chart = flow_chart("f", String::new(), String::new(), &sources, &targets);
        for column in [&chart.sources, &chart.targets] {
            let mut above = 0.0;
            for node in column.iter() {
                let y = parse(&node.label_y);
                prop_assert!(!node.lines.is_empty() && node.lines.len() <= 3);
                prop_assert!(
                    label_top(y) >= above - ROUNDING,
                    "a label's top at {} is above the one before's bottom at {}",
                    label_top(y),
                    above
                );
                above = label_bottom(y, node.lines.len());
                prop_assert!(above <= f64::from(chart.height), "a label below the chart");
            }
        }
    }

    #[test]
    fn shortened_text_fits(text in "\\PC{0,60}", chars in 1usize..50) {
        let short = shorten(&text, chars);
        prop_assert!(short.chars().count() <= chars);
        if text.chars().count() <= chars {
            prop_assert_eq!(short, text);
        }
    }

    #[test]
    fn wrapped_text_keeps_every_word_in_order(
        text in "[a-z -]{0,80}",
        width in 1usize..20,
        most in 1usize..5,
    ) {
        let lines = wrap(&text, width, most);
        prop_assert!(lines.len() <= most);
        let squeezed = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let joined = squeezed(&lines.concat());
        if joined.ends_with('…') {
            prop_assert!(squeezed(&text).starts_with(joined.trim_end_matches('…')));
        } else {
            prop_assert_eq!(joined, squeezed(&text));
        }
        for line in &lines {
            // A line over the width is one unbreakable piece (perhaps cut).
            prop_assert!(line.chars().count() <= width + 1 || !line.contains(' '));
        }
    }
}
