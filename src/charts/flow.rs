//! The flow diagram: bands from each source to each target, their widths in
//! proportion to ballot papers, drawn in SVG units (one unit is one CSS
//! pixel at full size) with labels wrapped beside the nodes.

use crate::format::thousands;

use super::num;
use super::text::wrap;

/// Width of the flow chart. It is narrow enough that on a 320 px screen,
/// where it has 288 px, its `FONT_SIZE` text still renders at 12.6 px.
pub const WIDTH: u32 = 320;
/// The size of the chart's text, in units; the labels' room below is
/// measured in it.
pub const FONT_SIZE: u32 = 14;
/// The height the nodes and bands are drawn in; labels may reach lower.
const FLOW_HEIGHT: f64 = 240.0;
/// Above the first node.
const TOP: f64 = 4.0;
/// Between nodes in one column.
const NODE_GAP: f64 = 10.0;
/// Width of a node.
pub const NODE_WIDTH: u32 = 8;
/// Room for labels beside the nodes: lines of about this many characters
/// (90 units at `FONT_SIZE` units a character's height), at most `LABEL_LINES` of them.
const LABEL_LINE_CHARS: usize = 12;
const LABEL_LINES: usize = 3;
/// From one line of a label to the next.
pub const LINE: u32 = 15;
/// Baseline to the top of the letters, and to the bottom of the lowest.
const ASCENT: f64 = 11.0;
const DESCENT: f64 = 4.0;
/// Between one label and the next.
const LABEL_SPACE: f64 = 6.0;
/// Under the lowest label.
const BOTTOM: f64 = 8.0;
/// Where the two columns of nodes stand, and how far their labels keep
/// from them.
const SOURCE_X: u32 = 96;
const TARGET_X: u32 = 216;
const LABEL_OFFSET: u32 = 6;

#[derive(Debug, Clone)]
pub struct FlowNode {
    pub y: String,
    pub height: String,
    pub fill: String,
    /// The label wrapped onto lines that fit beside the node.
    pub lines: Vec<String>,
    /// The node's ballot papers, as shown under its label.
    pub value: String,
    /// The baseline of the label's first line.
    pub label_y: String,
    pub votes: u64,
}

/// One band, from a source's node to a target's.
#[derive(Debug, Clone)]
pub struct Flow {
    pub path: String,
    pub fill: String,
    /// Which source and which target it joins, and how many papers it
    /// stands for.
    pub source: usize,
    pub target: usize,
    pub votes: u64,
    /// Its top at the source and at the target, and its thickness.
    pub from_y: f64,
    pub to_y: f64,
    pub thickness: f64,
}

#[derive(Debug, Clone)]
pub struct FlowChart {
    pub id: String,
    pub title: String,
    pub desc: String,
    pub width: u32,
    pub height: u32,
    /// Where the nodes are drawn and where their labels end and start.
    pub source_x: u32,
    pub target_x: u32,
    pub source_label_x: u32,
    pub target_label_x: u32,
    pub node_width: u32,
    pub font_size: u32,
    /// From one line of a label to the next.
    pub line_height: u32,
    pub sources: Vec<FlowNode>,
    pub targets: Vec<FlowNode>,
    pub flows: Vec<Flow>,
    /// The same figures as a table: a column per target, a row per source.
    pub columns: Vec<String>,
    pub rows: Vec<FlowRow>,
}

#[derive(Debug, Clone)]
pub struct FlowRow {
    pub source: String,
    pub values: Vec<String>,
    pub total: String,
}

/// Where a flow starts (an eliminated candidate, or all of them together).
#[derive(Debug, Clone)]
pub struct FlowInput {
    pub label: String,
    pub colour: String,
    /// Papers to each target, in target order.
    pub to: Vec<u64>,
}

/// Where a flow ends (a remaining candidate, or non-transferable).
#[derive(Debug, Clone)]
pub struct FlowTarget {
    pub label: String,
    pub colour: String,
}

