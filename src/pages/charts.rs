//! Charts as inline SVG, laid out here in numbers so that templates only
//! draw. Every chart has a title and a description written from the figures,
//! and stands beside a table of the same figures, so nothing depends on
//! seeing colour or shape.

use crate::count::{Stage, Tally};
use crate::format::Share;
use crate::model::Votes;
use crate::narrative::and_list;

use super::views::CountContext;

/// Width of the flow chart, in SVG units (one unit is one CSS pixel at full
/// size). It is narrow enough that on a 320 px screen, where it has 288 px,
/// its 14-unit text still renders at 12.6 px.
pub const WIDTH: u32 = 320;
/// Bars of independents and anyone without a party colour.
pub const NEUTRAL: &str = "#8a8f98";
/// Areas whose count is not in yet: pale, and labelled "Count awaited", never a
/// leader's colour.
pub const AWAITED: &str = "#dcdfe4";
/// What an awaited area's tile and key say.
const COUNT_AWAITED: &str = "Count awaited";
/// Labels longer than this are shortened.
const LABEL_CHARS: usize = 40;

#[derive(Debug, Clone)]
pub struct Segment {
    /// Where the segment starts and how long it is, in percent of the
    /// chart's width, so that bars stretch with the screen but text does not.
    pub x: String,
    pub width: String,
    pub fill: String,
    /// Transfers are drawn paler than first preferences.
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

/// Horizontal bars with their labels and values as HTML text, which wraps
/// and keeps its size on any screen; only the bars are SVG.
#[derive(Debug, Clone)]
pub struct BarChart {
    pub id: String,
    pub title: String,
    pub desc: String,
    pub rows: Vec<BarRow>,
    pub marker: Option<Marker>,
    /// A note under the chart, such as what pale bars mean.
    pub note: Option<String>,
}

/// One bar's worth of input: a label and one or two stacked values.
pub struct BarInput {
    pub label: String,
    pub value: String,
    pub colour: String,
    pub first: Votes,
    pub transfers: Option<Votes>,
}

fn num(x: f64) -> String {
    format!("{x:.1}")
}

fn shorten(label: &str) -> String {
    shorten_to(label, LABEL_CHARS)
}

/// Horizontal bars, one per input, with an optional reference line at
/// `marker` votes.
pub fn bar_chart(
    id: &str,
    title: String,
    desc: String,
    inputs: Vec<BarInput>,
    marker: Option<(Votes, String)>,
) -> BarChart {
    let largest = inputs
        .iter()
        .map(|i| i.first + i.transfers.unwrap_or_default())
        .chain(marker.iter().map(|(v, _)| *v))
        .max()
        .unwrap_or_default();
    let percent = |v: Votes| {
        if largest.0 == 0 {
            0.0
        } else {
            v.0 as f64 / largest.0 as f64 * 100.0
        }
    };
    let rows = inputs
        .into_iter()
        .map(|input| {
            let mut segments = vec![Segment {
                x: num(0.0),
                width: num(percent(input.first)),
                fill: input.colour.clone(),
                opacity: "1",
            }];
            if let Some(transfers) = input.transfers {
                segments.push(Segment {
                    x: num(percent(input.first)),
                    width: num(percent(transfers)),
                    fill: input.colour,
                    opacity: "0.4",
                });
            }
            BarRow {
                label: shorten(&input.label),
                value: input.value,
                segments,
            }
        })
        .collect();
    let marker = marker.map(|(votes, label)| {
        let x = percent(votes);
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
    }
}

/// The first count of a tally: one bar per candidate, by votes, with the
/// threshold for a first-count win when there was one.
pub fn first_count(
    cx: &CountContext,
    tally: &Tally,
    id: &str,
    place: &str,
    threshold: Option<Votes>,
) -> BarChart {
    let mut by_votes: Vec<_> = tally.candidates.iter().collect();
    by_votes.sort_by(|a, b| b.first.cmp(&a.first).then(a.id.cmp(&b.id)));
    let inputs: Vec<BarInput> = by_votes
        .iter()
        .map(|c| BarInput {
            label: label(cx, &c.id),
            value: format!("{} ({})", c.first, Share::new(c.first, tally.valid_first)),
            colour: colour(cx, &c.id),
            first: c.first,
            transfers: None,
        })
        .collect();
    let leader = by_votes.first();
    let mut desc = match leader {
        Some(l) => format!(
            "{} valid first preferences{place}. {} had the most, {} ({}).",
            tally.valid_first,
            cx.candidate_link(&l.id).text,
            l.first,
            Share::new(l.first, tally.valid_first)
        ),
        None => format!("No votes{place}."),
    };
    if let Some(t) = threshold {
        desc += &format!(
            " The line marks {t} votes, more than half: the mark for winning at the first count."
        );
    }
    bar_chart(
        id,
        format!("First preferences{place}"),
        desc,
        inputs,
        threshold.map(|t| (t, format!("More than half: {t}"))),
    )
}

/// The second count: first preferences and transfers stacked, with the line
/// at half of the second-count total for the whole election.
pub fn second_count(
    cx: &CountContext,
    tally: &Tally,
    id: &str,
    place: &str,
    winning_line: bool,
) -> Option<BarChart> {
    let whole = tally.second_count_total()?;
    let finalists: Vec<_> = tally
        .candidates
        .iter()
        .filter(|c| c.total.is_some())
        .collect();
    let inputs = finalists
        .iter()
        .map(|c| BarInput {
            label: label(cx, &c.id),
            value: format!(
                "{} ({})",
                c.total.unwrap_or_default(),
                Share::new(c.total.unwrap_or_default(), whole)
            ),
            colour: colour(cx, &c.id),
            first: c.first,
            transfers: c.transfers,
        })
        .collect();
    let parts: Vec<String> = finalists
        .iter()
        .map(|c| {
            format!(
                "{} {} + {} = {}",
                cx.candidate_link(&c.id).text,
                c.first,
                c.transfers.unwrap_or_default(),
                c.total.unwrap_or_default()
            )
        })
        .collect();
    let mut desc = format!(
        "Second count{place}: first preferences plus transfers. {}.",
        and_list(&parts)
    );
    let marker = winning_line.then(|| {
        desc += &format!(" The line marks half of the {whole} votes in the second count.");
        let half = if whole.0 % 2 == 0 {
            Votes(whole.0 / 2).to_string()
        } else {
            format!("{}.5", Votes(whole.0 / 2))
        };
        (Votes(whole.0 / 2), format!("Half: {half}"))
    });
    let mut chart = bar_chart(id, format!("Second count{place}"), desc, inputs, marker);
    chart.note = Some("Solid: first preferences. Pale: transfers.".into());
    Some(chart)
}

/// "James Palmer (Conservative Party)".
fn label(cx: &CountContext, id: &crate::model::CandidateId) -> String {
    format!("{} ({})", cx.candidate_link(id).text, cx.party(id).name)
}

pub fn colour(cx: &CountContext, id: &crate::model::CandidateId) -> String {
    cx.party(id).colour.unwrap_or_else(|| NEUTRAL.to_owned())
}

#[derive(Debug, Clone)]
pub struct FlowNode {
    pub y: String,
    pub height: String,
    pub fill: String,
    /// The label wrapped onto lines that fit beside the node.
    pub lines: Vec<String>,
    pub value: String,
    /// The baseline of the label's first line.
    pub label_y: String,
}

#[derive(Debug, Clone)]
pub struct Flow {
    pub path: String,
    pub fill: String,
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

/// Where a flow starts (an eliminated candidate, or all of them together)
/// and ends (a remaining candidate, or non-transferable).
pub struct FlowInput {
    pub label: String,
    pub colour: String,
    /// Votes to each target, in target order.
    pub to: Vec<Votes>,
}

pub struct FlowTarget {
    pub label: String,
    pub colour: String,
}

const FLOW_HEIGHT: f64 = 240.0;
const NODE_GAP: f64 = 10.0;
/// Room for labels beside the nodes: lines of about this many characters
/// (90 units at 14 units a character's height), at most `LABEL_LINES` of them.
const LABEL_LINE_CHARS: usize = 12;
const LABEL_LINES: usize = 3;
/// From one line of a label to the next.
const LINE: f64 = 15.0;
/// Baseline to the top of the letters, and the space between labels.
const ASCENT: f64 = 11.0;
const LABEL_SPACE: f64 = 6.0;
const SOURCE_X: f64 = 96.0;
const TARGET_X: f64 = 216.0;
const NODE_WIDTH: f64 = 8.0;
const LABEL_OFFSET: f64 = 6.0;

/// A flow diagram: bands from each source to each target, their widths in
/// proportion to votes.
pub fn flow_chart(
    id: &str,
    title: String,
    desc: String,
    sources: &[FlowInput],
    targets: &[FlowTarget],
) -> FlowChart {
    let total: u64 = sources.iter().flat_map(|s| s.to.iter()).map(|v| v.0).sum();
    let gaps = |n: usize| NODE_GAP * n.saturating_sub(1) as f64;
    let span = FLOW_HEIGHT - gaps(sources.len().max(targets.len()));
    let scale = |v: u64| {
        if total == 0 {
            0.0
        } else {
            v as f64 / total as f64 * span
        }
    };
    let source_sizes: Vec<u64> = sources
        .iter()
        .map(|s| s.to.iter().map(|v| v.0).sum())
        .collect();
    let target_sizes: Vec<u64> = (0..targets.len())
        .map(|t| sources.iter().map(|s| s.to.get(t).map_or(0, |v| v.0)).sum())
        .collect();
    let source_tops = stack(&source_sizes, &scale);
    let target_tops = stack(&target_sizes, &scale);
    let mut flows = Vec::new();
    let mut target_used = vec![0.0; targets.len()];
    for (s, source) in sources.iter().enumerate() {
        let mut used = 0.0;
        for (t, votes) in source.to.iter().enumerate() {
            let h = scale(votes.0);
            if h <= 0.0 {
                continue;
            }
            let (y0, y1) = (source_tops[s] + used, target_tops[t] + target_used[t]);
            flows.push(Flow {
                path: band(y0, y1, h),
                fill: targets[t].colour.clone(),
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
                let lines = wrap_label(label, LABEL_LINE_CHARS, LABEL_LINES);
                // The label's lines and the value under them, centred on the node.
                let block = (lines.len() as f64) * LINE;
                let label_y = (top + h / 2.0 - block / 2.0 + ASCENT / 2.0).max(free);
                free = label_y + block + 4.0 + LABEL_SPACE + ASCENT;
                FlowNode {
                    y: num(*top),
                    height: num(h),
                    fill: fill.to_owned(),
                    lines,
                    value: Votes(*size).to_string(),
                    label_y: num(label_y),
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
    // The bottom of the lowest value under a label.
    let lowest_label = sources_out
        .iter()
        .chain(&targets_out)
        .filter_map(|n| {
            let y = n.label_y.parse::<f64>().ok()?;
            Some(y + n.lines.len() as f64 * LINE + 4.0)
        })
        .fold(FLOW_HEIGHT, f64::max);
    let rows = sources
        .iter()
        .zip(&source_sizes)
        .map(|(source, size)| FlowRow {
            source: source.label.clone(),
            values: source.to.iter().map(ToString::to_string).collect(),
            total: Votes(*size).to_string(),
        })
        .collect();
    FlowChart {
        id: id.to_owned(),
        title,
        desc,
        width: WIDTH,
        height: (lowest_label + 8.0).ceil() as u32,
        source_x: SOURCE_X as u32,
        target_x: TARGET_X as u32,
        source_label_x: (SOURCE_X - LABEL_OFFSET) as u32,
        target_label_x: (TARGET_X + NODE_WIDTH + LABEL_OFFSET) as u32,
        sources: sources_out,
        targets: targets_out,
        flows,
        columns: targets.iter().map(|t| t.label.clone()).collect(),
        rows,
    }
}

/// The top of each node when nodes of these sizes are stacked with gaps.
fn stack(sizes: &[u64], scale: &impl Fn(u64) -> f64) -> Vec<f64> {
    let mut y = 4.0;
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
    let (x0, x1) = (SOURCE_X + NODE_WIDTH, TARGET_X);
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

/// One area on the tile map: a cell of a CSS grid, so its text wraps and
/// stays at full size however narrow the screen.
#[derive(Debug, Clone)]
pub struct Tile {
    /// Grid lines count from 1.
    pub column: u32,
    pub row: u32,
    pub fill: String,
    pub text_fill: &'static str,
    pub name: String,
    /// Who led, or "Count awaited".
    pub leader: String,
    /// Read after the name by a screen reader: ": led by" or ": count".
    pub joint: &'static str,
    pub href: String,
}

#[derive(Debug, Clone)]
pub struct TileMap {
    pub id: String,
    pub title: String,
    pub desc: String,
    pub columns: u32,
    pub tiles: Vec<Tile>,
    /// Colour key: each leader's colour and who it stands for.
    pub key: Vec<(String, String)>,
}

pub struct TileInput {
    pub position: (u32, u32),
    pub name: String,
    pub leader: String,
    pub colour: String,
    pub href: String,
    /// The area's count is not in yet.
    pub awaited: bool,
}

pub fn tile_map(
    id: &str,
    title: String,
    desc: String,
    inputs: Vec<TileInput>,
    key: Vec<(String, String)>,
) -> TileMap {
    let columns = inputs.iter().map(|t| t.position.0 + 1).max().unwrap_or(1);
    // Row by row, so that reading and tabbing follow the map.
    let mut inputs = inputs;
    inputs.sort_by_key(|t| (t.position.1, t.position.0));
    let tiles = inputs
        .into_iter()
        .map(|input| Tile {
            column: input.position.0 + 1,
            row: input.position.1 + 1,
            text_fill: text_colour_on(&input.colour),
            fill: input.colour,
            name: input.name,
            joint: if input.awaited { ": " } else { ": led by" },
            leader: input.leader,
            href: input.href,
        })
        .collect();
    TileMap {
        id: id.to_owned(),
        title,
        desc,
        columns,
        tiles,
        key,
    }
}

fn shorten_to(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        return text.to_owned();
    }
    let mut short: String = text.chars().take(chars - 1).collect();
    short.push('…');
    short
}

/// A label on at most `most` lines of about `width` characters, broken
/// between words or after a hyphen ("Non-" / "transferable"); a longer one is
/// shortened on its last line.
fn wrap_label(text: &str, width: usize, most: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        for (i, piece) in word.split_inclusive('-').enumerate() {
            let joint = if i == 0 { " " } else { "" };
            match lines.last_mut() {
                Some(line)
                    if line.chars().count() + joint.len() + piece.chars().count() <= width =>
                {
                    line.push_str(joint);
                    line.push_str(piece);
                }
                _ => lines.push(piece.to_owned()),
            }
        }
    }
    if lines.len() > most {
        lines.truncate(most);
        if let Some(last) = lines.last_mut() {
            *last = format!("{}…", shorten_to(last, width).trim_end_matches('…'));
        }
    }
    lines
}

/// Black or white, whichever reads better on the fill (WCAG contrast).
pub fn text_colour_on(fill: &str) -> &'static str {
    let luminance = relative_luminance(fill).unwrap_or(1.0);
    let on_black = (luminance + 0.05) / 0.05;
    let on_white = 1.05 / (luminance + 0.05);
    if on_black >= on_white {
        "#000000"
    } else {
        "#ffffff"
    }
}

fn relative_luminance(hex: &str) -> Option<f64> {
    let hex = hex.strip_prefix('#')?;
    let full: String = match hex.len() {
        3 => hex.chars().flat_map(|c| [c, c]).collect(),
        6 => hex.to_owned(),
        _ => return None,
    };
    let channel = |i: usize| -> Option<f64> {
        let v = f64::from(u8::from_str_radix(&full[i..i + 2], 16).ok()?) / 255.0;
        Some(if v <= 0.039_28 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        })
    };
    Some(0.2126 * channel(0)? + 0.7152 * channel(2)? + 0.0722 * channel(4)?)
}

/// Where the eliminated candidates' ballot papers went. With ballot-level
/// data each eliminated candidate's papers flow separately; with totals only,
/// all of them together.
pub fn transfers(cx: &CountContext) -> Option<FlowChart> {
    let overall = &cx.outcome.overall;
    let non_transferable = overall.non_transferable?;
    let remaining: Vec<_> = overall
        .candidates
        .iter()
        .filter(|c| c.total.is_some())
        .collect();
    let eliminated: Vec<_> = overall
        .candidates
        .iter()
        .filter(|c| c.total.is_none())
        .collect();
    let mut targets: Vec<FlowTarget> = remaining
        .iter()
        .map(|c| FlowTarget {
            label: cx.candidate_link(&c.id).text,
            colour: colour(cx, &c.id),
        })
        .collect();
    targets.push(FlowTarget {
        label: "Non-transferable".into(),
        colour: NEUTRAL.into(),
    });
    let sources: Vec<FlowInput> = match &overall.first_by_second {
        Some(table) => eliminated
            .iter()
            .filter_map(|e| table.rows.iter().find(|row| row.first == e.id))
            .map(|row| {
                let to_remaining: Vec<Votes> = remaining
                    .iter()
                    .map(|r| {
                        row.seconds
                            .iter()
                            .filter(|(second, _)| second.as_ref() == Some(&r.id))
                            .map(|(_, v)| *v)
                            .sum()
                    })
                    .collect();
                let all: Votes = row.seconds.iter().map(|(_, v)| *v).sum();
                let stays = all - to_remaining.iter().sum();
                FlowInput {
                    label: cx.candidate_link(&row.first).text,
                    colour: colour(cx, &row.first),
                    to: to_remaining.into_iter().chain([stays]).collect(),
                }
            })
            .collect(),
        None => vec![FlowInput {
            label: format!("{} eliminated", count_words(eliminated.len())),
            colour: NEUTRAL.into(),
            to: remaining
                .iter()
                .map(|r| r.transfers.unwrap_or_default())
                .chain([non_transferable])
                .collect(),
        }],
    };
    let papers: Votes = overall.transfers().unwrap_or_default() + non_transferable;
    let parts: Vec<String> = remaining
        .iter()
        .map(|r| {
            format!(
                "{} to {}",
                r.transfers.unwrap_or_default(),
                cx.candidate_link(&r.id).text
            )
        })
        .collect();
    let desc = format!(
        "Of the {papers} ballot papers whose first preference was for an eliminated candidate, {} transferred, and {non_transferable} were non-transferable.",
        and_list(&parts)
    );
    Some(flow_chart(
        "transfers-chart",
        "Where the transfers went".into(),
        desc,
        &sources,
        &targets,
    ))
}

fn count_words(n: usize) -> String {
    const WORDS: [&str; 11] = [
        "No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| (*w).to_owned())
}

/// The counting areas as tiles, coloured by who led at the first count.
pub fn area_tiles(cx: &CountContext) -> Option<TileMap> {
    let areas = &cx.election.areas;
    if areas.is_empty()
        || (cx.outcome.overall.valid_first == Votes::ZERO && !cx.outcome.is_counting())
    {
        return None;
    }
    let mut key: Vec<(String, String)> = Vec::new();
    let mut led: Vec<(String, Vec<String>)> = Vec::new();
    let inputs: Vec<TileInput> = areas
        .iter()
        .zip(&cx.outcome.areas)
        .enumerate()
        .map(|(i, (area, tallied))| {
            let leaders = tallied.tally.first_leaders();
            let awaited = tallied.stage == Stage::Awaiting;
            let (leader, colour) = match leaders[..] {
                _ if awaited => (COUNT_AWAITED.to_owned(), AWAITED.to_owned()),
                [one] => (cx.candidate_link(one).text, colour(cx, one)),
                [] => ("No votes".to_owned(), NEUTRAL.to_owned()),
                _ => ("Tied".to_owned(), NEUTRAL.to_owned()),
            };
            let described = match leaders[..] {
                [one] => format!("{} ({})", leader, cx.party(one).name),
                _ => leader.clone(),
            };
            if !key.iter().any(|(c, l)| c == &colour && l == &described) {
                key.push((colour.clone(), described));
            }
            match led.iter_mut().find(|(who, _)| who == &leader) {
                Some((_, names)) => names.push(area.name.clone()),
                None => led.push((leader.clone(), vec![area.name.clone()])),
            }
            let index = u32::try_from(i).unwrap_or(0);
            TileInput {
                position: area.tile.unwrap_or((index % 4, index / 4)),
                name: area.name.clone(),
                leader,
                colour,
                href: cx.area_link(area).href,
                awaited,
            }
        })
        .collect();
    let summary: Vec<String> = led
        .iter()
        .map(|(who, names)| match who.as_str() {
            COUNT_AWAITED => format!(
                "the count awaited in {} ({})",
                names.len(),
                names.join(", ")
            ),
            _ => format!("{who} in {} ({})", names.len(), names.join(", ")),
        })
        .collect();
    let desc = format!(
        "Counting areas coloured by who led at the first count{}: {}.",
        if cx.outcome.is_counting() {
            " so far"
        } else {
            ""
        },
        and_list(&summary)
    );
    Some(tile_map(
        "area-map",
        if cx.outcome.is_counting() {
            "Who leads in each counting area so far (provisional)".into()
        } else {
            "Who led in each counting area".into()
        },
        desc,
        inputs,
        key,
    ))
}

/// A candidate's votes in each area, stacked with transfers when they were
/// in the second count.
pub fn by_area(cx: &CountContext, id: &crate::model::CandidateId) -> Option<BarChart> {
    let name = cx.candidate_link(id).text;
    let fill = colour(cx, id);
    let mut parts = Vec::new();
    let inputs: Vec<BarInput> = cx
        .election
        .areas
        .iter()
        .zip(&cx.outcome.areas)
        .filter(|(_, tallied)| tallied.stage != Stage::Awaiting)
        .filter_map(|(area, tallied)| {
            let result = tallied.tally.candidate(id)?;
            let last = result.last();
            parts.push(format!("{} {last}", area.name));
            Some(BarInput {
                label: area.name.clone(),
                value: last.to_string(),
                colour: fill.clone(),
                first: result.first,
                transfers: result.transfers,
            })
        })
        .collect();
    if inputs.is_empty() {
        return None;
    }
    let stacked = inputs.iter().any(|i| i.transfers.is_some());
    let what = if stacked {
        "votes after transfers"
    } else {
        "first preferences"
    };
    let desc = format!(
        "{name}'s {what} in each counting area: {}.",
        and_list(&parts)
    );
    let mut chart = bar_chart(
        "by-area-chart",
        format!("{name} by local authority"),
        desc,
        inputs,
        None,
    );
    if stacked {
        chart.note = Some("Solid: first preferences. Pale: transfers.".into());
    }
    Some(chart)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiles_are_listed_row_by_row_as_the_map_reads() {
        let tile = |x, y| TileInput {
            position: (x, y),
            name: format!("{x},{y}"),
            leader: String::new(),
            colour: NEUTRAL.into(),
            href: String::new(),
            awaited: false,
        };
        let map = tile_map(
            "m",
            String::new(),
            String::new(),
            vec![tile(1, 2), tile(0, 0), tile(1, 0), tile(0, 1)],
            Vec::new(),
        );
        let order: Vec<&str> = map.tiles.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(order, ["0,0", "1,0", "0,1", "1,2"]);
        assert_eq!(map.columns, 2);
        assert_eq!((map.tiles[3].column, map.tiles[3].row), (2, 3));
    }

    #[test]
    fn text_on_tiles_takes_the_more_readable_colour() {
        assert_eq!(text_colour_on("#0087dc"), "#000000");
        assert_eq!(text_colour_on("#12355b"), "#ffffff");
        assert_eq!(text_colour_on("#faa61a"), "#000000");
        assert_eq!(text_colour_on("#e4003b"), "#ffffff");
        assert_eq!(text_colour_on("#fff"), "#000000");
    }

    #[test]
    fn bars_are_in_percent_and_the_marker_label_ends_at_its_line() {
        let input = |first, transfers| BarInput {
            label: "A".into(),
            value: "v".into(),
            colour: "#000000".into(),
            first: Votes(first),
            transfers,
        };
        let chart = bar_chart(
            "c",
            "t".into(),
            "d".into(),
            vec![input(50, Some(Votes(25))), input(25, None)],
            Some((Votes(100), "m".into())),
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
    fn flows_add_up_at_both_ends() {
        let chart = flow_chart(
            "f",
            "t".into(),
            "d".into(),
            &[
                FlowInput {
                    label: "a".into(),
                    colour: "#000".into(),
                    to: vec![Votes(30), Votes(10)],
                },
                FlowInput {
                    label: "b".into(),
                    colour: "#000".into(),
                    to: vec![Votes(0), Votes(60)],
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