/// A flow diagram: bands from each source to each target, their widths in
/// proportion to papers.
pub fn flow_chart(
    id: &str,
    title: String,
    desc: String,
    sources: &[FlowInput],
    targets: &[FlowTarget],
) -> FlowChart {
    let total: u64 = sources.iter().flat_map(|s| s.to.iter()).sum();
    let gaps = |n: usize| NODE_GAP * n.saturating_sub(1) as f64;
    let span = FLOW_HEIGHT - gaps(sources.len().max(targets.len()));
    let scale = |v: u64| {
        if total == 0 {
            0.0
        } else {
            v as f64 / total as f64 * span
        }
    };
    let source_sizes: Vec<u64> = sources.iter().map(|s| s.to.iter().sum()).collect();
    let target_sizes: Vec<u64> = (0..targets.len())
        .map(|t| {
            sources
                .iter()
                .map(|s| s.to.get(t).copied().unwrap_or(0))
                .sum()
        })
        .collect();
    let source_tops = stack(&source_sizes, &scale);
    let target_tops = stack(&target_sizes, &scale);
    let mut flows = Vec::new();
    let mut target_used = vec![0.0; targets.len()];
    for (s, source) in sources.iter().enumerate() {
        let mut used = 0.0;
        for (t, votes) in source.to.iter().enumerate().take(targets.len()) {
            let h = scale(*votes);
            if h <= 0.0 {
                continue;
            }
            let (y0, y1) = (source_tops[s] + used, target_tops[t] + target_used[t]);
            flows.push(Flow {
                path: band(y0, y1, h),
                fill: targets[t].colour.clone(),
                source: s,
                target: t,
                votes: *votes,
                from_y: y0,
                to_y: y1,
                thickness: h,
            });
            used += h;
            target_used[t] += h;
        }
    }
    let nodes = |sizes: &[u64], tops: &[f64], labels: Vec<(&str, &str)>| -> Vec<FlowNode> {
        // The first line may go no higher than this, so that labels never
        // overlap even where nodes are thin.
        let mut free = ASCENT;
        sizes
            .iter()
            .zip(tops)
            .zip(labels)
            .map(|((size, top), (label, fill))| {
                let h = scale(*size).max(1.0);
                let lines = wrap(label, LABEL_LINE_CHARS, LABEL_LINES);
                // The label's lines and the value under them, centred on the node.
                let block = (lines.len() as f64) * f64::from(LINE);
                let label_y = (top + h / 2.0 - block / 2.0 + ASCENT / 2.0).max(free);
                free = label_bottom(label_y, lines.len()) + LABEL_SPACE + ASCENT;
                FlowNode {
                    y: num(*top),
                    height: num(h),
                    fill: fill.to_owned(),
                    lines,
                    value: thousands(*size),
                    label_y: num(label_y),
                    votes: *size,
                }
            })
            .collect()
    };
    let sources_out = nodes(
        &source_sizes,
        &source_tops,
        sources
            .iter()
            .map(|s| (s.label.as_str(), s.colour.as_str()))
            .collect(),
    );
    let targets_out = nodes(
        &target_sizes,
        &target_tops,
        targets
            .iter()
            .map(|t| (t.label.as_str(), t.colour.as_str()))
            .collect(),
    );
    // The bottom of the lowest value under a label, as drawn.
    let lowest_label = sources_out
        .iter()
        .chain(&targets_out)
        .filter_map(|n| Some(label_bottom(n.label_y.parse().ok()?, n.lines.len())))
        .fold(FLOW_HEIGHT, f64::max);
    let rows = sources
        .iter()
        .zip(&source_sizes)
        .map(|(source, size)| FlowRow {
            source: source.label.clone(),
            values: source.to.iter().map(|v| thousands(*v)).collect(),
            total: thousands(*size),
        })
        .collect();
    FlowChart {
        id: id.to_owned(),
        title,
        desc,
        width: WIDTH,
        height: (lowest_label + BOTTOM).ceil() as u32,
        source_x: SOURCE_X,
        target_x: TARGET_X,
        source_label_x: SOURCE_X - LABEL_OFFSET,
        target_label_x: TARGET_X + NODE_WIDTH + LABEL_OFFSET,
        node_width: NODE_WIDTH,
        font_size: FONT_SIZE,
        line_height: LINE,
        sources: sources_out,
        targets: targets_out,
        flows,
        columns: targets.iter().map(|t| t.label.clone()).collect(),
        rows,
    }
}

/// The top of a label's letters, from the baseline of its first line.
#[cfg(test)]
pub fn label_top(label_y: f64) -> f64 {
    label_y - ASCENT
}

/// The bottom of the value under a label of `lines` lines.
pub fn label_bottom(label_y: f64, lines: usize) -> f64 {
    label_y + lines as f64 * f64::from(LINE) + DESCENT
}

/// The top of each node when nodes of these sizes are stacked with gaps.
fn stack(sizes: &[u64], scale: &impl Fn(u64) -> f64) -> Vec<f64> {
    let mut y = TOP;
    sizes
        .iter()
        .map(|size| {
            let top = y;
            y += scale(*size).max(1.0) + NODE_GAP;
            top
        })
        .collect()
}

/// A band of height `h` from the source column at `y0` to the target column
/// at `y1`, curving between them.
fn band(y0: f64, y1: f64, h: f64) -> String {
    let (x0, x1) = (f64::from(SOURCE_X + NODE_WIDTH), f64::from(TARGET_X));
    let mid = (x0 + x1) / 2.0;
    format!(
        "M{} {}C{} {} {} {} {} {}L{} {}C{} {} {} {} {} {}Z",
        num(x0),
        num(y0),
        num(mid),
        num(y0),
        num(mid),
        num(y1),
        num(x1),
        num(y1),
        num(x1),
        num(y1 + h),
        num(mid),
        num(y1 + h),
        num(mid),
        num(y0 + h),
        num(x0),
        num(y0 + h),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flows_add_up_at_both_ends() {
        let chart = flow_chart(
            "f",
            "t".into(),
            "d".into(),
            &[
                FlowInput {
                    label: "a".into(),
                    colour: "#000".into(),
                    to: vec![30, 10],
                },
                FlowInput {
                    label: "b".into(),
                    colour: "#000".into(),
                    to: vec![0, 60],
                },
            ],
            &[
                FlowTarget {
                    label: "x".into(),
                    colour: "#111".into(),
                },
                FlowTarget {
                    label: "y".into(),
                    colour: "#222".into(),
                },
            ],
        );
        assert_eq!(chart.flows.len(), 3, "no band for a zero flow");
        let values: Vec<&str> = chart.targets.iter().map(|t| t.value.as_str()).collect();
        assert_eq!(values, ["30", "70"]);
        let heights: Vec<f64> = chart
            .sources
            .iter()
            .map(|s| s.height.parse().unwrap())
            .collect();
        assert!((heights[0] / heights[1] - 40.0 / 60.0).abs() < 0.01);
    }
}
